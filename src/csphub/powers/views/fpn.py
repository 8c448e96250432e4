"""Fixed penalty steps: issue, payment, proceedings."""

from __future__ import annotations

import datetime as dt

from csphub.powers import forms, rules, selectors, services
from csphub.powers.models import PowerUse
from csphub.powers.rules import Power, Status
from csphub.powers.views.steps import Offer, PowerStep, can_become, may_become


def _fpn_standing(cpn: PowerUse) -> list[str]:
    if selectors.cpn_in_force(cpn):
        return []
    return [f"You cannot issue a fixed penalty: {cpn.reference} is {cpn.get_status_display().lower()}"]


def _fpn_notes(cpn: PowerUse) -> list[str]:
    ruleset = rules.rules_in_force(selectors.today())
    return [
        f"The most a fixed penalty can be is £{ruleset.fpn_max_gbp}. The recipient has "
        f"{ruleset.fpn_no_prosecution_days} days to pay; no proceedings may start before then."
    ]


def _prosecution_standing(fpn: PowerUse) -> list[str]:
    return may_become(Status.PROSECUTED, "start proceedings")(fpn) or [
        f"You cannot start proceedings yet: {reason[0].lower()}{reason[1:]}"
        for reason in selectors.fpn_prosecution_blockers_for(fpn)
    ]


def _section(fpn: PowerUse) -> str:
    """s.52 for a fixed penalty after a CPN; s.68 after a PSPO."""
    return "s.68" if fpn.parent is not None and fpn.parent.power == Power.PSPO else "s.52"


def _offence_section(fpn: PowerUse) -> str:
    if fpn.parent is not None and fpn.parent.power == Power.PSPO:
        return "s.67, s.68(4)"
    return "s.48, s.52(5)"


STEPS = [
    PowerStep(
        name="fpn_new",
        route="<int:pk>/fpn/new/",
        on=(Power.CPN,),
        form=forms.FpnForm,
        service=services.fpn_issue,
        subject="cpn",
        title="Issue a fixed penalty notice for breach of {use.reference}",
        section="s.52",
        check_title="Check the fixed penalty before you issue it",
        action_label="Issue fixed penalty",
        success=lambda f: (
            f"Fixed penalty {f.reference} issued: no proceedings before "
            f"{dt.date.fromisoformat(f.details['prosecution_earliest']):%-d %B %Y}"
        ),
        blocked_title="You cannot issue a fixed penalty",
        standing=_fpn_standing,
        notes=_fpn_notes,
        offer=Offer("Issue a fixed penalty", "issue-fpn", selectors.cpn_in_force),
    ),
    PowerStep(
        name="fpn_payment",
        route="<int:pk>/payment/",
        on=(Power.FPN,),
        form=forms.FpnPaymentForm,
        service=services.fpn_record_payment,
        subject="fpn",
        title="Record payment of {use.reference}",
        section=_section,
        check_title="Check the payment before you record it",
        action_label="Record payment",
        success="Payment of {use.reference} recorded",
        blocked_title="You cannot record a payment",
        standing=may_become(Status.PAID, "record a payment"),
        offer=Offer("Record payment", "record-payment", can_become(Status.PAID)),
    ),
    PowerStep(
        name="fpn_prosecute",
        route="<int:pk>/prosecute/",
        on=(Power.FPN,),
        form=forms.ConfirmForm,
        service=services.fpn_prosecute,
        subject="fpn",
        title="Record that proceedings have started for {use.reference}",
        section=_offence_section,
        check_title="Check before you record the prosecution",
        action_label="Record prosecution",
        success="Proceedings recorded for {use.reference}",
        blocked_title="You cannot start proceedings yet",
        standing=_prosecution_standing,
        offer=Offer("Record proceedings", "record-prosecution", can_become(Status.PROSECUTED)),
    ),
]
