"""Planning belongs to the partnership acted in (issue 12, ADR 0008): the Plan, priority-setting
sessions and problem-solving plans of Amber Valley are not Bolsover's, and the board pack and the
multi-agency counts count the partnership's own records (a county board: its districts')."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from csphub.agencies.models import Membership, Partnership
from csphub.agencies.policies import actor_for
from csphub.cases import services as cases
from csphub.planning.board import selectors as board
from csphub.planning.plan import selectors as plan_selectors

pytestmark = pytest.mark.django_db

AMBER_VALLEY, BOLSOVER = "E22000037", "E22000038"


def _in(code: str, user: Any) -> Any:
    membership = Membership.objects.select_related("agency").get(user=user, is_active=True)
    return actor_for(user, membership, partnership_id=Partnership.objects.get(code=code).pk)


def _board(user: Any) -> Any:
    membership = Membership.objects.select_related("agency").get(user=user, is_active=True)
    board_partnership = Partnership.objects.get(code=AMBER_VALLEY).parent
    assert board_partnership is not None
    return actor_for(user, membership, partnership_id=board_partnership.pk)


def test_plans_and_counts_stay_in_their_partnership(world: Any, persona: Any) -> None:
    from csphub.planning.demo import load_demo
    from csphub.planning.models import PlanLevel

    load_demo()
    coordinator = persona("police_partnership_coordinator")
    here, there = _in(AMBER_VALLEY, coordinator), _in(BOLSOVER, coordinator)
    # Amber Valley sees its own plan and the county board's above it; Bolsover only the county's.
    assert set(plan_selectors.plans_visible_to(here).values_list("level", flat=True)) == {
        PlanLevel.DISTRICT,
        PlanLevel.COUNTY,
    }
    assert set(plan_selectors.plans_visible_to(there).values_list("level", flat=True)) == {PlanLevel.COUNTY}
    # The county board sees the county plan and its districts' plans.
    assert plan_selectors.plans_visible_to(_board(coordinator)).count() == 2

    officer = _in(AMBER_VALLEY, persona("police_caseworker"))
    now = timezone.now()
    incident = cases.incident_record(
        actor=officer,
        occurred_at=now - dt.timedelta(days=2),
        reported_at=now - dt.timedelta(days=1),
        channel="phone",
        asb_type="nuisance",
        category="noise",
        description="Music every night",
    )
    cases.case_open(actor=officer, incidents=[incident], summary="Noise")
    start, end = timezone.localdate() - dt.timedelta(days=30), timezone.localdate()
    ours = board._casework(start, end, board.counted_partnerships(here))
    theirs = board._casework(start, end, board.counted_partnerships(there))
    county = board._casework(start, end, board.counted_partnerships(_board(coordinator)))
    assert ours["cases_opened"] >= 1 and ours["incidents_total"] >= 1
    assert theirs["cases_opened"] == 0 and theirs["incidents_total"] == 0
    assert county["cases_opened"] == ours["cases_opened"], "a board counts its districts' records"


def test_adopted_priorities_are_shown_only_in_their_own_partnership(world: Any, persona: Any) -> None:
    """Amber Valley's board adopts its priorities: the priorities page and the home panel of someone
    acting in Bolsover must not show them as Bolsover's (nor their minutes reference)."""
    from csphub.planning import selectors as priorities
    from csphub.planning import services as scoring
    from csphub.planning.models import ScoringFramework

    framework = ScoringFramework.objects.get(name="4×4 impact × likelihood grid", version="1")
    session = scoring.session_open(
        actor=persona("avbc_partnership_coordinator"), title="Workshop", framework=framework
    )
    cells = {key: {"value": 2} for key in framework.framework.cell_keys}
    scoring.sheet_submit(actor=persona("avbc_analyst"), session=session, theme="asb", cells=cells)
    adoption = scoring.priorities_adopt(
        actor=persona("avbc_board_member"), session=session, themes=["asb"],
        adopted_on=timezone.localdate(), minutes_reference="Amber Valley board, item 4",
    )  # fmt: skip
    coordinator = persona("police_partnership_coordinator")
    here, there = _in(AMBER_VALLEY, coordinator), _in(BOLSOVER, coordinator)
    assert priorities.latest_adoption(here) == adoption
    assert priorities.latest_adoption(there) is None
    panel = priorities.home_context(there)
    assert panel is not None and panel["adoption"] is None
