"""Pages: hot-spot problem solving, the multi-agency assessment's partner counts, board packs."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from csphub.analytics.sources.partner_counts import DICTIONARY, MEASURES, template_csv
from csphub.core.actor import SignedInRequest
from csphub.core.errors import ApplicationError
from csphub.frontend import documents, flows
from csphub.insights import selectors as insights_selectors
from csphub.planning.board import charts as plan_charts
from csphub.planning.board import forms, selectors, services
from csphub.planning.boardpack import BoardPack
from csphub.planning.problem_solving import ProblemSolvingPlan, Stage


def _viewer(request: SignedInRequest) -> None:
    if not selectors.may_view(request.actor):
        raise PermissionDenied


def _manager(request: SignedInRequest) -> None:
    if not selectors.may_manage(request.actor):
        raise PermissionDenied


# ---------------------------------------------------------------- problem solving


@login_required
def problem_list(request: SignedInRequest) -> HttpResponse:
    _viewer(request)
    hot = selectors.hot_spots_to_open(request.actor)
    return render(
        request,
        "planning/board/problem_list.html",
        {
            "plans": selectors.plans_visible_to(request.actor),
            "run": hot[0] if hot else None,
            "places": hot[1] if hot else [],
            "may_manage": selectors.may_manage(request.actor),
        },
    )


@login_required
def problem_new(request: SignedInRequest) -> HttpResponse:
    _manager(request)
    hot = selectors.hot_spots_to_open(request.actor)
    if hot is None:
        messages.error(request, "The partnership has no adopted Strategic Assessment with hot spots yet.")
        return redirect("planning:problem_list")
    form = forms.PlanOpenForm(flows.posted(request), places=hot[1])

    def done(plan: ProblemSolvingPlan) -> HttpResponse:
        messages.success(request, f"Problem-solving plan opened for {plan.place_description}")
        return redirect("planning:problem_detail", plan.pk)

    return flows.question_check_confirm(
        request,
        form,
        perform=lambda data: services.problem_plan_open(
            actor=request.actor, place_key=data["place"], title=data["title"]
        ),
        done=done,
        question=flows.Page(
            "planning/board/question.html",
            {
                "heading": "Open a problem-solving plan",
                "intro": f"The hot spots of the partnership's adopted Strategic Assessment ({hot[0]}), busiest first.",
                "back": "planning:problem_list",
            },
        ),
        check=flows.Page(
            "planning/board/check_answers.html",
            {
                "heading": "Check the plan before you open it",
                "confirm_label": "Open the plan",
                "back": "planning:problem_list",
            },
        ),
    )


@login_required
def problem_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(request.actor, pk)
    may_manage = selectors.may_manage(request.actor)
    stages_form = forms.PlanStagesForm(
        request.POST if request.method == "POST" and may_manage else None,
        initial={
            "scanning": plan.scanning,
            "analysis": plan.analysis,
            "response_started": plan.response_started,
        },
    )
    if request.method == "POST":
        _manager(request)
        if stages_form.is_valid():
            try:
                services.problem_plan_update(actor=request.actor, plan=plan, **stages_form.cleaned_data)
            except ApplicationError as error:
                stages_form.add_application_error(error)
            else:
                messages.success(request, "The plan is saved")
                return redirect("planning:problem_detail", plan.pk)
    return render(
        request,
        "planning/board/problem_detail.html",
        {
            "plan": plan,
            "form": stages_form,
            "responses": selectors.responses_of(plan),
            "response_form": forms.ResponseForm(),
            "status_form": forms.ResponseStatusForm(),
            "result": selectors.plan_result(plan),
            "monthly": selectors.plan_monthly_rows(plan),
            "stages": Stage,
            "may_manage": may_manage,
        },
    )


@login_required
def problem_response_new(request: SignedInRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(request.actor, pk)
    _manager(request)
    form = forms.ResponseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.problem_response_add(actor=request.actor, plan=plan, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "The action is added")
            return redirect("planning:problem_detail", plan.pk)
    return render(
        request,
        "planning/board/question.html",
        {
            "form": form,
            "heading": "Add a partner's action",
            "caption": plan.title,
            "continue_label": "Add the action",
            "back_plan": plan.pk,
        },
    )


@login_required
@require_POST
def problem_response_status(request: SignedInRequest, pk: int, response_pk: int) -> HttpResponse:
    plan = selectors.plan_get(request.actor, pk)
    _manager(request)
    response = selectors.response_get(request.actor, plan, response_pk)
    form = forms.ResponseStatusForm(request.POST)
    if form.is_valid():
        services.problem_response_status(
            actor=request.actor, response=response, status=form.cleaned_data["status"]
        )
        messages.success(request, f"{response.action}: {response.get_status_display().lower()}")
    else:
        messages.error(request, "Choose the status")
    return redirect("planning:problem_detail", plan.pk)


@login_required
@require_POST
def problem_assess(request: SignedInRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(request.actor, pk)
    _manager(request)
    try:
        services.problem_plan_assess(actor=request.actor, plan=plan)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "The change is measured against the comparison cells")
    return redirect("planning:problem_detail", plan.pk)


# ---------------------------------------------------------------- partners' counts


def _assessment_figures(request: SignedInRequest) -> dict[str, Any]:
    """The figures of the multi-agency assessment page and its download, as the reader may see them:
    counts of the partnerships their figures count; a county board reads its districts' records with
    every count from 1 to 4 shown as "fewer than 5", as on its overview."""
    months = selectors.assessment_months()
    counted = selectors.counted_partnerships(request.actor)
    partner_rows = selectors.partner_measure_rows(months, counted)
    app_rows = selectors.app_record_rows(months, counted)
    lsoas = selectors.lsoa_rows(months, counted)
    adoption = insights_selectors.current_adoption(request.actor)
    sources = selectors.sources_summary(app_rows, partner_rows, months, adoption.run if adoption else None)
    board = selectors.is_board(request.actor)
    if board:
        app_rows = selectors.suppress_rows(app_rows)
        lsoas = selectors.suppress_rows(lsoas, ("incidents", "incidents_total", "cases"))
    return {
        "months": months,
        "period": selectors.period_words(months[0], months[-1]),
        "partner_rows": partner_rows,
        "app_rows": app_rows,
        "lsoa_rows": lsoas,
        "sources": sources,
        "suppressed": board,
        "counted": counted,
    }


@login_required
def partner_data(request: SignedInRequest) -> HttpResponse:
    """The multi-agency assessment: partners' counts and the app's own records, month by month."""
    _viewer(request)
    from csphub.cases.models import AsbType

    return render(
        request,
        "planning/board/partner_data.html",
        {
            **_assessment_figures(request),
            "asb_types": AsbType.labels,
            "uploads": selectors.partner_uploads_visible_to(request.actor)[:20],
            "may_manage": selectors.may_manage(request.actor),
        },
    )


@login_required
def partner_data_csv(request: SignedInRequest) -> HttpResponse:
    """The page's figures as a CSV file: every monthly row with its source, then incidents and cases
    by month, category and LSOA (the same small-number rule as the page)."""
    _viewer(request)
    import csv
    import io

    from csphub.analytics.sources.reference import load_reference
    from csphub.cases.selectors.figures import suppressed

    figures = _assessment_figures(request)
    months = figures["months"]
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["measure", "source", *months, "total"])
    for r in [*figures["app_rows"], *figures["partner_rows"]]:
        w.writerow([r["measure"], r["source"], *r["values"], r["total"]])
    w.writerow([])
    w.writerow(["month", "lsoa_code", "lsoa_name", "measure", "category", "count", "source"])
    geo = load_reference(boundaries=False)
    for month, code, measure, category, n in selectors.cube_rows(months, figures["counted"]):
        lsoa = geo.lsoas.get(code) if code else None
        name = lsoa.name if lsoa is not None else ("" if code else "Not located")
        source = "Recorded in CSP Hub: " + ("ASB incidents" if measure == "ASB incidents" else "ASB cases")
        w.writerow(
            [month, code, name, measure, category, suppressed(n) if figures["suppressed"] else n, source]
        )
    w.writerow([])
    w.writerow(["source", "figures", "period"])
    for src in figures["sources"]:
        w.writerow([src["source"], src["figures"], src["period"]])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="multi-agency-assessment-counts.csv"'
    return response


@login_required
def partner_dictionary(request: SignedInRequest) -> HttpResponse:
    _viewer(request)
    return render(
        request, "planning/board/partner_dictionary.html", {"columns": DICTIONARY, "measures": MEASURES}
    )


@login_required
def partner_template(request: SignedInRequest) -> HttpResponse:
    _viewer(request)
    response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="partner-counts-template.csv"'
    return response


@login_required
def partner_upload(request: SignedInRequest) -> HttpResponse:
    _manager(request)
    form = forms.PartnerUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["data_file"]
        try:
            if (f.size or 0) > services.MAX_PARTNER_FILE_BYTES:
                raise ApplicationError(
                    "The file is larger than 2 MB: send the counts in several files.", field="data_file"
                )
            upload = services.partner_counts_load(
                actor=request.actor, agency=form.cleaned_data["agency"], file_name=f.name or "", data=f.read()
            )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            return redirect("planning:partner_upload_detail", upload.pk)
    return render(request, "planning/board/partner_upload.html", {"form": form})


@login_required
def partner_upload_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    upload = selectors.partner_upload_get(request.actor, pk)
    return render(request, "planning/board/partner_upload_detail.html", {"upload": upload})


# ---------------------------------------------------------------- board packs


@login_required
def pack_list(request: SignedInRequest) -> HttpResponse:
    _viewer(request)
    return render(
        request,
        "planning/board/pack_list.html",
        {
            "packs": selectors.packs_visible_to(request.actor),
            "may_manage": selectors.may_manage(request.actor),
        },
    )


@login_required
def pack_new(request: SignedInRequest) -> HttpResponse:
    _manager(request)
    form = forms.BoardPackForm(flows.posted(request))

    def done(pack: BoardPack) -> HttpResponse:
        messages.success(request, f"Board pack made for {pack.quarter_label}")
        return redirect("planning:pack_detail", pack.pk)

    return flows.question_check_confirm(
        request,
        form,
        perform=lambda data: services.board_pack_generate(actor=request.actor, quarter=data["quarter"]),
        done=done,
        question=flows.Page(
            "planning/board/question.html",
            {
                "heading": "Make a board pack",
                "intro": "The pack's figures are counted when it is made and kept as they were, so the "
                "board reads the same pack whenever it opens it.",
                "back": "planning:pack_list",
            },
        ),
        check=flows.Page(
            "planning/board/check_answers.html",
            {
                "heading": "Check the quarter",
                "confirm_label": "Make the board pack",
                "back": "planning:pack_list",
            },
        ),
    )


def _pack_context(pack: BoardPack) -> dict[str, object]:
    """The pack's frozen figures, with the Plan's charts drawn from them (each beside its table)."""
    plan = (pack.figures or {}).get("csp_plan")
    charts: dict[str, object] = {}
    if plan:
        charts = {
            "measures": [
                {**m, "uri": plan_charts.measure_chart(m), "alt": plan_charts.measure_chart_title(m)}
                for m in plan["measures"]
            ],
            "rag": plan_charts.rag_chart(plan["rag_by_priority"]) if plan["rag_by_priority"] else None,
        }
    return {
        "pack": pack,
        "f": pack.figures,
        "plan_charts": charts,
        "plan_counted": "csp_plan" in (pack.figures or {}),
    }


@login_required
def pack_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    pack = selectors.pack_get(request.actor, pk)
    return render(request, "planning/board/pack_detail.html", _pack_context(pack))


@login_required
def pack_pdf(request: SignedInRequest, pk: int) -> HttpResponse:
    pack = selectors.pack_get(request.actor, pk)
    pdf = documents.render_pdf("planning/board/pack_document.html", _pack_context(pack))
    return documents.pdf_response(pdf, filename=f"board-pack-{pack.quarter}.pdf")
