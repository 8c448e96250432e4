"""PSPO pages: make, extend, vary."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from csphub.agencies.policies import Action
from csphub.powers import forms, selectors, services
from csphub.powers.rules import Power, Status
from csphub.powers.views.common import (
    _case_blockers,
    _posted,
    _power_of,
    _status_blockers,
    _step,
)


@login_required
def pspo_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.case_for_powers(request.user, case_pk, action=Action.CHANGE)
    form = forms.PspoForm(_posted(request))
    return _step(
        request,
        form=form,
        case=case,
        title="Make a public spaces protection order",
        section="s.59",
        check_title="Check the order before you make it",
        action_label="Make order",
        perform=lambda data: services.pspo_make(actor=request.user, case=case, **data),
        success=lambda u: (
            f"PSPO {u.reference} made: High Court challenges until {u.appeal_deadline:%-d %B %Y}; "
            "a review task is set before it expires"
        ),
        blocked_title="You cannot make an order on this case",
        standing=_case_blockers(case),
        notes=["At most 3 years. Consult and publicise first (s.72)."],
    )


@login_required
def pspo_extend(request: HttpRequest, pk: int) -> HttpResponse:
    pspo = _power_of(request, pk, Power.PSPO)
    form = forms.PspoExtendForm(_posted(request))
    expires = pspo.details.get("expires_on")
    return _step(
        request,
        form=form,
        case=pspo.case,
        parent=pspo,
        title=f"Extend PSPO {pspo.reference}",
        section="s.60",
        check_title="Check the extension before you record it",
        action_label="Extend order",
        perform=lambda data: services.pspo_extend(actor=request.user, pspo=pspo, **data),
        success=lambda u: (
            f"PSPO {u.reference} extended: High Court challenges until {u.appeal_deadline:%-d %B %Y}; "
            "a review task is set before the new expiry"
        ),
        blocked_title="You cannot extend this order",
        standing=_status_blockers(pspo, Status.EXTENDED, doing="extend the order"),
        notes=[
            (f"The order expires on {dt.date.fromisoformat(expires):%-d %B %Y}. " if expires else "")
            + "Extend it before then, for at most 3 years, after consulting and publicising (s.60, s.72)."
        ],
    )


@login_required
def pspo_vary(request: HttpRequest, pk: int) -> HttpResponse:
    pspo = _power_of(request, pk, Power.PSPO)
    form = forms.PspoVaryForm(
        _posted(request), initial={"locality": pspo.locality, "requirements": pspo.requirements}
    )
    return _step(
        request,
        form=form,
        case=pspo.case,
        parent=pspo,
        title=f"Vary PSPO {pspo.reference}",
        section="s.61",
        check_title="Check the variation before you record it",
        action_label="Vary order",
        perform=lambda data: services.pspo_vary(actor=request.user, pspo=pspo, **data),
        success=lambda u: (
            f"PSPO {u.reference} varied: High Court challenges until {u.appeal_deadline:%-d %B %Y}"
        ),
        blocked_title="You cannot vary this order",
        standing=_status_blockers(pspo, Status.VARIED, doing="vary the order"),
        notes=[
            "Consult and publicise first (s.72). A new six-week challenge window runs from the variation."
        ],
    )
