"""Threshold: the incidents linked to an application and the threshold decision."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from csphub.agencies.policies import Action, Capability, acting_membership, can, has_capability
from csphub.audit.services import audit_record
from csphub.casereviews import rules
from csphub.casereviews.models import Application, ApplicationIncident, ThresholdDecisionRecord
from csphub.casereviews.services._common import _local_date, _require_manager, _transition, policy_for
from csphub.core.actor import ActorOrUser, acting_user
from csphub.core.errors import ApplicationError, PermissionDeniedError


def incident_complainant(incident: Any) -> Any:
    """Whom an incident counts as a complaint from: its first victim or reporter, or None."""
    from csphub.cases.models import PartyRole

    complainants = (PartyRole.VICTIM, PartyRole.REPORTER)
    return next((party.person for party in incident.parties.all() if party.role in complainants), None)


def application_link_incident(
    *,
    actor: ActorOrUser,
    application: Application,
    incident: Any,
    complainant: Any = None,
    same_incident_key: str = "",
    named_by_applicant: bool = False,
    note: str = "",
) -> ApplicationIncident:
    """Link an incident (a complaint) to the application, e.g. one the applicant names that was not linked.

    The agency running the procedure links any incident it may see; every other relevant body
    (s.104(6): complaints made to any of them count) links its own incidents.
    """
    if not application_can_link(actor, application):
        raise PermissionDeniedError("You cannot link incidents to this application.")
    if not can(actor, Action.VIEW, incident):
        raise PermissionDeniedError("You cannot link this incident.")
    if not can(actor, Action.CHANGE, application) and not can(actor, Action.CHANGE, incident):
        raise PermissionDeniedError("A relevant body links only its own agency's incidents.")
    if application.threshold_decided_on is not None:
        raise ApplicationError("The threshold has been decided: incidents can no longer be linked.")
    if complainant is not None and not can(actor, Action.VIEW, complainant):
        raise PermissionDeniedError("You cannot link this person.")
    with transaction.atomic():
        link, created = ApplicationIncident.objects.get_or_create(
            application=application,
            incident=incident,
            defaults={
                "complainant": complainant,
                "same_incident_key": same_incident_key.strip(),
                "named_by_applicant": named_by_applicant,
                "note": note.strip(),
                "created_by": acting_user(actor),
                "modified_by": acting_user(actor),
            },
        )
        if not created:
            raise ApplicationError(
                f"{incident.reference} is already linked to this application", field="incident"
            )
        audit_record(actor=actor, verb="casereviewapplication.incident_linked", target=application)
    return link


def application_can_link(actor: Any, application: Application) -> bool:
    """May ``actor`` link incidents to ``application``? Case Review staff of the agency running it, or
    of another relevant body of the area that the application was passed to (s.104(3))."""
    if not has_capability(actor, Capability.MANAGE_CASE_REVIEWS):
        return False
    if can(actor, Action.CHANGE, application):
        return True
    membership = acting_membership(actor)
    return (
        membership is not None
        and can(actor, Action.VIEW, application)
        and application.area.relevant_bodies.filter(pk=membership.agency_id).exists()
    )


def bodies_named_not_linked(application: Application) -> list[str]:
    """Names of the relevant bodies the applicant says they reported to with no complaint linked."""
    bodies = [
        rules.NamedBody(key=str(a.pk), name=a.name, short_name=a.short_name, kind=a.agency_type)
        for a in application.area.relevant_bodies.all()
    ]
    linked: set[str] = set()
    for reporting, owning in application.incident_links.values_list(
        "incident__reporting_agency_id", "incident__owning_agency_id"
    ):
        linked |= {str(reporting), str(owning)}
    return [b.name for b in rules.bodies_named_not_linked(application.reports_described, bodies, linked)]


def application_unlink_incident(*, actor: ActorOrUser, link: ApplicationIncident, reason: str) -> None:
    """Remove a wrongly linked complaint before the threshold is decided; the reason is audited."""
    application = link.application
    _require_manager(actor, application)
    if not reason.strip():
        raise ApplicationError("Enter why this incident should not be linked", field="reason")
    if application.threshold_decided_on is not None:
        raise ApplicationError("The threshold has been decided: incidents can no longer be unlinked.")
    with transaction.atomic():
        link.delete()
        audit_record(
            actor=actor,
            verb="casereviewapplication.incident_unlinked",
            target=application,
            justification=reason.strip(),
        )


def complaints_for(application: Application) -> list[rules.Complaint]:
    """The linked incidents as plain complaints for the threshold engine."""
    complaints = []
    links = application.incident_links.select_related("incident", "incident__reporting_agency").order_by("pk")
    for link in links:
        incident = link.incident
        complainant_key = f"person:{link.complainant_id}" if link.complainant_id else None
        complaints.append(
            rules.Complaint(
                key=f"incident:{incident.pk}",
                behaviour_on=_local_date(incident.occurred_at),
                reported_on=_local_date(incident.reported_at),
                # The full name: the explanation is also what the applicant's letter says.
                reporting_agency=incident.reporting_agency.name,
                complainant_key=complainant_key,
                same_incident_key=link.same_incident_key or None,
                is_hate_motivated=incident.is_hate_motivated,
                summary=incident.reference,
            )
        )
    return complaints


def threshold_preview(application: Application) -> rules.ThresholdDecision:
    """What the engine would decide now (no write)."""
    return rules.assess_threshold(
        complaints_for(application),
        application_on=application.received_on,
        policy=policy_for(application.area, on=application.received_on),
    )


def threshold_decide(
    *,
    actor: ActorOrUser,
    application: Application,
    decided_on: dt.date | None = None,
    discretionary_met: bool = False,
    discretion_reason: str = "",
) -> ThresholdDecisionRecord:
    """Decide the threshold from the linked incidents; store the engine's full result and rule version.

    When the rules say the threshold is met, it is met (s.104(4)): staff cannot decide otherwise.
    When they say it is not, staff may still decide it is met on the local discretionary grounds
    (persistence, harm, adequacy of response — s.104(5)), giving their reasons.
    """
    _require_manager(actor, application)
    decided_on = decided_on or timezone.localdate()
    if decided_on < application.received_on:
        raise ApplicationError(
            "The decision date cannot be before the application was received", field="decided_on"
        )
    decision = threshold_preview(application)
    if discretionary_met and not decision.met and not discretion_reason.strip():
        raise ApplicationError(
            "Explain why the threshold is met although the rules do not require it", field="discretion_reason"
        )
    met = decision.met or discretionary_met
    discretionary = met and not decision.met
    explanation = decision.explanation()
    if discretionary:
        explanation = (
            "The partnership decided that the threshold is met, using its discretion: "
            f"{discretion_reason.strip()}\n\n{explanation}"
        )
    with transaction.atomic():
        _transition(application, rules.Status.THRESHOLD_MET if met else rules.Status.THRESHOLD_NOT_MET)
        record = ThresholdDecisionRecord.objects.create(
            application=application,
            decided_on=decided_on,
            rule_version=decision.rule_version,
            engine_met=decision.met,
            met=met,
            discretionary=discretionary,
            discretion_reason=discretion_reason.strip() if discretionary else "",
            result=decision.to_dict(),
            explanation=explanation,
            created_by=acting_user(actor),
            modified_by=acting_user(actor),
        )
        application.threshold_met = met
        application.threshold_decided_on = decided_on
        # Deciding the threshold does not acknowledge the application: only an acknowledgement sent
        # (the letter, or one recorded as sent another way) does, so its service level shows the truth.
        application.modified_by = acting_user(actor)
        application.save()
        audit_record(
            actor=actor,
            verb="casereviewapplication.threshold_decided",
            target=application,
            changed_fields=["status", "threshold_met", "threshold_decided_on"],
        )
    return record
