"""Opening cases, their officers, incidents, parties, status, links and the CSV export."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from csphub.agencies.models import Agency, Membership, Role
from csphub.agencies.policies import Action, can, role_allows
from csphub.audit.services import audit_listed, audit_record
from csphub.cases import rules
from csphub.cases.models import (
    AsbType,
    Case,
    CaseIncident,
    CaseLink,
    CaseParty,
    CaseStatus,
    CaseStatusChange,
    CaseSubject,
    Incident,
    IncidentParty,
    PartyRole,
    Task,
    TaskStatus,
)
from csphub.cases.services._common import _membership_for_create, _raise_first
from csphub.cases.services.tasks import task_complete, task_create
from csphub.cases.signals import case_closed, incident_added_to_case
from csphub.core.actor import ActorOrUser, acting_user
from csphub.core.concurrency import lock_for_update
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.people.models import Person

# --------------------------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------------------------


def _refresh_search_text(case: Case) -> None:
    """Rebuild the denormalised search text from the case and its parties' names and addresses."""
    parts = [case.reference, case.summary, case.subject_description]
    for party in case.parties.select_related("person"):
        person = party.person
        parts += [person.given_name, person.family_name, person.known_as]
    for link in case.case_incidents.select_related("incident__address"):
        address = link.incident.address
        if address is not None:
            parts += [address.line_1, address.postcode]
    text = " ".join(p for p in parts if p)
    if text != case.search_text:
        Case.objects.filter(pk=case.pk).update(search_text=text)
        case.search_text = text


def case_open(
    *,
    actor: ActorOrUser,
    incidents: Sequence[Incident],
    summary: str,
    asb_type: str | None = None,
    case_officer: Any | None = None,
    extra_parties: Iterable[tuple[Person, str]] = (),
    subject_kind: str = CaseSubject.PERSON,
    subject_description: str = "",
) -> Case:
    """Open a case owned by the actor's agency from one or more incidents it may see.

    The incidents' people join the case in the same roles. The case officer defaults to the actor.
    """
    membership = _membership_for_create(actor, "cases")
    if not incidents:
        raise ApplicationError("Select at least one incident to open the case from", field="incidents")
    if not summary.strip():
        raise ApplicationError("Enter a short summary of the case", field="summary")
    for incident in incidents:
        if not can(actor, Action.VIEW, incident):
            raise PermissionDeniedError("You cannot open a case from this incident.")
    subject_kind = subject_kind or CaseSubject.PERSON
    if subject_kind not in CaseSubject.values:
        raise ApplicationError("Select what the case is about", field="subject_kind")
    if subject_kind != CaseSubject.PERSON and not subject_description.strip():
        raise ApplicationError(
            "Describe the group or the place the case is about", field="subject_description"
        )
    asb_type = asb_type or incidents[0].asb_type
    if asb_type not in AsbType.values:
        raise ApplicationError("Select the type of anti-social behaviour", field="asb_type")
    officer = case_officer or acting_user(actor)
    _check_officer(officer, membership.agency)
    with transaction.atomic():
        case = Case.objects.create(
            owning_agency=membership.agency,
            summary=summary.strip(),
            subject_kind=subject_kind,
            subject_description=subject_description.strip(),
            asb_type=asb_type,
            case_officer=officer,
            opened_at=timezone.now(),
            created_by=acting_user(actor),
            modified_by=acting_user(actor),
        )
        for incident in incidents:
            CaseIncident.objects.create(case=case, incident=incident, created_by=acting_user(actor))
        roles = {
            (p.person_id, p.role)
            for p in IncidentParty.objects.filter(incident__in=[i.pk for i in incidents])
        }
        roles |= {(person.pk, role) for person, role in extra_parties}
        CaseParty.objects.bulk_create(
            [
                CaseParty(case=case, person_id=pid, role=role, created_by=acting_user(actor))
                for pid, role in sorted(roles)
            ]
        )
        CaseStatusChange.objects.create(case=case, to_status=CaseStatus.OPEN, created_by=acting_user(actor))
        _refresh_search_text(case)
        audit_record(actor=actor, verb="case.opened", target=case)
    return case


def _check_officer(officer: Any, agency: Agency) -> None:
    ok = Membership.objects.filter(
        user=officer,
        agency=agency,
        is_active=True,
        role__in=[Role.CASEWORKER, Role.TEAM_MANAGER, Role.PARTNERSHIP_COORDINATOR],
    ).exists()
    if not ok or not officer.is_active:
        raise ApplicationError(
            "The case officer must be a caseworker in the owning agency", field="case_officer"
        )


def case_assign_officer(*, actor: ActorOrUser, case: Case, officer: Any) -> Case:
    if not can(actor, Action.CHANGE, case):
        raise PermissionDeniedError("You cannot change this case.")
    _check_officer(officer, case.owning_agency)
    with transaction.atomic():
        case.case_officer = officer
        case.modified_by = acting_user(actor)
        case.save(update_fields=["case_officer", "modified_by", "modified_at"])
        audit_record(actor=actor, verb="case.officer_assigned", target=case, changed_fields=["case_officer"])
    return case


def case_summary_change(
    *, actor: ActorOrUser, case: Case, summary: str, expected_version: str | None = None
) -> Case:
    """Change the one-line summary panel partners read; audited with the field name, never the text.

    ``expected_version`` (from the edit form) refuses the change with
    :class:`~csphub.core.concurrency.EditConflictError` if the case changed since it was read.
    """
    if not can(actor, Action.CHANGE, case):
        raise PermissionDeniedError("You cannot change this case.")
    summary = " ".join(summary.split())
    if not summary:
        raise ApplicationError("Enter a short summary of the case", field="summary")
    if len(summary) > 200:
        raise ApplicationError("The summary must be 200 characters or fewer", field="summary")
    with transaction.atomic():
        lock_for_update(case, expected_version)
        if case.summary == summary:
            return case
        case.summary = summary
        case.modified_by = acting_user(actor)
        case.save(update_fields=["summary", "modified_by", "modified_at"])
        _refresh_search_text(case)
        audit_record(actor=actor, verb="case.summary_changed", target=case, changed_fields=["summary"])
    return case


def case_add_incident(*, actor: ActorOrUser, case: Case, incident: Incident) -> CaseIncident:
    """Append an incident to an open case; its people join the case; ``incident_added_to_case`` fires."""
    if not can(actor, Action.CHANGE, case) or not can(actor, Action.VIEW, incident):
        raise PermissionDeniedError("You cannot add this incident to this case.")
    if not case.is_open:
        raise ApplicationError("Reopen the case before adding an incident to it", field="case")
    with transaction.atomic():
        link, created = CaseIncident.objects.get_or_create(
            case=case, incident=incident, defaults={"created_by": acting_user(actor)}
        )
        if not created:
            return link
        for party in IncidentParty.objects.filter(incident=incident):
            CaseParty.objects.get_or_create(
                case=case,
                person_id=party.person_id,
                role=party.role,
                defaults={"created_by": acting_user(actor)},
            )
        _refresh_search_text(case)
        audit_record(actor=actor, verb="case.incident_added", target=case, changed_fields=["incidents"])
        incident_added_to_case.send(sender=Case, case=case, incident=incident, actor=actor)
    return link


def case_add_party(*, actor: ActorOrUser, case: Case, person: Person, role: str) -> CaseParty:
    if role not in PartyRole.values:
        raise ApplicationError("Select the person's role", field="role")
    if not can(actor, Action.CHANGE, case) or not can(actor, Action.VIEW, person):
        raise PermissionDeniedError("You cannot add this person to this case.")
    with transaction.atomic():
        party, created = CaseParty.objects.get_or_create(
            case=case, person=person, role=role, defaults={"created_by": acting_user(actor)}
        )
        if created:
            _refresh_search_text(case)
            audit_record(actor=actor, verb="case.party_added", target=case, changed_fields=["parties"])
    return party


def case_change_status(
    *,
    actor: ActorOrUser,
    case: Case,
    to_status: str,
    reason: str = "",
    outcome: str = "",
    victim_told_on: dt.date | None = None,
    victim_told_how: str = "",
) -> Case:
    """Move a case through the workflow table; closure needs reason and outcome, reopening a reason.

    Closing a case with a victim (D.3, 2025 statutory guidance): if the victim has already been told
    when and why, that is recorded (``victim_told_on``, ``victim_told_how``); if not, a task asks the
    officer to tell them, answered by :func:`case_victim_told_of_closure`."""
    if not can(actor, Action.CHANGE, case):
        raise PermissionDeniedError("You cannot change this case.")
    told = victim_told_on is not None or bool(victim_told_how)
    if told:
        if to_status != CaseStatus.CLOSED:
            raise ApplicationError(
                "Record telling the victim only when closing the case", field="victim_told_on"
            )
        _raise_first(
            rules.victim_told_problems(
                told_on=victim_told_on,
                how=victim_told_how,
                opened_on=timezone.localdate(case.opened_at),
                today=timezone.localdate(),
            )
        )
    with transaction.atomic():
        # Re-read under a lock so two officers cannot both close (or reopen) the same case.
        locked = Case.objects.select_for_update().get(pk=case.pk)
        _raise_first(rules.transition_problems(locked.status, to_status, reason=reason, outcome=outcome))
        from_status = locked.status
        locked.status = to_status
        changed = ["status"]
        if to_status == CaseStatus.CLOSED:
            locked.closed_at = timezone.now()
            locked.closure_reason = reason.strip()
            locked.outcome = outcome
            changed += ["closed_at", "closure_reason", "outcome"]
        elif from_status == CaseStatus.CLOSED:
            locked.closed_at = None
            locked.outcome = ""
            changed += ["closed_at", "outcome"]
        locked.modified_by = acting_user(actor)
        locked.save(update_fields=[*changed, "modified_by", "modified_at"])
        CaseStatusChange.objects.create(
            case=locked,
            from_status=from_status,
            to_status=to_status,
            reason=reason.strip(),
            outcome=outcome,
            victim_told_on=victim_told_on if told else None,
            victim_told_how=victim_told_how if told else "",
            created_by=acting_user(actor),
        )
        if to_status == CaseStatus.CLOSED and not told and _victims(locked):
            task_create(
                actor=actor,
                title=f"Tell the victim when and why case {locked.reference} was closed",
                owner=acting_user(actor),
                due_on=timezone.localdate(),
                case=locked,
                source=VICTIM_CLOSURE_TASK,
                details="The 2025 statutory guidance: the victim is told when and why their case is closed.",
                check_permission=False,
            )
        if to_status == CaseStatus.CLOSED:
            verb = "case.closed"
        elif from_status == CaseStatus.CLOSED:
            verb = "case.reopened"
        else:
            verb = "case.status_changed"
        audit_record(actor=actor, verb=verb, target=locked, changed_fields=changed)
        if to_status == CaseStatus.CLOSED:
            case_closed.send(sender=Case, case=locked, actor=actor)
    for name in ("status", "closed_at", "closure_reason", "outcome", "modified_at"):
        setattr(case, name, getattr(locked, name))
    return case


VICTIM_CLOSURE_TASK = "cases.victim_told_of_closure"


def _victims(case: Case) -> bool:
    return case.parties.filter(role=PartyRole.VICTIM).exists()


def case_victim_told_of_closure(
    *, actor: ActorOrUser, case: Case, victim_told_on: dt.date, victim_told_how: str
) -> Case:
    """Record that the victim was told when and why their closed case was closed (D.3): on the
    closure in the case's chronology; the task to tell them is done."""
    if not can(actor, Action.CHANGE, case):
        raise PermissionDeniedError("You cannot change this case.")
    if case.status != CaseStatus.CLOSED:
        raise ApplicationError("The case is not closed")
    closure = case.status_changes.filter(to_status=CaseStatus.CLOSED).order_by("-created_at", "-id").first()
    if closure is None:
        raise ApplicationError("The case has no recorded closure")
    _raise_first(
        rules.victim_told_problems(
            told_on=victim_told_on,
            how=victim_told_how,
            opened_on=timezone.localdate(case.opened_at),
            today=timezone.localdate(),
        )
    )
    with transaction.atomic():
        closure.victim_told_on = victim_told_on
        closure.victim_told_how = victim_told_how
        closure.modified_by = acting_user(actor)
        closure.save(update_fields=["victim_told_on", "victim_told_how", "modified_by", "modified_at"])
        audit_record(
            actor=actor,
            verb="case.victim_told_of_closure",
            target=case,
            changed_fields=["victim_told_on", "victim_told_how"],
        )
        for task in Task.objects.filter(case=case, source=VICTIM_CLOSURE_TASK, status=TaskStatus.OPEN):
            task_complete(actor=actor, task=task)
    return case


def case_link(*, actor: ActorOrUser, case: Case, related_case: Case, reason: str) -> CaseLink:
    if case.pk == related_case.pk:
        raise ApplicationError("A case cannot be linked to itself", field="related_case")
    if not can(actor, Action.CHANGE, case) or not can(actor, Action.VIEW, related_case):
        raise PermissionDeniedError("You cannot link these cases.")
    with transaction.atomic():
        link, created = CaseLink.objects.get_or_create(
            case=case,
            related_case=related_case,
            defaults={"reason": reason[:200], "created_by": acting_user(actor)},
        )
        if created:
            audit_record(actor=actor, verb="case.linked", target=case, changed_fields=["links"])
    return link


def case_export_csv(*, actor: ActorOrUser, cases: QuerySet[Case], filters_description: str) -> str:
    """CSV of a filtered list the actor may export; the export itself is audited.

    ``cases`` must come from ``selectors.case_list_visible_to(user, action=EXPORT)``; exported
    columns are the case header only (no descriptions, no people).
    """
    if not role_allows(actor, Action.EXPORT):
        raise PermissionDeniedError("You cannot export cases.")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        ["reference", "status", "asb_type", "owning_agency", "opened_on", "closed_on", "outcome", "incidents"]
    )
    count = 0
    exported: list[Case] = []
    with transaction.atomic():
        for case in cases.select_related("owning_agency").order_by("pk").iterator(chunk_size=2000):
            exported.append(case)
            writer.writerow(
                [
                    case.reference,
                    case.status,
                    case.asb_type,
                    case.owning_agency.short_name,
                    timezone.localtime(case.opened_at).date().isoformat(),
                    timezone.localtime(case.closed_at).date().isoformat() if case.closed_at else "",
                    case.outcome,
                    getattr(case, "incident_count", ""),
                ]
            )
            count += 1
        audit_record(
            actor=actor,
            verb="case.exported",
            justification=f"CSV export of {count} cases ({filters_description})",
        )
        # One event per case too, so "who has seen this person" finds the export of their case.
        audit_listed(actor=actor, targets=exported, kind="exported", justification="CSV export")
    return buffer.getvalue()
