"""Fixed penalty pages: issue, payment, proceedings."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from csphub.powers import forms, rules, selectors, services
from csphub.powers.rules import Power, Status
from csphub.powers.views.common import (
    _posted,
    _power_of,
    _status_blockers,
    _step,
)


@login_required
def fpn_new(request: HttpRequest, pk: int) -> HttpResponse:
    cpn = _power_of(request, pk, Power.CPN)
    form = forms.FpnForm(_posted(request))
    ruleset = rules.rules_in_force(selectors.today())
    standing = (
        []
        if selectors.cpn_in_force(cpn)
        else [f"You cannot issue a fixed penalty: {cpn.reference} is {cpn.get_status_display().lower()}"]
    )
    return _step(
        request,
        form=form,
        case=cpn.case,
        parent=cpn,
        title=f"Issue a fixed penalty notice for breach of {cpn.reference}",
        section="s.52",
        check_title="Check the fixed penalty before you issue it",
        action_label="Issue fixed penalty",
        perform=lambda data: services.fpn_issue(actor=request.user, cpn=cpn, **data),
        success=lambda f: (
            f"Fixed penalty {f.reference} issued: no proceedings before "
            f"{dt.date.fromisoformat(f.details['prosecution_earliest']):%-d %B %Y}"
        ),
        blocked_title="You cannot issue a fixed penalty",
        standing=standing,
        notes=[
            f"The most a fixed penalty can be is £{ruleset.fpn_max_gbp}. The recipient has "
            f"{ruleset.fpn_no_prosecution_days} days to pay; no proceedings may start before then."
        ],
    )


@login_required
def fpn_payment(request: HttpRequest, pk: int) -> HttpResponse:
    fpn = _power_of(request, pk, Power.FPN)
    form = forms.FpnPaymentForm(_posted(request))
    return _step(
        request,
        form=form,
        case=fpn.case,
        parent=fpn,
        title=f"Record payment of {fpn.reference}",
        section="s.52",
        check_title="Check the payment before you record it",
        action_label="Record payment",
        perform=lambda data: services.fpn_record_payment(actor=request.user, fpn=fpn, **data),
        success=lambda f: f"Payment of {f.reference} recorded",
        blocked_title="You cannot record a payment",
        standing=_status_blockers(fpn, Status.PAID, doing="record a payment"),
    )


@login_required
def fpn_prosecute(request: HttpRequest, pk: int) -> HttpResponse:
    fpn = _power_of(request, pk, Power.FPN)
    form = forms.ConfirmForm(_posted(request))
    standing = _status_blockers(fpn, Status.PROSECUTED, doing="start proceedings") or [
        f"You cannot start proceedings yet: {reason[0].lower()}{reason[1:]}"
        for reason in selectors.fpn_prosecution_blockers_for(fpn)
    ]
    return _step(
        request,
        form=form,
        case=fpn.case,
        parent=fpn,
        title=f"Record that proceedings have started for {fpn.reference}",
        section="s.48, s.52(5)",
        check_title="Check before you record the prosecution",
        action_label="Record prosecution",
        perform=lambda data: services.fpn_prosecute(actor=request.user, fpn=fpn),
        success=lambda f: f"Proceedings recorded for {f.reference}",
        blocked_title="You cannot start proceedings yet",
        standing=standing,
    )
