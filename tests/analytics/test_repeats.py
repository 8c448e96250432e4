"""Repeat locations, concentration and the Knox near-repeat test."""

from __future__ import annotations

import json
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from csphub.analytics.repeats import concentration, knox_test, repeat_locations


def test_repeat_locations_table_sorted_and_shares() -> None:
    a = ("On or near High Street", -1.40, 53.02)
    b = ("On or near Park Road", -1.41, 53.03)
    c = ("On or near High Street", -1.30, 53.10)  # same street name, another snap point
    keys = [a, b, a, c, a, b, None, ("On or near Bus Station", -1.2, 53.0)]
    res = repeat_locations(keys)
    assert [(p.key, p.count) for p in res.places] == [(a, 3), (b, 2)]
    assert res.places[0].share == pytest.approx(3 / 7)
    assert res.n_events == 7 and res.n_places == 4
    assert res.n_events_at_repeat_places == 5
    assert any("without a location" in n for n in res.notes)
    json.dumps(res.to_dict(), allow_nan=False)


def test_repeat_locations_ties_are_deterministic() -> None:
    keys = ["b", "a", "c", "a", "b", "c"]
    assert [p.key for p in repeat_locations(keys).places] == ["a", "b", "c"]
    assert [p.key for p in repeat_locations(list(reversed(keys))).places] == ["a", "b", "c"]
    assert len(repeat_locations(keys, min_count=3).places) == 0


def test_concentration_hand_worked() -> None:
    # 100 places: one with 50 crimes, four with 10, the rest 95 with 0 or 1.
    counts = np.array([50] + [10] * 4 + [1] * 10 + [0] * 85)
    total = 50 + 40 + 10
    out = concentration(counts)
    assert out[0.01] == pytest.approx(50 / total)  # top 1 place
    assert out[0.05] == pytest.approx(90 / total)  # top 5 places
    # zero-crime places count in the denominator: 10 places → top 1% is still 1 place (ceil)
    assert concentration([5, 0, 0, 0, 0, 0, 0, 0, 0, 5], shares=(0.01, 0.2)) == {0.01: 0.5, 0.2: 1.0}
    assert np.isnan(concentration([0, 0])[0.01])
    with pytest.raises(ValueError):
        concentration([1, -1])


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(0, 50), min_size=1, max_size=200), st.randoms(use_true_random=False))
def test_concentration_is_order_independent_and_monotone(counts: list[int], rnd) -> None:  # type: ignore[no-untyped-def]
    shuffled = counts[:]
    rnd.shuffle(shuffled)
    a = concentration(counts, shares=(0.01, 0.05, 0.5, 1.0))
    b = concentration(shuffled, shares=(0.01, 0.05, 0.5, 1.0))
    assert a == b or (sum(counts) == 0)
    if sum(counts):
        assert a[0.01] <= a[0.05] <= a[0.5] <= a[1.0] == pytest.approx(1.0)


def _random_events(n: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.uniform(0, 5000, n), rng.uniform(0, 5000, n), rng.uniform(0, 365, n)


def test_knox_seeded_determinism_and_p_formula() -> None:
    x, y, t = _random_events(300, 1)
    a = knox_test(x, y, t, space_m=200, time_days=14, permutations=99, seed=42)
    b = knox_test(x, y, t, space_m=200, time_days=14, permutations=99, seed=42)
    np.testing.assert_array_equal(a.expected_mean, b.expected_mean)
    np.testing.assert_array_equal(a.p_value, b.p_value)
    assert a.p_value[0, 0] == (a.n_permutations_ge[0, 0] + 1) / (99 + 1)
    c = knox_test(x, y, t, space_m=200, time_days=14, permutations=99, seed=43)
    assert not np.array_equal(a.expected_mean, c.expected_mean)
    json.dumps(a.to_dict(), allow_nan=False)


def test_knox_observed_count_matches_brute_force_with_bands() -> None:
    x, y, t = _random_events(120, 2)
    res = knox_test(x, y, t, space_m=[0, 300, 600], time_days=[0, 7, 30], permutations=9, seed=0)
    d = np.hypot(x[:, None] - x[None], y[:, None] - y[None])
    dt = np.abs(t[:, None] - t[None])
    iu = np.triu_indices(len(x), 1)
    d, dt = d[iu], dt[iu]
    for si, (s0, s1) in enumerate([(0, 300), (300, 600)]):
        for ti, (t0, t1) in enumerate([(0, 7), (7, 30)]):
            in_s = (d <= s1) & ((d > s0) if si else (d >= s0))
            in_t = (dt <= t1) & ((dt > t0) if ti else (dt >= t0))
            assert res.observed[si, ti] == int((in_s & in_t).sum())


def test_knox_band_edges_are_closed_on_the_right() -> None:
    # pairs exactly on the edges: distance 100 m and 7 days count as "within 100 m and 7 days"
    x = np.array([0.0, 100.0, 5000.0, 9000.0])
    y = np.zeros(4)
    t = np.array([0.0, 7.0, 100.0, 200.0])
    res = knox_test(x, y, t, space_m=100.0, time_days=7.0, permutations=9, seed=0)
    assert res.observed_close_close == 1
    res2 = knox_test(x, y, t, space_m=[0, 50, 100], time_days=[0, 7, 14], permutations=9, seed=0)
    assert res2.observed.tolist() == [[0, 0], [1, 0]]


def test_knox_planted_near_repeat_cluster_gives_small_p() -> None:
    x, y, t = _random_events(400, 3)
    rng = np.random.default_rng(4)
    # 30 follow-on events within 100 m and 5 days of 30 originals
    src = rng.choice(400, 30, replace=False)
    ang = rng.uniform(0, 2 * np.pi, 30)
    r = rng.uniform(0, 100, 30)
    x2 = np.concatenate([x, x[src] + r * np.cos(ang)])
    y2 = np.concatenate([y, y[src] + r * np.sin(ang)])
    t2 = np.concatenate([t, t[src] + rng.uniform(0, 5, 30)])
    res = knox_test(x2, y2, t2, space_m=150, time_days=7, permutations=199, seed=7)
    assert res.p_value[0, 0] == pytest.approx(1 / 200)
    assert res.knox_ratio[0, 0] > 2


def test_knox_random_pattern_is_not_significant() -> None:
    x, y, t = _random_events(400, 5)
    res = knox_test(x, y, t, space_m=150, time_days=7, permutations=199, seed=7)
    assert res.p_value[0, 0] > 0.05
    assert 0.3 < res.knox_ratio[0, 0] < 2.5


def test_knox_is_fast_enough() -> None:
    x, y, t = _random_events(5000, 6)
    start = time.perf_counter()
    knox_test(x, y, t, space_m=100, time_days=14, permutations=999, seed=1)
    assert time.perf_counter() - start < 20


def test_knox_bad_arguments() -> None:
    x, y, t = _random_events(10, 7)
    with pytest.raises(ValueError):
        knox_test(x, y, t, space_m=[100, 50], time_days=7, seed=1)
    with pytest.raises(ValueError):
        knox_test(x, y, t, space_m=100, time_days=7, permutations=0, seed=1)


def test_knox_left_closed_bands_and_manhattan_like_nearrepeat() -> None:
    # wsteenbeek NearRepeat defaults: cut(right = FALSE) → [0, 50), [50, 100); Manhattan distance
    x = np.array([0.0, 30.0, 1000.0, 1050.0, 5000.0, 5060.0])
    y = np.array([0.0, 40.0, 0.0, 0.0, 0.0, 40.0])
    t = np.array([0.0, 7.0, 50.0, 50.0, 100.0, 103.0])
    right = knox_test(x, y, t, space_m=[0, 50, 100], time_days=[0, 7, 14], permutations=9, seed=0)
    # Euclidean 50 m (pair 1) is in band (0, 50]; pair 2 is 50 m too; pair 3 is 72 m
    assert right.observed.tolist() == [[2, 0], [1, 0]]
    left = knox_test(
        x, y, t, space_m=[0, 50, 100], time_days=[0, 7, 14], permutations=9, seed=0, closed="left"
    )
    # [0,50): none; [50,100): all three; time 7 days moves to the second time band
    assert left.observed.tolist() == [[0, 0], [2, 1]]
    manhattan = knox_test(
        x,
        y,
        t,
        space_m=[0, 50, 100],
        time_days=[0, 7, 14],
        permutations=9,
        seed=0,
        closed="left",
        metric="manhattan",
    )
    # Manhattan distances: 70, 50, 100 → [50,100) holds 70 and 50; 100 falls outside
    assert manhattan.observed.tolist() == [[0, 0], [1, 1]]


def test_repeat_locations_integer_keys_tie_break_numerically() -> None:
    assert [p.key for p in repeat_locations([10, 9, 10, 9, 2, 2]).places] == [2, 9, 10]
    assert [p.key for p in repeat_locations([1, "a", 1, "a"]).places] == [1, "a"]  # mixed: by text
