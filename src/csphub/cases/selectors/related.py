"""Repeat victims and the related-records prompt (earlier incidents and cases of the same people)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone

from csphub.cases import config, rules
from csphub.cases.models import (
    CaseIncident,
    CaseParty,
    Incident,
    IncidentParty,
    PartyRole,
)
from csphub.cases.selectors.records import (
    case_list_visible_to,
    incident_list_visible_to,
    incidents_for_person,
)
from csphub.people.models import Person

# --------------------------------------------------------------------------------------------
# Repeat victim
# --------------------------------------------------------------------------------------------


def repeat_victim_decision(
    *, user: Any, person: Person, as_of: dt.datetime | None = None
) -> rules.RepeatDecision:
    """The repeat-victim rule over the incidents of ``person`` as victim that the user may see.

    Computed on read (never stored) so that it reflects the current rule and the user's view:
    a partner does not learn of incidents they cannot see through a flag.
    """
    as_of = as_of or timezone.now()
    rule = config.repeat_victim_rule()
    since = rules.months_before(as_of, rule.period_months)
    facts = [
        rules.IncidentFact(i.occurred_at, asb_type=i.asb_type, category=i.category, reference=i.reference)
        for i in incidents_for_person(user=user, person=person, since=since, roles=[PartyRole.VICTIM])
        .select_related(None)
        .only("pk", "occurred_at", "asb_type", "category")
    ]
    return rules.is_repeat_victim(facts, as_of=as_of, rule=rule)


def repeat_victims_among(*, user: Any, people: Iterable[Person]) -> dict[int, rules.RepeatDecision]:
    """The repeat victims among ``people``, decided as :func:`repeat_victim_decision` does.

    One query however many people: the visible incidents in which any of them is a victim.
    """
    people = list(people)
    if not people:
        return {}
    as_of = timezone.now()
    rule = config.repeat_victim_rule()
    since = rules.months_before(as_of, rule.period_months)
    rows = (
        IncidentParty.objects.filter(
            person__in=[p.pk for p in people],
            role=PartyRole.VICTIM,
            incident__in=incident_list_visible_to(user).filter(occurred_at__gte=since).values("pk"),
        )
        .order_by("-incident__occurred_at", "-incident_id")
        .values_list(
            "person_id", "incident_id", "incident__occurred_at", "incident__asb_type", "incident__category"
        )
    )
    return _repeat_decisions(people, rows, as_of=as_of, rule=rule)


def repeat_victim_count(partnership_ids: Iterable[int], *, start: dt.date, end: dt.date) -> int:
    """How many people were repeat victims under the repeat-victim rule in ``start``..``end``
    (inclusive): victims of a partnership's incident in the period who, as that incident happened,
    had reached the rule's threshold of similar incidents within its period (incidents before
    ``start`` count towards it). An aggregate count for board packs: no person is returned."""
    rule = config.repeat_victim_rule()
    first = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    after = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    rows = IncidentParty.objects.filter(
        role=PartyRole.VICTIM,
        incident__partnership_id__in=list(partnership_ids),
        incident__occurred_at__gte=rules.months_before(first, rule.period_months),
        incident__occurred_at__lt=after,
    ).values_list("person_id", "incident__occurred_at", "incident__asb_type", "incident__category")
    facts: dict[int, list[rules.IncidentFact]] = {}
    in_period: dict[int, list[dt.datetime]] = {}
    for person_id, occurred_at, asb_type, category in rows:
        facts.setdefault(person_id, []).append(
            rules.IncidentFact(occurred_at, asb_type=asb_type, category=category)
        )
        if occurred_at >= first:
            in_period.setdefault(person_id, []).append(occurred_at)
    return sum(
        1
        for person_id, times in in_period.items()
        if any(rules.is_repeat_victim(facts[person_id], as_of=t, rule=rule).is_repeat for t in times)
    )


def _repeat_decisions(
    people: list[Person],
    rows: Iterable[tuple[int, int, dt.datetime, str, str]],
    *,
    as_of: dt.datetime,
    rule: rules.RepeatVictimRule,
) -> dict[int, rules.RepeatDecision]:
    """The repeat victims among ``people``, from (person, incident, occurred_at, type, category) rows
    of the visible incidents in which they are a victim, newest first."""
    facts: dict[int, list[rules.IncidentFact]] = {}
    for person_id, incident_id, occurred_at, asb_type, category in rows:
        facts.setdefault(person_id, []).append(
            rules.IncidentFact(
                occurred_at,
                asb_type=asb_type,
                category=category,
                reference=Incident(pk=incident_id).reference,
            )
        )
    decisions = {p.pk: rules.is_repeat_victim(facts.get(p.pk, []), as_of=as_of, rule=rule) for p in people}
    return {pk: decision for pk, decision in decisions.items() if decision.is_repeat}


# --------------------------------------------------------------------------------------------
# Related-records prompt
# --------------------------------------------------------------------------------------------


@dataclass
class RelatedRecord:
    kind: str  # "incident" | "case"
    record: Any
    reasons: set[rules.MatchReason] = field(default_factory=set)

    @property
    def reason_labels(self) -> list[str]:
        return [rules.MATCH_REASON_LABELS[r] for r in sorted(self.reasons)]


def related_records(
    *,
    user: Any,
    when: dt.datetime,
    victim_ids: Iterable[int] = (),
    perpetrator_ids: Iterable[int] = (),
    address_id: int | None = None,
    uprn: str = "",
    exclude_incident_ids: Iterable[int] = (),
    exclude_case_ids: Iterable[int] = (),
    limit: int = 20,
    incident_candidates: Iterable[int] | None = None,
    case_candidates: Iterable[int] | None = None,
) -> list[RelatedRecord]:
    """Possibly related incidents and open or recent cases the user may see.

    Matching is :func:`rules.related_match_reasons` (same victim, alleged perpetrator or address
    within the configured period); the database narrows candidates with indexed lookups first
    (party by person and role, address id, UPRN) so the prompt stays fast at a million incidents.
    A caller that has already read the incidents (``incident_candidates``) or the cases
    (``case_candidates``) naming the same victims and alleged perpetrators passes their ids, and
    those lookups are not made again (the case page reads them with the page's own lists).
    """
    rule = config.related_record_rule()
    victims = frozenset(int(v) for v in victim_ids)
    perps = frozenset(int(p) for p in perpetrator_ids)
    new_keys = rules.RecordKeys(
        when=when,
        victim_ids=victims,
        perpetrator_ids=perps,
        address_keys=rules.address_keys(address_id=address_id, uprn=uprn or None),
    )
    window = dt.timedelta(days=rule.period_days)
    if not (victims or perps or address_id is not None or uprn):
        return []
    # Narrow first by the indexed keys (each gives a handful of ids), then ask the policy about
    # only those: one OR-ed query lets PostgreSQL walk a million incidents by date instead.
    cap = 2000
    candidate_ids: set[int] = set()
    if incident_candidates is not None:
        candidate_ids |= set(incident_candidates)
    elif victims or perps:
        candidate_ids |= set(
            IncidentParty.objects.filter(_same_parties(victims, perps)).values_list("incident_id", flat=True)[
                : 2 * cap
            ]
        )
    if address_id is not None:
        candidate_ids |= set(
            Incident.objects.filter(address_id=address_id).values_list("pk", flat=True)[:cap]
        )
    if uprn:
        candidate_ids |= set(Incident.objects.filter(uprn=uprn.strip()).values_list("pk", flat=True)[:cap])
    candidate_ids -= set(exclude_incident_ids)
    candidates = list(
        incident_list_visible_to(user)
        .filter(pk__in=sorted(candidate_ids), occurred_at__gte=when - window, occurred_at__lte=when + window)
        .order_by("-occurred_at")[: limit * 3]
    )
    parties: dict[int, list[tuple[int, str]]] = {}
    for incident_id, person_id, role in IncidentParty.objects.filter(
        incident_id__in=[c.pk for c in candidates]
    ).values_list("incident_id", "person_id", "role"):
        parties.setdefault(incident_id, []).append((person_id, role))
    found: list[RelatedRecord] = []
    for incident in candidates:
        people = parties.get(incident.pk, [])
        keys = rules.RecordKeys(
            when=incident.occurred_at,
            victim_ids=frozenset(p for p, r in people if r == PartyRole.VICTIM),
            perpetrator_ids=frozenset(p for p, r in people if r == PartyRole.ALLEGED_PERPETRATOR),
            address_keys=rules.address_keys(address_id=incident.address_id, uprn=incident.uprn or None),
        )
        matched = rules.related_match_reasons(new_keys, keys, rule=rule)
        if matched:
            found.append(RelatedRecord("incident", incident, set(matched)))
    found = found[:limit]

    # Cases: visible cases holding one of those incidents, or naming the same victim/perpetrator.
    case_ids: set[int] = set()
    if found:
        case_ids |= set(
            CaseIncident.objects.filter(incident_id__in=[r.record.pk for r in found]).values_list(
                "case_id", flat=True
            )[:cap]
        )
    if case_candidates is not None:
        case_ids |= set(case_candidates)
    elif victims or perps:
        case_ids |= set(
            CaseParty.objects.filter(_same_parties(victims, perps)).values_list("case_id", flat=True)[
                : 2 * cap
            ]
        )
    case_ids -= set(exclude_case_ids)
    cases = (
        case_list_visible_to(user)
        .filter(pk__in=sorted(case_ids))
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=when - window))
        .order_by("-opened_at")[:limit]
    )
    incident_reasons = {r.record.pk: r.reasons for r in found}
    case_list = list(cases)
    case_incident_ids: dict[int, set[int]] = {}
    for case_id, incident_id in CaseIncident.objects.filter(case__in=case_list).values_list(
        "case_id", "incident_id"
    ):
        case_incident_ids.setdefault(case_id, set()).add(incident_id)
    case_people: dict[int, list[tuple[int, str]]] = {}
    for case_id, person_id, role in CaseParty.objects.filter(case__in=case_list).values_list(
        "case_id", "person_id", "role"
    ):
        case_people.setdefault(case_id, []).append((person_id, role))
    case_records = []
    for case in case_list:
        case_reasons: set[rules.MatchReason] = set()
        for iid in case_incident_ids.get(case.pk, ()):
            case_reasons |= incident_reasons.get(iid, set())
        for person_id, role in case_people.get(case.pk, []):
            if role == PartyRole.VICTIM and person_id in victims:
                case_reasons.add(rules.MatchReason.SAME_VICTIM)
            if role == PartyRole.ALLEGED_PERPETRATOR and person_id in perps:
                case_reasons.add(rules.MatchReason.SAME_ALLEGED_PERPETRATOR)
        case_records.append(RelatedRecord("case", case, case_reasons))
    return case_records + found


def _same_parties(victims: Iterable[int], perps: Iterable[int]) -> Q:
    """Party rows (of incidents or cases) naming one of ``victims`` as victim or one of ``perps``
    as alleged perpetrator: one indexed lookup per role, OR-ed into one query."""
    same = Q(pk__in=[])
    if victims:
        same |= Q(person_id__in=sorted(victims), role=PartyRole.VICTIM)
    if perps:
        same |= Q(person_id__in=sorted(perps), role=PartyRole.ALLEGED_PERPETRATOR)
    return same


def related_records_for_incident(*, user: Any, incident: Incident, limit: int = 20) -> list[RelatedRecord]:
    people = list(incident.parties.values_list("person_id", "role"))
    return related_records(
        user=user,
        when=incident.occurred_at,
        victim_ids=[p for p, r in people if r == PartyRole.VICTIM],
        perpetrator_ids=[p for p, r in people if r == PartyRole.ALLEGED_PERPETRATOR],
        address_id=incident.address_id,
        uprn=incident.uprn,
        exclude_incident_ids=[incident.pk],
        exclude_case_ids=list(incident.case_links.values_list("case_id", flat=True)),
        limit=limit,
    )
