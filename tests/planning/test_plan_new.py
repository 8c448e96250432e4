"""A coordinator starts the partnership's plan for a new period (issue 13): a district plan for a
CSP, a county plan for a county board; the period must not overlap another plan of the partnership
(both sides of the boundary); an earlier plan's structure can be carried over (priorities, key
areas, PCC objectives, measures with baselines), never its actions, targets or narrative. Only the
partnership coordinator may; it is audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from csphub.audit.models import AuditEvent
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.planning.demo import load_demo
from csphub.planning.models import CspPlan, KeyArea, PlanAction, PlanLevel, PlanMeasure, PlanPriority
from csphub.planning.plan import services
from tests.planning.test_plan_changes import _on_the_board

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def old(world: Any) -> CspPlan:
    load_demo()
    return CspPlan.objects.get(level="district")


def test_a_new_period_starts_the_day_after_the_old_plan_ends_and_not_before(
    old: CspPlan, persona: Any
) -> None:
    coordinator = persona("avbc_partnership_coordinator")
    with pytest.raises(ApplicationError, match="overlaps"):
        services.plan_create(
            actor=coordinator, title="Plan 2023-2026", starts_on=old.ends_on, ends_on=D(2026, 3, 31)
        )
    new = services.plan_create(
        actor=coordinator,
        title="Plan 2023-2026",
        starts_on=old.ends_on + dt.timedelta(days=1),
        ends_on=D(2026, 3, 31),
        pcc_plan_title="Police and Crime Plan 2021-2025",
    )
    assert (new.partnership_id, new.level) == (old.partnership_id, PlanLevel.DISTRICT)
    assert not new.priorities.exists()
    assert AuditEvent.objects.filter(verb="plan.created", target_id=str(new.pk)).count() == 1
    with pytest.raises(ApplicationError, match="end on or after"):
        services.plan_create(
            actor=coordinator, title="Backwards", starts_on=D(2027, 4, 1), ends_on=D(2027, 3, 31)
        )


def test_an_earlier_plan_is_carried_over_without_its_actions_targets_or_narrative(
    old: CspPlan, persona: Any
) -> None:
    coordinator = persona("avbc_partnership_coordinator")
    assert PlanAction.objects.filter(key_area__priority__plan=old).exists()
    new = services.plan_create(
        actor=coordinator,
        title="Plan 2023-2026",
        starts_on=old.ends_on + dt.timedelta(days=1),
        ends_on=D(2026, 3, 31),
        copy_from=old,
    )
    shape = lambda plan: sorted((p.kind, p.title, p.order) for p in plan.priorities.all())  # noqa: E731
    assert shape(new) == shape(old) and shape(new)
    assert sorted(KeyArea.objects.filter(priority__plan=new).values_list("title", flat=True)) == sorted(
        KeyArea.objects.filter(priority__plan=old).values_list("title", flat=True)
    )
    assert not PlanAction.objects.filter(key_area__priority__plan=new).exists()
    copied = list(PlanMeasure.objects.filter(priority__plan=new))
    assert len(copied) == PlanMeasure.objects.filter(priority__plan=old).count()
    assert all(m.target is None and m.target_label == "" for m in copied)
    assert [o.title for o in new.pcc_objectives.all()] == [o.title for o in old.pcc_objectives.all()]
    for priority in PlanPriority.objects.filter(plan=new).prefetch_related("pcc_objectives"):
        assert all(o.plan_id == new.pk for o in priority.pcc_objectives.all())  # the new plan's own
    assert (new.foreword, new.about) == ("", "")


def test_only_the_coordinator_starts_a_plan_and_a_board_starts_a_county_plan(
    old: CspPlan, persona: Any
) -> None:
    for who in ("avbc_board_member", "avbc_analyst", "avbc_caseworker"):
        with pytest.raises(PermissionDeniedError):
            services.plan_create(
                actor=persona(who), title="x", starts_on=D(2030, 4, 1), ends_on=D(2031, 3, 31)
            )
    board = _on_the_board(persona)
    county = services.plan_create(
        actor=board, title="County plan 2030", starts_on=D(2030, 4, 1), ends_on=D(2031, 3, 31)
    )
    assert county.level == PlanLevel.COUNTY
    with pytest.raises(ApplicationError, match="your partnership's own plans"):
        services.plan_create(
            actor=board, title="County 2032", starts_on=D(2032, 4, 1), ends_on=D(2033, 3, 31), copy_from=old
        )


def test_the_new_plan_page(old: CspPlan, client_as: Any) -> None:
    from tests.powers.test_pages import submit

    client = client_as("avbc_partnership_coordinator")
    listing = client.get("/priorities/plans/").content.decode()
    assert 'data-testid="plan-new"' in listing
    assert (
        'data-testid="plan-new"'
        not in client_as("avbc_board_member").get("/priorities/plans/").content.decode()
    )
    start = old.ends_on + dt.timedelta(days=1)
    data = {
        "title": "Plan 2023-2026",
        "starts_on_day": start.day,
        "starts_on_month": start.month,
        "starts_on_year": start.year,
        "ends_on_day": 31,
        "ends_on_month": 3,
        "ends_on_year": 2026,
        "copy_from": old.pk,
    }
    response = submit(client, "/priorities/plans/new/", data)
    new = CspPlan.objects.get(title="Plan 2023-2026")
    assert response.status_code == 302 and response["Location"].endswith(f"/priorities/plans/{new.pk}/")
    assert new.priorities.exists()
