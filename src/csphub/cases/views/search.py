"""Search and the home page's casework panel (the incident map is in :mod:`.maps`)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from csphub.agencies.policies import (
    Action,
    role_allows,
)
from csphub.audit.services import audit_listed, audit_record, audit_viewed
from csphub.cases import forms, selectors, services
from csphub.cases.views._common import _require
from csphub.core.actor import SignedInRequest, user_of
from csphub.core.errors import ApplicationError
from csphub.frontend import flows

# --------------------------------------------------------------------------------------------
# Search and map
# --------------------------------------------------------------------------------------------


@login_required
def search(request: SignedInRequest) -> HttpResponse:
    _require(request.actor, Action.VIEW)
    form = forms.SearchForm(request.GET or None)
    results = None
    if form.is_valid() and form.cleaned_data["q"]:
        results = selectors.search(user=request.actor, query=form.cleaned_data["q"])
        # The query may contain a name: record that a search happened and how much it showed, not
        # what; and, as every list does, each record it showed.
        audit_listed(actor=request.actor, targets=[*results.cases, *results.people, *results.addresses])
        audit_record(
            actor=request.actor,
            verb="search.performed",
            justification=f"{len(results.cases)} cases, {len(results.people)} people, "
            f"{len(results.addresses)} addresses shown",
        )
    holders = []
    if results is not None:
        # The record locator: only agency names, only under an agreement that allows it.
        holders = selectors.record_holders(request.actor, form.cleaned_data["q"])
    return render(
        request,
        "cases/search.html",
        {"form": form, "results": results, "holders": holders},
    )


@login_required
@require_POST
def share_request(request: SignedInRequest) -> HttpResponse:
    """Ask the agency the record locator named to share its record about the person searched for."""
    _require(request.actor, Action.VIEW)
    query = request.POST.get("q", "")[:100]
    try:
        agency_id = int(request.POST.get("agency", ""))
    except ValueError:
        raise Http404("No agency chosen.") from None
    try:
        services.share_request_make(
            actor=request.actor,
            query=query,
            holding_agency_id=agency_id,
            reason=request.POST.get("reason", ""),
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            "Request sent. The agency will decide whether to share its record with you; its answer "
            "will be on your agency's requests to share records.",
        )
    return redirect(reverse("cases:search") + "?" + urlencode({"q": query}))


@login_required
def share_request_answer(request: SignedInRequest, pk: int) -> HttpResponse:
    """The holding agency answers a record-locator request: share chosen cases, or decline."""
    share_request = selectors.share_request_get_for_answer(request.actor, pk)
    audit_viewed(actor=request.actor, target=share_request.person)
    cases = selectors.share_request_cases(share_request)
    form = forms.ShareRequestAnswerForm(request.POST or None, cases=cases)

    def perform(data: dict[str, Any]) -> Any:
        return services.share_request_answer(
            actor=request.actor,
            share_request=share_request,
            decision=data["decision"],
            reason=data["reason"],
            cases=list(data.get("cases") or []),
            scope=data.get("scope") or "full",
            expires_on=data.get("expires_on"),
        )

    def done(answered: Any) -> HttpResponse:
        messages.success(
            request,
            f"Answer sent to {answered.requesting_agency.name}"
            + (": the cases are shared." if answered.decision == "shared" else "."),
        )
        return redirect("frontend:home")

    context = {"share_request": share_request, "caption": "Request to share a record"}
    return flows.question_check_confirm(
        request,
        form,
        perform=perform,
        done=done,
        question=flows.Page(
            "cases/share_request_answer.html",
            {**context, "heading": f"Answer {share_request.requesting_agency.name}'s request"},
        ),
        check=flows.Page(
            "cases/share_request_check.html",
            {
                **context,
                "heading": "Check your answer before you send it",
                "confirm_label": "Send answer",
                "explain": "The requesting agency is told your answer and your reason.",
            },
        ),
    )


@login_required
def share_requests_made(request: SignedInRequest) -> HttpResponse:
    """Your agency's requests to other agencies to share a record, with their answers and reasons."""
    _require(request.actor, Action.VIEW)
    made = selectors.share_requests_made_by(request.actor)
    # The page names the people asked about (and a refusal's reason may too): listed, as every list.
    audit_listed(actor=request.actor, targets=[r.person for r in made])
    return render(request, "cases/share_requests_made.html", {"requests": made})


# --------------------------------------------------------------------------------------------
# Home panel
# --------------------------------------------------------------------------------------------


def home_context(user: Any) -> dict[str, Any] | None:
    """The "My casework" panel: open cases as officer, open and overdue task counts, the next tasks,
    and (for whoever may see the team's tasks) tasks held by someone who can no longer see them."""
    if not role_allows(user, Action.VIEW):
        return None
    today = timezone.localdate()
    mine = selectors.my_tasks(user)
    tasks = list(mine.select_related("case")[:10])
    audit_listed(actor=user, targets=tasks)  # the home page shows their titles
    counts = mine.aggregate(total=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
    return {
        "tasks": tasks,
        "task_count": counts["total"],
        "overdue": counts["overdue"],
        "open_cases": selectors.case_list_visible_to(user, status="open", officer=user_of(user)).count(),
        "flagged": selectors.orphaned_task_count(user),
        "today": today,
    }
