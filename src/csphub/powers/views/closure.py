"""Closure notice and order steps: notice, order, extension, discharge."""

from __future__ import annotations

import datetime as dt
from typing import Any

from csphub.powers import forms, rules, selectors, services
from csphub.powers.models import PowerUse
from csphub.powers.rules import Power, Status
from csphub.powers.views.steps import Offer, PowerStep, can_become, case_open, may_become


def _notice_standing(case: Any) -> list[str]:
    standing = case_open(case)
    if not selectors.case_premises(case):
        standing.append(
            "No premises are linked to this case: add an address to an incident on the case first"
        )
    return standing


def _extension_notes(order: PowerUse) -> list[str]:
    if "first_made_on" not in order.details:
        return []
    first = dt.date.fromisoformat(order.details["first_made_on"])
    latest = rules.closure_order_latest_end(first, rules=rules.rule_set(order.rule_version))
    return [
        f"The order was first made on {first:%-d %B %Y} and currently ends on "
        f"{dt.date.fromisoformat(order.details['ends_on']):%-d %B %Y}. With extensions it can "
        f"never end later than {latest:%-d %B %Y} (6 months in total)."
    ]


STEPS = [
    PowerStep(
        name="closure_notice_new",
        route="case/<int:case_pk>/closure-notice/new/",
        form=forms.ClosureNoticeForm,
        form_kwargs=lambda case: {"premises": selectors.case_premises(case)},
        service=services.closure_notice_issue,
        subject="case",
        title="Issue a closure notice",
        section="s.76",
        check_title="Check the closure notice before you issue it",
        action_label="Issue closure notice",
        success="Closure notice {use.reference} issued; hearing task created",
        blocked_title="You cannot issue a closure notice on this case",
        standing=_notice_standing,
    ),
    PowerStep(
        name="closure_order_new",
        route="<int:pk>/closure-order/new/",
        on=(Power.CLOSURE_NOTICE,),
        form=forms.ClosureOrderForm,
        service=services.closure_order_grant,
        subject="notice",
        title="Record the closure order made after {use.reference}",
        section="s.80",
        check_title="Check the closure order before you record it",
        action_label="Record closure order",
        success="Closure order {use.reference} recorded; a task reminds you before it ends",
        blocked_title="You cannot record a closure order",
        standing=may_become(Status.ESCALATED, "record a closure order"),
        offer=Offer("Record the closure order", "record-closure-order", can_become(Status.ESCALATED)),
    ),
    PowerStep(
        name="closure_order_extend",
        route="<int:pk>/extend/",
        on=(Power.CLOSURE_ORDER,),
        form=forms.ClosureOrderExtendForm,
        service=services.closure_order_extend,
        subject="order",
        title="Extend closure order {use.reference}",
        section="s.82",
        check_title="Check the extension before you record it",
        action_label="Record extension",
        success="Closure order {use.reference} extended to {use.details[ends_on]}",
        blocked_title="You cannot extend this order",
        standing=may_become(Status.EXTENDED, "extend the order"),
        notes=_extension_notes,
        offer=Offer("Extend the order", "extend-order", can_become(Status.EXTENDED)),
    ),
    PowerStep(
        name="closure_order_discharge",
        route="<int:pk>/closure-order/discharge/",
        on=(Power.CLOSURE_ORDER,),
        form=forms.ClosureOrderDischargeForm,
        service=services.closure_order_discharge,
        subject="order",
        title="Record the discharge of closure order {use.reference}",
        section="s.83",
        check_title="Check the discharge before you record it",
        action_label="Record discharge",
        success="Closure order {use.reference} discharged",
        blocked_title="You cannot record a discharge",
        standing=may_become(Status.DISCHARGED, "record a discharge"),
        offer=Offer("Record a discharge", "record-discharge", can_become(Status.DISCHARGED)),
    ),
]
