"""A case's Sharing page (its owning agency only): who it is shared with, sharing it in full or as a
summary with a named partner under an information sharing agreement, and withdrawing a share."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from csphub.agencies.models import RecordShare
from csphub.agencies.policies import Action, get_object_or_404_for
from csphub.audit.services import audit_viewed
from csphub.cases import forms, selectors, services
from csphub.cases.models import Case
from csphub.core.actor import SignedInRequest
from csphub.frontend import flows


def _owned_case(request: SignedInRequest, pk: int) -> Case:
    """The case, if the actor's agency may share it (its owner); otherwise 404, as for any record."""
    return get_object_or_404_for(
        request.actor, Action.SHARE, Case.objects.select_related("owning_agency"), pk=pk
    )


def _status(share: RecordShare, today: Any) -> str:
    if share.revoked_at is not None:
        return "Withdrawn"
    if share.expires_on is not None and today > share.expires_on:
        return "Ended"
    if not share.agreement.is_in_force(today):
        return "Agreement not in force"
    return "Shared"


@login_required
def case_sharing(request: SignedInRequest, pk: int) -> HttpResponse:
    case = _owned_case(request, pk)
    # The reasons for sharing are free text and may name people: the view is audited like the case's.
    audit_viewed(actor=request.actor, target=case, justification="scope=full; sharing page")
    today = timezone.localdate()
    rows = [(share, _status(share, today)) for share in selectors.case_shares(case)]
    return render(
        request,
        "cases/case_sharing.html",
        {
            "case": case,
            "current": [(s, status) for s, status in rows if status == "Shared"],
            "past": [(s, status) for s, status in rows if status != "Shared"],
            # An address in a summary written before the warning existed (review issue 11): shown
            # where the owner decides what partners read.
            "summary_address": selectors.summary_address(case),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_share_new(request: SignedInRequest, pk: int) -> HttpResponse:
    case = _owned_case(request, pk)
    agencies, agreements = selectors.share_partners_for(case)
    form = forms.CaseShareForm(flows.posted(request), agencies=agencies, agreements=agreements)

    def perform(data: dict[str, Any]) -> Any:
        return services.case_share(actor=request.actor, case=case, **data)

    def done(share: Any) -> HttpResponse:
        messages.success(request, f"{case.reference} shared with {share.agency.name}. They have been told.")
        return redirect("cases:case_sharing", case.pk)

    return flows.question_check_confirm(
        request,
        form,
        perform=perform,
        done=done,
        question=flows.Page(
            "cases/share_question.html",
            {
                "case": case,
                "heading": "Share the case with a partner",
                "caption": case.reference,
                "summary_address": selectors.summary_address(case),
                "intro": "A full share lets the partner see the whole case: incidents, addresses, notes "
                "and documents. A summary shows reference, status, type, people and their roles, and "
                "incident dates and categories. The partner's caseworkers are told by e-mail.",
            },
        ),
        check=flows.Page(
            "cases/share_check.html",
            {
                "case": case,
                "heading": "Check before sharing",
                "caption": case.reference,
                "confirm_label": "Share the case",
                "explain": "The share and its reason are kept in the audit log. You can withdraw it at any "
                "time on the case's Sharing page.",
            },
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_share_withdraw(request: SignedInRequest, pk: int, share_pk: int) -> HttpResponse:
    case = _owned_case(request, pk)
    share = next((s for s in selectors.case_shares(case) if s.pk == share_pk and s.revoked_at is None), None)
    if share is None:
        raise Http404("No such share.")
    form = forms.CaseShareWithdrawForm(flows.posted(request))
    if request.method == "GET":  # the page shows the reason it was shared
        audit_viewed(actor=request.actor, target=case, justification="scope=full; withdraw a share")

    def perform(data: dict[str, Any]) -> Any:
        return services.case_share_withdraw(actor=request.actor, share=share, reason=data["reason"])

    def done(_result: Any) -> HttpResponse:
        messages.success(request, f"{case.reference} is no longer shared with {share.agency.name}.")
        return redirect("cases:case_sharing", case.pk)

    return flows.question_check_confirm(
        request,
        form,
        perform=perform,
        done=done,
        question=flows.Page(
            "cases/share_question.html",
            {
                "case": case,
                "heading": f"Stop sharing with {share.agency.name}",
                "caption": case.reference,
                "intro": f"{share.agency.name} will no longer see {case.reference}. Shared "
                f"({share.get_scope_display().lower()}) under {share.agreement.reference}: {share.reason}",
            },
        ),
        check=flows.Page(
            "cases/share_check.html",
            {
                "case": case,
                "heading": f"Check before you stop sharing with {share.agency.name}",
                "caption": case.reference,
                "confirm_label": "Stop sharing",
            },
        ),
    )


def sharing_section(actor: Any, case: Case) -> dict[str, Any] | None:
    """The "Sharing" section of the case page: who sees the case now (its owning agency only)."""
    from csphub.agencies.policies import can

    if not can(actor, Action.SHARE, case):
        return None
    today = timezone.localdate()
    current = [s for s in selectors.case_shares(case) if _status(s, today) == "Shared"]
    return {"case": case, "current": current}
