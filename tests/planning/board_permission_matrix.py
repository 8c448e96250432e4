"""Permission-matrix rows for problem solving, partners' counts and board packs (aggregates only).

Coordinators and analysts change them; board members read them; nobody else sees them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.permission_matrix import Entry
from tests.planning.permission_matrix import ONE_RECORD, SCORERS, VIEWERS

CHANGE_ONE = {**ONE_RECORD, "avbc_board_member": 403}
POST_CHANGE = {**CHANGE_ONE, "avbc_partnership_coordinator": 302, "avbc_analyst": 302}


def _coordinator() -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="avbc_partnership_coordinator")


def _plan(world: Any) -> dict[str, Any]:
    from csphub.planning.models import ProblemSolvingPlan

    user = _coordinator()
    from csphub.agencies.policies import partnership_for_new_record

    plan = ProblemSolvingPlan.objects.create(
        partnership=partnership_for_new_record(user),
        title="Matrix", area_name="Amber Valley", assessment_run_id=0, assessment_label="Matrix",
        grid={"x_min_m": 0, "y_min_m": 0, "cell_size_m": 400, "n_cols": 1, "n_rows": 1},
        cells=[[0, 0]], place_description="Matrix", created_by=user, modified_by=user,
    )  # fmt: skip
    return {"pk": plan.pk}


def _response(world: Any) -> dict[str, Any]:
    from csphub.agencies.models import Agency
    from csphub.planning.models import ProblemResponse

    kwargs = _plan(world)
    response = ProblemResponse.objects.create(
        plan_id=kwargs["pk"], agency=Agency.objects.first(), action="Patrols", due_on=dt.date(2024, 1, 1)
    )
    return {**kwargs, "response_pk": response.pk}


def _upload(world: Any) -> dict[str, Any]:
    from csphub.agencies.models import Agency
    from csphub.planning.board.services import partner_counts_load

    upload = partner_counts_load(
        actor=_coordinator(), agency=Agency.objects.first(), file_name="m.csv",
        data=b"month,area_code,measure,value\n2024-01,E01019432,housing_asb_reports,3\n",
    )  # fmt: skip
    return {"pk": upload.pk}


def _pack(world: Any) -> dict[str, Any]:
    from csphub.planning.board.services import board_pack_generate

    return {"pk": board_pack_generate(actor=_coordinator(), quarter="2024-Q4").pk}


MATRIX = {
    "planning:problem_list": Entry(expect=VIEWERS),
    "planning:problem_new": Entry(
        expect={**SCORERS, "avbc_partnership_coordinator": 302, "avbc_analyst": 302},
        why="the matrix world has no adopted assessment: the page sends them back to the list",
    ),
    "planning:problem_detail": Entry(make=_plan, expect=ONE_RECORD),
    "planning:problem_response_new": Entry(make=_plan, expect=CHANGE_ONE),
    "planning:problem_response_status": Entry(
        make=_response, expect=POST_CHANGE, method="POST", data={"status": "done"}
    ),
    "planning:problem_assess": Entry(make=_plan, expect=POST_CHANGE, method="POST"),
    "planning:partner_data": Entry(expect=VIEWERS),
    "planning:partner_data_csv": Entry(expect=VIEWERS),
    "planning:partner_dictionary": Entry(expect=VIEWERS),
    "planning:partner_template": Entry(expect=VIEWERS),
    "planning:partner_upload": Entry(expect=SCORERS),
    "planning:partner_upload_detail": Entry(make=_upload, expect=ONE_RECORD),
    "planning:pack_list": Entry(expect=VIEWERS),
    "planning:pack_new": Entry(expect=SCORERS),
    "planning:pack_detail": Entry(make=_pack, expect=ONE_RECORD),
    "planning:pack_pdf": Entry(make=_pack, expect=ONE_RECORD),
}
