"""Staff: the incidents linked to an application and the threshold decision."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from csphub.agencies.policies import Action, can
from csphub.audit.services import audit_listed
from csphub.casereviews import forms, selectors, services
from csphub.casereviews.views._common import (
    _change_journey,
    _get_for_change,
    _require_staff,
    _versioned_form,
)
from csphub.core.actor import SignedInRequest
from csphub.core.errors import ApplicationError
from csphub.frontend import flows


@login_required
@require_http_methods(["GET", "POST"])
def link_incidents(request: SignedInRequest, reference: str) -> HttpResponse:
    """The agency running the procedure links any incident it sees; another relevant body its own."""
    _require_staff(request)
    application = selectors.application_get_visible(request.actor, reference)
    if not services.application_can_link(request.actor, application):
        raise Http404("No such application.")
    own_only = not can(request.actor, Action.CHANGE, application)
    search = request.GET.get("q", "")
    candidates = selectors.candidate_incidents(request.actor, application, search=search, own_only=own_only)
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
    # "Who has seen this person" includes the people this list names.
    shown = f"incidents to link to {application.reference}"
    audit_listed(actor=request.actor, targets=candidates, justification=shown)
    people = {party.person.pk: party.person for i in candidates for party in i.parties.all()}
    audit_listed(actor=request.actor, targets=people.values(), justification=shown)
    return render(
        request,
        "casereviews/staff/link_incidents.html",
        {
            "form": form,
            "application": application,
            "candidates": candidates,
            "q": search,
            "own_only": own_only,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def threshold(request: SignedInRequest, reference: str) -> HttpResponse:
    """Question (with the engine's preview and any complaints named but not linked) → check → record."""
    application = _get_for_change(request, reference)
    preview = services.threshold_preview(application)
    named_not_linked = services.bodies_named_not_linked(application)
    warning = (
        f"The applicant says they reported the behaviour to {_names(named_not_linked)}, but no "
        f"incident from {'it' if len(named_not_linked) == 1 else 'them'} is linked. Complaints to "
        "any relevant body count: ask them for their incidents and link them before deciding."
        if named_not_linked
        else ""
    )
    # Carries the application's version: a decision confirmed on a stale page is refused (flows).
    form = _versioned_form(
        forms.ThresholdDecideForm,
        application,
        flows.posted(request),
        initial={"decided_on": timezone.localdate()},
    )

    def perform(data: dict[str, Any]) -> Any:
        return services.threshold_decide(actor=request.actor, application=application, **data)

    def done(record: Any) -> HttpResponse:
        messages.success(request, f"Threshold decision recorded: {'met' if record.met else 'not met'}.")
        return redirect("casereviews:detail", reference)

    def outcome(data: dict[str, Any]) -> dict[str, Any]:
        met = preview.met or bool(data.get("discretionary_met"))
        return {
            "outcome": "Met" if met else "Not met",
            "outcome_why": "the rules require it"
            if preview.met
            else ("using the partnership's discretion" if met else "the rules do not require it"),
        }

    context = {"application": application, "preview": preview, "warning": warning}
    return flows.question_check_confirm(
        request,
        form,
        perform=perform,
        done=done,
        question=flows.Page("casereviews/staff/threshold.html", context),
        check=flows.Page(
            "casereviews/staff/threshold_check.html",
            {
                **context,
                "heading": "Check the threshold decision",
                "caption": application.reference,
                "confirm_label": "Record the decision",
                "explain": "The decision, its rules version and how it was reached are kept on the "
                "application. It cannot be changed afterwards; the applicant may appeal a "
                '"not met" decision.',
            },
        ),
        preview=outcome,
    )


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


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
