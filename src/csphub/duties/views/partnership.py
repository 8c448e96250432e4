"""Pages of the partnership registers: the deadlines page, s.17 assessments, s.17A returns, scrutiny
(and its pack for the crime and disorder committee) and the Community Remedy."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from csphub.agencies.policies import Action
from csphub.audit.models import DutyVerb
from csphub.audit.services import audit_listed, audit_record
from csphub.core.actor import SignedInRequest
from csphub.core.errors import ApplicationError
from csphub.duties import deadlines
from csphub.duties.forms.partnership import (
    MAX_RETURN_BYTES,
    CommunityResolutionForm,
    RemedyActionForm,
    S17AReturnForm,
    S17AssessmentForm,
    ScrutinyRecommendationForm,
    ScrutinyResponseForm,
)
from csphub.duties.models import CommunityRemedyAction, S17AReturn, ScrutinyRecommendation
from csphub.duties.rules import s17 as rules
from csphub.duties.rules import scrutiny as scrutiny_rules
from csphub.duties.selectors import partnership as selectors
from csphub.duties.services import partnership as services
from csphub.frontend import flows
from csphub.frontend.documents import HTML, PDF, document_response

QUESTION = "duties/partnership/question.html"
CHECK = "duties/partnership/check.html"


def _viewer(request: SignedInRequest) -> None:
    if not selectors.may_view(request.actor):
        raise PermissionDenied


# ---------------------------------------------------------------------------------------------
# Deadlines
# ---------------------------------------------------------------------------------------------


@login_required
def deadlines_page(request: SignedInRequest) -> HttpResponse:
    """Every deadline the person is responsible for, across the registers: overdue, due soon, later."""
    if request.actor.policy.membership is None:
        raise PermissionDenied
    today = timezone.localdate()
    summary = deadlines.summarise(deadlines.deadlines_for(request.actor, today), today)
    return render(
        request,
        "duties/partnership/deadlines.html",
        {"today": today, "summary": summary, "days": deadlines.UPCOMING_DAYS},
    )


# ---------------------------------------------------------------------------------------------
# Section 17
# ---------------------------------------------------------------------------------------------


@login_required
def s17_list(request: SignedInRequest) -> HttpResponse:
    _viewer(request)
    items = list(selectors.assessments(request.actor)[:300])
    by_agency: dict[str, int] = {}
    for item in items:
        by_agency[item.agency.name] = by_agency.get(item.agency.name, 0) + 1
    return render(
        request,
        "duties/partnership/s17_list.html",
        {
            "assessments": items,
            "by_agency": sorted(by_agency.items()),
            "can_record": selectors.may_record_s17(request.actor),
        },
    )


@login_required
def s17_new(request: SignedInRequest) -> HttpResponse:
    if not selectors.may_record_s17(request.actor):
        raise PermissionDenied
    form = S17AssessmentForm(flows.posted(request))

    def perform(data: dict[str, Any]) -> Any:
        themes = {code: data.pop(code, "") for code, _ in rules.THEMES}
        return services.s17_assessment_record(actor=request.actor, considerations=themes, **data)

    def done(assessment: Any) -> HttpResponse:
        messages.success(request, f"Section 17 assessment recorded for {assessment.title}")
        return redirect("duties:s17_list")

    context = {
        "caption": "Crime and Disorder Act 1998 section 17",
        "back_url": reverse("duties:s17_list"),
        "back_label": "Back to the section 17 register",
    }
    return flows.question_check_confirm(
        request,
        form,
        perform=lambda data: perform(dict(data)),
        done=done,
        question=flows.Page(
            QUESTION,
            {
                **context,
                "heading": "Record how a decision has regard to crime and disorder",
                "intro": "Each authority must consider the likely effect of its decisions on crime and "
                "disorder, anti-social behaviour, substance misuse, re-offending and serious violence, and "
                "do all it reasonably can to prevent them. Write a sentence for each, even if the effect is none.",
            },
        ),
        check=flows.Page(
            CHECK,
            {**context, "heading": "Check the assessment before you record it", "confirm_label": "Record it"},
        ),
    )


# ---------------------------------------------------------------------------------------------
# Section 17A
# ---------------------------------------------------------------------------------------------


@login_required
def s17a_list(request: SignedInRequest) -> HttpResponse:
    _viewer(request)
    today = timezone.localdate()
    table = selectors.return_status_table(request.actor, today)
    return render(
        request,
        "duties/partnership/s17a_list.html",
        {
            "quarters": rules.returns_expected(today),
            "table": table,
            "can_submit": selectors.may_submit_return(request.actor),
        },
    )


@login_required
def s17a_new(request: SignedInRequest) -> HttpResponse:
    if not selectors.may_submit_return(request.actor) or request.actor.agency is None:
        raise PermissionDenied
    today = timezone.localdate()
    quarters = selectors.returns_outstanding(request.actor, today)
    upload = request.FILES.get("file") if request.method == "POST" else None
    # The uploaded file becomes the posted text, so the check page carries it to the confirm step like
    # any other answer (a file input cannot be carried). A file too large is not read here: the form
    # refuses it with an error on the page.
    if upload is not None and (upload.size is None or upload.size <= MAX_RETURN_BYTES):
        posted = request.POST.copy()
        posted["text"] = upload.read().decode("utf-8-sig", errors="replace")
        upload.seek(0)
        request.POST = posted  # type: ignore[assignment]
    initial = {"quarter": request.GET.get("quarter", "")}
    form = S17AReturnForm(flows.posted(request), request.FILES or None, quarters=quarters, initial=initial)

    def perform(data: dict[str, Any]) -> S17AReturn:
        return services.s17a_return_submit(
            actor=request.actor, quarter_start=dt.date.fromisoformat(data["quarter"]), text=data["text"]
        )

    def preview(data: dict[str, Any]) -> dict[str, Any]:
        rows = services.s17a_parse(
            data["text"],
            agency_type=request.actor.agency.agency_type if request.actor.agency else "",
            quarter_start=dt.date.fromisoformat(data["quarter"]),
        )
        categories = rules.categories_for(request.actor.agency.agency_type if request.actor.agency else "")
        totals: dict[str, int] = {}
        for row in rows:
            label = categories[row["category"]]
            totals[label] = totals.get(label, 0) + int(row["count"])
        return {"totals": sorted(totals.items()), "row_count": len(rows)}

    def done(submitted: S17AReturn) -> HttpResponse:
        messages.success(request, f"Return submitted: {submitted.row_count} rows")
        return redirect("duties:s17a_detail", submitted.pk)

    def rows(form: Any) -> list[Any]:
        chosen = rules.quarter_of(dt.date.fromisoformat(form.cleaned_data["quarter"]))
        return [flows.Row("Period", chosen.label, change_anchor="id_quarter_0")]

    context = {
        "caption": "Crime and Disorder Act 1998 section 17A",
        "back_url": reverse("duties:s17a_list"),
        "back_label": "Back to the returns",
        "multipart": True,
    }
    if not quarters:
        context["nothing_due"] = True
    return flows.question_check_confirm(
        request,
        form,
        perform=perform,
        done=done,
        rows=rows,
        preview=preview,
        question=flows.Page(
            "duties/partnership/s17a_form.html",
            {**context, "heading": "Submit a depersonalised information return"},
        ),
        check=flows.Page(
            "duties/partnership/s17a_check.html",
            {
                **context,
                "heading": "Check the return before you submit it",
                "explain": "The return has been checked: it carries no names, dates of birth or addresses, "
                "and no place finer than the first half of a postcode.",
                "confirm_label": "Submit the return",
            },
        ),
    )


@login_required
def s17a_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    _viewer(request)
    submitted = selectors.return_get(request.actor, pk)
    quarter = rules.quarter_of(submitted.quarter_start)
    categories = rules.categories_for(submitted.agency.agency_type)
    totals: dict[str, int] = {}
    for row in submitted.rows.all():
        label = categories.get(row.category, row.category)
        totals[label] = totals.get(label, 0) + row.count
    return render(
        request,
        "duties/partnership/s17a_detail.html",
        {
            "submitted": submitted,
            "quarter": quarter,
            "late": rules.is_late(submitted.quarter_start, submitted.submitted_on),
            "totals": sorted(totals.items()),
        },
    )


@login_required
def s17a_export(request: SignedInRequest, pk: int) -> HttpResponse:
    _viewer(request)
    submitted = selectors.return_get(request.actor, pk)
    try:
        text = services.s17a_export(actor=request.actor, submitted=submitted)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("duties:s17a_detail", pk)
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    name = f"s17a-{submitted.agency.slug}-{submitted.quarter_start:%Y-%m}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# ---------------------------------------------------------------------------------------------
# Scrutiny
# ---------------------------------------------------------------------------------------------


@login_required
def scrutiny_list(request: SignedInRequest) -> HttpResponse:
    _viewer(request)
    today = timezone.localdate()
    recs = list(selectors.recommendations(request.actor))
    return render(
        request,
        "duties/partnership/scrutiny_list.html",
        {
            "recommendations": recs,
            "today": today,
            "can_record": selectors.is_coordinator(request.actor),
            "days": scrutiny_rules.RESPONSE_DAYS,
        },
    )


@login_required
def scrutiny_new(request: SignedInRequest) -> HttpResponse:
    if not selectors.is_coordinator(request.actor):
        raise PermissionDenied
    owners = [
        (str(m.pk), f"{m.user.get_full_name() or m.user.username} ({m.agency.short_name})")
        for m in selectors.coordinators(request.actor.partnership)
    ]
    form = ScrutinyRecommendationForm(flows.posted(request), owners=owners)

    def done(rec: ScrutinyRecommendation) -> HttpResponse:
        messages.success(request, f"Recommendation recorded: the response is due by {rec.due_on:%-d %B %Y}")
        return redirect("duties:scrutiny_detail", rec.pk)

    context = {
        "caption": "Police and Justice Act 2006 section 19",
        "back_url": reverse("duties:scrutiny_list"),
        "back_label": "Back to scrutiny",
    }
    return flows.question_check_confirm(
        request,
        form,
        perform=lambda data: services.scrutiny_recommendation_record(actor=request.actor, **data),
        done=done,
        preview=lambda data: {"due": scrutiny_rules.response_due(data["received_on"])},
        question=flows.Page(QUESTION, {**context, "heading": "Record a recommendation of the committee"}),
        check=flows.Page(
            "duties/partnership/scrutiny_check.html",
            {**context, "heading": "Check the recommendation", "confirm_label": "Record the recommendation"},
        ),
    )


@login_required
def scrutiny_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    _viewer(request)
    rec = selectors.recommendation_get(request.actor, pk)
    today = timezone.localdate()
    return render(
        request,
        "duties/partnership/scrutiny_detail.html",
        {
            "rec": rec,
            "overdue": rec.responded_on is None and rec.due_on < today,
            "late": rec.responded_on is not None
            and scrutiny_rules.response_late(rec.received_on, rec.responded_on),
            "can_respond": rec.responded_on is None and selectors.is_coordinator(request.actor),
        },
    )


@login_required
def scrutiny_respond(request: SignedInRequest, pk: int) -> HttpResponse:
    if not selectors.is_coordinator(request.actor):
        raise PermissionDenied
    rec = selectors.recommendation_get(request.actor, pk)
    form = ScrutinyResponseForm(flows.posted(request))

    def done(rec: ScrutinyRecommendation) -> HttpResponse:
        messages.success(request, "The partnership's response is recorded")
        return redirect("duties:scrutiny_detail", rec.pk)

    context = {
        "caption": f"Response due by {rec.due_on:%-d %B %Y}",
        "back_url": reverse("duties:scrutiny_detail", args=[rec.pk]),
        "back_label": "Back to the recommendation",
    }
    return flows.question_check_confirm(
        request,
        form,
        perform=lambda data: services.scrutiny_response_record(
            actor=request.actor, recommendation=rec, **data
        ),
        done=done,
        question=flows.Page(
            QUESTION, {**context, "heading": "Record the partnership's response", "intro": rec.recommendation}
        ),
        check=flows.Page(
            CHECK, {**context, "heading": "Check the response", "confirm_label": "Record the response"}
        ),
    )


@login_required
def scrutiny_pack(request: SignedInRequest) -> HttpResponse:
    """The annual pack for the council's crime and disorder committee, as a page or a PDF."""
    _viewer(request)
    fmt = request.GET.get("format", HTML)
    if fmt not in (HTML, PDF):
        raise Http404("No such format.")
    today = timezone.localdate()
    year_start = (
        dt.date(today.year - 1, today.month, 1) if today.month != 2 else dt.date(today.year - 1, 2, 1)
    )
    context = _pack_context(request, today, year_start)
    audit_record(actor=request.actor, verb=DutyVerb.SCRUTINY_PACK_PRODUCED, justification=fmt)
    return document_response(
        "duties/partnership/scrutiny_pack.html",
        context,
        fmt=fmt,
        filename=f"crime-and-disorder-scrutiny-pack-{today:%Y-%m-%d}.pdf",
    )


def _pack_context(request: SignedInRequest, today: dt.date, since: dt.date) -> dict[str, Any]:
    actor = request.actor
    assessments = selectors.assessments(actor).filter(decision_on__gte=since)
    by_agency: dict[str, int] = {}
    for item in assessments:
        by_agency[item.agency.name] = by_agency.get(item.agency.name, 0) + 1
    return {
        "today": today,
        "since": since,
        "s17_by_agency": sorted(by_agency.items()),
        "returns": selectors.return_status_table(actor, today),
        "quarters": rules.returns_expected(today),
        "recommendations": list(selectors.recommendations(actor).filter(received_on__gte=since)),
        "remedy_counts": selectors.resolution_counts(actor),
        "remedy_actions": list(selectors.remedy_actions(on=today)),
        "partnership": actor.partnership,
    }


# ---------------------------------------------------------------------------------------------
# Community Remedy
# ---------------------------------------------------------------------------------------------


@login_required
def remedy_list(request: SignedInRequest) -> HttpResponse:
    _viewer(request)
    today = timezone.localdate()
    return render(
        request,
        "duties/partnership/remedy_list.html",
        {
            "actions": list(selectors.remedy_actions(on=today)),
            "can_manage": selectors.is_coordinator(request.actor),
        },
    )


@login_required
def remedy_new(request: SignedInRequest) -> HttpResponse:
    if not selectors.is_coordinator(request.actor):
        raise PermissionDenied
    form = RemedyActionForm(flows.posted(request))

    def done(action: CommunityRemedyAction) -> HttpResponse:
        messages.success(request, f"{action.title} added to the Community Remedy document")
        return redirect("duties:remedy_list")

    context = {
        "caption": "Anti-social Behaviour, Crime and Policing Act 2014 section 101",
        "back_url": reverse("duties:remedy_list"),
        "back_label": "Back to the Community Remedy",
    }
    return flows.question_check_confirm(
        request,
        form,
        perform=lambda data: services.remedy_action_add(actor=request.actor, **data),
        done=done,
        question=flows.Page(
            QUESTION, {**context, "heading": "Add an action to the Community Remedy document"}
        ),
        check=flows.Page(
            CHECK, {**context, "heading": "Check the action", "confirm_label": "Add the action"}
        ),
    )


@login_required
def resolution_new(request: SignedInRequest, pk: int) -> HttpResponse:
    """Offer a community resolution on a case: the victim's views are asked first (s.102)."""
    case = selectors.case_for_resolution(request.actor, pk)
    if not request.actor.policy.can(Action.CHANGE, case):
        raise PermissionDenied
    today = timezone.localdate()
    actions = list(selectors.remedy_actions(on=today))
    offered = list(selectors.resolutions_for_case(request.actor, case))
    if offered and request.method == "GET":
        audit_listed(actor=request.actor, targets=offered)
    form = CommunityResolutionForm(flows.posted(request), actions=[(str(a.pk), a.title) for a in actions])

    def perform(data: dict[str, Any]) -> Any:
        chosen = next((a for a in actions if str(a.pk) == data["action"]), None)
        if chosen is None:
            raise ApplicationError("Select the action", field="action")
        return services.community_resolution_record(
            actor=request.actor, case=case, **{**data, "action": chosen}
        )

    def done(resolution: Any) -> HttpResponse:
        messages.success(request, f"Community resolution recorded: {resolution.action.title}")
        return redirect("cases:case_detail", case.pk)

    context = {
        "caption": case.reference,
        "back_url": reverse("cases:case_detail", args=[case.pk]),
        "back_label": f"Back to {case.reference}",
    }
    return flows.question_check_confirm(
        request,
        form,
        perform=perform,
        done=done,
        question=flows.Page(
            QUESTION,
            {
                **context,
                "heading": "Offer a community resolution",
                "intro": "Ask the victim which action from the Police and Crime Commissioner's Community Remedy "
                "document they would like the person to carry out before you choose one. If they ask for one, "
                "choose it unless it is not appropriate, and say why.",
                "empty": not actions,
                "offered": offered,
            },
        ),
        check=flows.Page(
            CHECK, {**context, "heading": "Check the community resolution", "confirm_label": "Record it"}
        ),
    )
