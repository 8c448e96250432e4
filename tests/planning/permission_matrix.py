"""Permission-matrix rows for priority setting (aggregate data only: no personal records).

Coordinators and analysts score and configure; board members view and adopt; nobody else sees it.
"""

from __future__ import annotations

from typing import Any

from tests.permission_matrix import Entry

VIEWERS = {
    "anonymous": 302,
    "*": 403,
    "avbc_partnership_coordinator": 200,
    "avbc_analyst": 200,
    "avbc_board_member": 200,
}
ONE_RECORD = {**VIEWERS, "*": 404}
SCORERS = {**VIEWERS, "avbc_board_member": 403}
SCORE_A_THEME = {**ONE_RECORD, "avbc_board_member": 403}
ADOPTERS = {**ONE_RECORD, "avbc_partnership_coordinator": 403, "avbc_analyst": 403}


def _framework(world: Any) -> dict[str, Any]:
    from csphub.planning.models import ScoringFramework

    return {"pk": ScoringFramework.objects.get(version="1").pk}


def _session(world: Any) -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    from csphub.planning.models import ScoringFramework
    from csphub.planning.services import session_open

    coordinator = get_user_model().objects.get(username="avbc_partnership_coordinator")
    session = session_open(
        actor=coordinator, title="Matrix", framework=ScoringFramework.objects.get(version="1")
    )
    return {"pk": session.pk}


def _theme(world: Any) -> dict[str, Any]:
    return {**_session(world), "theme": "asb"}


# The CSP Plan: the priorities viewers read it; the partnership coordinator writes and publishes it.
PLAN_READERS = VIEWERS
PLAN_WRITERS = {"anonymous": 302, "*": 403, "avbc_partnership_coordinator": 200}
# A "Move up" / "Move down" button posts and goes back to the plan (302) for the coordinator only.
PLAN_MOVERS = {**PLAN_WRITERS, "avbc_partnership_coordinator": 302}


def _plan(world: Any) -> dict[str, Any]:
    from csphub.planning.demo import load_demo
    from csphub.planning.models import CspPlan

    load_demo()
    return {"pk": CspPlan.objects.get(level="district").pk}


def _area(world: Any) -> dict[str, Any]:
    from csphub.planning.models import KeyArea

    _plan(world)
    return {"area_pk": KeyArea.objects.filter(priority__plan__level="district").first().pk}  # type: ignore[union-attr]


def _action(world: Any) -> dict[str, Any]:
    from csphub.planning.models import PlanAction

    _plan(world)
    return {"pk": PlanAction.objects.first().pk}  # type: ignore[union-attr]


def _publication(world: Any) -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    from csphub.planning.models import CspPlan
    from csphub.planning.plan.services import plan_publish

    _plan(world)
    coordinator = get_user_model().objects.get(username="avbc_partnership_coordinator")
    return {"pk": plan_publish(actor=coordinator, plan=CspPlan.objects.get(level="district")).pk}


def _priority(world: Any) -> dict[str, Any]:
    from csphub.planning.models import PlanPriority

    _plan(world)
    return {"pk": PlanPriority.objects.filter(plan__level="district", kind="priority").first().pk}  # type: ignore[union-attr]


def _measure(world: Any) -> dict[str, Any]:
    from csphub.planning.models import PlanMeasure

    _plan(world)
    return {"pk": PlanMeasure.objects.first().pk}  # type: ignore[union-attr]


def _key_area(world: Any) -> dict[str, Any]:
    return {"pk": _area(world)["area_pk"]}


def _pcc_objective(world: Any) -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    from csphub.planning.models import CspPlan
    from csphub.planning.plan.services import pcc_objective_add

    _plan(world)
    coordinator = get_user_model().objects.get(username="avbc_partnership_coordinator")
    plan = CspPlan.objects.get(level="district")
    return {"pk": pcc_objective_add(actor=coordinator, plan=plan, title="Keep neighbourhoods safe").pk}


MATRIX = {
    # the plan's structure: only the coordinator adds and changes it (board members and analysts read it)
    "planning:plan_priority_new": Entry(make=_plan, expect=PLAN_WRITERS),
    "planning:plan_everyday_new": Entry(make=_plan, expect=PLAN_WRITERS),
    "planning:plan_golden_thread_new": Entry(make=_plan, expect=PLAN_WRITERS),
    "planning:plan_priority_change": Entry(make=_priority, expect=PLAN_WRITERS),
    "planning:plan_key_area_new": Entry(make=_priority, expect=PLAN_WRITERS),
    "planning:plan_key_area_change": Entry(make=_key_area, expect=PLAN_WRITERS),
    "planning:plan_measure_new": Entry(make=_priority, expect=PLAN_WRITERS),
    "planning:plan_measure_change": Entry(make=_measure, expect=PLAN_WRITERS),
    "planning:plan_pcc_objective_new": Entry(make=_plan, expect=PLAN_WRITERS),
    "planning:plan_pcc_objective_change": Entry(make=_pcc_objective, expect=PLAN_WRITERS),
    # removing (a confirmation page that says what goes), moving (POST buttons) and the plan's details
    "planning:plan_priority_remove": Entry(make=_priority, expect=PLAN_WRITERS),
    "planning:plan_key_area_remove": Entry(make=_key_area, expect=PLAN_WRITERS),
    "planning:plan_measure_remove": Entry(make=_measure, expect=PLAN_WRITERS),
    "planning:plan_action_remove": Entry(make=_action, expect=PLAN_WRITERS),
    "planning:plan_pcc_objective_remove": Entry(make=_pcc_objective, expect=PLAN_WRITERS),
    "planning:plan_priority_move": Entry(
        make=_priority, expect=PLAN_MOVERS, method="POST", data={"direction": "down"}
    ),
    "planning:plan_key_area_move": Entry(
        make=_key_area, expect=PLAN_MOVERS, method="POST", data={"direction": "down"}
    ),
    "planning:plan_pcc_objective_move": Entry(
        make=_pcc_objective, expect=PLAN_MOVERS, method="POST", data={"direction": "down"}
    ),
    "planning:plan_details_change": Entry(make=_plan, expect=PLAN_WRITERS),
    "planning:plan_list": Entry(expect=PLAN_READERS),
    "planning:plan_new": Entry(expect=PLAN_WRITERS),
    "planning:plan_detail": Entry(make=_plan, expect=PLAN_READERS),
    "planning:plan_document": Entry(
        make=_plan, expect=PLAN_READERS, why="the draft document, aggregate only"
    ),
    "planning:plan_publication": Entry(make=_publication, expect=PLAN_READERS),
    "planning:plan_narrative": Entry(make=_plan, expect=PLAN_WRITERS),
    "planning:plan_publish": Entry(make=_plan, expect=PLAN_WRITERS),
    "planning:plan_action_new": Entry(make=_area, expect=PLAN_WRITERS),
    "planning:plan_action_change": Entry(make=_action, expect=PLAN_WRITERS),
    "planning:index": Entry(expect=VIEWERS),
    "planning:framework_detail": Entry(make=_framework, expect=ONE_RECORD),
    "planning:framework_export": Entry(make=_framework, expect=ONE_RECORD),
    "planning:framework_import": Entry(expect=SCORERS),
    "planning:session_new": Entry(expect=SCORERS),
    "planning:session_detail": Entry(make=_session, expect=ONE_RECORD),
    "planning:sheet_new": Entry(make=_theme, expect=SCORE_A_THEME),
    "planning:adopt": Entry(make=_session, expect=ADOPTERS),
}

# Problem solving, partners' counts and board packs keep their rows in a file of their own.
from tests.planning.board_permission_matrix import MATRIX as _BOARD_MATRIX  # noqa: E402

MATRIX.update(_BOARD_MATRIX)
