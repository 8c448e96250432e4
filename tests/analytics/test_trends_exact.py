"""Trend measures at their edges: every branch of the exact tests against scipy.stats, the
boundaries of the board wording, months, rolling sums, seasonality and rates, each checked on both
sides."""

from __future__ import annotations

import math
import warnings

import pytest
from scipy import stats

from csphub.analytics.trends import (
    RateComparison,
    binom_test_two_sided,
    clopper_pearson,
    describe_change,
    is_finite,
    month_range,
    poisson_rate_test,
    rate_per_1000,
    rolling_sum,
    seasonality,
    shift_months,
    top_places,
)

# ---------------------------------------------------------------- exact binomial test and interval


@pytest.mark.parametrize("p", [0.1, 0.3, 0.5, 12 / 22, 0.9])
def test_binomial_test_and_interval_match_scipy_for_every_outcome(p: float) -> None:
    """Every k of several n: both tails, both early exits (no outcome on the far side as unlikely
    as k), ties of equal likelihood (p = 0.5) and the modes all agree with scipy.stats."""
    for n in (1, 2, 3, 4, 5, 7, 10, 13, 21):
        for k in range(n + 1):
            ref = stats.binomtest(k, n, p)
            assert binom_test_two_sided(k, n, p) == pytest.approx(ref.pvalue, rel=1e-9, abs=1e-300), (k, n)
            ci = ref.proportion_ci(method="exact")
            assert clopper_pearson(k, n) == pytest.approx((ci.low, ci.high), rel=1e-9, abs=1e-15), (k, n)


@pytest.mark.parametrize(("k", "n", "p"), [(5, 10, 0.9), (2, 20, 0.95), (5, 10, 0.1), (18, 20, 0.05)])
def test_binomial_test_when_no_outcome_beyond_the_mode_is_as_unlikely(k: int, n: int, p: float) -> None:
    """k far in the short tail: the p-value is that tail alone (P(X <= k) below the mode, P(X >= k)
    above it)."""
    tail = stats.binom.cdf(k, n, p) if k < n * p else stats.binom.sf(k - 1, n, p)
    assert binom_test_two_sided(k, n, p) == pytest.approx(tail, rel=1e-9)
    assert binom_test_two_sided(k, n, p) == pytest.approx(stats.binomtest(k, n, p).pvalue, rel=1e-9)


def test_binomial_test_of_nothing_is_one() -> None:
    assert binom_test_two_sided(0, 0, 0.3) == 1.0


@pytest.mark.parametrize(("k", "n"), [(4, 9), (9, 19), (17, 35)])
def test_binomial_p_value_never_exceeds_one(k: int, n: int) -> None:
    """p = 0.5, n odd: k and k + 1 are equally likely modes, so both tails together are every outcome
    and P = 1 exactly (the two tail sums add up to 1 + a few ulps in floating point)."""
    assert binom_test_two_sided(k, n, 0.5) == 1.0
    assert poisson_rate_test(n - k, k).p_value == 1.0


def test_binomial_test_counts_the_equally_likely_mirror_outcome() -> None:
    """p = 0.5: 3 of 10 and 7 of 10 are exactly as likely; both tails count (2·P(X <= 3))."""
    assert binom_test_two_sided(3, 10, 0.5) == pytest.approx(2 * 176 / 1024, rel=1e-12)
    assert binom_test_two_sided(7, 10, 0.5) == pytest.approx(2 * 176 / 1024, rel=1e-12)
    assert binom_test_two_sided(5, 10, 0.5) == 1.0


def test_clopper_pearson_other_confidence_level() -> None:
    ci = stats.binomtest(7, 20).proportion_ci(confidence_level=0.9, method="exact")
    assert clopper_pearson(7, 20, confidence=0.9) == pytest.approx((ci.low, ci.high), rel=1e-9)
    assert clopper_pearson(0, 20) == (0.0, pytest.approx(1 - 0.025 ** (1 / 20)))
    assert clopper_pearson(20, 20) == (pytest.approx(0.025 ** (1 / 20)), 1.0)


# ---------------------------------------------------------------- rate comparison


def _ratio_interval(b: int, n: int, exposure_before: float, exposure_after: float) -> tuple[float, float]:
    """The rate-ratio interval worked independently: Clopper–Pearson on the share π of events in
    the later period, then R = π/(1−π) · e_before/e_after."""
    ci = stats.binomtest(b, n).proportion_ci(method="exact")
    return tuple(p / (1 - p) * exposure_before / exposure_after for p in (ci.low, ci.high))  # type: ignore[return-value]


def test_rate_ratio_interval_with_unequal_exposure() -> None:
    # 18 in 10 months before, 12 in 12 months after: rate 1.8 → 1.0 per month
    rc = poisson_rate_test(18, 12, exposure_before=10, exposure_after=12)
    assert rc.rate_ratio == pytest.approx(1.0 / 1.8)
    assert rc.change_pct == pytest.approx(-100 * 0.8 / 1.8)
    assert rc.p_value == pytest.approx(stats.binomtest(12, 30, 12 / 22).pvalue, rel=1e-9)
    low, high = _ratio_interval(12, 30, 10, 12)
    assert rc.ratio_ci_low == pytest.approx(low, rel=1e-9)
    assert rc.ratio_ci_high == pytest.approx(high, rel=1e-9)
    assert (rc.count_before, rc.count_after, rc.exposure_before, rc.exposure_after) == (18, 12, 10, 12)


def test_rate_comparison_with_one_event_before() -> None:
    rc = poisson_rate_test(1, 3)
    assert rc.rate_ratio == pytest.approx(3.0)
    assert rc.change_pct == pytest.approx(200.0)
    assert rc.p_value == pytest.approx(stats.binomtest(3, 4).pvalue)  # 0.625
    low, high = _ratio_interval(3, 4, 1, 1)
    assert (rc.ratio_ci_low, rc.ratio_ci_high) == (pytest.approx(low), pytest.approx(high))


def test_rate_comparison_with_nothing_after() -> None:
    rc = poisson_rate_test(5, 0)
    assert rc.rate_ratio == 0.0
    assert rc.change_pct == -100.0
    assert rc.p_value == pytest.approx(2 * 0.5**5)
    assert rc.ratio_ci_low == 0.0
    assert rc.ratio_ci_high == pytest.approx(_ratio_interval(0, 5, 1, 1)[1])


def test_rate_comparison_with_nothing_before_has_no_ratio_and_no_upper_limit() -> None:
    rc = poisson_rate_test(0, 5)
    assert rc.rate_ratio is None and rc.change_pct is None
    assert rc.p_value == pytest.approx(2 * 0.5**5)
    share_low = 0.025 ** (1 / 5)  # Clopper–Pearson lower limit for 5 of 5
    assert rc.ratio_ci_low == pytest.approx(share_low / (1 - share_low))
    assert rc.ratio_ci_high is None


def test_rate_comparison_with_a_single_event() -> None:
    rc = poisson_rate_test(1, 0)
    assert rc.rate_ratio == 0.0
    assert rc.p_value == 1.0
    assert rc.ratio_ci_low == 0.0 and rc.ratio_ci_high == pytest.approx(39.0)  # 0.975/0.025


def test_rate_comparison_with_no_events_is_all_none() -> None:
    rc = poisson_rate_test(0, 0, exposure_before=3, exposure_after=4)
    assert rc == RateComparison(0, 0, 3, 4, None, None, None, None, None)
    assert rc.to_dict()["exposure_after"] == 4


@pytest.mark.parametrize(
    "args",
    [
        {"count_before": -1, "count_after": 2},
        {"count_before": 2, "count_after": -1},
        {"count_before": 2, "count_after": 2, "exposure_before": 0.0},
        {"count_before": 2, "count_after": 2, "exposure_after": 0.0},
        {"count_before": 2, "count_after": 2, "exposure_before": -1.0},
        {"count_before": 2, "count_after": 2, "exposure_after": -1.0},
    ],
)
def test_rate_comparison_rejects_negative_counts_and_empty_exposure(args: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        poisson_rate_test(**args)  # type: ignore[arg-type]


def test_rate_comparison_accepts_tiny_positive_exposure() -> None:
    rc = poisson_rate_test(2, 2, exposure_before=0.5, exposure_after=1e-3)
    assert rc.rate_ratio == pytest.approx(500.0)


# ---------------------------------------------------------------- wording for the board


def _rc(
    change_pct: float | None, p_value: float | None, before: int = 100, after: int = 100
) -> RateComparison:
    return RateComparison(before, after, 1.0, 1.0, None, change_pct, p_value, None, None)


def test_wording_when_nothing_or_nothing_before() -> None:
    assert describe_change(poisson_rate_test(0, 0)) == "none recorded in either period"
    assert describe_change(poisson_rate_test(0, 5)) == "5 recorded, none in the previous period"
    assert describe_change(poisson_rate_test(5, 0)) == "fell by 100% (p = 0.062, could be chance)"


@pytest.mark.parametrize(
    ("p", "alpha", "verdict"),
    [
        (0.0499, 0.05, "unlikely to be chance"),
        (0.05, 0.05, "could be chance"),  # significant means p < alpha
        (0.0099, 0.01, "unlikely to be chance"),
        (0.01, 0.01, "could be chance"),
    ],
)
def test_wording_verdict_boundary(p: float, alpha: float, verdict: str) -> None:
    assert describe_change(_rc(20.0, p), alpha=alpha).endswith(f", {verdict})")


@pytest.mark.parametrize(
    ("p", "text"),
    [
        (0.0009, "p < 0.001"),
        (0.001, "p = 0.001"),
        (0.0994, "p = 0.099"),
        (0.1, "p = 0.10"),
        (0.456, "p = 0.46"),
    ],
)
def test_wording_p_value_precision_boundaries(p: float, text: str) -> None:
    assert describe_change(_rc(-20.0, p)).startswith(f"fell by 20% ({text}, ")


@pytest.mark.parametrize(
    ("pct", "text"),
    [
        (0.49, "stayed about the same (p = 0.50)"),
        (-0.49, "stayed about the same (p = 0.50)"),
        # Exactly half a per cent rounds to 0: never "rose by 0%".
        (0.5, "stayed about the same (p = 0.50)"),
        (-0.5, "stayed about the same (p = 0.50)"),
        (0.51, "rose by 1% (p = 0.50, could be chance)"),
        (-0.51, "fell by 1% (p = 0.50, could be chance)"),
        (12.4, "rose by 12% (p = 0.50, could be chance)"),
    ],
)
def test_wording_about_the_same_boundary(pct: float, text: str) -> None:
    assert describe_change(_rc(pct, 0.5)) == text


# ---------------------------------------------------------------- months and rolling sums


def test_month_range_edges() -> None:
    assert month_range("2024-03", "2024-03") == ["2024-03"]
    assert month_range("2024-04", "2024-03") == []
    assert month_range("2023-12", "2024-01") == ["2023-12", "2024-01"]
    assert len(month_range("2020-01", "2023-12")) == 48
    assert month_range("2022-11", "2024-02")[1:3] == ["2022-12", "2023-01"]


@pytest.mark.parametrize(
    ("month", "k", "expected"),
    [
        ("2024-03", 0, "2024-03"),
        ("2024-03", -3, "2023-12"),
        ("2024-03", -2, "2024-01"),
        ("2024-12", 0, "2024-12"),
        ("2024-01", 11, "2024-12"),
        ("2024-01", 12, "2025-01"),
        ("2024-06", 30, "2026-12"),
        ("0999-06", 7, "1000-01"),
    ],
)
def test_shift_months(month: str, k: int, expected: str) -> None:
    assert shift_months(month, k) == expected


def test_rolling_sum_windows() -> None:
    assert rolling_sum([4.0, 1.5, 2.0], window=1) == [4.0, 1.5, 2.0]
    assert rolling_sum([1, 2, 3], window=3) == [None, None, 6.0]
    assert rolling_sum([1, 2], window=3) == [None, None]
    assert rolling_sum(list(range(1, 15))) == [None] * 11 + [78.0, 90.0, 102.0]
    assert rolling_sum([]) == []


# ---------------------------------------------------------------- seasonality


def test_seasonality_peak_trough_and_index_by_hand() -> None:
    # two full years; March is high, October low
    monthly = {}
    for year in (2022, 2023):
        for m in range(1, 13):
            monthly[f"{year}-{m:02d}"] = {3: 30.0, 10: 6.0}.get(m, 12.0) + (2.0 if year == 2023 else 0.0)
    s = seasonality(monthly)
    mean = (31.0 + 7.0 + 10 * 13.0) / 12
    assert s.index_by_calendar_month[3] == pytest.approx(31.0 / mean)
    assert s.index_by_calendar_month[10] == pytest.approx(7.0 / mean)
    assert s.index_by_calendar_month[1] == pytest.approx(13.0 / mean)
    assert (s.peak_month, s.trough_month) == (3, 10)
    assert s.n_years == 2.0
    sums = [62.0 if m == 3 else 14.0 if m == 10 else 26.0 for m in range(1, 13)]
    ref = stats.chisquare(sums)
    assert s.chi2 == pytest.approx(ref.statistic)
    assert s.p_value == pytest.approx(ref.pvalue)


def test_seasonality_without_a_whole_number_of_years_has_no_test() -> None:
    """13 months: January counted twice, so the calendar-month totals are not comparable."""
    monthly = {m: 10.0 + int(m[5:7]) for m in month_range("2023-01", "2024-01")}
    s = seasonality(monthly)
    assert s.chi2 is None and s.p_value is None
    assert s.n_years == pytest.approx(13 / 12)
    assert s.index_by_calendar_month[1] == pytest.approx(11.0 / (sum(10.0 + m for m in range(1, 13)) / 12))


def test_seasonality_of_part_of_a_year() -> None:
    monthly = {"2023-04": 5.0, "2023-05": 15.0}
    s = seasonality(monthly)
    assert s.index_by_calendar_month[4] == pytest.approx(0.5)
    assert s.index_by_calendar_month[5] == pytest.approx(1.5)
    assert s.index_by_calendar_month[6] is None
    assert (s.peak_month, s.trough_month) == (5, 4)
    assert s.chi2 is None and s.p_value is None
    assert s.n_years == pytest.approx(2 / 12)
    assert s.to_dict()["index_by_calendar_month"] == {
        **{str(m): None for m in range(1, 13)},
        "4": pytest.approx(0.5),
        "5": pytest.approx(1.5),
    }


def test_seasonality_of_nothing_recorded() -> None:
    s = seasonality({f"2023-{m:02d}": 0 for m in range(1, 13)})
    assert set(s.index_by_calendar_month.values()) == {None}
    assert s.peak_month is None and s.trough_month is None
    assert s.chi2 is None and s.p_value is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "mean of empty slice"
        empty = seasonality({})
    assert empty.peak_month is None and empty.n_years == 0.0
    assert set(empty.index_by_calendar_month.values()) == {None}


def test_seasonality_of_rare_events() -> None:
    """A single event in a year: mean 1/12 a month; chi-square against 1/12 expected in each month."""
    monthly = {f"2023-{m:02d}": (1 if m == 2 else 0) for m in range(1, 13)}
    s = seasonality(monthly)
    assert s.index_by_calendar_month[2] == pytest.approx(12.0)
    assert s.index_by_calendar_month[3] == 0.0
    assert (s.peak_month, s.trough_month) == (2, 1)
    ref = stats.chisquare([1 if m == 2 else 0 for m in range(1, 13)])
    assert s.chi2 == pytest.approx(ref.statistic) and s.chi2 == pytest.approx(11.0)
    assert s.p_value == pytest.approx(ref.pvalue)


def test_seasonality_flat_year_is_not_seasonal() -> None:
    s = seasonality({f"2023-{m:02d}": 7 for m in range(1, 13)})
    assert s.chi2 == 0.0 and s.p_value == pytest.approx(1.0)
    assert all(v == pytest.approx(1.0) for v in s.index_by_calendar_month.values())


# ---------------------------------------------------------------- rates


def test_rate_per_1000() -> None:
    assert rate_per_1000(7, 1400) == pytest.approx(5.0)
    assert rate_per_1000(3, 0.5) == pytest.approx(6000.0)
    assert rate_per_1000(3, 0) is None
    assert rate_per_1000(3, -10) is None


def test_is_finite() -> None:
    assert is_finite(0.0) and is_finite(-3.5)
    assert not is_finite(None)
    assert not is_finite(math.nan) and not is_finite(math.inf)


def test_top_places_defaults_ten_places_and_500_residents_inclusive() -> None:
    counts = {f"P{i:02d}": 30 - i for i in range(12)}
    pops = dict.fromkeys(counts, 1000.0)
    pops["P00"] = 500.0  # exactly the default minimum: ranked by rate
    pops["P01"] = 499.0  # below it: not ranked by rate
    out = top_places(counts, pops)
    assert [r["code"] for r in out["by_count"]] == [f"P{i:02d}" for i in range(10)]
    assert [r["code"] for r in out["by_rate"]] == ["P00"] + [f"P{i:02d}" for i in range(2, 11)]
    assert out["by_rate"][0]["rate_per_1000"] == pytest.approx(60.0)


def test_top_places_without_a_minimum_ranks_any_resident_population() -> None:
    out = top_places({"A": 1, "B": 3, "C": 9}, {"A": 1.0, "B": 1000.0, "C": 0.0}, min_population=0)
    assert [(r["code"], r["rate_per_1000"]) for r in out["by_rate"]] == [("A", 1000.0), ("B", 3.0)]
