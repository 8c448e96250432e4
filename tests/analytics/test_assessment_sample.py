"""Counts, rates and harm for the shipped sample against an independent pandas computation."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest
from scipy import stats

from csphub.analytics.assessment import Assessment
from csphub.analytics.pipeline import run_assessment

ASB = "Anti-social behaviour"


@pytest.fixture(scope="module")
def raw(sample_dir: Path) -> pd.DataFrame:
    """The sample CSVs read directly with pandas, 2011 codes mapped with the shipped lookup."""
    frames = [
        pd.read_csv(p, dtype=str, keep_default_na=False)
        for p in sorted((sample_dir / "police_uk").rglob("*.csv.gz"))
    ]
    df = pd.concat(frames, ignore_index=True)
    return df


@pytest.fixture(scope="module")
def lookup(reference_dir: Path) -> pd.DataFrame:
    """The national reference (every LSOA 2021 in England and Wales), read independently."""
    df = pd.read_parquet(reference_dir / "lsoa21_england_wales.parquet")
    return df.rename(columns={"lsoa21_code": "lsoa_code"})


def test_area_totals_match_pandas(sample_assessment: Assessment, raw: pd.DataFrame) -> None:
    # Every sample row is in Amber Valley (2011 or 2021 code), so area totals need no mapping.
    y24 = raw[raw["Month"].str.startswith("2024")]
    y23 = raw[raw["Month"].str.startswith("2023")]
    by_type = {r.crime_type: r for r in sample_assessment.by_crime_type}
    for ct, n in y24["Crime type"].value_counts().items():
        assert by_type[ct].count == n
    for ct, n in y23["Crime type"].value_counts().items():
        assert by_type[ct].count_previous == n
    head = {h.measure: h for h in sample_assessment.headline}
    assert head[ASB].count == (y24["Crime type"] == ASB).sum()
    assert head["All recorded crime (excluding ASB)"].count == (y24["Crime type"] != ASB).sum()


def test_lsoa_counts_and_rates_match_pandas(
    sample_assessment: Assessment, raw: pd.DataFrame, lookup: pd.DataFrame
) -> None:
    y24 = raw[raw["Month"].str.startswith("2024")]  # 2024 files carry 2021 codes only
    expect = y24.groupby(["Month", "Crime type", "LSOA code"]).size().rename("n").reset_index()
    got = pd.DataFrame(sample_assessment.counts_rows())
    got = got[got["month"].str.startswith("2024")]
    merged = expect.merge(
        got,
        left_on=["Month", "Crime type", "LSOA code"],
        right_on=["month", "crime_type", "lsoa_code"],
        how="outer",
    )
    assert merged["n"].notna().all() and merged["count"].notna().all()
    assert (merged["n"] == merged["count"]).all()
    # rate per 1,000 residents of the top LSOA by count (crime excluding ASB)
    crime = y24[y24["Crime type"] != ASB].groupby("LSOA code").size()
    pop = lookup.set_index("lsoa_code")["population"]
    top = sample_assessment.top_lsoas.by_count[0]
    assert top.count == crime.max() and top.code == crime.idxmax()
    assert top.rate_per_1000 is not None
    assert math.isclose(top.rate_per_1000, 1000 * crime.max() / pop[crime.idxmax()])
    rates = (1000 * crime / pop.reindex(crime.index)).where(pop.reindex(crime.index) >= 500).dropna()
    assert math.isclose(sample_assessment.top_lsoas.by_rate[0].rate_per_1000 or 0.0, rates.max())
    area_pop = int(pop[lookup["lad_code"].eq("E07000032").values].sum())
    assert sample_assessment.area.population == area_pop
    head = {h.measure: h for h in sample_assessment.headline}
    assert math.isclose(head[ASB].rate_per_1000 or 0.0, 1000 * (y24["Crime type"] == ASB).sum() / area_pop)


def test_harm_matches_pandas(sample_assessment: Assessment, raw: pd.DataFrame, reference_dir: Path) -> None:
    w = pd.read_csv(reference_dir / "cchi_weights_by_category.csv").set_index("crime_type")["cchi_days"]
    y24 = raw[raw["Month"].str.startswith("2024")]
    counts = y24["Crime type"].value_counts()
    expect = float((counts.reindex(w.index).fillna(0) * w).sum())
    assert math.isclose(sample_assessment.harm.total_harm, expect, rel_tol=1e-12)
    assert sample_assessment.harm.unweighted_types == (ASB,)


def test_change_test_is_the_exact_conditional_binomial(sample_assessment: Assessment) -> None:
    h = sample_assessment.headline[0]
    n = h.count + h.count_previous
    assert h.p_value is not None
    assert math.isclose(h.p_value, stats.binomtest(h.count, n, 0.5).pvalue, rel_tol=1e-9)
    assert h.wording.startswith(("rose", "fell", "stayed"))


def test_parameters_and_automatic_choices_recorded(sample_assessment: Assessment) -> None:
    p = sample_assessment.parameters
    assert p.date_from == "2024-01" and p.hotspots.p_adjust == "fdr_bh"
    assert sample_assessment.hotspots is not None
    used = sample_assessment.hotspots.parameters_used
    assert used.cell_size_m > 0 and used.bandwidth_m > 0
    assert sample_assessment.hotspots.grid.cell_size_auto is True


def test_assessment_round_trips_through_json(sample_assessment: Assessment) -> None:
    text = sample_assessment.to_json()
    again = Assessment.from_dict(json.loads(text))
    assert again.to_dict() == sample_assessment.to_dict()
    assert again.to_json() == text
    assert again.counts_rows() == sample_assessment.counts_rows()
    # the typed sections come back typed, not as dicts
    assert again.headline == sample_assessment.headline
    assert again.by_crime_type == sample_assessment.by_crime_type
    assert again.what_changed == sample_assessment.what_changed
    assert again.seasonality == sample_assessment.seasonality
    assert again.hotspots == sample_assessment.hotspots and again.repeats == sample_assessment.repeats
    assert again.period.first == "2024-01" and again.area == sample_assessment.area


def test_area_selection_by_code_and_lsoa_list(sample_store: Path) -> None:
    by_code = run_assessment("E07000032", date_from="2024-01", date_to="2024-03", data_dir=sample_store)
    assert by_code.area.name == "Amber Valley" and len(by_code.area.lsoa_codes) == 79
    two = run_assessment(
        "E01019400, E01019401",
        date_from="2024-01",
        date_to="2024-03",
        data_dir=sample_store,
    )
    assert two.area.kind == "lsoa_list" and {r["lsoa_code"] for r in two.counts_rows()} <= {
        "E01019400",
        "E01019401",
    }
