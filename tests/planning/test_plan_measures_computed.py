"""The Plan's measures computed from the data (issue 13): ASB per 1,000 residents from the adopted
assessment (its count over the Census 2021 population of the area's LSOAs), the share of Case Review
applications that met every service level, and a true ASB count of 0 read as 0. Each figure is
checked against a count made here independently of the code under test."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from csphub.insights.models import AssessmentAdoption, AssessmentRun
from csphub.planning.demo import load_demo
from csphub.planning.models import CspPlan, Direction, MeasureSource, PlanMeasure, PriorityKind
from csphub.planning.plan import selectors
from tests.casereviews.conftest import application_data, area

__all__ = ["application_data", "area"]

pytestmark = pytest.mark.django_db

ASB = "Anti-social behaviour"


@pytest.fixture
def plan(world: Any) -> CspPlan:
    load_demo()
    return CspPlan.objects.get(level="district")


def _measure(plan: CspPlan, source: str, baseline: int = 10) -> PlanMeasure:
    priority = plan.priorities.filter(kind=PriorityKind.PRIORITY).order_by("order", "pk").first()
    assert priority is not None
    return PlanMeasure.objects.create(
        priority=priority, title=f"Measure {source}", source=source, baseline=baseline,
        baseline_label="2020/21", direction=Direction.REDUCE,
    )  # fmt: skip


def _adopt(plan: CspPlan, headline: list[dict[str, Any]]) -> None:
    run = AssessmentRun.objects.create(
        partnership_id=plan.partnership_id, area_query="Amber Valley", area_name="Amber Valley",
        date_from="2024-01", date_to="2024-12",
        output_dir="x", headline=headline, generated_at=timezone.now(),
    )  # fmt: skip
    AssessmentAdoption.objects.create(partnership_id=plan.partnership_id, run=run)


def test_a_true_asb_count_of_zero_is_zero_not_no_figure(plan: CspPlan) -> None:
    _adopt(plan, [{"measure": "Crime excluding ASB", "count": 40}, {"measure": ASB, "count": 0,
                  "rate_per_1000": 0.0}])  # fmt: skip
    count = _measure(plan, MeasureSource.ASSESSMENT_ASB)
    assert selectors.measure_value(count) == 0
    assert selectors.measure_value(_measure(plan, MeasureSource.ASSESSMENT_ASB_RATE)) == 0
    reading = selectors.plan_page(plan).priorities[0].measures
    asb = next(r for r in reading if r.measure.pk == count.pk)
    assert asb.reading.value == 0 and asb.reading.wording == "0, down 10 on the baseline of 10"


def test_without_an_adopted_assessment_there_is_no_rate(plan: CspPlan) -> None:
    measure = _measure(plan, MeasureSource.ASSESSMENT_ASB_RATE)
    assert selectors.measure_value(measure) is None


def test_asb_per_1000_residents_is_the_assessments_count_over_the_census_population(
    plan: CspPlan, amber_valley_run: Any, persona: Any
) -> None:
    from csphub.analytics.sources.reference import load_reference
    from csphub.insights import selectors as insights
    from csphub.insights.services import assessment_adopt

    assessment_adopt(actor=persona("avbc_board_member"), run=amber_valley_run)
    _run, assessment = insights.adopted_assessment(persona("avbc_partnership_coordinator"))  # type: ignore[misc]
    # Independently: the ASB rows of the stored counts in the study months, over the Census 2021
    # usual residents of the area's LSOAs in the national reference.
    first, last = assessment.period.first, assessment.period.last
    asb = sum(
        r["count"] for r in assessment.counts.to_pylist()
        if r["crime_type"] == ASB and first <= r["month"] <= last
    )  # fmt: skip
    geo = load_reference(boundaries=False)
    population = sum(geo.lsoas[code].population for code in assessment.area.lsoa_codes)
    assert asb > 0 and population > 0
    expected = round(1000 * asb / population, 1)
    measure = _measure(plan, MeasureSource.ASSESSMENT_ASB_RATE, baseline=int(expected) + 5)
    value = selectors.measure_value(measure)
    assert value == expected
    reading = next(
        r.reading
        for b in selectors.plan_page(plan).priorities
        for r in b.measures
        if r.measure.pk == measure.pk
    )
    assert reading.on_track is True and reading.change == round(expected - (int(expected) + 5), 1)
    assert f"{expected:.1f}, down" in reading.wording


def test_case_review_service_levels_met_in_the_plan_year(
    plan: CspPlan, area: Any, application_data: Any
) -> None:
    from csphub.casereviews.models import Application
    from csphub.casereviews.services import application_submit

    assert area.partnership_id in (None, plan.partnership_id)

    def apply(received: dt.date, **done: Any) -> Application:
        data = application_data(received_on=received, behaviour_first_on=received - dt.timedelta(days=60),
                                behaviour_last_on=received - dt.timedelta(days=2))  # fmt: skip
        application = application_submit(actor=None, area=area, **data)
        Application.objects.filter(pk=application.pk).update(**done)
        return application

    # Default service levels: acknowledge within 5 working days, decide the threshold within 15.
    # Received Monday 7 June 2021: acknowledge by Monday 14 June, decide by Monday 28 June.
    monday = dt.date(2021, 6, 7)
    apply(
        monday,
        acknowledged_on=dt.date(2021, 6, 8),
        threshold_met=False,
        threshold_decided_on=dt.date(2021, 6, 28),
        status="closed",
    )  # in time, to the last day
    apply(
        monday,
        acknowledged_on=dt.date(2021, 6, 15),
        threshold_met=False,
        threshold_decided_on=dt.date(2021, 6, 10),
        status="closed",
    )  # acknowledged a day late
    apply(monday)  # nothing done yet
    apply(dt.date(2021, 3, 31))  # the plan year before: not counted
    measure = _measure(plan, MeasureSource.CASE_REVIEW_SERVICE_LEVELS, baseline=50)
    assert Application.objects.filter(partnership_id=plan.partnership_id).count() == 4
    # 9 June: the untouched one is still within its time, so 2 of 3 in the 2021/22 plan year.
    assert selectors.measure_value(measure, today=dt.date(2021, 6, 9)) == round(100 * 2 / 3)
    # 14 June is its last day to be acknowledged; the 15th it is late: 1 of 3.
    assert selectors.measure_value(measure, today=dt.date(2021, 6, 14)) == round(100 * 2 / 3)
    assert selectors.measure_value(measure, today=dt.date(2021, 6, 15)) == round(100 * 1 / 3)
    # A plan year with no application has no figure, not 0%.
    assert selectors.measure_value(measure, today=dt.date(2022, 6, 1)) is None
