"""Modern slavery register pages: record the grounds, see the route, make and record the notification."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render

from csphub.agencies.policies import Action
from csphub.audit.services import audit_listed, audit_viewed
from csphub.core.actor import SignedInRequest
from csphub.core.concurrency import versioned
from csphub.core.errors import PermissionDeniedError
from csphub.duties.forms.slavery import SlaveryConcernForm, SlaveryNotificationForm
from csphub.duties.models import NotificationRoute, NotificationStatus, SlaveryConcern
from csphub.duties.rules import slavery as rules
from csphub.duties.selectors import slavery as selectors
from csphub.duties.services import slavery as services
from csphub.frontend import flows

ROUTE_EXPLAINED = {
    rules.NRM: "Refer them to the National Referral Mechanism (this also meets the duty to notify).",
    rules.ANONYMOUS_DTN: "Notify the Home Office anonymously: nothing that identifies them is sent.",
}


def _register_open(request: SignedInRequest) -> None:
    if not selectors.may_use_register(request.actor):
        raise PermissionDenied


@login_required
def slavery_list(request: SignedInRequest) -> HttpResponse:
    _register_open(request)
    concerns = list(selectors.concerns_visible(request.actor)[:200])
    audit_listed(actor=request.actor, targets=concerns)
    counts = selectors.yearly_counts(request.actor)
    return render(
        request,
        "duties/slavery/list.html",
        {
            "concerns": concerns,
            "counts": [(year, c[rules.NRM], c[rules.ANONYMOUS_DTN]) for year, c in counts.items()],
            "is_member": selectors.is_member(request.actor),
            "can_record": request.actor.policy.role_allows(Action.CREATE),
        },
    )


@login_required
def slavery_new(request: SignedInRequest) -> HttpResponse:
    """Question → check (with the route it decides) → record; from a case, a person or the register."""
    if not request.actor.policy.role_allows(Action.CREATE):
        raise PermissionDenied
    case = person = None
    people: list[Any] = []
    if request.GET.get("case"):
        case = selectors.case_for_concern(request.actor, _int(request.GET["case"]))
        people = selectors.case_people(request.actor, case)
    if request.GET.get("person"):
        person = selectors.person_for_concern(request.actor, _int(request.GET["person"]))
    form = SlaveryConcernForm(flows.posted(request), people=people if person is None else None)

    def arguments(data: dict[str, Any]) -> dict[str, Any]:
        chosen = person
        if chosen is None and data.get("person"):
            chosen = next((p for p in people if str(p.pk) == data["person"]), None)
        return {
            "actor": request.actor,
            "case": case,
            "person": chosen,
            **{k: v for k, v in data.items() if k != "person"},
        }

    def preview(data: dict[str, Any]) -> dict[str, Any]:
        route = rules.route_for(data["age_basis"], data.get("consent", ""))
        return {"route": NotificationRoute(route).label, "route_explained": ROUTE_EXPLAINED[route]}

    def done(concern: SlaveryConcern) -> HttpResponse:
        messages.success(request, f"{concern.reference} recorded: the notification task is on your task list")
        return redirect("duties:slavery_detail", concern.pk)

    context = {"case": case, "person": person}
    return flows.question_check_confirm(
        request,
        form,
        perform=lambda data: services.slavery_concern_record(**arguments(data)),
        done=done,
        question=flows.Page(
            "duties/slavery/concern_form.html",
            {
                **context,
                "heading": "Record reasonable grounds to believe someone may be a victim of modern slavery",
                "caption": "Modern slavery duty to notify",
            },
        ),
        check=flows.Page(
            "duties/slavery/concern_check.html",
            {
                **context,
                "heading": "Check the concern before you record it",
                "caption": "Modern slavery duty to notify",
                "explain": "Recording it sets you a task to make the notification. The concern is then seen "
                "only by you and your agency's modern slavery leads.",
                "confirm_label": "Record the concern",
            },
        ),
        preview=preview,
    )


@login_required
def slavery_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    concern = selectors.concern_get(request.actor, pk)
    audit_viewed(actor=request.actor, target=concern)
    rows = rules.notification_rows(concern.route, selectors.notification_values(concern))
    return render(
        request,
        "duties/slavery/detail.html",
        {
            "concern": concern,
            "rows": [(row.label, row.value or "Not given") for row in rows],
            "route_explained": ROUTE_EXPLAINED[concern.route],
            "anonymous": concern.route == rules.ANONYMOUS_DTN,
            "is_due": concern.status == NotificationStatus.DUE,
            "can_change": request.actor.policy.can(Action.CHANGE, concern),
        },
    )


@login_required
def slavery_notified(request: SignedInRequest, pk: int) -> HttpResponse:
    concern = selectors.concern_get(request.actor, pk, action=Action.CHANGE)
    # Carries the concern's version: a notification confirmed on a page opened before someone else
    # recorded one is refused (core.concurrency, through frontend.flows).
    form = versioned(SlaveryNotificationForm)(
        flows.posted(request),
        record=concern,
        versioned_fields=("status", "notified_on", "home_office_reference", "consent", "route"),
    )

    def done(concern: SlaveryConcern) -> HttpResponse:
        messages.success(request, f"Notification recorded for {concern.reference}")
        return redirect("duties:slavery_detail", concern.pk)

    context = {"concern": concern, "caption": concern.reference}
    return flows.question_check_confirm(
        request,
        form,
        perform=lambda data: services.slavery_notification_record(
            actor=request.actor, concern=concern, **data
        ),
        done=done,
        question=flows.Page(
            "duties/slavery/notified_form.html", {**context, "heading": "Record the Home Office notification"}
        ),
        check=flows.Page(
            "duties/slavery/notified_check.html",
            {
                **context,
                "heading": "Check the notification before you record it",
                "explain": "Recording it completes the notification task.",
                "confirm_label": "Record the notification",
            },
        ),
    )


@login_required
def slavery_export(request: SignedInRequest, pk: int) -> HttpResponse:
    """The notification as a CSV file: an anonymous one carries no identifying field (s.52(3))."""
    concern = selectors.concern_get(request.actor, pk, action=Action.EXPORT)
    try:
        rows = services.slavery_notification_export(actor=request.actor, concern=concern)
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{concern.reference}-notification.csv"'
    writer = csv.writer(response)
    writer.writerow(["Question", "Answer"])
    for row in rows:
        writer.writerow([row.label, row.value])
    return response


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        from django.http import Http404

        raise Http404("No such record.") from None
