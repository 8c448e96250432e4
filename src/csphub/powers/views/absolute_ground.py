"""Absolute ground for possession steps: the notice and the tenant's review request."""

from __future__ import annotations

from csphub.powers import forms, selectors, services
from csphub.powers.rules import Power, Status
from csphub.powers.views.steps import Offer, PowerStep, can_become, case_open, may_become, notes

STEPS = [
    PowerStep(
        name="absolute_ground_new",
        route="case/<int:case_pk>/absolute-ground/new/",
        form=forms.AbsoluteGroundForm,
        form_kwargs=lambda case: {"recipients": selectors.case_recipients(case)},
        service=services.absolute_ground_notice_serve,
        subject="case",
        title="Serve notice of possession on the absolute ground",
        section="s.84A Housing Act 1985",
        check_title="Check the notice before you record it",
        action_label="Record notice",
        success=(
            "Notice {use.reference} recorded: review requests accepted until {use.appeal_deadline:%-d %B %Y}"
        ),
        blocked_title="You cannot serve notice on this case",
        standing=case_open,
        notes=notes(
            "The tenant may ask for a review within 7 days of service; that period cannot be extended."
        ),
    ),
    PowerStep(
        name="absolute_ground_review",
        route="<int:pk>/review-request/",
        on=(Power.ABSOLUTE_GROUND,),
        form=forms.AbsoluteGroundReviewForm,
        service=services.absolute_ground_review_request,
        subject="notice",
        title="Record the tenant's review request on {use.reference}",
        section="s.85ZA Housing Act 1985",
        check_title="Check the review request before you record it",
        action_label="Record review request",
        success="Review request on {use.reference} recorded",
        blocked_title="You cannot record a review request",
        standing=may_become(Status.REVIEW_REQUESTED, "record a review request"),
        notes=lambda notice: (
            [f"Requests are accepted until {notice.appeal_deadline:%-d %B %Y}; there is no power to extend."]
            if notice.appeal_deadline
            else []
        ),
        offer=Offer("Record a review request", "record-review", can_become(Status.REVIEW_REQUESTED)),
    ),
]
