"""Staff: the review meeting, its recommendations and the letters to the applicant."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from csphub.agencies.models import Agency
from csphub.audit.services import audit_viewed
from csphub.casereviews import forms, selectors, services
from csphub.casereviews.models import Application, LetterKind
from csphub.casereviews.views._common import (
    _form_page,
    _get_for_change,
    _require_staff,
    _versioned_form,
)
from csphub.core.actor import SignedInRequest
from csphub.core.concurrency import EditConflictError, conflict_on, versioned_write
from csphub.core.errors import ApplicationError
from csphub.frontend.documents import pdf_response


def _review_bodies(application: Application) -> Any:
    bodies = application.area.relevant_bodies.all()
    return bodies if bodies.exists() else Agency.objects.all()


@login_required
@require_http_methods(["GET", "POST"])
def review(request: SignedInRequest, reference: str) -> HttpResponse:
    application = _get_for_change(request, reference)
    form = _versioned_form(
        forms.ReviewForm, application, request.POST or None, bodies=_review_bodies(application)
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        answers = {name: form.cleaned_data[name] for name in forms.ReviewForm.base_fields}
        try:
            with versioned_write(form):
                services.review_record(actor=request.actor, application=application, **answers)
        except EditConflictError as error:
            conflict = conflict_on(form, error.current)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "Review recorded. Add its recommendations.")
            return redirect("casereviews:detail", reference)
    return _form_page(
        request,
        application,
        form,
        "Record the review meeting",
        conflict=conflict,
        history=selectors.case_history_for_review(request.actor, application),
    )


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_new(request: SignedInRequest, reference: str) -> HttpResponse:
    application = _get_for_change(request, reference)
    review_meeting = getattr(application, "review", None)
    if review_meeting is None:
        messages.info(request, "Record the review meeting first.")
        return redirect("casereviews:detail", reference)
    form = forms.RecommendationForm(request.POST or None, agencies=_review_bodies(application))
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_add(actor=request.actor, review=review_meeting, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "Recommendation added.")
            return redirect("casereviews:detail", reference)
    return _form_page(request, application, form, "Add a recommendation")


@login_required
@require_http_methods(["GET", "POST"])
def letter_send(request: SignedInRequest, reference: str, kind: str) -> HttpResponse:
    application = _get_for_change(request, reference)
    if kind not in LetterKind.values:
        raise Http404("No such letter.")
    form = _versioned_form(
        forms.LetterSendForm,
        application,
        request.POST or None,
        initial={"kind": kind, "sent_on": timezone.localdate()},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            with versioned_write(form):
                letter = services.letter_send(
                    actor=request.actor,
                    application=application,
                    kind=kind,
                    sent_on=form.cleaned_data["sent_on"],
                )
        except EditConflictError as error:
            conflict = conflict_on(form, error.current)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, f"{letter.get_kind_display()} letter sent.")
            return redirect("casereviews:letter", reference, letter.pk)
    html = services.letter_render(application, kind=kind, dated=timezone.localdate())
    return render(
        request,
        "casereviews/staff/letter_send.html",
        {
            "form": form,
            "application": application,
            "html": html,
            "kind_label": LetterKind(kind).label,
            "conflict": conflict,
        },
    )


@login_required
def letter(request: SignedInRequest, reference: str, pk: int) -> HttpResponse:
    _require_staff(request)
    application = selectors.application_get_visible(request.actor, reference)
    sent = selectors.letter_get_visible(request.actor, application, pk)
    audit_viewed(actor=request.actor, target=sent)
    return render(request, "casereviews/staff/letter.html", {"application": application, "letter": sent})


@login_required
def letter_pdf(request: SignedInRequest, reference: str, pk: int) -> HttpResponse:
    _require_staff(request)
    application = selectors.application_get_visible(request.actor, reference)
    sent = selectors.letter_get_visible(request.actor, application, pk)
    audit_viewed(actor=request.actor, target=sent)
    return pdf_response(services.letter_pdf(sent), filename=f"{application.reference}-{sent.kind}.pdf")


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_done(request: SignedInRequest, reference: str, pk: int) -> HttpResponse:
    application = _get_for_change(request, reference)
    review_meeting = getattr(application, "review", None)
    recommendation = review_meeting.recommendations.filter(pk=pk).first() if review_meeting else None
    if recommendation is None:
        raise Http404("No such recommendation.")
    form = _versioned_form(
        forms.AcknowledgeForm,
        recommendation,
        request.POST or None,
        versioned_fields=("completed_on",),
        initial={"on": timezone.localdate()},
    )
    form.fields["on"].label = "Date completed"
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            with versioned_write(form):
                services.recommendation_complete(
                    actor=request.actor, recommendation=recommendation, on=form.cleaned_data["on"]
                )
        except EditConflictError as error:
            conflict = conflict_on(form, error.current)
        else:
            messages.success(request, "Recommendation marked as done.")
            return redirect("casereviews:detail", reference)
    return _form_page(request, application, form, f"Mark as done: {recommendation.text}", conflict=conflict)
