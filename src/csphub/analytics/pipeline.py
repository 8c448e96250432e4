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
from typing import Any

from csphub.analytics.assessment import Assessment, HotspotParameters, Hotspots, Repeats
from csphub.analytics.geography import Area, Geography, all_area, resolve_area
from csphub.analytics.harm import CCHI_CAVEAT, CCHI_SOURCE, HarmWeights
from csphub.analytics.sources.police_uk import ASB, CRIME_ONLY, CRIME_TYPES
from csphub.analytics.sources.reference import default_weights_path, load_reference, load_weights
from csphub.analytics.store import (
    Counts,
    Cursor,
    FileResult,
    IngestSummary,
    Points,
    Store,
    comparator_counts,
    counts_by_month_type_lsoa,
    load_study_tables,
    place_labels,
    study_points,
)
from csphub.analytics.store import grid_cell_month_counts as grid_cell_month_counts_on
from csphub.analytics.trends import month_range, shift_months

logger = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[3]
# The district the shipped sample (data/sample/police_uk) covers: the demo's assessment area.
SAMPLE_AREA = "Amber Valley"
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class PeriodError(ValueError):
    """A month is not YYYY-MM, or the first month is after the last; ``field`` names which."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


def months_in_words(months: Sequence[str]) -> str:
    """'2023-01 to 2024-12' (runs of consecutive months, comma-separated), or 'none'."""
    runs: list[list[str]] = []
    for m in sorted(months):
        if runs and shift_months(runs[-1][-1], 1) == m:
            runs[-1].append(m)
        else:
            runs.append([m])
    return ", ".join(r[0] if len(r) == 1 else f"{r[0]} to {r[-1]}" for r in runs) or "none"


class NoDataError(ValueError):
    """No police.uk street data for any month of the period; says which months are loaded (no paths,
    no commands: the web app shows it as it is; the CLI adds how to load data)."""

    def __init__(self, months: Sequence[str], available: Sequence[str]) -> None:
        self.months = list(months)
        self.available = list(available)
        loaded = months_in_words(available)
        super().__init__(
            f"There is no police.uk street data for {months_in_words(months)}. "
            + (f"Months loaded: {loaded}." if available else "No police.uk data has been loaded yet.")
        )


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


def default_reference_dir() -> Path | None:
    """``$CSPHUB_REFERENCE_DIR``, else None: the national reference shipped with the package."""
    value = os.environ.get("CSPHUB_REFERENCE_DIR")
    return Path(value) if value else None


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
    # Ingest needs the reference only to map 2011 LSOA codes (the national exact lookup), never the
    # boundaries.
    geo = load_reference(ref, boundaries=False)
    return store_for(data_dir).ingest(paths, geography=geo, strict=strict, progress=progress)


def ingest_sample(
    data_dir: Path | str | None = None, *, progress: Callable[[FileResult], None] | None = None
) -> IngestSummary:
    """Ingest the repository's shipped ``data/sample/police_uk`` (Amber Valley 2023–2024)."""
    return ingest_paths([sample_dir() / "police_uk"], data_dir=data_dir, progress=progress)


def _crime_weights(path: Path | None, ref: Path | None) -> HarmWeights:
    if path is None:
        path = default_weights_path(ref)
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
    prune: bool = True,
) -> Assessment:
    """Compute the Strategic Assessment for ``area`` over ``date_from``..``date_to`` (YYYY-MM,
    inclusive), compared with the same number of months immediately before.

    ``area``: district name or code, ward name or code, LSOA codes (list or comma-separated), or None
    for every LSOA in the reference data.
    """
    # The section builders (and the NumPy statistics under them) load here, not with this module:
    # the web apps import it for the store (board packs, uploads) and never assess in that process.
    from csphub.analytics import sections

    t0 = time.perf_counter()
    ref = Path(reference_dir) if reference_dir else default_reference_dir()
    geo = geography or load_reference(ref, data_dir=data_dir or default_data_dir())
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
        raise NoDataError(months, sorted(available))
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

    # Partition pruning: only the force-months that hold rows of the area's districts are read (a
    # district's assessment reads its own force's files, not the other 42 forces').
    # The force area's districts are read too when the area lies in one force area: its rates are
    # set beside the force area's and the other districts' (partitions are per force, so a district
    # of a force area reads the same files either way).
    pfa_lsoas = _force_area_lsoas(geo, the_area)
    pfa_lads = sorted({geo.lsoas[c].lad_code for c in pfa_lsoas})
    _check_area_covered(manifest, the_area, months)
    partitions = (
        store.prune(months=want, districts=sorted({*the_area.district_codes, *pfa_lads})) if prune else None
    )
    con = store.connect(threads=threads, street_partitions=partitions)
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
        comp_counts = (
            comparator_counts(
                con, lsoa_codes=pfa_lsoas, lad_codes=[geo.lsoas[c].lad_code for c in pfa_lsoas], asb=ASB
            )
            if pfa_lsoas
            else {}
        )
        repeats = repeats_future.result()
        counts = counts_future.result()
        t_query = time.perf_counter() - t0
    finally:
        pool.shutdown(wait=True)  # on an error, let the counts query finish before closing
        con.close()

    weights = _crime_weights(Path(weights_path) if weights_path else None, ref)
    assessment = sections.build(
        counts,
        force_monthly=_force_monthly(manifest, counts.forces, want),
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
            store_dir=store.root.name,  # a name, never a server path: the JSON is downloadable
            reference_dir=ref.name if ref else "national reference shipped with CSP Hub",
            reference=geo.sources,
            population=the_area.population,
            hotspot_points=len(points),
            timings_s={},
        ),
        hotspots=hotspots,
        repeats=repeats,
        notes=notes,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        comparators=sections.comparator_section(
            geo, the_area, comp_counts, _force_covered(manifest, pfa_lads, months)
        ),
    )
    timings = {
        "query": round(t_query, 3),
        "hotspots": round(t_hot, 3),
        "total": round(time.perf_counter() - t0, 3),
    }
    return replace(assessment, data=replace(assessment.data, timings_s=timings))


class AreaNotCovered(ValueError):
    """The data loaded for the period holds no rows for the area (another force's data is loaded)."""


def _check_area_covered(manifest: dict[str, Any], area: Area, months: Sequence[str]) -> None:
    """Refuse an area none of whose districts appear in the study months' partitions (when every
    partition recorded its districts at ingest): a report of zeros would mislead."""
    parts = [v for k, v in manifest.items() if k.startswith("street/") and k.split("/")[2] in set(months)]
    if area.kind == "all" or not parts or any(v.get("districts") is None for v in parts):
        return
    seen = {d for v in parts for d in v["districts"]}
    if "?" in seen or seen & set(area.district_codes):
        return
    forces = sorted({k.split("/")[1] for k in manifest if k.startswith("street/")})
    raise AreaNotCovered(
        f"The police.uk data loaded for {months_in_words(months)} holds no rows for {area.name}: "
        f"it covers {', '.join(f.replace('-', ' ').title() for f in forces)}. Load that force's data first."
    )


def _force_area_lsoas(geo: Geography, area: Area) -> list[str]:
    """Every LSOA of the area's police force area, if the area lies in exactly one (else none)."""
    if len(area.pfa_codes) != 1 or area.kind == "all":
        return []
    pfa = area.pfa_codes[0]
    return [str(c) for c, p in zip(geo.column("code"), geo.column("pfa_code"), strict=True) if p == pfa]


def _force_monthly(
    manifest: dict[str, Any], forces: Sequence[str], months: Sequence[str]
) -> dict[tuple[str, str], int] | None:
    """The whole forces' counts per (month, crime type) over ``months``, from the tallies the ingest
    recorded per partition; None when a partition has none (a store loaded before they were kept)."""
    out: dict[tuple[str, str], int] = {}
    for force in forces:
        for month in months:
            entry = manifest.get(f"street/{force}/{month}")
            if entry is None:
                continue
            by_type = entry.get("by_type")
            if by_type is None:
                return None
            for crime_type, n in by_type.items():
                out[(month, crime_type)] = out.get((month, crime_type), 0) + int(n)
    return out or None


def _force_covered(manifest: dict[str, Any], lads: Sequence[str], months: Sequence[str]) -> bool:
    """The store holds the whole force area: in every study month with data, the partitions' recorded
    districts include every district of the force area."""
    if not lads:
        return False
    by_month: dict[str, set[str]] = {}
    for k, v in manifest.items():
        if k.startswith("street/") and v.get("districts") is not None:
            by_month.setdefault(k.split("/")[2], set()).update(v["districts"])
    present = [m for m in months if m in by_month]
    return bool(present) and all(set(lads) <= by_month[m] for m in present)


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
    from csphub.analytics import sections

    return sections.hotspot_section(geo, area, points.x_m, points.y_m, points.month_index, n_months, params)


def _repeats_on_cursor(cur: Cursor, points: Points) -> Repeats | None:
    """Repeat places, the labels of the busiest fetched on a cursor of their own (closed here)."""
    from csphub.analytics import sections

    def labels_for(keys: list[int]) -> dict[int, str | None]:
        if not keys:
            return {}
        xs, ys = sections.label_candidates(keys)
        return sections.first_labels(place_labels(cur, xs, ys), keys)

    try:
        return sections.repeats_section(points.x_m, points.y_m, labels_for)
    finally:
        cur.close()


def grid_cell_month_counts(
    *,
    data_dir: Path | str | None,
    x_min_m: float,
    y_min_m: float,
    cell_size_m: float,
    n_cols: int,
    n_rows: int,
    months: Sequence[str],
    crime_types: Sequence[str] | None = None,
) -> dict[tuple[int, int], dict[str, int]]:
    """Crimes per hot-spot grid cell and month from the store (``store.grid_cell_month_counts``);
    ``crime_types`` None: the hot spots' default (crime, not ASB)."""
    con = store_for(data_dir).connect()
    try:
        return grid_cell_month_counts_on(
            con,
            x_min_m=x_min_m,
            y_min_m=y_min_m,
            cell_size_m=cell_size_m,
            n_cols=n_cols,
            n_rows=n_rows,
            months=list(months),
            crime_types=list(crime_types) if crime_types else list(CRIME_ONLY),
        )
    except Exception as exc:  # no street data at all: the view does not exist
        if "street" in str(exc) and not store_for(data_dir).months():
            return {}
        raise
    finally:
        con.close()
