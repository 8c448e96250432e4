"""Repeat places, crime concentration and the near-repeat Knox test.

* :func:`repeat_locations` works on police.uk snap points ("On or near X" plus a longitude/latitude):
  a snap point stands for several nearby addresses, so a "repeat location" is a repeat *snap point*,
  never an address.
* :func:`concentration` gives the share of crime at the top 1% / 5% of places.
* :func:`knox_test` is the near-repeat Knox test for partner data with exact dates (police.uk has
  month-only dates and cannot be used): pairs of events close in space *and* in time are counted and
  compared with the same count after randomly permuting the event dates.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

logger = logging.getLogger(__name__)


def _json_safe(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return _json_safe(value.tolist())
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, (float, np.floating)):
        f = float(value)
        return f if math.isfinite(f) else None
    return value


def _json_dict(value: dict[str, Any]) -> dict[str, Any]:
    """``_json_safe`` of a dict, typed as the dict it stays."""
    out: dict[str, Any] = _json_safe(value)
    return out


# --------------------------------------------------------------------------------------------------
# Repeat locations
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RepeatPlace:
    """One place: its key, its number of events and their share of all events (0–1)."""

    key: Hashable
    count: int
    share: float


@dataclass(frozen=True)
class RepeatLocationsResult:
    """Places with at least ``min_count`` events, most events first (ties: by key, else ``str(key)``)."""

    places: list[RepeatPlace]
    n_events: int
    n_places: int
    min_count: int
    n_events_at_repeat_places: int
    share_events_at_repeat_places: float
    notes: list[str]

    def to_dict(self) -> dict[str, Any]:
        return _json_dict(
            {
                "places": [
                    {
                        "key": list(p.key) if isinstance(p.key, tuple) else p.key,
                        "count": p.count,
                        "share": p.share,
                    }
                    for p in self.places
                ],
                "n_events": self.n_events,
                "n_places": self.n_places,
                "min_count": self.min_count,
                "n_events_at_repeat_places": self.n_events_at_repeat_places,
                "share_events_at_repeat_places": self.share_events_at_repeat_places,
                "notes": list(self.notes),
            }
        )


def repeat_locations(location_keys: Sequence[Hashable], *, min_count: int = 2) -> RepeatLocationsResult:
    """Table of places with ``>= min_count`` events.

    ``location_keys``: one hashable key per event, e.g. ``("On or near High Street", -1.40, 53.02)``
    for police.uk (keep the coordinates in the key: the same street name recurs across an area).
    ``None`` keys (no location) are not counted and are reported in the notes. ``share`` is the
    place's count divided by all events with a location. Sorted by count (descending), then by key
    (or ``str(key)`` when keys are not mutually comparable) so the order is deterministic.
    """
    if min_count < 1:
        raise ValueError("min_count must be at least 1")
    keys = list(location_keys)
    missing = sum(1 for k in keys if k is None)
    counter = Counter(k for k in keys if k is not None)
    n_events = sum(counter.values())
    candidates = [(k, c) for k, c in counter.items() if c >= min_count]
    try:  # ties broken by the keys' natural order when they are comparable...
        rows = sorted(candidates, key=lambda kc: (-kc[1], kc[0]))
    except TypeError:  # ...else by their text, so the order is always deterministic
        rows = sorted(candidates, key=lambda kc: (-kc[1], str(kc[0])))
    places = [RepeatPlace(k, int(c), c / n_events) for k, c in rows]
    at_repeat = sum(p.count for p in places)
    notes = [
        f"{len(places)} of {len(counter)} places have {min_count} or more events, holding {at_repeat} of "
        f"{n_events} events; police.uk locations are anonymised snap points, not addresses"
    ]
    if missing:
        notes.append(f"{missing} events without a location not counted")
    return RepeatLocationsResult(
        places=places,
        n_events=n_events,
        n_places=len(counter),
        min_count=min_count,
        n_events_at_repeat_places=at_repeat,
        share_events_at_repeat_places=(at_repeat / n_events) if n_events else float("nan"),
        notes=notes,
    )


def concentration(
    counts_per_place: ArrayLike, *, shares: Sequence[float] = (0.01, 0.05)
) -> dict[float, float]:
    """Share of all crime at the top ``s`` fraction of places, for each ``s`` in ``shares``.

    Convention: every place given is in the denominator, including places with zero crime (pass all
    places in the area, e.g. every snap point or street segment, not only those with crime). The top
    ``s`` of ``n`` places is the ``k = max(1, ceil(s·n))`` places with the most crime; which of several
    tied places is taken does not change the sum, so the result is deterministic. Returns NaN when
    there is no crime at all.
    """
    c = np.asarray(counts_per_place, dtype=np.float64).ravel()
    if c.size == 0:
        raise ValueError("no places given")
    if not np.isfinite(c).all() or (c < 0).any():
        raise ValueError("counts must be finite and non-negative")
    total = float(c.sum())
    ordered = np.sort(c)[::-1]
    cum = np.cumsum(ordered)
    out: dict[float, float] = {}
    for s in shares:
        if not (0 < s <= 1):
            raise ValueError(f"shares must be in (0, 1], got {s}")
        k = max(1, math.ceil(s * c.size - 1e-9))
        out[float(s)] = float(cum[k - 1] / total) if total > 0 else float("nan")
    return out


# --------------------------------------------------------------------------------------------------
# Knox test
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KnoxResult:
    """Knox test results.

    Bands: ``space_edges_m = [e0, e1, …, ek]`` define ``k`` distance bands ``[e0, e1], (e1, e2], …``
    (closed on the right, the first band also closed on the left); likewise ``time_edges_days``.
    ``observed[i, j]``: pairs of events in space band ``i`` and time band ``j``.
    ``expected_mean``/``expected_median``: mean/median of the same counts over the permutations.
    ``knox_ratio`` = observed / expected_mean (NaN when the expectation is 0);
    ``p_value[i, j]`` = (M + 1)/(R + 1), M = permutations with count >= observed, R = permutations.
    """

    space_edges_m: list[float]
    time_edges_days: list[float]
    observed: np.ndarray
    expected_mean: np.ndarray
    expected_median: np.ndarray
    knox_ratio: np.ndarray
    knox_ratio_median: np.ndarray
    n_permutations_ge: np.ndarray
    p_value: np.ndarray
    permutations: int
    seed: int
    n_events: int
    n_pairs_within_max_distance: int
    notes: list[str]

    @property
    def observed_close_close(self) -> int:
        """Pairs close in space and time (first bands) — the classic single-threshold Knox count."""
        return int(self.observed[0, 0])

    def to_dict(self) -> dict[str, Any]:
        return _json_dict(
            {
                "space_edges_m": self.space_edges_m,
                "time_edges_days": self.time_edges_days,
                "observed": self.observed,
                "expected_mean": self.expected_mean,
                "expected_median": self.expected_median,
                "knox_ratio": self.knox_ratio,
                "knox_ratio_median": self.knox_ratio_median,
                "n_permutations_ge": self.n_permutations_ge,
                "p_value": self.p_value,
                "permutations": self.permutations,
                "seed": self.seed,
                "n_events": self.n_events,
                "n_pairs_within_max_distance": self.n_pairs_within_max_distance,
                "notes": list(self.notes),
            }
        )


def _edges(value: float | Sequence[float], name: str) -> np.ndarray:
    if np.ndim(value) == 0:
        v = float(value)  # type: ignore[arg-type]
        edges = np.array([0.0, v])
    else:
        edges = np.asarray(value, dtype=np.float64).ravel()
        if edges.size == 1:
            edges = np.array([0.0, edges[0]])
    if edges.size < 2 or np.isnan(edges).any() or (edges < 0).any() or (np.diff(edges) <= 0).any():
        raise ValueError(f"{name} must be a positive threshold or increasing non-negative band edges")
    return edges


def _band(values: np.ndarray, edges: np.ndarray, closed: str = "right") -> np.ndarray:
    """Band index per value; -1 outside.

    ``closed="right"``: bands [e0,e1], (e1,e2], …; ``closed="left"``: [e0,e1), [e1,e2), … (R's
    ``cut(right=FALSE)``, the wsteenbeek NearRepeat default).
    """
    if closed == "right":
        idx = np.searchsorted(edges, values, side="left") - 1
        idx[values == edges[0]] = 0
        idx[(values < edges[0]) | (values > edges[-1])] = -1
    else:
        idx = np.searchsorted(edges, values, side="right") - 1
        idx[(values < edges[0]) | (values >= edges[-1])] = -1
    return idx


def knox_test(
    x_m: ArrayLike,
    y_m: ArrayLike,
    t_days: ArrayLike,
    *,
    space_m: float | Sequence[float],
    time_days: float | Sequence[float],
    permutations: int = 999,
    seed: int,
    closed: str = "right",
    metric: str = "euclidean",
) -> KnoxResult:
    """Near-repeat Knox test (Ratcliffe's calculator / wsteenbeek NearRepeat algorithm).

    ``x_m``, ``y_m``: event coordinates in metres (BNG); ``t_days``: event times in days (e.g. days
    since an epoch; fractions allowed). ``space_m``/``time_days``: a single threshold ``d`` (one band
    ``[0, d]``: "within d") or a sequence of band edges (see :class:`KnoxResult`). Distances are
    Euclidean (``metric="manhattan"`` for the NearRepeat default); time gaps are absolute
    differences. ``closed="right"`` (default): bands include their upper edge ("within 100 m");
    ``closed="left"``: bands include their lower edge instead, as R's ``cut(right=FALSE)`` in
    wsteenbeek's NearRepeat, so its tables can be reproduced.

    Null model: event times are permuted among events ``permutations`` times with
    ``np.random.default_rng(seed)``; spatial pairs are fixed, so they are found once
    (``cKDTree.query_pairs`` up to the largest space edge) and each permutation only recounts time
    gaps. Events with missing values are dropped (noted).
    """
    if permutations < 1:
        raise ValueError("permutations must be at least 1")
    if closed not in ("right", "left"):
        raise ValueError("closed must be 'right' or 'left'")
    if metric not in ("euclidean", "manhattan"):
        raise ValueError("metric must be 'euclidean' or 'manhattan'")
    x = np.asarray(x_m, dtype=np.float64).ravel()
    y = np.asarray(y_m, dtype=np.float64).ravel()
    t = np.asarray(t_days, dtype=np.float64).ravel()
    if not (x.shape == y.shape == t.shape):
        raise ValueError("x_m, y_m and t_days must have the same length")
    s_edges = _edges(space_m, "space_m")
    t_edges = _edges(time_days, "time_days")
    notes: list[str] = []
    ok = np.isfinite(x) & np.isfinite(y) & np.isfinite(t)
    if (~ok).any():
        notes.append(f"{int((~ok).sum())} events with missing coordinates or dates dropped")
        x, y, t = x[ok], y[ok], t[ok]
    n = x.size
    if n < 2:
        raise ValueError("at least two events are needed")

    from scipy.spatial import cKDTree  # imported here: only the Knox test needs it

    tree = cKDTree(np.column_stack([x, y]))
    p_norm = 2.0 if metric == "euclidean" else 1.0
    pairs = tree.query_pairs(r=float(s_edges[-1]), p=p_norm, output_type="ndarray")
    i, j = pairs[:, 0], pairs[:, 1]
    d = (
        np.hypot(x[i] - x[j], y[i] - y[j])
        if metric == "euclidean"
        else np.abs(x[i] - x[j]) + np.abs(y[i] - y[j])
    )
    s_band = _band(d, s_edges, closed)
    keep = s_band >= 0
    i, j, s_band = i[keep], j[keep], s_band[keep]
    n_s, n_t = s_edges.size - 1, t_edges.size - 1

    def table(times: np.ndarray) -> np.ndarray:
        tb = _band(np.abs(times[i] - times[j]), t_edges, closed)
        sel = tb >= 0
        flat = s_band[sel] * n_t + tb[sel]
        return np.bincount(flat, minlength=n_s * n_t).reshape(n_s, n_t)

    observed = table(t)
    rng = np.random.default_rng(seed)
    sims = np.empty((permutations, n_s, n_t), dtype=np.int64)
    for r in range(permutations):
        sims[r] = table(t[rng.permutation(n)])
    ge = (sims >= observed[None]).sum(axis=0)
    p = (ge + 1) / (permutations + 1)
    exp_mean = sims.mean(axis=0)
    exp_median = np.median(sims, axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(exp_mean > 0, observed / exp_mean, np.nan)
        ratio_med = np.where(exp_median > 0, observed / exp_median, np.nan)
    notes.append(
        f"Knox test on {n} events, {i.size} pairs within {s_edges[-1]:g} m; dates permuted {permutations} "
        f"times (seed {seed}); p = (M+1)/(R+1), one-sided (more close pairs than chance); {metric} "
        f"distance; bands closed on the {closed}"
    )
    if min(p.shape) and p.size > 1:
        notes.append(f"{p.size} space-time cells tested: p-values are not adjusted for multiple testing")
    for note in notes:
        logger.info(note)
    return KnoxResult(
        space_edges_m=[float(e) for e in s_edges],
        time_edges_days=[float(e) for e in t_edges],
        observed=observed,
        expected_mean=exp_mean,
        expected_median=exp_median,
        knox_ratio=ratio,
        knox_ratio_median=ratio_med,
        n_permutations_ge=ge,
        p_value=p,
        permutations=int(permutations),
        seed=int(seed),
        n_events=int(n),
        n_pairs_within_max_distance=int(i.size),
        notes=notes,
    )
