"""Strategic Assessment pages: runs, the board report, and the machine-readable files."""

from __future__ import annotations

from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render

from csphub.agencies.policies import Capability, has_capability
from csphub.core.actor import SignedInRequest
from csphub.core.errors import ApplicationError
from csphub.insights import selectors, services
from csphub.insights.forms import AssessmentForm


@login_required
def run_list(request: SignedInRequest) -> HttpResponse:
    if not has_capability(request.actor, Capability.VIEW_ASSESSMENT):
        raise PermissionDenied
    form = AssessmentForm(request.POST or None, initial={"area": "Amber Valley"})
    if request.method == "POST" and form.is_valid():
        try:
            run = services.assessment_run(actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, f"Strategic Assessment for {run.area_name} is ready.")
            return redirect("insights:detail", run.pk)
    runs = selectors.assessment_runs_visible_to(request.actor)
    return render(request, "insights/list.html", {"runs": runs, "form": form})


@login_required
def run_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    run = selectors.assessment_run_get(request.actor, pk)
    return render(request, "insights/detail.html", {"run": run, "files": selectors.run_files(run)})


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
