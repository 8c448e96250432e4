"""Civil injunction and criminal behaviour order pages: application or order, the court's
decision, variation and discharge."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from csphub.agencies.policies import Action
from csphub.powers import forms, selectors, services
from csphub.powers.models import PowerUse
from csphub.powers.rules import Power
from csphub.powers.views.common import (
    _any_status_blockers,
    _case_blockers,
    _posted,
    _power_of,
    _step,
)


@login_required
def injunction_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.case_for_powers(request.user, case_pk, action=Action.CHANGE)
    form = forms.InjunctionForm(_posted(request), recipients=selectors.case_recipients(case))

    def perform(data: dict[str, Any]) -> PowerUse:
        return services.injunction_apply(
            actor=request.user,
            case=case,
            **{**data, "recipient": selectors.case_party_person(case, data["recipient"])},
        )

    return _step(
        request,
        form=form,
        case=case,
        title="Apply for a civil injunction",
        section="s.1",
        check_title="Check the injunction application before you record it",
        action_label="Record application",
        perform=perform,
        success=lambda u: f"Injunction application {u.reference} recorded",
        blocked_title="You cannot apply for an injunction on this case",
        standing=_case_blockers(case),
        notes=[
            "If the respondent is under 18: apply to the youth court, for at most 12 months, and "
            "consult the youth offending team first (s.1(6), (8), s.14)."
        ],
    )


@login_required
def cbo_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.case_for_powers(request.user, case_pk, action=Action.CHANGE)
    form = forms.CboForm(_posted(request), recipients=selectors.case_recipients(case))

    def perform(data: dict[str, Any]) -> PowerUse:
        return services.cbo_grant(
            actor=request.user,
            case=case,
            **{**data, "recipient": selectors.case_party_person(case, data["recipient"])},
        )

    return _step(
        request,
        form=form,
        case=case,
        title="Record a criminal behaviour order",
        section="s.22 / Sentencing Act 2020 s.330",
        check_title="Check the criminal behaviour order before you record it",
        action_label="Record order",
        perform=perform,
        success=lambda u: f"Criminal behaviour order {u.reference} recorded",
        blocked_title="You cannot record a criminal behaviour order on this case",
        standing=_case_blockers(case),
        notes=[
            "An order is made only on conviction, on the prosecution's application. For an offender "
            "under 18 the youth offending team's views come first, and the order is reviewed every "
            "year while they are under 18: the review tasks are created for you."
        ],
    )


@login_required
def injunction_decision(request: HttpRequest, pk: int) -> HttpResponse:
    injunction = _power_of(request, pk, Power.INJUNCTION)
    form = forms.InjunctionDecisionForm(_posted(request), initial={"requirements": injunction.requirements})
    return _step(
        request,
        form=form,
        case=injunction.case,
        parent=injunction,
        title=f"Record the court's decision on {injunction.reference}",
        section="s.1",
        check_title="Check the court's decision before you record it",
        action_label="Record decision",
        perform=lambda data: services.injunction_decide(actor=request.user, injunction=injunction, **data),
        success=lambda u: f"Injunction {u.reference} {u.get_status_display().lower()}",
        blocked_title="You cannot record a decision",
        standing=_any_status_blockers(
            injunction, services.INJUNCTION_OUTCOMES, doing="record the court's decision"
        ),
        notes=[
            "If the respondent is under 18 on the day it is granted, the injunction must have an end "
            "date at most 12 months away (s.1(6))."
        ],
    )


def _order_change(request: HttpRequest, use: PowerUse, *, section: str) -> HttpResponse:
    form = forms.OrderChangeForm(_posted(request), initial={"requirements": use.requirements})
    noun = "injunction" if use.power == Power.INJUNCTION else "order"

    def perform(data: dict[str, Any]) -> PowerUse:
        if use.power == Power.INJUNCTION:
            return services.injunction_change(actor=request.user, injunction=use, **data)
        return services.cbo_change(actor=request.user, cbo=use, **data)

    notes = (
        [
            "An injunction granted to someone under 18 cannot be varied to run beyond 12 months "
            "from when it was granted."
        ]
        if use.power == Power.INJUNCTION
        else [
            "A varied order still lasts 1 to 3 years for someone under 18 (the annual review tasks "
            "are adjusted for you), or at least 2 years or indefinitely for an adult."
        ]
    )
    return _step(
        request,
        form=form,
        case=use.case,
        parent=use,
        title=f"Record a variation or discharge of {use.reference}",
        section=section,
        check_title=f"Check the court's decision on the {noun} before you record it",
        action_label="Record decision",
        perform=perform,
        success=lambda u: f"{u.label} {u.reference} {u.get_status_display().lower()}",
        blocked_title=f"You cannot record a variation or discharge of this {noun}",
        standing=_any_status_blockers(use, services.ORDER_CHANGES, doing=f"vary or discharge the {noun}"),
        notes=notes,
    )


@login_required
def injunction_change(request: HttpRequest, pk: int) -> HttpResponse:
    return _order_change(request, _power_of(request, pk, Power.INJUNCTION), section="s.8")


@login_required
def cbo_change(request: HttpRequest, pk: int) -> HttpResponse:
    return _order_change(request, _power_of(request, pk, Power.CBO), section="Sentencing Act 2020 s.340")
