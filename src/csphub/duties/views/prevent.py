"""Prevent and Channel pages. Any casework role may make a referral; everything else is seen only by
the Prevent compartment's named members (never administrators), and answers 404 to anyone else."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from csphub.agencies.policies import Action
from csphub.audit.services import audit_listed, audit_viewed
from csphub.core.actor import SignedInRequest
from csphub.core.concurrency import versioned
from csphub.duties.forms import prevent as forms
from csphub.duties.models import ChannelCase, ChannelStatus, ReferralStatus
from csphub.duties.selectors import prevent as selectors
from csphub.duties.services import prevent as services
from csphub.frontend import flows

CAPTION = "Prevent and Channel"

# What the steps on an existing referral or Channel case act on, and a conflict names: every step
# carries the version it was read at (core.concurrency, through frontend.flows).
REFERRAL_VERSIONED = ("status", "screened_on", "screened_by", "screening_notes")
CHANNEL_VERSIONED = (
    "status",
    "consent_given",
    "consent_on",
    "support_plan",
    "support_provider",
    "support_starts_on",
    "exited_on",
    "exit_reason",
)


def _journey(
    request: SignedInRequest,
    form: Any,
    *,
    perform: Callable[[dict[str, Any]], Any],
    done_url: str,
    done_message: str,
    heading: str,
    back_url: str,
    confirm_label: str,
    explain: str = "",
) -> HttpResponse:
    page = {"caption": CAPTION, "back_url": back_url}

    def done(_: Any) -> HttpResponse:
        messages.success(request, done_message)
        return redirect(done_url)

    return flows.question_check_confirm(
        request,
        form,
        perform=perform,
        done=done,
        question=flows.Page("duties/prevent/question.html", {**page, "heading": heading}),
        check=flows.Page(
            "duties/prevent/check.html",
            {**page, "heading": "Check your answers", "confirm_label": confirm_label, "explain": explain},
        ),
    )


@login_required
def prevent_list(request: SignedInRequest) -> HttpResponse:
    if not request.actor.policy.role_allows(Action.VIEW):
        raise PermissionDenied
    member = selectors.is_member(request.actor)
    referrals = list(selectors.referrals_visible(request.actor)[:200]) if member else []
    cases = list(selectors.channel_cases_visible(request.actor)[:200]) if member else []
    audit_listed(actor=request.actor, targets=[*referrals, *cases])
    return render(
        request,
        "duties/prevent/list.html",
        {
            "member": member,
            "referrals": referrals,
            "cases": cases,
            "can_refer": request.actor.policy.role_allows(Action.CREATE),
        },
    )


@login_required
def referral_new(request: SignedInRequest) -> HttpResponse:
    if not request.actor.policy.role_allows(Action.CREATE):
        raise PermissionDenied
    return _journey(
        request,
        forms.PreventReferralForm(flows.posted(request)),
        perform=lambda data: services.prevent_referral_make(actor=request.actor, **data),
        done_url=reverse("duties:prevent_list"),
        done_message="Referral sent to the police Prevent team",
        heading="Make a Prevent referral",
        back_url=reverse("duties:prevent_list"),
        confirm_label="Send the referral",
        explain="The referral goes to the police Prevent team. Only named Prevent leads and Channel panel "
        "members can see it; you will not see it again once it is sent.",
    )


@login_required
def referral_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    referral = selectors.referral_get(request.actor, pk)
    audit_viewed(actor=request.actor, target=referral)
    case = ChannelCase.objects.filter(referral=referral).first()
    police = selectors.acts_for_police(request.actor)
    return render(
        request,
        "duties/prevent/referral_detail.html",
        {
            "referral": referral,
            "channel_case": case if case and request.actor.policy.can(Action.VIEW, case) else None,
            "may_screen": police and referral.status == ReferralStatus.RECEIVED,
            "may_open_channel": police and referral.status == ReferralStatus.ADOPTED and case is None,
        },
    )


@login_required
def referral_screen(request: SignedInRequest, pk: int) -> HttpResponse:
    referral = selectors.referral_get(request.actor, pk, action=Action.CHANGE)
    if not selectors.acts_for_police(request.actor):
        raise PermissionDenied
    back = reverse("duties:prevent_referral", args=[referral.pk])
    return _journey(
        request,
        versioned(forms.ScreeningForm)(
            flows.posted(request), record=referral, versioned_fields=REFERRAL_VERSIONED
        ),
        perform=lambda data: services.prevent_referral_screen(actor=request.actor, referral=referral, **data),
        done_url=back,
        done_message=f"{referral.reference} screened",
        heading=f"Screen referral {referral.reference}",
        back_url=back,
        confirm_label="Record the screening",
    )


@login_required
def channel_open(request: SignedInRequest, pk: int) -> HttpResponse:
    referral = selectors.referral_get(request.actor, pk, action=Action.CHANGE)
    if not selectors.acts_for_police(request.actor):
        raise PermissionDenied
    chairs = selectors.possible_chairs()
    back = reverse("duties:prevent_referral", args=[referral.pk])
    users = get_user_model().objects

    def perform(data: dict[str, Any]) -> ChannelCase:
        return services.channel_case_open(
            actor=request.actor,
            referral=referral,
            chair=users.get(pk=int(data["chair"])),
            first_panel_on=data["first_panel_on"],
        )

    return _journey(
        request,
        versioned(forms.ChannelOpenForm)(
            flows.posted(request), chairs=chairs, record=referral, versioned_fields=REFERRAL_VERSIONED
        ),
        perform=perform,
        done_url=back,
        done_message=f"{referral.reference} referred to the Channel panel",
        heading=f"Refer {referral.reference} to the Channel panel",
        back_url=back,
        confirm_label="Refer to the Channel panel",
    )


NEXT_STEP = {
    ChannelStatus.AWAITING_CONSENT: ("consent", "Record the consent decision"),
    ChannelStatus.CONSENTED: ("plan", "Record the support plan"),
    ChannelStatus.SUPPORT: ("exit", "Record that they left Channel"),
}


@login_required
def channel_case(request: SignedInRequest, pk: int) -> HttpResponse:
    case = selectors.channel_case_get(request.actor, pk)
    audit_viewed(actor=request.actor, target=case)
    can_change = request.actor.policy.can(Action.CHANGE, case)
    next_step = NEXT_STEP.get(ChannelStatus(case.status))
    return render(
        request,
        "duties/prevent/channel_detail.html",
        {
            "case": case,
            "referral": case.referral,
            "reviews": list(case.reviews.all()),
            "next_step": next_step if can_change else None,
            "can_change": can_change,
        },
    )


STEPS: dict[str, tuple[type[Any], Callable[..., Any], str, str]] = {
    "consent": (
        forms.ConsentForm,
        services.channel_consent_record,
        "Record the consent decision",
        "Record consent",
    ),
    "plan": (
        forms.SupportPlanForm,
        services.channel_support_plan_record,
        "Record the support plan",
        "Record the plan",
    ),
    "exit": (
        forms.ExitForm,
        services.channel_exit_record,
        "Record that they left Channel",
        "Record the exit",
    ),
}


@login_required
def channel_step(request: SignedInRequest, pk: int, step: str) -> HttpResponse:
    if step not in STEPS:
        raise Http404("No such step.")
    case = selectors.channel_case_get(request.actor, pk, action=Action.CHANGE)
    form_class, service, heading, confirm = STEPS[step]
    back = reverse("duties:channel_case", args=[case.pk])
    if NEXT_STEP.get(ChannelStatus(case.status), ("",))[0] != step:
        return redirect(back)  # not this case's next step (already done, or not yet possible)
    return _journey(
        request,
        versioned(form_class)(flows.posted(request), record=case, versioned_fields=CHANNEL_VERSIONED),
        perform=lambda data: service(actor=request.actor, case=case, **data),
        done_url=back,
        done_message=f"{case.reference} updated",
        heading=f"{heading}: {case.reference}",
        back_url=back,
        confirm_label=confirm,
        explain="Exit sets the post-exit reviews at 6 and 12 months." if step == "exit" else "",
    )


@login_required
def channel_review(request: SignedInRequest, pk: int) -> HttpResponse:
    review = selectors.review_get(request.actor, pk)
    back = reverse("duties:channel_case", args=[review.channel_case_id])
    return _journey(
        request,
        versioned(forms.ReviewForm)(
            flows.posted(request), record=review, versioned_fields=("completed_on", "outcome")
        ),
        perform=lambda data: services.channel_review_complete(actor=request.actor, review=review, **data),
        done_url=back,
        done_message="Post-exit review recorded",
        heading=f"Record the {review.months_after_exit}-month post-exit review",
        back_url=back,
        confirm_label="Record the review",
    )
