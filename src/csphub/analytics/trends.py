"""Trend measures on monthly counts: exact rate comparison, rolling sums, seasonality, top LSOAs.

Pure functions: numbers in, numbers out. Months are ``YYYY-MM`` strings.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class RateComparison:
    """Exact comparison of two Poisson counts (conditional binomial test).

    Given ``count_before`` over ``exposure_before`` and ``count_after`` over ``exposure_after``
    (e.g. months, or person-years), under equal rates ``count_after`` is Binomial(n, e_a/(e_a+e_b))
    conditional on ``n = count_before + count_after``. ``p_value`` is the exact two-sided binomial
    p-value; ``ratio_ci_*`` the 95% Clopper–Pearson interval turned into a rate-ratio interval.
    """

    count_before: int
    count_after: int
    exposure_before: float
    exposure_after: float
    rate_ratio: float | None
    change_pct: float | None
    p_value: float | None
    ratio_ci_low: float | None
    ratio_ci_high: float | None

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def poisson_rate_test(
    count_before: int, count_after: int, *, exposure_before: float = 1.0, exposure_after: float = 1.0
) -> RateComparison:
    a, b = int(count_before), int(count_after)
    if a < 0 or b < 0 or exposure_before <= 0 or exposure_after <= 0:
        raise ValueError("counts must be >= 0 and exposures > 0")
    n = a + b
    if n == 0:
        return RateComparison(a, b, exposure_before, exposure_after, None, None, None, None, None)
    p0 = exposure_after / (exposure_before + exposure_after)
    p_value = binom_test_two_sided(b, n, p0)
    ci_low, ci_high = clopper_pearson(b, n)
    scale = exposure_before / exposure_after

    def to_ratio(p: float) -> float | None:
        return None if p >= 1.0 else p / (1.0 - p) * scale

    ratio = (b / exposure_after) / (a / exposure_before) if a > 0 else None
    change = (ratio - 1.0) * 100.0 if ratio is not None else None
    return RateComparison(
        a,
        b,
        exposure_before,
        exposure_after,
        ratio,
        change,
        p_value,
        to_ratio(ci_low),
        to_ratio(ci_high),
    )


def _binom_logpmf(k: np.ndarray | int, n: int, p: float) -> np.ndarray:
    from scipy import special  # imported when a test is computed: reading an assessment never does

    k = np.asarray(k, dtype=np.float64)
    out: np.ndarray = (
        special.gammaln(n + 1)
        - special.gammaln(k + 1)
        - special.gammaln(n - k + 1)
        + special.xlogy(k, p)
        + special.xlog1py(n - k, -p)
    )
    return out


def binom_test_two_sided(k: int, n: int, p: float) -> float:
    """Exact two-sided binomial test p-value (the "minimum likelihood" rule used by R's binom.test
    and scipy.stats.binomtest): the probability of outcomes no more likely than ``k``.

    Written with scipy.special only, so the assessment does not pay for importing scipy.stats.
    """
    from scipy import special

    if n == 0:
        return 1.0
    d = float(_binom_logpmf(k, n, p))
    rerr = 1 + 1e-7
    mode = int(np.floor((n + 1) * p))
    mode = min(max(mode, 0), n)
    if k == mode or abs(k - n * p) < 1e-12:
        return 1.0
    if k < mode:
        # smallest y >= mode with pmf(y) <= pmf(k): search the decreasing upper tail
        lo, hi = mode, n
        if float(_binom_logpmf(n, n, p)) > d + np.log(rerr):
            return min(1.0, float(special.bdtr(k, n, p)))
        while lo < hi:
            mid = (lo + hi) // 2
            if float(_binom_logpmf(mid, n, p)) <= d + np.log(rerr):
                hi = mid
            else:
                lo = mid + 1
        return min(1.0, float(special.bdtr(k, n, p) + special.bdtrc(lo - 1, n, p)))
    # k > mode: largest y <= mode with pmf(y) <= pmf(k)
    if float(_binom_logpmf(0, n, p)) > d + np.log(rerr):
        return min(1.0, float(special.bdtrc(k - 1, n, p)))
    lo, hi = 0, mode
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if float(_binom_logpmf(mid, n, p)) <= d + np.log(rerr):
            lo = mid
        else:
            hi = mid - 1
    return min(1.0, float(special.bdtr(lo, n, p) + special.bdtrc(k - 1, n, p)))


def clopper_pearson(k: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Exact (Clopper–Pearson) interval for a binomial proportion."""
    from scipy import special

    a = (1 - confidence) / 2
    low = 0.0 if k == 0 else float(special.betaincinv(k, n - k + 1, a))
    high = 1.0 if k == n else float(special.betaincinv(k + 1, n - k, 1 - a))
    return low, high


def describe_change(rc: RateComparison, *, alpha: float = 0.05) -> str:
    """Plain wording for a board: "rose by 12% (p = 0.003, unlikely to be chance)"."""
    if rc.count_before == 0 and rc.count_after == 0:
        return "none recorded in either period"
    if rc.change_pct is None:
        return f"{rc.count_after} recorded, none in the previous period"
    pct = rc.change_pct
    p = rc.p_value if rc.p_value is not None else 1.0
    verdict = "unlikely to be chance" if p < alpha else "could be chance"
    p_txt = "p < 0.001" if p < 0.001 else f"p = {p:.3f}" if p < 0.1 else f"p = {p:.2f}"
    shown = f"{abs(pct):.0f}"
    if shown == "0":  # under half a per cent, and exactly half (which rounds to even: 0)
        return f"stayed about the same ({p_txt})"
    word = "rose" if pct > 0 else "fell"
    return f"{word} by {shown}% ({p_txt}, {verdict})"


def month_range(first: str, last: str) -> list[str]:
    """Inclusive list of YYYY-MM months."""
    y, m = map(int, first.split("-"))
    y2, m2 = map(int, last.split("-"))
    out = []
    while (y, m) <= (y2, m2):
        out.append(f"{y:04d}-{m:02d}")
        m += 1
        if m == 13:
            y, m = y + 1, 1
    return out


def shift_months(month: str, k: int) -> str:
    y, m = map(int, month.split("-"))
    idx = y * 12 + (m - 1) + k
    return f"{idx // 12:04d}-{idx % 12 + 1:02d}"


def rolling_sum(values: Sequence[float], window: int = 12) -> list[float | None]:
    """Trailing sums over ``window`` months; None until a full window is available."""
    a = np.asarray(values, dtype=np.float64)
    c = np.concatenate([[0.0], np.cumsum(a)])
    out: list[float | None] = [None] * len(a)
    for i in range(window - 1, len(a)):
        out[i] = float(c[i + 1] - c[i + 1 - window])
    return out


@dataclass(frozen=True)
class Seasonality:
    """Mean count per calendar month relative to the overall monthly mean (1.0 = average)."""

    index_by_calendar_month: dict[int, float | None]
    peak_month: int | None
    trough_month: int | None
    chi2: float | None
    p_value: float | None  # chi-square test of equal counts across calendar months (days ignored)
    n_years: float

    def to_dict(self) -> dict[str, object]:
        return {
            **asdict(self),
            "index_by_calendar_month": {str(k): v for k, v in self.index_by_calendar_month.items()},
        }


def seasonality(monthly: Mapping[str, float]) -> Seasonality:
    by_cal: dict[int, list[float]] = {m: [] for m in range(1, 13)}
    for month, count in monthly.items():
        by_cal[int(month[5:7])].append(float(count))
    means = {m: (float(np.mean(v)) if v else None) for m, v in by_cal.items()}
    present = [v for v in means.values() if v is not None]
    overall = float(np.mean(present)) if present else 0.0
    index = {m: (v / overall if (v is not None and overall > 0) else None) for m, v in means.items()}
    chi2 = p = None
    sums = np.array([sum(v) for v in by_cal.values() if v], dtype=np.float64)
    if len(sums) == 12 and sums.sum() > 0 and len({len(v) for v in by_cal.values()}) == 1:
        expected = sums.sum() / len(sums)
        chi2 = float(((sums - expected) ** 2 / expected).sum())
        from scipy import special

        p = float(special.chdtrc(len(sums) - 1, chi2))
    valid = {m: v for m, v in index.items() if v is not None}
    peak = max(valid, key=lambda k: valid[k]) if valid else None
    trough = min(valid, key=lambda k: valid[k]) if valid else None
    return Seasonality(index, peak, trough, chi2, p, len(monthly) / 12.0)


def rate_per_1000(count: float, population: float) -> float | None:
    return None if population <= 0 else 1000.0 * count / population


def top_places(
    counts: Mapping[str, int], populations: Mapping[str, float], *, n: int = 10, min_population: float = 500
) -> dict[str, list[dict[str, object]]]:
    """Top ``n`` places by count and by rate per 1,000 residents (places under ``min_population``
    residents are left out of the rate ranking: tiny denominators make rates unstable)."""
    items = [(code, c, float(populations.get(code, 0) or 0)) for code, c in counts.items()]

    def row(item: tuple[str, int, float]) -> dict[str, object]:
        code, c, pop = item
        return {"code": code, "count": int(c), "population": int(pop), "rate_per_1000": rate_per_1000(c, pop)}

    # heapq.nsmallest(n, xs, key) is sorted(xs, key=key)[:n] (ties kept in input order), without
    # sorting or building a row for every place (35,000 LSOAs nationally)
    def first(xs: list[tuple[str, int, float]], key: Any) -> list[tuple[str, int, float]]:
        return heapq.nsmallest(n, xs, key=key) if n >= 0 else sorted(xs, key=key)[:n]

    by_count = [row(t) for t in first(items, lambda t: (-int(t[1]), str(t[0])))]
    rated = [t for t in items if t[2] > 0 and float(int(t[2])) >= min_population]
    by_rate = [row(t) for t in first(rated, lambda t: (-float(1000.0 * t[1] / t[2]), str(t[0])))]
    return {"by_count": by_count, "by_rate": by_rate}


def is_finite(x: float | None) -> bool:
    return x is not None and math.isfinite(x)
