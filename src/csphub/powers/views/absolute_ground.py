"""Absolute ground for possession pages: the notice and the tenant's review request."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from csphub.agencies.policies import Action
from csphub.powers import forms, selectors, services
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
def absolute_ground_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.case_for_powers(request.user, case_pk, action=Action.CHANGE)
    form = forms.AbsoluteGroundForm(_posted(request), recipients=selectors.case_recipients(case))

    def perform(data: dict[str, Any]) -> PowerUse:
        return services.absolute_ground_notice_serve(
            actor=request.user,
            case=case,
            **{**data, "recipient": selectors.case_party_person(case, data["recipient"])},
        )

    return _step(
        request,
        form=form,
        case=case,
        title="Serve notice of possession on the absolute ground",
        section="s.84A Housing Act 1985",
        check_title="Check the notice before you record it",
        action_label="Record notice",
        perform=perform,
        success=lambda u: (
            f"Notice {u.reference} recorded: review requests accepted until {u.appeal_deadline:%-d %B %Y}"
        ),
        blocked_title="You cannot serve notice on this case",
        standing=_case_blockers(case),
        notes=["The tenant may ask for a review within 7 days of service; that period cannot be extended."],
    )


@login_required
def absolute_ground_review(request: HttpRequest, pk: int) -> HttpResponse:
    notice = _power_of(request, pk, Power.ABSOLUTE_GROUND)
    form = forms.AbsoluteGroundReviewForm(_posted(request))
    return _step(
        request,
        form=form,
        case=notice.case,
        parent=notice,
        title=f"Record the tenant's review request on {notice.reference}",
        section="s.85ZA Housing Act 1985",
        check_title="Check the review request before you record it",
        action_label="Record review request",
        perform=lambda data: services.absolute_ground_review_request(
            actor=request.user, notice=notice, **data
        ),
        success=lambda u: f"Review request on {u.reference} recorded",
        blocked_title="You cannot record a review request",
        standing=_status_blockers(notice, Status.REVIEW_REQUESTED, doing="record a review request"),
        notes=(
            [f"Requests are accepted until {notice.appeal_deadline:%-d %B %Y}; there is no power to extend."]
            if notice.appeal_deadline
            else []
        ),
    )
