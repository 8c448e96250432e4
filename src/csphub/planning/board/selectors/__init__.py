"""Reading problem-solving plans, partners' counts and the board pack's figures: aggregates only.

The board pack and the multi-agency assessment count records of other apps (incidents, cases, powers,
Case Review applications, duty registers). They read those apps' models for counts only: no name,
address or free text leaves these functions, and the counts cover the whole partnership's records,
as a strategic assessment must, not only those the reader could open.

One module per section, all re-exported here (``board.selectors.X`` is the one import path):
``common`` (who may manage, the partnership's name), ``problem_solving`` (the plans and their
result), ``partner_counts`` (partners' uploads and the app's own records month by month) and
``packs`` (the board packs and the quarter's figures).
"""

from __future__ import annotations

from csphub.planning.board.selectors.common import (
    may_manage,
    partnership_name,
)
from csphub.planning.board.selectors.packs import _casework as _casework  # the scoping tests call it
from csphub.planning.board.selectors.packs import (
    board_figures,
    ended_quarters,
    home_context,
    latest_pack,
    pack_get,
    packs_visible_to,
    quarter_bounds,
)
from csphub.planning.board.selectors.partner_counts import (
    app_record_rows,
    assessment_months,
    counted_partnerships,
    cube_rows,
    is_board,
    lsoa_rows,
    partner_measure_rows,
    partner_upload_get,
    partner_uploads_visible_to,
    partnership_area_codes,
    period_words,
    sources_summary,
    suppress_rows,
)
from csphub.planning.board.selectors.problem_solving import (
    hot_spots_to_open,
    partner_agencies,
    plan_get,
    plan_monthly_rows,
    plan_result,
    plans_visible_to,
    response_get,
    responses_of,
)
from csphub.planning.selectors import may_view

__all__ = [
    "app_record_rows",
    "assessment_months",
    "board_figures",
    "counted_partnerships",
    "cube_rows",
    "ended_quarters",
    "home_context",
    "hot_spots_to_open",
    "is_board",
    "latest_pack",
    "lsoa_rows",
    "may_manage",
    "may_view",
    "pack_get",
    "packs_visible_to",
    "partner_agencies",
    "partner_measure_rows",
    "partner_upload_get",
    "partner_uploads_visible_to",
    "partnership_area_codes",
    "partnership_name",
    "period_words",
    "plan_get",
    "plan_monthly_rows",
    "plan_result",
    "plans_visible_to",
    "quarter_bounds",
    "response_get",
    "responses_of",
    "sources_summary",
    "suppress_rows",
]
