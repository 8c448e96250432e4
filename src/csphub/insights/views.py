"""Strategic Assessment pages: runs, the board report, and the machine-readable files."""

from __future__ import annotations

import csv
import io

from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from csphub.agencies.models import PartnershipKind
from csphub.agencies.policies import Capability, has_capability
from csphub.core.actor import SignedInRequest
from csphub.core.dbretry import StillLocked, retry_locked
from csphub.core.errors import ApplicationError
from csphub.insights import selectors, services, uploads
from csphub.insights.forms import AssessmentForm, DataUploadForm


@login_required
def run_list(request: SignedInRequest) -> HttpResponse:
    if not has_capability(request.actor, Capability.VIEW_ASSESSMENT):
        raise PermissionDenied
    form = AssessmentForm(request.POST or None, initial={"area": selectors.default_area(request.actor)})
    if request.method == "POST" and form.is_valid():
        try:
            run = services.assessment_run(actor=request.actor, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, f"Strategic Assessment for {run.area_name} is ready.")
            return redirect("insights:detail", run.pk)
    runs = selectors.assessment_runs_visible_to(request.actor)
    adoption = selectors.current_adoption(request.actor)
    can_load = has_capability(request.actor, Capability.LOAD_DATA)
    return render(
        request,
        "insights/list.html",
        {
            "runs": runs,
            "form": form,
            "can_load": can_load,
            "official_id": adoption.run_id if adoption else None,
        },
    )


@login_required
def run_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    run = selectors.assessment_run_get(request.actor, pk)
    adoption = selectors.current_adoption(request.actor)
    can_adopt = has_capability(request.actor, Capability.ADOPT_ASSESSMENT)
    return render(
        request,
        "insights/detail.html",
        {
            "run": run,
            "files": selectors.run_files(run),
            "adoption": adoption,
            "is_official": adoption is not None and adoption.run_id == run.pk,
            "history": selectors.adoption_history(run),
            "can_adopt": can_adopt,
            "not_adoptable": selectors.why_not_adoptable(request.actor, run) if can_adopt else "",
        },
    )


@login_required
@require_POST
def run_adopt(request: SignedInRequest, pk: int) -> HttpResponse:
    """Adopt the run as the partnership's official Strategic Assessment (the board's decision)."""
    run = selectors.assessment_run_get(request.actor, pk)
    if not has_capability(request.actor, Capability.ADOPT_ASSESSMENT):
        raise PermissionDenied
    try:
        services.assessment_adopt(actor=request.actor, run=run, note=request.POST.get("note", ""))
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{run} is now the partnership's official Strategic Assessment.")
    return redirect("insights:detail", run.pk)


# The board report is a self-contained document with its own inline styles; it runs no script.
@login_required
@csp_update({"style-src": ["'unsafe-inline'"]})  # type: ignore[arg-type]
def run_report(request: SignedInRequest, pk: int) -> HttpResponse:
    run = selectors.assessment_run_get(request.actor, pk)
    path = selectors.run_dir(run) / "report.html"
    if not path.exists():
        raise Http404("This report has not been rendered.")
    return HttpResponse(path.read_text(encoding="utf-8"), content_type="text/html; charset=utf-8")


@login_required
def run_file(request: SignedInRequest, pk: int, name: str) -> FileResponse:
    run = selectors.assessment_run_get(request.actor, pk)
    if name not in selectors.DOWNLOADS:
        raise Http404("No such file.")
    folder = selectors.run_dir(run)
    if name == "report.pdf" and not (folder / name).exists():
        services.assessment_pdf(run=run)
    path = folder / name
    if not path.exists():
        raise Http404("No such file.")
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"{run.area_name}-{run.date_from}-{run.date_to}-{name}",
        content_type=selectors.DOWNLOADS[name],
    )


# ------------------------------------------------------------------ loading police.uk data


def _may_load(request: SignedInRequest) -> None:
    if not has_capability(request.actor, Capability.LOAD_DATA):
        raise PermissionDenied


@login_required
def upload_list(request: SignedInRequest) -> HttpResponse:
    _may_load(request)
    partnership = selectors.acting_partnership(request.actor)
    is_board = partnership is not None and partnership.kind == PartnershipKind.BOARD
    form = DataUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            upload = uploads.data_upload_start(actor=request.actor, files=form.cleaned_data["data_files"])
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            return redirect("insights:upload", upload.pk)
    months = selectors.store_months()
    return render(
        request,
        "insights/uploads.html",
        {
            "form": form,
            "uploads": selectors.data_uploads_visible_to(request.actor)[:20],
            "partnership": partnership,
            "is_board": is_board,
            "first_month": months[0] if months else None,
            "last_month": months[-1] if months else None,
            "n_months": len(months),
        },
    )


@login_required
def upload_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    _may_load(request)
    upload = selectors.data_upload_get(request.actor, pk)
    return render(request, "insights/upload.html", {"upload": upload})


@login_required
def upload_progress(request: SignedInRequest, pk: int) -> JsonResponse:
    """The page's progress figures, polled every second while the job runs. The job writes them
    while this reads: on SQLite the read waits out a lock for up to two seconds, then answers
    "busy" (the page keeps its text and asks again), never an error."""
    _may_load(request)
    try:
        upload = retry_locked(lambda: selectors.data_upload_get(request.actor, pk))
    except StillLocked:
        return JsonResponse({"busy": True, "finished": False})
    return JsonResponse(
        {
            "status": upload.status,
            "status_label": upload.get_status_display(),
            "finished": upload.finished,
            "files_done": upload.files_done,
            "files_total": upload.files_total,
            "rows_done": upload.rows_done,
        }
    )


@login_required
def upload_quarantine(request: SignedInRequest, pk: int) -> HttpResponse:
    """The rows set aside, as CSV: file, line and reason."""
    _may_load(request)
    upload = selectors.data_upload_get(request.actor, pk)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["file", "line", "reason"])
    for row in upload.quarantined:
        writer.writerow([row.get("file", ""), row.get("line", ""), row.get("reason", "")])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="upload-{upload.pk}-rows-set-aside.csv"'
    return response


@login_required
def board_overview(request: SignedInRequest) -> HttpResponse:
    """A county board's view of its district partnerships' adopted assessments (aggregates only)."""
    if not has_capability(request.actor, Capability.VIEW_ASSESSMENT):
        raise PermissionDenied
    rows = selectors.board_members_adoptions(request.actor)
    if rows is None:
        raise Http404("You are not working in a county board.")
    return render(request, "insights/board.html", {"board": request.actor.partnership, "rows": rows})
