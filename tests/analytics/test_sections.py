"""The assessment's section builders on hand-made numbers: no store, no DuckDB."""

from __future__ import annotations

import math

import numpy as np
import pytest

from csphub.analytics import sections
from csphub.analytics.geography import Area, Geography, Lsoa
from csphub.analytics.harm import HarmWeights
from csphub.analytics.hotspots.adjust import adjust_p
from csphub.analytics.pipeline import PeriodError, area_slug, check_period
from csphub.analytics.sources.police_uk import CRIME_TYPES
from csphub.analytics.trends import poisson_rate_test

ASB = sections.ASB
BURGLARY, DRUGS, SHOP = "Burglary", "Drugs", "Shoplifting"


def _totals(now: dict[str, int], before: dict[str, int], exp_now: float = 12.0, exp_before: float = 12.0):
    return sections.TypeTotals(
        {**dict.fromkeys(CRIME_TYPES, 0), **now},
        {**dict.fromkeys(CRIME_TYPES, 0), **before},
        exp_now,
        exp_before,
    )


def _lsoa(code: str, pop: int, ward: str = "Ward A") -> Lsoa:
    return Lsoa(code, f"Name {code}", "E07000001", "Shire", "E05000001", ward, pop, 0.0, 0.0)


def test_period_is_the_study_months_and_as_many_just_before() -> None:
    p = sections.period_section(["2024-11", "2024-12", "2025-01"])
    assert (p.first, p.last) == ("2024-11", "2025-01")
    assert p.comparison_months == ("2024-08", "2024-09", "2024-10")
    assert (p.comparison_from, p.comparison_to) == ("2024-08", "2024-10")


def test_coverage_notes_name_the_missing_months() -> None:
    assert sections.coverage_notes([], []) == []
    notes = sections.coverage_notes(["2024-03"], ["2023-03"])
    assert notes[0].startswith("No data for 1 study month(s): 2024-03")
    assert "Comparison months missing (2023-03)" in notes[1]


def test_type_totals_split_the_monthly_counts_by_period() -> None:
    period = sections.period_section(["2024-01", "2024-02"])
    monthly = {
        ("2024-01", BURGLARY): 3,
        ("2024-02", BURGLARY): 4,
        ("2023-12", BURGLARY): 5,  # comparison
        ("2023-10", BURGLARY): 99,  # rolling history only: in neither period
        ("2024-02", ASB): 2,
    }
    t = sections.TypeTotals.from_monthly(monthly, period, missing=0, missing_before=1)
    assert t.now[BURGLARY] == 7 and t.before[BURGLARY] == 5 and t.now[ASB] == 2
    assert (t.exposure_now, t.exposure_before) == (2.0, 1.0)
    assert t.crime_now == 7 and t.crime_before == 5


def test_headline_counts_rates_and_the_exact_change_test() -> None:
    t = _totals({BURGLARY: 30, ASB: 10}, {BURGLARY: 20, ASB: 10})
    crime, asb, every = sections.headline_section(t, population=2_000, alpha=0.05)
    assert (crime.measure, crime.count, crime.count_previous) == (sections.CRIME_EXCL_ASB, 30, 20)
    assert crime.rate_per_1000 == 15.0
    rc = poisson_rate_test(20, 30, exposure_before=12.0, exposure_after=12.0)
    assert crime.p_value == rc.p_value and crime.rate_ratio == rc.rate_ratio
    assert crime.change_pct is not None and math.isclose(crime.change_pct, 50.0)
    assert asb.count == 10 and every.count == 40 and every.count_previous == 30


def test_headline_without_comparison_months_says_so() -> None:
    t = _totals({BURGLARY: 3}, {}, exp_before=0.0)
    crime = sections.headline_section(t, population=0, alpha=0.05)[0]
    assert crime.wording == "no comparison data" and crime.p_value is None and crime.rate_per_1000 is None


def test_crime_types_are_sorted_and_adjusted_with_benjamini_hochberg() -> None:
    t = _totals({BURGLARY: 60, DRUGS: 40, SHOP: 25, ASB: 100}, {BURGLARY: 30, DRUGS: 38, SHOP: 10, ASB: 90})
    rows = sections.crime_type_section(t, population=1_000, alpha=0.05)
    assert len(rows) == 14 and [r.count for r in rows] == sorted((r.count for r in rows), reverse=True)
    assert rows[0].crime_type == ASB and rows[0].share_of_crime is None
    by = {r.crime_type: r for r in rows}
    assert by[BURGLARY].share_of_crime == 60 / 125
    tested = [r for r in rows if r.p_value is not None]
    assert {r.crime_type for r in tested} == {BURGLARY, DRUGS, SHOP, ASB}  # 0 and 0: no test
    assert all(r.p_adj is None for r in rows if r.p_value is None)
    expected = adjust_p([r.p_value for r in tested], "fdr_bh")
    assert [r.p_adj for r in tested] == expected.tolist()
    # BH by hand: p_(i) * m / i, then the running minimum from the largest p down, capped at 1
    p = np.array([r.p_value for r in tested])
    order = np.argsort(p)
    ranked = np.minimum.accumulate((p[order] * len(p) / np.arange(1, len(p) + 1))[::-1])[::-1]
    by_hand = np.empty_like(p)
    by_hand[order] = np.minimum(ranked, 1.0)
    assert np.allclose([r.p_adj for r in tested], by_hand, rtol=0, atol=1e-15)


def test_what_changed_keeps_adjusted_p_below_alpha_smallest_first() -> None:
    t = _totals({BURGLARY: 90, DRUGS: 41, SHOP: 60}, {BURGLARY: 30, DRUGS: 40, SHOP: 30})
    rows = sections.crime_type_section(t, population=1_000, alpha=0.05)
    changed = sections.what_changed(rows, alpha=0.05)
    assert [r.crime_type for r in changed] == [BURGLARY, SHOP]
    assert all((r.p_adj or 1.0) < 0.05 for r in changed)
    assert sections.what_changed(rows, alpha=1e-30) == ()


def test_trends_roll_twelve_months_and_keep_months_with_data() -> None:
    months = [f"2024-{m:02d}" for m in range(1, 13)]
    period = sections.period_section(months)
    history = [f"2023-{m:02d}" for m in range(1, 13)]
    monthly = {(m, BURGLARY): 1 for m in history + months} | {(m, ASB): 2 for m in months}
    available = set(history + months) - {"2024-06"}
    tr = sections.trend_section(monthly, period, available)
    assert {r.month for r in tr.monthly} == available and len(tr.monthly) == 14 * len(available)
    assert tr.rolling_12m[0].month == "2023-01" and tr.rolling_12m[0].all_crime_12m is None
    assert tr.rolling_12m[11].all_crime_12m == 12.0
    last = tr.rolling_12m[-1]
    assert (last.month, last.all_crime, last.asb, last.asb_12m) == ("2024-12", 1, 2, 24.0)
    assert "2024-06" not in tr.seasonality.months_used and len(tr.seasonality.months_used) == 23


def test_top_places_by_count_and_by_rate_leave_out_small_populations() -> None:
    geo = Geography(
        {c: _lsoa(c, p) for c, p in (("E01000001", 1000), ("E01000002", 400), ("E01000003", 2000))}, []
    )
    area = Area("Shire", "district", tuple(sorted(geo.lsoas)), ("E07000001",), 3400)
    tops = sections.top_places_section({"E01000001": 10, "E01000002": 30, "E01000003": 5}, geo, area, top_n=2)
    assert [p.code for p in tops.by_count] == ["E01000002", "E01000001"]
    assert [p.code for p in tops.by_rate] == ["E01000001", "E01000003"]  # 400 residents: no rate rank
    assert tops.by_count[0].name == "Name E01000002" and tops.by_count[0].ward_name == "Ward A"
    assert tops.by_rate[0].rate_per_1000 == 10.0


def test_harm_totals_change_and_rate() -> None:
    weights = HarmWeights("test weights", "days", {BURGLARY: 10.0, DRUGS: 1.0}, "a source", "a caveat")
    h = sections.harm_section(
        _totals({BURGLARY: 3, DRUGS: 5, ASB: 7}, {BURGLARY: 1}), weights, population=500
    )
    assert h.total_harm == 35.0 and h.total_harm_previous == 10.0
    assert h.change_pct is not None and math.isclose(h.change_pct, 250.0)
    assert h.harm_per_1000 == 70.0 and ASB in h.unweighted_types
    assert h.rows[0].crime_type == BURGLARY and h.rows[0].share_of_harm == 30 / 35
    none_before = sections.harm_section(_totals({BURGLARY: 1}, {}), weights, population=0)
    assert none_before.change_pct is None and none_before.harm_per_1000 is None


def test_data_account_counts_the_partitions_of_both_periods_and_the_forces_found() -> None:
    period = sections.period_section(["2024-01"])
    manifest = {
        "street/a/2024-01": {"rows_input": 10, "rows_quarantined": 1, "lsoa_2011_mapped": 2},
        "street/a/2023-12": {"rows_input": 5, "rows_quarantined": 0},
        "street/b/2024-01": {"rows_input": 100, "rows_quarantined": 0},  # force not in the area
        "street/a/2023-11": {"rows_input": 7, "rows_quarantined": 0},  # neither period
        "outcomes/a/2024-01": {"rows_input": 9, "rows_quarantined": 0},
    }
    d = sections.data_account_section(
        manifest=manifest,
        period=period,
        forces=["a"],
        available={"2023-12", "2024-01"},
        missing=[],
        missing_prev=[],
        store_dir="s",
        reference_dir="r",
        population=10,
        hotspot_points=3,
        timings_s={},
    )
    assert (d.partitions_used, d.rows_input_in_partitions, d.rows_quarantined_in_partitions) == (2, 15, 1)
    assert d.lsoa_2011_codes_mapped_in_partitions == 2 and d.months_available == ("2023-12", "2024-01")


def test_caveats_end_with_the_weights_caveat() -> None:
    weights = HarmWeights("w", "u", {}, "s", "the weights' own caveat")
    c = sections.caveats(weights)
    assert c[-1] == "the weights' own caveat" and any("snap points" in x for x in c)


def test_geometry_draws_the_outline_of_districts_csps_and_force_areas_only() -> None:
    ring = [np.array([[0.4, 0.4], [10.6, 0.0], [0.0, 10.0]])]
    geo = Geography(
        {"E01000001": _lsoa("E01000001", 10)},
        [],
        {"E01000001": ring},
        {"E07000001": ring, "E22000001": ring},
    )
    district = sections.geometry_section(
        geo, Area("Shire", "district", ("E01000001",), ("E07000001",), 10, code="E07000001")
    )
    assert district is not None and district.district == ([[0, 0], [11, 0], [0, 10]],)
    csp = sections.geometry_section(
        geo, Area("Shire CSP", "csp", ("E01000001",), ("E07000001",), 10, code="E22000001")
    )
    assert csp is not None and csp.district == ([[0, 0], [11, 0], [0, 10]],)
    lsoas = sections.geometry_section(geo, Area("1 LSOAs", "lsoa_list", ("E01000001",), ("E07000001",), 10))
    assert lsoas is not None and lsoas.district == () and list(lsoas.lsoas) == ["E01000001"]
    assert sections.geometry_section(Geography({}, []), Area("x", "all", (), (), 0)) is None


def test_hotspots_need_thirty_points() -> None:
    geo = Geography({}, [])
    area = Area("x", "all", (), (), 0)
    params = sections.HotspotParameters(sections.CRIME_ONLY, None, None, None, "fdr_bh", 0.05, 3)
    x = np.zeros(29)
    hs, notes = sections.hotspot_section(geo, area, x, x, np.zeros(29, dtype=np.int64), 12, params)
    assert hs is None and notes == ["Only 29 located crimes: too few for hot-spot analysis (30 needed)."]


def test_repeat_places_and_first_labels() -> None:
    x = np.array([100.2, 100.4, 99.8, 500.0, 500.0, 500.0, 900.0])
    y = np.array([200.0, 200.0, 200.1, 300.0, 300.0, 300.0, 100.0])
    asked: list[list[int]] = []

    def labels(keys: list[int]) -> dict[int, str | None]:
        asked.append(keys)
        return {k: f"near {k // 10_000_000}" for k in keys}

    r = sections.repeats_section(x, y, labels)
    assert r is not None and (r.n_events, r.n_places, r.n_events_at_repeat_places) == (7, 3, 6)
    assert [(p.x_m, p.y_m, p.count) for p in r.top_places] == [(100, 200, 3), (500, 300, 3)]
    assert r.top_places[0].location == "near 100" and len(asked) == 1
    assert sections.repeats_section(x[:0], y[:0], labels) is None
    rows = [(100.4, 200.0, "first"), (99.6, 200.2, "second"), (10.0, 10.0, "other")]
    assert sections.first_labels(rows, [100 * 10_000_000 + 200]) == {100 * 10_000_000 + 200: "first"}
    assert sections.label_candidates([100 * 10_000_000 + 200]) == ([99, 100], [199, 200])


@pytest.mark.parametrize(
    ("date_from", "date_to", "field"),
    [
        ("2024-00", "2024-12", "date_from"),
        ("2024-13", "2024-12", "date_from"),
        ("2024-1", "2024-12", "date_from"),
        ("2024-01", "2024-13", "date_to"),
        ("2024-02", "2024-01", "date_from"),  # the first month after the last
    ],
)
def test_one_period_check_refuses(date_from: str, date_to: str, field: str) -> None:
    with pytest.raises(PeriodError) as caught:
        check_period(date_from, date_to)
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("date_from", "date_to"), [("2024-01", "2024-12"), ("2024-12", "2024-12"), ("2023-12", "2024-01")]
)
def test_one_period_check_accepts(date_from: str, date_to: str) -> None:
    check_period(date_from, date_to)


def test_area_slug() -> None:
    assert area_slug("Amber Valley") == "amber-valley"
    assert area_slug("E01019400, E01019401") == "e01019400-e01019401"
    assert area_slug("—") == "area"
