"""The zip as downloaded from data.police.uk, and finer boundary imports (issue #12, items 3 and 5)."""

from __future__ import annotations

import gzip
import json
import sqlite3
import struct
import zipfile
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from csphub.analytics import pipeline
from csphub.analytics.sources.boundaries import BoundaryFileError, import_boundaries
from csphub.analytics.sources.crs import to_bng_transformer
from csphub.analytics.sources.reference import IMPORTED_BOUNDARIES, load_reference
from csphub.analytics.store import IngestError
from csphub.cli import main

from .test_police_uk_ingest import snapshot

MONTHS = ("2024-01", "2024-02", "2024-03")


def police_zip(
    sample_dir: Path, path: Path, months: tuple[str, ...] = MONTHS, extra: dict[str, bytes] | None = None
) -> Path:
    """A zip laid out as data.police.uk's download: YYYY-MM/YYYY-MM-<force>-street.csv (not gzipped)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for m in months:
            src = sample_dir / "police_uk" / m / f"{m}-derbyshire-street.csv.gz"
            zf.writestr(f"{m}/{m}-derbyshire-street.csv", gzip.decompress(src.read_bytes()))
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return path


def test_zip_ingests_like_the_folder_and_again_changes_nothing(sample_dir: Path, tmp_path: Path) -> None:
    z = police_zip(sample_dir, tmp_path / "download.zip", extra={"__MACOSX/._x": b"", "2024-01/": b""})
    res = pipeline.ingest_paths([z], data_dir=tmp_path / "a")
    assert res.count("ingested") == 3 and res.rows_quarantined == 0
    assert res.files[0].path == "download.zip/2024-01/2024-01-derbyshire-street.csv"  # no server path
    folder = pipeline.ingest_paths([sample_dir / "police_uk" / m for m in MONTHS], data_dir=tmp_path / "b")
    assert (
        res.rows_stored
        == folder.rows_stored
        == sum(
            len(
                gzip.decompress(
                    (sample_dir / "police_uk" / m / f"{m}-derbyshire-street.csv.gz").read_bytes()
                ).splitlines()
            )
            - 1
            for m in MONTHS
        )
    )
    before = snapshot(tmp_path / "a" / "analytics")
    again = pipeline.ingest_paths([z], data_dir=tmp_path / "a")
    assert again.count("unchanged") == 3 and snapshot(tmp_path / "a" / "analytics") == before


def _not_a_zip(_d: Path, p: Path) -> Path:
    p.write_bytes(b"PK\x03\x04 not really a zip")
    return p


def _truncated_zip(d: Path, p: Path) -> Path:
    p.write_bytes(police_zip(d, p.with_suffix(".full.zip")).read_bytes()[:-200])
    return p


def _wrong_file_inside(d: Path, p: Path) -> Path:
    return police_zip(d, p, extra={"readme.txt": b"hello"})


def _empty_zip(d: Path, p: Path) -> Path:
    return police_zip(d, p, months=())


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_not_a_zip, "not a readable zip file"),
        (_truncated_zip, "not a readable zip file"),
        (_wrong_file_inside, "not police.uk CSVs (readme.txt)"),
        (_empty_zip, "holds no police.uk CSV"),
    ],
    ids=["not-a-zip", "truncated-zip", "wrong-file-inside", "empty"],
)
def test_bad_zip_is_refused_and_nothing_changes(sample_dir: Path, tmp_path: Path, make, message) -> None:
    data = tmp_path / "data"
    pipeline.ingest_paths([sample_dir / "police_uk" / "2023-12"], data_dir=data)
    before = snapshot(data / "analytics")
    bad = make(sample_dir, tmp_path / "bad.zip")
    with pytest.raises(IngestError, match=message.replace("(", r"\(").replace(")", r"\)")) as exc:
        pipeline.ingest_paths([bad], data_dir=data)
    assert str(tmp_path) not in str(exc.value)  # names the zip, not the server path
    assert snapshot(data / "analytics") == before


def test_truncated_csv_inside_the_zip_is_refused(sample_dir: Path, tmp_path: Path) -> None:
    csv = gzip.decompress(
        (sample_dir / "police_uk" / "2024-04" / "2024-04-derbyshire-street.csv.gz").read_bytes()
    )
    z = police_zip(sample_dir, tmp_path / "d.zip", extra={"2024-04/2024-04-derbyshire-street.csv": csv[:-37]})
    data = tmp_path / "data"
    with pytest.raises(
        IngestError, match=r"d\.zip/2024-04/2024-04-derbyshire-street\.csv, line \d+: .*truncated"
    ):
        pipeline.ingest_paths([z], data_dir=data)
    assert snapshot(data / "analytics") == {}


def test_cli_ingest_accepts_the_zip(sample_dir: Path, tmp_path: Path) -> None:
    z = police_zip(sample_dir, tmp_path / "download.zip")
    out = CliRunner().invoke(main, ["ingest", "police-uk", str(z), "--data-dir", str(tmp_path / "d")])
    assert out.exit_code == 0, out.output
    assert "3 new" in out.output


# ---------- boundaries ----------
def _sample_geojson(sample_dir: Path) -> dict:
    return json.loads((sample_dir / "geography" / "lsoa2021.geojson").read_text(encoding="utf-8"))


def test_import_geojson_wgs84_replaces_the_shipped_boundaries_for_those_lsoas(
    sample_dir: Path, tmp_path: Path
) -> None:
    doc = _sample_geojson(sample_dir)  # ONS generalised clipped (BGC) boundaries of Amber Valley
    for f in doc["features"]:
        f["properties"] = {"LSOA21CD": f["properties"]["lsoa_code"], "LSOA21NM": f["properties"]["lsoa_name"]}
    src = tmp_path / "LSOA_2021_BGC.geojson"
    src.write_text(json.dumps(doc), encoding="utf-8")
    shipped = load_reference()
    res = import_boundaries(src, data_dir=tmp_path, geography=load_reference(boundaries=False))
    assert res.lsoas == 79 and res.districts == ["Amber Valley"] and res.crs == "EPSG:4326"
    geo = load_reference(data_dir=tmp_path)
    code = doc["features"][0]["properties"]["LSOA21CD"]
    ring = np.asarray(
        doc["features"][0]["geometry"]["coordinates"][0][0]
        if doc["features"][0]["geometry"]["type"] == "MultiPolygon"
        else doc["features"][0]["geometry"]["coordinates"][0]
    )
    x, y = to_bng_transformer().transform(ring[:, 0], ring[:, 1])
    got = geo.lsoa_rings[code][0]
    assert np.abs(got - np.round(np.column_stack([x, y]))).max() <= 0.5
    assert sum(len(r) for r in geo.lsoa_rings[code]) >= sum(len(r) for r in shipped.lsoa_rings[code])
    other = "E01000001"  # elsewhere: still the shipped boundary
    assert np.array_equal(geo.lsoa_rings[other][0], shipped.lsoa_rings[other][0])
    assert geo.sources["boundaries_imported"] == "imported from LSOA_2021_BGC.geojson"


def _gpkg(path: Path, features: list[tuple[str, list[np.ndarray]]], srs: int = 27700) -> Path:
    """A minimal GeoPackage (as QGIS/ONS write them) with one MultiPolygon layer."""
    con = sqlite3.connect(path)
    con.executescript("""
        CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT, srs_id INTEGER PRIMARY KEY, organization TEXT,
            organization_coordsys_id INTEGER, definition TEXT, description TEXT);
        CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT, identifier TEXT);
        CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT, geometry_type_name TEXT,
            srs_id INTEGER, z TINYINT, m TINYINT);
        CREATE TABLE lsoa (fid INTEGER PRIMARY KEY, LSOA21CD TEXT, LSOA21NM TEXT, geom BLOB);
    """)
    con.execute("INSERT INTO gpkg_spatial_ref_sys VALUES ('BNG', ?, 'EPSG', ?, '', '')", (srs, srs))
    con.execute("INSERT INTO gpkg_contents VALUES ('lsoa', 'features', 'lsoa')")
    con.execute("INSERT INTO gpkg_geometry_columns VALUES ('lsoa', 'geom', 'MULTIPOLYGON', ?, 0, 0)", (srs,))
    for code, rings in features:
        wkb = struct.pack("<BII", 1, 6, 1) + struct.pack("<BII", 1, 3, len(rings))
        for r in rings:
            wkb += struct.pack("<I", len(r)) + np.asarray(r, dtype="<f8").tobytes()
        xy = np.concatenate(rings)
        # magic, version 0, flags: little-endian header with an xy envelope (minx, maxx, miny, maxy)
        header = (
            b"GP"
            + bytes([0, 0b00000011])
            + struct.pack("<i", srs)
            + struct.pack("<4d", xy[:, 0].min(), xy[:, 0].max(), xy[:, 1].min(), xy[:, 1].max())
        )
        con.execute("INSERT INTO lsoa (LSOA21CD, LSOA21NM, geom) VALUES (?, '', ?)", (code, header + wkb))
    con.commit()
    con.close()
    return path


def test_import_geopackage_bng(tmp_path: Path) -> None:
    shipped = load_reference()
    codes = ["E01019400", "E01019401"]
    # the shipped rings, densified (midpoints added): a "finer" file in BNG metres
    feats = []
    for c in codes:
        r = shipped.lsoa_rings[c][0]
        mid = (r[:-1] + r[1:]) / 2
        dense = np.empty((2 * len(r) - 1, 2))
        dense[0::2], dense[1::2] = r, mid
        feats.append((c, [dense]))
    src = _gpkg(tmp_path / "lsoa_bfc.gpkg", feats)
    res = import_boundaries(src, data_dir=tmp_path, geography=load_reference(boundaries=False))
    assert (res.lsoas, res.crs) == (2, "EPSG:27700")
    geo = load_reference(data_dir=tmp_path)
    assert len(geo.lsoa_rings["E01019400"][0]) == len(feats[0][1][0])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"this is not json", "not a GeoJSON or GeoPackage file"),
        (
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [
                        {"type": "Feature", "properties": {"LSOA11CD": "E01019400"}, "geometry": None}
                    ],
                }
            ).encode(),
            "no LSOA 2021 code field",
        ),
        (
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [
                        {
                            "type": "Feature",
                            "properties": {"LSOA21CD": "E01019472"},
                            "geometry": {
                                "type": "Polygon",
                                "coordinates": [[[-1.4, 53], [-1.41, 53], [-1.41, 53.01], [-1.4, 53]]],
                            },
                        }
                    ],
                }
            ).encode(),
            "not LSOA 2021 codes",
        ),
        (
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [
                        {
                            "type": "Feature",
                            "properties": {"LSOA21CD": "E01019400"},
                            "geometry": {"type": "Point", "coordinates": [-1.4, 53]},
                        }
                    ],
                }
            ).encode(),
            "not a polygon",
        ),
        (
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [
                        {
                            "type": "Feature",
                            "properties": {"LSOA21CD": "E01019400"},
                            "geometry": {
                                "type": "Polygon",
                                "coordinates": [[[-1.4, 53], [-1.41, 53], [-1.41, 53.01]]],
                            },
                        }
                    ],
                }
            ).encode(),
            "not closed",
        ),
        (
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [
                        {
                            "type": "Feature",
                            "properties": {"LSOA21CD": "E01019400"},
                            "geometry": {
                                "type": "Polygon",
                                "coordinates": [[[20, 10], [20.1, 10], [20.1, 10.1], [20, 10]]],
                            },
                        }
                    ],
                }
            ).encode(),
            "outside Great Britain",
        ),
        (json.dumps({"type": "FeatureCollection", "features": []}).encode(), "holds no boundaries"),
    ],
    ids=["not-json", "2011-field", "2011-code", "point", "open-ring", "outside", "empty"],
)
def test_bad_boundary_file_is_refused_and_nothing_changes(
    tmp_path: Path, content: bytes, message: str
) -> None:
    shipped = load_reference()
    good = _gpkg(tmp_path / "good.gpkg", [("E01019400", [shipped.lsoa_rings["E01019400"][0]])])
    import_boundaries(good, data_dir=tmp_path, geography=load_reference(boundaries=False))
    before = (tmp_path / IMPORTED_BOUNDARIES).read_bytes()
    bad = tmp_path / "bad.geojson"
    bad.write_bytes(content)
    with pytest.raises(BoundaryFileError, match=message):
        import_boundaries(bad, data_dir=tmp_path, geography=load_reference(boundaries=False))
    assert (tmp_path / IMPORTED_BOUNDARIES).read_bytes() == before
    assert sorted(p.name for p in (tmp_path / "geography").iterdir()) == [IMPORTED_BOUNDARIES.name]


def test_cli_geography_import_reports_and_refuses(sample_dir: Path, tmp_path: Path) -> None:
    doc = _sample_geojson(sample_dir)
    src = tmp_path / "av.geojson"
    src.write_text(json.dumps(doc), encoding="utf-8")
    ok = CliRunner().invoke(main, ["geography", "import", str(src), "--data-dir", str(tmp_path)])
    assert ok.exit_code == 0, ok.output
    assert "Imported 79 LSOA boundaries" in ok.output and "Amber Valley" in ok.output
    bad = tmp_path / "x.geojson"
    bad.write_text("{", encoding="utf-8")
    out = CliRunner().invoke(main, ["geography", "import", str(bad), "--data-dir", str(tmp_path)])
    assert out.exit_code != 0 and "nothing was changed" in out.output


def test_assessment_maps_use_imported_boundaries(
    sample_store: Path, sample_dir: Path, tmp_path: Path
) -> None:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(sample_store, data)
    doc = _sample_geojson(sample_dir)
    src = tmp_path / "av.geojson"
    src.write_text(json.dumps(doc), encoding="utf-8")
    import_boundaries(src, data_dir=data, geography=load_reference(boundaries=False))
    a = pipeline.run_assessment("Amber Valley", date_from="2024-01", date_to="2024-03", data_dir=data)
    geo = load_reference(data_dir=data)
    code = "E01019400"
    assert a.geometry is not None
    assert a.geometry.lsoas[code] == tuple(
        np.round(r).astype(np.int64).tolist() for r in geo.lsoa_rings[code]
    )
    assert a.data.reference["boundaries_imported"] == "imported from av.geojson"
