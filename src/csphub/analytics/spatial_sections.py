"""The Strategic Assessment's spatial sections: hot spots (grid, Gi*, KDE, space-time classification)
and repeat places. Pure builders like the rest of :mod:`csphub.analytics.sections`, which re-exports them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from csphub.analytics.assessment import (
    ClassifySection,
    GiStarCells,
    GiStarSection,
    HotspotGrid,
    HotspotParameters,
    HotspotParametersUsed,
    HotspotPoints,
    Hotspots,
    KdeCells,
    KdeSection,
    RepeatPlace,
    Repeats,
)
from csphub.analytics.geography import Area, Geography

# ---------------------------------------------------------------- hot spots


def _finite(a: np.ndarray) -> tuple[float | None, ...]:
    return tuple(None if not np.isfinite(v) else float(v) for v in a)


def area_rings(geo: Geography, area: Area) -> tuple[list[np.ndarray] | None, str]:
    """The outline that masks the hot-spot grid, and its name."""
    if (
        area.kind == "district"
        and all(d in geo.district_rings for d in area.district_codes)
        and not geo.sources.get("boundaries_imported")  # imported (finer) LSOAs: mask with them
    ):
        return [r for d in area.district_codes for r in geo.district_rings[d]], "district boundary"
    if area.lsoa_codes and all(c in geo.lsoa_rings for c in area.lsoa_codes):
        return [r for c in area.lsoa_codes for r in geo.lsoa_rings[c]], "LSOA boundaries"
    return None, "bounding box of the points (no boundary in the reference data)"


def hotspot_section(
    geo: Geography,
    area: Area,
    x: np.ndarray,
    y: np.ndarray,
    month_index: np.ndarray,
    n_months: int,
    params: HotspotParameters,
) -> tuple[Hotspots | None, list[str]]:
    """Grid (masked to the area), Gi* on the study period, quartic KDE and the space-time
    classification of the monthly Gi* (when the study period is long enough), from the points' BNG
    coordinates and month indices. Returns the section (None below 30 points) and notes."""
    from csphub.analytics.hotspots.classify import hotspot_classify
    from csphub.analytics.hotspots.gistar import hotspot_gistar
    from csphub.analytics.hotspots.grid import hotspot_count_with_notes, hotspot_grid
    from csphub.analytics.hotspots.kde import hotspot_kde

    notes: list[str] = []
    if len(x) < 30:
        return None, [f"Only {len(x)} located crimes: too few for hot-spot analysis (30 needed)."]
    rings, study_area = area_rings(geo, area)
    grid, grid_notes = hotspot_grid(rings, x_m=x, y_m=y, cell_size_m=params.cell_size_m)
    cell_index = grid.index_of(x, y)  # once: reused by the counts, the KDE and the per-month counts
    cnt = hotspot_count_with_notes(x, y, grid, cell_index=cell_index)
    gi = hotspot_gistar(
        cnt.counts, grid, distance_m=params.distance_m, p_adjust=params.p_adjust, alpha=params.alpha
    )
    kde = hotspot_kde(x, y, grid, bandwidth_m=params.bandwidth_m, cell_index=cell_index)
    # per-month counts for the space-time classification
    row, col, inside = cell_index
    use = inside & (month_index >= 0)
    n_cells = grid.n_rows * grid.n_cols
    flat = month_index[use] * n_cells + row[use] * grid.n_cols + col[use]
    by_period = (
        np.bincount(flat, minlength=n_months * n_cells)
        .astype(np.float64)
        .reshape(n_months, grid.n_rows, grid.n_cols)
    )
    cls = None
    if n_months >= 2 * params.recent_periods:
        cls = hotspot_classify(
            by_period,
            grid,
            recent_periods=params.recent_periods,
            distance_m=params.distance_m,
            p_adjust=params.p_adjust,
            alpha=params.alpha,
        )
    else:
        notes.append(
            "Study period too short for space-time hot-spot classification "
            f"(needs at least {2 * params.recent_periods} months)."
        )
    cx, cy = grid.cell_centres()
    m = grid.mask
    cell_x = tuple(float(v) for v in cx[m])
    cell_y = tuple(float(v) for v in cy[m])
    gistar = GiStarSection(
        distance_m=gi.distance_m,
        p_adjust=gi.p_adjust,
        alpha=gi.alpha,
        n_hot=int(np.nansum(gi.is_hot)),
        n_cold=int(np.nansum(gi.is_cold)),
        cells=GiStarCells(
            cell_x_m=cell_x,
            cell_y_m=cell_y,
            count=tuple(int(v) for v in cnt.counts[m]),
            z=_finite(gi.z[m]),
            p=_finite(gi.p[m]),
            p_adj=_finite(gi.p_adj[m]),
            is_hot=tuple(bool(v) for v in gi.is_hot[m]),
            is_cold=tuple(bool(v) for v in gi.is_cold[m]),
            label=None if cls is None else tuple(str(v) for v in cls.labels[m]),
        ),
    )
    section = Hotspots(
        study_area=study_area,
        grid=HotspotGrid(
            "EPSG:27700",
            grid.x_min_m,
            grid.y_min_m,
            grid.cell_size_m,
            grid.n_cols,
            grid.n_rows,
            grid.n_cells_in_mask,
            params.cell_size_m is None,
        ),
        points=HotspotPoints(cnt.n_points, cnt.n_counted, cnt.n_outside_mask, cnt.n_outside_grid),
        gistar=gistar,
        kde=KdeSection(
            bandwidth_m=kde.bandwidth_m,
            bandwidth_x_m=kde.bandwidth_x_m,
            bandwidth_y_m=kde.bandwidth_y_m,
            bandwidth_auto=kde.bandwidth_auto,
            kernel="quartic",
            unit="crimes per km² over the study period",
            method=kde.method,
            cells=KdeCells(cell_x, cell_y, _finite(kde.density_per_km2[m])),
        ),
        classify=None
        if cls is None
        else ClassifySection(
            label_counts=cls.label_counts(),
            recent_period_indices=tuple(cls.recent_period_indices),
            older_period_indices=tuple(cls.older_period_indices),
            persistent_prop=cls.persistent_prop,
            hotspot_prop=cls.hotspot_prop,
        ),
        parameters_used=HotspotParametersUsed(
            grid.cell_size_m, gi.distance_m, kde.bandwidth_m, gi.p_adjust, gi.alpha
        ),
        notes=(*grid_notes, *cnt.notes, *gi.notes, *kde.notes, *(cls.notes if cls else [])),
    )
    return section, notes


# ---------------------------------------------------------------- repeats


def place_key(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """A place = one police.uk snap point: rounded BNG metres (NumPy rounding, half to even)."""
    return np.round(x).astype(np.int64) * 10_000_000 + np.round(y).astype(np.int64)


def first_labels(
    rows: Sequence[tuple[float, float, str | None]], keys: Sequence[int]
) -> dict[int, str | None]:
    """The label of the first row (in the given order) at each place key."""
    out: dict[int, str | None] = {}
    if rows:
        k = place_key(
            np.array([r[0] for r in rows], dtype=np.float64), np.array([r[1] for r in rows], dtype=np.float64)
        )
        wanted = set(keys)
        for key, r in zip(k.tolist(), rows, strict=True):
            if key in wanted and key not in out:
                out[key] = r[2]
    return out


def label_candidates(keys: Sequence[int]) -> tuple[list[int], list[int]]:
    """The floor(x) and floor(y) values a point that rounds to one of the place ``keys`` can have
    (k-1 or k): a cheap superset of the points to fetch labels from."""
    xs = [k // 10_000_000 for k in keys]
    ys = [k % 10_000_000 for k in keys]
    return sorted({v for x in xs for v in (x - 1, x)}), sorted({v for y in ys for v in (y - 1, y)})


def repeats_section(
    x: np.ndarray, y: np.ndarray, labels_for: Callable[[list[int]], Mapping[int, str | None]]
) -> Repeats | None:
    """Repeat places (a place = a police.uk snap point, rounded BNG metres), the share of events at
    places with two or more, concentration, and the 20 busiest places with the label ``labels_for``
    gives their key (the location of the first crime there). None without points."""
    from csphub.analytics.repeats import concentration

    if len(x) == 0:
        return None
    keys = place_key(x, y)
    uniq, counts = np.unique(keys, return_counts=True)
    n_events = len(keys)
    repeat = np.flatnonzero(counts >= 2)
    at_repeat = int(counts[repeat].sum())
    # most events first, ties by place (the order repeat_locations gives for these keys)
    order = repeat[np.lexsort((repeat, -counts[repeat]))]
    top_idx = [int(i) for i in order[:20]]
    if n_events <= 300_000:
        # the wording of repeats.repeat_locations, which gives the same numbers one Python key per event
        notes = (
            f"{len(repeat)} of {len(uniq)} places have 2 or more events, holding {at_repeat} of "
            f"{n_events} events; police.uk locations are anonymised snap points, not addresses",
        )
    else:
        notes = (f"{len(repeat)} of {len(uniq)} places have 2 or more events (vectorised count)",)
    labels = labels_for([int(uniq[i]) for i in top_idx])
    conc = concentration(counts, shares=(0.01, 0.05, 0.1))
    return Repeats(
        place_definition="police.uk snap point (anonymised location)",
        n_events=n_events,
        n_places=len(uniq),
        n_events_at_repeat_places=at_repeat,
        share_events_at_repeat_places=at_repeat / n_events,
        concentration={f"top_{int(k * 100)}pct_places": v for k, v in conc.items()},
        top_places=tuple(
            RepeatPlace(
                labels.get(int(uniq[i])),
                int(uniq[i] // 10_000_000),
                int(uniq[i] % 10_000_000),
                int(counts[i]),
                float(counts[i]) / n_events,
            )
            for i in top_idx
        ),
        knox=None,
        knox_note="Not run: police.uk gives months only, and a Knox test needs event dates.",
        notes=notes,
    )
