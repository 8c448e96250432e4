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
)
from csphub.core.actor import SignedInRequest
from csphub.core.errors import ApplicationError


@login_required
@require_http_methods(["GET", "POST"])
def appeal_lodge(request: SignedInRequest, reference: str) -> HttpResponse:
    application = _get_for_change(request, reference)
    form = forms.AppealLodgeForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.appeal_lodge(actor=request.actor, application=application, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, f"Appeal recorded and passed to {application.area.appeal_body_name}.")
            return redirect("casereviews:detail", reference)
    return _form_page(request, application, form, f"Record an appeal to {application.area.appeal_body_name}")


@login_required
@require_http_methods(["GET", "POST"])
def appeal_decide(request: SignedInRequest, reference: str) -> HttpResponse:
    application = _get_for_change(request, reference)
    appeal = getattr(application, "appeal", None)
    if appeal is None:
        raise Http404("No appeal.")
    form = forms.AppealDecideForm(request.POST or None, initial={"decided_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.appeal_decide(actor=request.actor, appeal=appeal, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "Appeal outcome recorded.")
            return redirect("casereviews:detail", reference)
    return _form_page(request, application, form, f"Record the decision of {appeal.appeal_body_name}")
