"""The step table: every power's steps in one list (``urls.py`` routes each row), and the steps a
power's page offers."""

from __future__ import annotations

from django.urls import reverse

from csphub.powers.models import PowerUse
from csphub.powers.rules import Power
from csphub.powers.views import absolute_ground, closure, cpw_cpn, dispersal, fpn, injunction_cbo, pspo
from csphub.powers.views.steps import PowerStep, say

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


def next_steps(use: PowerUse) -> list[tuple[str, str, str]]:
    """(label, URL, test id) of each step the power's page offers now, in table order."""
    power = Power(use.power)
    return [
        (say(step.offer.label, use), reverse(f"powers:{step.name}", args=[use.pk]), step.offer.testid)
        for step in STEPS
        if power in step.on and step.offer is not None and step.offer.when(use)
    ]
