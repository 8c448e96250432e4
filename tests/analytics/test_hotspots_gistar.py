"""Gi* against PySAL esda on the same grid and weights, plus edge cases."""

from __future__ import annotations

import warnings

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
