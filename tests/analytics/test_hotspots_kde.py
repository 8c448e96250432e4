"""KDE: exact agreement with a direct kernel sum; bandwidth rule and warning."""

from __future__ import annotations

import logging
import math

import numpy as np
import pytest

from csphub.analytics.hotspots.grid import Grid
from csphub.analytics.hotspots.kde import (
    auto_bandwidth_m,
    hotspot_kde,
    nrd_bandwidth_m,
    quartic_kernel_per_m2,
)


def _grid(n_rows: int = 30, n_cols: int = 40, cell: float = 50.0) -> Grid:
    mask = np.ones((n_rows, n_cols), dtype=bool)
    mask[:4, :5] = False
    return Grid(440_000.0, 340_000.0, cell, n_cols, n_rows, mask)


def _points(n: int = 300, seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = 440_000 + np.concatenate([rng.normal(1200, 150, n // 2), rng.uniform(0, 2000, n - n // 2)])
    y = 340_000 + np.concatenate([rng.normal(800, 120, n // 2), rng.uniform(0, 1500, n - n // 2)])
    return x, y


def _direct_from_bins(x: np.ndarray, y: np.ndarray, grid: Grid, h: float) -> np.ndarray:
    row, col, inside = grid.index_of(x, y)
    cx, cy = grid.cell_centres()
    bx, by = cx[row[inside], col[inside]], cy[row[inside], col[inside]]
    d = np.hypot(cx[..., None] - bx, cy[..., None] - by)
    return quartic_kernel_per_m2(d, h).sum(axis=-1) * 1e6


def test_kernel_integrates_to_one() -> None:
    h = 100.0
    step = 1.0
    g = np.arange(-h, h + step, step)
    d = np.hypot(g[:, None], g[None, :])
    assert quartic_kernel_per_m2(d, h).sum() * step * step == pytest.approx(1.0, rel=1e-3)
    assert quartic_kernel_per_m2(0.0, h) == pytest.approx(3 / (math.pi * h * h))


@pytest.mark.parametrize("method", ["direct", "fft"])
def test_kde_equals_direct_kernel_sum_over_binned_points(method: str) -> None:
    grid = _grid()
    x, y = _points()
    res = hotspot_kde(x, y, grid, bandwidth_m=230.0, method=method)
    expected = _direct_from_bins(x, y, grid, 230.0)
    m = grid.mask
    tol = 1e-9 if method == "direct" else 1e-9 * expected.max()
    np.testing.assert_allclose(res.density_per_km2[m], expected[m], rtol=1e-12, atol=tol)
    assert np.isnan(res.density_per_km2[~m]).all()
    assert res.method == method


def test_kde_close_to_raw_point_kernel_sum_with_small_cells() -> None:
    # With 5 m cells and a 150 m bandwidth, binning shifts points by at most 3.5 m.
    grid = Grid(0.0, 0.0, 5.0, 160, 120, np.ones((120, 160), dtype=bool))
    rng = np.random.default_rng(11)
    x, y = rng.uniform(200, 600, 60), rng.uniform(160, 440, 60)
    res = hotspot_kde(x, y, grid, bandwidth_m=150.0)
    cx, cy = grid.cell_centres()
    raw = quartic_kernel_per_m2(np.hypot(cx[..., None] - x, cy[..., None] - y), 150.0).sum(-1) * 1e6
    # stated tolerance: 2% of the peak density
    assert np.abs(res.density_per_km2 - raw).max() < 0.02 * raw.max()
    # mass is preserved: Σ density × cell area ≈ number of points (all kernels inside the grid)
    assert (res.density_per_km2 * grid.cell_area_km2).sum() == pytest.approx(60, rel=1e-3)


def test_bandwidth_rule_uses_x_and_y() -> None:
    rng = np.random.default_rng(3)
    x = rng.normal(0, 100, 500)
    y = rng.normal(0, 400, 500)
    h, hx, hy = auto_bandwidth_m(x, y)
    assert h == pytest.approx((hx + hy) / 2)
    assert hy > 2 * hx  # y spread is much wider: an x-only rule would be far too small
    n = 500
    sd = np.std(x, ddof=1)
    q75, q25 = np.percentile(x, [75, 25])
    assert hx == pytest.approx(4 * 1.06 * min(sd, (q75 - q25) / 1.34) * n ** (-0.2))


def test_automatic_bandwidth_is_noted_and_used() -> None:
    grid = _grid()
    x, y = _points()
    res = hotspot_kde(x, y, grid)
    assert res.bandwidth_auto
    assert res.bandwidth_x_m is not None and res.bandwidth_y_m is not None
    assert res.bandwidth_m == pytest.approx((res.bandwidth_x_m + res.bandwidth_y_m) / 2)
    assert any("chosen automatically" in n for n in res.notes)


def test_warning_when_bandwidth_below_cell_size(caplog: pytest.LogCaptureFixture) -> None:
    grid = _grid()
    x, y = _points()
    with caplog.at_level(logging.WARNING, logger="csphub.analytics.hotspots.kde"):
        res = hotspot_kde(x, y, grid, bandwidth_m=30.0)
    assert any("smaller than the cell size" in n for n in res.notes)
    assert any("smaller than the cell size" in r.getMessage() for r in caplog.records)
    no_warn = hotspot_kde(x, y, grid, bandwidth_m=300.0)
    assert not any("smaller than the cell size" in n for n in no_warn.notes)


def test_nrd_handles_degenerate_input() -> None:
    assert nrd_bandwidth_m([5.0, 5.0, 5.0]) == 0.0
    # IQR zero (most points at one snap point) → falls back to the sd
    assert nrd_bandwidth_m([0.0] * 10 + [100.0]) > 0
    grid = _grid()
    with pytest.raises(ValueError):
        hotspot_kde([441_000.0, 441_000.0], [341_000.0, 341_000.0], grid)
