"""Classify cells by how their Gi* hot-spot status changes over time (after Chainey / sfhotspot).

For each period Gi* is computed on the shared grid with :func:`hotspot_gistar`, and each period's
p-values are adjusted for multiple testing *across the cells of that period* (``p_adjust``, default
Benjamini–Hochberg). A cell is *hot in a period* when its adjusted p is ``<= alpha`` and ``z > 0``.

Windows: with ``n`` periods and ``recent_periods = r`` (``1 <= r < n``), the **recent window** is the
last ``r`` periods and the **older window** is the first ``n − r``. They never overlap (sfhotspot
counts period ``n − r`` in both). A cell is *hot in a window* when the share of that window's periods
in which it is hot is ``>= hotspot_prop`` (default 0.1) and at least one period is hot.

Labels, first matching rule wins:

* ``persistent``: hot in ``>= persistent_prop`` (default 0.8) of all ``n`` periods;
* ``emerging``: hot in the recent window and not hot in the older window;
* ``former``: hot in the older window and not hot in the recent window;
* ``intermittent``: hot in at least one period otherwise (e.g. in both windows but not persistently);
* ``no pattern``: never hot.

Cells outside the mask get ``"outside"``. Periods with no events in the study area (Gi* undefined)
stay in every denominator: a cell is simply not hot in them (noted).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import numpy as np

from csphub.analytics.hotspots.adjust import P_ADJUST_DESCRIPTIONS
from csphub.analytics.hotspots.gistar import hotspot_gistar, resolve_distance_m
from csphub.analytics.hotspots.grid import Grid, _json_dict

logger = logging.getLogger(__name__)

LABELS = ("persistent", "emerging", "former", "intermittent", "no pattern")
OUTSIDE = "outside"


@dataclass(frozen=True)
class ClassifyResult:
    """``labels``: ``(n_rows, n_cols)`` str; ``hot_by_period``/``cold_by_period``/``z_by_period``:
    ``(n_periods, n_rows, n_cols)``; ``recent_period_indices``/``older_period_indices``: 0-based
    period indices of the two disjoint windows."""

    labels: np.ndarray
    hot_by_period: np.ndarray
    cold_by_period: np.ndarray
    z_by_period: np.ndarray
    share_hot: np.ndarray  # (n_rows, n_cols) share of all periods hot; NaN outside mask
    recent_period_indices: list[int]
    older_period_indices: list[int]
    distance_m: float
    p_adjust: str
    alpha: float
    persistent_prop: float
    hotspot_prop: float
    notes: list[str]

    def label_counts(self) -> dict[str, int]:
        """Number of in-mask cells with each label."""
        return {lab: int((self.labels == lab).sum()) for lab in LABELS}

    def to_dict(self) -> dict[str, Any]:
        return _json_dict(
            {
                "labels": self.labels,
                "label_counts": self.label_counts(),
                "hot_by_period": self.hot_by_period,
                "cold_by_period": self.cold_by_period,
                "share_hot": self.share_hot,
                "recent_period_indices": self.recent_period_indices,
                "older_period_indices": self.older_period_indices,
                "distance_m": self.distance_m,
                "p_adjust": self.p_adjust,
                "alpha": self.alpha,
                "persistent_prop": self.persistent_prop,
                "hotspot_prop": self.hotspot_prop,
                "notes": list(self.notes),
            }
        )


def hotspot_classify(
    counts_by_period: np.ndarray,
    grid: Grid,
    *,
    recent_periods: int,
    distance_m: float | None = None,
    p_adjust: str = "fdr_bh",
    alpha: float = 0.05,
    persistent_prop: float = 0.8,
    hotspot_prop: float = 0.1,
) -> ClassifyResult:
    """Label each in-mask cell persistent / emerging / former / intermittent / no pattern.

    ``counts_by_period``: ``(n_periods, n_rows, n_cols)`` counts in period order (oldest first).
    See the module docstring for the exact definitions of windows and labels.
    """
    c = np.asarray(counts_by_period, dtype=np.float64)
    if c.ndim != 3 or c.shape[1:] != grid.shape:
        raise ValueError(f"counts_by_period must have shape (n_periods, {grid.n_rows}, {grid.n_cols})")
    n_periods = c.shape[0]
    if n_periods < 2:
        raise ValueError("at least two periods are needed")
    if not (1 <= recent_periods < n_periods):
        raise ValueError(f"recent_periods must be between 1 and {n_periods - 1}")
    if not (0 < persistent_prop <= 1 and 0 < hotspot_prop <= 1):
        raise ValueError("persistent_prop and hotspot_prop must be in (0, 1]")
    if p_adjust not in P_ADJUST_DESCRIPTIONS:
        raise ValueError(f"p_adjust must be one of {tuple(P_ADJUST_DESCRIPTIONS)}")
    distance_m, notes = resolve_distance_m(grid, distance_m)

    hot = np.zeros(c.shape, dtype=bool)
    cold = np.zeros(c.shape, dtype=bool)
    zs = np.full(c.shape, np.nan)
    empty: list[int] = []
    for t in range(n_periods):
        if not (c[t][grid.mask] != c[t][grid.mask][0]).any():
            empty.append(t)  # no variation (typically no events): Gi* undefined, not hot
            continue
        res = hotspot_gistar(c[t], grid, distance_m=distance_m, p_adjust=p_adjust, alpha=alpha)
        hot[t], cold[t], zs[t] = res.is_hot, res.is_cold, res.z

    split = n_periods - recent_periods
    older_idx = list(range(split))
    recent_idx = list(range(split, n_periods))
    assert not set(older_idx) & set(recent_idx)

    n_hot_all = hot.sum(axis=0)
    n_hot_old = hot[:split].sum(axis=0)
    n_hot_recent = hot[split:].sum(axis=0)
    share_all = n_hot_all / n_periods
    hot_old = (n_hot_old >= 1) & (n_hot_old / len(older_idx) >= hotspot_prop)
    hot_recent = (n_hot_recent >= 1) & (n_hot_recent / len(recent_idx) >= hotspot_prop)

    labels = np.full(grid.shape, "no pattern", dtype=object)
    labels[n_hot_all >= 1] = "intermittent"
    labels[hot_old & ~hot_recent] = "former"
    labels[hot_recent & ~hot_old] = "emerging"
    labels[share_all >= persistent_prop] = "persistent"
    labels[~grid.mask] = OUTSIDE
    labels = labels.astype(str)

    notes.append(
        f"{n_periods} periods: older window = periods 1–{split}, recent window = periods "
        f"{split + 1}–{n_periods} (disjoint); Gi* per period with p-values adjusted by "
        f"{P_ADJUST_DESCRIPTIONS[p_adjust]} ({p_adjust}) across cells within each period; hot = "
        f"p_adj <= {alpha:g} and z > 0; persistent = hot in >= {persistent_prop:.0%} of periods; "
        f"hot in a window = hot in >= {hotspot_prop:.0%} of its periods (and at least one)"
    )
    if empty:
        notes.append(
            f"{len(empty)} period(s) with no variation in counts (e.g. no events): "
            f"{[t + 1 for t in empty]}; no cell is hot in them and they stay in the denominators"
        )
    for note in notes:
        logger.info(note)
    return ClassifyResult(
        labels=labels,
        hot_by_period=hot,
        cold_by_period=cold,
        z_by_period=zs,
        share_hot=np.where(grid.mask, share_all, np.nan),
        recent_period_indices=recent_idx,
        older_period_indices=older_idx,
        distance_m=distance_m,
        p_adjust=p_adjust,
        alpha=float(alpha),
        persistent_prop=float(persistent_prop),
        hotspot_prop=float(hotspot_prop),
        notes=notes,
    )
