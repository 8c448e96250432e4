"""Reading problem-solving plans: the hot spots to open one on, the plans, their actions and the
difference-in-differences result."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from csphub.agencies.models import Agency
from csphub.analytics.diffindiff import DiffInDiff
from csphub.analytics.problem_places import HotSpotPlace, hot_spot_places
from csphub.insights import selectors as insights
from csphub.planning.problem_solving import ProblemResponse, ProblemSolvingPlan
from csphub.planning.selectors import may_view


def hot_spots_to_open(user: Any) -> tuple[Any, list[HotSpotPlace]] | None:
    """The adopted assessment's run and its hot spots as places; None without one."""
    adopted = insights.adopted_assessment(user)
    if adopted is None or adopted[1].hotspots is None:
        return None
    run, assessment = adopted
    assert assessment.hotspots is not None
    return run, hot_spot_places(assessment.hotspots, assessment.repeats)[0]


def plans_visible_to(user: Any) -> QuerySet[ProblemSolvingPlan]:
    partnership = insights.acting_partnership(user)
    if not may_view(user) or partnership is None:
        return ProblemSolvingPlan.objects.none()
    return ProblemSolvingPlan.objects.filter(partnership=partnership)


def plan_get(user: Any, pk: int) -> ProblemSolvingPlan:
    try:
        return plans_visible_to(user).get(pk=pk)
    except ProblemSolvingPlan.DoesNotExist as exc:
        raise Http404("No such problem-solving plan.") from exc


def responses_of(plan: ProblemSolvingPlan) -> QuerySet[ProblemResponse]:
    return plan.responses.select_related("agency")


def response_get(user: Any, plan: ProblemSolvingPlan, pk: int) -> ProblemResponse:
    try:
        return responses_of(plan).get(pk=pk)
    except ProblemResponse.DoesNotExist as exc:
        raise Http404("No such action.") from exc


def partner_agencies() -> QuerySet[Agency]:
    return Agency.objects.order_by("name")


def plan_result(plan: ProblemSolvingPlan) -> DiffInDiff | None:
    if not plan.assessment:
        return None
    return DiffInDiff.from_dict(dict(plan.assessment["result"]))


def plan_monthly_rows(plan: ProblemSolvingPlan) -> list[dict[str, Any]]:
    """Month by month, the hot spot's and the comparison cells' counts (to judge parallel trends)."""
    if not plan.assessment:
        return []
    a = plan.assessment
    before = set(a["months_before"])
    months = [*a["months_before"], *a["months_after"]]
    return [
        {"month": m, "period": "Before" if m in before else "After", "treated": t, "comparison": c}
        for m, t, c in zip(months, a["treated_monthly"], a["comparison_monthly"], strict=True)
    ]
