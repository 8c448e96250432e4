"""Run the Strategic Assessment and keep its outputs; audited."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from csphub.agencies.policies import Capability, has_capability
from csphub.analytics import pipeline
from csphub.audit.services import audit_record
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.core.locks import named_lock
from csphub.insights.models import AssessmentRun
from csphub.reports.render import render_report

BUSY = "Another Strategic Assessment is being produced. Try again in a few minutes."
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "area"


def assessments_root(data_dir: Path | None = None) -> Path:
    return Path(data_dir or settings.DATA_DIR) / "assessments"


def assessment_run(
    *,
    actor: Any,
    area: str,
    date_from: str,
    date_to: str,
    data_dir: Path | None = None,
    check_permission: bool = True,
) -> AssessmentRun:
    """Compute and render the assessment for ``area`` and months ``date_from``..``date_to``.

    Re-running the same area and period replaces the earlier run's files (idempotent).
    """
    if check_permission and not has_capability(actor, Capability.VIEW_ASSESSMENT):
        raise PermissionDeniedError("You cannot run the Strategic Assessment.")
    for name, value in (("date_from", date_from), ("date_to", date_to)):
        if not MONTH.match(value):
            raise ApplicationError("Enter the month as YYYY-MM, for example 2024-01", field=name)
    if date_from > date_to:
        raise ApplicationError("The first month must be before the last month", field="date_from")
    data_dir = Path(data_dir or settings.DATA_DIR)
    # One run at a time across every worker (finding 18): concurrent runs of one area share a folder.
    with named_lock("assessment", busy_message=BUSY):
        try:
            assessment = pipeline.run_assessment(area, date_from=date_from, date_to=date_to, data_dir=data_dir)
        except (ValueError, KeyError, LookupError) as exc:
            raise ApplicationError(str(exc), field="area") from exc
        relative = Path(_slug(area)) / f"{date_from}_{date_to}"
        final = assessments_root(data_dir) / relative
        staging = final.with_name(final.name + ".tmp")
        shutil.rmtree(staging, ignore_errors=True)
        render_report(assessment, staging)
        shutil.rmtree(final, ignore_errors=True)
        staging.rename(final)
        area_name = str(assessment.area.get("name") or area)
        with transaction.atomic():
            run, _ = AssessmentRun.objects.update_or_create(
                area_query=area,
                date_from=date_from,
                date_to=date_to,
                defaults={
                    "area_name": area_name,
                    "output_dir": str(relative),
                    "headline": assessment.headline,
                    "notes": assessment.notes,
                    "generated_at": timezone.now(),
                    "created_by": actor,
                    "modified_by": actor,
                },
            )
            audit_record(actor=actor, verb="assessment.generated", target=run)
    return run


def assessment_refresh(*, data_dir: Path | None = None, area: str = "Amber Valley") -> AssessmentRun | None:
    """The demo's assessment: the latest full calendar year in the store for ``area``."""
    store = pipeline.store_for(data_dir or settings.DATA_DIR)
    months = sorted(store.months())
    year = int(months[-1][:4]) if months else timezone.localdate().year - 1
    if months and months[-1][5:] != "12":
        year -= 1
    return assessment_run(
        actor=None,
        area=area,
        date_from=f"{year}-01",
        date_to=f"{year}-12",
        data_dir=data_dir,
        check_permission=False,
    )


def assessment_pdf(*, run: AssessmentRun) -> Path:
    """Render the run's report as PDF with WeasyPrint (cached beside the HTML)."""
    from weasyprint import HTML

    from csphub.insights.selectors import run_dir

    folder = run_dir(run)
    target = folder / "report.pdf"
    staging = folder / "report.pdf.tmp"
    HTML(filename=str(folder / "report.html"), base_url=str(folder)).write_pdf(staging)
    staging.rename(target)
    return target
