"""The coordinator removes, reorders and re-dates the plan (issue 13): removing a priority, key area,
measure, PCC objective or action takes exactly what its confirmation page says; priorities (within
their kind), key areas (within their priority) and PCC objectives move up and down; the plan's
title, period, PCC plan and county plan change, and a period is refused when it would leave an
action's due date or a measure's target date outside it (both sides of every boundary). Published
versions never change. Only the partnership coordinator may do any of it; all of it is audited."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse

from csphub.audit.models import AuditEvent
from csphub.core.concurrency import EditConflictError, version_of
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.planning import rules
from csphub.planning.demo import load_demo
from csphub.planning.models import (
    CspPlan,
    KeyArea,
    PccObjective,
    PlanAction,
    PlanLevel,
    PlanMeasure,
    PlanPriority,
    PriorityKind,
)
from csphub.planning.plan import selectors, services
from tests.versions import with_version

D = dt.date

# --- rules (pure) ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "due"),
    [
        ("2022/23", D(2023, 3, 31)),
        ("2022-23", D(2023, 3, 31)),
        ("2022/2023", D(2023, 3, 31)),
        ("1999/00", D(2000, 3, 31)),
        ("2022/24", None),  # not one year
        ("each year", None),
        ("", None),
    ],
)
def test_a_targets_date_is_the_end_of_its_financial_year(label: str, due: dt.date | None) -> None:
    assert rules.target_date_of(label) == due


DUE = [("Review hot spots", D(2021, 3, 31))]
TARGETS = [("ASB incidents", "2022/23"), ("Cases opened", "each year")]  # 31 March 2023; no date


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "due", "targets", "field"),
    [
        (D(2020, 4, 1), D(2023, 3, 31), DUE, TARGETS, None),  # everything inside
        (D(2021, 3, 31), D(2022, 3, 31), DUE, [], None),  # the due day is the first day
        (D(2021, 4, 1), D(2022, 3, 31), DUE, [], "starts_on"),  # a day later: left before it
        (D(2020, 4, 1), D(2021, 3, 31), DUE, [], None),  # the due day is the last day
        (D(2020, 4, 1), D(2021, 3, 30), DUE, [], "ends_on"),  # a day earlier: left after it
        (D(2020, 4, 1), D(2023, 3, 31), [], TARGETS, None),  # the target date is the last day
        (D(2020, 4, 1), D(2023, 3, 30), [], TARGETS, "ends_on"),  # a day earlier: left after it
        (D(2023, 3, 31), D(2024, 3, 31), [], TARGETS, None),  # the target date is the first day
        (D(2023, 4, 1), D(2024, 3, 31), [], TARGETS, "starts_on"),  # a day later: left before it
        (D(2020, 4, 1), D(2020, 3, 31), [], [], "ends_on"),  # ends before it starts
        (D(2020, 4, 1), D(2020, 4, 1), [], [], None),  # a one-day plan is a period
    ],
)
def test_a_period_holds_every_due_date_and_target(
    starts_on: dt.date, ends_on: dt.date, due: Any, targets: Any, field: str | None
) -> None:
    problems = rules.period_problems(
        starts_on=starts_on, ends_on=ends_on, action_due=due, measure_targets=targets
    )
    assert (problems[0][0] if problems else None) == field


@pytest.mark.parametrize(
    ("label", "ok"),
    [("2022/23", True), ("2023/24", False), ("2019/20", True), ("2018/19", False), ("each year", True)],
)
def test_a_targets_year_ends_within_the_plan(label: str, ok: bool) -> None:
    # a plan of 1 April 2019 to 31 March 2023: 2019/20 ends on 31 March 2020, 2023/24 after the plan
    problems = rules.target_date_problems(target_label=label, starts_on=D(2019, 4, 1), ends_on=D(2023, 3, 31))
    assert (problems == []) is ok


def test_a_measure_is_refused_a_target_beyond_the_plan(plan: CspPlan, coordinator: Any) -> None:
    asb = _asb(plan)
    answers = {"title": "Cases opened", "source": "cases_opened", "baseline": 40, "baseline_label": "2019/20"}
    with pytest.raises(ApplicationError, match="ends within the plan's period") as beyond:
        services.measure_add(actor=coordinator, priority=asb, **answers, target=30, target_label="2023/24")
    assert beyond.value.field == "target_label"
    measure = services.measure_add(
        actor=coordinator, priority=asb, **answers, target=30, target_label="2022/23"
    )
    with pytest.raises(ApplicationError, match="ends within the plan's period"):
        services.measure_update(actor=coordinator, measure=measure, target_label="2023/24")


def test_a_refused_period_names_what_it_leaves_outside() -> None:
    problems = rules.period_problems(
        starts_on=D(2020, 4, 1),
        ends_on=D(2022, 3, 30),
        action_due=[("Review hot spots", D(2021, 3, 31)), ("Report warnings", D(2022, 3, 31))],
        measure_targets=[("ASB incidents", "2022/23")],
    )
    assert problems == [
        (
            "ends_on",
            "The period would leave 1 action due outside it: 'Report warnings' (due 31 March 2022). "
            "Change their due dates first, or choose a period that includes them",
        ),
        (
            "ends_on",
            "The period would leave the target of 1 measure outside it: 'ASB incidents' (target for "
            "2022/23, 31 March 2023). Change the targets first, or choose a period that includes them",
        ),
    ]


# --- services -------------------------------------------------------------------------------------


@pytest.fixture
def plan(world: Any) -> CspPlan:
    load_demo()
    return CspPlan.objects.get(level="district")


@pytest.fixture
def coordinator(persona: Any) -> Any:
    return persona("avbc_partnership_coordinator")


def _on_the_board(persona: Any) -> Any:
    """The county-wide police partnership coordinator acting in the county board's partnership,
    whose plan is the county plan."""
    from csphub.agencies.models import Membership, Partnership
    from csphub.agencies.policies import actor_for

    user = persona("police_partnership_coordinator")
    membership = Membership.objects.select_related("agency").get(user=user, is_active=True)
    board = Partnership.objects.get(code="E22000037").parent
    assert board is not None
    return actor_for(user, membership, partnership_id=board.pk)


def test_a_district_coordinator_changes_only_their_own_partnerships_plan(
    plan: CspPlan, coordinator: Any, client_as: Any, persona: Any
) -> None:
    county = plan.county_plan
    assert county is not None
    priority = county.priorities.first()
    assert priority is not None
    for attempt in (
        lambda: services.priority_move(actor=coordinator, priority=priority, direction="down"),
        lambda: services.plan_details_update(actor=coordinator, plan=county, title="Renamed by a district"),
        lambda: services.priority_add(actor=coordinator, plan=county, title="A district's idea"),
        lambda: services.narrative_update(actor=coordinator, plan=county, foreword="Rewritten"),
    ):
        with pytest.raises(PermissionDeniedError):
            attempt()
    client = client_as("avbc_partnership_coordinator")
    page = client.get(reverse("planning:plan_detail", args=[county.pk]))
    assert page.status_code == 200 and "/remove/" not in page.content.decode()
    for name, pk in (
        ("planning:plan_priority_remove", priority.pk),
        ("planning:plan_priority_change", priority.pk),
        ("planning:plan_details_change", county.pk),
        ("planning:plan_priority_new", county.pk),
    ):
        assert client.get(reverse(name, args=[pk])).status_code == 403, name
    assert (
        client.post(
            reverse("planning:plan_priority_move", args=[priority.pk]), {"direction": "down"}
        ).status_code
        == 403
    )
    # acting for the board, the same coordinator keeps the county plan
    services.plan_details_update(actor=_on_the_board(persona), plan=county, title="Derbyshire plan (revised)")
    county.refresh_from_db()
    assert county.title == "Derbyshire plan (revised)"


def _asb(plan: CspPlan) -> PlanPriority:
    return plan.priorities.get(title="Anti-Social Behaviour (ASB)")


def test_only_the_coordinator_removes_moves_or_changes_the_details(plan: CspPlan, persona: Any) -> None:
    asb = _asb(plan)
    area = asb.key_areas.first()
    measure = asb.measures.first()
    action = PlanAction.objects.filter(key_area__priority__plan=plan).first()
    assert area is not None and measure is not None and action is not None
    objective = PccObjective.objects.create(plan=plan, title="Keep neighbourhoods safe")
    for username in ("avbc_analyst", "avbc_board_member"):
        for attempt in (
            lambda actor: services.priority_remove(actor=actor, priority=asb),
            lambda actor: services.key_area_remove(actor=actor, area=area),
            lambda actor: services.measure_remove(actor=actor, measure=measure),
            lambda actor: services.action_remove(actor=actor, action=action),
            lambda actor: services.pcc_objective_remove(actor=actor, objective=objective),
            lambda actor: services.priority_move(actor=actor, priority=asb, direction="down"),
            lambda actor: services.key_area_move(actor=actor, area=area, direction="down"),
            lambda actor: services.pcc_objective_move(actor=actor, objective=objective, direction="down"),
            lambda actor: services.plan_details_update(actor=actor, plan=plan, title="Another title"),
        ):
            with pytest.raises(PermissionDeniedError):
                attempt(persona(username))
    assert (
        PlanPriority.objects.filter(pk=asb.pk).exists() and PlanAction.objects.filter(pk=action.pk).exists()
    )
    plan.refresh_from_db()
    assert plan.title != "Another title"
    assert not AuditEvent.objects.filter(verb__startswith="plan.").exists()


def test_removing_a_priority_takes_its_key_areas_actions_and_measures(
    plan: CspPlan, coordinator: Any
) -> None:
    asb = _asb(plan)
    objective = services.pcc_objective_add(actor=coordinator, plan=plan, title="Keep neighbourhoods safe")
    services.priority_update(
        actor=coordinator, priority=asb, pcc_objectives=[objective], regard="Hot spots keep us safe."
    )
    areas = list(asb.key_areas.values_list("pk", flat=True))
    actions = list(PlanAction.objects.filter(key_area__priority=asb).values_list("pk", flat=True))
    measures = list(asb.measures.values_list("pk", flat=True))
    assert areas and actions and measures
    asb.refresh_from_db()
    removal = selectors.priority_removal(asb)
    words = " ".join(removal.goes)
    assert f"{len(areas)} key areas of work" in words and f"{len(actions)} actions" in words
    assert f"{len(measures)} measures" in words and "'Keep neighbourhoods safe'" in words
    services.priority_remove(actor=coordinator, priority=asb, expected_version=version_of(asb))
    assert not PlanPriority.objects.filter(pk=asb.pk).exists()
    assert not KeyArea.objects.filter(pk__in=areas).exists()
    assert not PlanAction.objects.filter(pk__in=actions).exists()
    assert not PlanMeasure.objects.filter(pk__in=measures).exists()
    assert PccObjective.objects.filter(pk=objective.pk).exists()  # the objective stays
    event = AuditEvent.objects.get(verb="plan.priority_removed")
    assert event.target_id == str(asb.pk) and event.justification == removal.summary


def test_removing_a_county_priority_unlinks_the_district_priorities_that_served_it(
    plan: CspPlan, coordinator: Any, persona: Any
) -> None:
    serving = plan.priorities.filter(county_priority__isnull=False).select_related("county_priority").first()
    assert serving is not None and serving.county_priority is not None
    county_priority = serving.county_priority
    words = " ".join(selectors.priority_removal(county_priority).goes)
    assert f"'{serving.title}' ({plan.title})" in words
    # the district's coordinator reads the county board's plan but does not change it
    with pytest.raises(PermissionDeniedError, match="plan's own partnership"):
        services.priority_remove(actor=coordinator, priority=county_priority)
    services.priority_remove(actor=_on_the_board(persona), priority=county_priority)
    serving.refresh_from_db()
    assert serving.county_priority is None


def test_a_golden_thread_removed_is_untagged_from_its_actions(plan: CspPlan, coordinator: Any) -> None:
    thread = PlanPriority.objects.filter(
        plan=plan, kind=PriorityKind.GOLDEN_THREAD, tagged_actions__isnull=False
    ).first()
    assert thread is not None
    tagged = list(thread.tagged_actions.values_list("pk", flat=True))
    assert "untagged from" in " ".join(selectors.priority_removal(thread).goes)
    services.priority_remove(actor=coordinator, priority=thread)
    assert PlanAction.objects.filter(pk__in=tagged).count() == len(tagged)  # the actions stay
    assert not PlanAction.objects.filter(pk__in=tagged, golden_threads__pk=thread.pk).exists()


def test_an_everyday_business_area_is_removed_alone(plan: CspPlan, coordinator: Any) -> None:
    everyday = plan.priorities.filter(kind=PriorityKind.EVERYDAY).first()
    assert everyday is not None
    removal = selectors.priority_removal(everyday)
    assert removal.noun == "area of everyday business" and removal.goes == []
    services.priority_remove(actor=coordinator, priority=everyday)
    assert not PlanPriority.objects.filter(pk=everyday.pk).exists()


def test_a_pcc_objective_removed_is_unlinked_from_its_priorities(plan: CspPlan, coordinator: Any) -> None:
    asb = _asb(plan)
    objective = services.pcc_objective_add(actor=coordinator, plan=plan, title="Keep neighbourhoods safe")
    services.priority_update(
        actor=coordinator, priority=asb, pcc_objectives=[objective], regard="Hot spots keep us safe."
    )
    assert selectors.pcc_objective_removal(objective).goes == [
        "1 priority no longer has regard to it ('Anti-Social Behaviour (ASB)'); the priority stays."
    ]
    services.pcc_objective_remove(actor=coordinator, objective=objective)
    asb.refresh_from_db()
    assert list(asb.pcc_objectives.all()) == []
    assert AuditEvent.objects.filter(verb="plan.pcc_objective_removed", target_id=str(objective.pk)).exists()


def test_a_key_area_takes_its_actions_a_measure_and_an_action_go_alone(
    plan: CspPlan, coordinator: Any
) -> None:
    area = KeyArea.objects.filter(priority__plan=plan, actions__isnull=False).distinct().first()
    assert area is not None
    actions = list(area.actions.values_list("pk", flat=True))
    assert f"Its {len(actions)} action" in selectors.key_area_removal(area).goes[0]
    services.key_area_remove(actor=coordinator, area=area)
    assert not PlanAction.objects.filter(pk__in=actions).exists()
    measure = PlanMeasure.objects.filter(priority__plan=plan).first()
    assert measure is not None
    others = PlanMeasure.objects.count() - 1
    services.measure_remove(actor=coordinator, measure=measure)
    assert PlanMeasure.objects.count() == others
    action = PlanAction.objects.filter(key_area__priority__plan=plan).first()
    assert action is not None
    services.action_remove(actor=coordinator, action=action)
    assert not PlanAction.objects.filter(pk=action.pk).exists()
    assert [e.verb for e in AuditEvent.objects.filter(verb__endswith="_removed").order_by("pk")] == [
        "plan.key_area_removed",
        "plan.measure_removed",
        "plan.action_removed",
    ]


def test_a_removal_read_before_a_change_is_refused(plan: CspPlan, coordinator: Any) -> None:
    area = KeyArea.objects.filter(priority__plan=plan).first()
    assert area is not None
    read_at = version_of(area)
    services.key_area_update(actor=coordinator, area=area, title="Hot spot patrols")
    with pytest.raises(EditConflictError):
        services.key_area_remove(actor=coordinator, area=area, expected_version=read_at)
    assert KeyArea.objects.filter(pk=area.pk).exists()
    assert not AuditEvent.objects.filter(verb="plan.key_area_removed").exists()


def test_published_versions_stay_as_published(plan: CspPlan, coordinator: Any) -> None:
    publication = services.plan_publish(actor=coordinator, plan=plan)
    frozen = publication.html
    asb = _asb(plan)
    assert asb.title in frozen
    services.priority_move(actor=coordinator, priority=asb, direction="down")
    services.priority_remove(actor=coordinator, priority=asb)
    services.plan_details_update(actor=coordinator, plan=plan, title="Amber Valley CSP Plan (revised)")
    publication.refresh_from_db()
    assert publication.html == frozen
    plan.refresh_from_db()
    draft = services.plan_document_html(plan)
    assert asb.title not in draft and "Amber Valley CSP Plan (revised)" in draft


def _titles(plan: CspPlan, kind: str = PriorityKind.PRIORITY) -> list[str]:
    return list(plan.priorities.filter(kind=kind).order_by("order", "pk").values_list("title", flat=True))


def test_priorities_move_within_their_kind_and_the_document_follows(plan: CspPlan, coordinator: Any) -> None:
    before = _titles(plan)
    everyday_before = _titles(plan, PriorityKind.EVERYDAY)
    first = plan.priorities.get(title=before[0])
    with pytest.raises(ApplicationError, match="is already first"):
        services.priority_move(actor=coordinator, priority=first, direction="up")
    assert services.priority_move(actor=coordinator, priority=first, direction="down") == 2
    assert _titles(plan) == [before[1], before[0], *before[2:]]
    assert _titles(plan, PriorityKind.EVERYDAY) == everyday_before  # other kinds keep their order
    last = plan.priorities.get(title=before[-1])
    with pytest.raises(ApplicationError, match="is already last"):
        services.priority_move(actor=coordinator, priority=last, direction="down")
    event = AuditEvent.objects.get(verb="plan.priority_moved")
    assert (
        event.changed_fields == ["order"] and event.justification == f"moved down to place 2 of {len(before)}"
    )
    document = re.sub(r"<[^>]+>", " ", services.plan_document_html(plan))
    assert document.index(before[1]) < document.index(before[0])
    page = selectors.plan_page(plan)
    assert [b.priority.title for b in page.priorities] == [before[1], before[0], *before[2:]]
    published = re.sub(r"<[^>]+>", " ", services.plan_publish(actor=coordinator, plan=plan).html)
    assert published.index(before[1]) < published.index(before[0])  # the next version follows too


def test_moving_leaves_open_forms_valid(plan: CspPlan, coordinator: Any) -> None:
    asb = _asb(plan)
    read_at = version_of(asb)
    services.priority_move(actor=coordinator, priority=asb, direction="down")
    services.priority_update(actor=coordinator, priority=asb, expected_version=read_at, description="Moved.")


def test_key_areas_and_pcc_objectives_move(plan: CspPlan, coordinator: Any) -> None:
    asb = _asb(plan)
    areas = list(asb.key_areas.order_by("order", "pk"))
    services.key_area_move(actor=coordinator, area=areas[-1], direction="up")
    assert list(asb.key_areas.order_by("order", "pk")) == [*areas[:-2], areas[-1], areas[-2]]
    one = services.pcc_objective_add(actor=coordinator, plan=plan, title="Keep neighbourhoods safe")
    two = services.pcc_objective_add(actor=coordinator, plan=plan, title="Tackle organised crime")
    services.pcc_objective_move(actor=coordinator, objective=two, direction="up")
    assert list(selectors.pcc_objectives_of(plan)) == [two, one]
    with pytest.raises(ApplicationError, match="Choose to move it up or down"):
        services.pcc_objective_move(actor=coordinator, objective=two, direction="sideways")
    assert {e.verb for e in AuditEvent.objects.filter(verb__endswith="_moved")} == {
        "plan.key_area_moved",
        "plan.pcc_objective_moved",
    }


def _due_range(plan: CspPlan) -> tuple[dt.date, dt.date]:
    dues = sorted(PlanAction.objects.filter(key_area__priority__plan=plan).values_list("due_on", flat=True))
    return dues[0], dues[-1]


def test_the_period_keeps_every_action_due_date_inside_it(plan: CspPlan, coordinator: Any) -> None:
    first_due, last_due = _due_range(plan)
    PlanMeasure.objects.filter(priority__plan=plan).update(target=None, target_label="")  # actions only here
    one_day = dt.timedelta(days=1)
    with pytest.raises(ApplicationError, match="leave 1 action due outside it") as late:
        services.plan_details_update(actor=coordinator, plan=plan, starts_on=first_due + one_day)
    assert late.value.field == "starts_on"
    services.plan_details_update(actor=coordinator, plan=plan, starts_on=first_due)  # the due day itself
    with pytest.raises(ApplicationError, match="leave 1 action due outside it") as early:
        services.plan_details_update(actor=coordinator, plan=plan, ends_on=last_due - one_day)
    assert early.value.field == "ends_on"
    services.plan_details_update(actor=coordinator, plan=plan, ends_on=last_due)
    plan.refresh_from_db()
    assert (plan.starts_on, plan.ends_on) == (first_due, last_due)
    with pytest.raises(ApplicationError, match="must end on or after the day it starts"):
        services.plan_details_update(
            actor=coordinator, plan=plan, starts_on=D(2022, 1, 1), ends_on=D(2021, 12, 31)
        )


def test_the_period_keeps_every_measures_target_inside_it(plan: CspPlan, coordinator: Any) -> None:
    PlanAction.objects.filter(key_area__priority__plan=plan).delete()  # the targets only, here
    measure = PlanMeasure.objects.get(
        priority__plan=plan, title="Anti-social behaviour incidents recorded by the police"
    )
    assert measure.target_label == "2022/23"
    with pytest.raises(ApplicationError, match=f"'{measure.title}' \\(target for 2022/23, 31 March 2023\\)"):
        services.plan_details_update(actor=coordinator, plan=plan, ends_on=D(2023, 3, 30))
    services.plan_details_update(actor=coordinator, plan=plan, ends_on=D(2023, 3, 31))
    with pytest.raises(ApplicationError, match="leave the targets of 2 measures outside it") as after:
        services.plan_details_update(
            actor=coordinator, plan=plan, starts_on=D(2023, 4, 1), ends_on=D(2024, 3, 31)
        )
    assert after.value.field == "starts_on"
    services.plan_details_update(
        actor=coordinator, plan=plan, starts_on=D(2023, 3, 31), ends_on=D(2024, 3, 31)
    )
    plan.refresh_from_db()
    assert (plan.starts_on, plan.ends_on) == (D(2023, 3, 31), D(2024, 3, 31))


def test_the_county_plan_is_a_county_plan_of_the_parent_board(
    plan: CspPlan, coordinator: Any, persona: Any
) -> None:
    county = plan.county_plan
    assert county is not None
    board_district_level = CspPlan.objects.create(
        partnership=county.partnership, title="Board's own district-style plan", level=PlanLevel.DISTRICT,
        starts_on=plan.starts_on, ends_on=plan.ends_on,
    )  # fmt: skip
    own_county_level = CspPlan.objects.create(
        partnership=plan.partnership, title="Not the board's", level=PlanLevel.COUNTY,
        starts_on=plan.starts_on, ends_on=plan.ends_on,
    )  # fmt: skip
    for wrong in (plan, board_district_level, own_county_level):
        with pytest.raises(ApplicationError, match="county-level plan of the county board") as refused:
            services.plan_details_update(actor=coordinator, plan=plan, county_plan=wrong)
        assert refused.value.field == "county_plan"
    with pytest.raises(ApplicationError, match="does not serve another plan"):
        services.plan_details_update(actor=_on_the_board(persona), plan=county, county_plan=county)
    next_county = CspPlan.objects.create(
        partnership=county.partnership, title="Derbyshire board plan 2023-2026", level=PlanLevel.COUNTY,
        starts_on=D(2023, 4, 1), ends_on=D(2026, 3, 31),
    )  # fmt: skip
    serving = list(plan.priorities.filter(county_priority__isnull=False).values_list("pk", flat=True))
    assert serving
    assert [p.pk for p in selectors.county_links_lost(plan, next_county)] == serving
    read_at = version_of(plan)
    services.plan_details_update(
        actor=coordinator, plan=plan, expected_version=read_at, county_plan=next_county,
        pcc_plan_title="Police and Crime Plan 2021-2025",
    )  # fmt: skip
    plan.refresh_from_db()
    assert plan.county_plan == next_county and plan.pcc_plan_title == "Police and Crime Plan 2021-2025"
    assert not PlanPriority.objects.filter(pk__in=serving, county_priority__isnull=False).exists()
    event = AuditEvent.objects.get(verb="plan.details_changed")
    assert event.changed_fields == ["county_plan", "pcc_plan_title"]
    assert event.justification.startswith("county priority unlinked from ")
    with pytest.raises(EditConflictError):  # a form read before that change
        services.plan_details_update(actor=coordinator, plan=plan, expected_version=read_at, title="Stale")


# --- pages ----------------------------------------------------------------------------------------


def test_the_removal_page_says_what_goes_and_removes_on_confirm(plan: CspPlan, client_as: Any) -> None:
    client = client_as("avbc_partnership_coordinator")
    area = KeyArea.objects.filter(priority__plan=plan, actions__isnull=False).distinct().first()
    assert area is not None
    url = reverse("planning:plan_key_area_remove", args=[area.pk])
    page = client.get(url).content.decode()
    assert f"Remove the key area of work &#x27;{area.title}&#x27;" in page
    for action in area.actions.all():
        assert action.title in page
    assert "Published versions of the plan are not changed" in page
    answers = with_version(client, url, {})
    response = client.post(url, answers)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#priority-{area.priority_id}")
    assert not KeyArea.objects.filter(pk=area.pk).exists()


def test_a_stale_removal_page_shows_the_entry_as_it_is_now(
    plan: CspPlan, client_as: Any, coordinator: Any
) -> None:
    client = client_as("avbc_partnership_coordinator")
    measure = PlanMeasure.objects.filter(priority__plan=plan).first()
    assert measure is not None
    url = reverse("planning:plan_measure_remove", args=[measure.pk])
    answers = with_version(client, url, {})
    services.measure_update(actor=coordinator, measure=measure, title="Renamed measure")
    page = client.post(url, answers).content.decode()
    assert 'data-testid="edit-conflict"' in page and "Renamed measure" in page
    assert PlanMeasure.objects.filter(pk=measure.pk).exists()
    # sent again from the page as it is now: removed
    assert client.post(url, with_version(client, url, {})).status_code == 302
    assert not PlanMeasure.objects.filter(pk=measure.pk).exists()


def test_move_buttons_post_and_only_the_coordinator_sees_them(plan: CspPlan, client_as: Any) -> None:
    asb = _asb(plan)
    url = reverse("planning:plan_priority_move", args=[asb.pk])
    detail = reverse("planning:plan_detail", args=[plan.pk])
    client = client_as("avbc_partnership_coordinator")
    page = client.get(detail).content.decode()
    assert url in page and reverse("planning:plan_priority_remove", args=[asb.pk]) in page
    assert reverse("planning:plan_details_change", args=[plan.pk]) in page
    assert client.get(url).status_code == 405  # moving is a POST, never a link
    response = client.post(url, {"direction": "down"})
    assert response.status_code == 302 and response["Location"].endswith(f"#priority-{asb.pk}")
    assert _titles(plan)[1] == asb.title
    refused = client.post(url, {"direction": "sideways"}, follow=True).content.decode()
    assert "Choose to move it up or down" in refused
    board = client_as("avbc_board_member")
    board_page = board.get(detail).content.decode()
    assert "Move up" not in board_page and "/remove/" not in board_page and "/details/" not in board_page
    assert board.post(url, {"direction": "up"}).status_code == 403


def test_the_details_page_refuses_a_period_that_leaves_actions_out(plan: CspPlan, client_as: Any) -> None:
    client = client_as("avbc_partnership_coordinator")
    url = reverse("planning:plan_details_change", args=[plan.pk])
    first_due, _ = _due_range(plan)
    late = first_due + dt.timedelta(days=1)
    answers = {
        "title": plan.title, "pcc_plan_title": plan.pcc_plan_title, "county_plan": plan.county_plan_id,
        "starts_on_day": late.day, "starts_on_month": late.month, "starts_on_year": late.year,
        "ends_on_day": 31, "ends_on_month": 3, "ends_on_year": 2023,
    }  # fmt: skip
    answers = with_version(client, url, answers)
    page = client.post(url, answers).content.decode()
    assert "action due outside it" in page and "Check the plan" not in page
    fine = {
        **answers,
        "starts_on_day": 1,
        "starts_on_month": 4,
        "starts_on_year": 2020,
        "title": "Renamed plan",
    }
    assert "Check the plan&#x27;s details before you save them" in client.post(url, fine).content.decode()
    assert client.post(url, {**fine, "step": "confirm"}).status_code == 302
    plan.refresh_from_db()
    assert plan.title == "Renamed plan"


# --- deadlines --------------------------------------------------------------------------------------


def test_the_coordinators_deadlines_list_the_plans_open_actions_due(
    plan: CspPlan, persona: Any, client_as: Any, coordinator: Any
) -> None:
    from csphub.agencies.models import Agency
    from csphub.core.actor import as_actor
    from csphub.duties import deadlines

    today = D(2022, 6, 1)
    area = KeyArea.objects.filter(priority__plan=plan).first()
    assert area is not None
    police = Agency.objects.get(slug="police")

    def add(title: str, due: dt.date, status: str = "in_progress") -> PlanAction:
        return services.action_add(
            actor=coordinator, key_area=area, title=title, owner_agency=police, lead="Inspector",
            due_on=due, status=status,
        )  # fmt: skip

    overdue = add("Overdue patrol plan", today - dt.timedelta(days=1))
    last_day_ahead = add("Due on the last day looked ahead", today + dt.timedelta(days=14))
    beyond = add("Due the day after", today + dt.timedelta(days=15))
    done = add("Done already", today - dt.timedelta(days=1), status="done")
    stopped = add("Stopped", today - dt.timedelta(days=1), status="stopped")
    items = [d for d in deadlines.deadlines_for(as_actor(coordinator), today) if d.kind == "CSP Plan actions"]
    expected = PlanAction.objects.filter(
        key_area__priority__plan=plan, due_on__lte=today + dt.timedelta(days=14)
    ).exclude(status__in=["done", "stopped"])
    assert sorted(d.url for d in items) == sorted(
        reverse("planning:plan_action_change", args=[a.pk]) for a in expected
    )
    urls = {d.url: d for d in items}

    def url(action: PlanAction) -> str:
        return reverse("planning:plan_action_change", args=[action.pk])

    assert urls[url(overdue)].is_overdue(today) and urls[url(overdue)].section == plan.title
    assert "Overdue patrol plan (" in urls[url(overdue)].title and area.title in urls[url(overdue)].title
    assert not urls[url(last_day_ahead)].is_overdue(today)
    assert url(beyond) not in urls and url(done) not in urls and url(stopped) not in urls
    for username in ("avbc_analyst", "avbc_board_member"):  # they read the plan; they do not keep it
        assert not [
            d
            for d in deadlines.deadlines_for(as_actor(persona(username)), today)
            if d.kind == "CSP Plan actions"
        ]
    # the deadlines page (today, when the demo's dates are long past) links each overdue action
    page = client_as("avbc_partnership_coordinator").get(reverse("duties:deadlines")).content.decode()
    assert "CSP Plan actions" in page and url(overdue) in page and "Overdue patrol plan" in page


def test_an_action_removed_takes_only_its_golden_thread_tags(plan: CspPlan, coordinator: Any) -> None:
    action = PlanAction.objects.filter(key_area__priority__plan=plan, golden_threads__isnull=False).first()
    assert action is not None
    threads = list(action.golden_threads.all())
    removal = selectors.action_removal(action)
    assert removal.noun == "action" and len(removal.goes) == 1
    assert all(f"'{t.title}'" in removal.goes[0] for t in threads)
    services.action_remove(actor=coordinator, action=action, expected_version=version_of(action))
    assert PlanPriority.objects.filter(pk__in=[t.pk for t in threads]).count() == len(threads)
    event = AuditEvent.objects.get(verb="plan.action_removed")
    assert event.justification == removal.summary and event.justification.startswith("The action '")


def test_the_details_check_page_warns_of_county_links_a_new_county_plan_unlinks(
    plan: CspPlan, client_as: Any
) -> None:
    county = plan.county_plan
    assert county is not None
    next_county = CspPlan.objects.create(
        partnership=county.partnership, title="Derbyshire board plan 2023-2026", level=PlanLevel.COUNTY,
        starts_on=D(2023, 4, 1), ends_on=D(2026, 3, 31),
    )  # fmt: skip
    serving = plan.priorities.filter(county_priority__isnull=False).first()
    assert serving is not None
    client = client_as("avbc_partnership_coordinator")
    url = reverse("planning:plan_details_change", args=[plan.pk])
    form = client.get(url).content.decode()
    assert next_county.title in form and "Not the board" not in form
    answers = with_version(
        client,
        url,
        {
            "title": plan.title, "pcc_plan_title": plan.pcc_plan_title, "county_plan": next_county.pk,
            "starts_on_day": 1, "starts_on_month": 4, "starts_on_year": 2020,
            "ends_on_day": 31, "ends_on_month": 3, "ends_on_year": 2023,
        },
    )  # fmt: skip
    check = client.post(url, answers).content.decode()
    assert "Changing the county plan unlinks the county priority of" in check
    assert serving.title.replace("'", "&#x27;") in check
    assert client.post(url, {**answers, "step": "confirm"}).status_code == 302
    serving.refresh_from_db()
    assert serving.county_priority is None
