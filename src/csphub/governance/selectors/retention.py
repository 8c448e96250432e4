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
            rules.default_years(record_type),
            rules.DEFAULT_REASONS[record_type],
            rules.DEFAULT_SOURCES[record_type],
            False,
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
    if record_type == "case_review":
        return _case_review_candidates()
    if record_type == "slavery_concern":
        return _slavery_candidates()
    if record_type == "prevent_referral":
        return _prevent_candidates()
    if record_type == "dhr":
        return _dhr_candidates()
    raise ValueError(f"Unknown record type {record_type!r}")


def _later(*days: dt.date | None) -> dt.date:
    return max(d for d in days if d is not None)


def _case_review_candidates() -> list[Candidate]:
    """Applications closed or withdrawn (trigger: that day, or the later day its appeal was
    decided); an appeal not yet decided or a recommendation not yet completed keeps it. A hold on
    the application, on a complaint linked to it or on the person who made that complaint keeps it."""
    from csphub.casereviews import rules as cr_rules
    from csphub.casereviews.models import Application, ApplicationIncident, Recommendation
    from csphub.cases.models import Incident
    from csphub.people.models import Person

    applications = list(
        Application.objects.filter(
            status__in=[cr_rules.Status.CLOSED, cr_rules.Status.WITHDRAWN], closed_on__isnull=False
        )
        .select_related("owning_agency", "appeal")
        .order_by("closed_on", "id")
    )
    ids = [a.pk for a in applications]
    held = _holds_on(Application)
    incidents_held, people_held = _holds_on(Incident), _holds_on(Person)
    holds: dict[int, list[str]] = {}
    if incidents_held or people_held:
        for app_id, incident_id, person_id in ApplicationIncident.objects.filter(
            application_id__in=ids
        ).values_list("application_id", "incident_id", "complainant_id"):
            if incident_id in incidents_held:
                holds.setdefault(app_id, []).append(f"record hold: {incidents_held[incident_id]}")
            if person_id in people_held:
                holds.setdefault(app_id, []).append(f"person hold: {people_held[person_id]}")
    open_recommendations: dict[int, list[str]] = {}
    for app_id, due_on in Recommendation.objects.filter(
        review__application_id__in=ids, completed_on__isnull=True
    ).values_list("review__application_id", "due_on"):
        open_recommendations.setdefault(app_id, []).append(
            f"a recommendation due on {due_on:%d %B %Y} not yet completed"
        )
    found = []
    for a in applications:
        appeal = getattr(a, "appeal", None)
        in_force = list(open_recommendations.get(a.pk, ()))
        if appeal is not None and appeal.decided_on is None:
            in_force.append("an appeal not yet decided")
        decided = appeal.decided_on if appeal is not None else None
        later = decided is not None and a.closed_on is not None and decided > a.closed_on
        found.append(
            Candidate(
                a,
                a.reference,
                a.owning_agency_id,
                a.owning_agency.name,
                _later(a.closed_on, decided),
                ((f"record hold: {held[a.pk]}",) if a.pk in held else ()) + tuple(holds.get(a.pk, ())),
                tuple(in_force),
                f"the appeal decided on {decided:%d %B %Y}, after the application closed"
                if later and decided
                else "",
            )
        )
    return found


def _slavery_candidates() -> list[Candidate]:
    """Concerns the Home Office has been notified of (trigger: the day it was notified); a concern
    not yet notified is never disposed of. A hold on the concern or on the person it is about keeps it."""
    from csphub.duties.models import NotificationStatus, SlaveryConcern
    from csphub.people.models import Person

    held, people_held = _holds_on(SlaveryConcern), _holds_on(Person)
    concerns = (
        SlaveryConcern.objects.filter(status=NotificationStatus.NOTIFIED, notified_on__isnull=False)
        .select_related("owning_agency")
        .order_by("notified_on", "id")
    )
    return [
        Candidate(
            c,
            c.reference,
            c.owning_agency_id,
            c.owning_agency.name,
            c.notified_on or c.grounds_date,  # notified_on is set on every notified concern
            ((f"record hold: {held[c.pk]}",) if c.pk in held else ())
            + ((f"person hold: {people_held[c.person_id]}",) if c.person_id in people_held else ()),
        )
        for c in concerns
    ]


def _prevent_candidates() -> list[Candidate]:
    """Prevent referrals once closed: no further action or signposted (trigger: the screening day),
    or referred to Channel and consent declined (the later of the first panel and the consent
    decision) or the person left Channel (the later of the exit and the last post-exit review). A
    post-exit review not yet completed keeps it; a referral still with the police or the panel is
    never disposed of. A hold on the referral or on its Channel case keeps it."""
    from csphub.duties.models import ChannelCase, ChannelStatus, PreventReferral, ReferralStatus

    held, channel_held = _holds_on(PreventReferral), _holds_on(ChannelCase)
    referrals = (
        PreventReferral.objects.exclude(status=ReferralStatus.RECEIVED)
        .select_related("owning_agency", "channel_case")
        .prefetch_related("channel_case__reviews")
        .order_by("referred_on", "id")
    )
    found = []
    for r in referrals:
        holds: tuple[str, ...] = (f"record hold: {held[r.pk]}",) if r.pk in held else ()
        in_force: tuple[str, ...] = ()
        why = ""
        if r.status in (ReferralStatus.SIGNPOSTED, ReferralStatus.CLOSED):
            trigger = _later(r.screened_on, r.referred_on)
        else:
            case = getattr(r, "channel_case", None)
            if case is None or case.status not in (ChannelStatus.DECLINED, ChannelStatus.EXITED):
                continue  # still with the police Prevent team or the Channel panel
            if case.pk in channel_held:
                holds += (f"record hold: {channel_held[case.pk]}",)
            reviews = list(case.reviews.all())
            in_force = tuple(
                f"a Channel post-exit review due on {rv.due_on:%d %B %Y} not yet completed"
                for rv in reviews
                if rv.completed_on is None
            )
            trigger = _later(
                r.screened_on,
                case.first_panel_on,
                case.consent_on,
                case.exited_on,
                *(rv.completed_on for rv in reviews),
            )
            why = f"its Channel case {case.reference}"
        found.append(
            Candidate(r, r.reference, r.owning_agency_id, r.owning_agency.name, trigger, holds, in_force, why)
        )
    return found


def _dhr_candidates() -> list[Candidate]:
    """Reviews decided not to be held (trigger: the decision) or published (trigger: publication);
    an action of the action plan not yet complete keeps it. A hold on the review keeps it."""
    from csphub.duties.models import ActionStatus, DhrAction, DhrStatus, DomesticHomicideReview

    held = _holds_on(DomesticHomicideReview)
    reviews = list(
        DomesticHomicideReview.objects.filter(status__in=[DhrStatus.NOT_HELD, DhrStatus.PUBLISHED])
        .select_related("owning_agency")
        .order_by("notified_on", "id")
    )
    open_actions: dict[int, int] = {}
    for review_id in (
        DhrAction.objects.filter(recommendation__review_id__in=[r.pk for r in reviews])
        .exclude(status=ActionStatus.COMPLETE)
        .values_list("recommendation__review_id", flat=True)
    ):
        open_actions[review_id] = open_actions.get(review_id, 0) + 1
    found = []
    for r in reviews:
        trigger = r.published_on if r.status == DhrStatus.PUBLISHED else r.decided_on
        if trigger is None:
            continue
        n = open_actions.get(r.pk, 0)
        found.append(
            Candidate(
                r,
                r.reference,
                r.owning_agency_id,
                r.owning_agency.name,
                trigger,
                (f"record hold: {held[r.pk]}",) if r.pk in held else (),
                (f"{n} action(s) of its action plan not yet complete",) if n else (),
            )
        )
    return found


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


# The duty registers' records live in compartments: the data protection pages count them, never
# name them (their references are listed to the operator, on the command line).
COMPARTMENT_RECORD_TYPES = ("slavery_concern", "prevent_referral", "dhr")


def tombstones_recent(agency: Any, limit: int = 50) -> list[Any]:
    """The agency's records disposed of most recently (none of a compartment's: see above)."""
    from csphub.governance.models import Tombstone

    return list(
        Tombstone.objects.filter(owning_agency=agency)
        .exclude(record_type__in=COMPARTMENT_RECORD_TYPES)
        .select_related("owning_agency", "run")
        .order_by("-run__ran_on", "-id")[:limit]
    )


def disposed_facts(record_type: str, partnerships: list[int]) -> list[dict[str, Any]]:
    """The facts kept on the tombstones of ``record_type`` records of ``partnerships``, for the
    statistics that count disposed records with the live ones (the board pack, the plan's measures).
    Dates are ISO strings: :func:`fact_day` reads them."""
    from csphub.governance.models import Tombstone

    return [
        kept
        for kept in Tombstone.objects.filter(record_type=record_type, partnership_id__in=partnerships)
        .order_by("id")
        .values_list("facts", flat=True)
        if kept
    ]


def fact_day(kept: dict[str, Any], name: str) -> dt.date | None:
    """A date kept on a tombstone (``None`` when it was not set)."""
    text = kept.get(name)
    return dt.date.fromisoformat(text) if text else None


def count_disposed(record_type: str, partnerships: list[int], day: str, start: dt.date, end: dt.date) -> int:
    """How many disposed records of ``record_type`` had their ``day`` within ``start``..``end``."""
    found = 0
    for kept in disposed_facts(record_type, partnerships):
        on = fact_day(kept, day)
        if on is not None and start <= on <= end:
            found += 1
    return found
