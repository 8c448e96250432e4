"""Areas by name or code over the national reference (issue #12, item 2)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from csphub.analytics.areas import name_key
from csphub.analytics.geography import AreaAmbiguous, AreaNotFound, Geography, resolve_area
from csphub.analytics.sources.reference import load_reference


@pytest.fixture(scope="module")
def geo() -> Geography:
    return load_reference(boundaries=False)


@pytest.fixture(scope="module")
def table(reference_dir: Path) -> pd.DataFrame:
    return pd.read_parquet(reference_dir / "lsoa21_england_wales.parquet")


def _expected(table: pd.DataFrame, column: str, code: str) -> set[str]:
    return set(table.loc[table[column] == code, "lsoa21_code"])


def _resolve_name(geo: Geography, name: str, qualified: str) -> set[str]:
    """The LSOAs of ``name``; if the name is ambiguous, ``qualified`` must resolve, and be the same area
    as one of the choices offered (a CSP that is also the district is offered as the district)."""
    try:
        return set(resolve_area(geo, name).lsoa_codes)
    except AreaAmbiguous as exc:
        got = resolve_area(geo, qualified).lsoa_codes
        assert any(resolve_area(geo, c).lsoa_codes == got for c in exc.choices), (name, exc.choices)
        return set(got)


def test_every_csp_resolves_by_name_and_code(geo: Geography, table: pd.DataFrame) -> None:
    csps = table.groupby("csp_code")["csp_name"].first()
    assert len(csps) == 314
    for code, name in csps.items():
        want = _expected(table, "csp_code", str(code))
        assert set(resolve_area(geo, str(code)).lsoa_codes) == want, code
        assert _resolve_name(geo, name, f"{name} (Community Safety Partnership)") == want, name


def test_every_district_resolves_by_name_and_code_current_and_2022(
    geo: Geography, table: pd.DataFrame
) -> None:
    lads = table.groupby("lad_code")["lad_name"].first()
    assert len(lads) == 318
    for code, name in lads.items():
        want = _expected(table, "lad_code", str(code))
        area = resolve_area(geo, str(code))
        assert set(area.lsoa_codes) == want and area.kind == "district", code
        assert _resolve_name(geo, name, f"{name} (district)") == want, name
        assert area.population == int(table.loc[table["lsoa21_code"].isin(want), "population"].sum())
    # 2022 districts (Allerdale, Craven, Mendip …) by their codes; a code still in use is the current
    # district (West Northamptonshire lost one LSOA to Cherwell in 2023)
    lad22 = table.groupby("lad22_code")["lad22_name"].first()
    old = [c for c in lad22.index if c not in lads.index]
    assert len(old) == 17
    for code in old:
        area = resolve_area(geo, str(code))
        assert area.kind == "district_2022" and "now part of" in area.description
        assert set(area.lsoa_codes) == _expected(table, "lad22_code", str(code))


def test_every_police_force_area_resolves(geo: Geography, table: pd.DataFrame) -> None:
    pfas = table.groupby("pfa_code")["pfa_name"].first()
    assert len(pfas) == 43
    for code, name in pfas.items():
        want = _expected(table, "pfa_code", str(code))
        assert set(resolve_area(geo, str(code)).lsoa_codes) == want
        assert _resolve_name(geo, name, f"{name} (police force area)") == want, name


def _mangle(name: str, data: st.DataObject) -> str:
    """The same name as a user might type it: other case, punctuation and spacing."""
    words = re.split(r"[\s,\-]+", name.replace("&", "and"))
    if data.draw(st.booleans()):
        words = [w.replace("'", "") for w in words]  # "Kings Lynn" for "King's Lynn"
    seps = data.draw(st.lists(st.sampled_from([" ", "  ", "-", " - ", ", ", "_"]), min_size=len(words)))
    out = "".join(w + s for w, s in zip(words, seps, strict=False)).strip(" -,_")
    return data.draw(st.sampled_from([out.upper(), out.lower(), out.title(), " " + out + " "]))


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_names_match_whatever_the_case_and_punctuation(data: st.DataObject) -> None:
    geo = load_reference(boundaries=False)  # cached
    names = sorted({str(n) for n in geo.column("csp_name")} | {str(n) for n in geo.column("lad_name")})
    name = data.draw(st.sampled_from(names))
    typed = _mangle(name, data)
    assert name_key(typed) == name_key(name)
    try:
        want = resolve_area(geo, name)
    except AreaAmbiguous as exc:
        with pytest.raises(AreaAmbiguous) as again:
            resolve_area(geo, typed)
        assert again.value.choices == exc.choices
    else:
        assert resolve_area(geo, typed).lsoa_codes == want.lsoa_codes


def test_same_lsoas_under_two_kinds_is_one_area(geo: Geography) -> None:
    a = resolve_area(geo, "Amber Valley")
    assert (a.kind, a.code, len(a.lsoa_codes)) == ("district", "E07000032", 79)
    assert a.csp_codes == ("E22000037",) and a.pfa_codes == ("E23000018",)
    assert "Community Safety Partnership" in a.description
    assert resolve_area(geo, "amber-valley").lsoa_codes == a.lsoa_codes
    assert resolve_area(geo, "London, City of").code == resolve_area(geo, "city of london").code


def test_unknown_name_says_did_you_mean(geo: Geography) -> None:
    with pytest.raises(AreaNotFound) as exc:
        resolve_area(geo, "Amber Vally")
    assert "Did you mean" in str(exc.value) and "Amber Valley" in exc.value.suggestions
    assert not isinstance(exc.value, AreaAmbiguous)
    with pytest.raises(AreaNotFound) as exc:
        resolve_area(geo, "Ripely")
    assert "Ripley" in exc.value.suggestions  # a ward of Amber Valley


def test_ambiguous_ward_lists_the_choices_each_resolvable(geo: Geography) -> None:
    with pytest.raises(AreaAmbiguous) as exc:
        resolve_area(geo, "Abbey")
    assert "Abbey (ward in Derby)" in exc.value.choices and len(exc.value.choices) > 5
    for choice in exc.value.choices:
        area = resolve_area(geo, choice)
        assert area.kind == "ward" and area.name == "Abbey"
    derby = resolve_area(geo, "Abbey, Derby")
    assert derby.code == "E05015507" and derby.description == "ward in Derby"
    assert resolve_area(geo, "E05015507").lsoa_codes == derby.lsoa_codes


def test_names_shared_by_different_areas_are_ambiguous_with_kind_qualifiers(geo: Geography) -> None:
    with pytest.raises(AreaAmbiguous) as exc:
        resolve_area(geo, "Dorset")
    assert set(exc.value.choices) == {
        "Dorset (district)",
        "Dorset (Community Safety Partnership)",
        "Dorset (police force area)",
    }
    assert resolve_area(geo, "Dorset CSP").code == "E22000367"
    assert resolve_area(geo, "Dorset Police").kind == "pfa"
    assert resolve_area(geo, "Derbyshire Constabulary").code == "E23000018"
    # a district name beats a ward of the same name elsewhere
    assert resolve_area(geo, "Ashfield").kind == "district"


def test_multi_csp_district_and_its_csps(geo: Geography, table: pd.DataFrame) -> None:
    bucks = resolve_area(geo, "Buckinghamshire")
    wycombe = resolve_area(geo, "Wycombe")
    assert wycombe.kind == "csp" and set(wycombe.lsoa_codes) < set(bucks.lsoa_codes)
    assert len(bucks.csp_codes) > 1


def test_lsoa_codes_2011_and_2021(geo: Geography, reference_dir: Path) -> None:
    look = pd.read_parquet(reference_dir / "lsoa11_lsoa21_england_wales.parquet")
    split = look[look["change_code"] == "S"]
    old = str(split["lsoa11_code"].iloc[0])
    children = set(split.loc[split["lsoa11_code"] == old, "lsoa21_code"])
    assert set(resolve_area(geo, old).lsoa_codes) == children
    mixed = resolve_area(geo, f"{old}, E01019400")
    assert set(mixed.lsoa_codes) == children | {"E01019400"} and mixed.kind == "lsoa_list"
    with pytest.raises(AreaNotFound, match="E01999999"):
        resolve_area(geo, "E01019400 E01999999")
    with pytest.raises(AreaNotFound, match="E07999999"):
        resolve_area(geo, "E07999999")


def test_cli_assess_area_errors(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from csphub.cli import main

    args = ["assess", "--from", "2024-01", "--to", "2024-12", "--data-dir", str(tmp_path)]
    typo = CliRunner().invoke(main, [*args, "--area", "Amber Vally"])
    assert typo.exit_code != 0 and "Did you mean “Amber Valley”" in typo.output
    dorset = CliRunner().invoke(main, [*args, "--area", "Dorset"])
    assert dorset.exit_code != 0 and "Dorset (police force area)" in dorset.output
    none = CliRunner().invoke(main, [*args, "--area", "Leeds"])
    assert none.exit_code != 0 and "No police.uk data has been loaded yet" in none.output
    assert "csphub ingest police-uk PATH" in none.output  # the CLI (only) says how to load data


@pytest.mark.parametrize("name", ["Abbey", "Abbey, Derby", "Abbey (ward in Derby)", "Ripley"])
def test_a_ward_name_resolves_on_a_fresh_index(geo: Geography, name: str) -> None:
    """The first look-up in a process must find wards too: the index adds them only when a name is not
    a partnership, district or force area, and a failed look-up added them for its suggestions, which
    made the retry think they had been searched (so "Abbey" answered "no area is called Abbey")."""
    from csphub.analytics.areas import AreaIndex

    index = AreaIndex(geo)
    assert not index.wards_indexed
    try:
        area = index.resolve(name)
    except AreaAmbiguous as exc:
        assert name == "Abbey" and "Abbey (ward in Derby)" in exc.choices
        assert str(exc).startswith("“Abbey” is the name of")
    else:
        assert area.kind == "ward" and area.name == name.split(",")[0].split(" (")[0]


def test_rows_of_a_split_2011_lsoa_go_by_the_documented_rule(geo: Geography) -> None:
    """Issue 12 item 2: a split 2011 LSOA's rows go to the 2021 LSOA whose population-weighted
    centroid is nearest the row's point; a row without a point to the most populous successor."""
    import numpy as np
    import pyarrow as pa

    from csphub.analytics.geography import map_lsoa_2011_to_2021

    children = ["E01034254", "E01034255"]  # of E01019472, Amber Valley 016D (split in 2021)
    xs = [geo.lsoas[c].centroid_x_m for c in children]
    ys = [geo.lsoas[c].centroid_y_m for c in children]
    biggest = max(children, key=lambda c: geo.lsoas[c].population)
    codes = pa.array(["E01019472", "E01019472", "E01019472", "E01019400"])
    x = np.array([xs[1] + 20, xs[0] - 20, np.nan, xs[0]])
    y = np.array([ys[1], ys[0], np.nan, ys[0]])
    out, changed = map_lsoa_2011_to_2021(codes, x, y, geo)
    assert out.to_pylist() == [children[1], children[0], biggest, "E01019400"] and changed == 3
