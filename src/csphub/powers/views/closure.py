"""Closure notice and order pages: notice, order, extension, discharge."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from csphub.agencies.policies import Action
from csphub.powers import forms, rules, selectors, services
from csphub.powers.models import PowerUse
from csphub.powers.rules import Power, Status
from csphub.powers.views.common import (
    _case_blockers,
    _posted,
    _power_of,
    _status_blockers,
    _step,
)


@login_required
def closure_notice_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.case_for_powers(request.user, case_pk, action=Action.CHANGE)
    premises = selectors.case_premises(case)
    form = forms.ClosureNoticeForm(_posted(request), premises=premises)

    def perform(data: dict[str, Any]) -> PowerUse:
        return services.closure_notice_issue(
            actor=request.user, case=case, **{**data, "premises": selectors.address_get(data["premises"])}
        )

    standing = _case_blockers(case)
    if not premises:
        standing.append(
            "No premises are linked to this case: add an address to an incident on the case first"
        )
    return _step(
        request,
        form=form,
        case=case,
        title="Issue a closure notice",
        section="s.76",
        check_title="Check the closure notice before you issue it",
        action_label="Issue closure notice",
        perform=perform,
        success=lambda n: f"Closure notice {n.reference} issued; hearing task created",
        blocked_title="You cannot issue a closure notice on this case",
        standing=standing,
    )


@login_required
def closure_order_new(request: HttpRequest, pk: int) -> HttpResponse:
    notice = _power_of(request, pk, Power.CLOSURE_NOTICE)
    form = forms.ClosureOrderForm(_posted(request))
    return _step(
        request,
        form=form,
        case=notice.case,
        parent=notice,
        title=f"Record the closure order made after {notice.reference}",
        section="s.80",
        check_title="Check the closure order before you record it",
        action_label="Record closure order",
        perform=lambda data: services.closure_order_grant(actor=request.user, notice=notice, **data),
        success=lambda o: f"Closure order {o.reference} recorded; a task reminds you before it ends",
        blocked_title="You cannot record a closure order",
        standing=_status_blockers(notice, Status.ESCALATED, doing="record a closure order"),
    )


@login_required
def closure_order_extend(request: HttpRequest, pk: int) -> HttpResponse:
    order = _power_of(request, pk, Power.CLOSURE_ORDER)
    form = forms.ClosureOrderExtendForm(_posted(request))
    notes = []
    if "first_made_on" in order.details:
        first = dt.date.fromisoformat(order.details["first_made_on"])
        latest = rules.closure_order_latest_end(first, rules=rules.rule_set(order.rule_version))
        notes.append(
            f"The order was first made on {first:%-d %B %Y} and currently ends on "
            f"{dt.date.fromisoformat(order.details['ends_on']):%-d %B %Y}. With extensions it can "
            f"never end later than {latest:%-d %B %Y} (6 months in total)."
        )
    return _step(
        request,
        form=form,
        case=order.case,
        parent=order,
        title=f"Extend closure order {order.reference}",
        section="s.82",
        check_title="Check the extension before you record it",
        action_label="Record extension",
        perform=lambda data: services.closure_order_extend(actor=request.user, order=order, **data),
        success=lambda o: f"Closure order {o.reference} extended to {o.details['ends_on']}",
        blocked_title="You cannot extend this order",
        standing=_status_blockers(order, Status.EXTENDED, doing="extend the order"),
        notes=notes,
    )


@login_required
def closure_order_discharge(request: HttpRequest, pk: int) -> HttpResponse:
    order = _power_of(request, pk, Power.CLOSURE_ORDER)
    form = forms.ClosureOrderDischargeForm(_posted(request))
    return _step(
        request,
        form=form,
        case=order.case,
        parent=order,
        title=f"Record the discharge of closure order {order.reference}",
        section="s.83",
        check_title="Check the discharge before you record it",
        action_label="Record discharge",
        perform=lambda data: services.closure_order_discharge(actor=request.user, order=order, **data),
        success=lambda u: f"Closure order {u.reference} discharged",
        blocked_title="You cannot record a discharge",
        standing=_status_blockers(order, Status.DISCHARGED, doing="record a discharge"),
    )
