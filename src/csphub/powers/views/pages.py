"""The powers list, a case's powers, a power's page (with the next steps its state allows) and
withdrawal."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from csphub.agencies.policies import Action, can, role_allows
from csphub.audit.services import audit_listed, audit_viewed
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.powers import forms, rules, selectors, services
from csphub.powers.models import PowerUse
from csphub.powers.rules import Power, Status
from csphub.powers.tables import COURT_NAMES
from csphub.powers.views.common import _posted


@login_required
def power_list(request: HttpRequest) -> HttpResponse:
    """Every power the user may see, soonest statutory date first (the "what is due" view)."""
    if not role_allows(request.user, Action.VIEW):
        raise PermissionDenied
    powers = list(selectors.powers_with_dates(request.user)[:200])
    audit_listed(actor=request.user, targets=powers)
    return render(request, "powers/power_list.html", {"powers": powers})


@login_required
def case_powers(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.case_for_powers(request.user, case_pk)
    powers = list(selectors.powers_for_case(request.user, case))
    audit_viewed(actor=request.user, target=case, justification="tools and powers")
    return render(
        request,
        "powers/case_powers.html",
        {"case": case, "powers": powers, "can_change": can(request.user, Action.CHANGE, case)},
    )


# What can follow each power, offered on its page when the state machine allows the step.
NEXT_STEPS: dict[Power, list[tuple[Status, str, str, str]]] = {
    Power.CPW: [
        (Status.COMPLIED, "Record compliance or expiry", "powers:compliance", "record-compliance"),
    ],
    Power.CPN: [
        (Status.COMPLIED, "Record compliance, breach or expiry", "powers:compliance", "record-compliance"),
        (Status.APPEALED, "Record an appeal", "powers:cpn_appeal", "record-appeal"),
        (Status.UPHELD, "Record the court's decision", "powers:cpn_appeal_decision", "record-decision"),
        (Status.BREACHED, "Issue a fixed penalty", "powers:fpn_new", "issue-fpn"),
    ],
    Power.FPN: [
        (Status.PAID, "Record payment", "powers:fpn_payment", "record-payment"),
        (Status.PROSECUTED, "Record proceedings", "powers:fpn_prosecute", "record-prosecution"),
    ],
    Power.CLOSURE_NOTICE: [
        (Status.ESCALATED, "Record the closure order", "powers:closure_order_new", "record-closure-order")
    ],
    Power.CLOSURE_ORDER: [
        (Status.EXTENDED, "Extend the order", "powers:closure_order_extend", "extend-order"),
        (Status.DISCHARGED, "Record a discharge", "powers:closure_order_discharge", "record-discharge"),
    ],
    Power.DISPERSAL_AUTHORISATION: [
        (Status.WITHDRAWN, "Record a direction", "powers:dispersal_direction_new", "record-direction")
    ],
    Power.DISPERSAL_DIRECTION: [
        (Status.VARIED, "Vary the direction", "powers:dispersal_direction_vary", "vary-direction")
    ],
    Power.INJUNCTION: [
        (Status.GRANTED, "Record the court's decision", "powers:injunction_decision", "record-decision"),
        (Status.VARIED, "Record a variation or discharge", "powers:injunction_change", "record-change"),
    ],
    Power.CBO: [
        (Status.VARIED, "Record a variation or discharge", "powers:cbo_change", "record-change"),
    ],
    Power.PSPO: [
        (Status.EXTENDED, "Extend the order", "powers:pspo_extend", "extend-order"),
        (Status.VARIED, "Vary the order", "powers:pspo_vary", "vary-order"),
    ],
    Power.ABSOLUTE_GROUND: [
        (Status.REVIEW_REQUESTED, "Record a review request", "powers:absolute_ground_review", "record-review")
    ],
}


def _next_steps(use: PowerUse) -> list[tuple[str, str, str]]:
    power, status = Power(use.power), Status(use.status)
    steps = []
    for to, label, url_name, testid in NEXT_STEPS.get(power, []):
        allowed = rules.can_transition(power, status, to)
        if url_name == "powers:fpn_new":
            allowed = selectors.cpn_in_force(use)
        elif url_name == "powers:dispersal_direction_new":
            allowed = status == Status.AUTHORISED
        elif url_name in ("powers:injunction_change", "powers:cbo_change"):
            allowed = any(rules.can_transition(power, status, t) for t in services.ORDER_CHANGES)
        elif url_name == "powers:compliance":
            allowed = any(rules.can_transition(power, status, t) for t in rules.COMPLIANCE_OUTCOMES[power])
        if allowed:
            steps.append((label, reverse(url_name, args=[use.pk]), testid))
    return steps


@login_required
def power_detail(request: HttpRequest, pk: int) -> HttpResponse:
    use = selectors.power_get(request.user, pk)
    audit_viewed(actor=request.user, target=use)
    can_change = can(request.user, Action.CHANGE, use.case)
    return render(
        request,
        "powers/power_detail.html",
        {
            "use": use,
            "case": use.case,
            "events": list(use.events.all()),
            "children": list(use.children.all()),
            "can_change": can_change,
            "can_escalate": can_change and use.power == Power.CPW and use.status == Status.ISSUED,
            "can_withdraw": can_change
            and rules.can_transition(Power(use.power), Status(use.status), Status.WITHDRAWN),
            "section": rules.POWER_SECTIONS[Power(use.power)],
            "capacity": rules.ISSUER_LABELS[rules.IssuerCapacity(use.issuer_capacity)],
            "next_steps": _next_steps(use) if can_change and use.case.is_open else [],
            "requirements_in_effect": (
                selectors.cpn_requirements_in_effect(use) if use.power == Power.CPN else []
            ),
            "appeal_pending": use.status == Status.APPEALED,
            "court": COURT_NAMES.get(use.court, ""),
        },
    )


@login_required
def power_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    use = selectors.power_get(request.user, pk, action=Action.CHANGE)
    form = forms.WithdrawForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.power_withdraw(actor=request.user, power=use, reason=form.cleaned_data["reason"])
        except (ApplicationError, PermissionDeniedError) as error:
            form.add_application_error(error)
        else:
            messages.success(request, f"{use.label} {use.reference} withdrawn")
            return redirect("powers:detail", use.pk)
    return render(
        request,
        "powers/power_form.html",
        {
            "form": form,
            "case": use.case,
            "title": f"Withdraw {use.label.lower()} {use.reference}",
            "section": "",
        },
    )
