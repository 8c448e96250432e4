"""Grid construction, point-in-polygon mask and counting."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from csphub.analytics.hotspots.grid import (
    Grid,
    auto_cell_size_m,
    hotspot_count,
    hotspot_count_with_notes,
    hotspot_grid,
    points_in_rings,
)


def square(x0: float, y0: float, side: float) -> np.ndarray:
    return np.array([[x0, y0], [x0 + side, y0], [x0 + side, y0 + side], [x0, y0 + side], [x0, y0]])


def test_auto_cell_size_sfhotspot_rule_and_small_areas() -> None:
    assert auto_cell_size_m(20_000, 12_345)[0] == 200.0  # 12,345/50 = 246.9 → 200
    assert auto_cell_size_m(60_000, 30_000)[0] == 600.0
    # sfhotspot issue #26: under 5 km it must not round to zero
    assert auto_cell_size_m(4_000, 3_000)[0] == 50.0  # 60 → 50
    assert auto_cell_size_m(1_000, 900)[0] == 10.0  # 18 → 10
    assert auto_cell_size_m(0, 2_000)[0] == 20.0  # a line of points: use the long side
    with pytest.raises(ValueError):
        auto_cell_size_m(0, 0)


def test_grid_from_boundary_with_hole_and_two_parts() -> None:
    outer = square(1000, 1000, 1000)
    hole = square(1400, 1400, 200)
    island = square(2500, 1000, 200)
    grid, notes = hotspot_grid([outer, hole, island], cell_size_m=100.0)
    assert (grid.x_min_m, grid.y_min_m) == (1000.0, 1000.0)
    assert grid.shape == (10, 17)
    # 100 cells in the outer square − 4 in the hole + 4 on the island
    assert grid.n_cells_in_mask == 100 - 4 + 4
    assert not grid.mask[4, 4] and grid.mask[3, 3]
    assert grid.mask[0, 15] and not grid.mask[0, 12]
    assert any("10" in n and "cells" in n for n in notes)


def test_auto_cell_size_is_noted() -> None:
    ring = square(400_000, 300_000, 10_000)
    grid, notes = hotspot_grid([ring])
    assert grid.cell_size_m == 200.0
    assert notes[0].startswith("cell size 200 m chosen automatically")


def test_grid_from_points_covers_every_point() -> None:
    rng = np.random.default_rng(1)
    x = rng.uniform(431_234, 440_000, 500)
    y = rng.uniform(345_678, 352_000, 500)
    grid, _ = hotspot_grid(None, x_m=x, y_m=y, cell_size_m=250.0)
    _, _, inside = grid.index_of(x, y)
    assert inside.all()
    assert grid.x_min_m % 250 == 0 and grid.y_min_m % 250 == 0
    assert hotspot_count(x, y, grid).sum() == 500


def test_cell_centres_and_index_of() -> None:
    grid = Grid(0.0, 0.0, 10.0, 3, 2, np.array([[True, True, False], [True, True, True]]))
    cx, cy = grid.cell_centres()
    assert cx[0, 2] == 25.0 and cy[1, 0] == 15.0
    row, col, inside = grid.index_of([25.0, 5.0, -1.0, 30.0, 10.0], [5.0, 15.0, 5.0, 5.0, 0.0])
    assert row.tolist() == [0, 1, -1, -1, 0]
    assert col.tolist() == [2, 0, -1, -1, 1]  # x = 10 is on an edge: belongs to the east cell
    assert inside.tolist() == [False, True, False, False, True]


def test_count_with_notes_accounts_for_every_point() -> None:
    grid = Grid(0.0, 0.0, 10.0, 3, 2, np.array([[True, True, False], [True, True, True]]))
    x = [1.0, 2.0, 25.0, 100.0, np.nan, 15.0]
    y = [1.0, 1.0, 5.0, 5.0, 1.0, 15.0]
    res = hotspot_count_with_notes(x, y, grid, weights=[1, 2, 3, 4, 5, 6])
    assert res.counts[0, 0] == 3.0 and res.counts[1, 1] == 6.0 and res.counts.sum() == 9.0
    assert (res.n_counted, res.n_outside_mask, res.n_outside_grid, res.n_missing_coords) == (3, 1, 1, 1)
    assert len(res.notes) == 3
    json.dumps(res.to_dict(), allow_nan=False)
    json.dumps(grid.to_dict(), allow_nan=False)


def test_points_in_rings_matches_simple_cases() -> None:
    tri = np.array([[0, 0], [10, 0], [0, 10]])
    got = points_in_rings([1, 6, 20, 2], [1, 6, 1, 2], [tri])
    assert got.tolist() == [True, False, False, True]


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(-50, 350, allow_nan=False), st.floats(-50, 250, allow_nan=False)),
        min_size=0,
        max_size=60,
    ),
    st.integers(0, 2**32 - 1),
)
def test_counts_sum_to_points_inside_mask(points: list[tuple[float, float]], seed: int) -> None:
    mask = np.random.default_rng(seed).random((20, 30)) < 0.7
    grid = Grid(0.0, 0.0, 10.0, 30, 20, mask)
    x = np.array([p[0] for p in points])
    y = np.array([p[1] for p in points])
    res = hotspot_count_with_notes(x, y, grid)
    _, _, inside = grid.index_of(x, y)
    assert res.counts.sum() == inside.sum() == res.n_counted
    assert res.n_counted + res.n_outside_mask + res.n_outside_grid + res.n_missing_coords == len(points)
    assert (res.counts[~mask] == 0).all()


def test_precomputed_cell_index_gives_the_same_counts_and_kde():
    import numpy as np

    from csphub.analytics.hotspots.grid import Grid, hotspot_count_with_notes
    from csphub.analytics.hotspots.kde import hotspot_kde

    rng = np.random.default_rng(3)
    mask = rng.random((40, 50)) < 0.7
    grid = Grid(0.0, 0.0, 10.0, 50, 40, mask)
    x = rng.uniform(-20, 520, 20_000)
    y = rng.uniform(-20, 420, 20_000)
    x[::97] = np.nan
    idx = grid.index_of(x, y)
    a = hotspot_count_with_notes(x, y, grid)
    b = hotspot_count_with_notes(x, y, grid, cell_index=idx)
    assert np.array_equal(a.counts, b.counts) and a.notes == b.notes and a.n_counted == b.n_counted
    ka = hotspot_kde(x, y, grid)
    kb = hotspot_kde(x, y, grid, cell_index=idx)
    assert np.array_equal(ka.density_per_km2, kb.density_per_km2, equal_nan=True)
    assert ka.bandwidth_m == kb.bandwidth_m
