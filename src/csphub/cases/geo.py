"""Where an incident is: LSOA derivation by point-in-polygon and British National Grid conversion.

Pure functions over plain data plus one loader that reads a GeoJSON file (the path comes from the
caller, normally ``settings.CSPHUB_LSOA_GEOJSON``; the repository ships
``data/sample/geography/lsoa2021.geojson``). No Django here.

Coordinates: GeoJSON is WGS84 lon/lat (EPSG:4326); the analytics side works in British National
Grid metres (EPSG:27700). Both are stored on an incident: lon/lat for the map, metres for hot spots.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

Ring = Sequence[tuple[float, float]]


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    # polygons: each is (outer ring, *holes); a MultiPolygon has several
    polygons: tuple[tuple[Ring, ...], ...]
    bbox: tuple[float, float, float, float]  # min_lon, min_lat, max_lon, max_lat


def _point_in_ring(lon: float, lat: float, ring: Ring) -> bool:
    """Even-odd ray casting. Points exactly on an edge may fall either side (fine for LSOAs)."""
    inside = False
    n = len(ring)
    j = n - 1
    for i in range(n):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > lat) != (yj > lat):
            x_cross = (xj - xi) * (lat - yi) / (yj - yi) + xi
            if lon < x_cross:
                inside = not inside
        j = i
    return inside


def point_in_area(lon: float, lat: float, area: Area) -> bool:
    min_x, min_y, max_x, max_y = area.bbox
    if not (min_x <= lon <= max_x and min_y <= lat <= max_y):
        return False
    for outer, *holes in area.polygons:
        if _point_in_ring(lon, lat, outer) and not any(_point_in_ring(lon, lat, h) for h in holes):
            return True
    return False


def areas_from_geojson(
    data: dict, *, code_property: str = "lsoa_code", name_property: str = "lsoa_name"
) -> list[Area]:
    """Areas from a GeoJSON FeatureCollection of Polygon/MultiPolygon features."""
    areas: list[Area] = []
    for feature in data.get("features", []):
        geometry = feature.get("geometry") or {}
        props = feature.get("properties") or {}
        if geometry.get("type") == "Polygon":
            raw_polys = [geometry["coordinates"]]
        elif geometry.get("type") == "MultiPolygon":
            raw_polys = geometry["coordinates"]
        else:
            continue
        polygons = tuple(
            tuple(tuple((float(x), float(y)) for x, y, *_ in ring) for ring in poly) for poly in raw_polys
        )
        xs = [x for poly in polygons for x, _ in poly[0]]
        ys = [y for poly in polygons for _, y in poly[0]]
        areas.append(
            Area(
                code=str(props.get(code_property, "")),
                name=str(props.get(name_property, "")),
                polygons=polygons,
                bbox=(min(xs), min(ys), max(xs), max(ys)),
            )
        )
    return areas


def area_containing(lon: float, lat: float, areas: Iterable[Area]) -> Area | None:
    return next((a for a in areas if point_in_area(lon, lat, a)), None)


@functools.lru_cache(maxsize=4)
def load_areas(
    path: str, code_property: str = "lsoa_code", name_property: str = "lsoa_name"
) -> tuple[Area, ...]:
    """Read and cache a GeoJSON file of areas; an absent file yields no areas (LSOA left blank)."""
    file = Path(path)
    if not file.is_file():
        return ()
    return tuple(
        areas_from_geojson(
            json.loads(file.read_text(encoding="utf-8")),
            code_property=code_property,
            name_property=name_property,
        )
    )


@dataclass(frozen=True)
class Place:
    """A named place for labelling a map: an area (a ward) with the point its name is drawn at."""

    name: str
    lon: float
    lat: float
    area: Area


@functools.lru_cache(maxsize=4)
def load_places(path: str) -> tuple[Place, ...]:
    """Read and cache a GeoJSON file of wards (``ward_code``, ``ward_name``, ``label_lon``,
    ``label_lat``); an absent file yields no places (the map is drawn without labels)."""
    file = Path(path)
    if not file.is_file():
        return ()
    data = json.loads(file.read_text(encoding="utf-8"))
    areas = areas_from_geojson(data, code_property="ward_code", name_property="ward_name")
    places = []
    for area, feature in zip(areas, [f for f in data.get("features", []) if f.get("geometry")], strict=False):
        props = feature.get("properties") or {}
        lon, lat = props.get("label_lon"), props.get("label_lat")
        if lon is None or lat is None:  # no label point given: the middle of the bounding box
            lon, lat = (area.bbox[0] + area.bbox[2]) / 2, (area.bbox[1] + area.bbox[3]) / 2
        places.append(Place(name=area.name, lon=float(lon), lat=float(lat), area=area))
    return tuple(places)


def place_of(lon: float, lat: float, places: Iterable[Place]) -> str:
    """The name of the place (ward) a point is in, or "" if it is in none of them."""
    return next((p.name for p in places if point_in_area(lon, lat, p.area)), "")


@dataclass
class PointGroup:
    """Map points drawn as one marker because they would overlap: the marker sits at their mean."""

    x: float
    y: float
    members: list[object]

    @property
    def count(self) -> int:
        return len(self.members)


def group_points(points: Sequence[tuple[float, float, object]], *, radius: float) -> list[PointGroup]:
    """Group projected points whose markers would overlap: each point joins the first group whose
    centre is within ``radius`` of it, else starts one (deterministic for a given order). Groups
    are returned with their centres at the mean of their members."""
    groups: list[PointGroup] = []
    sums: list[list[float]] = []
    r2 = radius * radius
    for x, y, item in points:
        for group, total in zip(groups, sums, strict=True):
            if (group.x - x) ** 2 + (group.y - y) ** 2 <= r2:
                group.members.append(item)
                total[0] += x
                total[1] += y
                group.x, group.y = total[0] / group.count, total[1] / group.count
                break
        else:
            groups.append(PointGroup(x=x, y=y, members=[item]))
            sums.append([x, y])
    return groups


@functools.lru_cache(maxsize=1)
def _transformers() -> tuple[object, object]:
    from pyproj import Transformer

    to_bng = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
    to_wgs = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)
    return to_bng, to_wgs


def lonlat_to_bng(lon: float, lat: float) -> tuple[float, float]:
    """WGS84 lon/lat → British National Grid easting/northing in metres (rounded to 1 m)."""
    to_bng, _ = _transformers()
    easting_m, northing_m = to_bng.transform(lon, lat)  # type: ignore[attr-defined]
    return round(easting_m), round(northing_m)


def bng_to_lonlat(easting_m: float, northing_m: float) -> tuple[float, float]:
    """British National Grid metres → WGS84 lon/lat (6 decimal places, about 0.1 m)."""
    _, to_wgs = _transformers()
    lon, lat = to_wgs.transform(easting_m, northing_m)  # type: ignore[attr-defined]
    return round(lon, 6), round(lat, 6)


def random_point_in_area(area: Area, rng: object, *, tries: int = 200) -> tuple[float, float]:
    """A uniformly random point inside ``area`` by rejection sampling (for synthetic demo data).

    ``rng`` is a ``random.Random``; passing it in keeps the demo reproducible.
    """
    min_x, min_y, max_x, max_y = area.bbox
    for _ in range(tries):
        lon = rng.uniform(min_x, max_x)  # type: ignore[attr-defined]
        lat = rng.uniform(min_y, max_y)  # type: ignore[attr-defined]
        if point_in_area(lon, lat, area):
            return round(lon, 6), round(lat, 6)
    outer = area.polygons[0][0]
    return outer[0]
