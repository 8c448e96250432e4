"""Trend and harm measures on hand-worked values."""

from __future__ import annotations

import math

import pytest
from scipy import stats

from csphub.analytics.harm import HarmWeights, harm_totals
from csphub.analytics.trends import (
    describe_change,
    month_range,
    poisson_rate_test,
    rolling_sum,
    seasonality,
    shift_months,
    top_places,
)


def test_poisson_rate_test_equal_exposure() -> None:
    rc = poisson_rate_test(100, 130)
    assert rc.rate_ratio == pytest.approx(1.3)
    assert rc.change_pct == pytest.approx(30.0)
    assert rc.p_value == pytest.approx(stats.binomtest(130, 230, 0.5).pvalue)
    assert rc.ratio_ci_low < 1.3 < rc.ratio_ci_high  # type: ignore[operator]


def test_poisson_rate_test_unequal_exposure() -> None:
    # 20 in 10 months vs 30 in 12 months: rate 2.0 vs 2.5 per month
    rc = poisson_rate_test(20, 30, exposure_before=10, exposure_after=12)
    assert rc.rate_ratio == pytest.approx(1.25)
    assert rc.p_value == pytest.approx(stats.binomtest(30, 50, 12 / 22).pvalue)


def test_poisson_rate_test_edge_cases() -> None:
    assert poisson_rate_test(0, 0).p_value is None
    assert poisson_rate_test(0, 5).rate_ratio is None
    with pytest.raises(ValueError):
        poisson_rate_test(-1, 2)


def test_wording() -> None:
    assert describe_change(poisson_rate_test(1000, 1120)).startswith("rose by 12% (p = 0.0")
    assert "unlikely to be chance" in describe_change(poisson_rate_test(1000, 1120))
    assert "could be chance" in describe_change(poisson_rate_test(10, 12))
    assert describe_change(poisson_rate_test(100, 50)).startswith("fell by 50% (p < 0.001")


def test_months() -> None:
    assert month_range("2023-11", "2024-02") == ["2023-11", "2023-12", "2024-01", "2024-02"]
    assert shift_months("2024-01", -12) == "2023-01" and shift_months("2023-12", 1) == "2024-01"


def test_rolling_sum() -> None:
    assert rolling_sum([1] * 13) == [None] * 11 + [12.0, 12.0]
    assert rolling_sum([1, 2, 3], window=2) == [None, 3.0, 5.0]


def test_seasonality_index() -> None:
    monthly = {f"2023-{m:02d}": (20 if m == 7 else 10) for m in range(1, 13)}
    s = seasonality(monthly)
    assert s.peak_month == 7
    assert s.index_by_calendar_month[7] == pytest.approx(20 / (130 / 12))
    assert s.p_value is not None and 0 < s.p_value < 1


def test_top_places_skips_tiny_populations_in_rates() -> None:
    out = top_places({"A": 10, "B": 5, "C": 3}, {"A": 1000, "B": 100, "C": 600}, n=2)
    assert [r["code"] for r in out["by_count"]] == ["A", "B"]
    assert [r["code"] for r in out["by_rate"]] == ["A", "C"]


def test_harm_totals_and_swappable_weights() -> None:
    w = HarmWeights("test", "days", {"Burglary": 244.68, "Shoplifting": 1.0})
    res = harm_totals({"Burglary": 2, "Shoplifting": 10, "Anti-social behaviour": 7}, w)
    assert math.isclose(res.total_harm, 2 * 244.68 + 10)
    assert res.unweighted_types == ["Anti-social behaviour"]
    other = harm_totals({"Burglary": 2}, HarmWeights("flat", "units", {"Burglary": 1.0}))
    assert other.total_harm == 2.0


@pytest.mark.parametrize(
    ("k", "n", "p"),
    [
        (130, 230, 0.5),
        (3, 50, 0.3),
        (45, 50, 0.3),
        (0, 10, 0.5),
        (10, 10, 0.5),
        (30, 50, 12 / 22),
        (5, 1000, 0.01),
        (1, 2, 0.5),
        (9219, 18839, 0.5),
    ],
)
def test_binomial_test_matches_scipy_stats(k: int, n: int, p: float) -> None:
    from csphub.analytics.trends import binom_test_two_sided, clopper_pearson

    ref = stats.binomtest(k, n, p)
    assert binom_test_two_sided(k, n, p) == pytest.approx(ref.pvalue, rel=1e-6, abs=1e-300)
    ci = ref.proportion_ci(method="exact")
    assert clopper_pearson(k, n) == pytest.approx((ci.low, ci.high), rel=1e-6, abs=1e-12)


def test_seasonality_chi2_matches_scipy() -> None:
    monthly = {f"2023-{m:02d}": 10 + m for m in range(1, 13)}
    s = seasonality(monthly)
    ref = stats.chisquare([10 + m for m in range(1, 13)])
    assert s.p_value == pytest.approx(ref.pvalue)


def test_top_places_equals_sorting_every_place():
    """top_places picks with heapq.nsmallest; the result is exactly sorted(...)[:n] over all places."""
    import random

    from csphub.analytics.trends import rate_per_1000, top_places

    def reference(counts, pops, n, min_population):
        rows = []
        for code, c in counts.items():
            pop = float(pops.get(code, 0) or 0)
            rows.append(
                {
                    "code": code,
                    "count": int(c),
                    "population": int(pop),
                    "rate_per_1000": rate_per_1000(c, pop),
                }
            )
        by_count = sorted(rows, key=lambda r: (-int(r["count"]), str(r["code"])))[:n]
        rated = [
            r for r in rows if r["rate_per_1000"] is not None and float(r["population"]) >= min_population
        ]
        by_rate = sorted(rated, key=lambda r: (-float(r["rate_per_1000"]), str(r["code"])))[:n]
        return {"by_count": by_count, "by_rate": by_rate}

    rng = random.Random(3)
    for _ in range(200):
        codes = [f"E01{rng.randint(0, 80):06d}" for _ in range(rng.randint(0, 60))]
        counts = {c: rng.choice([0, 1, 2, 3, 5, 5, 8, 13]) for c in codes}
        pops = {
            c: rng.choice([0, 120, 499.5, 500, 500.7, 1000, 1500, 2999.9])
            for c in codes
            if rng.random() < 0.9
        }
        for n in (-2, 0, 1, 3, 10):
            for mp in (500, 500.5, 0):
                assert top_places(counts, pops, n=n, min_population=mp) == reference(counts, pops, n, mp)
