"""Closure notice and order steps: notice, extension notice (s.77(4)), cancellation or variation
(s.78), adjournment and continuation (s.81), order or refusal (ss.80, 81(2)), extension (s.82),
discharge (s.83), the occupier's appeal (s.84(1)) and the applicant's appeal against a refusal
(s.84(2)(a), (3)(a))."""

from __future__ import annotations

import datetime as dt
from typing import Any

from csphub.powers import clock, forms, rules, selectors, services
from csphub.powers.models import PowerUse
from csphub.powers.rules import Power, Status
from csphub.powers.views.steps import (
    Offer,
    PowerStep,
    can_become,
    case_open,
    may_become,
    may_become_any,
    notes,
)


def _in_force(notice: PowerUse) -> bool:
    return notice.ends_at is not None and notice.ends_at > clock.now()


def _is_24_hour(notice: PowerUse) -> bool:
    ruleset = rules.rule_set(notice.rule_version)
    return (
        int(notice.details.get("duration_hours", 0)) <= ruleset.closure_notice_max_hours
        and "extension_notice" not in notice.details
        and "continuations" not in notice.details
    )


def _extension_notice_offered(notice: PowerUse) -> bool:
    return can_become(Status.EXTENDED)(notice) and _in_force(notice) and _is_24_hour(notice)


def _extension_notice_standing(notice: PowerUse) -> list[str]:
    reasons = may_become(Status.EXTENDED, "extend the notice")(notice)
    if reasons:
        return reasons
    if not _is_24_hour(notice):
        return ["Only a 24-hour closure notice can be extended by an extension notice (s.77(4))"]
    if not _in_force(notice):
        return ["The closure notice has ended: an extension notice must be issued while it is in force"]
    return []


def _in_force_standing(doing: str) -> Any:
    def standing(notice: PowerUse) -> list[str]:
        reasons = may_become_any((Status.WITHDRAWN, Status.VARIED, Status.EXTENDED), doing)(notice)
        if not reasons and not _in_force(notice):
            reasons = [f"You cannot {doing}: the closure notice has ended"]
        return reasons

    return standing


def _notice_end_notes(notice: PowerUse) -> list[str]:
    if notice.ends_at is None:
        return []
    return [f"The notice is in force until {notice.ends_at.astimezone(rules.UK_TZ):%-d %B %Y at %H:%M}."]


def _appeal_notes(order: PowerUse) -> list[str]:
    if order.appeal_deadline is None:
        return []
    return [
        f"An appeal must be made to the Crown Court by {order.appeal_deadline:%-d %B %Y}: 21 days beginning "
        "with the day of the order or its extension (s.84(5)). The order stays in force meanwhile."
    ]


def refusal_clock(order: PowerUse) -> str:
    """The applicant's appeal clock on a refused closure order (s.84(2)-(5)), in words; "" when
    there is none to show."""
    if (
        order.power != Power.CLOSURE_ORDER
        or "refused_on" not in order.details
        or order.appeal_deadline is None
    ):
        return ""
    appeal = order.details.get("refusal_appeal")
    refused_on = dt.date.fromisoformat(order.details["refused_on"])
    who = "The council" if rules.is_local_authority(order.issuer_capacity) else "The police"
    if appeal:
        lodged = dt.date.fromisoformat(appeal["lodged_on"])
        return f"{who} appealed the refusal to the Crown Court on {lodged:%-d %B %Y}."
    deadline = order.appeal_deadline
    today = clock.now().astimezone(rules.UK_TZ).date()
    said = (
        f"The magistrates refused the closure order on {refused_on:%-d %B %Y}. {who} may appeal to the "
        f"Crown Court until {deadline:%-d %B %Y}: 21 days beginning with the day of the decision (s.84(5))."
    )
    left = (deadline - today).days
    if left < 0:
        return f"{said} The time to appeal has ended; the Crown Court cannot extend it."
    if left == 0:
        return f"{said} Today is the last day."
    return f"{said} {left} day{'s' if left != 1 else ''} left."


def _is_refusal_appeal(order: PowerUse) -> bool:
    return "refusal_appeal" in order.details


def _occupier_appeal_offered(order: PowerUse) -> bool:
    return (
        order.status != Status.REFUSED
        and order.appeal_deadline is not None
        and can_become(Status.APPEALED)(order)
    )


def _occupier_appeal_standing(order: PowerUse) -> list[str]:
    if order.status == Status.REFUSED:
        return [f"You cannot record an occupier's appeal: closure order {order.reference} was refused"]
    reasons = may_become(Status.APPEALED, "record an appeal")(order)
    if not reasons and order.appeal_deadline is None:
        reasons = [
            "The Crown Court made this order on appeal: it cannot be appealed to the Crown Court again"
        ]
    return reasons


def _refusal_appeal_standing(order: PowerUse) -> list[str]:
    if order.status != Status.REFUSED or "refused_on" not in order.details:
        return [
            f"You cannot record an appeal against a refusal: closure order {order.reference} is not refused"
        ]
    if _is_refusal_appeal(order):
        return ["The refusal has already been appealed to the Crown Court"]
    return []


def _refusal_appeal_offered(order: PowerUse) -> bool:
    return not _refusal_appeal_standing(order)


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
        name="closure_order_refuse",
        route="<int:pk>/closure-order/refused/",
        on=(Power.CLOSURE_NOTICE,),
        form=forms.ClosureRefusalForm,
        service=services.closure_order_refuse,
        subject="notice",
        title="Record that the court did not make a closure order after {use.reference}",
        section="ss.80, 81(2), 84",
        check_title="Check the court's decision before you record it",
        action_label="Record refusal",
        success=lambda o: f"Refusal recorded as {o.reference}. {refusal_clock(o)}",
        blocked_title="You cannot record the court's decision",
        standing=may_become(Status.ESCALATED, "record the court's decision"),
        notes=notes(
            "If the magistrates do not make a closure order, the police or council that applied may appeal to "
            "the Crown Court within 21 days beginning with the day of the decision (s.84(2), (3) and (5)). "
            "The court may continue the closure notice for up to 48 hours (s.81(2))."
        ),
        offer=Offer(
            "Record that the court refused the order", "record-closure-refusal", can_become(Status.ESCALATED)
        ),
    ),
    PowerStep(
        name="closure_refusal_appeal",
        route="<int:pk>/closure-order/refusal-appeal/",
        on=(Power.CLOSURE_ORDER,),
        form=forms.ClosureRefusalAppealForm,
        service=services.closure_refusal_appeal_lodge,
        subject="order",
        title="Record the appeal against the refusal {use.reference}",
        section="s.84(2)-(5)",
        check_title="Check the appeal before you record it",
        action_label="Record appeal",
        success="Appeal to the Crown Court against the refusal {use.reference} recorded",
        blocked_title="You cannot record an appeal against this refusal",
        standing=_refusal_appeal_standing,
        notes=lambda o: [refusal_clock(o)] if refusal_clock(o) else [],
        offer=Offer("Record an appeal against the refusal", "record-refusal-appeal", _refusal_appeal_offered),
    ),
    PowerStep(
        name="closure_refusal_appeal_decision",
        route="<int:pk>/closure-order/refusal-appeal/decision/",
        on=(Power.CLOSURE_ORDER,),
        form=forms.ClosureRefusalAppealDecisionForm,
        service=services.closure_refusal_appeal_decide,
        subject="order",
        title="Record the Crown Court's decision on the appeal against the refusal {use.reference}",
        section="s.84(6)",
        check_title="Check the decision before you record it",
        action_label="Record decision",
        success="Crown Court decision recorded: {use.reference} is {status}",
        blocked_title="You cannot record a decision",
        standing=lambda order: (
            []
            if order.status == Status.APPEALED and _is_refusal_appeal(order)
            else [f"You cannot record a decision: no appeal against the refusal {order.reference} is pending"]
        ),
        notes=notes(
            "If the Crown Court made a closure order, it lasts at most 3 months from its decision (s.80(6))."
        ),
        offer=Offer(
            "Record the Crown Court's decision",
            "record-refusal-appeal-decision",
            lambda o: o.status == Status.APPEALED and _is_refusal_appeal(o),
        ),
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
    PowerStep(
        name="closure_extension_notice",
        route="<int:pk>/closure-notice/extension/",
        on=(Power.CLOSURE_NOTICE,),
        form=forms.ClosureExtensionNoticeForm,
        service=services.closure_extension_notice_issue,
        subject="notice",
        title="Record an extension notice for {use.reference}",
        section="s.77(4)",
        check_title="Check the extension notice before you record it",
        action_label="Record extension notice",
        success=lambda n: (
            f"Closure notice {n.reference} extended until {n.ends_at.astimezone(rules.UK_TZ):%-d %B %Y at %H:%M}"
        ),
        blocked_title="You cannot extend this notice",
        standing=_extension_notice_standing,
        notes=_notice_end_notes,
        offer=Offer("Record an extension notice", "record-extension-notice", _extension_notice_offered),
    ),
    PowerStep(
        name="closure_notice_change",
        route="<int:pk>/closure-notice/change/",
        on=(Power.CLOSURE_NOTICE,),
        form=forms.ClosureNoticeChangeForm,
        service=services.closure_notice_change,
        subject="notice",
        title="Record a cancellation or variation notice for {use.reference}",
        section="s.78",
        check_title="Check the notice before you record it",
        action_label="Record notice",
        success="Closure notice {use.reference} is now {status}",
        blocked_title="You cannot cancel or vary this notice",
        standing=_in_force_standing("cancel or vary the notice"),
        notes=lambda n: [
            *_notice_end_notes(n),
            "The body that issued the notice cancels or varies it. A variation can cover less of the "
            "premises or a shorter time, never a longer one: use an extension notice for that (s.77(4)).",
        ],
        offer=Offer(
            "Cancel or vary the notice",
            "change-closure-notice",
            lambda n: can_become(Status.VARIED)(n) and _in_force(n),
        ),
    ),
    PowerStep(
        name="closure_notice_continue",
        route="<int:pk>/closure-notice/continue/",
        on=(Power.CLOSURE_NOTICE,),
        form=forms.ClosureContinuationForm,
        service=services.closure_notice_continue,
        subject="notice",
        title="Record the court adjourning the hearing or continuing {use.reference}",
        section="s.81",
        check_title="Check the court's decision before you record it",
        action_label="Record decision",
        success=lambda n: (
            f"Closure notice {n.reference} continued until {n.ends_at.astimezone(rules.UK_TZ):%-d %B %Y at %H:%M}"
        ),
        blocked_title="You cannot record this",
        standing=_in_force_standing("record that the notice was continued"),
        notes=notes(
            "The court can adjourn the hearing for at most 14 days and continue the notice until then, or, "
            "making no order, continue it for at most 48 hours (s.81)."
        ),
        offer=Offer(
            "Record an adjournment or continuation",
            "record-continuation",
            lambda n: can_become(Status.EXTENDED)(n) and _in_force(n),
        ),
    ),
    PowerStep(
        name="closure_order_appeal",
        route="<int:pk>/closure-order/appeal/",
        on=(Power.CLOSURE_ORDER,),
        form=forms.ClosureOrderAppealForm,
        service=services.closure_order_appeal_lodge,
        subject="order",
        title="Record an appeal against closure order {use.reference}",
        section="s.84",
        check_title="Check the appeal before you record it",
        action_label="Record appeal",
        success="Appeal to the Crown Court recorded against {use.reference}",
        blocked_title="You cannot record an appeal",
        standing=_occupier_appeal_standing,
        notes=_appeal_notes,
        offer=Offer("Record an appeal", "record-closure-appeal", _occupier_appeal_offered),
    ),
    PowerStep(
        name="closure_order_appeal_decision",
        route="<int:pk>/closure-order/appeal/decision/",
        on=(Power.CLOSURE_ORDER,),
        form=forms.ClosureOrderAppealDecisionForm,
        service=services.closure_order_appeal_decide,
        subject="order",
        title="Record the Crown Court's decision on the appeal against {use.reference}",
        section="s.84",
        check_title="Check the decision before you record it",
        action_label="Record decision",
        success="Crown Court decision recorded: {use.reference} is {status}",
        blocked_title="You cannot record a decision",
        standing=lambda order: (
            []
            if order.status == Status.APPEALED and not _is_refusal_appeal(order)
            else [f"You cannot record a decision: no appeal is pending against {order.reference}"]
        ),
        offer=Offer(
            "Record the Crown Court's decision",
            "record-closure-appeal-decision",
            lambda o: can_become(Status.QUASHED)(o) and not _is_refusal_appeal(o),
        ),
    ),
]
