"""Every write of ASB casework: permission-checked, validated by the rules, audited in the same
transaction. Services raise :class:`~csphub.core.errors.ApplicationError` (with ``field``) for a
rule the user can fix and :class:`~csphub.core.errors.PermissionDeniedError` when the actor may not
act; views turn both into GOV.UK error messages.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import io
import logging
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from csphub.agencies.models import Agency, Membership, Role, ShareScope
from csphub.agencies.policies import Action, acting_membership, can, can_contribute, role_allows
from csphub.agencies.services import share_record
from csphub.audit.services import audit_record, changed_field_names
from csphub.cases import config, geo, rules
from csphub.cases.models import (
    AgendaItem,
    AsbType,
    Case,
    CaseIncident,
    CaseLink,
    CaseParty,
    CaseStatus,
    CaseStatusChange,
    Category,
    Channel,
    Document,
    Incident,
    IncidentParty,
    Note,
    NoteVisibility,
    Panel,
    PanelMeeting,
    PartyRole,
    Task,
    TaskReminder,
    TaskStatus,
)
from csphub.cases.signals import incident_added_to_case, incident_recorded
from csphub.core import filescan
from csphub.core.concurrency import lock_for_update
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.people.models import Address, Person

logger = logging.getLogger(__name__)

# The earliest plausible incident date: guards typed years like 0202 or 1924.
EARLIEST_INCIDENT = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def _membership_for_create(actor: Any, what: str) -> Membership:
    membership = acting_membership(actor)
    if membership is None or not role_allows(actor, Action.CREATE):
        raise PermissionDeniedError(f"You cannot record {what}.")
    return membership


def _raise_first(problems: Sequence[rules.Problem]) -> None:
    if problems:
        raise ApplicationError(problems[0].message, field=problems[0].field)


# --------------------------------------------------------------------------------------------
# Incidents
# --------------------------------------------------------------------------------------------

INCIDENT_EDITABLE = (
    "occurred_at",
    "reported_at",
    "channel",
    "asb_type",
    "category",
    "description",
    "is_hate_motivated",
    "police_reference",
    "location_description",
    "uprn",
)


def _derive_location(
    *,
    address: Address | None,
    longitude: float | None,
    latitude: float | None,
    easting_m: float | None,
    northing_m: float | None,
) -> dict[str, Any]:
    """Complete the point from whichever form was given, then derive the LSOA from it."""
    if (longitude is None) != (latitude is None):
        raise ApplicationError("Enter both longitude and latitude, or neither", field="longitude")
    if (easting_m is None) != (northing_m is None):
        raise ApplicationError("Enter both easting and northing, or neither", field="easting_m")
    if longitude is None and easting_m is None and address is not None and address.easting_m is not None:
        easting_m, northing_m = address.easting_m, address.northing_m
    if longitude is not None and latitude is not None:
        if not (-8.7 <= longitude <= 1.9 and 49.8 <= latitude <= 55.9):
            raise ApplicationError("The point must be in England or Wales", field="longitude")
        easting_m, northing_m = geo.lonlat_to_bng(longitude, latitude)
    elif easting_m is not None and northing_m is not None:
        if not (0 <= easting_m <= 700_000 and 0 <= northing_m <= 1_300_000):
            raise ApplicationError(
                "Easting and northing must be British National Grid metres", field="easting_m"
            )
        longitude, latitude = geo.bng_to_lonlat(easting_m, northing_m)
    lsoa_code = ""
    if longitude is not None and latitude is not None:
        area = geo.area_containing(longitude, latitude, geo.load_areas(config.lsoa_geojson_path()))
        lsoa_code = area.code if area else ""
    if not lsoa_code and address is not None:
        lsoa_code = address.lsoa_code
    return {
        "longitude": longitude,
        "latitude": latitude,
        "easting_m": round(easting_m) if easting_m is not None else None,
        "northing_m": round(northing_m) if northing_m is not None else None,
        "lsoa_code": lsoa_code,
    }


def _validate_choices(values: dict[str, Any]) -> None:
    checks = (
        ("asb_type", AsbType, "Select the type of anti-social behaviour"),
        ("category", Category, "Select the category of anti-social behaviour"),
        ("channel", Channel, "Select how the incident was reported"),
    )
    for name, choices, message in checks:
        if name in values and values[name] not in choices.values:
            raise ApplicationError(message, field=name)
    if "description" in values and not str(values["description"]).strip():
        raise ApplicationError("Enter a description of what happened", field="description")


def incident_record(
    *,
    actor: Any,
    occurred_at: dt.datetime,
    reported_at: dt.datetime,
    channel: str,
    asb_type: str,
    category: str,
    description: str,
    reporting_agency: Agency | None = None,
    is_hate_motivated: bool = False,
    police_reference: str = "",
    address: Address | None = None,
    location_description: str = "",
    longitude: float | None = None,
    latitude: float | None = None,
    easting_m: float | None = None,
    northing_m: float | None = None,
    uprn: str = "",
    parties: Iterable[tuple[Person, str]] = (),
    now: dt.datetime | None = None,
) -> Incident:
    """Record an incident owned by the actor's agency, with its people in roles.

    Dates are checked by :func:`rules.incident_date_problems`; the LSOA is derived from the point
    (or taken from the address). Sends ``incident_recorded`` inside the transaction.
    """
    membership = _membership_for_create(actor, "incidents")
    _raise_first(
        rules.incident_date_problems(
            occurred_at=occurred_at,
            reported_at=reported_at,
            now=now or timezone.now(),
            earliest=EARLIEST_INCIDENT,
        )
    )
    _validate_choices(
        {"asb_type": asb_type, "category": category, "channel": channel, "description": description}
    )
    if address is not None and not can(actor, Action.VIEW, address):
        raise PermissionDeniedError("You cannot use this address.")
    parties = list(parties)
    for person, role in parties:
        if role not in PartyRole.values:
            raise ApplicationError("Select the person's role", field="role")
        if not can(actor, Action.VIEW, person):
            raise PermissionDeniedError("You cannot link this person.")
    location = _derive_location(
        address=address, longitude=longitude, latitude=latitude, easting_m=easting_m, northing_m=northing_m
    )
    with transaction.atomic():
        incident = Incident.objects.create(
            owning_agency=membership.agency,
            reporting_agency=reporting_agency or membership.agency,
            occurred_at=occurred_at,
            reported_at=reported_at,
            channel=channel,
            asb_type=asb_type,
            category=category,
            description=description.strip(),
            is_hate_motivated=is_hate_motivated,
            police_reference=police_reference.strip(),
            address=address,
            location_description=location_description.strip(),
            uprn=(uprn or (address.uprn if address else "")).strip(),
            created_by=actor,
            modified_by=actor,
            **location,
        )
        for person, role in dict.fromkeys(parties):
            IncidentParty.objects.create(incident=incident, person=person, role=role, created_by=actor)
        audit_record(actor=actor, verb="incident.recorded", target=incident)
        incident_recorded.send(sender=Incident, incident=incident, actor=actor)
    return incident


def incident_update(
    *,
    actor: Any,
    incident: Incident,
    now: dt.datetime | None = None,
    expected_version: str | None = None,
    **values: Any,
) -> Incident:
    """Change an incident; the audit event lists the changed field names (never values).

    ``expected_version`` (from an edit form) refuses the change with
    :class:`~csphub.core.concurrency.EditConflictError` if the incident changed since it was read.
    """
    unknown = set(values) - set(INCIDENT_EDITABLE)
    if unknown:
        raise TypeError(f"Unknown incident fields: {sorted(unknown)}")
    if not can(actor, Action.CHANGE, incident):
        raise PermissionDeniedError("You cannot change this incident.")
    merged = {name: getattr(incident, name) for name in INCIDENT_EDITABLE} | values
    _raise_first(
        rules.incident_date_problems(
            occurred_at=merged["occurred_at"],
            reported_at=merged["reported_at"],
            now=now or timezone.now(),
            earliest=EARLIEST_INCIDENT,
        )
    )
    _validate_choices(values)
    with transaction.atomic():
        lock_for_update(incident, expected_version)
        changed = changed_field_names(incident, values)
        if not changed:
            return incident
        for name in changed:
            setattr(incident, name, values[name])
        incident.modified_by = actor
        incident.save(update_fields=[*changed, "modified_by", "modified_at"])
        audit_record(actor=actor, verb="incident.updated", target=incident, changed_fields=changed)
    return incident


def incident_party_add(*, actor: Any, incident: Incident, person: Person, role: str) -> IncidentParty:
    if role not in PartyRole.values:
        raise ApplicationError("Select the person's role", field="role")
    if not can(actor, Action.CHANGE, incident) or not can(actor, Action.VIEW, person):
        raise PermissionDeniedError("You cannot link this person to this incident.")
    with transaction.atomic():
        party, created = IncidentParty.objects.get_or_create(
            incident=incident, person=person, role=role, defaults={"created_by": actor}
        )
        if created:
            audit_record(
                actor=actor, verb="incident.party_added", target=incident, changed_fields=["parties"]
            )
            for link in incident.case_links.select_related("case"):
                _refresh_search_text(link.case)
    return party


# --------------------------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------------------------


def _refresh_search_text(case: Case) -> None:
    """Rebuild the denormalised search text from the case and its parties' names and addresses."""
    parts = [case.reference, case.summary]
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
    actor: Any,
    incidents: Sequence[Incident],
    summary: str,
    asb_type: str | None = None,
    case_officer: Any | None = None,
    extra_parties: Iterable[tuple[Person, str]] = (),
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
    asb_type = asb_type or incidents[0].asb_type
    if asb_type not in AsbType.values:
        raise ApplicationError("Select the type of anti-social behaviour", field="asb_type")
    officer = case_officer or actor
    _check_officer(officer, membership.agency)
    with transaction.atomic():
        case = Case.objects.create(
            owning_agency=membership.agency,
            summary=summary.strip(),
            asb_type=asb_type,
            case_officer=officer,
            opened_at=timezone.now(),
            created_by=actor,
            modified_by=actor,
        )
        for incident in incidents:
            CaseIncident.objects.create(case=case, incident=incident, created_by=actor)
        roles = {
            (p.person_id, p.role)
            for p in IncidentParty.objects.filter(incident__in=[i.pk for i in incidents])
        }
        roles |= {(person.pk, role) for person, role in extra_parties}
        CaseParty.objects.bulk_create(
            [CaseParty(case=case, person_id=pid, role=role, created_by=actor) for pid, role in sorted(roles)]
        )
        CaseStatusChange.objects.create(case=case, to_status=CaseStatus.OPEN, created_by=actor)
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


def case_assign_officer(*, actor: Any, case: Case, officer: Any) -> Case:
    if not can(actor, Action.CHANGE, case):
        raise PermissionDeniedError("You cannot change this case.")
    _check_officer(officer, case.owning_agency)
    with transaction.atomic():
        case.case_officer = officer
        case.modified_by = actor
        case.save(update_fields=["case_officer", "modified_by", "modified_at"])
        audit_record(actor=actor, verb="case.officer_assigned", target=case, changed_fields=["case_officer"])
    return case


def case_add_incident(*, actor: Any, case: Case, incident: Incident) -> CaseIncident:
    """Append an incident to an open case; its people join the case; ``incident_added_to_case`` fires."""
    if not can(actor, Action.CHANGE, case) or not can(actor, Action.VIEW, incident):
        raise PermissionDeniedError("You cannot add this incident to this case.")
    if not case.is_open:
        raise ApplicationError("Reopen the case before adding an incident to it", field="case")
    with transaction.atomic():
        link, created = CaseIncident.objects.get_or_create(
            case=case, incident=incident, defaults={"created_by": actor}
        )
        if not created:
            return link
        for party in IncidentParty.objects.filter(incident=incident):
            CaseParty.objects.get_or_create(
                case=case, person_id=party.person_id, role=party.role, defaults={"created_by": actor}
            )
        _refresh_search_text(case)
        audit_record(actor=actor, verb="case.incident_added", target=case, changed_fields=["incidents"])
        incident_added_to_case.send(sender=Case, case=case, incident=incident, actor=actor)
    return link


def case_add_party(*, actor: Any, case: Case, person: Person, role: str) -> CaseParty:
    if role not in PartyRole.values:
        raise ApplicationError("Select the person's role", field="role")
    if not can(actor, Action.CHANGE, case) or not can(actor, Action.VIEW, person):
        raise PermissionDeniedError("You cannot add this person to this case.")
    with transaction.atomic():
        party, created = CaseParty.objects.get_or_create(
            case=case, person=person, role=role, defaults={"created_by": actor}
        )
        if created:
            _refresh_search_text(case)
            audit_record(actor=actor, verb="case.party_added", target=case, changed_fields=["parties"])
    return party


def case_change_status(
    *, actor: Any, case: Case, to_status: str, reason: str = "", outcome: str = ""
) -> Case:
    """Move a case through the workflow table; closure needs reason and outcome, reopening a reason."""
    if not can(actor, Action.CHANGE, case):
        raise PermissionDeniedError("You cannot change this case.")
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
        locked.modified_by = actor
        locked.save(update_fields=[*changed, "modified_by", "modified_at"])
        CaseStatusChange.objects.create(
            case=locked,
            from_status=from_status,
            to_status=to_status,
            reason=reason.strip(),
            outcome=outcome,
            created_by=actor,
        )
        if to_status == CaseStatus.CLOSED:
            verb = "case.closed"
        elif from_status == CaseStatus.CLOSED:
            verb = "case.reopened"
        else:
            verb = "case.status_changed"
        audit_record(actor=actor, verb=verb, target=locked, changed_fields=changed)
    for name in ("status", "closed_at", "closure_reason", "outcome", "modified_at"):
        setattr(case, name, getattr(locked, name))
    return case


def case_link(*, actor: Any, case: Case, related_case: Case, reason: str) -> CaseLink:
    if case.pk == related_case.pk:
        raise ApplicationError("A case cannot be linked to itself", field="related_case")
    if not can(actor, Action.CHANGE, case) or not can(actor, Action.VIEW, related_case):
        raise PermissionDeniedError("You cannot link these cases.")
    with transaction.atomic():
        link, created = CaseLink.objects.get_or_create(
            case=case, related_case=related_case, defaults={"reason": reason[:200], "created_by": actor}
        )
        if created:
            audit_record(actor=actor, verb="case.linked", target=case, changed_fields=["links"])
    return link


def case_export_csv(*, actor: Any, cases: QuerySet[Case], filters_description: str) -> str:
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
    with transaction.atomic():
        for case in cases.select_related("owning_agency").order_by("pk").iterator(chunk_size=2000):
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
    return buffer.getvalue()


# --------------------------------------------------------------------------------------------
# Tasks and reminders
# --------------------------------------------------------------------------------------------


def task_create(
    *,
    actor: Any,
    title: str,
    owner: Any,
    due_on: dt.date,
    case: Case | None = None,
    details: str = "",
    source: str = "manual",
    linked: Any | None = None,
    rule_version: str = "",
    check_permission: bool = True,
) -> Task:
    """Create a task for ``owner`` (the public entry point other apps call for automatic tasks).

    ``source`` names the rule that created an automatic task (``powers.cpn.appeal_deadline``);
    ``linked`` is the model instance the task is about (a power, a risk assessment); its type and
    id are stored. With a case, the actor must be able to change it unless ``check_permission`` is
    False (a rule acting on the actor's behalf, e.g. a panel action given to another agency). The
    task belongs to the owner's agency.
    """
    if not title.strip():
        raise ApplicationError("Enter what needs to be done", field="title")
    if due_on is None:
        raise ApplicationError("Enter the date the task is due", field="due_on")
    if check_permission:
        if case is not None and not can(actor, Action.CHANGE, case):
            raise PermissionDeniedError("You cannot add tasks to this case.")
        if case is None and not role_allows(actor, Action.CREATE):
            raise PermissionDeniedError("You cannot create tasks.")
    owner_membership = (
        Membership.objects.filter(user=owner, is_active=True).select_related("agency").order_by("pk").first()
    )
    actor_membership = acting_membership(actor)
    if owner == actor and actor_membership is not None:
        owner_membership = actor_membership
    if owner_membership is None or not owner.is_active:
        raise ApplicationError("The task owner must be an active user of a partner agency", field="owner")
    with transaction.atomic():
        task = Task.objects.create(
            owning_agency=owner_membership.agency,
            title=title.strip(),
            details=details.strip(),
            case=case,
            owner=owner,
            due_on=due_on,
            source=source,
            linked_type=f"{linked._meta.app_label}.{linked._meta.model_name}" if linked is not None else "",
            linked_id=linked.pk if linked is not None else None,
            rule_version=rule_version,
            created_by=actor,
            modified_by=actor,
        )
        audit_record(actor=actor, verb="task.created", target=task, justification=source)
    return task


def task_complete(*, actor: Any, task: Task) -> Task:
    if task.owner_id != actor.pk and not can(actor, Action.CHANGE, task):
        raise PermissionDeniedError("You cannot complete this task.")
    if task.status != TaskStatus.OPEN:
        raise ApplicationError("This task is already finished", field="status")
    with transaction.atomic():
        task.status = TaskStatus.DONE
        task.completed_at = timezone.now()
        task.modified_by = actor
        task.save(update_fields=["status", "completed_at", "modified_by", "modified_at"])
        audit_record(
            actor=actor, verb="task.completed", target=task, changed_fields=["status", "completed_at"]
        )
    return task


def reminders_send(*, today: dt.date | None = None, dry_run: bool = False) -> dict[str, int]:
    """E-mail each owner one digest of their tasks due soon or overdue; safe to run from cron.

    Idempotent: a :class:`TaskReminder` row (unique per task, kind and day) is written for each
    task included, so running again the same day sends nothing new. E-mail goes on commit.
    Returns counts: ``owners`` e-mailed, ``tasks`` included, ``skipped`` already reminded today.
    """
    today = today or timezone.localdate()
    soon = today + dt.timedelta(days=config.reminder_days_before())
    due = Task.objects.filter(status=TaskStatus.OPEN, due_on__lte=soon).select_related("owner", "case")
    already = set(TaskReminder.objects.filter(sent_on=today).values_list("task_id", "kind"))
    by_owner: dict[int, list[tuple[Task, str]]] = {}
    skipped = 0
    for task in due.order_by("owner_id", "due_on", "pk"):
        kind = "overdue" if task.due_on < today else "due_soon"
        if (task.pk, kind) in already:
            skipped += 1
            continue
        by_owner.setdefault(task.owner_id, []).append((task, kind))
    counts = {"owners": 0, "tasks": 0, "skipped": skipped}
    if dry_run:
        counts["owners"] = len(by_owner)
        counts["tasks"] = sum(len(v) for v in by_owner.values())
        return counts
    for items in by_owner.values():
        owner = items[0][0].owner
        if not owner.email:
            continue
        try:
            with transaction.atomic():
                TaskReminder.objects.bulk_create(
                    [TaskReminder(task=t, kind=k, sent_on=today) for t, k in items]
                )
                lines = [
                    f"- {'OVERDUE' if k == 'overdue' else 'Due'} {t.due_on:%d %B %Y}: {t.title}"
                    + (f" ({t.case.reference})" if t.case else "")
                    for t, k in items
                ]
                body = "Your CSP Hub tasks that are due soon or overdue:\n\n" + "\n".join(lines)
                subject = f"CSP Hub: {len(items)} task{'s' if len(items) != 1 else ''} need attention"
                email = owner.email
                transaction.on_commit(functools.partial(send_mail, subject, body, None, [email]))
                audit_record(
                    actor=None,
                    verb="task.reminder_sent",
                    target=owner,
                    justification=f"{len(items)} tasks on {today.isoformat()}",
                )
        except IntegrityError:
            # Another run sent these a moment ago: the unique constraint did its job.
            counts["skipped"] += len(items)
            continue
        counts["owners"] += 1
        counts["tasks"] += len(items)
    logger.info("task reminders: %s", counts)
    return counts


# --------------------------------------------------------------------------------------------
# Notes and documents
# --------------------------------------------------------------------------------------------


def _writer_agency(actor: Any, case: Case) -> Agency:
    """Owning agency writes; a partner with a FULL share may also add notes/documents."""
    membership = acting_membership(actor)
    if membership is None or not can_contribute(actor, case):
        raise PermissionDeniedError("You cannot add to this case.")
    return membership.agency


def note_add(*, actor: Any, case: Case, text: str, visibility: str = NoteVisibility.AGENCY) -> Note:
    agency = _writer_agency(actor, case)
    if not text.strip():
        raise ApplicationError("Enter the note", field="text")
    if visibility not in NoteVisibility.values:
        raise ApplicationError("Select who can see the note", field="visibility")
    with transaction.atomic():
        note = Note.objects.create(
            case=case,
            author_agency=agency,
            text=text.strip(),
            visibility=visibility,
            created_by=actor,
            modified_by=actor,
        )
        audit_record(
            actor=actor, verb="note.added", target=case, justification=f"note {note.pk} ({visibility})"
        )
    return note


def document_upload(
    *,
    actor: Any,
    case: Case,
    file: IO[bytes],
    filename: str,
    size_bytes: int,
    title: str,
    visibility: str = NoteVisibility.AGENCY,
) -> Document:
    """Store evidence outside the web root under a random name, after the size and type checks."""
    agency = _writer_agency(actor, case)
    if not title.strip():
        raise ApplicationError("Enter a title for the document", field="title")
    if visibility not in NoteVisibility.values:
        raise ApplicationError("Select who can see the document", field="visibility")
    policy = config.upload_policy()
    head = file.read(policy.head_bytes)
    _raise_first(rules.upload_problems(filename=filename, size_bytes=size_bytes, head=head, policy=policy))
    file_type = rules.detect_file_type(filename, head, policy=policy)
    assert file_type is not None
    root = config.private_media_root()
    root.mkdir(parents=True, exist_ok=True)
    stored_name = uuid.uuid4().hex
    path = root / stored_name
    digest = hashlib.sha256()
    written = 0
    with path.open("xb") as out:
        chunk = head
        while chunk:
            written += len(chunk)
            if written > policy.max_bytes:
                out.close()
                path.unlink(missing_ok=True)
                _raise_first(
                    [rules.Problem("file", "The selected file must be smaller than the upload limit")]
                )
            digest.update(chunk)
            out.write(chunk)
            chunk = file.read(1024 * 1024)
    # The whole file: its type beyond the first bytes, and the antivirus hook when configured.
    extension = min(file_type.extensions)
    problem = filescan.content_problem(path, extension, file_type.label) or filescan.malware_problem(path)
    if problem:
        path.unlink(missing_ok=True)
        _raise_first([rules.Problem("file", problem)])
    try:
        with transaction.atomic():
            document = Document.objects.create(
                case=case,
                author_agency=agency,
                title=title.strip(),
                original_name=Path(filename.replace("\\", "/")).name[:255],
                stored_name=stored_name,
                content_type=file_type.content_type,
                size_bytes=written,
                sha256=digest.hexdigest(),
                visibility=visibility,
                created_by=actor,
                modified_by=actor,
            )
            audit_record(actor=actor, verb="document.uploaded", target=document)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return document


def document_open_for_download(*, actor: Any, document: Document) -> IO[bytes]:
    """Open the stored file for a user the selectors already allowed; the download is audited."""
    with transaction.atomic():
        audit_record(actor=actor, verb="document.downloaded", target=document)
    return (config.private_media_root() / document.stored_name).open("rb")


# --------------------------------------------------------------------------------------------
# Panels
# --------------------------------------------------------------------------------------------


def panel_create(*, actor: Any, name: str, kind: str, agreement: Any, terms_of_reference: str = "") -> Panel:
    membership = _membership_for_create(actor, "panels")
    if not name.strip():
        raise ApplicationError("Enter the name of the panel", field="name")
    if not agreement.parties.filter(pk=membership.agency_id).exists():
        raise ApplicationError(
            "Your agency must be a party to the panel's sharing agreement", field="agreement"
        )
    with transaction.atomic():
        panel = Panel.objects.create(
            owning_agency=membership.agency,
            name=name.strip(),
            kind=kind,
            agreement=agreement,
            terms_of_reference=terms_of_reference,
            created_by=actor,
            modified_by=actor,
        )
        audit_record(actor=actor, verb="panel.created", target=panel)
    return panel


def panel_meeting_schedule(
    *,
    actor: Any,
    panel: Panel,
    held_at: dt.datetime,
    attending_agencies: Iterable[Agency],
    location: str = "",
) -> PanelMeeting:
    if not can(actor, Action.CHANGE, panel):
        raise PermissionDeniedError("You cannot arrange meetings of this panel.")
    agencies = list(attending_agencies)
    parties = set(panel.agreement.parties.values_list("pk", flat=True))
    outside = [a.short_name for a in agencies if a.pk not in parties]
    if outside:
        raise ApplicationError(
            f"{', '.join(outside)} must sign {panel.agreement.reference} before attending",
            field="attending_agencies",
        )
    with transaction.atomic():
        meeting = PanelMeeting.objects.create(
            panel=panel, held_at=held_at, location=location, created_by=actor, modified_by=actor
        )
        meeting.attending_agencies.set(agencies)
        audit_record(actor=actor, verb="panelmeeting.scheduled", target=meeting)
    return meeting


def panel_agenda_add(*, actor: Any, meeting: PanelMeeting, case: Case, reason: str) -> AgendaItem:
    """Put a case on a meeting's agenda: share its SUMMARY with each attending agency under the
    panel's agreement (minimum necessary; the owner can still share in full case by case)."""
    if not can(actor, Action.SHARE, case):
        raise PermissionDeniedError("Only the agency that owns the case can put it on an agenda.")
    if not reason.strip():
        raise ApplicationError("Enter why the case is coming to the panel", field="reason")
    agreement = meeting.panel.agreement
    if not agreement.is_in_force():
        raise ApplicationError(
            f"{agreement.reference} is not in force: review it before sharing", field="reason"
        )
    with transaction.atomic():
        item, created = AgendaItem.objects.get_or_create(
            meeting=meeting,
            case=case,
            defaults={"reason": reason.strip(), "created_by": actor, "modified_by": actor},
        )
        if created:
            share_reason = (
                f"{meeting.panel.name} on {timezone.localtime(meeting.held_at):%d %B %Y}: {reason.strip()}"
            )
            for agency in meeting.attending_agencies.exclude(pk=case.owning_agency_id):
                share_record(
                    actor=actor,
                    obj=case,
                    agency=agency,
                    agreement=agreement,
                    scope=ShareScope.SUMMARY,
                    reason=share_reason[:500],
                )
            audit_record(
                actor=actor, verb="case.added_to_agenda", target=case, justification=meeting.panel.name
            )
    return item


def panel_decision_record(
    *,
    actor: Any,
    item: AgendaItem,
    decision: str,
    action_title: str = "",
    action_owner: Any | None = None,
    action_due_on: dt.date | None = None,
) -> Task | None:
    """Record the panel's decision on an agenda item and, optionally, an action with owner and date."""
    if not can(actor, Action.CHANGE, item.meeting.panel):
        raise PermissionDeniedError("You cannot record this panel's decisions.")
    if not decision.strip():
        raise ApplicationError("Enter the panel's decision", field="decision")
    if action_title and (action_owner is None or action_due_on is None):
        raise ApplicationError("Enter who owns the action and when it is due", field="action_owner")
    with transaction.atomic():
        item.decision = decision.strip()
        item.modified_by = actor
        item.save(update_fields=["decision", "modified_by", "modified_at"])
        audit_record(actor=actor, verb="agendaitem.decided", target=item, changed_fields=["decision"])
        task = None
        if action_title:
            attending = set(item.meeting.attending_agencies.values_list("pk", flat=True)) | {
                item.case.owning_agency_id
            }
            if not Membership.objects.filter(
                user=action_owner, agency_id__in=attending, is_active=True
            ).exists():
                raise ApplicationError(
                    "The action owner must work for an attending agency", field="action_owner"
                )
            assert action_due_on is not None  # checked above with action_owner
            task = task_create(
                actor=actor,
                title=action_title,
                owner=action_owner,
                due_on=action_due_on,
                case=item.case,
                source=f"panel.{item.meeting.panel.kind}",
                linked=item,
                check_permission=False,
            )
    return task


def panel_minutes_record(*, actor: Any, meeting: PanelMeeting, minutes: str) -> PanelMeeting:
    if not can(actor, Action.CHANGE, meeting.panel):
        raise PermissionDeniedError("You cannot record this panel's minutes.")
    with transaction.atomic():
        meeting.minutes = minutes.strip()
        meeting.modified_by = actor
        meeting.save(update_fields=["minutes", "modified_by", "modified_at"])
        audit_record(actor=actor, verb="panelmeeting.minuted", target=meeting, changed_fields=["minutes"])
    return meeting


def users_of_agency(agency: Agency) -> QuerySet[Any]:
    return get_user_model().objects.filter(memberships__agency=agency, memberships__is_active=True).distinct()
