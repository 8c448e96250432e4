"""The one module that does I/O for the analytics and schedules the work: ingest, then assess.

Public entry points (stable; used by the CLI, ``csphub demo`` and the web app, through
``csphub.reports.assess_and_render`` for a rendered assessment)::

    ingest_paths(paths, *, data_dir=None, reference_dir=None, strict=False, progress=None) -> IngestSummary
    ingest_sample(data_dir=None, *, progress=None) -> IngestSummary
    run_assessment(area, *, date_from, date_to, data_dir=None, reference_dir=None, ...) -> Assessment
    check_period(date_from, date_to) -> None        (raises PeriodError)
    area_slug(text) -> str

The assessment's statistics are pure section builders (``analytics.sections``); its SQL is in
``analytics/sql`` behind ``analytics.store``. This module reads, schedules and hands over.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from csphub.analytics import sections
from csphub.analytics.assessment import Assessment, HotspotParameters, Hotspots, Repeats
from csphub.analytics.geography import Area, Geography, all_area, resolve_area
from csphub.analytics.harm import CCHI_CAVEAT, CCHI_SOURCE, HarmWeights
from csphub.analytics.sources.police_uk import CRIME_TYPES
from csphub.analytics.sources.reference import load_reference, load_weights
from csphub.analytics.store import (
    Counts,
    Cursor,
    FileResult,
    IngestSummary,
    Points,
    Store,
    counts_by_month_type_lsoa,
    load_study_tables,
    place_labels,
    study_points,
)
from csphub.analytics.trends import month_range, shift_months

logger = logging.getLogger(__name__)

ASB = sections.ASB
CRIME_ONLY = sections.CRIME_ONLY
REPO_ROOT = Path(__file__).resolve().parents[3]
# The district the shipped sample (data/sample/police_uk) covers: the demo's assessment area.
SAMPLE_AREA = "Amber Valley"
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class PeriodError(ValueError):
    """A month is not YYYY-MM, or the first month is after the last; ``field`` names which."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


def check_month(value: str, field: str = "date_from") -> str:
    """``value`` if it is a month ``YYYY-MM`` (01–12), else ``PeriodError``."""
    if not MONTH.match(value):
        raise PeriodError("Enter the month as YYYY-MM, for example 2024-01", field)
    return value


def check_period(date_from: str, date_to: str) -> None:
    """The one check of an assessment period, for the CLI and the web app alike."""
    check_month(date_from, "date_from")
    check_month(date_to, "date_to")
    if date_from > date_to:
        raise PeriodError("The first month must be before the last month", "date_from")


def area_slug(text: str) -> str:
    """A folder-name slug of an area: lower-case letters and digits joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "area"


def default_data_dir() -> Path:
    """``$CSPHUB_DATA_DIR``, else ``./var``."""
    return Path(os.environ.get("CSPHUB_DATA_DIR") or "var")


def sample_dir() -> Path:
    """The shipped sample (``$CSPHUB_SAMPLE_DIR`` overrides): ``<repo>/data/sample``."""
    return Path(os.environ.get("CSPHUB_SAMPLE_DIR") or REPO_ROOT / "data" / "sample")


def default_reference_dir() -> Path:
    """``$CSPHUB_REFERENCE_DIR``, else the shipped sample (its ``reference/`` and ``geography/``)."""
    return Path(os.environ.get("CSPHUB_REFERENCE_DIR") or sample_dir())


def store_for(data_dir: Path | str | None = None) -> Store:
    return Store(Path(data_dir or default_data_dir()) / "analytics")


def ingest_paths(
    paths: Iterable[Path | str],
    *,
    data_dir: Path | str | None = None,
    reference_dir: Path | str | None = None,
    strict: bool = False,
    progress: Callable[[FileResult], None] | None = None,
) -> IngestSummary:
    """Ingest police.uk files or folders into ``<data_dir>/analytics``; 2011 LSOA codes are mapped to
    2021 with the reference folder's lookup. Raises ``store.IngestError`` (store unchanged) on bad input."""
    ref = Path(reference_dir) if reference_dir else default_reference_dir()
    # Ingest needs the reference only to map 2011 LSOA codes (lookup + 2011→2021 table), never the
    # boundaries; without a 2011→2021 table nothing is mapped, so nothing is loaded.
    has_changes = (ref / "reference" / "lsoa_2011_2021.csv").exists()
    geo = (
        load_reference(ref, boundaries=False)
        if has_changes and (ref / "reference" / "lsoa_lookup.csv").exists()
        else None
    )
    return store_for(data_dir).ingest(paths, geography=geo, strict=strict, progress=progress)


def ingest_sample(
    data_dir: Path | str | None = None, *, progress: Callable[[FileResult], None] | None = None
) -> IngestSummary:
    """Ingest the repository's shipped ``data/sample/police_uk`` (Amber Valley 2023–2024)."""
    return ingest_paths(
        [sample_dir() / "police_uk"], data_dir=data_dir, reference_dir=sample_dir(), progress=progress
    )


def _crime_weights(path: Path | None, ref: Path) -> HarmWeights:
    if path is None:
        path = ref / "reference" / "cchi_weights_by_category.csv"
        return HarmWeights(
            "Cambridge Crime Harm Index (category weights)",
            "days of custody",
            load_weights(path) if path.exists() else {},
            CCHI_SOURCE,
            CCHI_CAVEAT,
        )
    return HarmWeights(
        f"custom weights ({path.name})",
        "weight units",
        load_weights(path),
        f"user-supplied table {path}",
        CCHI_CAVEAT.split(";")[0] + ".",
    )


def run_assessment(
    area: str | Sequence[str] | None,
    *,
    date_from: str,
    date_to: str,
    data_dir: Path | str | None = None,
    reference_dir: Path | str | None = None,
    weights_path: Path | str | None = None,
    hotspot_crime_types: Sequence[str] | None = None,
    cell_size_m: float | None = None,
    bandwidth_m: float | None = None,
    distance_m: float | None = None,
    p_adjust: str = "fdr_bh",
    alpha: float = 0.05,
    recent_periods: int = 3,
    top_n: int = 10,
    threads: int | None = None,
    geography: Geography | None = None,
) -> Assessment:
    """Compute the Strategic Assessment for ``area`` over ``date_from``..``date_to`` (YYYY-MM,
    inclusive), compared with the same number of months immediately before.

    ``area``: district name or code, ward name or code, LSOA codes (list or comma-separated), or None
    for every LSOA in the reference data.
    """
    t0 = time.perf_counter()
    ref = Path(reference_dir) if reference_dir else default_reference_dir()
    geo = geography or load_reference(ref)
    the_area: Area = all_area(geo) if area is None else resolve_area(geo, area)
    months = month_range(date_from, date_to)
    if not months:
        raise ValueError(f"--from {date_from} is after --to {date_to}")
    period = sections.period_section(months)
    store = store_for(data_dir)
    available = set(store.months("street"))
    missing = [m for m in months if m not in available]
    missing_prev = [m for m in period.comparison_months if m not in available]
    if len(missing) == len(months):
        raise ValueError(
            f"no police.uk street data in {store.root} for {date_from}..{date_to}; "
            "run `csphub ingest police-uk PATH` (or `csphub ingest sample`) first"
        )
    notes = sections.coverage_notes(missing, missing_prev)
    hs_params = HotspotParameters(
        crime_types=tuple(hotspot_crime_types) if hotspot_crime_types else CRIME_ONLY,
        cell_size_m=cell_size_m,
        bandwidth_m=bandwidth_m,
        distance_m=distance_m,
        p_adjust=p_adjust,
        alpha=alpha,
        recent_periods=recent_periods,
    )
    # the counts cover the study and comparison months and enough history for a 12-month rolling series
    roll_from = shift_months(months[0], -11 - len(months))
    want = [m for m in month_range(min(roll_from, period.comparison_from), months[-1]) if m in available]
    manifest = store.manifest()
    forces = [k.split("/")[1] for k in manifest if k.startswith("street/")]

    con = store.connect(threads=threads)
    pool = ThreadPoolExecutor(max_workers=2)
    try:
        load_study_tables(
            con,
            lsoa_codes=the_area.lsoa_codes,
            months=want,
            study_months=months,
            crime_types=hs_params.crime_types,
        )
        # The counts (one DuckDB scan + group-by and a NumPy sort) run on a second cursor in a
        # background thread while this thread fetches the hot-spot points and computes hot spots
        # and repeats (NumPy): both halves release the GIL, so the two cores are used together.
        counts_future = pool.submit(_counts_on_cursor, con.cursor(), want, months, forces)
        points = study_points(con, months)
        t1 = time.perf_counter()
        # repeat places (a sort of 5M keys and a small DuckDB query on its own cursor) in the
        # background too, while this thread computes the hot spots
        repeats_future = pool.submit(_repeats_on_cursor, con.cursor(), points)
        hotspots, hotspot_notes = _hotspots(geo, the_area, points, len(months), hs_params)
        notes.extend(hotspot_notes)
        t_hot = time.perf_counter() - t1
        repeats = repeats_future.result()
        counts = counts_future.result()
        t_query = time.perf_counter() - t0
    finally:
        pool.shutdown(wait=True)  # on an error, let the counts query finish before closing
        con.close()

    weights = _crime_weights(Path(weights_path) if weights_path else None, ref)
    assessment = sections.build(
        counts,
        area=the_area,
        geo=geo,
        period=period,
        available=available,
        parameters=sections.parameters_section(
            area=area,
            date_from=date_from,
            date_to=date_to,
            alpha=alpha,
            top_n=top_n,
            weights=weights,
            hotspots=hs_params,
        ),
        weights=weights,
        data=sections.data_account_section(
            manifest=manifest,
            period=period,
            forces=counts.forces,
            available=available,
            missing=missing,
            missing_prev=missing_prev,
            store_dir=str(store.root),
            reference_dir=str(ref),
            population=the_area.population,
            hotspot_points=len(points),
            timings_s={},
        ),
        hotspots=hotspots,
        repeats=repeats,
        notes=notes,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    timings = {
        "query": round(t_query, 3),
        "hotspots": round(t_hot, 3),
        "total": round(time.perf_counter() - t0, 3),
    }
    return replace(assessment, data=replace(assessment.data, timings_s=timings))


def _counts_on_cursor(cur: Cursor, want: list[str], months: list[str], forces: list[str]) -> Counts:
    """The counts on a cursor of their own (closed here), in the pool's thread."""
    try:
        return counts_by_month_type_lsoa(
            cur, months=want, study_months=months, crime_types=CRIME_TYPES, forces=forces, asb=ASB
        )
    finally:
        cur.close()


def _hotspots(
    geo: Geography, area: Area, points: Points, n_months: int, params: HotspotParameters
) -> tuple[Hotspots | None, list[str]]:
    return sections.hotspot_section(geo, area, points.x_m, points.y_m, points.month_index, n_months, params)


def _repeats_on_cursor(cur: Cursor, points: Points) -> Repeats | None:
    """Repeat places, the labels of the busiest fetched on a cursor of their own (closed here)."""

    def labels_for(keys: list[int]) -> dict[int, str | None]:
        if not keys:
            return {}
        xs, ys = sections.label_candidates(keys)
        return sections.first_labels(place_labels(cur, xs, ys), keys)

    try:
        return sections.repeats_section(points.x_m, points.y_m, labels_for)
    finally:
        cur.close()
