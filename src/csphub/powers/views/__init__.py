"""Tools and powers pages. Forms validate, services decide; a check-answers page comes before
every notice is issued (issuing cannot be undone, only withdrawn).

Every step of every power is a row of a step table (:class:`steps.PowerStep`), one table per
power (``cpw_cpn``, ``fpn``, ``closure``, ``injunction_cbo``, ``dispersal``, ``pspo``,
``absolute_ground``), all served by :func:`steps.power_step`. ``pages`` has the list and detail
pages and withdrawal, ``letters`` the letters; ``common`` the question → check answers → service
journey.
"""

from __future__ import annotations

from csphub.powers.views import absolute_ground, closure, cpw_cpn, dispersal, fpn, injunction_cbo, pspo
from csphub.powers.views.letters import letter, letter_pdf
from csphub.powers.views.pages import NEXT_STEPS, case_powers, power_detail, power_list, power_withdraw
from csphub.powers.views.steps import PowerStep, power_step

STEPS: list[PowerStep] = [
    *cpw_cpn.STEPS,
    *fpn.STEPS,
    *closure.STEPS,
    *injunction_cbo.STEPS,
    *dispersal.STEPS,
    *pspo.STEPS,
    *absolute_ground.STEPS,
]
STEP_BY_NAME: dict[str, PowerStep] = {step.name: step for step in STEPS}
assert len(STEP_BY_NAME) == len(STEPS), "two steps share a URL name"

__all__ = [
    "NEXT_STEPS",
    "STEPS",
    "STEP_BY_NAME",
    "PowerStep",
    "case_powers",
    "letter",
    "letter_pdf",
    "power_detail",
    "power_list",
    "power_step",
    "power_withdraw",
]
