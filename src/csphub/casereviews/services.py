"""Every write of the ASB Case Review app: ``<entity>_<verb>(*, actor, ...)``.

Each service checks permission and rules, writes in ``transaction.atomic`` and records its audit event
in the same transaction; e-mail goes out ``on_commit``. Public (no-login) services take ``actor=None``
and are audited as such.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.core import signing
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from csphub.agencies.models import Agency
from csphub.agencies.policies import (
    ROLE_CAPABILITIES,
    Action,
    Capability,
    acting_membership,
    can,
    has_capability,
)
from csphub.agencies.services import share_record
from csphub.audit.services import audit_record
from csphub.casereviews import rules
from csphub.casereviews.models import (
    Appeal,
    AppealOutcome,
    Application,
    ApplicationChannel,
    ApplicationIncident,
    CaseReviewArea,
    ExplanationPrompt,
    Letter,
    LetterKind,
    Recommendation,
    ReviewMeeting,
    ThresholdDecisionRecord,
    ThresholdRuleSet,
)
from csphub.core.errors import ApplicationError, PermissionDeniedError

REFERENCE_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"  # no look-alikes (0/O, 1/I, 5/S, 8/B, 2/Z)
STATUS_CODE_MINUTES = 30
STATUS_CODE_MAX_ATTEMPTS = 5
# Hashing a dummy value when the reference is unknown keeps both paths equally slow.
_DUMMY_HASH = make_password("not-a-real-code")


# ---------------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------------


def _require_manager(actor: Any, application: Application | None = None) -> None:
    """Case Review staff only; for an existing application, one they may change."""
    if not has_capability(actor, Capability.MANAGE_CASE_REVIEWS):
        raise PermissionDeniedError("You cannot manage ASB Case Reviews in your current role.")
    if application is not None and not can(actor, Action.CHANGE, application):
        raise PermissionDeniedError("You cannot change this application.")


def _raise_problems(problems: list[rules.Problem]) -> None:
    if problems:
        raise ApplicationError(problems[0].message, field=problems[0].field)


def _transition(application: Application, to: rules.Status) -> None:
    if not rules.can_transition(application.status_enum, to=to):
        raise ApplicationError(
            f"This application is '{application.status_label}': "
            f"it cannot move to '{rules.STATUS_LABELS[to]}'."
        )
    application.status = to


def new_reference() -> str:
    """An unguessable reference like ``CR-7KDM-Q4TA`` (the status check also needs a code)."""
    chars = [secrets.choice(REFERENCE_ALPHABET) for _ in range(8)]
    return f"CR-{''.join(chars[:4])}-{''.join(chars[4:])}"


def _local_date(value: dt.datetime) -> dt.date:
    return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()


def policy_for(area: CaseReviewArea, *, on: dt.date) -> rules.ThresholdPolicy:
    """The area's threshold rules in force on ``on`` (the statutory rules if none are configured)."""
    rule_set = area.rule_sets.filter(effective_from__lte=on).order_by("-effective_from", "-id").first()
    return rule_set.as_policy() if rule_set is not None else rules.STATUTORY_POLICY


# ---------------------------------------------------------------------------------------------------
# Configuration
# ---------------------------------------------------------------------------------------------------


# Roles that may change an area's procedure and threshold rules, in the area's managing agency.
def area_can_configure(user: Any, area: CaseReviewArea) -> bool:
    """May ``user`` change ``area``'s procedure? Coordinators and team managers of its managing agency.

    The role question is the policy's (``Capability.CONFIGURE_CASE_REVIEW_AREA``); the area adds only
    that the user must act for its managing agency, so a caseworker of the managing agency, or a
    coordinator of another agency, may not.
    """
    if not has_capability(user, Capability.CONFIGURE_CASE_REVIEW_AREA):
        return False
    membership = acting_membership(user)
    return membership is not None and membership.agency_id == area.managing_agency_id


def _require_configurer(actor: Any, area: CaseReviewArea | None) -> None:
    """``actor=None`` is a set-up command or the demo loader; a person must be allowed to configure."""
    if actor is None:
        return
    if area is None or not area_can_configure(actor, area):
        raise PermissionDeniedError(
            "Only coordinators and team managers of the agency that runs this area's Case Review "
            "procedure can change it."
        )


def spoc_candidates(agency: Agency) -> Any:
    """Users who may be a single point of contact: active Case Review staff of ``agency``."""
    roles = [role for role, caps in ROLE_CAPABILITIES.items() if Capability.MANAGE_CASE_REVIEWS in caps]
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__agency=agency,
            memberships__is_active=True,
            memberships__role__in=roles,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def area_configure(
    *,
    actor: Any,
    name: str,
    slug: str,
    managing_agency: Agency,
    contact_team: str,
    contact_email: str,
    contact_phone: str,
    appeal_body_name: str,
    appeal_body_contact: str = "",
    relevant_bodies: Iterable[Agency] = (),
    sharing_agreement: Any = None,
    default_spoc: Any = None,
    service_levels: rules.ServiceLevels | None = None,
) -> CaseReviewArea:
    """Create or update an area's Case Review procedure.

    ``actor=None`` is a set-up command or the demo and may create areas; a person may only change an
    existing area whose managing agency they coordinate or manage. The managing agency is always one
    of the relevant bodies. The default single point of contact must be Case Review staff of the
    managing agency. Applications already received stay with the agency that received them.
    """
    existing = CaseReviewArea.objects.filter(slug=slug).first()
    if actor is not None and existing is None:
        raise PermissionDeniedError("Areas are set up by the partnership's set-up command.")
    _require_configurer(actor, existing)
    if not appeal_body_name.strip():
        raise ApplicationError(
            "Enter who hears appeals, for example the Police and Crime Commissioner", field="appeal_body_name"
        )
    if not contact_team.strip():
        raise ApplicationError("Enter the team applicants contact", field="contact_team")
    if default_spoc is not None and not spoc_candidates(managing_agency).filter(pk=default_spoc.pk).exists():
        raise ApplicationError(
            f"Choose a default single point of contact who works on Case Reviews at {managing_agency.name}",
            field="default_spoc",
        )
    levels = service_levels or rules.ServiceLevels()
    bodies = {agency.pk: agency for agency in relevant_bodies}
    bodies.setdefault(managing_agency.pk, managing_agency)
    values = {
        "name": name.strip(),
        "managing_agency": managing_agency,
        "contact_team": contact_team.strip(),
        "contact_email": contact_email.strip(),
        "contact_phone": contact_phone.strip(),
        "appeal_body_name": appeal_body_name.strip(),
        "appeal_body_contact": appeal_body_contact.strip(),
        "sharing_agreement": sharing_agreement,
        "default_spoc": default_spoc,
        "acknowledge_wd": levels.acknowledge_wd,
        "threshold_decision_wd": levels.threshold_decision_wd,
        "review_meeting_wd": levels.review_meeting_wd,
        "outcome_letter_wd": levels.outcome_letter_wd,
        "appeal_window_wd": levels.appeal_window_wd,
        "appeal_decision_wd": levels.appeal_decision_wd,
    }
    if existing is None:
        changed = sorted([*values, "relevant_bodies"])
    else:
        changed = sorted(name for name, value in values.items() if getattr(existing, name) != value)
        if set(existing.relevant_bodies.values_list("pk", flat=True)) != set(bodies):
            changed.append("relevant_bodies")
    with transaction.atomic():
        area, created = CaseReviewArea.objects.update_or_create(slug=slug, defaults=values)
        area.relevant_bodies.set(list(bodies.values()))
        if created or changed:
            audit_record(
                actor=actor,
                verb="casereviewarea.created" if created else "casereviewarea.changed",
                target=area,
                changed_fields=changed,
            )
    return area


def rule_set_add(*, actor: Any, area: CaseReviewArea, policy: rules.ThresholdPolicy) -> ThresholdRuleSet:
    """Add a dated threshold policy version; earlier versions stay for the decisions made under them.

    A version can widen the statutory test but never narrow it: ``rules.ThresholdPolicy`` refuses a
    local number above three, and the engine applies the statutory test whatever the version says.
    Adding the same version again with the same rules changes nothing (set-up commands re-run); a
    version label already used for different rules is refused. A person may not date a version
    before the latest one, so that the rules decisions were made under are never rewritten.
    """
    _require_configurer(actor, area)
    values = {
        "effective_from": policy.effective_from,
        "qualifying_complaints_required": policy.qualifying_complaints_required,
        "count_same_incident_once": policy.count_same_incident_once,
        "distinct_complainants_required": policy.distinct_complainants_required,
        "hate_incident_meets_threshold": policy.hate_incident_meets_threshold,
        "description": policy.description,
    }
    existing = area.rule_sets.filter(version=policy.version).first()
    if existing is not None:
        if existing.as_policy() == policy:
            return existing
        raise ApplicationError(
            f"Version '{policy.version}' already exists for {area.name}: give this version a new label",
            field="version",
        )
    latest = area.rule_sets.order_by("-effective_from", "-id").first()
    if actor is not None and latest is not None and policy.effective_from < latest.effective_from:
        raise ApplicationError(
            f"Enter a date on or after {latest.effective_from.day} {latest.effective_from:%B %Y}, when version "
            f"'{latest.version}' took effect",
            field="effective_from",
        )
    with transaction.atomic():
        rule_set = ThresholdRuleSet.objects.create(
            area=area, version=policy.version, created_by=actor, modified_by=actor, **values
        )
        audit_record(actor=actor, verb="thresholdruleset.created", target=rule_set)
    return rule_set


# ---------------------------------------------------------------------------------------------------
# Applying
# ---------------------------------------------------------------------------------------------------


def application_submit(
    *,
    actor: Any,
    area: CaseReviewArea,
    channel: str,
    received_on: dt.date,
    applicant_name: str,
    contact_preference: str,
    applicant_email: str = "",
    applicant_phone: str = "",
    applicant_address: str = "",
    support_needs: str = "",
    is_third_party: bool = False,
    victim_name: str = "",
    relationship_to_victim: str = "",
    victim_consent_given: bool = False,
    victim_consent_how: str = "",
    behaviour_description: str,
    behaviour_location: str,
    behaviour_first_on: dt.date | None,
    behaviour_last_on: dt.date | None,
    reports_described: str,
    spoc: Any = None,
    today: dt.date | None = None,
) -> Application:
    """Record an application made online (``actor=None``) or taken by staff by phone, paper or in person.

    Refuses anonymous applications and third-party applications without the victim's consent; passes
    the application to every relevant body (s.104(3)) by sharing it under the area's agreement.
    """
    today = today or timezone.localdate()
    if channel not in ApplicationChannel.values:
        raise ApplicationError("Select how the application was made", field="channel")
    if actor is None and channel != ApplicationChannel.ONLINE:
        raise PermissionDeniedError(
            "Only staff can record applications made by phone, on paper or in person."
        )
    if actor is not None:
        _require_manager(actor)
    if received_on > today:
        raise ApplicationError("The date received must be today or in the past", field="received_on")
    if not area.is_active:
        raise ApplicationError("This area does not take applications here", field="area")
    _raise_problems(
        rules.application_problems(
            applied_on=received_on,
            applicant_name=applicant_name,
            contact_preference=contact_preference,
            applicant_email=applicant_email,
            applicant_phone=applicant_phone,
            applicant_address=applicant_address,
            is_third_party=is_third_party,
            victim_name=victim_name,
            victim_consent_given=victim_consent_given,
            behaviour_first_on=behaviour_first_on,
            behaviour_last_on=behaviour_last_on,
            behaviour_description=behaviour_description,
            behaviour_location=behaviour_location,
            reports_described=reports_described,
        )
    )
    assert behaviour_first_on is not None and behaviour_last_on is not None  # checked above
    with transaction.atomic():
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    application = Application.objects.create(
                        reference=new_reference(),
                        area=area,
                        owning_agency=area.managing_agency,
                        channel=channel,
                        received_on=received_on,
                        applicant_name=applicant_name.strip(),
                        applicant_email=applicant_email.strip(),
                        applicant_phone=applicant_phone.strip(),
                        applicant_address=applicant_address.strip(),
                        contact_preference=contact_preference,
                        support_needs=support_needs.strip(),
                        is_third_party=is_third_party,
                        victim_name=victim_name.strip() if is_third_party else "",
                        relationship_to_victim=relationship_to_victim.strip() if is_third_party else "",
                        victim_consent_given=victim_consent_given if is_third_party else False,
                        victim_consent_how=victim_consent_how.strip() if is_third_party else "",
                        behaviour_description=behaviour_description.strip(),
                        behaviour_location=behaviour_location.strip(),
                        behaviour_first_on=behaviour_first_on,
                        behaviour_last_on=behaviour_last_on,
                        reports_described=reports_described.strip(),
                        spoc=spoc or area.default_spoc,
                        created_by=actor,
                        modified_by=actor,
                    )
                break
            except IntegrityError:  # a reference collision: astronomically rare, but try again
                continue
        else:  # pragma: no cover
            raise ApplicationError("We could not save the application. Try again.")
        audit_record(
            actor=actor,
            verb="casereviewapplication.submitted",
            target=application,
            acting_agency=area.managing_agency if actor is None else None,
        )
        _pass_to_relevant_bodies(application)
        if application.applicant_email:
            transaction.on_commit(lambda: _send_receipt(application.pk))
    return application


def _pass_to_relevant_bodies(application: Application) -> None:
    """s.104(3): an application made to the point of contact is passed to all relevant bodies."""
    area = application.area
    agreement = area.sharing_agreement
    if agreement is None or not agreement.is_in_force():
        return
    parties = set(agreement.parties.values_list("pk", flat=True))
    for agency in area.relevant_bodies.all():
        if agency.pk == application.owning_agency_id or agency.pk not in parties:
            continue
        share_record(
            actor=None,
            obj=application,
            agency=agency,
            agreement=agreement,
            reason="ASB Case Review application passed to the relevant bodies (ASBCPA 2014 s.104(3))",
            check_permission=False,
        )


def _send_receipt(application_pk: int) -> None:
    application = Application.objects.select_related("area", "spoc").get(pk=application_pk)
    body = render_to_string("casereviews/email/receipt.txt", {"application": application})
    send_mail(
        subject=f"Your ASB Case Review application {application.reference}",
        message=body,
        from_email=None,
        recipient_list=[application.applicant_email],
    )


def application_assign_spoc(*, actor: Any, application: Application, spoc: Any) -> Application:
    """Make ``spoc`` the applicant's single point of contact; the applicant is e-mailed on commit.

    The SPoC must be Case Review staff of the agency that owns the application.
    """
    _require_manager(actor, application)
    if spoc is None or not spoc_candidates(application.owning_agency).filter(pk=spoc.pk).exists():
        raise ApplicationError(
            f"Choose someone who works on Case Reviews at {application.owning_agency.name}", field="spoc"
        )
    if spoc.pk == application.spoc_id:
        raise ApplicationError(
            "This person is already the single point of contact: choose someone else", field="spoc"
        )
    if application.status in (rules.Status.CLOSED, rules.Status.WITHDRAWN):
        raise ApplicationError("This application is closed: its single point of contact cannot change.")
    with transaction.atomic():
        application.spoc = spoc
        application.modified_by = actor
        application.save(update_fields=["spoc", "modified_by", "modified_at"])
        audit_record(
            actor=actor,
            verb="casereviewapplication.spoc_assigned",
            target=application,
            changed_fields=["spoc"],
        )
        if application.applicant_email:
            pk = application.pk
            transaction.on_commit(lambda: _send_spoc_changed(pk))
    return application


def _send_spoc_changed(application_pk: int) -> None:
    application = Application.objects.select_related("area", "spoc").get(pk=application_pk)
    body = render_to_string("casereviews/email/spoc_changed.txt", {"application": application})
    send_mail(
        subject=f"Your ASB Case Review {application.reference}: new contact",
        message=body,
        from_email=None,
        recipient_list=[application.applicant_email],
    )


def application_acknowledge(
    *, actor: Any, application: Application, on: dt.date | None = None
) -> Application:
    _require_manager(actor, application)
    on = on or timezone.localdate()
    if on < application.received_on:
        raise ApplicationError(
            "The acknowledgement date cannot be before the application was received", field="on"
        )
    with transaction.atomic():
        _transition(application, rules.Status.ACKNOWLEDGED)
        application.acknowledged_on = on
        application.modified_by = actor
        application.save(update_fields=["status", "acknowledged_on", "modified_by", "modified_at"])
        audit_record(
            actor=actor,
            verb="casereviewapplication.acknowledged",
            target=application,
            changed_fields=["status", "acknowledged_on"],
        )
    return application


def application_withdraw(*, actor: Any, application: Application, on: dt.date | None = None) -> Application:
    _require_manager(actor, application)
    with transaction.atomic():
        _transition(application, rules.Status.WITHDRAWN)
        application.closed_on = on or timezone.localdate()
        application.save(update_fields=["status", "closed_on", "modified_at"])
        audit_record(
            actor=actor, verb="casereviewapplication.withdrawn", target=application, changed_fields=["status"]
        )
    return application


def application_close(*, actor: Any, application: Application, on: dt.date | None = None) -> Application:
    _require_manager(actor, application)
    with transaction.atomic():
        _transition(application, rules.Status.CLOSED)
        application.closed_on = on or timezone.localdate()
        application.save(update_fields=["status", "closed_on", "modified_at"])
        audit_record(
            actor=actor, verb="casereviewapplication.closed", target=application, changed_fields=["status"]
        )
    return application


# ---------------------------------------------------------------------------------------------------
# Threshold
# ---------------------------------------------------------------------------------------------------


def incident_complainant(incident: Any) -> Any:
    """Whom an incident counts as a complaint from: its first victim or reporter, or None."""
    from csphub.cases.models import PartyRole

    complainants = (PartyRole.VICTIM, PartyRole.REPORTER)
    return next((party.person for party in incident.parties.all() if party.role in complainants), None)


def application_link_incident(
    *,
    actor: Any,
    application: Application,
    incident: Any,
    complainant: Any = None,
    same_incident_key: str = "",
    named_by_applicant: bool = False,
    note: str = "",
) -> ApplicationIncident:
    """Link an incident (a complaint) to the application, e.g. one the applicant names that was not linked."""
    _require_manager(actor, application)
    if not can(actor, Action.VIEW, incident):
        raise PermissionDeniedError("You cannot link this incident.")
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
                "created_by": actor,
                "modified_by": actor,
            },
        )
        if not created:
            raise ApplicationError(
                f"{incident.reference} is already linked to this application", field="incident"
            )
        audit_record(actor=actor, verb="casereviewapplication.incident_linked", target=application)
    return link


def application_unlink_incident(*, actor: Any, link: ApplicationIncident, reason: str) -> None:
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
                reporting_agency=incident.reporting_agency.short_name or incident.reporting_agency.name,
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
    actor: Any,
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
            created_by=actor,
            modified_by=actor,
        )
        application.threshold_met = met
        application.threshold_decided_on = decided_on
        if application.acknowledged_on is None:
            application.acknowledged_on = decided_on
        application.modified_by = actor
        application.save()
        audit_record(
            actor=actor,
            verb="casereviewapplication.threshold_decided",
            target=application,
            changed_fields=["status", "threshold_met", "threshold_decided_on"],
        )
    return record


# ---------------------------------------------------------------------------------------------------
# Review, recommendations, letters, appeal
# ---------------------------------------------------------------------------------------------------


def review_record(
    *,
    actor: Any,
    application: Application,
    held_on: dt.date,
    chair: str,
    findings: str,
    bodies_present: Iterable[Agency],
    is_independent_chair: bool = False,
    applicant_involvement: str = "",
) -> ReviewMeeting:
    _require_manager(actor, application)
    bodies = list(bodies_present)
    if application.threshold_decided_on is None or not application.threshold_met:
        raise ApplicationError("A review can only be recorded once the threshold is decided as met.")
    if held_on < application.threshold_decided_on:
        raise ApplicationError("The review cannot be before the threshold decision", field="held_on")
    if held_on > timezone.localdate():
        raise ApplicationError("The review date must be today or in the past", field="held_on")
    if not chair.strip():
        raise ApplicationError("Enter the name of the chair", field="chair")
    if not findings.strip():
        raise ApplicationError("Enter what the review found", field="findings")
    if not bodies:
        raise ApplicationError("Select the relevant bodies that took part", field="bodies_present")
    with transaction.atomic():
        _transition(application, rules.Status.REVIEW_HELD)
        review = ReviewMeeting.objects.create(
            application=application,
            held_on=held_on,
            chair=chair.strip(),
            is_independent_chair=is_independent_chair,
            applicant_involvement=applicant_involvement.strip(),
            findings=findings.strip(),
            created_by=actor,
            modified_by=actor,
        )
        review.bodies_present.set(bodies)
        application.review_held_on = held_on
        application.modified_by = actor
        application.save(update_fields=["status", "review_held_on", "modified_by", "modified_at"])
        audit_record(actor=actor, verb="casereviewapplication.review_recorded", target=application)
    return review


def recommendation_add(
    *, actor: Any, review: ReviewMeeting, text: str, owner_agency: Agency, owner_name: str, due_on: dt.date
) -> Recommendation:
    application = review.application
    _require_manager(actor, application)
    if application.outcome_sent_on is not None:
        raise ApplicationError("The outcome letter has been sent: recommendations can no longer be added.")
    if not text.strip():
        raise ApplicationError("Enter the recommendation", field="text")
    if not owner_name.strip():
        raise ApplicationError("Enter who owns the recommendation", field="owner_name")
    if due_on < review.held_on:
        raise ApplicationError("The due date must be on or after the review", field="due_on")
    with transaction.atomic():
        recommendation = Recommendation.objects.create(
            review=review,
            text=text.strip(),
            owner_agency=owner_agency,
            owner_name=owner_name.strip(),
            due_on=due_on,
            created_by=actor,
            modified_by=actor,
        )
        audit_record(actor=actor, verb="casereviewrecommendation.created", target=recommendation)
    return recommendation


def recommendation_complete(*, actor: Any, recommendation: Recommendation, on: dt.date) -> Recommendation:
    _require_manager(actor, recommendation.review.application)
    with transaction.atomic():
        recommendation.completed_on = on
        recommendation.save(update_fields=["completed_on", "modified_at"])
        audit_record(
            actor=actor,
            verb="casereviewrecommendation.completed",
            target=recommendation,
            changed_fields=["completed_on"],
        )
    return recommendation


LETTER_TEMPLATES = {
    LetterKind.ACKNOWLEDGEMENT: "casereviews/letters/acknowledgement.html",
    LetterKind.THRESHOLD_DECISION: "casereviews/letters/threshold_decision.html",
    LetterKind.OUTCOME: "casereviews/letters/outcome.html",
    LetterKind.APPEAL_OUTCOME: "casereviews/letters/appeal_outcome.html",
}


def letter_context(application: Application, *, kind: str, dated: dt.date) -> dict[str, Any]:
    review = getattr(application, "review", None)
    return {
        "application": application,
        "area": application.area,
        "kind": kind,
        "dated": dated,
        "decision": getattr(application, "threshold_decision", None),
        "review": review,
        "recommendations": list(review.recommendations.select_related("owner_agency")) if review else [],
        "appeal": getattr(application, "appeal", None),
        "appeal_closes_on": application.appeal_window_closes_on(),
    }


def letter_render(application: Application, *, kind: str, dated: dt.date) -> str:
    if kind not in LETTER_TEMPLATES:
        raise ApplicationError("Select a letter", field="kind")
    return render_to_string(
        LETTER_TEMPLATES[LetterKind(kind)], letter_context(application, kind=kind, dated=dated)
    )


def _letter_allowed(application: Application, kind: str) -> str | None:
    """Why this letter cannot be sent now, or None."""
    if kind == LetterKind.THRESHOLD_DECISION and application.threshold_decided_on is None:
        return "Decide the threshold before sending the decision letter."
    if kind == LetterKind.OUTCOME and application.review_held_on is None:
        return "Record the review before sending the outcome letter."
    if kind == LetterKind.OUTCOME and application.outcome_sent_on is not None:
        return "The outcome letter has already been sent."
    if kind == LetterKind.APPEAL_OUTCOME:
        appeal = getattr(application, "appeal", None)
        if appeal is None or appeal.decided_on is None:
            return "Record the appeal decision before sending the appeal outcome letter."
    return None


def letter_send(*, actor: Any, application: Application, kind: str, sent_on: dt.date | None = None) -> Letter:
    """Send a letter: keep the exact HTML, e-mail it if the applicant chose e-mail, move the status on."""
    _require_manager(actor, application)
    sent_on = sent_on or timezone.localdate()
    problem = _letter_allowed(application, kind)
    if problem:
        raise ApplicationError(problem)
    if kind == LetterKind.OUTCOME:
        # The appeal window starts from this letter, so the letter must show its own date.
        application.outcome_sent_on = sent_on
    html = letter_render(application, kind=kind, dated=sent_on)
    with transaction.atomic():
        letter = Letter.objects.create(
            application=application,
            kind=kind,
            sent_on=sent_on,
            html=html,
            created_by=actor,
            modified_by=actor,
        )
        if kind == LetterKind.OUTCOME:
            _transition(application, rules.Status.OUTCOME_SENT)
            application.save(update_fields=["status", "outcome_sent_on", "modified_at"])
        audit_record(actor=actor, verb=f"casereviewletter.{kind}_sent", target=letter)
        if application.applicant_email and application.contact_preference == "email":
            transaction.on_commit(lambda: _email_letter(letter.pk))
    return letter


def _email_letter(letter_pk: int) -> None:
    from django.core.mail import EmailMultiAlternatives
    from django.utils.html import strip_tags

    letter = Letter.objects.select_related("application").get(pk=letter_pk)
    message = EmailMultiAlternatives(
        subject=f"ASB Case Review {letter.application.reference}: {letter.get_kind_display()}",
        body=strip_tags(letter.html),
        to=[letter.application.applicant_email],
    )
    message.attach_alternative(letter.html, "text/html")
    message.send()


def letter_pdf(letter: Letter) -> bytes:
    """The letter as PDF (WeasyPrint), from the HTML that was sent."""
    from weasyprint import HTML

    document = render_to_string("casereviews/letters/pdf.html", {"letter": letter})
    return bytes(HTML(string=document).write_pdf())


def appeal_lodge(
    *, actor: Any, application: Application, received_on: dt.date, grounds: str, allow_late: bool = False
) -> Appeal:
    """Record that the applicant asked the appeal body (e.g. the PCC) to look again."""
    _require_manager(actor, application)
    if not grounds.strip():
        raise ApplicationError("Enter the grounds of the appeal", field="grounds")
    closes_on = application.appeal_window_closes_on()
    if closes_on is None:
        raise ApplicationError(
            "An appeal can be made after a threshold decision of 'not met' or after the outcome letter."
        )
    if received_on > timezone.localdate():
        raise ApplicationError("The date received must be today or in the past", field="received_on")
    if received_on > closes_on and not allow_late:
        raise ApplicationError(
            f"The appeal window closed on {closes_on:%d %B %Y}. "
            "Tick 'accept a late appeal' if the appeal body agreed.",
            field="received_on",
        )
    with transaction.atomic():
        _transition(application, rules.Status.APPEALED)
        appeal = Appeal.objects.create(
            application=application,
            appeal_body_name=application.area.appeal_body_name,
            received_on=received_on,
            grounds=grounds.strip(),
            created_by=actor,
            modified_by=actor,
        )
        application.save(update_fields=["status", "modified_at"])
        audit_record(actor=actor, verb="casereviewappeal.lodged", target=appeal)
    return appeal


def appeal_decide(
    *, actor: Any, appeal: Appeal, decided_on: dt.date, outcome: str, outcome_reasons: str
) -> Appeal:
    application = appeal.application
    _require_manager(actor, application)
    if appeal.decided_on is not None:
        raise ApplicationError("The appeal has already been decided.")
    if outcome not in AppealOutcome.values:
        raise ApplicationError("Select the appeal outcome", field="outcome")
    if not outcome_reasons.strip():
        raise ApplicationError("Enter the appeal body's reasons", field="outcome_reasons")
    if decided_on < appeal.received_on:
        raise ApplicationError("The decision cannot be before the appeal was received", field="decided_on")
    with transaction.atomic():
        appeal.decided_on = decided_on
        appeal.outcome = outcome
        appeal.outcome_reasons = outcome_reasons.strip()
        appeal.modified_by = actor
        appeal.save()
        _transition(application, rules.Status.CLOSED)
        application.closed_on = decided_on
        application.save(update_fields=["status", "closed_on", "modified_at"])
        audit_record(
            actor=actor,
            verb="casereviewappeal.decided",
            target=appeal,
            changed_fields=["decided_on", "outcome", "outcome_reasons"],
        )
    return appeal


# ---------------------------------------------------------------------------------------------------
# Status check (reference + a code sent to the applicant)
# ---------------------------------------------------------------------------------------------------


def status_code_request(*, reference: str, email: str) -> None:
    """Send a one-time code if ``reference`` and ``email`` match; otherwise do the same work silently.

    Callers always show the same message, so an unknown reference or e-mail tells nothing.
    """
    code = f"{secrets.randbelow(1_000_000):06d}"
    code_hash = make_password(code)  # always hash: both paths take the same time
    application = (
        Application.objects.filter(reference__iexact=reference.strip())
        .exclude(applicant_email="")
        .select_related("area")
        .first()
    )
    if application is None or application.applicant_email.strip().lower() != email.strip().lower():
        return
    with transaction.atomic():
        application.status_code_hash = code_hash
        application.status_code_expires_at = timezone.now() + dt.timedelta(minutes=STATUS_CODE_MINUTES)
        application.status_code_attempts = 0
        application.save(update_fields=["status_code_hash", "status_code_expires_at", "status_code_attempts"])
        audit_record(
            actor=None,
            verb="casereviewapplication.status_code_sent",
            target=application,
            acting_agency=application.area.managing_agency,
        )
        recipient = application.applicant_email
        ref = application.reference
        transaction.on_commit(
            lambda: send_mail(
                subject=f"Your code to check ASB Case Review {ref}",
                message=(
                    f"Your code is {code}. It works for {STATUS_CODE_MINUTES} minutes.\n\n"
                    "If you did not ask for this code, you can ignore this e-mail."
                ),
                from_email=None,
                recipient_list=[recipient],
            )
        )


def status_code_check(*, reference: str, code: str) -> Application | None:
    """The application when the code is right and in time; None otherwise (same work either way)."""
    application = Application.objects.filter(reference__iexact=reference.strip()).first()
    if application is None or not application.status_code_hash:
        check_password(code, _DUMMY_HASH)
        return None
    ok = check_password(code.strip(), application.status_code_hash)
    expired = (
        application.status_code_expires_at is None or application.status_code_expires_at < timezone.now()
    )
    with transaction.atomic():
        if not ok or expired or application.status_code_attempts >= STATUS_CODE_MAX_ATTEMPTS:
            application.status_code_attempts += 1
            if application.status_code_attempts >= STATUS_CODE_MAX_ATTEMPTS:
                application.status_code_hash = ""  # too many tries: ask for a new code
            application.save(update_fields=["status_code_attempts", "status_code_hash"])
            return None
        application.status_code_hash = ""  # one use
        application.save(update_fields=["status_code_hash"])
        audit_record(
            actor=None,
            verb="casereviewapplication.status_checked",
            target=application,
            acting_agency=application.area.managing_agency,
        )
    return application


# ---------------------------------------------------------------------------------------------------
# Protection of the public form: signed, time-stamped token + honeypot + per-IP limit (no CAPTCHA)
# ---------------------------------------------------------------------------------------------------

FORM_TOKEN_SALT = "csphub.casereviews.apply"  # noqa: S105 - a signing namespace, not a secret


def form_token_issue() -> str:
    return signing.TimestampSigner(salt=FORM_TOKEN_SALT).sign(secrets.token_urlsafe(12))


def form_token_problem(token: str, *, honeypot: str) -> str | None:
    """Why a submission looks automated, or None. The token is single-use (kept in the cache)."""
    if honeypot.strip():
        return "honeypot"
    min_seconds = float(getattr(settings, "CASEREVIEWS_MIN_FORM_SECONDS", 3))
    max_seconds = int(getattr(settings, "CASEREVIEWS_MAX_FORM_SECONDS", 4 * 3600))
    signer = signing.TimestampSigner(salt=FORM_TOKEN_SALT)
    try:
        nonce = signer.unsign(token, max_age=max_seconds)
    except signing.SignatureExpired:
        return "expired"
    except signing.BadSignature:
        return "bad_token"
    timestamp = signing.b62_decode(token.split(":")[-2])
    if (timezone.now().timestamp() - timestamp) < min_seconds:
        return "too_fast"
    if not cache.add(f"casereviews:token:{nonce}", 1, timeout=int(max_seconds) + 60):
        return "reused"
    return None


def submission_allowed(ip: str) -> bool:
    """At most ``CASEREVIEWS_SUBMISSIONS_PER_IP_PER_HOUR`` online applications per IP address per hour."""
    limit = int(getattr(settings, "CASEREVIEWS_SUBMISSIONS_PER_IP_PER_HOUR", 5))
    key = f"casereviews:ip:{ip}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=3600)
        count = 1
    return count <= limit


def status_check_allowed(ip: str) -> bool:
    limit = int(getattr(settings, "CASEREVIEWS_STATUS_CHECKS_PER_IP_PER_HOUR", 20))
    key = f"casereviews:status-ip:{ip}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=3600)
        count = 1
    return count <= limit


# ---------------------------------------------------------------------------------------------------
# Prompt on a victim's second report within six months (2025 statutory guidance)
# ---------------------------------------------------------------------------------------------------


def prompts_for_incident(*, actor: Any, incident: Any) -> list[ExplanationPrompt]:
    """Create a prompt for each victim of ``incident`` who reported ASB in the previous six months.

    Earlier reports are looked for among the incidents the recording user may see (the policy decides),
    so a prompt never reveals a record the caseworker could not open.
    """
    from csphub.cases.models import PartyRole
    from csphub.cases.selectors import incident_parties, incidents_for_person

    reported_on = _local_date(incident.reported_at)
    earliest = rules.earliest_qualifying_complaint_date(reported_on)
    since = timezone.make_aware(dt.datetime.combine(earliest - dt.timedelta(days=31), dt.time.min))
    prompts = []
    for party in incident_parties(incident):
        if party.role != PartyRole.VICTIM:
            continue
        others = incidents_for_person(
            user=actor, person=party.person, since=since, roles=[PartyRole.VICTIM]
        ).exclude(pk=incident.pk)
        earlier = sorted(
            _local_date(i.reported_at) for i in others if _local_date(i.reported_at) <= reported_on
        )
        if not rules.second_report_within_six_months(earlier, new_report_on=reported_on):
            continue
        in_window = [d for d in earlier if d >= earliest]
        prompt, created = ExplanationPrompt.objects.get_or_create(
            incident=incident,
            victim=party.person,
            defaults={"earlier_report_on": in_window[-1], "created_by": actor, "modified_by": actor},
        )
        if created:
            audit_record(actor=actor, verb="casereviewprompt.created", target=prompt)
            prompts.append(prompt)
    return prompts


def prompt_record_explained(
    *, actor: Any, prompt: ExplanationPrompt, explained_on: dt.date, how_explained: str
) -> ExplanationPrompt:
    """Record that the Case Review was explained to the victim."""
    if not can(actor, Action.CHANGE, prompt.incident) and not can(actor, Action.VIEW, prompt.incident):
        raise PermissionDeniedError("You cannot answer this prompt.")
    if prompt.explained_on is not None:
        raise ApplicationError("This has already been recorded.")
    if explained_on > timezone.localdate():
        raise ApplicationError("The date must be today or in the past", field="explained_on")
    if explained_on < _local_date(prompt.incident.reported_at):
        raise ApplicationError("The date cannot be before the report", field="explained_on")
    if not how_explained.strip():
        raise ApplicationError(
            "Say how the Case Review was explained (for example, by phone)", field="how_explained"
        )
    with transaction.atomic():
        prompt.explained_on = explained_on
        prompt.explained_by = actor
        prompt.how_explained = how_explained.strip()
        prompt.modified_by = actor
        prompt.save()
        audit_record(
            actor=actor,
            verb="casereviewprompt.explained",
            target=prompt,
            changed_fields=["explained_on", "explained_by", "how_explained"],
        )
    return prompt
