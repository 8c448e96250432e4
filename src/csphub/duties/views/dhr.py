"""Domestic Homicide Review pages. Only the compartment's named members (never administrators) see
a review; anyone else gets 404 on a review's pages and 403 on the register. Every page that shows a
review records it in the audit trail."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from csphub.agencies.policies import Action
from csphub.audit.services import audit_listed, audit_viewed
from csphub.core.actor import SignedInRequest
from csphub.core.concurrency import versioned
from csphub.core.errors import ApplicationError
from csphub.duties.forms import dhr as forms
from csphub.duties.models import DhrStatus, DomesticHomicideReview
from csphub.duties.rules import dhr as rules
from csphub.duties.selectors import dhr as selectors
from csphub.duties.services import dhr as services
from csphub.frontend import flows
from csphub.frontend.documents import HTML, PDF, document_response

CAPTION = "Domestic Homicide Reviews"
# What a step on a review acts on, and a conflict names (core.concurrency, through frontend.flows).
REVIEW_VERSIONED = (
    "status",
    "decision",
    "decided_on",
    "home_office_told_on",
    "chair_name",
    "report_due_on",
    "report_completed_on",
    "qa_submitted_on",
    "qa_outcome",
    "published_on",
)


def _journey(
    request: SignedInRequest,
    form: Any,
    *,
    perform: Callable[[dict[str, Any]], Any],
    done_url: str,
    done_message: str,
    heading: str,
    back_url: str,
    confirm_label: str,
    explain: str = "",
    intro: str = "",
) -> HttpResponse:
    page = {"caption": CAPTION, "back_url": back_url}

    def done(_: Any) -> HttpResponse:
        messages.success(request, done_message)
        return redirect(done_url)

    return flows.question_check_confirm(
        request,
        form,
        perform=perform,
        done=done,
        question=flows.Page("duties/prevent/question.html", {**page, "heading": heading, "intro": intro}),
        check=flows.Page(
            "duties/prevent/check.html",
            {**page, "heading": "Check your answers", "confirm_label": confirm_label, "explain": explain},
        ),
    )


def _member(request: SignedInRequest) -> None:
    if not selectors.is_member(request.actor):
        raise PermissionDenied


@login_required
def dhr_list(request: SignedInRequest) -> HttpResponse:
    _member(request)
    reviews = list(selectors.reviews_visible(request.actor)[:200])
    audit_listed(actor=request.actor, targets=reviews)
    return render(
        request,
        "duties/dhr/list.html",
        {"reviews": reviews, "is_lead": selectors.is_lead(request.actor), "today": timezone.localdate()},
    )


@login_required
def dhr_new(request: SignedInRequest) -> HttpResponse:
    if not selectors.is_lead(request.actor):
        raise PermissionDenied
    back = reverse("duties:dhr_list")

    def perform(data: dict[str, Any]) -> DomesticHomicideReview:
        return services.dhr_notification_record(actor=request.actor, **data)

    def done(review: DomesticHomicideReview) -> HttpResponse:
        messages.success(
            request,
            f"{review.reference} opened: decide whether to hold a review by "
            f"{rules.decision_due(review.notified_on):%-d %B %Y}",
        )
        return redirect("duties:dhr_detail", review.pk)

    page = {"caption": CAPTION, "back_url": back}
    return flows.question_check_confirm(
        request,
        forms.NotificationForm(flows.posted(request)),
        perform=perform,
        done=done,
        question=flows.Page(
            "duties/prevent/question.html", {**page, "heading": "Record a police notification of a death"}
        ),
        check=flows.Page(
            "duties/prevent/check.html",
            {
                **page,
                "heading": "Check your answers",
                "confirm_label": "Open the review record",
                "explain": "The partnership must decide whether to hold a review within one month of the "
                "notification, and tell the Home Office of its decision.",
            },
        ),
    )


@dataclass(frozen=True)
class Step:
    form: type[Any]
    service: Callable[..., Any]
    heading: str
    confirm: str
    available: Callable[[DomesticHomicideReview], bool]
    versioned: bool = True
    explain: str = ""


def _in_progress(review: DomesticHomicideReview) -> bool:
    return review.status == DhrStatus.IN_PROGRESS


def _under_review(review: DomesticHomicideReview) -> bool:
    return review.status in services.UNDER_REVIEW


STEPS: dict[str, Step] = {
    "decision": Step(
        forms.DecisionForm,
        services.dhr_decision_record,
        "Decide whether to hold a review",
        "Record the decision",
        lambda r: r.status == DhrStatus.AWAITING_DECISION,
        explain="Next, tell the Home Office of the decision, whichever way it went.",
    ),
    "home-office": Step(
        forms.HomeOfficeForm,
        services.dhr_home_office_told,
        "Record that the Home Office was told of the decision",
        "Record it",
        lambda r: r.decided_on is not None and r.home_office_told_on is None,
    ),
    "chair": Step(
        forms.ChairForm,
        services.dhr_chair_appoint,
        "Appoint the independent chair",
        "Appoint the chair",
        _in_progress,
    ),
    "panel": Step(
        forms.PanelMemberForm,
        services.dhr_panel_member_add,
        "Add an agency to the review panel",
        "Add to the panel",
        _in_progress,
        versioned=False,
    ),
    "extension": Step(
        forms.ExtensionForm,
        services.dhr_extension_record,
        "Extend the target date for the report",
        "Record the extension",
        _in_progress,
    ),
    "report": Step(
        forms.ReportForm,
        services.dhr_report_complete,
        "Record that the report is complete",
        "Record it",
        _in_progress,
    ),
    "qa-submit": Step(
        forms.QaSubmitForm,
        services.dhr_qa_submit,
        "Send the report to the Home Office Quality Assurance Panel",
        "Record it",
        lambda r: r.status == DhrStatus.REPORT_COMPLETE,
    ),
    "qa-outcome": Step(
        forms.QaOutcomeForm,
        services.dhr_qa_outcome_record,
        "Record the Quality Assurance Panel's outcome",
        "Record the outcome",
        lambda r: r.status == DhrStatus.WITH_QA_PANEL,
    ),
    "publish": Step(
        forms.PublishForm,
        services.dhr_publish,
        "Record the publication",
        "Record the publication",
        lambda r: r.status == DhrStatus.APPROVED,
        explain="Only an anonymised report, approved by the Home Office, is published.",
    ),
    "recommendation": Step(
        forms.RecommendationForm,
        services.dhr_recommendation_add,
        "Add a recommendation",
        "Add the recommendation",
        _under_review,
        versioned=False,
    ),
    "pseudonym": Step(
        forms.PseudonymForm,
        services.dhr_pseudonym_add,
        "Agree a pseudonym for the published report",
        "Agree the pseudonym",
        _under_review,
        versioned=False,
        explain="The published report uses the pseudonym wherever the name, or any part of it, appears.",
    ),
    "action": Step(
        forms.ActionForm,
        services.dhr_action_add,
        "Add an action to the action plan",
        "Add the action",
        lambda r: _under_review(r) and r.recommendations.exists(),
        versioned=False,
    ),
}

# The buttons a lead sees, in the order the review runs.
STEP_BUTTONS = (
    ("decision", "Record the decision"),
    ("home-office", "Record that the Home Office was told"),
    ("chair", "Appoint the independent chair"),
    ("panel", "Add an agency to the panel"),
    ("extension", "Extend the report's target date"),
    ("report", "Record that the report is complete"),
    ("qa-submit", "Send to the Home Office Quality Assurance Panel"),
    ("qa-outcome", "Record the Panel's outcome"),
    ("publish", "Record the publication"),
    ("recommendation", "Add a recommendation"),
    ("action", "Add an action"),
    ("pseudonym", "Agree a pseudonym"),
)


@login_required
def dhr_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    review = selectors.review_get(request.actor, pk)
    audit_viewed(actor=request.actor, target=review)
    lead = selectors.is_lead(request.actor) and request.actor.policy.can(Action.CHANGE, review)
    today = timezone.localdate()
    decision_due = rules.decision_due(review.notified_on)
    recommendations = list(review.recommendations.all())
    actions = selectors.actions_of(review)
    by_recommendation = {r.pk: [a for a in actions if a.recommendation_id == r.pk] for r in recommendations}
    return render(
        request,
        "duties/dhr/detail.html",
        {
            "review": review,
            "today": today,
            "decision_due": decision_due,
            "decision_late": (
                not rules.decision_in_time(review.notified_on, review.decided_on)
                if review.decided_on
                else today > decision_due
            ),
            "report_late": review.status == DhrStatus.IN_PROGRESS
            and review.report_due_on is not None
            and today > review.report_due_on,
            "in_scope": rules.in_scope(review.deceased_age, review.relationship),
            "panel": list(review.panel.all()),
            "extensions": list(review.extensions.all()),
            "plan": [(r, by_recommendation[r.pk]) for r in recommendations],
            "publication_blocked": rules.publication_blocked_reason(
                review.qa_outcome, review.report_completed_on, True
            )
            if review.status not in (DhrStatus.PUBLISHED, DhrStatus.NOT_HELD, DhrStatus.AWAITING_DECISION)
            else "",
            "steps": [
                (slug, label) for slug, label in STEP_BUTTONS if lead and STEPS[slug].available(review)
            ],
            "deadlines": selectors.review_deadlines(review),
            "anonymised_report": lead and review.status in services.UNDER_REVIEW,
        },
    )


@login_required
def dhr_step(request: SignedInRequest, pk: int, step: str) -> HttpResponse:
    if step not in STEPS:
        raise Http404("No such step.")
    review = selectors.review_get(request.actor, pk, action=Action.CHANGE)
    if not selectors.is_lead(request.actor):
        raise PermissionDenied
    spec = STEPS[step]
    back = reverse("duties:dhr_detail", args=[review.pk])
    if not spec.available(review):
        return redirect(back)  # already done, or not yet possible
    audit_viewed(actor=request.actor, target=review)
    extra: dict[str, Any] = {}
    if step == "action":
        extra["recommendations"] = list(review.recommendations.all())
    if spec.versioned:
        form = versioned(spec.form)(
            flows.posted(request), record=review, versioned_fields=REVIEW_VERSIONED, **extra
        )
    else:
        form = spec.form(flows.posted(request), **extra)
    intro = ""
    if step == "extension" and review.report_due_on is not None:
        intro = f"The report's target date is now {review.report_due_on:%-d %B %Y}."
    return _journey(
        request,
        form,
        perform=lambda data: spec.service(actor=request.actor, review=review, **data),
        done_url=reverse("duties:dhr_publication", args=[review.pk]) if step == "pseudonym" else back,
        done_message=f"{review.reference} updated",
        heading=f"{spec.heading}: {review.reference}",
        back_url=back,
        confirm_label=spec.confirm,
        explain=spec.explain,
        intro=intro,
    )


@login_required
def dhr_publication(request: SignedInRequest, pk: int) -> HttpResponse:
    """The lead (for the independent chair) reviews the pseudonyms and produces the anonymised
    publication version of the report, as a page or a PDF (2016 statutory guidance)."""
    review = selectors.review_get(request.actor, pk, action=Action.CHANGE)
    if not selectors.is_lead(request.actor):
        raise PermissionDenied
    fmt = request.GET.get("format", "")
    if fmt:
        if fmt not in (HTML, PDF):
            raise Http404("No such format.")
        try:
            document = services.dhr_publication_produce(actor=request.actor, review=review)
        except ApplicationError as exc:
            messages.error(request, str(exc))
            return redirect("duties:dhr_publication", review.pk)
        return document_response(
            "duties/dhr/publication_document.html",
            {"document": document},
            fmt=fmt,
            filename=f"domestic-homicide-review-{document['victim'].lower().replace(' ', '-')}.pdf",
        )
    audit_viewed(actor=request.actor, target=review)
    built = selectors.publication(review)
    return render(
        request,
        "duties/dhr/publication.html",
        {
            "review": review,
            "pseudonyms": built["pseudonyms"],
            "problems": built["problems"],
            "document": built["document"],
            "can_add": STEPS["pseudonym"].available(review),
        },
    )


@login_required
def dhr_action(request: SignedInRequest, pk: int) -> HttpResponse:
    """Any member of the compartment (a panel member who owns an action) records its progress."""
    action = selectors.action_get(request.actor, pk)
    review = action.recommendation.review
    if not selectors.is_member(request.actor):
        raise Http404("No such record.")
    audit_viewed(actor=request.actor, target=review)
    back = reverse("duties:dhr_detail", args=[review.pk]) + "#action-plan"
    return _journey(
        request,
        versioned(forms.ActionProgressForm)(
            flows.posted(request), record=action, versioned_fields=("status", "progress", "completed_on")
        ),
        perform=lambda data: services.dhr_action_update(actor=request.actor, action=action, **data),
        done_url=back,
        done_message="Progress recorded",
        heading=f"Record progress: {review.reference}, recommendation {action.recommendation.number}",
        back_url=back,
        confirm_label="Record progress",
        intro=action.description,
    )
