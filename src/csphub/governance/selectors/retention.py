"""Retention: the schedule in force, the records a run looks at and the holds that keep them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

# --- Retention ----------------------------------------------------------------------------------
# Read by the retention services, which the operator runs from the command line (no request, so no
# acting member's policy: the run sees every agency's records, as disposal must).


@dataclass(frozen=True)
class RuleInForce:
    years: int
    reason: str
    policy_source: str
    agency_specific: bool

    def describe(self) -> str:
        whose = "agency rule" if self.agency_specific else "partnership default"
        return f"{self.years} years ({whose}: {self.reason}; source: {self.policy_source})"


def retention_rules(record_type: str) -> dict[int | None, RuleInForce]:
    """The rules for one record type by agency id (``None``: the partnership default, always present)."""
    from csphub.governance import rules
    from csphub.governance.models import RetentionRule

    found: dict[int | None, RuleInForce] = {
        None: RuleInForce(
            rules.DEFAULT_YEARS, rules.DEFAULT_REASONS[record_type], rules.DEFAULT_SOURCES[record_type], False
        )
    }
    for rule in RetentionRule.objects.filter(record_type=record_type):
        found[rule.agency_id] = RuleInForce(
            rule.years, rule.reason, rule.policy_source, rule.agency_id is not None
        )
    return found


def closed_cases() -> list[Any]:
    """Every closed case, oldest closure first, with its agency and incident count."""
    from django.db.models import Count

    from csphub.cases.models import Case, CaseStatus

    return list(
        Case.objects.filter(status=CaseStatus.CLOSED, closed_at__isnull=False)
        .select_related("owning_agency")
        .annotate(incident_count=Count("case_incidents"))
        .order_by("closed_at", "id")
    )


def holds_by_case(case_ids: list[int]) -> dict[int, list[str]]:
    """The active legal holds that keep each case: on the case itself, on a person party to it, or on
    one of its incidents (a hold on a record keeps the case that holds it)."""
    from django.contrib.contenttypes.models import ContentType

    from csphub.cases.models import Case, CaseIncident, CaseParty, Incident
    from csphub.governance.models import LegalHold
    from csphub.people.models import Person

    active = LegalHold.objects.filter(released_at__isnull=True)
    by_type: dict[int, dict[int, str]] = {}
    for hold in active:
        by_type.setdefault(hold.content_type_id, {})[hold.object_id] = hold.reason
    ct = ContentType.objects.get_for_model
    found: dict[int, list[str]] = {}
    on_cases = by_type.get(ct(Case).pk, {})
    for case_id in case_ids:
        if case_id in on_cases:
            found.setdefault(case_id, []).append(f"case hold: {on_cases[case_id]}")
    on_people = by_type.get(ct(Person).pk, {})
    if on_people:
        for case_id, person_id in CaseParty.objects.filter(
            case_id__in=case_ids, person_id__in=list(on_people)
        ).values_list("case_id", "person_id"):
            found.setdefault(case_id, []).append(f"person hold: {on_people[person_id]}")
    on_incidents = by_type.get(ct(Incident).pk, {})
    if on_incidents:
        for case_id, incident_id in CaseIncident.objects.filter(
            case_id__in=case_ids, incident_id__in=list(on_incidents)
        ).values_list("case_id", "incident_id"):
            found.setdefault(case_id, []).append(f"record hold: {on_incidents[incident_id]}")
    return found


@dataclass(frozen=True)
class CaseFile:
    """What else is on a case's file and dates it: the last day one of its tools and powers, risk
    assessments, MARAC referrals or community resolutions had effect, and the powers still in force
    (which keep the whole case, whatever its closing date)."""

    latest_on: dt.date | None = None
    latest_what: str = ""
    in_force: tuple[str, ...] = ()


def case_files(case_ids: list[int], *, today: dt.date) -> dict[int, CaseFile]:
    """The case file of each case (four queries, whatever the number of cases)."""
    from django.db.models import Max

    from csphub.duties.models import CommunityResolution
    from csphub.powers import rules as power_rules
    from csphub.powers.models import PowerUse
    from csphub.risk.models import Assessment, MaracReferral

    latest: dict[int, tuple[dt.date, str]] = {}
    in_force: dict[int, list[str]] = {}

    def later(case_id: int, day: dt.date, what: str) -> None:
        if case_id not in latest or day > latest[case_id][0]:
            latest[case_id] = (day, what)

    powers = PowerUse.objects.filter(case_id__in=case_ids).annotate(last_event=Max("events__occurred_at"))
    for use in powers.order_by("id"):
        # Its last status change (a letter produced or a task closed touches the row, not its effect).
        changed = use.last_event or use.issued_at or use.created_at
        stopped = power_rules.stopped_on(
            power_rules.Status(use.status),
            ends_on=timezone.localdate(use.ends_at) if use.ends_at else None,
            last_change_on=timezone.localdate(changed),
            today=today,
        )
        if stopped is None:
            in_force.setdefault(use.case_id, []).append(
                f"{use.reference} ({use.get_status_display().lower()})"
            )
        else:
            later(use.case_id, stopped, f"{use.reference} stopped having effect")
    for case_id, at in Assessment.objects.filter(case_id__in=case_ids).values_list("case_id", "assessed_at"):
        later(case_id, timezone.localdate(at), "a risk assessment")
    for case_id, referred, meeting in MaracReferral.objects.filter(case_id__in=case_ids).values_list(
        "case_id", "referred_on", "meeting_on"
    ):
        later(case_id, max(filter(None, (referred, meeting))), "a MARAC referral")
    for case_id, chosen in CommunityResolution.objects.filter(case_id__in=case_ids).values_list(
        "case_id", "chosen_on"
    ):
        later(case_id, chosen, "a community resolution")
    return {
        case_id: CaseFile(
            latest[case_id][0] if case_id in latest else None,
            latest[case_id][1] if case_id in latest else "",
            tuple(in_force.get(case_id, ())),
        )
        for case_id in set(latest) | set(in_force)
    }


@dataclass(frozen=True)
class Candidate:
    """A record that may be disposed of once its retention period ends."""

    record: Any
    reference: str
    agency_id: int
    agency_name: str
    trigger: dt.date
    holds: tuple[str, ...]
    in_force: tuple[str, ...] = ()  # tools and powers still in force on the case: it is kept
    trigger_why: str = ""  # when the trigger is not the record's own date, what set it


def person_reference(person: Any) -> str:
    return f"PER-{person.pk:06d}"


def _holds_on(model: Any) -> dict[int, str]:
    from django.contrib.contenttypes.models import ContentType

    from csphub.governance.models import LegalHold

    return dict(
        LegalHold.objects.filter(
            released_at__isnull=True, content_type=ContentType.objects.get_for_model(model)
        ).values_list("object_id", "reason")
    )


def disposal_candidates(record_type: str, *, today: dt.date | None = None) -> list[Candidate]:
    """The records a retention run looks at, with their trigger date and the holds that keep them:
    closed cases (trigger: the closing day, or the later day the last tool or power, risk
    assessment, MARAC referral or community resolution on it had effect; a power still in force on
    ``today`` keeps the case), incidents on no case (the day they happened) and people
    on no case or incident (the day their record last changed), and data subjects' requests once
    completed (the day they were completed)."""
    from csphub.cases.models import Incident
    from csphub.people.models import Person

    if record_type == "case":
        cases = closed_cases()
        holds = holds_by_case([c.pk for c in cases])
        files = case_files([c.pk for c in cases], today=today or timezone.localdate())
        found = []
        for c in cases:
            closed_on = timezone.localdate(c.closed_at)
            file = files.get(c.pk, CaseFile())
            later = file.latest_on is not None and file.latest_on > closed_on
            found.append(
                Candidate(
                    c,
                    c.reference,
                    c.owning_agency_id,
                    c.owning_agency.name,
                    file.latest_on if later and file.latest_on else closed_on,
                    tuple(holds.get(c.pk, ())),
                    file.in_force,
                    f"{file.latest_what} on {file.latest_on:%d %B %Y}, after the case closed"
                    if later and file.latest_on
                    else "",
                )
            )
        return found
    if record_type == "incident":
        from csphub.cases.models import IncidentParty

        held = _holds_on(Incident)
        incidents = list(
            Incident.objects.filter(case_links__isnull=True)
            .select_related("owning_agency")
            .order_by("occurred_at", "id")
        )
        # A hold on a person keeps the incidents that name them, as it keeps their cases.
        people_held = _holds_on(Person)
        by_person: dict[int, list[str]] = {}
        if people_held:
            for incident_id, person_id in IncidentParty.objects.filter(
                incident_id__in=[i.pk for i in incidents], person_id__in=list(people_held)
            ).values_list("incident_id", "person_id"):
                by_person.setdefault(incident_id, []).append(f"person hold: {people_held[person_id]}")
        return [
            Candidate(
                i,
                i.reference,
                i.owning_agency_id,
                i.owning_agency.name,
                timezone.localdate(i.occurred_at),
                ((f"record hold: {held[i.pk]}",) if i.pk in held else ()) + tuple(by_person.get(i.pk, ())),
            )
            for i in incidents
        ]
    if record_type == "person":
        held = _holds_on(Person)
        people = (
            Person.objects.filter(case_parties__isnull=True, incident_parties__isnull=True)
            .select_related("owning_agency")
            .order_by("modified_at", "id")
        )
        return [
            Candidate(
                p,
                person_reference(p),
                p.owning_agency_id,
                p.owning_agency.name,
                timezone.localdate(p.modified_at),
                (f"person hold: {held[p.pk]}",) if p.pk in held else (),
            )
            for p in people
        ]
    if record_type == "rights_request":
        from csphub.governance.models import RequestStatus, RightsRequest

        held = _holds_on(RightsRequest)
        requests = (
            RightsRequest.objects.filter(status=RequestStatus.COMPLETED, completed_on__isnull=False)
            .select_related("owning_agency")
            .order_by("completed_on", "id")
        )
        return [
            Candidate(
                r,
                r.reference,
                r.owning_agency_id,
                r.owning_agency.name,
                r.completed_on or r.received_on,  # completed_on is set on every completed request
                (f"record hold: {held[r.pk]}",) if r.pk in held else (),
            )
            for r in requests
        ]
    raise ValueError(f"Unknown record type {record_type!r}")


@dataclass(frozen=True)
class AgencyRule:
    """One record type's period for an agency, as its data protection staff see and change it."""

    record_type: str
    label: str
    rule: RuleInForce
    minimum_years: int


def agency_rules(agency: Any) -> list[AgencyRule]:
    """The period each record type is kept for by ``agency``: its own rule, else the default."""
    from csphub.governance import rules
    from csphub.governance.models import RecordType

    rows = []
    for record_type in RecordType:
        schedule = retention_rules(record_type.value)
        rows.append(
            AgencyRule(
                record_type.value,
                record_type.label,
                schedule.get(agency.pk) or schedule[None],
                rules.MINIMUM_YEARS[record_type.value],
            )
        )
    return rows


def schedule_rows() -> list[tuple[str, str, RuleInForce]]:
    """The retention schedule: (record type label, agency or "Partnership default", rule)."""
    from csphub.agencies.models import Agency
    from csphub.governance.models import RecordType

    names = dict(Agency.objects.values_list("id", "name"))
    rows = []
    for record_type in RecordType:
        for agency_id, rule in sorted(
            retention_rules(record_type.value).items(),
            key=lambda kv: (kv[0] is not None, names.get(kv[0] or 0, "")),
        ):
            rows.append(
                (record_type.label, names.get(agency_id, "") if agency_id else "Partnership default", rule)
            )
    return rows


def tombstones_recent(agency: Any, limit: int = 50) -> list[Any]:
    """The agency's records disposed of most recently."""
    from csphub.governance.models import Tombstone

    return list(
        Tombstone.objects.filter(owning_agency=agency)
        .select_related("owning_agency", "run")
        .order_by("-run__ran_on", "-id")[:limit]
    )
