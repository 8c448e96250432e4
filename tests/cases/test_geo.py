"""LSOA derivation by point-in-polygon and grid conversion (pure; no database)."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from csphub.cases import geo

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


def _square(x: float, y: float, size: float) -> np.ndarray:
    return np.array([[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]], dtype=np.float64)


# Four 10 m squares in a 2 x 2 block (LSOAs A-D), B with a hole that is LSOA E; A and B in ward 1,
# C and D in ward 2; F is an island away from the block.
BLOCK = {
    "A": [_square(0, 0, 10)],
    "B": [_square(10, 0, 10), _square(14, 4, 2)[::-1]],
    "C": [_square(0, 10, 10)],
    "D": [_square(10, 10, 10)],
    "E": [_square(14, 4, 2)],
    "F": [_square(100, 100, 5)],
}


def test_point_in_rings_follows_the_even_odd_rule() -> None:
    assert geo.point_in_rings(5, 5, BLOCK["A"])
    assert not geo.point_in_rings(15, 5, BLOCK["B"])  # in the hole
    assert geo.point_in_rings(12, 5, BLOCK["B"])
    assert not geo.point_in_rings(25, 5, BLOCK["B"])
    open_ring = [BLOCK["A"][0][:-1]]  # a ring need not repeat its first vertex
    assert geo.point_in_rings(5, 5, open_ring) and not geo.point_in_rings(-1, 5, open_ring)


def test_the_locator_finds_the_area_or_the_nearest_within_a_distance() -> None:
    locator = geo.LsoaLocator(BLOCK)
    assert [locator.locate(x, y) for x, y in ((5, 5), (15, 5), (12, 5), (5, 15), (102, 102))] == [
        "A",
        "E",
        "B",
        "C",
        "F",
    ]
    assert locator.locate(50, 50) is None
    # Just off the edge: the nearest area within the distance given, else none.
    assert locator.locate(106, 102, within_m=2) == "F"
    assert locator.locate(108, 102, within_m=2) is None
    assert locator.locate(-0.5, 5, within_m=1) == "A"
    assert geo.distance_to_rings(106, 102, BLOCK["F"]) == pytest.approx(1.0)


def test_ward_boundaries_are_the_edges_between_lsoas_of_different_wards() -> None:
    block = {code: BLOCK[code] for code in "ABCD"}
    lines = geo.ward_boundaries(block, {"A": "1", "B": "1", "C": "2", "D": "2"})
    segments = {
        tuple(sorted((tuple(p), tuple(q))))
        for line in lines
        for p, q in zip(line.tolist(), line.tolist()[1:], strict=False)
    }
    # The line y = 10 from x = 0 to 20, once; not the outer edge, not A|B or C|D.
    assert segments == {((0.0, 10.0), (10.0, 10.0)), ((10.0, 10.0), (20.0, 10.0))}
    assert geo.ward_boundaries(block, dict.fromkeys("ABCD", "1")) == []


def test_random_points_fall_in_their_area() -> None:
    rng = random.Random(7)
    for code in "ABF":
        x, y = geo.random_point_in_rings(BLOCK[code], rng)
        assert geo.LsoaLocator(BLOCK).locate(x, y) == code


def test_bng_round_trip() -> None:
    # Ripley market place, roughly.
    easting_m, northing_m = geo.lonlat_to_bng(-1.4057, 53.0497)
    assert 439_000 < easting_m < 441_000 and 349_000 < northing_m < 351_000
    lon, lat = geo.bng_to_lonlat(easting_m, northing_m)
    assert abs(lon + 1.4057) < 1e-4 and abs(lat - 53.0497) < 1e-4


def test_labels_that_would_overlap_are_moved_apart_and_kept_on_the_map() -> None:
    placed = geo.spread_labels(
        [("Belper North", 300, 200), ("Belper East", 300, 200), ("Alone", 600, 500), ("Edge", 2, 2)],
        width=800,
        height=600,
    )
    assert placed[0] == ("Belper North", 300, 200) and placed[2] == ("Alone", 600, 500)

    def box(name: str, x: float, y: float) -> tuple[float, float, float, float]:
        half = len(name) * geo.LABEL_CHAR_PX / 2
        return (x - half, y - geo.LABEL_LINE_PX + 4, x + half, y + 4)

    boxes = [box(*label) for label in placed]
    for i, a in enumerate(boxes):
        assert a[0] >= 0 and a[2] <= 800 and a[1] >= 0 and a[3] <= 600
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
