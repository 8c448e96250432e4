"""The one module that both does I/O and composes computations: ingest, then assess.

Public entry points (stable; used by the CLI, ``csphub demo`` and the web app)::

    ingest_paths(paths, *, data_dir=None, reference_dir=None, strict=False, progress=None) -> IngestSummary
    ingest_sample(data_dir=None, *, progress=None) -> IngestSummary
    run_assessment(area, *, date_from, date_to, data_dir=None, reference_dir=None, ...) -> Assessment
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from csphub.analytics.assessment import Assessment, rows_table
from csphub.analytics.geography import Area, Geography, all_area, resolve_area
from csphub.analytics.harm import CCHI_CAVEAT, CCHI_SOURCE, HarmWeights, harm_totals
from csphub.analytics.sources.police_uk import CRIME_TYPES
from csphub.analytics.sources.reference import default_weights_path, load_reference, load_weights
from csphub.analytics.store import FileResult, IngestSummary, Store
from csphub.analytics.trends import (
    describe_change,
    month_range,
    poisson_rate_test,
    rate_per_1000,
    rolling_sum,
    seasonality,
    shift_months,
    top_places,
)

logger = logging.getLogger(__name__)

ASB = "Anti-social behaviour"
CRIME_ONLY = tuple(t for t in CRIME_TYPES if t != ASB)
REPO_ROOT = Path(__file__).resolve().parents[3]


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
) -> Assessment:
    """Compute the Strategic Assessment for ``area`` over ``date_from``..``date_to`` (YYYY-MM,
    inclusive), compared with the same number of months immediately before.

    ``area``: district name or code, ward name or code, LSOA codes (list or comma-separated), or None
    for every LSOA in the reference data.
    """
    t0 = time.perf_counter()
    ref = Path(reference_dir) if reference_dir else default_reference_dir()
    geo = geography or load_reference(ref, data_dir=data_dir or default_data_dir())
    the_area: Area = all_area(geo) if area is None else resolve_area(geo, area)
    months = month_range(date_from, date_to)
    if not months:
        raise ValueError(f"--from {date_from} is after --to {date_to}")
    n = len(months)
    prev = [shift_months(m, -n) for m in months]
    roll_from = shift_months(months[0], -11 - n)  # enough history for a 12-month rolling series
    store = store_for(data_dir)
    available = set(store.months("street"))
    notes: list[str] = []
    missing = [m for m in months if m not in available]
    missing_prev = [m for m in prev if m not in available]
    if len(missing) == n:
        raise ValueError(
            f"no police.uk street data in {store.root} for {date_from}..{date_to}; "
            "run `csphub ingest police-uk PATH` (or `csphub ingest sample`) first"
        )
    if missing:
        notes.append(
            f"No data for {len(missing)} study month(s): {', '.join(missing)}; figures cover the rest."
        )
    compare_ok = not missing_prev
    if not compare_ok:
        notes.append(
            f"Comparison months missing ({', '.join(missing_prev)}): year-on-year tests use "
            "exposure in months actually present."
        )

    con = store.connect(threads=threads)
    pool = ThreadPoolExecutor(max_workers=2)
    try:
        # Small lookup tables go in as DuckDB lists (building Arrow arrays from Python lists would
        # make pyarrow import pandas: ~0.3 s of start-up).
        def temp_table(name: str, column: str, values: Sequence[str]) -> None:
            # not TEMP: the other cursors of this in-memory database must see it
            con.execute(f"CREATE TABLE {name} AS SELECT unnest(?::VARCHAR[]) AS {column}", [list(values)])

        # Area LSOAs and months carry their sort rank, so the (2M-row, nationally) counts table is
        # grouped on integers and put in (month, crime_type, lsoa_code) order with one NumPy sort
        # instead of a DuckDB ORDER BY on three strings (about 2 s nationally).
        area_codes = sorted(set(the_area.lsoa_codes))
        want = [m for m in month_range(min(roll_from, prev[0]), months[-1]) if m in available]
        for name, column, values, rank in (
            ("area_lsoas", "lsoa_code", area_codes, "li"),
            ("want_months", "month", want, "mi"),
        ):
            con.execute(  # not TEMP: the counts cursor must see them
                f"CREATE TABLE {name} AS SELECT unnest(?::VARCHAR[]) AS {column}, "
                f"(generate_subscripts(?::VARCHAR[], 1) - 1)::BIGINT AS {rank}",
                [values, values],
            )
        # The counts (one DuckDB scan + group-by and a NumPy sort) run on a second cursor in a
        # background thread while this thread fetches the hot-spot points and computes hot spots
        # and repeats (NumPy): both halves release the GIL, so the two cores are used together.
        counts_future = pool.submit(_counts_and_forces, con.cursor(), store, want, months)
        hs_types = list(hotspot_crime_types) if hotspot_crime_types else list(CRIME_ONLY)
        temp_table("hs_types", "crime_type", hs_types)
        temp_table("study_months", "month", months)
        # Hot-spot points as NumPy arrays: coordinates and the month's index in the study period
        # (no per-row strings leave DuckDB; place labels are fetched for the top places only).
        month_list = "[" + ", ".join(f"'{m}'" for m in months if _MONTH.fullmatch(m)) + "]"
        pts_where = """
            FROM street s SEMI JOIN area_lsoas a ON s.lsoa_code = a.lsoa_code
            WHERE s.month IN (SELECT month FROM study_months) AND s.x_m IS NOT NULL
              AND s.crime_type IN (SELECT crime_type FROM hs_types)"""
        pts_np = con.sql(
            f"SELECT s.x_m, s.y_m, (list_position({month_list}, s.month) - 1)::BIGINT AS pm {pts_where}"
        ).fetchnumpy()
        # ---- hot spots and repeats ----
        x = _float_array(pts_np["x_m"])
        y = _float_array(pts_np["y_m"])
        hs_params = {
            "crime_types": hs_types,
            "cell_size_m": cell_size_m,
            "bandwidth_m": bandwidth_m,
            "distance_m": distance_m,
            "p_adjust": p_adjust,
            "alpha": alpha,
            "recent_periods": recent_periods,
            "period": "1 month",
        }
        t1 = time.perf_counter()
        pm = np.asarray(pts_np["pm"], dtype=np.int64)
        # repeat places (a sort of 5M keys and a small DuckDB query on its own cursor) in the
        # background too, while this thread computes the hot spots
        repeat_notes: list[str] = []
        repeats_future = pool.submit(_repeats_on_cursor, con.cursor(), pts_where, x, y, repeat_notes)
        hotspots = _hotspots(geo, the_area, x, y, pm, months, hs_params, notes)
        t_hot = time.perf_counter() - t1
        repeats = repeats_future.result()
        notes.extend(repeat_notes)

        counts_tbl, forces, monthly, by_lsoa_crime = counts_future.result()
        t_query = time.perf_counter() - t0
    finally:
        pool.shutdown(wait=True)  # on an error, let the counts query finish before closing
        con.close()

    # ---- aggregate the counts (monthly: per month and type; by_lsoa_crime: crime excl. ASB per LSOA
    # over the study months; both summed from the counts' integer keys in the counts job) ----
    study_set, prev_set = set(months), set(prev)
    by_type_now = dict.fromkeys(CRIME_TYPES, 0)
    by_type_prev = dict.fromkeys(CRIME_TYPES, 0)
    for (mo, ct), k in monthly.items():
        if mo in study_set:
            by_type_now[ct] = by_type_now.get(ct, 0) + k
        elif mo in prev_set:
            by_type_prev[ct] = by_type_prev.get(ct, 0) + k
    exp_now = float(n - len(missing))
    exp_prev = float(n - len(missing_prev))
    pop = the_area.population

    def compare(label: str, now: int, before: int) -> dict[str, Any]:
        row: dict[str, Any] = {
            "measure": label,
            "count": now,
            "count_previous": before,
            "rate_per_1000": rate_per_1000(now, pop) if pop else None,
        }
        if exp_prev > 0:
            rc = poisson_rate_test(before, now, exposure_before=exp_prev, exposure_after=exp_now)
            row.update(
                {
                    "change_pct": rc.change_pct,
                    "rate_ratio": rc.rate_ratio,
                    "p_value": rc.p_value,
                    "ratio_ci_low": rc.ratio_ci_low,
                    "ratio_ci_high": rc.ratio_ci_high,
                    "wording": describe_change(rc, alpha=alpha),
                }
            )
        else:
            row.update(
                {
                    "change_pct": None,
                    "rate_ratio": None,
                    "p_value": None,
                    "ratio_ci_low": None,
                    "ratio_ci_high": None,
                    "wording": "no comparison data",
                }
            )
        return row

    crime_now = sum(v for k, v in by_type_now.items() if k != ASB)
    crime_prev = sum(v for k, v in by_type_prev.items() if k != ASB)
    headline = [
        compare("All recorded crime (excluding ASB)", crime_now, crime_prev),
        compare(ASB, by_type_now[ASB], by_type_prev[ASB]),
        compare(
            "All incidents (crime and ASB)", crime_now + by_type_now[ASB], crime_prev + by_type_prev[ASB]
        ),
    ]
    by_type = []
    for ct in CRIME_TYPES:
        row = compare(ct, by_type_now[ct], by_type_prev[ct])
        row["crime_type"] = row.pop("measure")
        row["p_adj"] = None
        row["share_of_crime"] = (by_type_now[ct] / crime_now) if (ct != ASB and crime_now) else None
        by_type.append(row)
    by_type.sort(key=lambda r: -int(r["count"]))

    # Benjamini–Hochberg across the 14 comparisons, so "what changed" does not over-claim.
    tested = [r for r in by_type if r.get("p_value") is not None]
    if tested:
        p = np.array([r["p_value"] for r in tested], dtype=np.float64)
        order = np.argsort(p)
        adj = np.empty_like(p)
        ranked = p[order] * len(p) / np.arange(1, len(p) + 1)
        adj[order] = np.minimum(1.0, np.minimum.accumulate(ranked[::-1])[::-1])
        for r, a in zip(tested, adj, strict=True):
            r["p_adj"] = float(a)
    what_changed = [
        {
            "crime_type": r["crime_type"],
            "count": r["count"],
            "count_previous": r["count_previous"],
            "change_pct": r["change_pct"],
            "p_value": r["p_value"],
            "p_adj": r.get("p_adj"),
            "wording": r["wording"],
        }
        for r in sorted(tested, key=lambda r: float(r.get("p_adj", 1.0)))
        if float(r.get("p_adj", 1.0)) < alpha
    ]

    # ---- monthly series, rolling 12 months, seasonality ----
    all_months = sorted({m for m, _ in monthly} | set(months))
    monthly_rows = [
        {"month": m, "crime_type": ct, "count": monthly.get((m, ct), 0)}
        for m in all_months
        for ct in CRIME_TYPES
        if m in available
    ]
    crime_series = [sum(monthly.get((m, ct), 0) for ct in CRIME_ONLY) for m in all_months]
    asb_series = [monthly.get((m, ASB), 0) for m in all_months]
    roll_crime = rolling_sum(crime_series)
    roll_asb = rolling_sum(asb_series)
    rolling_rows = [
        {"month": m, "all_crime": c, "asb": a, "all_crime_12m": rc, "asb_12m": ra}
        for m, c, a, rc, ra in zip(all_months, crime_series, asb_series, roll_crime, roll_asb, strict=True)
        if m >= months[0] or m in prev_set
    ]
    season_months = [m for m in all_months if m in available]
    seas = {
        "all_crime": seasonality(
            {m: c for m, c in zip(all_months, crime_series, strict=True) if m in season_months}
        ).to_dict(),
        "asb": seasonality(
            {m: a for m, a in zip(all_months, asb_series, strict=True) if m in season_months}
        ).to_dict(),
        "months_used": season_months,
    }

    # ---- top LSOAs ----
    pops = {c: geo.lsoas[c].population for c in the_area.lsoa_codes}
    tops: dict[str, Any] = dict(top_places(by_lsoa_crime, pops, n=top_n))
    for lst in tops.values():
        for r in lst:
            lsoa = geo.lsoas.get(str(r["code"]))
            r["name"] = lsoa.name if lsoa else ""
            r["ward_name"] = lsoa.ward_name if lsoa else ""
    tops["measure"] = "All recorded crime (excluding ASB), study period"

    # ---- harm ----
    weights = _crime_weights(Path(weights_path) if weights_path else None, ref)
    harm_now = harm_totals(by_type_now, weights)
    harm_prev = harm_totals(by_type_prev, weights)
    harm = {
        **harm_now.to_dict(),
        "total_harm_previous": harm_prev.total_harm,
        "change_pct": ((harm_now.total_harm / harm_prev.total_harm - 1) * 100)
        if harm_prev.total_harm
        else None,
        "harm_per_1000": rate_per_1000(harm_now.total_harm, pop) if pop else None,
        "weights": dict(weights.weights),
    }

    # ---- data account ----
    manifest = store.manifest()
    used: dict[str, dict[str, Any]] = {
        k: v
        for k, v in manifest.items()
        if k.startswith("street/") and k.split("/")[2] in (study_set | prev_set) and k.split("/")[1] in forces
    }
    data = {
        "store_dir": str(store.root),
        "reference": {k: v for k, v in geo.sources.items() if k != "reference_dir"},
        "forces": forces,
        "months_available": sorted(available),
        "months_missing": missing,
        "comparison_months_missing": missing_prev,
        "partitions_used": len(used),
        "rows_input_in_partitions": sum(int(v["rows_input"]) for v in used.values()),
        "rows_quarantined_in_partitions": sum(int(v["rows_quarantined"]) for v in used.values()),
        "lsoa_2011_codes_mapped_in_partitions": sum(int(v.get("lsoa_2011_mapped", 0)) for v in used.values()),
        "population_total": pop,
        "population_source": "Census 2021 usual residents by LSOA (ONS TS001, 21 March 2021)",
        "hotspot_points": len(x),
        "timings_s": {
            "query": round(t_query, 3),
            "hotspots": round(t_hot, 3),
            "total": round(time.perf_counter() - t0, 3),
        },
    }
    caveats = [
        'police.uk locations are anonymised snap points ("On or near …"), not addresses; a place with many '
        "crimes may be a snap point that collects crimes from nearby streets.",
        "police.uk gives the month only: no day or time, so near-repeat (Knox) analysis is not possible "
        "with these data.",
        'Rows without a location ("No Location") cannot be placed in an area and are not counted here.',
        "LSOA codes from the 2011 census in older files were mapped to 2021 codes with the ONS exact "
        "lookup (a split 2011 LSOA's rows go to the 2021 LSOA whose population-weighted centroid is "
        "nearest the row's point).",
        "Rates per 1,000 residents use the Census 2021 usual resident population (21 March 2021), not a "
        "mid-year estimate.",
        f"Areas, boundaries and populations: {geo.sources.get('attribution', 'national reference')}",
        "Outcomes reflect the date of download, not a final result.",
        weights.caveat,
    ]
    params = {
        "area": area if (area is None or isinstance(area, str)) else list(area),
        "date_from": date_from,
        "date_to": date_to,
        "comparison": "same number of months immediately before",
        "alpha": alpha,
        "change_test": "exact conditional binomial test of two Poisson counts (two-sided)",
        "multiple_testing_by_crime_type": "Benjamini–Hochberg across the 14 categories",
        "rolling_window_months": 12,
        "top_n": top_n,
        "top_min_population": 500,
        "harm_weights": weights.name,
        "hotspots": hs_params,
    }
    return Assessment(
        area=the_area.to_dict(),
        period={
            "from": months[0],
            "to": months[-1],
            "months": months,
            "comparison_from": prev[0],
            "comparison_to": prev[-1],
            "comparison_months": prev,
        },
        parameters=params,
        data=data,
        headline=headline,
        by_crime_type=by_type,
        monthly=rows_table(monthly_rows, ["month", "crime_type", "count"]),
        rolling_12m=rows_table(rolling_rows, ["month", "all_crime", "asb", "all_crime_12m", "asb_12m"]),
        seasonality=seas,
        top_lsoas=tops,
        harm=harm,
        counts=counts_tbl,
        hotspots=hotspots,
        repeats=repeats,
        what_changed=what_changed,
        geometry=_geometry(geo, the_area),
        notes=notes,
        caveats=caveats,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def _area_rings(geo: Geography, area: Area) -> tuple[list[np.ndarray] | None, str]:
    if (
        area.kind == "district"
        and all(d in geo.district_rings for d in area.district_codes)
        and not (geo.sources.get("boundaries_imported"))
    ):
        return [r for d in area.district_codes for r in geo.district_rings[d]], "district boundary"
    if area.lsoa_codes and all(c in geo.lsoa_rings for c in area.lsoa_codes):
        return [r for c in area.lsoa_codes for r in geo.lsoa_rings[c]], "LSOA boundaries"
    return None, "bounding box of the points (no boundary in the reference data)"


def _geometry(geo: Geography, area: Area) -> dict[str, Any] | None:
    def rings(rs: list[np.ndarray]) -> list[list[list[int]]]:
        return [np.round(r).astype(np.int64).tolist() for r in rs]

    lsoas = {c: rings(geo.lsoa_rings[c]) for c in area.lsoa_codes if c in geo.lsoa_rings}
    # the outline of the area itself (district, CSP, police force area; none for wards and LSOA lists)
    district = rings(geo.district_rings.get(area.code, [])) if area.code else []
    if not lsoas and not district:
        return None
    return {"crs": "EPSG:27700", "district": district, "lsoas": lsoas}


def _finite(a: np.ndarray) -> list[float | None]:
    return [None if not np.isfinite(v) else float(v) for v in a]


def _hotspots(
    geo: Geography,
    area: Area,
    x: np.ndarray,
    y: np.ndarray,
    pm: np.ndarray,
    months: list[str],
    params: dict[str, Any],
    notes: list[str],
) -> dict[str, Any] | None:
    try:
        from csphub.analytics.hotspots.classify import hotspot_classify
        from csphub.analytics.hotspots.gistar import hotspot_gistar
        from csphub.analytics.hotspots.grid import hotspot_count_with_notes, hotspot_grid
        from csphub.analytics.hotspots.kde import hotspot_kde
    except ImportError as exc:  # pragma: no cover - only while the hot-spot package is absent
        notes.append(f"Hot-spot analysis not available in this build ({exc}).")
        return None
    if len(x) < 30:
        notes.append(f"Only {len(x)} located crimes: too few for hot-spot analysis (30 needed).")
        return None
    rings, study_area = _area_rings(geo, area)
    grid, grid_notes = hotspot_grid(rings, x_m=x, y_m=y, cell_size_m=params["cell_size_m"])
    cell_index = grid.index_of(x, y)  # once: reused by the counts, the KDE and the per-month counts
    cnt = hotspot_count_with_notes(x, y, grid, cell_index=cell_index)
    gi = hotspot_gistar(
        cnt.counts, grid, distance_m=params["distance_m"], p_adjust=params["p_adjust"], alpha=params["alpha"]
    )
    kde = hotspot_kde(x, y, grid, bandwidth_m=params["bandwidth_m"], cell_index=cell_index)
    # per-month counts for the space-time classification
    row, col, inside = cell_index
    use = inside & (pm >= 0)
    n_cells = grid.n_rows * grid.n_cols
    flat = pm[use] * n_cells + row[use] * grid.n_cols + col[use]
    by_period = (
        np.bincount(flat, minlength=len(months) * n_cells)
        .astype(np.float64)
        .reshape(len(months), grid.n_rows, grid.n_cols)
    )
    cls = None
    if len(months) >= 2 * params["recent_periods"]:
        cls = hotspot_classify(
            by_period,
            grid,
            recent_periods=params["recent_periods"],
            distance_m=params["distance_m"],
            p_adjust=params["p_adjust"],
            alpha=params["alpha"],
        )
    else:
        notes.append(
            "Study period too short for space-time hot-spot classification "
            f"(needs at least {2 * params['recent_periods']} months)."
        )
    cx, cy = grid.cell_centres()
    m = grid.mask
    gistar_tbl = {
        "cell_x_m": [float(v) for v in cx[m]],
        "cell_y_m": [float(v) for v in cy[m]],
        "count": [int(v) for v in cnt.counts[m]],
        "z": _finite(gi.z[m]),
        "p": _finite(gi.p[m]),
        "p_adj": _finite(gi.p_adj[m]),
        "is_hot": [bool(v) for v in gi.is_hot[m]],
        "is_cold": [bool(v) for v in gi.is_cold[m]],
    }
    if cls is not None:
        gistar_tbl["label"] = [str(v) for v in cls.labels[m]]
    kde_tbl = {
        "cell_x_m": gistar_tbl["cell_x_m"],
        "cell_y_m": gistar_tbl["cell_y_m"],
        "density": _finite(kde.density_per_km2[m]),
    }
    all_notes = [*grid_notes, *cnt.notes, *gi.notes, *kde.notes, *(cls.notes if cls else [])]
    return {
        "study_area": study_area,
        "grid": {
            "crs": "EPSG:27700",
            "x_min_m": grid.x_min_m,
            "y_min_m": grid.y_min_m,
            "cell_size_m": grid.cell_size_m,
            "n_cols": grid.n_cols,
            "n_rows": grid.n_rows,
            "n_cells_in_mask": grid.n_cells_in_mask,
            "cell_size_auto": params["cell_size_m"] is None,
        },
        "points": {
            "n_points": cnt.n_points,
            "n_counted": cnt.n_counted,
            "n_outside_mask": cnt.n_outside_mask,
            "n_outside_grid": cnt.n_outside_grid,
        },
        "gistar": {
            "distance_m": gi.distance_m,
            "p_adjust": gi.p_adjust,
            "alpha": gi.alpha,
            "n_hot": int(np.nansum(gi.is_hot)),
            "n_cold": int(np.nansum(gi.is_cold)),
            "cells": gistar_tbl,
        },
        "kde": {
            "bandwidth_m": kde.bandwidth_m,
            "bandwidth_x_m": kde.bandwidth_x_m,
            "bandwidth_y_m": kde.bandwidth_y_m,
            "bandwidth_auto": kde.bandwidth_auto,
            "kernel": "quartic",
            "unit": "crimes per km² over the study period",
            "method": kde.method,
            "cells": kde_tbl,
        },
        "classify": None
        if cls is None
        else {
            "label_counts": cls.label_counts(),
            "recent_period_indices": cls.recent_period_indices,
            "older_period_indices": cls.older_period_indices,
            "persistent_prop": cls.persistent_prop,
            "hotspot_prop": cls.hotspot_prop,
        },
        "parameters_used": {
            "cell_size_m": grid.cell_size_m,
            "distance_m": gi.distance_m,
            "bandwidth_m": kde.bandwidth_m,
            "p_adjust": gi.p_adjust,
            "alpha": gi.alpha,
        },
        "notes": all_notes,
    }


def _counts_and_forces(
    con: Any, store: Store, want: list[str], months: list[str]
) -> tuple[pa.Table, list[str], dict[tuple[str, str], int], dict[str, int]]:
    """The ordered ``month, crime_type, lsoa_code, count`` table over ``want`` months for the LSOAs in
    ``area_lsoas`` (tables ``area_lsoas``/``want_months`` with their ranks ``li``/``mi``), and the forces
    with rows in the study ``months``. ``con`` is a cursor of its own (closed here)."""
    try:
        # Fast path: crime types and forces as ranks in known sorted lists (the 14 police.uk categories,
        # which ingest enforces; the forces in the manifest), so DuckDB groups on integers only.
        # Anything else (NULL, a type or force outside the lists) falls back to ranking in SQL.
        type_names = sorted(CRIME_TYPES, key=lambda t: t.encode("utf-8"))
        force_names = sorted(
            {k.split("/")[1] for k in store.manifest() if k.startswith("street/")}, key=lambda f: f.encode()
        )
        keys = con.execute(
            """
            SELECT w.mi, (list_position(?::VARCHAR[], s.crime_type) - 1)::BIGINT AS ci, a.li,
                   (list_position(?::VARCHAR[], s.force) - 1)::BIGINT AS fi, count(*)::BIGINT AS n
            FROM street s JOIN area_lsoas a ON s.lsoa_code = a.lsoa_code
                 JOIN want_months w ON s.month = w.month
            GROUP BY ALL""",
            [type_names, force_names],
        ).fetchnumpy()
        fast = not any(
            isinstance(keys[c], np.ma.MaskedArray) and bool(np.ma.getmaskarray(keys[c]).any()) for c in keys
        )
        if fast:
            keys = {c: np.asarray(keys[c]) for c in keys}
            con.execute(
                "CREATE TEMP TABLE type_names AS SELECT unnest(?::VARCHAR[]) AS crime_type, "
                "generate_subscripts(?::VARCHAR[], 1) AS ci",
                [type_names, type_names],
            )
            type_arrow = con.sql("SELECT crime_type FROM type_names ORDER BY ci").to_arrow_table().column(0)
            study_mi = np.array([i for i, m in enumerate(want) if m in set(months)], dtype=np.int64)
            in_study = np.isin(keys["mi"], study_mi)
            forces = [force_names[int(i)] for i in np.unique(keys["fi"][in_study])]
        else:
            con.execute("""
                CREATE TEMP TABLE grouped AS
                SELECT w.mi, s.crime_type, a.li, s.force, count(*)::BIGINT AS n
                FROM street s JOIN area_lsoas a ON s.lsoa_code = a.lsoa_code
                     JOIN want_months w ON s.month = w.month
                GROUP BY ALL""")
            con.execute("""
                CREATE TEMP TABLE crime_types AS
                SELECT crime_type, (row_number() OVER (ORDER BY crime_type NULLS LAST) - 1)::BIGINT AS ci
                FROM (SELECT DISTINCT crime_type FROM grouped)""")
            keys = con.sql("""
                SELECT g.mi, c.ci, g.li, g.n
                FROM grouped g JOIN crime_types c ON g.crime_type IS NOT DISTINCT FROM c.crime_type""").fetchnumpy()
            type_arrow = con.sql("SELECT crime_type FROM crime_types ORDER BY ci").to_arrow_table().column(0)
            con.execute(
                "CREATE TEMP TABLE study_months_f AS SELECT unnest(?::VARCHAR[]) AS month", [list(months)]
            )
            forces = [
                r[0]
                for r in con.execute("""
                SELECT DISTINCT g.force FROM grouped g JOIN want_months w ON g.mi = w.mi
                WHERE w.month IN (SELECT month FROM study_months_f) ORDER BY 1""").fetchall()
            ]
        lsoa_arrow = con.sql("SELECT lsoa_code FROM area_lsoas ORDER BY li").to_arrow_table().column(0)
        counts_tbl = _ordered_counts(
            keys,
            con.sql("SELECT month FROM want_months ORDER BY mi").to_arrow_table().column(0),
            type_arrow,
            lsoa_arrow,
        )
        # roll-ups from the integer keys: (month, type) totals, and crime excluding ASB by LSOA over
        # the study months (NULL types count in neither the ASB test nor by LSOA, as in SQL)
        names = type_arrow.to_pylist()
        mi, ci, li, n = (np.asarray(keys[c], dtype=np.int64) for c in ("mi", "ci", "li", "n"))
        k_types = len(names)
        by_mt = np.bincount(mi * k_types + ci, weights=n, minlength=len(want) * k_types).astype(np.int64)
        has = np.bincount(mi * k_types + ci, minlength=len(want) * k_types) > 0
        monthly = {
            (str(want[i // k_types]), str(names[i % k_types])): int(by_mt[i]) for i in np.flatnonzero(has)
        }
        crime_ci = np.array([nm is not None and nm != ASB for nm in names], dtype=bool)
        use = np.isin(mi, [i for i, m in enumerate(want) if m in set(months)]) & crime_ci[ci]
        lsoa_names = lsoa_arrow.to_pylist()
        by_l = np.bincount(li[use], weights=n[use], minlength=len(lsoa_names)).astype(np.int64)
        seen = np.bincount(li[use], minlength=len(lsoa_names)) > 0
        by_lsoa = {str(lsoa_names[i]): int(by_l[i]) for i in np.flatnonzero(seen)}
        return counts_tbl, forces, monthly, by_lsoa
    finally:
        con.close()


def _int64_arrow(a: np.ndarray) -> pa.Array:
    """A NumPy int64 array as an Arrow array, zero-copy (``pa.array`` would import pandas)."""
    a = np.ascontiguousarray(a, dtype=np.int64)
    return pa.Array.from_buffers(pa.int64(), len(a), [None, pa.py_buffer(a)])


def _ordered_counts(
    keys: dict[str, Any],
    month_names: pa.ChunkedArray,
    crime_type_names: pa.ChunkedArray,
    lsoa_names: pa.ChunkedArray,
) -> pa.Table:
    """``month, crime_type, lsoa_code, count`` from integer-keyed groups (NumPy ``mi, ci, li, n``: ranks
    of month, crime type and LSOA code in their sorted name lists; one row per force), summed over
    forces and ordered as ``ORDER BY month, crime_type, lsoa_code`` (byte order, NULL crime type last)."""
    mi = np.asarray(keys["mi"], dtype=np.int64)
    ci = np.asarray(keys["ci"], dtype=np.int64)
    li = np.asarray(keys["li"], dtype=np.int64)
    n = np.asarray(keys["n"], dtype=np.int64)
    key = (mi * (len(crime_type_names) + 1) + ci) * (len(lsoa_names) + 1) + li
    order = np.argsort(key, kind="stable")
    sk = key[order]
    starts = np.flatnonzero(np.concatenate([[True], sk[1:] != sk[:-1]])) if len(sk) else np.zeros(0, np.int64)
    total = np.add.reduceat(n[order], starts) if len(sk) else np.zeros(0, np.int64)
    first = order[starts]
    return pa.Table.from_arrays(
        [
            month_names.take(_int64_arrow(mi[first])),
            crime_type_names.take(_int64_arrow(ci[first])),
            lsoa_names.take(_int64_arrow(li[first])),
            _int64_arrow(total),
        ],
        names=["month", "crime_type", "lsoa_code", "count"],
    )


def _float_array(a: Any) -> np.ndarray:
    """A float64 NumPy array from a DuckDB result column (masked arrays: NaN where null)."""
    if isinstance(a, np.ma.MaskedArray):
        return np.asarray(a.filled(np.nan), dtype=np.float64)
    return np.asarray(a, dtype=np.float64)


_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")


def _place_key(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """A place = one police.uk snap point: rounded BNG metres (NumPy rounding, half to even)."""
    return np.round(x).astype(np.int64) * 10_000_000 + np.round(y).astype(np.int64)


def _place_labels(con: Any, pts_where: str, keys: list[int]) -> dict[int, str | None]:
    """The ``location`` of the first hot-spot point (force, month, line order) at each place key."""
    if not keys:
        return {}
    xs = [k // 10_000_000 for k in keys]
    ys = [k % 10_000_000 for k in keys]
    # candidate rows: floor(x) and floor(y) can only be k-1 or k for a coordinate that rounds to k
    # (a cheap superset, checked exactly below; much faster than OR-ed boxes)
    fx = ", ".join(str(v) for v in sorted({v for x in xs for v in (x - 1, x)}))
    fy = ", ".join(str(v) for v in sorted({v for y in ys for v in (y - 1, y)}))
    boxes = f"floor(s.x_m)::BIGINT IN ({fx}) AND floor(s.y_m)::BIGINT IN ({fy})"
    # "first" = in store order (force, month, line in the source file), stated explicitly: DuckDB does not
    # keep scan order through the join, so without ORDER BY the label could change from run to run.
    rows = con.sql(
        f"SELECT s.x_m, s.y_m, s.location {pts_where} AND ({boxes}) ORDER BY s.force, s.month, s.line"
    ).fetchall()
    out: dict[int, str | None] = {}
    if rows:
        k = _place_key(
            np.array([r[0] for r in rows], dtype=np.float64), np.array([r[1] for r in rows], dtype=np.float64)
        )
        wanted = set(keys)
        for key, r in zip(k.tolist(), rows, strict=True):
            if key in wanted and key not in out:
                out[key] = r[2]
    return out


def _repeats_on_cursor(
    cur: Any, pts_where: str, x: np.ndarray, y: np.ndarray, notes: list[str]
) -> dict[str, Any] | None:
    try:
        return _repeats(x, y, lambda keys: _place_labels(cur, pts_where, keys), notes)
    finally:
        cur.close()


def _repeats(
    x: np.ndarray,
    y: np.ndarray,
    labels_for: Callable[[list[int]], dict[int, str | None]],
    notes: list[str],
) -> dict[str, Any] | None:
    try:
        from csphub.analytics.repeats import concentration
    except ImportError as exc:  # pragma: no cover
        notes.append(f"Repeat-location analysis not available in this build ({exc}).")
        return None
    if len(x) == 0:
        return None
    # A place = one police.uk snap point (rounded BNG metres) with its label.
    keys = _place_key(x, y)
    uniq, counts = np.unique(keys, return_counts=True)
    n_events = len(keys)
    repeat = np.flatnonzero(counts >= 2)
    at_repeat = int(counts[repeat].sum())
    summary = (n_events, len(uniq), at_repeat, at_repeat / n_events)
    # most events first, ties by place (the order repeat_locations gives for these keys)
    order = repeat[np.lexsort((repeat, -counts[repeat]))]
    top_idx = [int(i) for i in order[:20]]
    if n_events <= 300_000:
        # the wording of repeats.repeat_locations, which gives the same numbers one Python key per event
        rep_notes = [
            f"{len(repeat)} of {len(uniq)} places have 2 or more events, holding {at_repeat} of "
            f"{n_events} events; police.uk locations are anonymised snap points, not addresses"
        ]
    else:
        rep_notes = [f"{len(repeat)} of {len(uniq)} places have 2 or more events (vectorised count)"]
    labels = labels_for([int(uniq[i]) for i in top_idx])
    top_labels = [labels.get(int(uniq[i])) for i in top_idx]
    top = [
        {
            "location": lab,
            "x_m": int(uniq[i] // 10_000_000),
            "y_m": int(uniq[i] % 10_000_000),
            "count": int(counts[i]),
            "share": float(counts[i]) / summary[0],
        }
        for i, lab in zip(top_idx, top_labels, strict=True)
    ]
    conc = concentration(counts, shares=(0.01, 0.05, 0.1))
    return {
        "place_definition": "police.uk snap point (anonymised location)",
        "n_events": summary[0],
        "n_places": summary[1],
        "n_events_at_repeat_places": summary[2],
        "share_events_at_repeat_places": summary[3],
        "concentration": {f"top_{int(k * 100)}pct_places": v for k, v in conc.items()},
        "top_places": top,
        "knox": None,
        "knox_note": "Not run: police.uk gives months only, and a Knox test needs event dates.",
        "notes": rep_notes,
    }
