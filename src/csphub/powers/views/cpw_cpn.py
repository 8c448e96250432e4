"""Community protection warning and notice pages: issue, appeal, court decision, compliance."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from csphub.agencies.policies import Action
from csphub.audit.services import audit_viewed
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.powers import forms, rules, selectors, services
from csphub.powers.models import PowerUse
from csphub.powers.rules import Power, Status
from csphub.powers.views.common import (
    _any_status_blockers,
    _case_blockers,
    _check_page,
    _confirmed,
    _posted,
    _power_of,
    _status_blockers,
    _step,
)


@login_required
def cpw_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.case_for_powers(request.user, case_pk, action=Action.CHANGE)
    form = forms.CpwForm(_posted(request), recipients=selectors.case_recipients(case))

    def perform(data: dict[str, Any]) -> PowerUse:
        return services.cpw_issue(
            actor=request.user,
            case=case,
            **{**data, "recipient": selectors.case_party_person(case, data["recipient"])},
        )

    return _step(
        request,
        form=form,
        case=case,
        title="Issue a community protection warning",
        section="s.43(5)",
        check_title="Check the warning before you issue it",
        action_label="Issue warning",
        perform=perform,
        success=lambda cpw: f"Community protection warning {cpw.reference} issued",
        blocked_title="You cannot issue a warning on this case",
        standing=_case_blockers(case),
    )


@login_required
def cpn_new(request: HttpRequest, pk: int) -> HttpResponse:
    cpw = selectors.power_get(request.user, pk, action=Action.CHANGE)
    if cpw.power != Power.CPW:
        raise Http404("A notice follows a warning.")
    if request.method != "POST":  # the form names the warning's recipient
        audit_viewed(actor=request.user, target=cpw.case, justification="tools and powers")
    # What stands in the way today, before anything is typed (the form may add its own reasons).
    standing = list(
        selectors.cpn_blockers_for(
            cpw=cpw,
            issuer_capacity=rules.IssuerCapacity.CONSTABLE,
            conduct_persists=True,
            informed_parties="x",
        )
    )
    form = forms.CpnForm(_posted(request), initial={"requirements": cpw.requirements})
    if request.method == "POST" and not standing and form.is_valid():
        data = form.cleaned_data
        blockers = selectors.cpn_blockers_for(
            cpw=cpw,
            issuer_capacity=data["issuer_capacity"],
            conduct_persists=data["conduct_persists"],
            informed_parties=data["informed_parties"],
        )
        if blockers:
            for reason in blockers:
                form.add_error(None, reason)
        elif not _confirmed(request):
            return _check_page(
                request,
                form,
                title="Check the notice before you issue it",
                case=cpw.case,
                action_label="Issue notice",
            )
        else:
            try:
                cpn = services.cpn_issue(
                    actor=request.user,
                    cpw=cpw,
                    issuer_capacity=data["issuer_capacity"],
                    requirements=data["requirements"],
                    conduct_persists=data["conduct_persists"],
                    informed_parties=data["informed_parties"],
                )
            except (ApplicationError, PermissionDeniedError) as error:
                form.add_application_error(error)
            else:
                messages.success(
                    request,
                    f"Community protection notice {cpn.reference} issued. Appeal deadline "
                    f"{cpn.appeal_deadline:%-d %B %Y}",
                )
                return redirect("powers:detail", cpn.pk)
    return render(
        request,
        "powers/cpn_form.html",
        {
            "form": form,
            "cpw": cpw,
            "case": cpw.case,
            "standing": standing,
            "title": "Issue a community protection notice",
        },
    )


@login_required
def cpn_appeal(request: HttpRequest, pk: int) -> HttpResponse:
    cpn = _power_of(request, pk, Power.CPN)
    form = forms.CpnAppealForm(_posted(request), requirements=selectors.requirement_lines(cpn))
    return _step(
        request,
        form=form,
        case=cpn.case,
        parent=cpn,
        title=f"Record an appeal against {cpn.reference}",
        section="s.46",
        check_title="Check the appeal before you record it",
        action_label="Record appeal",
        perform=lambda data: services.cpn_appeal_lodge(actor=request.user, cpn=cpn, **data),
        success=lambda u: (
            f"Appeal recorded: requirements other than 'stop doing' ones are suspended on {u.reference}"
        ),
        blocked_title="You cannot record an appeal",
        standing=_status_blockers(cpn, Status.APPEALED, doing="record an appeal"),
        notes=[f"The appeal period ends on {cpn.appeal_deadline:%-d %B %Y}."] if cpn.appeal_deadline else [],
    )


@login_required
def cpn_appeal_decision(request: HttpRequest, pk: int) -> HttpResponse:
    cpn = _power_of(request, pk, Power.CPN)
    form = forms.CpnAppealDecisionForm(_posted(request))
    return _step(
        request,
        form=form,
        case=cpn.case,
        parent=cpn,
        title=f"Record the court's decision on the appeal against {cpn.reference}",
        section="s.46(4)",
        check_title="Check the court's decision before you record it",
        action_label="Record decision",
        perform=lambda data: services.cpn_appeal_decide(actor=request.user, cpn=cpn, **data),
        success=lambda u: f"Court decision recorded: {u.reference} is {u.get_status_display().lower()}",
        blocked_title="You cannot record a decision",
        standing=(
            []
            if cpn.status == Status.APPEALED
            else [f"You cannot record a decision: no appeal is pending against {cpn.reference}"]
        ),
    )


@login_required
def compliance(request: HttpRequest, pk: int) -> HttpResponse:
    use = _power_of(request, pk, Power.CPW, Power.CPN)
    outcomes = rules.COMPLIANCE_OUTCOMES[Power(use.power)]
    form = forms.ComplianceForm(_posted(request), outcomes=outcomes)
    notes = (
        [
            "A warning that is not complied with leads to a community protection notice: issue one from the warning."
        ]
        if use.power == Power.CPW
        else [
            "Recording a breach lets you issue a fixed penalty (s.52) and, if it is not paid, start proceedings."
        ]
    )
    return _step(
        request,
        form=form,
        case=use.case,
        parent=use,
        title=f"Record compliance, breach or expiry of {use.reference}",
        section=rules.POWER_SECTIONS[Power(use.power)].split(" ")[0],
        check_title="Check before you record it",
        action_label="Record",
        perform=lambda data: services.power_compliance_record(actor=request.user, power=use, **data),
        success=lambda u: f"{u.label} {u.reference} recorded as {u.get_status_display().lower()}",
        blocked_title="You cannot record this",
        standing=_any_status_blockers(use, outcomes, doing="record compliance, breach or expiry"),
        notes=notes,
    )
