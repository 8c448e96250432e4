"""The powers list, a case's powers, a power's page (with the next steps its state allows) and
withdrawal."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render

from csphub.agencies.policies import Action, can, role_allows
from csphub.audit.services import audit_listed, audit_viewed
from csphub.core.actor import SignedInRequest
from csphub.core.concurrency import EditConflictError, conflict_on, versioned, versioned_write
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.powers import forms, rules, selectors, services
from csphub.powers.models import PowerUse
from csphub.powers.rules import Power, Status
from csphub.powers.tables import COURT_NAMES
from csphub.powers.views.closure import refusal_clock
from csphub.powers.views.common import posted, question_page
from csphub.powers.views.cpw_cpn import _cpn_standing
from csphub.powers.views.steps import POWER_VERSIONED
from csphub.powers.views.table import next_steps


@login_required
def power_list(request: SignedInRequest) -> HttpResponse:
    """Every power the user may see, soonest statutory date first (the "what is due" view)."""
    if not role_allows(request.actor, Action.VIEW):
        raise PermissionDenied
    powers = list(selectors.powers_with_dates(request.actor)[:200])
    audit_listed(actor=request.actor, targets=powers)
    return render(request, "powers/power_list.html", {"powers": powers})


@login_required
def case_powers(request: SignedInRequest, case_pk: int) -> HttpResponse:
    case = selectors.case_for_powers(request.actor, case_pk)
    powers = list(selectors.powers_for_case(request.actor, case))
    audit_viewed(actor=request.actor, target=case, justification="tools and powers")
    return render(
        request,
        "powers/case_powers.html",
        {"case": case, "powers": powers, "can_change": can(request.actor, Action.CHANGE, case)},
    )


def _appeal_pending_message(use: PowerUse) -> str:
    """What a pending appeal means for this power, in words ("" when none is pending)."""
    if use.status != Status.APPEALED:
        return ""
    lodged = use.details.get("appeal_lodged_on")
    made = f" (made {dt.date.fromisoformat(lodged):%-d %B %Y})" if lodged else ""
    if use.power == Power.CPN:
        return (
            f"An appeal is pending{made}. Only the requirements to stop doing things are in effect until the "
            "court decides (s.46(3))."
        )
    if use.power == Power.CLOSURE_ORDER and "refusal_appeal" in use.details:
        return f"An appeal against the refusal is pending at the Crown Court{made}. No closure order is in force."
    if use.power == Power.CLOSURE_ORDER:
        return f"An appeal is pending at the Crown Court{made}. The order stays in force until it decides."
    return f"An appeal is pending{made}."


@login_required
def power_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    use = selectors.power_get(request.actor, pk)
    audit_viewed(actor=request.actor, target=use)
    can_change = can(request.actor, Action.CHANGE, use.case)
    can_escalate = can_change and use.power == Power.CPW and use.status == Status.ISSUED
    # Offer the notice only once it may be issued; before that, say what it waits for (new-user
    # review item 33: the button led to a page that refused it in an error summary).
    cpn_waiting_for = _cpn_standing(use) if can_escalate else []
    return render(
        request,
        "powers/power_detail.html",
        {
            "use": use,
            "case": use.case,
            "events": list(use.events.all()),
            "children": list(use.children.all()),
            "can_change": can_change,
            "can_escalate": can_escalate and not cpn_waiting_for,
            "cpn_waiting_for": cpn_waiting_for,
            "can_withdraw": can_change
            and rules.can_transition(Power(use.power), Status(use.status), Status.WITHDRAWN),
            "section": rules.POWER_SECTIONS[Power(use.power)],
            "capacity": rules.ISSUER_LABELS[rules.IssuerCapacity(use.issuer_capacity)]
            + (
                f": {rules.S5_OTHER_APPLICANTS[use.details['applicant_body']]}"
                if use.details.get("applicant_body") in rules.S5_OTHER_APPLICANTS
                else ""
            ),
            "next_steps": next_steps(use) if can_change and use.case.is_open else [],
            "requirements_in_effect": (
                selectors.cpn_requirements_in_effect(use) if use.power == Power.CPN else []
            ),
            "appeal_pending": _appeal_pending_message(use),
            "refusal_clock": refusal_clock(use),
            "surrenders": [
                {
                    **s,
                    "surrendered_at": dt.datetime.fromisoformat(s["surrendered_at"]),
                    "returned_at": dt.datetime.fromisoformat(s["returned_at"])
                    if s.get("returned_at")
                    else None,
                }
                for s in use.details.get("surrenders", [])
            ],
            "court": COURT_NAMES.get(use.court, ""),
        },
    )


@login_required
def power_withdraw(request: SignedInRequest, pk: int) -> HttpResponse:
    use = selectors.power_get(request.actor, pk, action=Action.CHANGE)
    form = versioned(forms.WithdrawForm)(posted(request), record=use, versioned_fields=POWER_VERSIONED)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            with versioned_write(form):
                services.power_withdraw(actor=request.actor, power=use, reason=form.cleaned_data["reason"])
        except EditConflictError as error:
            conflict = conflict_on(form, error.current)
        except (ApplicationError, PermissionDeniedError) as error:
            form.add_application_error(error)
        else:
            messages.success(request, f"{use.label} {use.reference} withdrawn")
            return redirect("powers:detail", use.pk)
    return question_page(
        request,
        form=form,
        case=use.case,
        title=f"Withdraw {use.label.lower()} {use.reference}",
        conflict=conflict,
    )
