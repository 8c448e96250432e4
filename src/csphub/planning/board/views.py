"""Pages: hot-spot problem solving, the multi-agency assessment's partner counts, board packs."""

from __future__ import annotations

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


@login_required
def partner_data(request: SignedInRequest) -> HttpResponse:
    """The multi-agency assessment: partners' counts and the app's own records, month by month."""
    _viewer(request)
    months = selectors.assessment_months()
    return render(
        request,
        "planning/board/partner_data.html",
        {
            "months": months,
            "partner_rows": selectors.partner_measure_rows(
                months, selectors.counted_partnerships(request.actor)
            ),
            "app_rows": selectors.app_record_rows(months, selectors.counted_partnerships(request.actor)),
            "uploads": selectors.partner_uploads_visible_to(request.actor)[:20],
            "may_manage": selectors.may_manage(request.actor),
        },
    )


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
