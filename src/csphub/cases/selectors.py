"""Every read of ASB casework, built on the one policy (:mod:`csphub.agencies.policies`).

Lists, detail pages, search, the map, CSV export, the related-records prompt and the person page
all start from ``visible_to``; nothing here filters by the user's agency itself except to apply
the *part* of a shared case a partner may see (:func:`case_scope`): with a SUMMARY share (panel
agenda) a partner sees the case header and its parties' names and roles, never incident
descriptions, notes, documents or addresses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Case as SqlCase
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from csphub.agencies.models import Membership, ShareScope
from csphub.agencies.policies import (
    Action,
    Capability,
    acting_membership,
    get_object_or_404_for,
    has_capability,
    policy_for,
    role_allows,
    share_scope,
    visible_in_full_to,
    visible_to,
)
from csphub.audit.services import audit_viewed
from csphub.cases import config, rules
from csphub.cases.models import (
    AgendaItem,
    Case,
    CaseIncident,
    CaseLink,
    CaseParty,
    CaseStatus,
    CaseStatusChange,
    ClosureSurvey,
    Document,
    Incident,
    IncidentParty,
    Note,
    NoteVisibility,
    PartyRole,
    ShareRequest,
    Task,
    TaskStatus,
    VictimContact,
)
from csphub.core.actor import Actor, user_of
from csphub.people.models import Address, Person

# --------------------------------------------------------------------------------------------
# Incidents (also read by the casereviews and risk apps)
# --------------------------------------------------------------------------------------------


def incident_list_visible_to(user: Any, *, action: Action = Action.VIEW) -> QuerySet[Incident]:
    return visible_to(user, action, Incident).select_related("owning_agency", "reporting_agency", "address")


def incident_get_visible(user: Any, pk: Any, *, action: Action = Action.VIEW) -> Incident:
    return get_object_or_404_for(user, action, incident_list_visible_to(user, action=action), pk=pk)


def incidents_for_person(
    *, user: Any, person: Person, since: dt.datetime | None = None, roles: Iterable[str] | None = None
) -> QuerySet[Incident]:
    """Visible incidents in which ``person`` is a party (any role unless ``roles``), newest first."""
    qs = incident_list_visible_to(user).filter(
        pk__in=IncidentParty.objects.filter(
            person=person, **({"role__in": list(roles)} if roles is not None else {})
        ).values("incident_id")
    )
    if since is not None:
        qs = qs.filter(occurred_at__gte=since)
    return qs


def incident_parties(incident: Incident) -> list[IncidentParty]:
    return list(incident.parties.select_related("person").order_by("role", "person__family_name"))


# --------------------------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------------------------


def case_list_visible_to(
    user: Any,
    *,
    action: Action = Action.VIEW,
    status: str = "",
    asb_type: str = "",
    search: str = "",
    officer: Any | None = None,
) -> QuerySet[Case]:
    """Cases the user may ``action``, filtered; the same queryset feeds list, search, map and export."""
    qs = visible_to(user, action, Case).select_related("owning_agency", "case_officer")
    if status == "open":
        qs = qs.exclude(status=CaseStatus.CLOSED)
    elif status:
        qs = qs.filter(status=status)
    if asb_type:
        qs = qs.filter(asb_type=asb_type)
    if officer is not None:
        qs = qs.filter(case_officer=officer)
    if search:
        qs = _text_search(qs, search, user)
    return qs


def _text_search(qs: QuerySet[Case], search: str, user: Any) -> QuerySet[Case]:
    """Every term must appear in the case's search text (reference, summary, names, addresses).

    On PostgreSQL ``icontains`` becomes ``UPPER(x) LIKE UPPER('%term%')``, which the trigram GIN
    index on ``UPPER(search_text)`` (migration 0002) serves; SQLite scans, which is fine at the
    sizes an embedded install holds.

    A case the user sees only as a panel summary matches only on what that summary shows (the
    summary line and its parties' names), never on the addresses it withholds: otherwise a search
    for a postcode would tell a partner where the case's incidents happened.
    """
    in_full = visible_in_full_to(user, Case).values("pk")
    for term in search.split()[:6]:
        ref = term.upper()
        if ref.startswith("ASB-") and ref[4:].isdigit():
            qs = qs.filter(pk=int(ref[4:]))
            continue
        named = CaseParty.objects.filter(
            Q(person__given_name__icontains=term)
            | Q(person__family_name__icontains=term)
            | Q(person__known_as__icontains=term)
        ).values("case_id")
        qs = qs.filter(search_text__icontains=term).filter(
            Q(pk__in=in_full) | Q(summary__icontains=term) | Q(pk__in=named)
        )
    return qs


def case_get_visible(user: Any, pk: Any, *, action: Action = Action.VIEW) -> Case:
    return get_object_or_404_for(
        user, action, visible_to(user, action, Case).select_related("owning_agency", "case_officer"), pk=pk
    )


def case_scope(user: Any, case: Case) -> str | None:
    """ "full", "summary" or None: how much of a visible case the user may see."""
    return share_scope(user, case)


def case_parties(case: Case) -> list[CaseParty]:
    return list(
        case.parties.select_related("person").order_by("role", "person__family_name", "person__given_name")
    )


def case_incidents(case: Case) -> QuerySet[Incident]:
    return Incident.objects.filter(case_links__case=case).select_related("address", "reporting_agency")


def case_notes_for(user: Any, case: Case) -> list[Note]:
    """Notes the user may read: all for the owning agency; notes marked shared (and the reader's
    own agency's) for a partner with a FULL share; none with a SUMMARY share."""
    scope = case_scope(user, case)
    membership = acting_membership(user)
    if scope != ShareScope.FULL or membership is None:
        return []
    qs = visible_to(user, Action.VIEW, Note).filter(case=case).select_related("author_agency", "created_by")
    if case.owning_agency_id != membership.agency_id:
        qs = qs.filter(Q(visibility=NoteVisibility.SHARED) | Q(author_agency=membership.agency))
    return list(qs)


def case_documents_for(user: Any, case: Case) -> list[Document]:
    scope = case_scope(user, case)
    membership = acting_membership(user)
    if scope != ShareScope.FULL or membership is None:
        return []
    qs = (
        visible_to(user, Action.VIEW, Document)
        .filter(case=case)
        .select_related("author_agency", "created_by")
    )
    if case.owning_agency_id != membership.agency_id:
        qs = qs.filter(Q(visibility=NoteVisibility.SHARED) | Q(author_agency=membership.agency))
    return list(qs)


def document_get_visible(user: Any, pk: Any) -> Document:
    """A document the user may download, or 404 (also when only a summary of the case is shared)."""
    from django.http import Http404

    document = get_object_or_404_for(user, Action.VIEW, Document, pk=pk)
    if document not in case_documents_for(user, document.case):
        raise Http404("No such record.")
    return document


def cases_for_person(*, user: Any, person: Person) -> QuerySet[Case]:
    return case_list_visible_to(user).filter(pk__in=CaseParty.objects.filter(person=person).values("case_id"))


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


# --------------------------------------------------------------------------------------------
# Search
# --------------------------------------------------------------------------------------------


@dataclass
class SearchResults:
    query: str
    cases: list[Case]
    people: list[Person]
    addresses: list[Address]


def search(*, user: Any, query: str, limit: int = 25) -> SearchResults:
    """Cases, people and addresses the user may see that match every word of ``query``."""
    from csphub.people.selectors import address_list_visible_to, person_list_visible_to

    query = " ".join(query.split())[:100]
    if len(query) < 2:
        return SearchResults(query, [], [], [])
    cases = list(case_list_visible_to(user, search=query).order_by("-opened_at")[:limit])
    # Unordered in SQL so PostgreSQL drives the query from the trigram indexes (an ORDER BY name
    # makes it walk the name index and filter 200k rows); a capped set is sorted here instead.
    # The cap is generous on purpose: a small LIMIT tempts the planner into a sequential scan
    # "until 200 rows are found", which is slow when matches are rare.
    people = sorted(
        person_list_visible_to(user, search=query).order_by()[: limit * 40],
        key=lambda p: (p.family_name.lower(), p.given_name.lower(), p.known_as.lower(), p.pk),
    )[:limit]
    addresses = sorted(
        address_list_visible_to(user, search=query).order_by()[: limit * 40],
        key=lambda a: (a.postcode, a.line_1.lower(), a.pk),
    )[:limit]
    return SearchResults(query, cases, people, addresses)


def uses_trigram_index() -> bool:
    return connection.vendor == "postgresql"


# --------------------------------------------------------------------------------------------
# Map
# --------------------------------------------------------------------------------------------


# What the map's "status" filter offers: an incident's standing among the cases *the reader* may
# see (a case the reader cannot see never shows, so the filter cannot reveal one).
MAP_STATUSES = {
    "open_case": "On an open case",
    "closed_case": "On closed cases only",
    "no_case": "Not on a case you can see",
}


def map_incidents(
    *,
    user: Any,
    since: dt.datetime | None = None,
    category: str = "",
    status: str = "",
    limit: int = 5000,
) -> list[Incident]:
    """Visible incidents with a point, newest first, each annotated ``case_standing`` (a key of
    :data:`MAP_STATUSES`), filtered by category and standing. One query."""
    visible_cases = visible_to(user, Action.VIEW, Case)
    links = CaseIncident.objects.filter(incident=OuterRef("pk"), case__in=visible_cases.values("pk"))
    qs = (
        incident_list_visible_to(user)
        .filter(longitude__isnull=False, latitude__isnull=False)
        .annotate(
            case_standing=SqlCase(
                When(Exists(links.exclude(case__status=CaseStatus.CLOSED)), then=Value("open_case")),
                When(Exists(links), then=Value("closed_case")),
                default=Value("no_case"),
            )
        )
    )
    if since is not None:
        qs = qs.filter(occurred_at__gte=since)
    if category:
        qs = qs.filter(category=category)
    if status in MAP_STATUSES:
        qs = qs.filter(case_standing=status)
    return list(
        qs.select_related(None).only(
            "pk", "occurred_at", "asb_type", "category", "longitude", "latitude", "owning_agency_id"
        )[:limit]
    )


# --------------------------------------------------------------------------------------------
# Tasks
# --------------------------------------------------------------------------------------------


def task_list_visible_to(user: Any) -> QuerySet[Task]:
    return visible_to(user, Action.VIEW, Task).select_related("owner", "case", "owning_agency")


def my_tasks(user: Any, *, include_done: bool = False) -> QuerySet[Task]:
    qs = task_list_visible_to(user).filter(owner=user_of(user))
    return qs if include_done else qs.filter(status=TaskStatus.OPEN)


def case_tasks(user: Any, case: Case) -> QuerySet[Task]:
    return task_list_visible_to(user).filter(case=case)


def overdue_dashboard(user: Any, *, today: dt.date | None = None) -> dict[str, Any]:
    """Overdue open tasks the user may see (their agency's), by officer and in total.

    "Team" is the acting agency: the platform has no team model yet.
    """
    today = today or timezone.localdate()
    overdue = task_list_visible_to(user).filter(status=TaskStatus.OPEN, due_on__lt=today)
    by_officer = (
        overdue.values("owner_id", "owner__first_name", "owner__last_name", "owner__username")
        .annotate(n=Count("pk"))
        .order_by("-n", "owner__last_name")
    )
    return {
        "today": today,
        "total": overdue.count(),
        "by_officer": list(by_officer),
        "tasks": list(overdue.order_by("due_on")[:200]),
    }


def owner_may_see(owner: Any, membership: Membership | None, case: Case | None) -> bool:
    """May ``owner``, acting in ``membership``, see ``case`` (or, with no case, personal records)?"""
    if membership is None or not owner.is_active or not membership.is_active:
        return False
    policy = policy_for(Actor(user=owner, membership=membership))
    if case is None:
        return policy.role_allows(Action.VIEW)
    return policy.can(Action.VIEW, case)


def orphaned_tasks(user: Any) -> list[Task]:
    """Open tasks of the user's team (their agency's tasks they may see) whose owner can no longer
    see the case the task is on: a share withdrawn, a membership ended, a record restricted.

    Only for those who manage the team's tasks (team managers, coordinators); others get [].
    Two queries per owner (their membership, the cases they may see), whatever the number of tasks.
    """
    if not has_capability(user, Capability.MANAGE_TEAM_TASKS):
        return []

    tasks = list(
        task_list_visible_to(user).filter(status=TaskStatus.OPEN, case__isnull=False).order_by("due_on", "pk")
    )
    by_owner: dict[tuple[int, int], list[Task]] = {}
    for task in tasks:
        by_owner.setdefault((task.owner_id, task.owning_agency_id), []).append(task)
    orphaned: list[Task] = []
    for (owner_id, agency_id), owned in by_owner.items():
        owner = owned[0].owner
        membership = (
            Membership.objects.filter(user_id=owner_id, agency_id=agency_id, is_active=True)
            .select_related("agency")
            .first()
        )
        if membership is None or not owner_may_see(owner, membership, None):
            orphaned += owned
            continue
        seen = set(
            visible_to(
                Actor(user=owner, membership=membership),
                Action.VIEW,
                Case.objects.filter(pk__in={t.case_id for t in owned}),
            ).values_list("pk", flat=True)
        )
        orphaned += [t for t in owned if t.case_id not in seen]
    orphaned.sort(key=lambda t: (t.due_on, t.pk))
    return orphaned


def orphaned_task_count(user: Any) -> int:
    return len(orphaned_tasks(user))


# --------------------------------------------------------------------------------------------
# The case page
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CasePage:
    """Everything the case page shows, read once for one actor.

    ``scope`` is "full" or "summary"; with a summary (a partner who sees the case on a panel
    agenda) the lists of notes, documents, tasks, status changes, links and agenda items are empty.
    ``related`` (the related-records prompt) is filled only for someone who may change the case.
    """

    case: Case
    scope: str
    can_change: bool
    can_write: bool
    parties: list[CaseParty]
    incidents: list[Incident]
    notes: list[Note] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    status_changes: list[CaseStatusChange] = field(default_factory=list)
    links: list[CaseLink] = field(default_factory=list)
    agenda_items: list[AgendaItem] = field(default_factory=list)
    repeat_victims: dict[int, rules.RepeatDecision] = field(default_factory=dict)
    related: list[RelatedRecord] | None = None

    @property
    def full(self) -> bool:
        return self.scope == ShareScope.FULL


def case_page(actor: Actor, pk: Any) -> CasePage:
    """The case page for ``actor``, or Http404; records that the actor was shown the case.

    Showing personal data and recording that it was shown are one call. The actor's policy answers
    every visibility question from facts it fetched once, so the page costs one query per list it
    shows, whatever the number of rows (``tests/cases/test_query_budgets.py`` pins it). The
    repeat-victim flag and the related-records prompt share one read of the parties' incidents
    (:func:`_party_reads`).
    """
    policy = actor.policy
    case = case_get_visible(actor, pk)
    scope = policy.share_scope(case) or ""
    audit_viewed(actor=actor, target=case, justification=f"scope={scope}")
    can_change = policy.can(Action.CHANGE, case)
    if scope != ShareScope.FULL:
        return CasePage(
            case=case,
            scope=scope,
            can_change=can_change,
            can_write=False,
            parties=case_parties(case),
            incidents=list(case_incidents(case)),
        )
    reads = _party_reads(actor, case, with_related=can_change)
    parties = reads.parties
    incidents = list(case_incidents(case))
    links = list(case.links_from.select_related("related_case"))
    related = None
    if can_change:
        related = related_records(
            user=actor,
            when=reads.now,
            victim_ids=[p.person_id for p in parties if p.role == PartyRole.VICTIM],
            perpetrator_ids=[p.person_id for p in parties if p.role == PartyRole.ALLEGED_PERPETRATOR],
            exclude_incident_ids=[i.pk for i in incidents],
            exclude_case_ids=[case.pk, *[link.related_case_id for link in links]],
            incident_candidates=reads.incident_candidates,
        )
    return CasePage(
        case=case,
        scope=scope,
        can_change=can_change,
        can_write=policy.role_allows(Action.CREATE),
        parties=parties,
        incidents=incidents,
        notes=case_notes_for(actor, case),
        documents=case_documents_for(actor, case),
        tasks=list(case_tasks(actor, case)),
        status_changes=list(case.status_changes.select_related("created_by")),
        links=links,
        agenda_items=list(case.agenda_items.select_related("meeting__panel")),
        repeat_victims=reads.repeat_victims,
        related=related,
    )


@dataclass(frozen=True)
class _PartyReads:
    now: dt.datetime
    parties: list[CaseParty]
    repeat_victims: dict[int, rules.RepeatDecision]
    incident_candidates: set[int]


def _party_reads(actor: Actor, case: Case, *, with_related: bool) -> _PartyReads:
    """The case's parties and their incidents, in two queries.

    The incidents are the parties' (victims as victim and, ``with_related``, alleged perpetrators
    as alleged perpetrator) since the earlier of the two rules' windows, each marked visible or
    not to the actor: they give the repeat-victim flag (visible incidents only, as
    :func:`repeat_victims_among`) and the related-records prompt's candidate incidents (which
    :func:`related_records` then asks the policy about). The parties' other cases are left to
    :func:`related_records` (one indexed lookup by person): folding them into the parties query
    made PostgreSQL scan every case party (``benchmarks/bench_case_page.py``).
    """
    now = timezone.now()
    repeat_rule = config.repeat_victim_rule()
    since = rules.months_before(now, repeat_rule.period_months)
    window = dt.timedelta(days=config.related_record_rule().period_days)
    parties = case_parties(case)
    victims = sorted({p.person_id for p in parties if p.role == PartyRole.VICTIM})
    perps = sorted({p.person_id for p in parties if p.role == PartyRole.ALLEGED_PERPETRATOR})
    incident_rows: list[tuple[int, str, int, dt.datetime, str, str, bool]] = []
    if victims or (with_related and perps):
        floor = min(since, now - window) if with_related else since
        visible = incident_list_visible_to(actor).filter(pk=OuterRef("incident_id"))
        incident_rows = list(
            IncidentParty.objects.filter(
                _same_parties(victims, perps if with_related else ()), incident__occurred_at__gte=floor
            )
            .annotate(visible=Exists(visible))
            .order_by("-incident__occurred_at", "-incident_id")
            .values_list(
                "person_id",
                "role",
                "incident_id",
                "incident__occurred_at",
                "incident__asb_type",
                "incident__category",
                "visible",
            )
        )
    victim_people = [p.person for p in parties if p.role == PartyRole.VICTIM]
    repeat = _repeat_decisions(
        victim_people,
        [
            (person_id, incident_id, occurred_at, asb_type, category)
            for person_id, role, incident_id, occurred_at, asb_type, category, seen in incident_rows
            if seen and role == PartyRole.VICTIM and occurred_at >= since
        ],
        as_of=now,
        rule=repeat_rule,
    )
    return _PartyReads(
        now=now,
        parties=parties,
        repeat_victims=repeat,
        incident_candidates={row[2] for row in incident_rows} if with_related else set(),
    )


def case_list_with_counts(qs: QuerySet[Case]) -> QuerySet[Case]:
    return qs.annotate(incident_count=Count("case_incidents", distinct=True))


def case_shares(case: Case) -> list[Any]:
    """Every share of ``case`` (in force, withdrawn or lapsed), newest first, for its owner's
    Sharing page: agency, agreement and who shared it in one query."""
    from django.contrib.contenttypes.models import ContentType

    from csphub.agencies.models import RecordShare

    return list(
        RecordShare.objects.filter(content_type=ContentType.objects.get_for_model(Case), object_id=case.pk)
        .select_related("agency", "agreement", "created_by")
        .order_by("-created_at", "-id")
    )


def share_partners_for(case: Case) -> tuple[Any, Any]:
    """(agencies, agreements) the owner may share ``case`` under: agreements in force naming the
    owning agency, and the other parties to them."""
    from csphub.agencies.models import Agency
    from csphub.agencies.selectors import agreements_in_force_for

    agreements = agreements_in_force_for(case.owning_agency)
    agencies = (
        Agency.objects.filter(sharing_agreements__in=agreements.values("pk"))
        .exclude(pk=case.owning_agency_id)
        .distinct()
        .order_by("name")
    )
    return agencies, agreements


def addresses_for_incidents(incidents: Iterable[Incident]) -> list[str]:
    """The addresses recorded for incidents and their people (the summary warning compares with them)."""
    ids = [i.pk for i in incidents]
    places = Address.objects.filter(
        Q(pk__in=Incident.objects.filter(pk__in=ids).values("address_id"))
        | Q(person_links__person__incident_parties__incident__in=ids)
    ).distinct()
    return [str(a) for a in places]


# --------------------------------------------------------------------------------------------
# Victims: single point of contact and updates
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VictimSchedule:
    contact: VictimContact
    last_update_on: dt.date | None
    due_on: dt.date
    overdue: bool


def _schedules(contacts: Iterable[VictimContact], today: dt.date) -> list[VictimSchedule]:
    out = []
    for contact in contacts:
        last = getattr(contact, "last_update_on", None)
        due = rules.victim_update_due(
            agreed_on=contact.agreed_on, last_update_on=last, every_days=contact.update_every_days
        )
        out.append(VictimSchedule(contact, last, due, rules.victim_update_overdue(due_on=due, today=today)))
    return out


def victim_schedules(case: Case, *, today: dt.date | None = None) -> list[VictimSchedule]:
    """The case's victims' contacts, each with the next update due and whether it is overdue. The
    caller has checked the reader sees the case in full. One query."""
    contacts = (
        VictimContact.objects.filter(case=case)
        .select_related("victim", "spoc")
        .annotate(last_update_on=Max("updates__given_on"))
    )
    return _schedules(contacts, today or timezone.localdate())


def victim_updates_due(user: Any, *, today: dt.date | None = None) -> list[VictimSchedule]:
    """Updates the user owes victims on open cases they may see, due or overdue by ``today``."""
    today = today or timezone.localdate()
    contacts = (
        VictimContact.objects.filter(
            spoc=user_of(user), case__in=visible_to(user, Action.VIEW, Case).exclude(status=CaseStatus.CLOSED)
        )
        .select_related("victim", "case")
        .annotate(last_update_on=Max("updates__given_on"))
    )
    return sorted((s for s in _schedules(contacts, today) if s.due_on <= today), key=lambda s: s.due_on)


def closure_surveys(case: Case) -> list[ClosureSurvey]:
    return list(case.closure_surveys.select_related("victim"))


# --------------------------------------------------------------------------------------------
# Record locator: which partner agencies hold a record about someone of this name
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordHolder:
    agency: Any
    agreement: Any


def locator_agreements(user: Any) -> dict[int, Any]:
    """Partner agency id -> an agreement in force, with the user's agency, that allows the record
    locator. Empty when the user's role may not see personal records at all."""
    from csphub.agencies.models import InformationSharingAgreement

    membership = acting_membership(user)
    if membership is None or not role_allows(user, Action.VIEW):
        return {}
    today = timezone.localdate()
    agreements = InformationSharingAgreement.objects.filter(
        parties=membership.agency,
        allows_record_locator=True,
        start_date__lte=today,
        review_date__gte=today,
        ended_on__isnull=True,
    ).prefetch_related("parties")
    partners: dict[int, Any] = {}
    for agreement in agreements.order_by("reference"):
        for agency in agreement.parties.all():
            if agency.pk != membership.agency_id:
                partners.setdefault(agency.pk, agreement)
    return partners


def located_people(user: Any, query: str, agency_id: int | None = None) -> QuerySet[Person]:
    """People held by locator partners whose full name is exactly ``query`` (given and family
    name, any case), that the user cannot already see. A full name is required, so that the
    locator answers "does anyone hold a record about this person", not "list everyone called Sam"."""
    words = query.split()
    partners = locator_agreements(user)
    if len(words) < 2 or not partners:
        return Person.objects.none()
    ids = [agency_id] if agency_id is not None else list(partners)
    given, family = words[0], " ".join(words[1:])
    return (
        Person.objects.filter(
            owning_agency_id__in=[i for i in ids if i in partners],
            given_name__iexact=given,
            family_name__iexact=family,
        )
        .exclude(pk__in=visible_to(user, Action.VIEW, Person).values("pk"))
        .select_related("owning_agency")
    )


def record_holders(user: Any, query: str) -> list[RecordHolder]:
    """The partner agencies (and the agreement that allows it) that hold a record about someone
    with this full name: names of agencies only, never what the records say."""
    partners = locator_agreements(user)
    agency_ids = sorted(set(located_people(user, query).values_list("owning_agency_id", flat=True)))
    from csphub.agencies.models import Agency

    agencies = {a.pk: a for a in Agency.objects.filter(pk__in=agency_ids)}
    return [RecordHolder(agencies[i], partners[i]) for i in agency_ids]


def share_requests_for(user: Any) -> QuerySet[ShareRequest]:
    """Open requests to the user's agency to share one of its records."""
    membership = acting_membership(user)
    if membership is None or not role_allows(user, Action.SHARE):
        return ShareRequest.objects.none()
    return ShareRequest.objects.filter(holding_agency=membership.agency, status="open").select_related(
        "person", "requesting_agency", "agreement"
    )
