"""The case page in one read, and what the sharing page and summaries need."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from csphub.agencies.models import ShareScope
from csphub.agencies.policies import (
    Action,
    role_allows,
)
from csphub.audit.services import audit_viewed
from csphub.cases import config, rules
from csphub.cases.models import (
    AgendaItem,
    Case,
    CaseLink,
    CaseParty,
    CaseStatusChange,
    Document,
    EarlyIntervention,
    Incident,
    IncidentParty,
    Note,
    PartyRole,
    Task,
)
from csphub.cases.selectors.interventions import case_early_interventions
from csphub.cases.selectors.records import (
    case_documents_queryset,
    case_get_visible,
    case_incidents,
    case_notes_queryset,
    case_parties,
    incident_list_visible_to,
)
from csphub.cases.selectors.related import (
    RelatedRecord,
    _repeat_decisions,
    _same_parties,
    related_records,
)
from csphub.cases.selectors.tasks import case_tasks
from csphub.cases.selectors.victims import VictimSchedule, victim_contacts, victim_schedules_of
from csphub.core.actor import Actor
from csphub.core.together import fetch_together
from csphub.people.models import Address

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
    victim_schedules: list[VictimSchedule] = field(default_factory=list)
    early_interventions: list[EarlyIntervention] = field(default_factory=list)
    repeat_victims: dict[int, rules.RepeatDecision] = field(default_factory=dict)
    related: list[RelatedRecord] | None = None

    @property
    def full(self) -> bool:
        return self.scope == ShareScope.FULL


def case_page(actor: Actor, pk: Any) -> CasePage:
    """The case page for ``actor``, or Http404; records that the actor was shown the case.

    Showing personal data and recording that it was shown are one call. The actor's policy answers
    every visibility question from facts it fetched once, and the case's own lists (incidents,
    links, notes, documents, tasks, status changes, agenda items, victims' contacts, early
    interventions) are read in one
    query (:func:`csphub.core.together.fetch_together`), so the page costs a fixed number of
    queries whatever the number of rows (``tests/cases/test_query_budgets.py`` pins it). The
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
    # The page's lists of the case in one query (core.together): one round trip, not eight.
    notes_qs = case_notes_queryset(actor, case)
    documents_qs = case_documents_queryset(actor, case)
    lists = fetch_together(
        case_incidents(case),
        case.links_from.select_related("related_case"),
        notes_qs if notes_qs is not None else Note.objects.none(),
        documents_qs if documents_qs is not None else Document.objects.none(),
        case_tasks(actor, case),
        case.status_changes.select_related("created_by"),
        case.agenda_items.select_related("meeting__panel"),
        victim_contacts(case),
        case_early_interventions(case),
    )
    incidents, links, notes, documents, tasks, status_changes, agenda_items, contacts, interventions = lists
    for task in tasks:  # read without the case's columns (case_tasks): they are this case
        task.case = case
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
        notes=notes,
        documents=documents,
        tasks=tasks,
        status_changes=status_changes,
        links=links,
        agenda_items=agenda_items,
        victim_schedules=victim_schedules_of(contacts),
        early_interventions=interventions,
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


def addresses_for_case(case: Case) -> list[str]:
    """The addresses recorded for a case's incidents and people (the summary warning compares with them)."""
    return addresses_for_incidents(case.incidents.all())


def summary_address(case: Case, *, with_case_addresses: bool = True) -> str | None:
    """What in the case's summary is, or looks like, an address (None when nothing): a summary
    written before the service warned about addresses is flagged when it is read, not only when it
    is written. ``with_case_addresses`` also compares with the addresses recorded for the case (one
    query); without it only the patterns are used (no query: the case page has a fixed budget)."""
    known = addresses_for_case(case) if with_case_addresses else ()
    return rules.address_in_text(case.summary, known)


def summaries_with_addresses(user: Any, *, limit: int = 200) -> list[tuple[Case, str]]:
    """The user's agency's cases whose summary looks like it holds an address (a postcode, a flat or
    house number and street), with what was found: summaries written before the warning existed,
    which panel partners may be reading. Only cases the user may change."""
    from csphub.agencies.policies import acting_membership

    membership = acting_membership(user)
    if membership is None or not role_allows(user, Action.CHANGE):
        return []
    found: list[tuple[Case, str]] = []
    candidates = (
        Case.objects.filter(owning_agency=membership.agency, summary__regex=r"[0-9]")
        .only("pk", "summary", "status", "owning_agency_id", "opened_at")
        .order_by("-opened_at", "-id")
    )
    for case in candidates.iterator(chunk_size=2000):
        part = rules.address_in_text(case.summary)
        if part:
            found.append((case, part))
            if len(found) >= limit:
                break
    return found
