"""p-value adjustments against hand-worked examples (no statsmodels)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from csphub.analytics.hotspots.adjust import adjust_p

# Five p-values, deliberately unsorted.  Sorted: 0.005 (1), 0.01 (2), 0.03 (3), 0.04 (4), 0.2 (5); m = 5.
P = np.array([0.04, 0.005, 0.2, 0.01, 0.03])


def test_benjamini_hochberg_hand_worked() -> None:
    # m·p/rank:  0.005·5/1 = 0.025, 0.01·5/2 = 0.025, 0.03·5/3 = 0.05, 0.04·5/4 = 0.05, 0.2·5/5 = 0.2
    # running minimum from the largest rank down: 0.2, 0.05, 0.05, 0.025, 0.025
    expected_sorted = [0.025, 0.025, 0.05, 0.05, 0.2]
    expected = np.array([0.05, 0.025, 0.2, 0.025, 0.05])  # back in input order
    assert sorted(expected) == expected_sorted
    np.testing.assert_allclose(adjust_p(P, "fdr_bh"), expected, rtol=1e-12)
    # at alpha = 0.05 BH rejects ranks 1..4 (p_(4) = 0.04 <= 4·0.05/5 = 0.04)
    assert (adjust_p(P, "fdr_bh") <= 0.05).sum() == 4


def test_benjamini_yekutieli_hand_worked() -> None:
    c = 1 + 1 / 2 + 1 / 3 + 1 / 4 + 1 / 5  # = 137/60 = 2.283333...
    expected = np.minimum(1.0, np.array([0.05, 0.025, 0.2, 0.025, 0.05]) * c)
    np.testing.assert_allclose(adjust_p(P, "by"), expected, rtol=1e-12)
    np.testing.assert_allclose(adjust_p(P, "by")[1], 0.025 * 137 / 60)


def test_holm_hand_worked() -> None:
    # (m - rank + 1)·p: 5·0.005 = 0.025, 4·0.01 = 0.04, 3·0.03 = 0.09, 2·0.04 = 0.08, 1·0.2 = 0.2
    # running maximum: 0.025, 0.04, 0.09, 0.09, 0.2
    expected = np.array([0.09, 0.025, 0.2, 0.04, 0.09])
    np.testing.assert_allclose(adjust_p(P, "holm"), expected, rtol=1e-12)


def test_bonferroni_and_none() -> None:
    np.testing.assert_allclose(adjust_p(P, "bonferroni"), [0.2, 0.025, 1.0, 0.05, 0.15], rtol=1e-12)
    np.testing.assert_array_equal(adjust_p(P, "none"), P)


def test_nan_is_ignored_and_kept() -> None:
    p = np.array([[0.01, np.nan], [0.02, 0.5]])
    out = adjust_p(p, "bonferroni")  # m = 3, not 4
    assert np.isnan(out[0, 1])
    np.testing.assert_allclose(out[~np.isnan(p)], [0.03, 0.06, 1.0])


def test_bad_method_and_values() -> None:
    with pytest.raises(ValueError):
        adjust_p(P, "fdr")
    with pytest.raises(ValueError):
        adjust_p([1.5], "holm")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(min_value=0.0, max_value=1.0), min_size=1, max_size=40))
def test_adjustment_properties(ps: list[float]) -> None:
    p = np.array(ps)
    bh, by, holm, bonf = (adjust_p(p, m) for m in ("fdr_bh", "by", "holm", "bonferroni"))
    for adj in (bh, by, holm, bonf):
        assert ((adj >= p - 1e-15) & (adj <= 1.0)).all()
    assert (bh <= holm + 1e-12).all() and (holm <= bonf + 1e-12).all() and (bh <= by + 1e-12).all()
    order = np.argsort(p, kind="stable")
    for adj in (bh, by, holm):
        assert (np.diff(adj[order]) >= -1e-15).all()  # monotone in p
