"""Hot-spot classification over periods with planted patterns."""

from __future__ import annotations

import json

import numpy as np
import pytest

from csphub.analytics.hotspots.classify import hotspot_classify
from csphub.analytics.hotspots.gistar import hotspot_gistar
from csphub.analytics.hotspots.grid import Grid

N_PERIODS = 12
RECENT = 3


def _grid() -> Grid:
    mask = np.ones((20, 24), dtype=bool)
    mask[:3, :3] = False
    return Grid(0.0, 0.0, 100.0, 24, 20, mask)


def _periods() -> np.ndarray:
    rng = np.random.default_rng(99)
    counts = rng.poisson(1.0, (N_PERIODS, 20, 24)).astype(float)
    counts[:, 4:6, 4:6] += 12  # persistent: every period
    counts[-RECENT:, 14:16, 18:20] += 12  # emerging: recent window only
    counts[:4, 15:17, 3:5] += 12  # former: first four (older) periods only
    counts[2, 1:3, 20:22] += 12  # intermittent: once in the older window...
    counts[-1, 1:3, 20:22] += 12  # ...and once in the recent window
    return counts


def test_windows_are_disjoint_and_cover_all_periods() -> None:
    res = hotspot_classify(_periods(), _grid(), recent_periods=RECENT)
    assert res.recent_period_indices == list(range(N_PERIODS - RECENT, N_PERIODS))
    assert res.older_period_indices == list(range(N_PERIODS - RECENT))
    assert not set(res.recent_period_indices) & set(res.older_period_indices)
    assert sorted(res.recent_period_indices + res.older_period_indices) == list(range(N_PERIODS))


def test_planted_patterns_are_labelled() -> None:
    grid = _grid()
    counts = _periods()
    res = hotspot_classify(counts, grid, recent_periods=RECENT)
    assert (res.labels[4:6, 4:6] == "persistent").all()
    assert (res.labels[14:16, 18:20] == "emerging").all()
    assert (res.labels[15:17, 3:5] == "former").all()
    assert (res.labels[1:3, 20:22] == "intermittent").all()
    assert (res.labels[~grid.mask] == "outside").all()
    allowed = {"persistent", "emerging", "former", "intermittent", "no pattern", "outside"}
    assert set(np.unique(res.labels)) <= allowed
    # background cells far from the planted blocks are mostly "no pattern"
    assert (res.labels[grid.mask] == "no pattern").mean() > 0.6
    assert res.label_counts()["persistent"] >= 4


def test_per_period_flags_are_gistar_with_adjustment() -> None:
    grid = _grid()
    counts = _periods()
    res = hotspot_classify(counts, grid, recent_periods=RECENT, p_adjust="holm", alpha=0.01)
    for t in (0, 7, 11):
        g = hotspot_gistar(counts[t], grid, distance_m=res.distance_m, p_adjust="holm", alpha=0.01)
        np.testing.assert_array_equal(res.hot_by_period[t], g.is_hot)
    assert any("adjusted" in n and "within each period" in n for n in res.notes)
    json.dumps(res.to_dict(), allow_nan=False)


def test_empty_period_stays_in_denominator() -> None:
    grid = _grid()
    counts = _periods()
    counts[3] = 0.0
    res = hotspot_classify(counts, grid, recent_periods=RECENT)
    assert not res.hot_by_period[3].any()
    assert any("no variation" in n for n in res.notes)
    # the persistent block is now hot in 11/12 >= 80% of periods
    assert (res.labels[4:6, 4:6] == "persistent").all()
    assert res.share_hot[4, 4] == pytest.approx(11 / 12)


def test_bad_recent_periods() -> None:
    with pytest.raises(ValueError):
        hotspot_classify(_periods(), _grid(), recent_periods=0)
    with pytest.raises(ValueError):
        hotspot_classify(_periods(), _grid(), recent_periods=N_PERIODS)
