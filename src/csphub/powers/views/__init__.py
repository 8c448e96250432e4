"""Tools and powers pages. Forms validate, services decide; a check-answers page comes before
every notice is issued (issuing cannot be undone, only withdrawn).

Every step of every power is a row of a step table (:class:`steps.PowerStep`), one table per
power (``cpw_cpn``, ``fpn``, ``closure``, ``injunction_cbo``, ``dispersal``, ``pspo``,
``absolute_ground``), all served by :func:`steps.power_step` and collected in ``table``. ``pages`` has the list and detail
pages and withdrawal, ``letters`` the letters; ``common`` the question → check answers → service
journey.
"""

from __future__ import annotations

from csphub.powers.views.letters import letter, letter_pdf
from csphub.powers.views.pages import case_powers, power_detail, power_list, power_withdraw
from csphub.powers.views.steps import PowerStep, power_step
from csphub.powers.views.table import STEP_BY_NAME, STEPS, next_steps

__all__ = [
    "STEPS",
    "STEP_BY_NAME",
    "PowerStep",
    "case_powers",
    "letter",
    "letter_pdf",
    "next_steps",
    "power_detail",
    "power_list",
    "power_step",
    "power_withdraw",
]
