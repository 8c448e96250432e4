"""LSOA derivation by point-in-polygon and grid conversion (pure; no database)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from csphub.cases import geo

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "geography" / "lsoa2021.geojson"

SQUARE_WITH_HOLE = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"lsoa_code": "E01000001", "lsoa_name": "Square"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
                    [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]],
                ],
            },
        },
        {
            "type": "Feature",
            "properties": {"lsoa_code": "E01000002", "lsoa_name": "Two islands"},
            "geometry": {
                "type": "MultiPolygon",
                "coordinates": [
                    [[[20, 0], [22, 0], [22, 2], [20, 2], [20, 0]]],
                    [[[30, 0], [32, 0], [32, 2], [30, 2], [30, 0]]],
                ],
            },
        },
        {
            "type": "Feature",
            "properties": {"lsoa_code": "X"},
            "geometry": {"type": "Point", "coordinates": [1, 1]},
        },
    ],
}


def test_tiny_polygons() -> None:
    areas = geo.areas_from_geojson(SQUARE_WITH_HOLE)
    assert [a.code for a in areas] == ["E01000001", "E01000002"]  # points are skipped
    assert geo.area_containing(1, 1, areas).code == "E01000001"  # type: ignore[union-attr]
    assert geo.area_containing(5, 5, areas) is None  # in the hole
    assert geo.area_containing(31, 1, areas).code == "E01000002"  # type: ignore[union-attr]
    assert geo.area_containing(25, 1, areas) is None
    assert geo.area_containing(-1, 5, areas) is None


def test_missing_file_gives_no_areas(tmp_path: Path) -> None:
    assert geo.load_areas(str(tmp_path / "absent.geojson")) == ()


@pytest.mark.skipif(not SAMPLE.exists(), reason="sample geography not shipped")
def test_sample_lsoa_geography() -> None:
    areas = geo.load_areas(str(SAMPLE))
    assert len(areas) > 50
    # A random point inside each of a few LSOAs maps back to that LSOA.
    rng = random.Random(7)
    for area in areas[:10]:
        lon, lat = geo.random_point_in_area(area, rng)
        assert geo.area_containing(lon, lat, areas).code == area.code  # type: ignore[union-attr]


def test_bng_round_trip() -> None:
    # Ripley market place, roughly.
    easting_m, northing_m = geo.lonlat_to_bng(-1.4057, 53.0497)
    assert 439_000 < easting_m < 441_000 and 349_000 < northing_m < 351_000
    lon, lat = geo.bng_to_lonlat(easting_m, northing_m)
    assert abs(lon + 1.4057) < 1e-4 and abs(lat - 53.0497) < 1e-4
