"""Gi* against PySAL esda on the same grid and weights, plus edge cases."""

from __future__ import annotations

import logging
import math
import warnings
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from csphub.analytics.hotspots.gistar import disk_kernel, hotspot_gistar
from csphub.analytics.hotspots.grid import Grid


def _irregular_grid() -> Grid:
    n_rows, n_cols = 14, 17
    mask = np.ones((n_rows, n_cols), dtype=bool)
    mask[:3, :4] = False  # a corner outside the study area
    mask[7, 7] = False  # a hole
    mask[-1, -6:] = False
    mask[5:9, 0] = False
    return Grid(430_000.0, 350_000.0, 100.0, n_cols, n_rows, mask)


def _esda_z(counts: np.ndarray, grid: Grid, distance_m: float) -> np.ndarray:
    libpysal = pytest.importorskip("libpysal")
    getisord = pytest.importorskip("esda.getisord")
    cx, cy = grid.cell_centres()
    pts = np.column_stack([cx[grid.mask], cy[grid.mask]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        w = libpysal.weights.DistanceBand(pts, threshold=distance_m, binary=True, silence_warnings=True)
        # esda: star=True with binary weights and an empty diagonal sets the self-weight to 1.
        lg = getisord.G_Local(counts[grid.mask], w, transform="B", star=True, permutations=0)
    return np.asarray(lg.Zs)


@pytest.mark.parametrize("distance_m", [150.0, 250.0, 320.0])
def test_gistar_z_equals_esda_g_local_star_binary(distance_m: float) -> None:
    grid = _irregular_grid()
    rng = np.random.default_rng(20240601)
    counts = rng.poisson(1.5, grid.shape).astype(float)
    counts[9:11, 10:13] += 12  # planted hot spot
    counts[~grid.mask] = 999.0  # must be ignored entirely: outside cells are not neighbours
    res = hotspot_gistar(counts, grid, distance_m=distance_m)
    expected = _esda_z(counts, grid, distance_m)
    assert np.abs(res.z[grid.mask] - expected).max() < 1e-9
    assert np.isnan(res.z[~grid.mask]).all()
    assert not res.is_hot[~grid.mask].any()
    assert res.is_hot[9:11, 10:13].any()


def test_outside_values_do_not_matter() -> None:
    grid = _irregular_grid()
    counts = np.random.default_rng(3).poisson(2.0, grid.shape).astype(float)
    a = hotspot_gistar(counts, grid)
    counts2 = counts.copy()
    counts2[~grid.mask] = 1e6
    b = hotspot_gistar(counts2, grid)
    np.testing.assert_array_equal(a.z, b.z)


def test_default_distance_is_queen_plus_self_and_noted() -> None:
    grid = _irregular_grid()
    counts = np.random.default_rng(4).poisson(2.0, grid.shape).astype(float)
    res = hotspot_gistar(counts, grid)
    assert res.distance_m == pytest.approx(150.0)
    assert any("chosen automatically" in n for n in res.notes)
    assert res.n_neighbours.max() == 9
    np.testing.assert_array_equal(disk_kernel(150.0, 100.0), np.ones((3, 3)))
    # Exactly 2 cells away is included despite round-off.
    assert disk_kernel(200.0, 100.0).sum() == 13
    np.testing.assert_allclose(res.z[grid.mask], _esda_z(counts, grid, 150.0), atol=1e-9)


def test_two_sided_p_and_adjustment() -> None:
    grid = _irregular_grid()
    counts = np.random.default_rng(5).poisson(2.0, grid.shape).astype(float)
    counts[2:4, 10:12] += 15
    none = hotspot_gistar(counts, grid, p_adjust="none")
    bh = hotspot_gistar(counts, grid, p_adjust="fdr_bh")
    from scipy.stats import norm

    m = grid.mask
    np.testing.assert_allclose(none.p[m], 2 * norm.sf(np.abs(none.z[m])), rtol=1e-12)
    np.testing.assert_array_equal(none.p[m], none.p_adj[m])
    assert (bh.p_adj[m] >= bh.p[m] - 1e-15).all()
    assert bh.is_hot.sum() <= none.is_hot.sum()
    assert bh.p_adjust == "fdr_bh"


def test_constant_counts_give_no_hot_spots() -> None:
    grid = _irregular_grid()
    res = hotspot_gistar(np.zeros(grid.shape), grid)
    assert np.isnan(res.z).all()
    assert not res.is_hot.any() and not res.is_cold.any()
    assert any("do not vary" in n for n in res.notes)


def test_to_dict_is_json_serialisable() -> None:
    import json

    grid = _irregular_grid()
    res = hotspot_gistar(np.random.default_rng(6).poisson(2.0, grid.shape).astype(float), grid)
    d = json.loads(json.dumps(res.to_dict(), allow_nan=False))
    assert d["z"][0][0] is None
    assert d["p_adjust"] == "fdr_bh"


def test_to_dict_has_every_field_as_plain_json() -> None:
    """The JSON form (read by reports and the API) carries each result field under its own name."""
    import dataclasses
    import json

    grid = _row_grid([True, True, False, True])
    res = hotspot_gistar(np.array([[3.0, 3.0, 7.0, 0.0]]), grid, distance_m=50.0, p_adjust="holm", alpha=0.5)
    d = json.loads(json.dumps(res.to_dict(), allow_nan=False))
    assert set(d) == {f.name for f in dataclasses.fields(res)}
    for name in ("z", "p", "p_adj"):
        got = getattr(res, name)[0]
        assert d[name][0][2] is None
        np.testing.assert_allclose([d[name][0][i] for i in (0, 1, 3)], got[[0, 1, 3]], rtol=1e-15)
    for name in ("is_hot", "is_cold", "n_neighbours"):
        assert d[name] == getattr(res, name).tolist()
    # Holm by hand: p = (erfc ½, erfc ½, erfc 1); 3·erfc 1 = 0.47, then max(0.47, 2·erfc ½) = 0.96
    p_half, p_one = math.erfc(0.5), math.erfc(1.0)
    holm = [2 * p_half, 2 * p_half, 3 * p_one]
    assert d["p_adj"][0][2] is None
    np.testing.assert_allclose([d["p_adj"][0][i] for i in (0, 1, 3)], holm, rtol=1e-12)
    assert d["is_hot"] == [[False, False, False, False]] and d["is_cold"] == [[False, False, False, True]]
    assert (d["distance_m"], d["cell_size_m"], d["p_adjust"], d["alpha"], d["n_cells"]) == (
        50.0,
        100.0,
        "holm",
        0.5,
        3,
    )
    assert d["notes"] == res.notes


def test_bad_arguments() -> None:
    grid = _irregular_grid()
    with pytest.raises(ValueError):
        hotspot_gistar(np.zeros((2, 2)), grid)
    with pytest.raises(ValueError):
        hotspot_gistar(np.zeros(grid.shape), grid, p_adjust="fdr")
    with pytest.raises(ValueError):
        hotspot_gistar(np.zeros(grid.shape), grid, distance_m=-1.0)


@settings(max_examples=25, deadline=None)
@given(
    st.integers(0, 2**32 - 1),
    st.sampled_from([100.0, 150.0, 230.0]),
    st.floats(0.1, 50.0),
    st.floats(-5.0, 5.0),
)
def test_gistar_random_masks_match_esda_and_z_is_affine_invariant(
    seed: int, distance_m: float, scale: float, shift: float
) -> None:
    rng = np.random.default_rng(seed)
    mask = rng.random((9, 11)) < 0.75
    mask[4, 5] = mask[4, 6] = True  # at least two cells
    grid = Grid(0.0, 0.0, 100.0, 11, 9, mask)
    counts = rng.poisson(2.0, grid.shape).astype(float)
    counts[4, 5] += 3  # never constant
    res = hotspot_gistar(counts, grid, distance_m=distance_m)
    ok = np.isfinite(res.z[mask])
    np.testing.assert_allclose(res.z[mask][ok], _esda_z(counts, grid, distance_m)[ok], atol=1e-9)
    # Gi* z is unchanged by y → a·y + b (a > 0)
    res2 = hotspot_gistar(scale * counts + shift, grid, distance_m=distance_m)
    np.testing.assert_allclose(res2.z, res.z, atol=1e-8, equal_nan=True)


def test_large_distance_fft_path_matches_esda() -> None:
    grid = _irregular_grid()
    counts = np.random.default_rng(8).poisson(2.0, grid.shape).astype(float)
    counts[9:11, 10:13] += 6
    kernel = disk_kernel(1250.0, grid.cell_size_m)
    assert np.count_nonzero(kernel) > 400  # exercises the FFT branch
    res = hotspot_gistar(counts, grid, distance_m=1250.0)
    np.testing.assert_allclose(res.z[grid.mask], _esda_z(counts, grid, 1250.0), atol=1e-9)
    assert np.array_equal(res.n_neighbours, np.rint(res.n_neighbours))


# ---------------------------------------------------------------- small grids worked by hand


def _row_grid(mask: list[bool]) -> Grid:
    """One row of 100 m cells: centres 100 m apart."""
    return Grid(0.0, 0.0, 100.0, len(mask), 1, np.array([mask]))


def test_own_cell_only_neighbourhood_by_hand_and_significance_at_alpha() -> None:
    """Distance 50 m < cell: c_i = 1. y = (3, 3, 0): ȳ = 2, s = √2, √((n·1 − 1)/(n − 1)) = 1, so
    z = (y − 2)/√2 = (1/√2, 1/√2, −√2); p = erfc(|z|/√2) = (erfc(½), erfc(½), erfc(1))."""
    grid = _row_grid([True, True, True])
    res = hotspot_gistar(np.array([[3.0, 3.0, 0.0]]), grid, distance_m=50.0, p_adjust="none", alpha=0.5)
    r2 = np.sqrt(2.0)
    np.testing.assert_allclose(res.z, [[1 / r2, 1 / r2, -r2]], rtol=1e-12)
    p_half, p_one = math.erfc(0.5), math.erfc(1.0)  # 0.4795, 0.1573
    np.testing.assert_allclose(res.p, [[p_half, p_half, p_one]], rtol=1e-12)
    # significant at alpha = 0.5: the two z = 0.71 cells are hot (0 < z < 1), the z = −1.41 cell cold
    np.testing.assert_array_equal(res.is_hot, [[True, True, False]])
    np.testing.assert_array_equal(res.is_cold, [[False, False, True]])
    np.testing.assert_array_equal(res.n_neighbours, [[1, 1, 1]])
    assert any(
        "shorter than the cell size 100 m: each cell is its own only neighbour" in n for n in res.notes
    )
    assert res.notes[-1].endswith("significant at p_adj <= 0.5: 2 hot, 1 cold")
    assert (
        "Gi* over 3 cells, binary weights within 50 m (self included, mean 1.0 neighbours)" in res.notes[-1]
    )
    assert (res.n_cells, res.alpha, res.cell_size_m, res.distance_m) == (3, 0.5, 100.0, 50.0)


def test_significance_includes_p_equal_to_alpha() -> None:
    """is_hot is p_adj <= alpha: a cell whose p equals alpha is hot; just above it is not."""
    grid = _row_grid([True, True, True])
    counts = np.array([[3.0, 3.0, 0.0]])
    p_hot = hotspot_gistar(counts, grid, distance_m=50.0, p_adjust="none").p[0, 0]
    at = hotspot_gistar(counts, grid, distance_m=50.0, p_adjust="none", alpha=float(p_hot))
    assert at.is_hot[0, 0] and at.is_hot[0, 1]
    below = hotspot_gistar(
        counts, grid, distance_m=50.0, p_adjust="none", alpha=float(np.nextafter(p_hot, 0))
    )
    assert not below.is_hot.any()
    assert below.is_cold[0, 2]  # p = erfc(1) = 0.157 < 0.4795


def test_two_cells_are_enough_one_is_not() -> None:
    """n = 2, c = 1: y = (1, 3), ȳ = 2, s = 1, √((2 − 1)/1) = 1, so z = (−1, +1); the cell between
    them is outside the study area and not a neighbour."""
    res = hotspot_gistar(np.array([[1.0, 50.0, 3.0]]), _row_grid([True, False, True]), distance_m=100.0)
    np.testing.assert_allclose(res.z[0, [0, 2]], [-1.0, 1.0], rtol=1e-12)
    assert np.isnan(res.z[0, 1])
    np.testing.assert_array_equal(res.n_neighbours, [[1, 0, 1]])
    assert res.n_cells == 2
    with pytest.raises(ValueError, match="at least two cells"):
        hotspot_gistar(np.array([[1.0, 3.0, 2.0]]), _row_grid([True, False, False]))


def test_cell_whose_neighbourhood_is_the_whole_area_is_undefined_and_others_exact() -> None:
    """Five cells in a row, 250 m: the middle cell sees all five (c = n, Gi* undefined). By hand with
    y = (4, 0, 0, 0, 1): ȳ = 1, s² = 17/5 − 1 = 2.4; cells 0 and 4 (c = 3): √((15 − 9)/4) = √1.5,
    z = (4 − 3)/√3.6 and (1 − 3)/√3.6; cells 1 and 3 (c = 4): √((20 − 16)/4) = 1,
    z = (4 − 4)/√2.4 = 0 and (1 − 4)/√2.4. No division warning escapes."""
    grid = _row_grid([True] * 5)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = hotspot_gistar(np.array([[4.0, 0.0, 0.0, 0.0, 1.0]]), grid, distance_m=250.0)
    expected = [1 / np.sqrt(3.6), 0.0, np.nan, -3 / np.sqrt(2.4), -2 / np.sqrt(3.6)]
    np.testing.assert_allclose(res.z[0], expected, rtol=1e-12, atol=1e-15)
    assert np.isnan(res.p[0, 2]) and np.isnan(res.p_adj[0, 2])
    assert not res.is_hot[0, 2] and not res.is_cold[0, 2]
    np.testing.assert_array_equal(res.n_neighbours, [[3, 4, 5, 4, 3]])
    assert any(n.startswith("1 cells have the whole study area as neighbourhood") for n in res.notes)
    assert "mean 3.8 neighbours" in res.notes[-1]


def test_every_cell_sees_the_whole_area_no_warning_and_nothing_significant() -> None:
    """c = n: the denominator is 0 and the numerator Σy − n·ȳ is 0 up to round-off (here ~2e-15)."""
    grid = _row_grid([True] * 3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = hotspot_gistar(np.array([[1.2, 6.7, 6.5]]), grid, distance_m=300.0)
    assert np.isnan(res.z).all()
    assert not res.is_hot.any() and not res.is_cold.any()
    assert any(n.startswith("3 cells have the whole study area") for n in res.notes)


def test_constant_counts_raise_no_warning() -> None:
    grid = _irregular_grid()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = hotspot_gistar(np.full(grid.shape, 4.0), grid)
    assert np.isnan(res.z).all()
    assert not any("whole study area" in n for n in res.notes)


def test_planted_cold_spot_is_cold_and_not_hot() -> None:
    grid = _irregular_grid()
    counts = np.full(grid.shape, 6.0) + np.random.default_rng(12).poisson(1.0, grid.shape)
    counts[9:12, 9:13] = 0.0  # an empty block amid steady counts
    res = hotspot_gistar(counts, grid)
    assert res.is_cold[10, 10:12].all()
    assert not (res.is_hot & res.is_cold).any()
    assert (res.z[res.is_cold] < 0).all() and (res.z[res.is_hot] > 0).all()
    assert not res.is_cold[~grid.mask].any()
    assert f"{int(res.is_cold.sum())} cold" in res.notes[-1]


def test_outside_cells_have_no_neighbour_count_and_json_counts_are_integers() -> None:
    import json

    grid = _irregular_grid()
    res = hotspot_gistar(np.random.default_rng(13).poisson(2.0, grid.shape).astype(float), grid)
    assert (res.n_neighbours[~grid.mask] == 0).all()
    assert res.n_neighbours[10, 10] == 9 and res.n_neighbours[0, 16] == 4  # interior; a corner
    d = json.loads(json.dumps(res.to_dict()))
    assert d["n_neighbours"][10][10] == 9 and isinstance(d["n_neighbours"][10][10], int)
    assert d["n_cells"] == int(grid.mask.sum()) == res.n_cells


def test_notes_are_logged(caplog: pytest.LogCaptureFixture) -> None:
    grid = _irregular_grid()
    with caplog.at_level(logging.INFO, logger="csphub.analytics.hotspots.gistar"):
        res = hotspot_gistar(np.random.default_rng(14).poisson(2.0, grid.shape).astype(float), grid)
    assert [
        r.getMessage() for r in caplog.records if r.name == "csphub.analytics.hotspots.gistar"
    ] == res.notes


def test_float32_counts_give_the_float64_result() -> None:
    """Counts may arrive as float32 (Arrow); the statistics are computed in float64 all the same."""
    grid = _irregular_grid()
    counts = (np.random.default_rng(15).poisson(3.0, grid.shape) * 0.37).astype(np.float32)
    a = hotspot_gistar(counts, grid)
    b = hotspot_gistar(counts.astype(np.float64), grid)
    np.testing.assert_allclose(a.z, b.z, rtol=1e-13, atol=1e-13, equal_nan=True)


def test_fft_path_with_weighted_counts_matches_esda() -> None:
    """Non-integer (harm-weighted) values on the FFT path are not rounded."""
    grid = _irregular_grid()
    counts = np.random.default_rng(16).poisson(2.0, grid.shape) * 0.731 + 0.25
    res = hotspot_gistar(counts, grid, distance_m=1250.0)
    ok = res.n_neighbours[grid.mask] < res.n_cells  # elsewhere Gi* is undefined (esda: 0/0 round-off)
    assert ok.sum() > 150
    np.testing.assert_allclose(res.z[grid.mask][ok], _esda_z(counts, grid, 1250.0)[ok], atol=1e-9)


def test_fft_neighbourhood_sums_of_counts_are_exact() -> None:
    """Integer counts summed over a large kernel by FFT equal direct summation exactly."""
    from scipy import ndimage

    from csphub.analytics.hotspots.gistar import neighbourhood_sum

    counts = np.random.default_rng(17).poisson(7.0, (40, 45)).astype(float)
    kernel = disk_kernel(1500.0, 100.0)
    assert np.count_nonzero(kernel) > 400
    direct = ndimage.correlate(counts, kernel, mode="constant", cval=0.0)
    np.testing.assert_array_equal(neighbourhood_sum(counts, kernel), direct)
    small = disk_kernel(150.0, 100.0)
    np.testing.assert_array_equal(
        neighbourhood_sum(counts, small), ndimage.correlate(counts, small, mode="constant")
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"alpha": 0.0}, r"alpha must be in \(0, 1\)"),
        ({"alpha": 1.0}, r"alpha must be in \(0, 1\)"),
        ({"alpha": 1.5}, r"alpha must be in \(0, 1\)"),
        ({"p_adjust": "fdr"}, r"p_adjust must be one of .*'fdr_bh'.*, got 'fdr'"),
        ({"distance_m": 0.0}, r"distance_m must be positive, got 0\.0"),
        ({"distance_m": -1.0}, r"distance_m must be positive, got -1\.0"),
        ({"distance_m": math.inf}, r"distance_m must be positive, got inf"),
        ({"distance_m": math.nan}, r"distance_m must be positive, got nan"),
    ],
)
def test_bad_arguments_are_explained(kwargs: dict[str, Any], message: str) -> None:
    grid = _irregular_grid()
    counts = np.random.default_rng(18).poisson(2.0, grid.shape).astype(float)
    with pytest.raises(ValueError, match=message):
        hotspot_gistar(counts, grid, **kwargs)


def test_argument_limits_that_are_allowed() -> None:
    grid = _row_grid([True, True, True])
    counts = np.array([[3.0, 3.0, 0.0]])
    assert hotspot_gistar(counts, grid, alpha=1e-12).alpha == 1e-12
    assert hotspot_gistar(counts, grid, alpha=0.999).alpha == 0.999
    tiny = hotspot_gistar(counts, grid, distance_m=0.5)  # under 1 m is still a distance
    assert tiny.distance_m == 0.5 and (tiny.n_neighbours == 1).all()


def test_wrong_shape_and_non_finite_counts_are_explained() -> None:
    grid = _irregular_grid()
    with pytest.raises(ValueError, match=r"counts has shape \(2, 2\), grid is \(14, 17\)"):
        hotspot_gistar(np.zeros((2, 2)), grid)
    counts = np.random.default_rng(19).poisson(2.0, grid.shape).astype(float)
    counts[10, 10] = np.nan
    with pytest.raises(ValueError, match="finite inside the study area"):
        hotspot_gistar(counts, grid)
    counts[10, 10] = 1.0
    counts[0, 0] = np.nan  # outside: ignored
    assert np.isfinite(hotspot_gistar(counts, grid).z[10, 10])
