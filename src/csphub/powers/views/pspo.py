"""PSPO steps: make, extend, vary, discharge, a fixed penalty for a breach (s.68), and the
publication of each decision (the PSPO publication regulations)."""

from __future__ import annotations

import datetime as dt

from csphub.powers import forms, rules, selectors, services
from csphub.powers.models import PowerUse
from csphub.powers.rules import Power, Status
from csphub.powers.views.steps import Offer, PowerStep, can_become, case_open, may_become, notes


def _extension_notes(pspo: PowerUse) -> list[str]:
    expires = pspo.details.get("expires_on")
    return [
        (f"The order expires on {dt.date.fromisoformat(expires):%-d %B %Y}. " if expires else "")
        + "Extend it before then, for at most 3 years beyond that date, after consulting and publicising "
        "(s.60, s.72). An extension opens no new High Court challenge window (s.66)."
    ]


def _in_force(pspo: PowerUse) -> bool:
    return Status(pspo.status) in rules.PSPO_IN_FORCE


def _fpn_standing(pspo: PowerUse) -> list[str]:
    if _in_force(pspo):
        return []
    return [f"You cannot issue a fixed penalty: {pspo.reference} is {pspo.get_status_display().lower()}"]


def _fpn_notes(pspo: PowerUse) -> list[str]:
    ruleset = rules.rules_in_force(selectors.today())
    return [
        "A fixed penalty can be offered to someone you have reason to believe broke the order while it "
        f"was in force (s.67, s.68). The most it can be is £{ruleset.fpn_max_gbp}. The person has "
        f"{ruleset.fpn_no_prosecution_days} days to pay; no proceedings may start before then.",
        "The person must be a party to this case: record the breach as an incident on the case first.",
    ]


def _publication_standing(pspo: PowerUse) -> list[str]:
    if services.pspo_unpublished(pspo):
        return []
    return ["The council's latest decision on this order is already recorded as published"]


def _publication_notes(pspo: PowerUse) -> list[str]:
    if not services.pspo_unpublished(pspo):
        return []
    what, on = services.pspo_latest_decision(pspo)
    return [
        f"The order was {what} on {on:%-d %B %Y}. Publish it on the council's website and put up notices on "
        "or next to the restricted area drawing attention to it (the PSPO publication regulations)."
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
            "PSPO {use.reference} extended to {use.ends_at:%-d %B %Y}; a review task is set before the new expiry"
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
    PowerStep(
        name="pspo_discharge",
        route="<int:pk>/pspo/discharge/",
        on=(Power.PSPO,),
        form=forms.PspoDischargeForm,
        service=services.pspo_discharge,
        subject="pspo",
        title="Discharge PSPO {use.reference}",
        section="s.61",
        check_title="Check the discharge before you record it",
        action_label="Discharge order",
        success="PSPO {use.reference} discharged",
        blocked_title="You cannot discharge this order",
        standing=may_become(Status.DISCHARGED, "discharge the order"),
        notes=notes(
            "Consult, notify and publicise first, and record how the council had regard to freedom of "
            "expression and assembly (s.72)."
        ),
        offer=Offer("Discharge the order", "discharge-order", can_become(Status.DISCHARGED)),
    ),
    PowerStep(
        name="pspo_fpn_new",
        route="<int:pk>/pspo/fpn/new/",
        on=(Power.PSPO,),
        form=forms.PspoFpnForm,
        form_kwargs=lambda pspo: {"recipients": selectors.case_recipients(pspo.case)},
        service=services.pspo_fpn_issue,
        subject="pspo",
        title="Issue a fixed penalty notice for breach of {use.reference}",
        section="s.68",
        check_title="Check the fixed penalty before you issue it",
        action_label="Issue fixed penalty",
        success=lambda f: (
            f"Fixed penalty {f.reference} issued: no proceedings before "
            f"{dt.date.fromisoformat(f.details['prosecution_earliest']):%-d %B %Y}"
        ),
        blocked_title="You cannot issue a fixed penalty",
        standing=_fpn_standing,
        notes=_fpn_notes,
        offer=Offer("Issue a fixed penalty for a breach", "issue-pspo-fpn", _in_force),
    ),
    PowerStep(
        name="pspo_publish",
        route="<int:pk>/pspo/publication/",
        on=(Power.PSPO,),
        form=forms.PspoPublicationForm,
        service=services.pspo_publication_record,
        subject="pspo",
        title="Record the publication of {use.reference}",
        section="s.59; PSPO publication regulations",
        check_title="Check the publication before you record it",
        action_label="Record publication",
        success="Publication of {use.reference} recorded",
        blocked_title="You cannot record a publication",
        standing=_publication_standing,
        notes=_publication_notes,
        offer=Offer("Record publication", "record-pspo-publication", services.pspo_unpublished),
    ),
]
