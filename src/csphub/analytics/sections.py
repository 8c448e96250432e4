"""The Strategic Assessment's sections, one pure builder each: numbers in, typed sections out.

No I/O and no DuckDB here: ``analytics.pipeline`` reads the store (``analytics.store``) and schedules the
work, then calls these builders. Each builder can be tested on a few hand-made numbers.

=====================  ==========================================================================
builder                section
=====================  ==========================================================================
``headline_section``   crime excl. ASB, ASB, all incidents: counts, rates, exact change test
``crime_type_section`` the 14 categories, with Benjamini–Hochberg across the categories tested
``what_changed``       the categories whose change survives the adjustment
``trend_section``      monthly totals, rolling 12-month sums, seasonality
``top_places_section`` top LSOAs by count and by rate
``harm_section``       harm-weighted totals, this period and the one before
``hotspot_section``    grid, Gi*, KDE and the space-time classification
``repeats_section``    repeat places (police.uk snap points) and concentration
``geometry_section``   outlines for the maps
``data_account_section`` where the figures came from
``caveats``            the data caveats in plain words
``build``              the whole ``Assessment`` from the counts, the hot-spot points' results and the rest
=====================  ==========================================================================
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from csphub.analytics.assessment import (
    Assessment,
    Comparators,
    CrimeTypeRow,
    DataAccount,
    Harm,
    HarmRow,
    Headline,
    HotspotParameters,
    Hotspots,
    MonthCount,
    Parameters,
    Period,
    Repeats,
    RollingMonth,
    SeasonalitySection,
    TopPlace,
    TopPlaces,
)
from csphub.analytics.context_sections import (
    POPULATION_SOURCE,
    TOP_MIN_POPULATION,
    caveats,
    comparator_section,
    data_account_section,
    geometry_section,
    parameters_section,
    ward_labels,
)
from csphub.analytics.geography import Area, Geography
from csphub.analytics.harm import HarmWeights, harm_totals
from csphub.analytics.hotspots.adjust import adjust_p
from csphub.analytics.sources.police_uk import ASB, CRIME_ONLY, CRIME_TYPES
from csphub.analytics.spatial_sections import (
    area_rings,
    first_labels,
    hotspot_section,
    label_candidates,
    place_key,
    repeats_section,
)
from csphub.analytics.store import Counts
from csphub.analytics.trends import (
    describe_change,
    poisson_rate_test,
    rate_per_1000,
    rolling_sum,
    seasonality,
    shift_months,
    top_places,
)

__all__ = [
    "POPULATION_SOURCE",
    "TOP_MIN_POPULATION",
    "HotspotParameters",
    "area_rings",
    "caveats",
    "comparator_section",
    "data_account_section",
    "first_labels",
    "geometry_section",
    "hotspot_section",
    "label_candidates",
    "parameters_section",
    "place_key",
    "repeats_section",
    "ward_labels",
]

CRIME_EXCL_ASB = "All recorded crime (excluding ASB)"
ALL_INCIDENTS = "All incidents (crime and ASB)"


# ---------------------------------------------------------------- period


def period_section(months: Sequence[str]) -> Period:
    """The study months and the same number of months immediately before."""
    n = len(months)
    prev = tuple(shift_months(m, -n) for m in months)
    return Period(months[0], months[-1], tuple(months), prev[0], prev[-1], prev)


def coverage_notes(missing: Sequence[str], missing_prev: Sequence[str]) -> list[str]:
    """Plain-words notes on study and comparison months without data."""
    notes = []
    if missing:
        notes.append(
            f"No data for {len(missing)} study month(s): {', '.join(missing)}; figures cover the rest."
        )
    if missing_prev:
        notes.append(
            f"Comparison months missing ({', '.join(missing_prev)}): year-on-year tests use "
            "exposure in months actually present."
        )
    return notes


# ---------------------------------------------------------------- counts and changes


# A month is incomplete for a category when it holds under a tenth of the category's median monthly
# count over the study and comparison months (a median of at least 20, so sparse categories are
# not flagged): e.g. the sample's 2024-11 with no anti-social behaviour rows against ~200 a month.
INCOMPLETE_SHARE = 0.1
INCOMPLETE_MIN_MEDIAN = 20


def incomplete_months(
    monthly: Mapping[tuple[str, str], int],
    months: Sequence[str],
    available: set[str],
    force_monthly: Mapping[tuple[str, str], int] | None = None,
) -> dict[str, tuple[str, ...]]:
    """Per category, the months (among ``months`` with data) that look incomplete (see above), in the
    area's counts or in the whole force's (``force_monthly``). A ward or a small district rarely has
    20 incidents of a category a month, so a month the force published without them (the sample's
    2024-11 anti-social behaviour) is found in the force's counts and applies to every area in it."""
    present = [m for m in months if m in available]
    out: dict[str, tuple[str, ...]] = {}
    for ct in CRIME_TYPES:
        flagged: set[str] = set()
        for source in (monthly, force_monthly):
            if source is None:
                continue
            counts = np.array([source.get((m, ct), 0) for m in present], dtype=np.float64)
            if len(counts) < 3:
                continue
            median = float(np.median(counts))
            if median < INCOMPLETE_MIN_MEDIAN:
                continue
            flagged |= {m for m, c in zip(present, counts, strict=True) if c < INCOMPLETE_SHARE * median}
        if flagged:
            out[ct] = tuple(m for m in present if m in flagged)
    return out


@dataclass(frozen=True)
class Comparison:
    """What one change test compares: counts and months of data in each period, and why (``basis``)."""

    now: int
    before: int
    exposure_now: float
    exposure_before: float
    basis: str = ""


@dataclass(frozen=True)
class TypeTotals:
    """Counts per crime type in the study period (``now``) and the comparison period (``before``),
    and how each change test compares: the whole periods (months of data present as exposures), like
    for like without incomplete months, or, with no comparison data at all, the two halves of the
    study period."""

    now: dict[str, int]
    before: dict[str, int]
    exposure_now: float
    exposure_before: float
    monthly: Mapping[tuple[str, str], int] | None = None
    pairs: tuple[tuple[str, str], ...] = ()  # (study month, comparison month) both with data
    incomplete: Mapping[str, tuple[str, ...]] | None = None
    halves: bool = False

    @classmethod
    def from_monthly(
        cls,
        monthly: Mapping[tuple[str, str], int],
        period: Period,
        missing: int,
        missing_before: int,
        available: set[str] | None = None,
        force_monthly: Mapping[tuple[str, str], int] | None = None,
    ) -> TypeTotals:
        study, prev = set(period.months), set(period.comparison_months)
        now = dict.fromkeys(CRIME_TYPES, 0)
        before = dict.fromkeys(CRIME_TYPES, 0)
        for (mo, ct), k in monthly.items():
            if mo in study:
                now[ct] = now.get(ct, 0) + k
            elif mo in prev:
                before[ct] = before.get(ct, 0) + k
        n = len(period.months)
        exp_before = float(n - missing_before)
        if available is None:
            return cls(now, before, float(n - missing), exp_before)
        halves = exp_before == 0 and n >= 2
        if halves:  # no comparison data: the second half of the period against the first
            h = n // 2
            pairs = tuple(zip(period.months[n - h :], period.months[:h], strict=True))
        else:
            pairs = tuple(zip(period.months, period.comparison_months, strict=True))
        pairs = tuple((a, b) for a, b in pairs if a in available and b in available)
        every = [*period.comparison_months, *period.months]
        incomplete = incomplete_months(monthly, every, available, force_monthly)
        return cls(now, before, float(n - missing), exp_before, monthly, pairs, incomplete, halves)

    @property
    def crime_now(self) -> int:
        return sum(v for k, v in self.now.items() if k != ASB)

    @property
    def crime_before(self) -> int:
        return sum(v for k, v in self.before.items() if k != ASB)

    def comparison(self, types: Sequence[str], now: int, before: int) -> Comparison:
        """How the change of the sum of ``types`` is tested (see the class docstring)."""
        if self.monthly is None:
            return Comparison(now, before, self.exposure_now, self.exposure_before)
        bad = sorted({m for t in types for m in (self.incomplete or {}).get(t, ())})
        if not self.halves and not bad:
            return Comparison(now, before, self.exposure_now, self.exposure_before)
        pairs = [(a, b) for a, b in self.pairs if a not in bad and b not in bad]
        if not pairs:
            return Comparison(now, before, 0.0, 0.0)
        c_now = sum(self.monthly.get((a, t), 0) for a, _ in pairs for t in types)
        c_before = sum(self.monthly.get((b, t), 0) for _, b in pairs for t in types)
        parts = []
        if self.halves:
            parts.append(
                f"no data for the months before the period: {pairs[0][0]} to {pairs[-1][0]} compared "
                f"with {pairs[0][1]} to {pairs[-1][1]}"
            )
        if bad:
            parts.append(
                f"like for like: {', '.join(_month_words(m) for m in bad)} left out of both periods "
                "(incomplete data)"
            )
        return Comparison(c_now, c_before, float(len(pairs)), float(len(pairs)), "; ".join(parts))


MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _month_words(month: str) -> str:
    return f"{MONTH_NAMES[int(month[5:]) - 1]} {month[:4]}"


def compare(
    measure: str,
    now: int,
    before: int,
    *,
    totals: TypeTotals,
    population: int,
    alpha: float,
    types: Sequence[str] | None = None,
) -> Headline:
    """Counts, rate per 1,000 residents and the exact change test of one measure (the sum of
    ``types``; default: the measure itself)."""
    rate = rate_per_1000(now, population) if population else None
    comp = totals.comparison(tuple(types) if types is not None else (measure,), now, before)
    extra: dict[str, Any] = {}
    if comp.basis:
        extra = {"basis": comp.basis, "compared_count": comp.now, "compared_count_previous": comp.before}
    if comp.exposure_before > 0 and comp.exposure_now > 0:
        rc = poisson_rate_test(
            comp.before, comp.now, exposure_before=comp.exposure_before, exposure_after=comp.exposure_now
        )
        return Headline(
            measure,
            now,
            before,
            rate,
            rc.change_pct,
            rc.rate_ratio,
            rc.p_value,
            rc.ratio_ci_low,
            rc.ratio_ci_high,
            describe_change(rc, alpha=alpha) + (f"; {comp.basis}" if comp.basis else ""),
            **extra,
        )
    return Headline(measure, now, before, rate, None, None, None, None, None, "no comparison data", **extra)


def headline_section(totals: TypeTotals, *, population: int, alpha: float) -> tuple[Headline, ...]:
    """Crime excluding ASB, ASB, and all incidents."""
    kw: dict[str, Any] = {"totals": totals, "population": population, "alpha": alpha}
    crime_now, crime_before = totals.crime_now, totals.crime_before
    asb_now, asb_before = totals.now[ASB], totals.before[ASB]
    return (
        compare(CRIME_EXCL_ASB, crime_now, crime_before, types=CRIME_ONLY, **kw),
        compare(ASB, asb_now, asb_before, **kw),
        compare(ALL_INCIDENTS, crime_now + asb_now, crime_before + asb_before, types=CRIME_TYPES, **kw),
    )


def adjusted_wording(h: Headline, p_adj: float | None, *, alpha: float) -> str:
    """The wording of a category's change judged by its adjusted p (Benjamini–Hochberg across the
    categories), the same test the "changes unlikely to be chance" list uses."""
    if p_adj is None or h.change_pct is None:
        return h.wording
    basis = f"; {h.basis}" if h.basis else ""
    verdict = "unlikely to be chance" if p_adj < alpha else "could be chance"
    p_txt = (
        "adjusted p < 0.001"
        if p_adj < 0.001
        else f"adjusted p = {p_adj:.3f}"
        if p_adj < 0.1
        else (f"adjusted p = {p_adj:.2f}")
    )
    pct = h.change_pct
    if abs(pct) < 0.5:
        return f"stayed about the same ({p_txt}){basis}"
    return f"{'rose' if pct > 0 else 'fell'} by {abs(pct):.0f}% ({p_txt}, {verdict}){basis}"


def crime_type_section(totals: TypeTotals, *, population: int, alpha: float) -> tuple[CrimeTypeRow, ...]:
    """One row per police.uk category, most frequent first; ``p_adj``: Benjamini–Hochberg across the
    categories with a test, so that "what changed" does not over-claim; the wording uses ``p_adj``."""
    crime_now = totals.crime_now
    rows = []
    for ct in CRIME_TYPES:
        h = compare(ct, totals.now[ct], totals.before[ct], totals=totals, population=population, alpha=alpha)
        share = (totals.now[ct] / crime_now) if (ct != ASB and crime_now) else None
        rows.append((h, share))
    rows.sort(key=lambda r: -int(r[0].count))
    tested = [h.p_value for h, _ in rows if h.p_value is not None]
    adjusted = iter(adjust_p(np.array(tested, dtype=np.float64), "fdr_bh").tolist()) if tested else iter(())
    out = []
    for h, share in rows:
        p_adj = float(next(adjusted)) if h.p_value is not None else None
        out.append(
            CrimeTypeRow(
                h.measure,
                h.count,
                h.count_previous,
                h.rate_per_1000,
                h.change_pct,
                h.rate_ratio,
                h.p_value,
                h.ratio_ci_low,
                h.ratio_ci_high,
                adjusted_wording(h, p_adj, alpha=alpha),
                p_adj,
                share,
                h.basis,
                h.compared_count,
                h.compared_count_previous,
            )
        )
    return tuple(out)


def incomplete_month_caveats(totals: TypeTotals) -> list[str]:
    """Plain words for each category with incomplete months."""
    out = []
    for ct, months in sorted((totals.incomplete or {}).items()):
        said = ", ".join(_month_words(m) for m in months)
        out.append(
            f"{ct}: {said} {'looks' if len(months) == 1 else 'look'} incomplete (under a tenth of the usual "
            f"monthly count). The year-on-year comparison for {ct.lower()} leaves "
            f"{'that month' if len(months) == 1 else 'those months'} and the matching months of the other "
            "period out (like for like); the monthly chart still shows the gap."
        )
    return out


def what_changed(rows: Sequence[CrimeTypeRow], *, alpha: float) -> tuple[CrimeTypeRow, ...]:
    """The rows whose adjusted p is below ``alpha``, smallest first (ties in table order)."""
    tested = [r for r in rows if r.p_value is not None and r.p_adj is not None]
    return tuple(
        r for r in sorted(tested, key=lambda r: float(r.p_adj or 0.0)) if float(r.p_adj or 0.0) < alpha
    )


# ---------------------------------------------------------------- trends


@dataclass(frozen=True)
class Trends:
    monthly: tuple[MonthCount, ...]
    rolling_12m: tuple[RollingMonth, ...]
    seasonality: SeasonalitySection


def trend_section(monthly: Mapping[tuple[str, str], int], period: Period, available: set[str]) -> Trends:
    """Monthly area totals per type (months with data), crime and ASB per month with their trailing
    12-month sums (comparison and study months), and seasonality over every month with data."""
    months, prev_set = period.months, set(period.comparison_months)
    all_months = sorted({m for m, _ in monthly} | set(months))
    monthly_rows = tuple(
        MonthCount(m, ct, monthly.get((m, ct), 0)) for m in all_months for ct in CRIME_TYPES if m in available
    )
    crime_series = [sum(monthly.get((m, ct), 0) for ct in CRIME_ONLY) for m in all_months]
    asb_series = [monthly.get((m, ASB), 0) for m in all_months]
    rolling = tuple(
        RollingMonth(m, c, a, rc, ra)
        for m, c, a, rc, ra in zip(
            all_months,
            crime_series,
            asb_series,
            rolling_sum(crime_series),
            rolling_sum(asb_series),
            strict=True,
        )
        if m >= months[0] or m in prev_set
    )
    used = [m for m in all_months if m in available]
    seas = SeasonalitySection(
        all_crime=seasonality({m: c for m, c in zip(all_months, crime_series, strict=True) if m in used}),
        asb=seasonality({m: a for m, a in zip(all_months, asb_series, strict=True) if m in used}),
        months_used=tuple(used),
    )
    return Trends(monthly_rows, rolling, seas)


def top_places_section(
    crime_by_lsoa: Mapping[str, int], geo: Geography, area: Area, *, top_n: int
) -> TopPlaces:
    """Top ``top_n`` LSOAs for crime (excl. ASB) by count and by rate per 1,000 residents (LSOAs under
    500 residents are left out of the rate ranking)."""
    pops = {c: geo.lsoas[c].population for c in area.lsoa_codes}
    tops = top_places(crime_by_lsoa, pops, n=top_n, min_population=TOP_MIN_POPULATION)

    def place(r: Mapping[str, Any]) -> TopPlace:
        lsoa = geo.lsoas.get(str(r["code"]))
        return TopPlace(
            str(r["code"]),
            int(r["count"]),
            int(r["population"]),
            r["rate_per_1000"],
            lsoa.name if lsoa else "",
            lsoa.ward_name if lsoa else "",
        )

    return TopPlaces(
        by_count=tuple(place(r) for r in tops["by_count"]),
        by_rate=tuple(place(r) for r in tops["by_rate"]),
        measure="All recorded crime (excluding ASB), study period",
    )


# ---------------------------------------------------------------- harm


def harm_section(totals: TypeTotals, weights: HarmWeights, *, population: int) -> Harm:
    """Σ count × weight this period and the one before (types without a weight are listed, not
    guessed), the change, and harm per 1,000 residents."""
    now = harm_totals(totals.now, weights)
    before = harm_totals(totals.before, weights)
    return Harm(
        weights_name=now.weights_name,
        unit=now.unit,
        total_harm=now.total_harm,
        rows=tuple(
            HarmRow(
                r["crime_type"], r["count"], r["weight"], r["harm"], r["share_of_harm"], r["share_of_count"]
            )
            for r in now.rows
        ),
        unweighted_types=tuple(now.unweighted_types),
        source=now.source,
        caveat=now.caveat,
        total_harm_previous=before.total_harm,
        change_pct=((now.total_harm / before.total_harm - 1) * 100) if before.total_harm else None,
        harm_per_1000=rate_per_1000(now.total_harm, population) if population else None,
        weights=dict(weights.weights),
    )


# ---------------------------------------------------------------- the whole assessment


def build(
    counts: Counts,
    *,
    area: Area,
    geo: Geography,
    period: Period,
    available: set[str],
    parameters: Parameters,
    weights: HarmWeights,
    data: DataAccount,
    hotspots: Hotspots | None,
    repeats: Repeats | None,
    notes: Sequence[str],
    generated_at: str,
    comparators: Comparators | None = None,
    force_monthly: Mapping[tuple[str, str], int] | None = None,
) -> Assessment:
    """The ``Assessment`` from the counts (and their roll-ups), the hot-spot and repeat sections the
    pipeline computed beside the counts query, and the request. Pure: no I/O, no clock."""
    missing = len(data.months_missing)
    missing_prev = len(data.comparison_months_missing)
    totals = TypeTotals.from_monthly(counts.monthly, period, missing, missing_prev, available, force_monthly)
    notes = [*notes]
    if totals.halves and totals.pairs:
        notes = [n for n in notes if not n.startswith("Comparison months missing")]
        notes.append(
            "No data for the months before the study period: changes compare the second half of the "
            f"period with the first ({totals.pairs[0][0]} to {totals.pairs[-1][0]} against "
            f"{totals.pairs[0][1]} to {totals.pairs[-1][1]})."
        )
    pop = area.population
    alpha = parameters.alpha
    by_type = crime_type_section(totals, population=pop, alpha=alpha)
    trends = trend_section(counts.monthly, period, available)
    return Assessment(
        area=area,
        period=period,
        parameters=parameters,
        data=data,
        headline=headline_section(totals, population=pop, alpha=alpha),
        by_crime_type=by_type,
        monthly=trends.monthly,
        rolling_12m=trends.rolling_12m,
        seasonality=trends.seasonality,
        top_lsoas=top_places_section(counts.crime_by_lsoa, geo, area, top_n=parameters.top_n),
        harm=harm_section(totals, weights, population=pop),
        counts=counts.table,
        hotspots=hotspots,
        repeats=repeats,
        what_changed=what_changed(by_type, alpha=alpha),
        geometry=geometry_section(geo, area),
        notes=tuple(notes),
        caveats=(*incomplete_month_caveats(totals), *caveats(weights, data.reference)),
        generated_at=generated_at,
        comparators=comparators,
    )
