"""The NumPy WGS84 → BNG transformation agrees with pyproj (EPSG:4326 → EPSG:27700, no OSTN15 grid)."""

from __future__ import annotations

import numpy as np

from csphub.analytics.sources.crs import to_bng_transformer, wgs84_to_bng


def test_numpy_bng_matches_pyproj_on_random_uk_points() -> None:
    rng = np.random.default_rng(0)
    lon = rng.uniform(-8.7, 2.1, 50_000)  # the ingest's accepted range, beyond the Helmert's area of use
    lat = rng.uniform(49.8, 61.0, 50_000)
    lon[:5] = [-2.0, -8.82, 1.92, -1.5, np.nan]
    lat[:5] = [49.0, 55.0, 60.94, np.nan, 52.0]
    x0, y0 = to_bng_transformer().transform(lon, lat)
    x1, y1 = wgs84_to_bng(lon, lat)
    ok = np.isfinite(x0)
    assert (np.isfinite(x1) == ok).all() and (np.isfinite(y1) == np.isfinite(y0)).all()
    assert np.abs(x1[ok] - x0[ok]).max() < 0.01
    assert np.abs(y1[ok] - y0[ok]).max() < 0.01
    # in fact within a micrometre: rounding to metres (snap places) and grid cells come out the same
    assert np.abs(x1[ok] - x0[ok]).max() < 1e-6 and np.abs(y1[ok] - y0[ok]).max() < 1e-6


def test_numpy_bng_empty() -> None:
    x, y = wgs84_to_bng(np.zeros(0), np.zeros(0))
    assert x.shape == (0,) and y.shape == (0,)
