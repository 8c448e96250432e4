"""Readable maps and outputs (issue #12, item 7): place names, scale bar, north arrow, table
alternative, hot spots as WGS84 GeoJSON, plain words instead of jargon, headings kept with figures."""

from __future__ import annotations

import base64
import html as html_lib
import json
import re
import urllib.parse
from pathlib import Path

import pytest

from csphub.analytics import pipeline
from csphub.analytics.assessment import Assessment
from csphub.reports import render_report


@pytest.fixture(scope="module")
def assessment(tmp_path_factory: pytest.TempPathFactory) -> Assessment:
    data = tmp_path_factory.mktemp("readable-data")
    pipeline.ingest_sample(data)
    return pipeline.run_assessment("Amber Valley", date_from="2024-01", date_to="2024-12", data_dir=data)


@pytest.fixture(scope="module")
def out(assessment: Assessment, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("readable-out")
    render_report(assessment, folder)
    return folder


def _svgs(html: str) -> list[str]:
    out = []
    for uri in re.findall(r'src="(data:image/svg\+xml[^"]+)"', html):
        head, _, body = uri.partition(",")
        out.append(base64.b64decode(body).decode() if ";base64" in head else urllib.parse.unquote(body))
    return out


def test_ward_labels_at_population_weighted_centres(assessment: Assessment) -> None:
    assert assessment.geometry is not None
    names = [n for n, _, _ in assessment.geometry.labels]
    assert {"Ripley", "Alfreton", "Heanor West & Loscoe", "Belper North", "Somercotes"} <= set(names)
    assert len(names) == len(set(names)) == 18  # one label per ward of Amber Valley (2024 wards)
    assert assessment.geometry.district  # the district outline is drawn


def test_maps_carry_place_names_scale_bar_and_north_arrow(out: Path) -> None:
    html = (out / "report.html").read_text(encoding="utf-8")
    maps = [s for s in _svgs(html) if "hot and cold spots" in s or "density" in s.lower()]
    assert len(maps) >= 2
    for svg in maps:
        assert "Ripley" in svg
        assert re.search(r">\d+(\.\d+)? (km|m)</text>", svg), "scale bar label"
        assert ">N</text>" in svg, "north arrow"
    assert "Hot spots by ward" in html  # the table alternative


def test_hotspots_geojson_is_wgs84_and_matches_the_hot_cells(assessment: Assessment, out: Path) -> None:
    doc = json.loads((out / "hotspots.geojson").read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    hs = assessment.hotspots
    assert hs is not None
    n_sig = hs.gistar.n_hot + hs.gistar.n_cold
    assert len(doc["features"]) == n_sig
    for f in doc["features"]:
        ring = f["geometry"]["coordinates"][0]
        assert ring[0] == ring[-1] and len(ring) == 5
        for lon, lat in ring:  # Amber Valley, Derbyshire
            assert -1.7 < lon < -1.2 and 52.9 < lat < 53.2
    kinds = [f["properties"]["kind"] for f in doc["features"]]
    assert kinds.count("hot spot") == hs.gistar.n_hot


def test_no_raw_jargon_and_a_glossary(out: Path) -> None:
    html = (out / "report.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", " ", re.sub(r'src="data:[^"]+"', "", html))
    for raw in ("fdr_bh", "p_adj", "sfhotspot's rule"):
        assert raw not in text, raw
    before_glossary = text.split("Glossary")[0]
    assert "Knox" not in before_glossary  # named only where the glossary explains it
    assert 'id="glossary"' in html and "Benjamini–Hochberg false discovery rate" in text
    assert "h2, h3 { break-after: avoid" in html and "figure {" in html


def test_caveats_name_the_national_reference_source_vintage_and_licence(assessment: Assessment) -> None:
    ref = assessment.data.reference
    assert ref["licence"] == "Open Government Licence v3.0" and "Census 2021" in ref["vintage"]
    said = " ".join(assessment.caveats)
    assert "Office for National Statistics" in said and "Census 2021" in said


def test_report_sets_the_area_beside_its_force_and_districts(tmp_path: Path) -> None:
    import pandas as pd

    from csphub.analytics.sources.police_uk import STREET_HEADER
    from csphub.analytics.sources.reference import DATA_DIR

    ref = pd.read_parquet(DATA_DIR / "lsoa21_england_wales.parquet")
    force = ref[ref["pfa_name"] == "Cumbria"].reset_index(drop=True)
    src = tmp_path / "src"
    for month in ("2024-01", "2024-02"):
        df = pd.DataFrame(
            {
                "Crime ID": "",
                "Month": month,
                "Reported by": "Cumbria Constabulary",
                "Falls within": "Cumbria Constabulary",
                "Longitude": force["lon"],
                "Latitude": force["lat"],
                "Location": "On or near Main Street",
                "LSOA code": force["lsoa21_code"],
                "LSOA name": force["lsoa21_name"],
                "Crime type": "Anti-social behaviour",
                "Last outcome category": "",
                "Context": "",
            },
            columns=list(STREET_HEADER),
        )
        (src / month).mkdir(parents=True)
        df.to_csv(src / month / f"{month}-cumbria-street.csv", index=False)
    data = tmp_path / "data"
    pipeline.ingest_paths([src], data_dir=data)
    a = pipeline.run_assessment("Carlisle", date_from="2024-02", date_to="2024-02", data_dir=data)
    assert a.comparators is not None
    names = [r.name for r in a.comparators.rows]
    assert names == ["Cumbria", "Cumberland", "Westmorland and Furness"]  # 2024 districts
    out = tmp_path / "out"
    render_report(a, out)
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "Beside Cumbria and its districts" in html and "Dot plot of crime" in html
    again = Assessment.from_json((out / "assessment.json").read_text(encoding="utf-8"))
    assert again.comparators == a.comparators


def _pdf_blocks(html: str) -> list[tuple[int, str, str]]:
    """(page, tag, first words) of the report's headings and content blocks, as WeasyPrint lays out
    the PDF (the A4 print of ``report.pdf``)."""
    from weasyprint import HTML

    def words(box: object) -> str:
        return (getattr(box, "text", "") or "") + "".join(
            words(c) for c in getattr(box, "children", []) or []
        )

    out: list[tuple[int, str, str]] = []

    def walk(box: object, page: int) -> None:
        tag = getattr(box, "element_tag", None)
        if tag in ("h2", "h3", "p", "ul", "table", "figure", "img"):
            out.append((page, tag, words(box)[:60]))
            return
        for child in getattr(box, "children", []) or []:
            walk(child, page)

    for number, page in enumerate(HTML(string=html).render().pages, start=1):
        walk(page._page_box, number)
    return out


def test_pdf_keeps_each_heading_with_its_figure_or_table(out: Path) -> None:
    """New-user review problem 19: a heading at the foot of a page and its chart, map or table on the
    next. A heading starts on the page of its first content, and of its first figure or table when
    at most a short introduction comes between."""
    blocks = _pdf_blocks((out / "report.html").read_text(encoding="utf-8"))
    checked = []
    for i, (page, tag, text) in enumerate(blocks):
        if tag not in ("h2", "h3") or text.startswith(("Methods", "Glossary", "Data caveats")):
            continue
        section = []
        for block in blocks[i + 1 :]:
            if block[1] in ("h2", "h3"):
                break
            section.append(block)
        if not section:
            continue
        assert section[0][0] == page, f"“{text}” is alone at the foot of page {page}"
        first_figure = next((k for k, b in enumerate(section) if b[1] in ("figure", "img", "table")), None)
        if (
            first_figure is not None
            and all(b[1] == "p" for b in section[:first_figure])
            and first_figure <= 2
        ):
            assert section[first_figure][0] == page, f"“{text}” on page {page}, its figure on the next"
            checked.append(text)
    assert {"2. Each crime type", "Harm", "3. Hot spots", "4. Repeat locations"} <= set(checked)


def test_methods_say_each_thing_once_without_raw_gi_star(out: Path) -> None:
    """Issue 12 item 7 ("Gi*" never shown raw) and review problem 18 (Methods repeated "points outside
    the study area" and the Gi* neighbourhood line): the hot-spot steps each add their notes."""
    html = (out / "report.html").read_text(encoding="utf-8")
    methods = html.split('id="methods"')[1].split('id="glossary"')[0]
    items = [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", li)).strip()
        for li in re.findall(r"<li>(.*?)</li>", methods, re.S)
    ]
    assert len(items) > 5 and len(items) == len(set(items)), [i for i in items if items.count(i) > 1]
    text = re.sub(r"<[^>]+>", " ", re.sub(r'src="data:[^"]+"', "", html))
    assert "Gi*" not in text.split("Glossary")[0]
    assert "KDE" not in text


@pytest.mark.parametrize(
    ("value", "shown"), [(-0.3, "0%"), (0.4, "0%"), (0.0, "0%"), (-0.6, "-1%"), (12.5, "+12%"), (None, "–")]
)
def test_a_change_that_rounds_to_nothing_is_shown_as_0_percent(value: float | None, shown: str) -> None:
    """Review problem 18: "Harm … (-0% on the previous period)" and "-0%" in the crime-type table."""
    from csphub.reports.render import _fmt_pct

    assert _fmt_pct(value) == shown


def test_repeat_locations_say_which_ward_and_name_blank_snap_points(
    out: Path, assessment: Assessment
) -> None:
    """Review problem 18: "On or near Supermarket" three times with no way to tell them apart; older
    police.uk files also publish "On or near " with no street name."""
    html = (out / "report.html").read_text(encoding="utf-8")
    table = html.split('id="repeats"')[1].split("</table>")[0]
    rows = [
        [html_lib.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", tr)]
        for tr in re.findall(r"<tr>(.*?)</tr>", table, re.S)
        if "<td" in tr
    ]
    assert "Ward" in table and len(rows) == 10
    wards = {r[1] for r in rows}
    assert wards and all(wards) and wards <= {n for n, _, _ in assessment.geometry.labels}  # type: ignore[union-attr]
    supermarkets = [(r[0], r[1]) for r in rows if r[0] == "On or near Supermarket"]
    assert len(supermarkets) > 1 and len(set(supermarkets)) == len(supermarkets)

    from csphub.analytics.assessment_spatial import RepeatPlace
    from csphub.reports.maps import repeat_place_rows

    blank = repeat_place_rows([RepeatPlace("On or near ", 440_000, 350_000, 3, 0.1)], None)
    assert blank == [("On or near (no street name published)", "", 3, 0.1)]


def test_the_space_time_patterns_are_mapped_with_a_table_by_ward(assessment: Assessment, out: Path) -> None:
    """New-user review 18: "79 persistent, 6 emerging …" were counts only. The patterns are now a map
    (place names, scale bar, north arrow) with a table by ward whose cells add up to those counts."""
    from csphub.reports import maps

    assert assessment.hotspots is not None and assessment.hotspots.classify is not None
    html = (out / "report.html").read_text(encoding="utf-8")
    svg = next(s for s in _svgs(html) if "space-time hot-spot patterns" in s)
    assert "Ripley" in svg and ">N</text>" in svg and "persistent hot spot" in svg
    rows = maps.patterns_table(assessment.hotspots, assessment.geometry)
    counts = assessment.hotspots.classify.label_counts
    for key, _, _ in maps.PATTERNS:
        assert sum(row[key] for _, row in rows) == counts[key], key
    assert "Hot-spot patterns by ward" in html
    first = rows[0][1]
    assert first["persistent"] + first["emerging"] == max(r["persistent"] + r["emerging"] for _, r in rows)
