"""The CSP Plan pages (one import for ``planning/urls.py``): ``pages`` has the plans, a plan, its
actions, the narrative, publishing and the document; ``structure`` adds and changes priorities,
everyday business, golden threads, key areas, measures and the PCC's objectives; ``changes`` removes
and reorders entries, changes the plan's details and starts a new plan. ``_common`` holds the
permission checks they share."""

from __future__ import annotations

from csphub.planning.plan.views.changes import (
    action_remove,
    key_area_move,
    key_area_remove,
    measure_remove,
    pcc_objective_move,
    pcc_objective_remove,
    plan_details_change,
    plan_new,
    priority_move,
    priority_remove,
)
from csphub.planning.plan.views.pages import (
    STYLES,
    action_change,
    action_new,
    narrative_change,
    plan_detail,
    plan_document,
    plan_list,
    plan_publication,
    plan_publish,
)
from csphub.planning.plan.views.structure import (
    everyday_new,
    golden_thread_new,
    key_area_change,
    key_area_new,
    measure_change,
    measure_new,
    pcc_objective_change,
    pcc_objective_new,
    priority_change,
    priority_new,
)

__all__ = [
    "STYLES",
    "action_change",
    "action_new",
    "action_remove",
    "everyday_new",
    "golden_thread_new",
    "key_area_change",
    "key_area_move",
    "key_area_new",
    "key_area_remove",
    "measure_change",
    "measure_new",
    "measure_remove",
    "narrative_change",
    "pcc_objective_change",
    "pcc_objective_move",
    "pcc_objective_new",
    "pcc_objective_remove",
    "plan_detail",
    "plan_details_change",
    "plan_document",
    "plan_list",
    "plan_new",
    "plan_publication",
    "plan_publish",
    "priority_change",
    "priority_move",
    "priority_new",
    "priority_remove",
]
