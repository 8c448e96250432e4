"""Honest comparisons (issue #12, item 6): incomplete months, one adjusted test, two halves, errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from csphub.analytics import pipeline, sections
from csphub.analytics.assessment import Assessment
from csphub.analytics.trends import month_range

ASB = sections.ASB


def _monthly(months: list[str], per_type: dict[str, int], gaps: dict[tuple[str, str], int]) -> dict:
    out = {}
    for m in months:
        for ct in sections.CRIME_TYPES:
            out[(m, ct)] = gaps.get((m, ct), per_type.get(ct, 30))
    return out


def test_planted_gap_is_flagged_only_below_a_tenth_of_the_median() -> None:
    months = month_range("2023-01", "2024-12")
    # ASB: 200 a month; 2024-11 planted at 0 (flagged) and 2024-03 at 20 (exactly a tenth: not flagged)
    monthly = _monthly(months, {ASB: 200, "Burglary": 10}, {("2024-11", ASB): 0, ("2024-03", ASB): 20})
    monthly[("2024-05", "Burglary")] = 0  # sparse category (median 10 < 20): never flagged
    got = sections.incomplete_months(monthly, months, set(months))
    assert got == {ASB: ("2024-11",)}
    monthly[("2024-03", ASB)] = 19  # just under a tenth: flagged
    assert sections.incomplete_months(monthly, months, set(months))[ASB] == ("2024-03", "2024-11")


def test_like_for_like_leaves_the_gap_and_its_partner_month_out() -> None:
    months = month_range("2024-01", "2024-12")
    period = sections.period_section(months)
    every = [*period.comparison_months, *months]
    monthly = _monthly(every, {ASB: 200}, {("2024-11", ASB): 0})
    totals = sections.TypeTotals.from_monthly(monthly, period, 0, 0, set(every))
    asb = sections.compare(
        ASB, totals.now[ASB], totals.before[ASB], totals=totals, population=1000, alpha=0.05
    )
    assert (asb.count, asb.count_previous) == (2200, 2400)  # what was recorded
    assert (asb.compared_count, asb.compared_count_previous) == (2200, 2200)  # November out of both
    assert asb.change_pct == pytest.approx(0.0) and "November 2024 left out" in asb.basis
    assert "like for like" in asb.wording
    crime = sections.compare(
        "Burglary",
        totals.now["Burglary"],
        totals.before["Burglary"],
        totals=totals,
        population=1000,
        alpha=0.05,
    )
    assert crime.basis == "" and crime.compared_count is None  # unaffected categories: whole periods
    caveat = sections.incomplete_month_caveats(totals)
    assert caveat and caveat[0].startswith("Anti-social behaviour: November 2024 looks incomplete")


def test_sample_asb_headline_is_like_for_like_and_in_the_caveats(sample_assessment: Assessment) -> None:
    head = {h.measure: h for h in sample_assessment.headline}
    asb = head[ASB]
    # review: without November in either year the fall is -24% (2,377 -> 1,807), not -28%
    assert (asb.compared_count_previous, asb.compared_count) == (2377, 1807)
    assert round(asb.change_pct) == -24
    assert any(
        c.startswith("Anti-social behaviour: November 2024 looks incomplete")
        for c in sample_assessment.caveats
    )
    assert head["All recorded crime (excluding ASB)"].basis == ""


def test_in_words_and_the_changed_list_use_the_same_adjusted_test(sample_assessment: Assessment) -> None:
    changed = {r.crime_type for r in sample_assessment.what_changed}
    for r in sample_assessment.by_crime_type:
        if r.p_adj is None:
            continue
        assert ("unlikely to be chance" in r.wording) == (r.crime_type in changed), r
        assert "adjusted p" in r.wording
    shop = next(r for r in sample_assessment.by_crime_type if r.crime_type == "Shoplifting")
    assert shop.p_value < 0.05 < shop.p_adj and "could be chance" in shop.wording  # review problem 17


def test_a_24_month_window_compares_its_halves(sample_store: Path) -> None:
    a = pipeline.run_assessment("Amber Valley", date_from="2023-01", date_to="2024-12", data_dir=sample_store)
    crime = a.headline[0]
    assert crime.wording != "no comparison data" and crime.change_pct is not None
    assert "2024-01 to 2024-12 compared with 2023-01 to 2023-12" in crime.basis
    y24 = sum(r.count for r in a.monthly if r.month >= "2024-01" and r.crime_type != ASB)
    y23 = sum(r.count for r in a.monthly if r.month < "2024-01" and r.crime_type != ASB)
    assert (crime.compared_count, crime.compared_count_previous) == (y24, y23)
    assert any("second half of the period with the first" in n for n in a.notes)
    assert not any(n.startswith("Comparison months missing") for n in a.notes)


def test_no_data_error_names_the_months_loaded_not_paths_or_commands(sample_store: Path) -> None:
    with pytest.raises(pipeline.NoDataError) as exc:
        pipeline.run_assessment("Amber Valley", date_from="2025-01", date_to="2025-06", data_dir=sample_store)
    msg = str(exc.value)
    assert msg == (
        "There is no police.uk street data for 2025-01 to 2025-06. Months loaded: 2023-01 to 2024-12."
    )
    assert str(sample_store) not in msg and "csphub" not in msg


def _report_text(a: Assessment) -> str:
    from csphub.reports.render import render_html

    html = re.sub(r'src="data:[^"]+"', "", render_html(a))
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&nbsp;", " ")


def test_the_report_gives_the_counts_its_changes_compare(sample_store: Path) -> None:
    """The report said "18,846 in the study period, against 0 before — fell by 4%" for a 24-month
    window (its halves compared), and set the full previous year's 2,511 anti-social behaviour incidents
    beside a like-for-like fall of 24% (2,377 to 1,807): the counts shown are the counts compared."""
    halves = pipeline.run_assessment(
        "Amber Valley", date_from="2023-01", date_to="2024-12", data_dir=sample_store
    )
    text = _report_text(halves)
    assert "against 0 before" not in text
    crime = halves.headline[0]
    assert f"{crime.compared_count_previous:,} before and {crime.compared_count:,} after" in text
    year = pipeline.run_assessment(
        "Amber Valley", date_from="2024-01", date_to="2024-12", data_dir=sample_store
    )
    asb = next(h for h in year.headline if h.measure == ASB)
    assert (asb.compared_count_previous, asb.compared_count) == (2377, 1807)
    text = _report_text(year)
    assert "2,377 before and 1,807 after" in text and "against 2,511 before" not in text
    changes = text.split("What changed")[1]
    assert re.search(r"Anti-social behaviour 2,377 1,807 fell by 24%", changes)
    assert re.search(r"Vehicle crime 499 360 fell by 28%", changes)  # compared whole: counts as they are


def test_a_gap_in_the_force_s_data_is_flagged_for_a_ward_too() -> None:
    """Issue #12 item 6, for small areas: a ward with a few incidents a month never reaches the median
    of 20 that makes a month look incomplete in its own counts, so the force's counts decide."""
    months = month_range("2023-01", "2024-12")
    ward = _monthly(months, {ASB: 6}, {("2024-11", ASB): 0})
    assert sections.incomplete_months(ward, months, set(months)) == {}  # the ward alone: not found
    force = _monthly(months, {ASB: 900}, {("2024-11", ASB): 0})
    assert sections.incomplete_months(ward, months, set(months), force) == {ASB: ("2024-11",)}
    force[("2024-11", ASB)] = 90  # exactly a tenth of the force's median: not flagged
    assert sections.incomplete_months(ward, months, set(months), force) == {}
    force[("2024-11", ASB)] = 89  # just under: flagged
    assert sections.incomplete_months(ward, months, set(months), force) == {ASB: ("2024-11",)}


def test_the_sample_s_november_gap_is_a_caveat_for_a_ward(sample_store: Path) -> None:
    ripley = pipeline.run_assessment("Ripley", date_from="2024-01", date_to="2024-12", data_dir=sample_store)
    assert ripley.area.population < 20_000  # a ward, not the district
    asb = {h.measure: h for h in ripley.headline}[ASB]
    assert "November 2024 left out" in asb.basis
    assert any(c.startswith("Anti-social behaviour: November 2024 looks incomplete") for c in ripley.caveats)
    recorded = sum(r.count for r in ripley.monthly if r.crime_type == ASB and r.month.startswith("2024"))
    assert asb.compared_count == recorded  # nothing recorded in November: the same count, compared fairly
