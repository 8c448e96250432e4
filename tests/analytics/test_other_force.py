"""Another force's data assesses by district name; counts and rates equal an independent pandas
computation from the national reference (issue #12)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from csphub.analytics import pipeline
from csphub.analytics.sources.police_uk import CRIME_TYPES, STREET_HEADER

MONTHS = [f"2024-{m:02d}" for m in range(1, 7)]
ASB = "Anti-social behaviour"


@pytest.fixture(scope="module")
def notts(
    reference_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, pd.DataFrame, pd.DataFrame]:
    """Synthetic Nottinghamshire street files (rows at LSOA centroids ± 150 m) and the reference."""
    ref = pd.read_parquet(reference_dir / "lsoa21_england_wales.parquet")
    force = ref[ref["pfa_name"] == "Nottinghamshire"].reset_index(drop=True)
    rng = np.random.default_rng(12)
    root = tmp_path_factory.mktemp("notts-src")
    frames = []
    for month in MONTHS:
        n = 6000
        i = rng.integers(0, len(force), n)
        df = pd.DataFrame(
            {
                "Crime ID": [f"{k:064x}" for k in rng.integers(0, 2**62, n)],
                "Month": month,
                "Reported by": "Nottinghamshire Police",
                "Falls within": "Nottinghamshire Police",
                "Longitude": (force["lon"].to_numpy()[i] + rng.normal(0, 0.001, n)).round(6),
                "Latitude": (force["lat"].to_numpy()[i] + rng.normal(0, 0.001, n)).round(6),
                "Location": "On or near Main Street",
                "LSOA code": force["lsoa21_code"].to_numpy()[i],
                "LSOA name": force["lsoa21_name"].to_numpy()[i],
                "Crime type": rng.choice(CRIME_TYPES, n),
                "Last outcome category": "Under investigation",
                "Context": "",
            },
            columns=list(STREET_HEADER),
        )
        df.loc[df["Crime type"] == ASB, ["Crime ID", "Last outcome category"]] = ""
        folder = root / month
        folder.mkdir()
        df.to_csv(folder / f"{month}-nottinghamshire-street.csv", index=False)
        frames.append(df)
    data = tmp_path_factory.mktemp("notts-data")
    pipeline.ingest_paths([root], data_dir=data)
    return data, pd.concat(frames, ignore_index=True), ref


def test_district_of_another_force_by_name(notts: tuple[Path, pd.DataFrame, pd.DataFrame]) -> None:
    data, rows, ref = notts
    a = pipeline.run_assessment("gedling", date_from="2024-04", date_to="2024-06", data_dir=data)
    gedling = ref[ref["lad_name"] == "Gedling"]
    assert a.area.name == "Gedling" and a.area.code == "E07000173"
    assert sorted(a.area.lsoa_codes) == sorted(gedling["lsoa21_code"])
    pop = int(gedling["population"].sum())
    assert a.area.population == pop
    mine = rows[rows["LSOA code"].isin(set(gedling["lsoa21_code"]))]
    now = mine[mine["Month"] >= "2024-04"]
    before = mine[mine["Month"] < "2024-04"]
    by_type = {r.crime_type: r for r in a.by_crime_type}
    for ct in CRIME_TYPES:
        assert by_type[ct].count == int((now["Crime type"] == ct).sum())
        assert by_type[ct].count_previous == int((before["Crime type"] == ct).sum())
        assert math.isclose(by_type[ct].rate_per_1000, 1000 * (now["Crime type"] == ct).sum() / pop)
    # per-LSOA counts and the top LSOA by rate
    crime = now[now["Crime type"] != ASB].groupby("LSOA code").size()
    p = gedling.set_index("lsoa21_code")["population"]
    rates = (1000 * crime / p.reindex(crime.index)).where(p.reindex(crime.index) >= 500).dropna()
    assert math.isclose(a.top_lsoas.by_rate[0].rate_per_1000, float(rates.max()))
    assert a.data.forces == ("nottinghamshire",)


def test_csp_and_force_area_by_name(notts: tuple[Path, pd.DataFrame, pd.DataFrame]) -> None:
    data, rows, ref = notts
    force = pipeline.run_assessment(
        "Nottinghamshire Police", date_from="2024-04", date_to="2024-06", data_dir=data
    )
    assert force.area.kind == "pfa"
    total = sum(r.count for r in force.by_crime_type)
    assert total == int((rows["Month"] >= "2024-04").sum())
    # South Nottinghamshire CSP covers Broxtowe, Gedling and Rushcliffe
    csp = pipeline.run_assessment(
        "South Nottinghamshire", date_from="2024-04", date_to="2024-06", data_dir=data
    )
    codes = set(ref.loc[ref["csp_name"] == "South Nottinghamshire", "lsoa21_code"])
    assert csp.area.kind == "csp" and set(csp.area.lsoa_codes) == codes
    assert sorted(ref.loc[ref["lsoa21_code"].isin(codes), "lad_name"].unique()) == [
        "Broxtowe",
        "Gedling",
        "Rushcliffe",
    ]
    n = int(((rows["Month"] >= "2024-04") & rows["LSOA code"].isin(codes)).sum())
    assert sum(r.count for r in csp.by_crime_type) == n


def test_partition_pruning_reads_only_the_districts_force(
    notts: tuple[Path, pd.DataFrame, pd.DataFrame], sample_dir: Path, tmp_path: Path
) -> None:
    import shutil

    data = tmp_path / "two-forces"
    shutil.copytree(notts[0], data)
    pipeline.ingest_paths([sample_dir / "police_uk" / m for m in MONTHS], data_dir=data)
    store = pipeline.store_for(data)
    manifest = store.manifest()
    assert manifest["street/derbyshire/2024-01"]["districts"] == ["E07000032"]
    keys = store.prune(months=MONTHS, districts=["E07000032"])
    assert keys is not None and sorted(keys) == [f"street/derbyshire/{m}" for m in MONTHS]
    kw = {"date_from": "2024-04", "date_to": "2024-06", "data_dir": data}
    fast = pipeline.run_assessment("Amber Valley", **kw)
    slow = pipeline.run_assessment("Amber Valley", prune=False, **kw)
    assert fast.counts.equals(slow.counts) and fast.headline == slow.headline
    assert fast.data.forces == slow.data.forces == ("derbyshire",)
    gedling = pipeline.run_assessment("Gedling", **kw)
    assert gedling.counts.equals(pipeline.run_assessment("Gedling", prune=False, **kw).counts)


def test_comparators_when_the_store_holds_the_whole_force(
    notts: tuple[Path, pd.DataFrame, pd.DataFrame],
) -> None:
    data, rows, ref = notts
    a = pipeline.run_assessment("Gedling", date_from="2024-04", date_to="2024-06", data_dir=data)
    assert a.comparators is not None and a.comparators.force_area == "Nottinghamshire"
    now = rows[rows["Month"] >= "2024-04"].merge(ref, left_on="LSOA code", right_on="lsoa21_code")
    force_ref = ref[ref["pfa_name"] == "Nottinghamshire"]
    by_lad = now.groupby("lad_name")
    pops = force_ref.groupby("lad_name")["population"].sum()
    got = {r.name: r for r in a.comparators.rows}
    force = got["Nottinghamshire"]
    assert force.kind == "force area" and force.population == int(force_ref["population"].sum())
    assert force.crime + force.asb == len(now)
    assert len(got) == 1 + force_ref["lad_code"].nunique() == 9
    for lad, grp in by_lad:
        r = got[str(lad)]
        asb = int((grp["Crime type"] == ASB).sum())
        assert (r.crime, r.asb) == (len(grp) - asb, asb)
        assert math.isclose(r.crime_per_1000 or 0.0, 1000 * (len(grp) - asb) / pops[lad])
    assert [r.name for r in a.comparators.rows if r.is_study_area] == ["Gedling"]


def test_no_comparators_without_the_whole_force(sample_assessment) -> None:
    # the shipped sample holds Amber Valley's rows only, not all of Derbyshire
    assert sample_assessment.comparators is None


def test_an_area_whose_force_is_not_loaded_is_refused(notts: tuple[Path, pd.DataFrame, pd.DataFrame]) -> None:
    with pytest.raises(
        pipeline.AreaNotCovered, match="holds no rows for Amber Valley: it covers Nottinghamshire"
    ):
        pipeline.run_assessment("Amber Valley", date_from="2024-04", date_to="2024-06", data_dir=notts[0])
