"""Tools and powers pages. Forms validate, services decide; a check-answers page comes before
every notice is issued (issuing cannot be undone, only withdrawn).

One module per power, ``common`` for the question → check answers → service step, ``pages``
for the list and detail pages and ``letters`` for the letters; every view is re-exported here
for ``powers/urls.py``.
"""

from __future__ import annotations

from csphub.powers.views.absolute_ground import (
    absolute_ground_new,
    absolute_ground_review,
)
from csphub.powers.views.closure import (
    closure_notice_new,
    closure_order_discharge,
    closure_order_extend,
    closure_order_new,
)
from csphub.powers.views.cpw_cpn import (
    compliance,
    cpn_appeal,
    cpn_appeal_decision,
    cpn_new,
    cpw_new,
)
from csphub.powers.views.dispersal import (
    dispersal_direction_new,
    dispersal_direction_vary,
    dispersal_new,
)
from csphub.powers.views.fpn import (
    fpn_new,
    fpn_payment,
    fpn_prosecute,
)
from csphub.powers.views.injunction_cbo import (
    cbo_change,
    cbo_new,
    injunction_change,
    injunction_decision,
    injunction_new,
)
from csphub.powers.views.letters import (
    letter,
    letter_pdf,
)
from csphub.powers.views.pages import (
    NEXT_STEPS,
    case_powers,
    power_detail,
    power_list,
    power_withdraw,
)
from csphub.powers.views.pspo import (
    pspo_extend,
    pspo_new,
    pspo_vary,
)

__all__ = [
    "NEXT_STEPS",
    "absolute_ground_new",
    "absolute_ground_review",
    "case_powers",
    "cbo_change",
    "cbo_new",
    "closure_notice_new",
    "closure_order_discharge",
    "closure_order_extend",
    "closure_order_new",
    "compliance",
    "cpn_appeal",
    "cpn_appeal_decision",
    "cpn_new",
    "cpw_new",
    "dispersal_direction_new",
    "dispersal_direction_vary",
    "dispersal_new",
    "fpn_new",
    "fpn_payment",
    "fpn_prosecute",
    "injunction_change",
    "injunction_decision",
    "injunction_new",
    "letter",
    "letter_pdf",
    "power_detail",
    "power_list",
    "power_withdraw",
    "pspo_extend",
    "pspo_new",
    "pspo_vary",
]
