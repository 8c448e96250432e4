"""Staff: the incidents linked to an application and the threshold decision."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from csphub.casereviews import forms, selectors, services
from csphub.casereviews.views._common import (
    _change_journey,
    _get_for_change,
    _versioned_form,
)
from csphub.core.actor import SignedInRequest
from csphub.core.concurrency import EditConflictError, conflict_on, versioned_write
from csphub.core.errors import ApplicationError


@login_required
@require_http_methods(["GET", "POST"])
def link_incidents(request: SignedInRequest, reference: str) -> HttpResponse:
    application = _get_for_change(request, reference)
    search = request.GET.get("q", "")
    candidates = selectors.candidate_incidents(request.actor, application, search=search)
    form = forms.LinkIncidentsForm(request.POST or None, incidents=candidates)
    if request.method == "POST" and form.is_valid():
        by_pk = {str(i.pk): i for i in candidates}
        try:
            for pk in form.cleaned_data["incidents"]:
                incident = by_pk[pk]
                services.application_link_incident(
                    actor=request.actor,
                    application=application,
                    incident=incident,
                    complainant=services.incident_complainant(incident),
                    same_incident_key=form.cleaned_data["same_incident_key"],
                    named_by_applicant=form.cleaned_data["named_by_applicant"],
                )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "Incidents linked.")
            return redirect("casereviews:detail", reference)
    return render(
        request,
        "casereviews/staff/link_incidents.html",
        {"form": form, "application": application, "candidates": candidates, "q": search},
    )


@login_required
@require_http_methods(["GET", "POST"])
def threshold(request: SignedInRequest, reference: str) -> HttpResponse:
    application = _get_for_change(request, reference)
    preview = services.threshold_preview(application)
    form = _versioned_form(
        forms.ThresholdDecideForm,
        application,
        request.POST or None,
        initial={"decided_on": timezone.localdate()},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        answers = {name: form.cleaned_data[name] for name in forms.ThresholdDecideForm.base_fields}
        try:
            with versioned_write(form):
                services.threshold_decide(actor=request.actor, application=application, **answers)
        except EditConflictError as error:
            conflict = conflict_on(form, error.current)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "Threshold decision recorded.")
            return redirect("casereviews:detail", reference)
    return render(
        request,
        "casereviews/staff/threshold.html",
        {"form": form, "application": application, "preview": preview, "conflict": conflict},
    )


@login_required
@require_http_methods(["GET", "POST"])
def unlink_incident(request: SignedInRequest, reference: str, pk: int) -> HttpResponse:
    application = _get_for_change(request, reference)
    link = application.incident_links.select_related("incident").filter(pk=pk).first()
    if link is None:
        raise Http404("No such linked incident.")
    form = forms.UnlinkIncidentForm(request.POST or None)

    def perform(data: dict[str, Any]) -> Any:
        return services.application_unlink_incident(actor=request.actor, link=link, reason=data["reason"])

    def done(result: Any) -> HttpResponse:
        messages.success(request, f"{link.incident.reference} unlinked.")
        return redirect("casereviews:detail", reference)

    return _change_journey(
        request,
        form,
        perform=perform,
        done=done,
        question={
            "heading": f"Unlink {link.incident.reference}",
            "caption": application.reference,
            "application": application,
            "intro": "It will no longer count towards the threshold. You can link it again before the "
            "threshold is decided.",
        },
        check={
            "heading": f"Check before unlinking {link.incident.reference}",
            "caption": application.reference,
            "application": application,
            "explain": "The incident itself is not changed. The reason is kept in the audit log.",
            "confirm_label": "Unlink the incident",
        },
    )
