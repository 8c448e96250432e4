"""Staff: dashboard, intake of an application, its detail page, contact, acknowledgement, prompts, closing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from csphub.agencies.policies import Action, can
from csphub.audit.services import audit_listed, audit_viewed
from csphub.casereviews import forms, rules, selectors, services
from csphub.casereviews.views._common import (
    _change_journey,
    _form_page,
    _get_for_change,
    _require_staff,
    _versioned_form,
)
from csphub.core.actor import SignedInRequest
from csphub.core.concurrency import EditConflictError, conflict_on, versioned_write
from csphub.core.errors import ApplicationError


@login_required
def dashboard(request: SignedInRequest) -> HttpResponse:
    _require_staff(request)
    today = timezone.localdate()
    rows = selectors.dashboard(request.actor, today=today)
    audit_listed(actor=request.actor, targets=[row.application for row in rows])
    return render(
        request,
        "casereviews/staff/dashboard.html",
        {
            "rows": rows,
            "today": today,
            "overdue_count": sum(1 for r in rows if r.overdue),
            "recommendations_overdue": selectors.recommendations_overdue(request.actor, today=today),
            "prompt_count": selectors.prompts_open_for(request.actor).count(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def intake(request: SignedInRequest) -> HttpResponse:
    _require_staff(request)
    areas = list(selectors.area_list_public())
    form = forms.StaffIntakeForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        area = next(
            (a for a in areas if a.slug == request.POST.get("area")), areas[0] if len(areas) == 1 else None
        )
        if area is None:
            form.add_error(None, "Select the area")
        else:
            try:
                application = services.application_submit(actor=request.actor, area=area, **form.cleaned_data)
            except ApplicationError as error:
                form.add_application_error(error)
            else:
                messages.success(request, f"Application {application.reference} recorded.")
                return redirect("casereviews:detail", application.reference)
    return render(request, "casereviews/staff/intake.html", {"form": form, "areas": areas})


@login_required
def detail(request: SignedInRequest, reference: str) -> HttpResponse:
    _require_staff(request)
    application = selectors.application_get_visible(request.actor, reference)
    audit_viewed(actor=request.actor, target=application)
    today = timezone.localdate()
    decision = getattr(application, "threshold_decision", None)
    review = getattr(application, "review", None)
    links, links_not_shared = selectors.incident_links_visible_to(request.actor, application)
    return render(
        request,
        "casereviews/staff/detail.html",
        {
            "application": application,
            "today": today,
            "clocks": application.clocks(),
            "overdue": {c.stage for c in application.overdue_clocks(today=today)},
            "links": links,
            "links_not_shared": links_not_shared,
            "history": selectors.case_history_for_review(request.actor, application),
            "decision": decision,
            "preview": services.threshold_preview(application) if decision is None else None,
            "review": review,
            "recommendations": list(review.recommendations.select_related("owner_agency")) if review else [],
            "letters": list(application.letters.all()),
            "appeal": getattr(application, "appeal", None),
            "appeal_closes_on": application.appeal_window_closes_on(),
            "can_change": can(request.actor, Action.CHANGE, application),
            "can_link": services.application_can_link(request.actor, application),
            "status": rules.Status,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def acknowledge(request: SignedInRequest, reference: str) -> HttpResponse:
    application = _get_for_change(request, reference)
    form = _versioned_form(
        forms.AcknowledgeForm, application, request.POST or None, initial={"on": timezone.localdate()}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            with versioned_write(form):
                services.application_acknowledge(
                    actor=request.actor, application=application, on=form.cleaned_data["on"]
                )
        except EditConflictError as error:
            conflict = conflict_on(form, error.current)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "Acknowledgement recorded.")
            return redirect("casereviews:detail", reference)
    return _form_page(request, application, form, "Record the acknowledgement", conflict=conflict)


@login_required
def prompts(request: SignedInRequest) -> HttpResponse:
    _require_staff(request)
    open_prompts = list(selectors.prompts_open_for(request.actor))
    # The page names victims: each prompt and each victim shown is recorded.
    audit_listed(actor=request.actor, targets=[*open_prompts, *{p.victim for p in open_prompts}])
    return render(request, "casereviews/staff/prompts.html", {"prompts": open_prompts})


@login_required
@require_http_methods(["GET", "POST"])
def prompt_explained(request: SignedInRequest, pk: int) -> HttpResponse:
    _require_staff(request)
    prompt = selectors.prompt_get_visible(request.actor, pk)
    if request.method != "POST":  # the page names the victim
        audit_viewed(actor=request.actor, target=prompt.victim, justification="Case Review prompt")
    form = _versioned_form(
        forms.PromptExplainedForm,
        prompt,
        request.POST or None,
        versioned_fields=("explained_on", "explained_by", "how_explained"),
        initial={"explained_on": timezone.localdate()},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        answers = {name: form.cleaned_data[name] for name in forms.PromptExplainedForm.base_fields}
        try:
            with versioned_write(form):
                services.prompt_record_explained(actor=request.actor, prompt=prompt, **answers)
        except EditConflictError as error:
            conflict = conflict_on(form, error.current)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "Recorded that the ASB Case Review was explained.")
            return redirect("casereviews:prompts")
    return render(
        request,
        "casereviews/staff/prompt_explained.html",
        {"form": form, "prompt": prompt, "conflict": conflict},
    )


@login_required
@require_http_methods(["GET", "POST"])
def close(request: SignedInRequest, reference: str) -> HttpResponse:
    """Close (after the outcome or a "not met" decision, once no appeal is coming) or withdraw."""
    application = _get_for_change(request, reference)
    form = _versioned_form(
        forms.CloseForm, application, request.POST or None, initial={"on": timezone.localdate()}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        service = (
            services.application_withdraw
            if form.cleaned_data["how"] == "withdrawn"
            else services.application_close
        )
        try:
            with versioned_write(form):
                service(actor=request.actor, application=application, on=form.cleaned_data["on"])
        except EditConflictError as error:
            conflict = conflict_on(form, error.current)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "Application closed.")
            return redirect("casereviews:detail", reference)
    return _form_page(request, application, form, "Close the application", conflict=conflict)


@login_required
@require_http_methods(["GET", "POST"])
def spoc_change(request: SignedInRequest, reference: str) -> HttpResponse:
    application = _get_for_change(request, reference)
    candidates = services.spoc_candidates(application.owning_agency).exclude(pk=application.spoc_id or 0)
    form = _versioned_form(forms.SpocForm, application, request.POST or None, candidates=candidates)

    def perform(data: dict[str, Any]) -> Any:
        return services.application_assign_spoc(
            actor=request.actor, application=application, spoc=data["spoc"]
        )

    def done(result: Any) -> HttpResponse:
        messages.success(request, "Single point of contact changed.")
        return redirect("casereviews:detail", reference)

    current = application.spoc.get_full_name() or application.spoc.username if application.spoc else "nobody"
    return _change_journey(
        request,
        form,
        perform=perform,
        done=done,
        question={
            "heading": "Change the single point of contact",
            "caption": application.reference,
            "application": application,
            "intro": f"The single point of contact is {current} now.",
        },
        check={
            "heading": "Check the new single point of contact",
            "caption": application.reference,
            "application": application,
            "explain": (
                f"{application.applicant_name} will be told by e-mail at {application.applicant_email}."
                if application.applicant_email
                else f"{application.applicant_name} has no e-mail address: tell them by "
                f"{application.get_contact_preference_display().lower()}."
            ),
            "confirm_label": "Change the contact",
        },
    )
