"""Run the Strategic Assessment and keep its outputs; audited."""

from __future__ import annotations

import shutil
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from csphub.agencies.models import Partnership
from csphub.agencies.policies import Capability, has_capability
from csphub.analytics import pipeline
from csphub.audit.services import audit_record
from csphub.core.actor import acting_user
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.core.locks import named_lock
from csphub.insights.models import AssessmentAdoption, AssessmentRun

BUSY = "Another Strategic Assessment is being produced. Try again in a few minutes."


def assessments_root(data_dir: Path | None = None) -> Path:
    return Path(data_dir or settings.DATA_DIR) / "assessments"


def _run_partnership(actor: Any, partnership: Partnership | None) -> Partnership:
    """The partnership a new run belongs to: the one the actor acts in. A county board may run one
    too (a run is aggregate figures, not a record about anyone, unlike what
    ``partnership_for_new_record`` guards); the demo and the command line name the partnership."""
    from csphub.insights.selectors import acting_partnership

    found = partnership or acting_partnership(actor)
    if found is None:
        raise PermissionDeniedError(
            "You are not working in a partnership, so there is no partnership to run the assessment for."
        )
    return found


def partnership_sources(partnership: Partnership, date_from: str, date_to: str) -> list[dict[str, str]]:
    """What the report lists besides police.uk: each of the partnership's own sources (records kept
    in CSP Hub, partners' counts) that holds figures for the months ``date_from``..``date_to``, with
    the figures it holds (the partner-data page's "Where the figures come from"). A county board's
    sources are its district partnerships'. Counts are never put in the report from here."""
    from csphub.analytics.trends import month_range
    from csphub.planning.board import selectors as partner_selectors

    months = month_range(date_from, date_to)
    counted = [partnership.pk, *partnership.members.values_list("pk", flat=True)]
    rows = partner_selectors.sources_summary(
        partner_selectors.app_record_rows(months, counted),
        partner_selectors.partner_measure_rows(months, counted),
        months,
    )
    return [r for r in rows if r["period"] != "none in these months"]


def assessment_run(
    *,
    actor: Any,
    area: str,
    date_from: str,
    date_to: str,
    data_dir: Path | None = None,
    check_permission: bool = True,
    partnership: Partnership | None = None,
) -> AssessmentRun:
    """Compute and render the assessment for ``area`` and months ``date_from``..``date_to``, for the
    partnership the actor acts in (or ``partnership``, for the demo and the command line).

    Re-running the same area and period in the same partnership replaces the earlier run's files
    (idempotent). Each partnership's runs have folders of their own: the report lists the
    partnership's own data sources.
    """
    if check_permission and not has_capability(actor, Capability.VIEW_ASSESSMENT):
        raise PermissionDeniedError("You cannot run the Strategic Assessment.")
    owner = _run_partnership(actor, partnership)
    data_dir = Path(data_dir or settings.DATA_DIR)
    # One run at a time across every worker (finding 18): concurrent runs of one area share a folder.
    with named_lock("assessment", busy_message=BUSY):
        # one folder per partnership, area as asked and period: re-running the same request replaces its files
        relative = Path(f"p{owner.pk}") / pipeline.area_slug(area) / f"{date_from}_{date_to}"
        try:
            pipeline.check_period(date_from, date_to)  # before the sources read the months
            # The renderer (Jinja2, the sections, the charts) loads on the first run, not with the
            # pages: every web process imports this module through the URLconf.
            from csphub.reports.run import assess_and_render

            done = assess_and_render(
                area,
                date_from=date_from,
                date_to=date_to,
                out_dir=assessments_root(data_dir) / relative,
                replace=True,
                data_dir=data_dir,
                partnership=owner.name,
                sources=partnership_sources(owner, date_from, date_to),
            )
        except pipeline.PeriodError as exc:
            raise ApplicationError(str(exc), field=exc.field) from exc
        except pipeline.NoDataError as exc:  # the months, not the area, are the problem
            raise ApplicationError(str(exc), field="date_from") from exc
        except (ValueError, KeyError, LookupError) as exc:
            raise ApplicationError(str(exc), field="area") from exc
        assessment = done.assessment
        area_name = assessment.area.name or area
        with transaction.atomic():
            # One run per output folder and period (finding 18): "Amber Valley" and "amber valley"
            # write the same folder, so they are the same run, replaced, not two runs of which the
            # older silently shows the newer's files. The first spelling asked stays the run's name.
            fields = {
                "area_name": area_name,
                "output_dir": str(relative),
                "headline": [asdict(h) for h in assessment.headline],
                "notes": list(assessment.notes),
                "generated_at": timezone.now(),
                "modified_by": acting_user(actor),
            }
            run = (
                AssessmentRun.objects.select_for_update()
                .filter(partnership=owner, date_from=date_from, date_to=date_to)
                # a run made before runs had partnership folders keeps its row, moved to the new folder
                .filter(Q(output_dir=str(relative)) | Q(area_query=area))
                .order_by("pk")
                .first()
            )
            if run is None:
                run = AssessmentRun.objects.create(
                    partnership=owner,
                    area_query=area,
                    date_from=date_from,
                    date_to=date_to,
                    created_by=acting_user(actor),
                    **fields,
                )
            else:
                superseded = run.output_dir
                for name, value in fields.items():
                    setattr(run, name, value)
                run.save()
                if superseded != run.output_dir:
                    root = assessments_root(data_dir)
                    transaction.on_commit(lambda: _remove_superseded(root, superseded))
            audit_record(actor=actor, verb="assessment.generated", target=run)
    return run


def _remove_superseded(root: Path, relative: str) -> None:
    """Delete a run's old folder once the run has moved to its partnership's folder (a run made
    before runs had partnership folders), unless another run still uses it. Only a folder inside
    the assessments root is ever removed."""
    old = (root / relative).resolve()
    if not old.is_relative_to(root.resolve()) or old == root.resolve() or not old.is_dir():
        return
    if AssessmentRun.objects.filter(output_dir=relative).exists():
        return
    shutil.rmtree(old, ignore_errors=True)
    parent = old.parent  # the area's folder, when that period was its last
    if parent != root.resolve() and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()


def assessment_refresh(*, area: str, data_dir: Path | None = None) -> AssessmentRun | None:
    """The demo's assessment: the latest full calendar year in the store for ``area``, for the
    partnership whose area it is (None when no partnership has that area)."""
    from csphub.insights.selectors import partnership_of_area

    owner = partnership_of_area(area)
    if owner is None:
        return None
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
        partnership=owner,
    )


def assessment_pdf(*, run: AssessmentRun) -> Path:
    """Render the run's report as PDF with WeasyPrint (cached beside the HTML)."""
    from csphub.insights.selectors import run_dir
    from csphub.reports.pdf import write_pdf

    folder = run_dir(run)
    html = (folder / "report.html").read_text(encoding="utf-8")
    return write_pdf(html, folder / "report.pdf", base_url=str(folder))


def assessment_adopt(*, actor: Any, run: AssessmentRun, note: str = "") -> AssessmentAdoption:
    """Make ``run`` the partnership's official Strategic Assessment (who and when, audited).

    Refused when the actor may not adopt, when the run's results cannot be read, when it is not an
    assessment of the partnership's area (``selectors.adoption_refusal``) or when it is already the
    official one. The earlier adoption stays in the history.
    """
    from csphub.insights.selectors import acting_partnership, adoption_refusal, read_assessment

    if not has_capability(actor, Capability.ADOPT_ASSESSMENT):
        raise PermissionDeniedError("You cannot adopt the partnership's Strategic Assessment.")
    assessment = read_assessment(run)
    if assessment is None:
        raise ApplicationError("This assessment's results cannot be read: run it again, then adopt it.")
    partnership = acting_partnership(actor)
    if partnership is None:
        raise PermissionDeniedError(
            "You are not working in a partnership, so there is nothing to adopt it for."
        )
    refusal = adoption_refusal(partnership, run, assessment)
    if refusal:
        raise ApplicationError(refusal)
    user = getattr(actor, "user", actor)
    with transaction.atomic():
        current = AssessmentAdoption.objects.select_for_update().filter(partnership=partnership).first()
        if current is not None and current.run_id == run.pk:
            raise ApplicationError("This is already the partnership's official Strategic Assessment.")
        adoption = AssessmentAdoption.objects.create(
            partnership=partnership, run=run, note=note[:500], created_by=user, modified_by=user
        )
        audit_record(actor=actor, verb="assessment.adopted", target=run)
    return adoption


def demo_adopt(run: AssessmentRun) -> None:
    """The demo's board adopts its assessment, once (a re-run of the demo adopts nothing new)."""
    from django.contrib.auth import get_user_model

    if AssessmentAdoption.objects.exists():
        return
    board = get_user_model().objects.filter(username="avbc_board_member").first()
    if board is not None:
        assessment_adopt(actor=board, run=run, note="Demo: adopted at the board's annual meeting")
