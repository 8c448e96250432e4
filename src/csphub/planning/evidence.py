"""The figures a scoring session's evidence needs beyond the adopted assessment's own tables: each
theme's incidents in the assessment's hot-spot cells (counted from the store), and the casework
recorded in CSP Hub over the assessment's period. Depersonalised counts only; the pure assembly is
:func:`csphub.planning.rules.theme_evidence`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from csphub.analytics import pipeline
from csphub.analytics.assessment import Assessment
from csphub.analytics.problem_places import grid_of
from csphub.analytics.trends import month_range

# Themes whose incidents CSP Hub's casework records (the casework app is for ASB).
CASEWORK_THEMES = frozenset({"asb"})


def hot_spot_concentration(
    assessment: Assessment, categories: Sequence[str], *, data_dir: Path | str | None = None
) -> dict[str, Any] | None:
    """Of the theme's incidents in the study area's grid cells over the assessment's period, how many
    fell in its Gi* hot-spot cells. None without hot spots, or when the store holds none of the months."""
    hotspots = assessment.hotspots
    if hotspots is None or not categories:
        return None
    grid = grid_of(hotspots)
    cells = hotspots.gistar.cells
    in_area = [grid.cell_of(x, y) for x, y in zip(cells.cell_x_m, cells.cell_y_m, strict=True)]
    hot = {c for c, is_hot in zip(in_area, cells.is_hot, strict=True) if is_hot}
    months = month_range(assessment.period.first, assessment.period.last)
    store = pipeline.store_for(data_dir or settings.DATA_DIR)
    held = [m for m in months if m in set(store.months())]
    if not held:
        return None
    counts = pipeline.grid_cell_month_counts(
        data_dir=data_dir or settings.DATA_DIR,
        x_min_m=grid.x_min_m,
        y_min_m=grid.y_min_m,
        cell_size_m=grid.cell_size_m,
        n_cols=grid.n_cols,
        n_rows=grid.n_rows,
        months=held,
        crime_types=list(categories),
    )
    per_cell = {c: sum(counts.get(c, {}).values()) for c in set(in_area)}
    total = sum(per_cell.values())
    in_hot = sum(n for c, n in per_cell.items() if c in hot)
    return {
        "hot_cells": len(hot),
        "cells": len(per_cell),
        "in_hot_spots": in_hot,
        "total": total,
        "share": round(in_hot / total, 3) if total else None,
        "months_missing": len(months) - len(held),
    }


def casework_counts(assessment: Assessment, partnership_ids: Sequence[int]) -> dict[str, Any]:
    """ASB incidents recorded and cases opened in CSP Hub by the partnerships over the assessment's
    period (its first to its last month, inclusive)."""
    from csphub.cases.models import Case, Incident

    first = dt.date.fromisoformat(f"{assessment.period.first}-01")
    y, m = (int(v) for v in assessment.period.last.split("-"))
    after = dt.date(y + (m == 12), 1 if m == 12 else m + 1, 1)
    start = timezone.make_aware(dt.datetime.combine(first, dt.time.min))
    stop = timezone.make_aware(dt.datetime.combine(after, dt.time.min))
    mine = {"partnership_id__in": list(partnership_ids)}
    return {
        "incidents": Incident.objects.filter(**mine, occurred_at__gte=start, occurred_at__lt=stop).count(),
        "cases_opened": Case.objects.filter(**mine, opened_at__gte=start, opened_at__lt=stop).count(),
    }
