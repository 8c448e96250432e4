"""The coordinator builds the plan's structure (issue 13 item 4): priorities with the county priority
they serve and their regard to the Police and Crime Commissioner's objectives (Police Reform and
Social Responsibility Act 2011 s.10), key areas of work, measures (computed figure, baseline, target),
everyday business with its lead partner and golden threads. Each validation is checked on both sides;
every write is audited; nobody but the coordinator may write."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from csphub.agencies.models import Agency
from csphub.audit.models import AuditEvent
from csphub.core.concurrency import EditConflictError, version_of
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.planning import rules
from csphub.planning.demo import load_demo
from csphub.planning.models import (
    CspPlan,
    KeyArea,
    MeasureSource,
    PccObjective,
    PlanAction,
    PlanMeasure,
    PlanPriority,
    PriorityKind,
)
from csphub.planning.plan import selectors, services
from tests.versions import with_version

# --- rules (pure) ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("direction", "target", "ok"),
    [
        ("reduce", 100, False),  # a reduction's target at the baseline
        ("reduce", 99, True),  # one below it
        ("increase", 100, False),
        ("increase", 101, True),
        ("maintain", 100, True),  # keeping it down: the baseline itself is a fair target
        ("maintain", 101, False),
        ("reduce", None, True),  # no target: read against the baseline
    ],
)
def test_a_target_lies_the_planned_way_from_the_baseline(direction: str, target: Any, ok: bool) -> None:
    assert (rules.measure_problems(baseline=100, target=target, direction=direction) == []) is ok


@pytest.mark.parametrize(
    ("value", "direction", "on_track"),
    [(90, "reduce", True), (91, "reduce", False), (120, "increase", True), (119, "increase", False),
     (90, "maintain", True), (91, "maintain", False)],
)  # fmt: skip
def test_with_a_target_a_measure_is_on_track_when_it_reaches_it(
    value: int, direction: str, on_track: bool
) -> None:
    target = 120 if direction == "increase" else 90
    reading = rules.measure_reading(value=value, baseline=100, direction=direction, target=target)
    assert reading.on_track is on_track and reading.target == target


# --- services -------------------------------------------------------------------------------------


@pytest.fixture
def plan(world: Any) -> CspPlan:
    load_demo()
    return CspPlan.objects.get(level="district")


@pytest.fixture
def coordinator(persona: Any) -> Any:
    return persona("avbc_partnership_coordinator")


def _county(plan: CspPlan) -> PlanPriority:
    assert plan.county_plan is not None
    return plan.county_plan.priorities.get(title="Hate crime")


def test_only_the_coordinator_adds_to_the_plan(plan: CspPlan, persona: Any) -> None:
    for username in ("avbc_analyst", "avbc_board_member"):
        with pytest.raises(PermissionDeniedError):
            services.priority_add(actor=persona(username), plan=plan, title="Hate crime")
        with pytest.raises(PermissionDeniedError):
            services.pcc_objective_add(actor=persona(username), plan=plan, title="Keep neighbourhoods safe")
    assert not plan.priorities.filter(title="Hate crime").exists()


def test_a_priority_has_a_title_unique_in_the_plan(plan: CspPlan, coordinator: Any) -> None:
    with pytest.raises(ApplicationError, match="Enter the priority's title") as blank:
        services.priority_add(actor=coordinator, plan=plan, title="  ")
    assert blank.value.field == "title"
    with pytest.raises(ApplicationError, match="already has a priority called"):
        services.priority_add(actor=coordinator, plan=plan, title="organised crime")  # case does not matter
    # the same title as an everyday business area is another kind of entry: allowed
    services.priority_add(
        actor=coordinator,
        plan=plan,
        title="Acquisitive crime",
        kind=PriorityKind.PRIORITY,
        theme="acquisitive",
    )
    added = plan.priorities.get(kind=PriorityKind.PRIORITY, title="Acquisitive crime")
    assert added.order == 3  # after the plan's three priorities
    assert AuditEvent.objects.filter(verb="plan.priority_added", target_id=str(added.pk)).exists()


def test_a_priority_serves_a_priority_of_its_own_county_plan(plan: CspPlan, coordinator: Any) -> None:
    own = plan.priorities.get(title="Organised Crime")  # a priority of the district plan, not the county's
    with pytest.raises(ApplicationError, match="county plan's priorities") as wrong:
        services.priority_add(actor=coordinator, plan=plan, title="Hate crime", county_priority=own)
    assert wrong.value.field == "county_priority"
    priority = services.priority_add(
        actor=coordinator, plan=plan, title="Hate crime", county_priority=_county(plan)
    )
    assert priority.county_priority == _county(plan)


def test_a_priority_says_how_it_has_regard_to_the_pccs_objectives(plan: CspPlan, coordinator: Any) -> None:
    objective = services.pcc_objective_add(actor=coordinator, plan=plan, title="Keep neighbourhoods safe")
    with pytest.raises(ApplicationError, match="has regard to the Police and Crime Commissioner") as missing:
        services.priority_add(actor=coordinator, plan=plan, title="Hate crime", pcc_objectives=[objective])
    assert missing.value.field == "regard"
    other = CspPlan.objects.get(level="county")
    foreign = PccObjective.objects.create(plan=other, title="Another plan's objective")
    with pytest.raises(ApplicationError, match="recorded for this plan"):
        services.priority_add(
            actor=coordinator, plan=plan, title="Hate crime", pcc_objectives=[foreign], regard="Because"
        )
    priority = services.priority_add(
        actor=coordinator, plan=plan, title="Hate crime", pcc_objectives=[objective],
        regard="Reporting hate crime makes neighbourhoods safer.",
    )  # fmt: skip
    assert list(priority.pcc_objectives.all()) == [objective]
    document = services.plan_document_html(plan)
    assert (
        "Keep neighbourhoods safe" in document
        and "Reporting hate crime makes neighbourhoods safer." in document
    )


def test_everyday_business_names_the_partner_that_leads_it(plan: CspPlan, coordinator: Any) -> None:
    with pytest.raises(ApplicationError, match="Select the partner that leads") as missing:
        services.priority_add(actor=coordinator, plan=plan, kind=PriorityKind.EVERYDAY, title="Fire safety")
    assert missing.value.field == "lead_agency"
    police = Agency.objects.get(slug="police")
    area = services.priority_add(
        actor=coordinator, plan=plan, kind=PriorityKind.EVERYDAY, title="Fire safety", lead_agency=police
    )
    assert area.lead_agency == police and area.kind == PriorityKind.EVERYDAY
    page = selectors.plan_page(plan)
    assert [b.priority.title for b in page.everyday][-1] == "Fire safety"
    assert f"Led by {police.name}." in services.plan_document_html(plan)


def test_a_golden_thread_is_added_and_changed(plan: CspPlan, coordinator: Any) -> None:
    thread = services.priority_add(
        actor=coordinator, plan=plan, kind=PriorityKind.GOLDEN_THREAD, title="Substance misuse"
    )
    services.priority_update(actor=coordinator, priority=thread, description="In every referral.")
    thread.refresh_from_db()
    assert thread.description == "In every referral."
    event = AuditEvent.objects.get(verb="plan.priority_changed", target_id=str(thread.pk))
    assert event.changed_fields == ["description"]
    with pytest.raises(TypeError):  # a golden thread has no lead partner
        services.priority_update(actor=coordinator, priority=thread, lead_agency=None)


def test_changing_a_priority_audits_the_fields_and_refuses_a_stale_version(
    plan: CspPlan, coordinator: Any
) -> None:
    priority = plan.priorities.get(title="Organised Crime")
    objective = services.pcc_objective_add(actor=coordinator, plan=plan, title="Tackle organised crime")
    read_at = version_of(priority)
    services.priority_update(
        actor=coordinator, priority=priority, pcc_objectives=[objective], regard="County Lines work."
    )
    event = AuditEvent.objects.get(verb="plan.priority_changed")
    assert sorted(event.changed_fields) == ["pcc_objectives", "regard"]
    # nothing changed: nothing written, nothing audited
    priority.refresh_from_db()
    services.priority_update(actor=coordinator, priority=priority, title="Organised Crime")
    assert AuditEvent.objects.filter(verb="plan.priority_changed").count() == 1
    # a form read before that change is refused, and nothing is written
    with pytest.raises(EditConflictError):
        services.priority_update(
            actor=coordinator, priority=priority, expected_version=read_at, title="Serious organised crime"
        )
    priority.refresh_from_db()
    assert priority.title == "Organised Crime"


def test_key_areas_belong_to_a_priority_with_distinct_titles(plan: CspPlan, coordinator: Any) -> None:
    everyday = plan.priorities.filter(kind=PriorityKind.EVERYDAY).first()
    assert everyday is not None
    with pytest.raises(ApplicationError, match="belong to one of the plan's priorities"):
        services.key_area_add(actor=coordinator, priority=everyday, title="Hot spots")
    asb = plan.priorities.get(title="Anti-Social Behaviour (ASB)")
    with pytest.raises(ApplicationError, match="Enter the key area of work"):
        services.key_area_add(actor=coordinator, priority=asb, title=" ")
    with pytest.raises(ApplicationError, match="already has a key area"):
        services.key_area_add(actor=coordinator, priority=asb, title="hot spot response")
    area = services.key_area_add(actor=coordinator, priority=asb, title="Noise nuisance")
    assert area.order == asb.key_areas.count() - 1
    services.key_area_update(actor=coordinator, area=area, title="Noise and nuisance")
    assert KeyArea.objects.get(pk=area.pk).title == "Noise and nuisance"
    assert AuditEvent.objects.filter(verb__in=["plan.key_area_added", "plan.key_area_changed"]).count() == 2


def test_a_measure_is_computed_and_read_against_its_target(
    plan: CspPlan, coordinator: Any, make_case: Any
) -> None:
    asb = plan.priorities.get(title="Anti-Social Behaviour (ASB)")
    answers: dict[str, Any] = {
        "title": "Cases opened", "source": MeasureSource.CASES_OPENED, "baseline": 40,
        "baseline_label": "2019/20", "direction": "reduce",
    }  # fmt: skip
    with pytest.raises(ApplicationError, match="Select where the figure comes from"):
        services.measure_add(actor=coordinator, priority=asb, **{**answers, "source": "typed_in"})
    with pytest.raises(ApplicationError, match="must be below the baseline of 40") as high:
        services.measure_add(actor=coordinator, priority=asb, **answers, target=40, target_label="2022/23")
    assert high.value.field == "target"
    with pytest.raises(ApplicationError, match="when the target is for"):
        services.measure_add(actor=coordinator, priority=asb, **answers, target=39)
    with pytest.raises(ApplicationError, match="Enter the target, or leave"):
        services.measure_add(actor=coordinator, priority=asb, **answers, target_label="2022/23")
    with pytest.raises(ApplicationError, match="already has a measure called"):
        services.measure_add(
            actor=coordinator, priority=asb, **{**answers, "title": "ASB cases opened by the partners"}
        )
    measure = services.measure_add(
        actor=coordinator, priority=asb, **answers, target=39, target_label="2022/23"
    )
    assert AuditEvent.objects.filter(verb="plan.measure_added", target_id=str(measure.pk)).exists()
    services.measure_update(actor=coordinator, measure=measure, target=2)
    event = AuditEvent.objects.get(verb="plan.measure_changed")
    assert event.changed_fields == ["target"]
    # the figure is counted from the case records, never typed in
    import datetime as dt

    today = dt.date(2021, 6, 1)
    for family in ("A", "B", "C"):
        case = make_case(family=family)
        case.opened_at = dt.datetime(2021, 5, 1, 12, tzinfo=dt.UTC)
        case.save()
    page = selectors.plan_page(plan, today=today)
    row = next(r for b in page.priorities for r in b.measures if r.measure.pk == measure.pk)
    assert row.reading.value == 3 and row.reading.target == 2 and row.reading.on_track is False


def test_pcc_objectives_are_distinct_within_a_plan(plan: CspPlan, coordinator: Any) -> None:
    with pytest.raises(ApplicationError, match="Enter the objective"):
        services.pcc_objective_add(actor=coordinator, plan=plan, title="")
    first = services.pcc_objective_add(actor=coordinator, plan=plan, title="Keep neighbourhoods safe")
    with pytest.raises(ApplicationError, match="already recorded"):
        services.pcc_objective_add(actor=coordinator, plan=plan, title="keep neighbourhoods safe")
    services.pcc_objective_update(actor=coordinator, objective=first, title="Safer neighbourhoods")
    assert PccObjective.objects.get(pk=first.pk).title == "Safer neighbourhoods"
    assert AuditEvent.objects.filter(verb="plan.pcc_objective_changed").count() == 1


# --- pages ----------------------------------------------------------------------------------------


def _errors(body: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", e).strip() for e in re.findall(r'error-message">(.*?)</p>', body, re.S)]


def test_board_members_read_the_plan_without_change_links(plan: CspPlan, client_as: Any) -> None:
    url = reverse("planning:plan_detail", args=[plan.pk])
    board = client_as("avbc_board_member").get(url).content.decode()
    assert "Hot spot response" in board
    assert "Add a priority" not in board and "Add a measure" not in board and "/change/" not in board
    coordinator = client_as("avbc_partnership_coordinator").get(url).content.decode()
    for name in (
        "plan_priority_new",
        "plan_everyday_new",
        "plan_golden_thread_new",
        "plan_pcc_objective_new",
    ):
        assert reverse(f"planning:{name}", args=[plan.pk]) in coordinator
    asb = plan.priorities.get(title="Anti-Social Behaviour (ASB)")
    for name in ("plan_priority_change", "plan_key_area_new", "plan_measure_new"):
        assert reverse(f"planning:{name}", args=[asb.pk]) in coordinator
    measure = PlanMeasure.objects.filter(priority=asb).first()
    assert measure is not None
    assert reverse("planning:plan_measure_change", args=[measure.pk]) in coordinator


def test_the_coordinator_adds_a_priority_through_the_flow(plan: CspPlan, client_as: Any) -> None:
    client = client_as("avbc_partnership_coordinator")
    objective = PccObjective.objects.create(plan=plan, title="Keep neighbourhoods safe")
    url = reverse("planning:plan_priority_new", args=[plan.pk])
    answers = {"title": "Hate crime", "county_priority": _county(plan).pk, "pcc_objectives": [objective.pk]}
    refused = client.post(url, answers).content.decode()
    assert _errors(refused) == [
        "Error: Say how the priority has regard to the Police and Crime Commissioner's objectives you selected"
    ] or any("has regard" in e for e in _errors(refused))
    answers["regard"] = "Reporting hate crime keeps neighbourhoods safe."
    check = client.post(url, answers).content.decode()
    assert "Check the priority before you add it" in check, _errors(check)
    assert not plan.priorities.filter(title="Hate crime").exists()
    response = client.post(url, {**answers, "step": "confirm"})
    assert response.status_code == 302
    priority = plan.priorities.get(title="Hate crime")
    assert response["Location"].endswith(f"#priority-{priority.pk}")
    assert priority.county_priority == _county(plan) and list(priority.pcc_objectives.all()) == [objective]


def test_a_measure_form_says_what_to_fix(plan: CspPlan, client_as: Any) -> None:
    client = client_as("avbc_partnership_coordinator")
    asb = plan.priorities.get(title="Anti-Social Behaviour (ASB)")
    url = reverse("planning:plan_measure_new", args=[asb.pk])
    answers = {
        "title": "Case Review applications", "source": "case_reviews", "baseline": "five",
        "baseline_label": "2019/20", "direction": "increase", "target": "1",
    }  # fmt: skip
    errors = " ".join(_errors(client.post(url, answers).content.decode()))
    assert "Enter the baseline as a whole number, like 3500" in errors
    errors = " ".join(_errors(client.post(url, {**answers, "baseline": "5"}).content.decode()))
    assert "A target to increase must be above the baseline of 5" in errors
    assert "Enter when the target is for" in errors
    client.post(
        url, {**answers, "baseline": "5", "target": "8", "target_label": "2022/23", "step": "confirm"}
    )
    measure = PlanMeasure.objects.get(title="Case Review applications")
    assert (measure.baseline, measure.target, measure.direction) == (5, 8, "increase")


def test_changing_an_everyday_business_area_keeps_its_version(plan: CspPlan, client_as: Any) -> None:
    client = client_as("avbc_partnership_coordinator")
    area = plan.priorities.filter(kind=PriorityKind.EVERYDAY).first()
    assert area is not None
    url = reverse("planning:plan_priority_change", args=[area.pk])
    form = client.get(url).content.decode()
    assert "Which partner leads it?" in form and "county priority" not in form
    housing = Agency.objects.get(slug="housing")
    answers = with_version(
        client, url, {"title": area.title, "description": area.description, "lead_agency": housing.pk}
    )
    assert client.post(url, {**answers, "step": "confirm"}).status_code == 302
    area.refresh_from_db()
    assert area.lead_agency == housing
    event = AuditEvent.objects.get(verb="plan.priority_changed")
    assert event.changed_fields == ["lead_agency"]
    # the same answers again, from the page read before that change: refused, nothing written
    stale = client.post(
        url, {**answers, "lead_agency": Agency.objects.get(slug="police").pk, "step": "confirm"}
    )
    assert 'data-testid="edit-conflict"' in stale.content.decode()
    area.refresh_from_db()
    assert area.lead_agency == housing


def test_actions_carry_the_plans_golden_threads(plan: CspPlan, coordinator: Any, client_as: Any) -> None:
    action = PlanAction.objects.get(title__startswith="Run summer diversionary sessions")
    assert [t.title for t in action.golden_threads.all()] == ["Community engagement"]  # the demo's tag
    mental_health = plan.priorities.get(kind=PriorityKind.GOLDEN_THREAD, title="Mental health")
    not_a_thread = plan.priorities.get(title="Organised Crime")
    with pytest.raises(ApplicationError, match="golden threads of this plan"):
        services.action_update(actor=coordinator, action=action, golden_threads=[not_a_thread])
    services.action_update(actor=coordinator, action=action, golden_threads=[mental_health])
    assert list(action.golden_threads.all()) == [mental_health]
    assert AuditEvent.objects.get(verb="plan.action_changed").changed_fields == ["golden_threads"]
    document = services.plan_document_html(plan)
    assert "Actions that carry it: " in document and action.title in document.split("Mental health", 1)[1]
    # the action's form offers the plan's golden threads
    form = (
        client_as("avbc_partnership_coordinator")
        .get(reverse("planning:plan_action_change", args=[action.pk]))
        .content.decode()
    )
    assert "The golden threads it carries (optional)" in form and "Community engagement" in form
