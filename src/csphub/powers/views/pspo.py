"""PSPO steps: make, extend, vary."""

from __future__ import annotations

import datetime as dt

from csphub.powers import forms, services
from csphub.powers.models import PowerUse
from csphub.powers.rules import Power, Status
from csphub.powers.views.steps import Offer, PowerStep, can_become, case_open, may_become, notes


def _extension_notes(pspo: PowerUse) -> list[str]:
    expires = pspo.details.get("expires_on")
    return [
        (f"The order expires on {dt.date.fromisoformat(expires):%-d %B %Y}. " if expires else "")
        + "Extend it before then, for at most 3 years, after consulting and publicising (s.60, s.72)."
    ]


STEPS = [
    PowerStep(
        name="pspo_new",
        route="case/<int:case_pk>/pspo/new/",
        form=forms.PspoForm,
        service=services.pspo_make,
        subject="case",
        title="Make a public spaces protection order",
        section="s.59",
        check_title="Check the order before you make it",
        action_label="Make order",
        success=(
            "PSPO {use.reference} made: High Court challenges until {use.appeal_deadline:%-d %B %Y}; "
            "a review task is set before it expires"
        ),
        blocked_title="You cannot make an order on this case",
        standing=case_open,
        notes=notes("At most 3 years. Consult and publicise first (s.72)."),
    ),
    PowerStep(
        name="pspo_extend",
        route="<int:pk>/pspo/extend/",
        on=(Power.PSPO,),
        form=forms.PspoExtendForm,
        service=services.pspo_extend,
        subject="pspo",
        title="Extend PSPO {use.reference}",
        section="s.60",
        check_title="Check the extension before you record it",
        action_label="Extend order",
        success=(
            "PSPO {use.reference} extended: High Court challenges until {use.appeal_deadline:%-d %B %Y}; "
            "a review task is set before the new expiry"
        ),
        blocked_title="You cannot extend this order",
        standing=may_become(Status.EXTENDED, "extend the order"),
        notes=_extension_notes,
        offer=Offer("Extend the order", "extend-order", can_become(Status.EXTENDED)),
    ),
    PowerStep(
        name="pspo_vary",
        route="<int:pk>/pspo/vary/",
        on=(Power.PSPO,),
        form=forms.PspoVaryForm,
        form_kwargs=lambda pspo: {"initial": {"locality": pspo.locality, "requirements": pspo.requirements}},
        service=services.pspo_vary,
        subject="pspo",
        title="Vary PSPO {use.reference}",
        section="s.61",
        check_title="Check the variation before you record it",
        action_label="Vary order",
        success="PSPO {use.reference} varied: High Court challenges until {use.appeal_deadline:%-d %B %Y}",
        blocked_title="You cannot vary this order",
        standing=may_become(Status.VARIED, "vary the order"),
        notes=notes(
            "Consult and publicise first (s.72). A new six-week challenge window runs from the variation."
        ),
        offer=Offer("Vary the order", "vary-order", can_become(Status.VARIED)),
    ),
]
