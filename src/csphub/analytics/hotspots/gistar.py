"""Getis–Ord Gi* hot spots on a grid, as array operations.

Gi* with binary distance-band weights (self included) over the cells of the study area only:
cell ``j`` is a neighbour of cell ``i`` when both are in the mask and the distance between their
centres is ``<= distance_m``; every cell is its own neighbour. With ``y`` the counts of the ``n``
in-mask cells, ``ȳ`` their mean, ``s`` their population standard deviation
(``s² = Σy²/n − ȳ²``), ``S_i = Σ_j w_ij y_j`` and ``c_i = Σ_j w_ij`` (binary weights, so
``Σ w_ij² = c_i``), the z-score is (Ord & Getis 1995, eq. 14.3):

    z_i = (S_i − ȳ·c_i) / (s · sqrt((n·c_i − c_i²) / (n − 1)))

This is exactly PySAL esda's ``G_Local(y, w, transform="B", star=True).Zs``. The p-value is
two-sided from the standard normal, ``p = 2·Φ(−|z|)`` (esda's ``p_norm`` is one-sided), then adjusted
for multiple testing across the in-mask cells (Benjamini–Hochberg by default; sfhotspot applies none).
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from csphub.analytics.hotspots._fft import correlate_constant, fftconvolve_same
from csphub.analytics.hotspots.adjust import P_ADJUST_DESCRIPTIONS, adjust_p
from csphub.analytics.hotspots.grid import Grid, _json_dict

logger = logging.getLogger(__name__)

#: Default neighbourhood radius in cells. sfhotspot uses cell × √2 (the 8 queen neighbours); a centre
#: distance of exactly √2 cells is a floating-point tie, so we use 1.5 cells: the same 8 neighbours.
DEFAULT_DISTANCE_CELLS = 1.5
#: Relative tolerance on distance comparisons, so a distance given as e.g. 2×cell is not lost to
#: round-off.
_DIST_RTOL = 1e-9


@dataclass(frozen=True)
class GiStarResult:
    """Gi* results. Arrays are ``(n_rows, n_cols)``; NaN (floats) or False (flags) outside the mask.

    ``z``: Gi* z-score; ``p``: two-sided normal p-value; ``p_adj``: p adjusted by ``p_adjust``;
    ``is_hot`` = ``p_adj <= alpha`` and ``z > 0``; ``is_cold`` = ``p_adj <= alpha`` and ``z < 0``;
    ``n_neighbours``: number of in-mask cells in each cell's neighbourhood, self included.
    """

    z: np.ndarray
    p: np.ndarray
    p_adj: np.ndarray
    is_hot: np.ndarray
    is_cold: np.ndarray
    n_neighbours: np.ndarray
    distance_m: float
    cell_size_m: float
    p_adjust: str
    alpha: float
    n_cells: int
    notes: list[str]

    def to_dict(self) -> dict[str, Any]:
        return _json_dict(
            {
                "z": self.z,
                "p": self.p,
                "p_adj": self.p_adj,
                "is_hot": self.is_hot,
                "is_cold": self.is_cold,
                "n_neighbours": self.n_neighbours,
                "distance_m": self.distance_m,
                "cell_size_m": self.cell_size_m,
                "p_adjust": self.p_adjust,
                "alpha": self.alpha,
                "n_cells": self.n_cells,
                "notes": list(self.notes),
            }
        )


def disk_kernel(distance_m: float, cell_size_m: float) -> NDArray[np.float64]:
    """0/1 kernel of cell offsets whose centre distance is ``<= distance_m`` (square, odd side)."""
    r_cells = distance_m / cell_size_m
    r = math.floor(r_cells * (1 + _DIST_RTOL))
    off = np.arange(-r, r + 1, dtype=np.float64)
    d2 = off[:, None] ** 2 + off[None, :] ** 2
    return (d2 <= (r_cells**2) * (1 + 2 * _DIST_RTOL)).astype(np.float64)


#: Above this many kernel cells, neighbourhood sums use FFT convolution instead of direct summation.
_FFT_MIN_KERNEL_CELLS = 400


def neighbourhood_sum(values: ArrayLike, kernel: NDArray[np.float64]) -> NDArray[np.float64]:
    """Sum of ``values`` over each cell's kernel neighbourhood (zero beyond the array edge).

    Small kernels: direct summation (``correlate_constant``, equal to ``scipy.ndimage.correlate``). Large kernels (radius of
    more than ~11 cells): FFT convolution (the disk kernel is symmetric, so convolution equals
    correlation); when every value is an integer (counts) the result is rounded back to integers, so
    it is exact either way; otherwise FFT round-off is ~1e-12 relative.
    """
    v = np.asarray(values, dtype=np.float64)
    if np.count_nonzero(kernel) <= _FFT_MIN_KERNEL_CELLS:
        return correlate_constant(v, kernel)
    out = fftconvolve_same(v, kernel)
    if np.array_equal(v, np.rint(v)) and np.abs(v).sum() < 2**50:
        out = np.rint(out)
    return out


def resolve_distance_m(grid: Grid, distance_m: float | None) -> tuple[float, list[str]]:
    """The neighbourhood distance to use, with a note when chosen automatically."""
    notes: list[str] = []
    if distance_m is None:
        distance_m = DEFAULT_DISTANCE_CELLS * grid.cell_size_m
        notes.append(
            f"Gi* neighbourhood distance {distance_m:g} m chosen automatically: 1.5 × cell size, i.e. the "
            "8 surrounding cells plus the cell itself (sfhotspot's cell × √2 rule without its "
            "floating-point tie)"
        )
    elif not (distance_m > 0 and math.isfinite(distance_m)):
        raise ValueError(f"distance_m must be positive, got {distance_m!r}")
    return float(distance_m), notes


def hotspot_gistar(
    counts: np.ndarray,
    grid: Grid,
    *,
    distance_m: float | None = None,
    p_adjust: str = "fdr_bh",
    alpha: float = 0.05,
) -> GiStarResult:
    """Getis–Ord Gi* for each in-mask cell of ``grid`` (see module docstring for the formula).

    ``counts``: ``(n_rows, n_cols)`` counts or weighted sums per cell (values outside the mask are
    ignored). ``distance_m``: neighbourhood radius in metres between cell centres (inclusive);
    ``None`` → 1.5 × cell size (noted). ``p_adjust``: one of ``fdr_bh`` (default), ``by``, ``holm``,
    ``bonferroni``, ``none``, applied over the in-mask cells. ``alpha``: significance level.

    z is NaN everywhere when the in-mask counts do not vary (e.g. no crime at all), and for a cell
    whose neighbourhood is the whole study area; such cells are never hot or cold (noted).
    """
    y_all = np.asarray(counts, dtype=np.float64)
    if y_all.shape != grid.shape:
        raise ValueError(f"counts has shape {y_all.shape}, grid is {grid.shape}")
    if not (0 < alpha < 1):
        raise ValueError("alpha must be in (0, 1)")
    if p_adjust not in P_ADJUST_DESCRIPTIONS:
        raise ValueError(f"p_adjust must be one of {tuple(P_ADJUST_DESCRIPTIONS)}, got {p_adjust!r}")
    mask = grid.mask
    if not np.isfinite(y_all[mask]).all():
        raise ValueError("counts must be finite inside the study area")
    distance_m, notes = resolve_distance_m(grid, distance_m)

    n = int(mask.sum())
    if n < 2:
        raise ValueError("Gi* needs at least two cells in the study area")
    y = np.where(mask, y_all, 0.0)
    kernel = disk_kernel(distance_m, grid.cell_size_m)
    if kernel.sum() == 1:
        notes.append(
            f"distance {distance_m:g} m is shorter than the cell size {grid.cell_size_m:g} m: "
            "each cell is its own only neighbour"
        )
    s_sum = neighbourhood_sum(y, kernel)
    card = np.rint(neighbourhood_sum(mask, kernel))  # integer neighbour counts, exactly

    yv = y_all[mask]
    y_bar = float(yv.mean())
    s = float(np.sqrt(np.mean((yv - y_bar) ** 2)))  # population s, two-pass for accuracy

    z = np.full(grid.shape, np.nan)
    c = card[mask]
    with np.errstate(divide="ignore", invalid="ignore"):
        denom = s * np.sqrt((n * c - c * c) / (n - 1))
        zv = (s_sum[mask] - y_bar * c) / denom
    zv[~np.isfinite(zv)] = np.nan
    z[mask] = zv
    if s == 0:
        notes.append("counts do not vary across the study area: Gi* is undefined, no hot or cold spots")
    elif (c >= n).any():
        notes.append(
            f"{int((c >= n).sum())} cells have the whole study area as neighbourhood: Gi* undefined there"
        )

    p = np.full(grid.shape, np.nan)
    from scipy import special  # imported when Gi* is computed, not when an assessment is read

    p[mask] = special.erfc(np.abs(zv) / math.sqrt(2.0))  # = 2·(1 − Φ(|z|)), accurate in the tails
    p_adj = adjust_p(p, p_adjust)
    # NaN compares False: cells outside the mask, or where Gi* is undefined, are never hot or cold
    sig = p_adj <= alpha
    is_hot = sig & (z > 0)
    is_cold = sig & (z < 0)
    n_nb = np.where(mask, card, 0).astype(np.int64)
    notes.append(
        f"Gi* over {n} cells, binary weights within {distance_m:g} m (self included, mean "
        f"{float(c.mean()):.1f} neighbours); two-sided normal p-values adjusted by "
        f"{P_ADJUST_DESCRIPTIONS[p_adjust]} ({p_adjust}) across cells; significant at p_adj <= {alpha:g}: "
        f"{int(is_hot.sum())} hot, {int(is_cold.sum())} cold"
    )
    for note in notes:
        logger.info(note)
    return GiStarResult(
        z=z,
        p=p,
        p_adj=p_adj,
        is_hot=is_hot,
        is_cold=is_cold,
        n_neighbours=n_nb,
        distance_m=distance_m,
        cell_size_m=grid.cell_size_m,
        p_adjust=p_adjust,
        alpha=float(alpha),
        n_cells=n,
        notes=notes,
    )
