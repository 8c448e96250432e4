"""Writes for hot-spot problem solving, partners' counts and board packs; each audited in its transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from csphub.agencies.models import Agency
from csphub.agencies.policies import Capability, has_capability, partnership_for_new_record
from csphub.analytics import diffindiff, pipeline
from csphub.analytics.problem_places import grid_of, hot_spot_places
from csphub.analytics.sources.partner_counts import parse_counts
from csphub.analytics.trends import month_range, shift_months
from csphub.audit.services import audit_record
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.insights import selectors as insights
from csphub.planning.board import selectors
from csphub.planning.boardpack import BoardPack
from csphub.planning.partner_data import PartnerCount, PartnerDataUpload, PartnerUploadStatus
from csphub.planning.problem_solving import ProblemResponse, ProblemSolvingPlan, ResponseStatus

MAX_PARTNER_FILE_BYTES = 2 * 1024 * 1024
MAX_ASSESSED_MONTHS = 12


def _user(actor: Any) -> Any:
    return getattr(actor, "user", actor)


def _require_manage(actor: Any) -> None:
    if not has_capability(actor, Capability.SCORE_PRIORITIES):
        raise PermissionDeniedError(
            "You cannot change problem-solving plans, partners' counts or board packs."
        )


# ---------------------------------------------------------------- problem solving


def problem_plan_open(*, actor: Any, place_key: str, title: str) -> ProblemSolvingPlan:
    """Open a plan for one hot spot of the partnership's adopted assessment (``place_key`` from
    :func:`~csphub.analytics.problem_places.hot_spot_places`)."""
    _require_manage(actor)
    adopted = insights.adopted_assessment(actor)
    if adopted is None or adopted[1].hotspots is None:
        raise ApplicationError("The partnership has no adopted Strategic Assessment with hot spots yet.")
    run, assessment = adopted
    assert assessment.hotspots is not None
    places, pool = hot_spot_places(assessment.hotspots, assessment.repeats)
    place = next((p for p in places if p.key == place_key), None)
    if place is None:
        raise ApplicationError("Choose one of the hot spots listed.", field="place")
    user = _user(actor)
    with transaction.atomic():
        plan = ProblemSolvingPlan.objects.create(
            partnership=partnership_for_new_record(actor),
            title=title.strip() or place.label,
            area_name=assessment.area.name,
            assessment_run_id=run.pk,
            assessment_label=str(run),
            grid=grid_of(assessment.hotspots).to_dict(),
            cells=[list(c) for c in place.cells],
            candidate_cells=[list(c) for c in pool],
            crime_types=list(assessment.parameters.hotspots.crime_types),
            place_description=place.label,
            created_by=user,
            modified_by=user,
        )
        audit_record(actor=actor, verb="problem_plan.opened", target=plan)
    return plan


def problem_plan_update(
    *, actor: Any, plan: ProblemSolvingPlan, scanning: str, analysis: str, response_started: str
) -> ProblemSolvingPlan:
    """Record the scanning, analysis and the month the response began (YYYY-MM or blank)."""
    _require_manage(actor)
    if response_started and response_started > timezone.localdate().strftime("%Y-%m"):
        raise ApplicationError(
            "The month the response began must not be in the future.", field="response_started"
        )
    changed = [
        name
        for name, value in (
            ("scanning", scanning),
            ("analysis", analysis),
            ("response_started", response_started),
        )
        if getattr(plan, name) != value
    ]
    if not changed:
        return plan
    with transaction.atomic():
        plan.scanning, plan.analysis, plan.response_started = scanning, analysis, response_started
        plan.modified_by = _user(actor)
        plan.save(update_fields=[*changed, "modified_by", "modified_at"])
        audit_record(actor=actor, verb="problem_plan.updated", target=plan, changed_fields=changed)
    return plan


def problem_response_add(
    *, actor: Any, plan: ProblemSolvingPlan, agency: Agency, action: str, due_on: dt.date
) -> ProblemResponse:
    _require_manage(actor)
    user = _user(actor)
    with transaction.atomic():
        response = ProblemResponse.objects.create(
            plan=plan, agency=agency, action=action.strip(), due_on=due_on, created_by=user, modified_by=user
        )
        audit_record(actor=actor, verb="problem_response.added", target=plan)
    return response


def problem_response_status(*, actor: Any, response: ProblemResponse, status: str) -> ProblemResponse:
    _require_manage(actor)
    if status not in ResponseStatus.values:
        raise ApplicationError("Choose the action's status.", field="status")
    if response.status == status:
        return response
    with transaction.atomic():
        response.status = status
        response.modified_by = _user(actor)
        response.save(update_fields=["status", "modified_by", "modified_at"])
        audit_record(
            actor=actor, verb="problem_response.updated", target=response.plan, changed_fields=["status"]
        )
    return response


def problem_plan_assess(
    *, actor: Any, plan: ProblemSolvingPlan, data_dir: Path | None = None
) -> ProblemSolvingPlan:
    """The assessment step: count crimes in the plan's cells and in comparison cells from the store,
    in equal periods before and after the response began (at most 12 months each, as many as the
    store holds after it), and compare them by difference in differences. The result is frozen on
    the plan with the counts, months, cells and method, and audited."""
    _require_manage(actor)
    if not plan.response_started:
        raise ApplicationError(
            "Record the month the response began before assessing it.", field="response_started"
        )
    store_months = set(pipeline.store_for(data_dir or settings.DATA_DIR).months())
    latest = max(store_months) if store_months else ""
    if not latest or latest < plan.response_started:
        raise ApplicationError(
            "The police data loaded so far ends before the response began: load later months, then assess."
        )
    after_all = month_range(plan.response_started, latest)
    n = min(len(after_all), MAX_ASSESSED_MONTHS)
    after = after_all[:n]
    before = month_range(shift_months(plan.response_started, -n), shift_months(plan.response_started, -1))
    missing = [m for m in before + after if m not in store_months]
    if missing:
        raise ApplicationError(
            f"The police data for {pipeline.months_in_words(missing)} is not loaded: load it, then assess."
        )
    grid = plan.grid
    counts = pipeline.grid_cell_month_counts(
        data_dir=data_dir or settings.DATA_DIR,
        x_min_m=grid["x_min_m"],
        y_min_m=grid["y_min_m"],
        cell_size_m=grid["cell_size_m"],
        n_cols=grid["n_cols"],
        n_rows=grid["n_rows"],
        months=before + after,
        crime_types=plan.crime_types or None,
    )
    treated = plan.cell_list()
    comparison = diffindiff.choose_comparison_cells(
        counts,
        treated=treated,
        candidates=[(int(c), int(r)) for c, r in plan.candidate_cells],
        months_before=before,
    )
    if not comparison:
        raise ApplicationError("The study area has no cells to compare with this hot spot.")
    result = diffindiff.difference_in_differences(
        treated_before=diffindiff.total(counts, treated, before),
        treated_after=diffindiff.total(counts, treated, after),
        comparison_before=diffindiff.total(counts, comparison, before),
        comparison_after=diffindiff.total(counts, comparison, after),
        months_before=len(before),
        months_after=len(after),
    )
    snapshot = {
        "months_before": before,
        "months_after": after,
        "treated_cells": [list(c) for c in treated],
        "comparison_cells": [list(c) for c in comparison],
        "treated_monthly": diffindiff.monthly(counts, treated, before + after),
        "comparison_monthly": diffindiff.monthly(counts, comparison, before + after),
        "crime_types": plan.crime_types,
        "method": (
            f"Comparison cells: the {len(comparison)} cells of the study area that were not hot spots, at least "
            f"{diffindiff.COMPARISON_BUFFER_CELLS + 1} cells from the hot spot, whose count in the months "
            f"before the response was closest to the hot spot's average per cell "
            f"({diffindiff.COMPARISON_PER_TREATED} for each of its {len(treated)} cells). "
            f"Periods: the {len(after)} months from the month the response began, and the same number "
            "of months before it."
        ),
        "result": result.to_dict(),
    }
    with transaction.atomic():
        plan.assessment = snapshot
        plan.assessed_at = timezone.now()
        plan.modified_by = _user(actor)
        plan.save(update_fields=["assessment", "assessed_at", "modified_by", "modified_at"])
        audit_record(actor=actor, verb="problem_plan.assessed", target=plan)
    return plan


# ---------------------------------------------------------------- partners' counts


def partner_counts_load(*, actor: Any, agency: Agency, file_name: str, data: bytes) -> PartnerDataUpload:
    """Check a partner's file of counts against the data dictionary and load it, all or nothing.

    Idempotent: the same file again (same agency, same bytes) changes nothing and says so; a count
    already held for the same agency, measure, month and area is replaced when its value differs.
    A file with any problem loads nothing; its problems (file, line, field) are kept on the upload."""
    _require_manage(actor)
    name = Path(file_name.replace("\\", "/")).name[:200]
    if not name.lower().endswith(".csv"):
        raise ApplicationError(f"“{name}” is not a CSV file: save the counts as CSV.", field="data_file")
    if len(data) > MAX_PARTNER_FILE_BYTES:
        raise ApplicationError(
            "The file is larger than 2 MB: send the counts in several files.", field="data_file"
        )
    digest = hashlib.sha256(data).hexdigest()
    user = _user(actor)
    partnership = partnership_for_new_record(actor)  # a county board is told to switch to a district
    loaded_before = PartnerDataUpload.objects.filter(
        agency=agency, sha256=digest, status__in=[PartnerUploadStatus.DONE, PartnerUploadStatus.UNCHANGED]
    ).exists()
    parsed = parse_counts(data, file_name=name, latest_month=timezone.localdate().strftime("%Y-%m"))
    with transaction.atomic():
        upload = PartnerDataUpload(
            partnership=partnership, agency=agency, file_name=name, sha256=digest,
            rows_read=len(parsed.rows) + len(parsed.problems),
            created_by=user, modified_by=user,
        )  # fmt: skip
        if parsed.problems:
            upload.status = PartnerUploadStatus.FAILED
            upload.problems = list(parsed.problems)
            upload.save()
            audit_record(actor=actor, verb="partner_data.failed", target=upload)
            return upload
        if loaded_before:
            upload.status = PartnerUploadStatus.UNCHANGED
            upload.counts_unchanged = len(parsed.rows)
            upload.save()
            audit_record(actor=actor, verb="partner_data.loaded", target=upload)
            return upload
        upload.status = PartnerUploadStatus.DONE
        upload.save()
        existing = {
            (c.measure, c.month, c.area_code): c
            for c in PartnerCount.objects.select_for_update().filter(
                agency=agency,
                measure__in={r.measure for r in parsed.rows},
                month__in={r.month for r in parsed.rows},
            )
        }
        new, changed = [], []
        for row in parsed.rows:
            held = existing.get((row.measure, row.month, row.area_code))
            if held is None:
                new.append(
                    PartnerCount(
                        agency=agency, measure=row.measure, month=row.month, area_code=row.area_code,
                        value=row.value, upload=upload, created_by=user, modified_by=user,
                    )
                )  # fmt: skip
            elif held.value != row.value:
                held.value, held.upload, held.modified_by = row.value, upload, user
                changed.append(held)
        PartnerCount.objects.bulk_create(new)
        PartnerCount.objects.bulk_update(changed, ["value", "upload", "modified_by"])
        upload.counts_added, upload.counts_replaced = len(new), len(changed)
        upload.counts_unchanged = len(parsed.rows) - len(new) - len(changed)
        upload.save(update_fields=["counts_added", "counts_replaced", "counts_unchanged"])
        audit_record(actor=actor, verb="partner_data.loaded", target=upload)
    return upload


# ---------------------------------------------------------------- board packs


def board_pack_generate(*, actor: Any, quarter: str, today: dt.date | None = None) -> BoardPack:
    """Make the pack for ``quarter`` ("2024-Q3", an ended quarter): the figures are computed now and
    frozen on the pack, so it reads the same whenever it is opened. Making it again for the same
    quarter adds a new pack (the earlier one is kept as it was read)."""
    _require_manage(actor)
    start, end = selectors.quarter_bounds(quarter)
    if end >= (today or timezone.localdate()):
        raise ApplicationError("Choose a quarter that has ended.", field="quarter")
    began = time.perf_counter()
    figures = selectors.board_figures(actor, start=start, end=end)
    elapsed_ms = round((time.perf_counter() - began) * 1000)
    user = _user(actor)
    with transaction.atomic():
        pack = BoardPack.objects.create(
            partnership=selectors.partnership_name(actor),
            quarter=quarter,
            period_start=start,
            period_end=end,
            figures=figures,
            generated_in_ms=elapsed_ms,
            created_by=user,
            modified_by=user,
        )
        audit_record(actor=actor, verb="boardpack.generated", target=pack)
    return pack
