"""Kernel density estimate on a grid: quartic (biweight) kernel, binned points, grid convolution.

The density at the centre of cell ``i`` is

    f_i = Σ_points w_p · K(d(c_i, b_p)),     K(d) = 3 / (π h²) · (1 − d²/h²)²  for d < h, else 0

where ``b_p`` is the centre of the cell the point falls in (points are binned to the analysis grid),
``h`` is the bandwidth (the kernel radius, metres) and ``K`` integrates to 1 over the plane. ``f`` is
reported in points per km² (``density_per_km2``); summing ``f × cell area`` over a large enough grid
gives back the number (or weight) of points. Binning moves each point by at most half a cell diagonal,
so the result differs from the raw-point kernel sum by O(cell / h); tests bound this.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from csphub.analytics.hotspots._fft import correlate_constant, fftconvolve_same
from csphub.analytics.hotspots.grid import Grid, _json_dict, hotspot_count_with_notes

logger = logging.getLogger(__name__)

#: Use exact direct summation when cells × kernel cells is below this; FFT above.
_DIRECT_MAX_WORK = 40_000_000


@dataclass(frozen=True)
class KdeResult:
    """``density_per_km2``: ``(n_rows, n_cols)`` points (or weight) per km², NaN outside the mask."""

    density_per_km2: np.ndarray
    bandwidth_m: float
    bandwidth_x_m: float | None  # the per-axis rule values when chosen automatically
    bandwidth_y_m: float | None
    bandwidth_auto: bool
    method: str  # "direct" or "fft"
    n_points_used: int
    notes: list[str]

    def to_dict(self) -> dict[str, Any]:
        return _json_dict(
            {
                "density_per_km2": self.density_per_km2,
                "bandwidth_m": self.bandwidth_m,
                "bandwidth_x_m": self.bandwidth_x_m,
                "bandwidth_y_m": self.bandwidth_y_m,
                "bandwidth_auto": self.bandwidth_auto,
                "method": self.method,
                "n_points_used": self.n_points_used,
                "kernel": "quartic",
                "notes": list(self.notes),
            }
        )


def quartic_kernel_per_m2(d_m: ArrayLike, bandwidth_m: float) -> NDArray[np.float64]:
    """Quartic kernel value (per m²) at distances ``d_m`` for bandwidth (radius) ``bandwidth_m``."""
    d = np.asarray(d_m, dtype=np.float64)
    u2 = (d / bandwidth_m) ** 2
    return np.where(u2 < 1.0, 3.0 / (math.pi * bandwidth_m**2) * (1.0 - u2) ** 2, 0.0)


def nrd_bandwidth_m(values_m: ArrayLike) -> float:
    """``MASS::bandwidth.nrd`` for one axis: ``4 × 1.06 × min(sd, IQR/1.34) × n^(-1/5)``.

    ``sd`` uses ``n − 1``; quartiles are R's type 7 (numpy's default). When the IQR is zero (many
    points at one snap point) the sd alone is used; returns 0 when the values do not vary.
    """
    v = np.asarray(values_m, dtype=np.float64)
    n = v.size
    if n < 2:
        return 0.0
    sd = float(np.std(v, ddof=1))
    q75, q25 = np.percentile(v, [75, 25])
    iqr_scale = float(q75 - q25) / 1.34
    spread = min(sd, iqr_scale) if iqr_scale > 0 else sd
    return float(4.0 * 1.06 * spread * n ** (-0.2))


def auto_bandwidth_m(x_m: ArrayLike, y_m: ArrayLike) -> tuple[float, float, float]:
    """Automatic bandwidth: the mean of :func:`nrd_bandwidth_m` applied to x AND to y.

    Returns ``(h, h_x, h_y)``. (sfhotspot documents this average but, through R's ``mean(a, b)``,
    uses the x bandwidth only; we average on purpose.)
    """
    hx = nrd_bandwidth_m(x_m)
    hy = nrd_bandwidth_m(y_m)
    return (hx + hy) / 2.0, hx, hy


def kernel_matrix_per_m2(grid: Grid, bandwidth_m: float) -> NDArray[np.float64]:
    """Kernel evaluated at whole-cell offsets, shape ``(2R+1, 2C+1)``, cropped to the grid size."""
    r = math.ceil(bandwidth_m / grid.cell_size_m)
    rr = min(r, grid.n_rows - 1)
    rc = min(r, grid.n_cols - 1)
    dy = np.arange(-rr, rr + 1, dtype=np.float64) * grid.cell_size_m
    dx = np.arange(-rc, rc + 1, dtype=np.float64) * grid.cell_size_m
    d = np.sqrt(dy[:, None] ** 2 + dx[None, :] ** 2)
    return quartic_kernel_per_m2(d, bandwidth_m)


def hotspot_kde(
    x_m: ArrayLike,
    y_m: ArrayLike,
    grid: Grid,
    *,
    bandwidth_m: float | None = None,
    weights: ArrayLike | None = None,
    bandwidth_adjust: float = 1.0,
    method: str = "auto",
    cell_index: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
) -> KdeResult:
    """Quartic-kernel density at each cell centre, points per km² (see module docstring).

    Only points counted by :func:`hotspot_count` (inside the grid and the mask) are used, both for the
    density and for the automatic bandwidth. ``bandwidth_m=None`` → :func:`auto_bandwidth_m` ×
    ``bandwidth_adjust`` (noted). A note and a ``logging.warning`` are given when the bandwidth is
    smaller than the cell size. Cells outside the mask are NaN. ``method``: ``"direct"`` (exact
    summation), ``"fft"`` (FFT convolution, as ``scipy.signal.fftconvolve``; tiny negative round-off
    clipped to 0) or ``"auto"`` (direct when cheap, else FFT). ``cell_index``: ``grid.index_of(x_m, y_m)``
    when the caller already has it (saves recomputing it for millions of points).
    """
    if method not in ("auto", "direct", "fft"):
        raise ValueError("method must be 'auto', 'direct' or 'fft'")
    if not (bandwidth_adjust > 0 and math.isfinite(bandwidth_adjust)):
        raise ValueError("bandwidth_adjust must be positive")
    counted = hotspot_count_with_notes(x_m, y_m, grid, weights=weights, cell_index=cell_index)
    notes = list(counted.notes)
    hx: float | None = None
    hy: float | None = None
    auto = bandwidth_m is None
    if bandwidth_m is None:
        x = np.asarray(x_m, dtype=np.float64).ravel()
        y = np.asarray(y_m, dtype=np.float64).ravel()
        inside = (cell_index[2] if cell_index is not None else grid.index_of(x, y)[2]) & (
            np.isfinite(x) & np.isfinite(y)
        )
        if inside.sum() < 2:
            raise ValueError("at least two points in the study area are needed to choose a bandwidth")
        h, hx, hy = auto_bandwidth_m(x[inside], y[inside])
        if not h > 0:
            raise ValueError("points do not vary in position: cannot choose a bandwidth; pass bandwidth_m")
        bandwidth_m = h * bandwidth_adjust
        notes.append(
            f"KDE bandwidth {bandwidth_m:,.0f} m chosen automatically: mean of the normal-reference rule "
            f"4 × 1.06 × min(sd, IQR/1.34) × n^(-1/5) for x ({hx:,.0f} m) and y ({hy:,.0f} m)"
            + (f", × adjustment {bandwidth_adjust:g}" if bandwidth_adjust != 1.0 else "")
        )
    elif not (bandwidth_m > 0 and math.isfinite(bandwidth_m)):
        raise ValueError(f"bandwidth_m must be positive, got {bandwidth_m!r}")
    bandwidth_m = float(bandwidth_m)
    if bandwidth_m < grid.cell_size_m:
        msg = (
            f"KDE bandwidth {bandwidth_m:,.0f} m is smaller than the cell size {grid.cell_size_m:g} m: "
            "the surface will look like the raw counts; consider a larger bandwidth or smaller cells"
        )
        notes.append(msg)
        logger.warning(msg)

    kernel = kernel_matrix_per_m2(grid, bandwidth_m)
    work = grid.n_rows * grid.n_cols * int(np.count_nonzero(kernel))
    use = method if method != "auto" else ("direct" if work <= _DIRECT_MAX_WORK else "fft")
    counts = counted.counts
    if use == "direct":
        dens = correlate_constant(counts, kernel)
    else:
        # The quartic kernel is symmetric, so convolution equals correlation.
        dens = fftconvolve_same(counts, kernel)
        if weights is None or (np.asarray(weights) >= 0).all():
            dens = np.maximum(dens, 0.0)
    dens_km2 = np.where(grid.mask, dens * 1e6, np.nan)
    notes.append(
        f"quartic-kernel density of {counted.n_counted} points binned to {grid.cell_size_m:g} m cells, "
        f"bandwidth {bandwidth_m:,.0f} m, points per km² ({use} convolution); cells outside the study area "
        "are blank"
    )
    for note in notes:
        logger.info(note)
    return KdeResult(
        density_per_km2=dens_km2,
        bandwidth_m=bandwidth_m,
        bandwidth_x_m=hx,
        bandwidth_y_m=hy,
        bandwidth_auto=auto,
        method=use,
        n_points_used=counted.n_counted,
        notes=notes,
    )
