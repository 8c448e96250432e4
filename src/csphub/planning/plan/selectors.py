"""Reading the CSP Plan: what each role may see, the plan page's tree, and the measures' figures.

The plan is aggregate and organisational: it names partner agencies and posts, never a member of
the public. Everyone with the priorities capability reads their partnership's plans, the county
board's plans above it (a district shows the county's priorities beside its own) and, on a county
board, its district partnerships' plans; the partnership coordinator writes it. The measures count
the plan's own partnership's records and read its adopted assessment (ADR 0008).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from csphub.agencies.policies import Capability, has_capability
from csphub.core.actor import as_actor
from csphub.planning import rules
from csphub.planning.models import (
    ActionStatus,
    CspPlan,
    KeyArea,
    MeasureSource,
    PccObjective,
    PlanAction,
    PlanLevel,
    PlanMeasure,
    PlanPriority,
    PlanPublication,
    PriorityKind,
)


def may_view(user: Any) -> bool:
    return has_capability(user, Capability.VIEW_PRIORITIES)


def may_manage(user: Any) -> bool:
    return has_capability(user, Capability.MANAGE_PLAN)


def may_manage_plan(user: Any, plan: CspPlan) -> bool:
    """The coordinator changes the plans of the partnership they act in, never another's: a
    district reads the county board's plan above it (and a board its districts') without changing it."""
    actor = as_actor(user)
    partnership = actor.partnership if actor is not None else None
    return may_manage(user) and partnership is not None and plan.partnership_id == partnership.pk


def plans_visible_to(user: Any) -> QuerySet[CspPlan]:
    actor = as_actor(user)
    partnership = actor.partnership if actor is not None else None
    if not may_view(user) or partnership is None:
        return CspPlan.objects.none()
    family = Q(partnership=partnership) | Q(partnership__parent=partnership)
    if partnership.parent_id is not None:
        family |= Q(partnership_id=partnership.parent_id)
    return CspPlan.objects.filter(family).select_related("partnership", "county_plan")


def plan_get(user: Any, pk: Any) -> CspPlan:
    plan = plans_visible_to(user).filter(pk=pk).first()
    if plan is None:
        raise Http404("No such plan.")
    return plan


def action_get(user: Any, pk: Any) -> PlanAction:
    action = (
        PlanAction.objects.select_related("key_area__priority__plan", "owner_agency")
        .filter(pk=pk, key_area__priority__plan__in=plans_visible_to(user))
        .first()
    )
    if action is None:
        raise Http404("No such action.")
    return action


def key_area_get(user: Any, pk: Any) -> KeyArea:
    area = (
        KeyArea.objects.select_related("priority__plan")
        .filter(pk=pk, priority__plan__in=plans_visible_to(user))
        .first()
    )
    if area is None:
        raise Http404("No such key area of work.")
    return area


def priority_get(user: Any, pk: Any) -> PlanPriority:
    """A priority, an area of everyday business or a golden thread of a plan the user may read."""
    priority = (
        PlanPriority.objects.select_related("plan", "county_priority", "lead_agency")
        .filter(pk=pk, plan__in=plans_visible_to(user))
        .first()
    )
    if priority is None:
        raise Http404("No such priority.")
    return priority


def measure_get(user: Any, pk: Any) -> PlanMeasure:
    measure = (
        PlanMeasure.objects.select_related("priority__plan")
        .filter(pk=pk, priority__plan__in=plans_visible_to(user))
        .first()
    )
    if measure is None:
        raise Http404("No such measure.")
    return measure


def pcc_objective_get(user: Any, pk: Any) -> PccObjective:
    objective = (
        PccObjective.objects.select_related("plan").filter(pk=pk, plan__in=plans_visible_to(user)).first()
    )
    if objective is None:
        raise Http404("No such objective.")
    return objective


def county_priorities_for(plan: CspPlan) -> QuerySet[PlanPriority]:
    """The county plan's priorities a district priority may serve (none for a county plan)."""
    if plan.county_plan_id is None:
        return PlanPriority.objects.none()
    return PlanPriority.objects.filter(plan_id=plan.county_plan_id, kind=PriorityKind.PRIORITY).order_by(
        "order", "pk"
    )


def golden_threads_of(plan: CspPlan) -> QuerySet[PlanPriority]:
    return PlanPriority.objects.filter(plan=plan, kind=PriorityKind.GOLDEN_THREAD).order_by("order", "pk")


def pcc_objectives_of(plan: CspPlan) -> QuerySet[PccObjective]:
    return PccObjective.objects.filter(plan=plan).order_by("order", "pk")


def publication_get(user: Any, pk: Any) -> PlanPublication:
    publication = (
        PlanPublication.objects.select_related("plan", "published_by")
        .filter(pk=pk, plan__in=plans_visible_to(user))
        .first()
    )
    if publication is None:
        raise Http404("No such published version.")
    return publication


# --- Measures: figures computed from the data -----------------------------------------------------


def _plan_year(plan: CspPlan, today: dt.date) -> tuple[dt.date, dt.date]:
    """The plan year (April to March, as partnerships report) containing ``today``, within the plan."""
    start_year = today.year if today.month >= 4 else today.year - 1
    start = max(dt.date(start_year, 4, 1), plan.starts_on)
    end = min(dt.date(start_year + 1, 3, 31), plan.ends_on)
    return start, end


def _headline(plan: CspPlan, measure_name: str) -> dict[str, Any] | None:
    """A headline measure of the plan partnership's adopted assessment (never merely the latest run)."""
    from csphub.insights.models import AssessmentAdoption

    adoption = (
        AssessmentAdoption.objects.filter(partnership_id=plan.partnership_id).select_related("run").first()
    )
    run = adoption.run if adoption is not None else None
    for headline in (run.headline if run else []) or []:
        if str(headline.get("measure", "")).lower().startswith(measure_name):
            return dict(headline)
    return None


def _headline_count(plan: CspPlan, measure_name: str) -> int | None:
    headline = _headline(plan, measure_name)
    return None if headline is None else int(headline["count"])


def _asb_headline(plan: CspPlan) -> dict[str, Any] | None:
    """The assessment's ASB headline, under its police.uk name or its short one. A true count of 0
    is a figure, not a reason to look under the other name."""
    headline = _headline(plan, "anti-social")
    return headline if headline is not None else _headline(plan, "asb")


def measure_value(measure: PlanMeasure, *, today: dt.date | None = None) -> int | float | None:
    """The measure's current figure, computed from the records or the latest assessment."""
    today = today or timezone.localdate()
    source = measure.source
    plan = measure.priority.plan
    if source == MeasureSource.ASSESSMENT_CRIME:
        return _headline_count(plan, "crime")
    if source == MeasureSource.ASSESSMENT_ASB:
        asb = _asb_headline(plan)
        return None if asb is None else int(asb["count"])
    if source == MeasureSource.ASSESSMENT_ASB_RATE:
        # The assessment's own rate: its ASB count over the Census 2021 population of the area's
        # LSOAs (national reference), times 1,000 (analytics.trends.rate_per_1000).
        asb = _asb_headline(plan)
        rate = None if asb is None else asb.get("rate_per_1000")
        return None if rate is None else round(float(rate), 1)
    start, end = _plan_year(plan, today)
    if source == MeasureSource.CASES_OPENED:
        from csphub.cases.models import Case

        return Case.objects.filter(
            partnership_id=plan.partnership_id, opened_at__date__gte=start, opened_at__date__lte=end
        ).count()
    if source == MeasureSource.CASE_REVIEW_SERVICE_LEVELS:
        from csphub.casereviews.selectors import service_levels_met

        return service_levels_met([plan.partnership_id], start=start, end=end, today=today).percent
    return _casework_or_duty_count(source, plan.partnership_id, start, end)


def _disposed(record_type: str, partnership_id: int, day: str, start: dt.date, end: dt.date) -> int:
    """Records disposed of at the end of their retention period still count, from their tombstones."""
    from csphub.governance.selectors import count_disposed

    return count_disposed(record_type, [partnership_id], day, start, end)


def _casework_or_duty_count(source: str, partnership_id: int, start: dt.date, end: dt.date) -> int | None:
    """The measures counted from casework and the duty registers (issue 14: the registers' counts
    feed the Plan), of the plan's partnership, in the plan year ``start``..``end``. Records disposed
    of at the end of their retention period still count, from their tombstones."""
    if source == MeasureSource.CASE_REVIEWS:
        from csphub.casereviews.models import Application

        return Application.objects.filter(
            partnership_id=partnership_id, received_on__gte=start, received_on__lte=end
        ).count() + _disposed("case_review", partnership_id, "received_on", start, end)
    if source == MeasureSource.POWERS_USED:
        from csphub.powers.models import PowerUse

        return PowerUse.objects.filter(
            partnership_id=partnership_id, issued_at__date__gte=start, issued_at__date__lte=end
        ).count()
    if source == MeasureSource.REPEAT_VICTIMS:
        # The partnership's repeat-victim rule, counted by the one function the board pack uses too.
        from csphub.cases.selectors import repeat_victim_count

        return repeat_victim_count([partnership_id], start=start, end=end)
    if source == MeasureSource.SLAVERY_NOTIFICATIONS:
        from csphub.duties.models import SlaveryConcern

        return SlaveryConcern.objects.filter(
            partnership_id=partnership_id, notified_on__gte=start, notified_on__lte=end
        ).count() + _disposed("slavery_concern", partnership_id, "notified_on", start, end)
    if source == MeasureSource.PREVENT_REFERRALS:
        from csphub.duties.models import PreventReferral

        return PreventReferral.objects.filter(
            partnership_id=partnership_id, referred_on__gte=start, referred_on__lte=end
        ).count() + _disposed("prevent_referral", partnership_id, "referred_on", start, end)
    if source == MeasureSource.S17_ASSESSMENTS:
        from csphub.duties.models import S17Assessment

        return S17Assessment.objects.filter(
            partnership_id=partnership_id, decision_on__gte=start, decision_on__lte=end
        ).count()
    return None


# --- The plan page ---------------------------------------------------------------------------------


@dataclass
class MeasureRow:
    measure: PlanMeasure
    reading: rules.MeasureReading


@dataclass
class PriorityBlock:
    priority: PlanPriority
    areas: list[KeyArea]
    measures: list[MeasureRow] = field(default_factory=list)


@dataclass
class PlanPage:
    plan: CspPlan
    priorities: list[PriorityBlock]
    everyday: list[PriorityBlock]
    golden_threads: list[PlanPriority]
    rag_counts: dict[str, int]
    overdue: list[PlanAction]
    publications: list[PlanPublication]
    pcc_objectives: list[PccObjective] = field(default_factory=list)


def plan_page(plan: CspPlan, *, today: dt.date | None = None) -> PlanPage:
    """The plan's tree in a fixed number of queries, with each measure's figure."""
    today = today or timezone.localdate()
    actions = PlanAction.objects.select_related("owner_agency").prefetch_related("golden_threads")
    areas = KeyArea.objects.prefetch_related(Prefetch("actions", queryset=actions))
    priorities = list(
        plan.priorities.select_related("county_priority", "lead_agency")
        .prefetch_related(
            Prefetch("key_areas", queryset=areas), "measures", "pcc_objectives", "tagged_actions"
        )
        .order_by("order", "pk")
    )
    blocks: dict[str, list[PriorityBlock]] = {kind: [] for kind in PriorityKind.values}
    rag_counts = {"green": 0, "amber": 0, "red": 0}
    overdue: list[PlanAction] = []
    for priority in priorities:
        block = PriorityBlock(priority, list(priority.key_areas.all()))
        for measure in priority.measures.all():
            measure.priority = priority  # the plan year needs the plan, already loaded
            reading = rules.measure_reading(
                value=measure_value(measure, today=today),
                baseline=measure.baseline,
                direction=measure.direction,
                target=measure.target,
            )
            block.measures.append(MeasureRow(measure, reading))
        for area in block.areas:
            for action in area.actions.all():
                rag_counts[action.rag] = rag_counts.get(action.rag, 0) + 1
                action.is_overdue = rules.action_is_overdue(  # type: ignore[attr-defined]
                    due_on=action.due_on, status=action.status, today=today
                )
                if action.is_overdue:  # type: ignore[attr-defined]
                    overdue.append(action)
        blocks[priority.kind].append(block)
    return PlanPage(
        plan=plan,
        priorities=blocks[PriorityKind.PRIORITY],
        everyday=blocks[PriorityKind.EVERYDAY],
        golden_threads=[b.priority for b in blocks[PriorityKind.GOLDEN_THREAD]],
        rag_counts=rag_counts,
        overdue=overdue,
        publications=list(plan.publications.select_related("published_by")),
        pcc_objectives=list(pcc_objectives_of(plan)),
    )


# --- What goes with a removal (the confirmation page says it; the audit records it) ---------------


@dataclass(frozen=True)
class Removal:
    """What removing one entry of the plan takes with it, in words."""

    noun: str  # "priority", "key area of work", ...
    title: str
    goes: list[str] = field(default_factory=list)  # each a sentence: what else goes or is unlinked

    @property
    def summary(self) -> str:
        """One line for the audit log: the entry and what went with it (titles, never people)."""
        tail = " ".join(self.goes) if self.goes else "Nothing else went with it."
        return f"The {self.noun} '{self.title}'. {tail}"


def _titles(records: Any) -> str:
    return "; ".join(f"'{r.title}'" for r in records)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


_NOUNS = {
    PriorityKind.PRIORITY: "priority",
    PriorityKind.EVERYDAY: "area of everyday business",
    PriorityKind.GOLDEN_THREAD: "golden thread",
}


def priority_removal(priority: PlanPriority) -> Removal:
    """A priority takes its key areas of work, their actions and its measures with it; its links
    to the PCC's objectives go, and district priorities that served it no longer name it. A golden
    thread is untagged from the actions that carry it."""
    goes: list[str] = []
    areas = list(priority.key_areas.order_by("order", "pk").prefetch_related("actions"))
    if areas:
        actions = sum(len(a.actions.all()) for a in areas)
        their = "its" if len(areas) == 1 else "their"
        goes.append(
            f"Its {_count(len(areas), 'key area of work', 'key areas of work')} ({_titles(areas)}) "
            + (
                f"and {their} {_count(actions, 'action', 'actions')} are removed."
                if actions
                else f"{'is' if len(areas) == 1 else 'are'} removed (no actions yet)."
            )
        )
    measures = list(priority.measures.order_by("pk"))
    if measures:
        goes.append(
            f"Its {_count(len(measures), 'measure', 'measures')} ({_titles(measures)}) "
            f"{'is' if len(measures) == 1 else 'are'} removed."
        )
    objectives = list(priority.pcc_objectives.order_by("order", "pk"))
    if objectives:
        goes.append(
            "It is no longer linked to the Police and Crime Commissioner's "
            f"{_count(len(objectives), 'objective', 'objectives')} {_titles(objectives)} "
            "(the objectives stay)."
        )
    served = list(priority.district_priorities.select_related("plan").order_by("plan__title", "order"))
    if served:
        goes.append(
            f"{_count(len(served), 'district priority', 'district priorities')} no longer "
            "name it as the county priority they serve: "
            + "; ".join(f"'{p.title}' ({p.plan.title})" for p in served)
            + "."
        )
    tagged = list(priority.tagged_actions.order_by("due_on", "pk"))
    if tagged:
        goes.append(
            f"It is untagged from {_count(len(tagged), 'action', 'actions')} that carry it "
            f"({_titles(tagged)}); the actions stay."
        )
    return Removal(_NOUNS[PriorityKind(priority.kind)], priority.title, goes)


def key_area_removal(area: KeyArea) -> Removal:
    actions = list(area.actions.order_by("due_on", "pk"))
    goes = (
        [
            f"Its {_count(len(actions), 'action', 'actions')} ({_titles(actions)}) "
            f"{'is' if len(actions) == 1 else 'are'} removed."
        ]
        if actions
        else []
    )
    return Removal("key area of work", area.title, goes)


def measure_removal(measure: PlanMeasure) -> Removal:
    return Removal("measure", measure.title, [])


def pcc_objective_removal(objective: PccObjective) -> Removal:
    linked = list(objective.priorities.order_by("order", "pk"))
    goes = (
        [
            f"{_count(len(linked), 'priority', 'priorities')} no longer "
            f"{'has' if len(linked) == 1 else 'have'} regard to it ({_titles(linked)}); "
            f"{'the priority stays' if len(linked) == 1 else 'the priorities stay'}."
        ]
        if linked
        else []
    )
    return Removal("objective of the Police and Crime Commissioner's plan", objective.title, goes)


def action_removal(action: PlanAction) -> Removal:
    threads = list(action.golden_threads.order_by("order", "pk"))
    goes = (
        [
            f"Its {_count(len(threads), 'golden thread tag', 'golden thread tags')} "
            f"({_titles(threads)}) {'goes' if len(threads) == 1 else 'go'} with it; "
            f"{'the golden thread stays' if len(threads) == 1 else 'the golden threads stay'}."
        ]
        if threads
        else []
    )
    return Removal("action", action.title, goes)


def county_plans_for(plan: CspPlan) -> QuerySet[CspPlan]:
    """The plans a district plan may serve: the county-level plans of its partnership's parent
    board (none for a county plan, or a partnership without a parent)."""
    if plan.level != PlanLevel.DISTRICT or plan.partnership.parent_id is None:
        return CspPlan.objects.none()
    return CspPlan.objects.filter(partnership_id=plan.partnership.parent_id, level=PlanLevel.COUNTY).order_by(
        "-starts_on", "title"
    )


def county_links_lost(plan: CspPlan, county_plan: CspPlan | None) -> list[PlanPriority]:
    """The plan's priorities whose county priority is not a priority of ``county_plan``: changing
    the county plan the plan serves unlinks them (the priorities stay)."""
    linked = plan.priorities.filter(county_priority__isnull=False).select_related("county_priority")
    return [
        p
        for p in linked.order_by("order", "pk")
        if county_plan is None or p.county_priority.plan_id != county_plan.pk  # type: ignore[union-attr]
    ]


def actions_due_for(user: Any, *, due_by: dt.date) -> QuerySet[PlanAction]:
    """The open actions (neither done nor stopped) due on or before ``due_by`` in the plans the
    user keeps: the partnership coordinator's own partnership's plans (not the county board's above
    it, nor its districts' below). Nobody else keeps a plan, so nobody else is given its dates."""
    actor = as_actor(user)
    if not may_manage(user) or actor is None or actor.partnership is None:
        return PlanAction.objects.none()
    return (
        PlanAction.objects.filter(key_area__priority__plan__partnership=actor.partnership, due_on__lte=due_by)
        .exclude(status__in=[ActionStatus.DONE, ActionStatus.STOPPED])
        .select_related("key_area__priority__plan", "owner_agency")
        .order_by("due_on", "pk")
    )


def own_plans(user: Any) -> QuerySet[CspPlan]:
    """The plans of the partnership the user acts in (those a new plan may be copied from)."""
    actor = as_actor(user)
    partnership = actor.partnership if actor is not None else None
    if partnership is None:
        return CspPlan.objects.none()
    return CspPlan.objects.filter(partnership=partnership).order_by("-starts_on", "title")


def county_plans_for_new(user: Any) -> QuerySet[CspPlan]:
    """The county-level plans a new district plan of the user's partnership may serve."""
    actor = as_actor(user)
    partnership = actor.partnership if actor is not None else None
    if partnership is None or partnership.parent_id is None or partnership.kind != "csp":
        return CspPlan.objects.none()
    return CspPlan.objects.filter(partnership_id=partnership.parent_id, level=PlanLevel.COUNTY).order_by(
        "-starts_on", "title"
    )
