"""Staff: an appeal against the Case Review's outcome, lodged and decided."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from csphub.casereviews import forms, services
from csphub.casereviews.views._common import (
    _form_page,
    _get_for_change,
    _versioned_form,
)
from csphub.core.actor import SignedInRequest
from csphub.core.concurrency import EditConflictError, conflict_on, versioned_write
from csphub.core.errors import ApplicationError


@login_required
@require_http_methods(["GET", "POST"])
def appeal_lodge(request: SignedInRequest, reference: str) -> HttpResponse:
    application = _get_for_change(request, reference)
    form = _versioned_form(
        forms.AppealLodgeForm,
        application,
        request.POST or None,
        initial={"received_on": timezone.localdate()},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        answers = {name: form.cleaned_data[name] for name in forms.AppealLodgeForm.base_fields}
        try:
            with versioned_write(form):
                services.appeal_lodge(actor=request.actor, application=application, **answers)
        except EditConflictError as error:
            conflict = conflict_on(form, error.current)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, f"Appeal recorded and passed to {application.area.appeal_body_name}.")
            return redirect("casereviews:detail", reference)
    return _form_page(
        request,
        application,
        form,
        f"Record an appeal to {application.area.appeal_body_name}",
        conflict=conflict,
    )


@login_required
@require_http_methods(["GET", "POST"])
def appeal_decide(request: SignedInRequest, reference: str) -> HttpResponse:
    application = _get_for_change(request, reference)
    appeal = getattr(application, "appeal", None)
    if appeal is None:
        raise Http404("No appeal.")
    form = _versioned_form(
        forms.AppealDecideForm,
        appeal,
        request.POST or None,
        versioned_fields=("decided_on", "outcome", "outcome_reasons"),
        initial={"decided_on": timezone.localdate()},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        answers = {name: form.cleaned_data[name] for name in forms.AppealDecideForm.base_fields}
        try:
            with versioned_write(form):
                services.appeal_decide(actor=request.actor, appeal=appeal, **answers)
        except EditConflictError as error:
            conflict = conflict_on(form, error.current)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "Appeal outcome recorded.")
            return redirect("casereviews:detail", reference)
    return _form_page(
        request, application, form, f"Record the decision of {appeal.appeal_body_name}", conflict=conflict
    )
