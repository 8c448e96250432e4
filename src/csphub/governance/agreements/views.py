"""Pages of the agreements register (capability: manage data protection)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from csphub.agencies.models import InformationSharingAgreement
from csphub.agencies.policies import Capability
from csphub.core.actor import SignedInRequest
from csphub.frontend import flows
from csphub.governance.agreements import forms, rules, selectors, services

CAPTION = "Information sharing agreements"


def _manager(request: SignedInRequest) -> None:
    if request.actor.agency is None or not request.actor.policy.has_capability(
        Capability.MANAGE_DATA_PROTECTION
    ):
        raise PermissionDenied


def _agreement(request: SignedInRequest, pk: int) -> InformationSharingAgreement:
    _manager(request)
    agreement = selectors.agreement_for(request.actor, pk)
    if agreement is None:
        raise Http404("No such agreement for your agency.")
    return agreement


def _pages(heading: str, back: str, confirm: str, explain: str = "") -> tuple[flows.Page, flows.Page]:
    context = {"caption": CAPTION, "back": back}
    return (
        flows.Page("governance/staff/question.html", {**context, "heading": heading}),
        flows.Page(
            "governance/staff/check.html",
            {**context, "heading": "Check your answers", "confirm_label": confirm, "explain": explain},
        ),
    )


def _to_detail(
    request: SignedInRequest, agreement: InformationSharingAgreement, message: str
) -> HttpResponse:
    messages.success(request, message)
    return redirect("dataprotection:agreement", agreement.pk)


@login_required
@require_GET
def agreement_list(request: SignedInRequest) -> HttpResponse:
    _manager(request)
    return render(
        request,
        "governance/agreements/list.html",
        {
            "rows": selectors.register_of(request.actor),
            "agency": request.actor.agency,
            "warning_days": rules.REVIEW_WARNING_DAYS,
        },
    )


@login_required
def agreement_new(request: SignedInRequest) -> HttpResponse:
    _manager(request)
    form = forms.AgreementForm(flows.posted(request))
    if request.method == "GET":
        form.initial["parties"] = [request.actor.agency.pk]  # type: ignore[union-attr]
    question, check = _pages(
        "Record an information sharing agreement",
        reverse("dataprotection:agreements"),
        "Record the agreement",
        "Partners will see the records shared with them under it from the date it comes into force.",
    )
    return flows.question_check_confirm(
        request,
        form,
        perform=lambda data: services.agreement_record(actor=request.actor, **data),
        done=lambda a: _to_detail(request, a, f"{a.reference} recorded"),
        question=question,
        check=check,
    )


@login_required
@require_GET
def agreement_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    agreement = _agreement(request, pk)
    return render(
        request,
        "governance/agreements/detail.html",
        {
            "agreement": agreement,
            "standing": selectors.standing_of(agreement),
            "shares": agreement.shares.count(),
        },
    )


@login_required
def agreement_review(request: SignedInRequest, pk: int) -> HttpResponse:
    agreement = _agreement(request, pk)
    form = forms.ReviewForm(flows.posted(request), record=agreement)

    def perform(data: dict[str, Any]) -> InformationSharingAgreement:
        return services.agreement_review(
            actor=request.actor, agreement=agreement, review_date=data["review_date"], note=data["note"]
        )

    question, check = _pages(
        f"Record a review of {agreement.reference}",
        reverse("dataprotection:agreement", args=[agreement.pk]),
        "Record the review",
    )
    return flows.question_check_confirm(
        request,
        form,
        perform=perform,
        done=lambda a: _to_detail(request, a, f"Review recorded: next review by {a.review_date:%d %B %Y}"),
        question=question,
        check=check,
    )


@login_required
def agreement_end(request: SignedInRequest, pk: int) -> HttpResponse:
    agreement = _agreement(request, pk)
    form = forms.EndForm(flows.posted(request), record=agreement)

    def perform(data: dict[str, Any]) -> InformationSharingAgreement:
        return services.agreement_end(
            actor=request.actor, agreement=agreement, ends_on=data["ends_on"], reason=data["reason"]
        )

    question, check = _pages(
        f"End {agreement.reference}",
        reverse("dataprotection:agreement", args=[agreement.pk]),
        "End the agreement",
        "From the day after it ends, partners no longer see the records shared with them under it.",
    )
    return flows.question_check_confirm(
        request,
        form,
        perform=perform,
        done=lambda a: _to_detail(request, a, f"{a.reference} ends on {a.ended_on:%d %B %Y}"),
        question=question,
        check=check,
    )
