"""Where an incident is: LSOA derivation by point-in-polygon and British National Grid conversion.

Pure functions over plain data, plus a loader that reads a GeoJSON file (a deployment's own LSOA
file, ``CSPHUB_CASES["LSOA_GEOJSON"]``, when it configures one) and :class:`LsoaLocator`, which finds
the LSOA a point is in among the national boundaries (``csphub.cases.places`` gives it them). No
Django here.

Coordinates: GeoJSON is WGS84 lon/lat (EPSG:4326); the national boundaries and the analytics side are
British National Grid metres (EPSG:27700). Both are stored on an incident: lon/lat for the map,
metres for hot spots.
"""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

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


# Ward labels: 13 px bold text is about 7.5 px a character wide on average; a line is 16 px.
LABEL_CHAR_PX = 7.5
LABEL_LINE_PX = 16.0
# Where a label may move to from its point, nearest first: up and down a line or two, then sideways.
_LABEL_NUDGES = [(0.0, 0.0)] + [
    (dx, dy * LABEL_LINE_PX)
    for dy, dx in (
        (-1, 0),
        (1, 0),
        (-2, 0),
        (2, 0),
        (0, -40),
        (0, 40),
        (-1, -40),
        (-1, 40),
        (1, -40),
        (1, 40),
    )
]


def spread_labels(
    labels: Sequence[tuple[str, float, float]], *, width: float, height: float
) -> list[tuple[str, float, float]]:
    """Place map labels (name, x, y of the middle of the text in pixels) so that they do not
    overlap: each, in the order given, takes the nearest nudge of its point where its text box
    overlaps none placed before it and stays inside the map (kept where it is if none does)."""
    placed: list[tuple[float, float, float, float]] = []
    out = []
    for name, x, y in labels:
        half = len(name) * LABEL_CHAR_PX / 2
        best = None
        for dx, dy in _LABEL_NUDGES:
            cx = min(max(x + dx, half), width - half)
            cy = min(max(y + dy, LABEL_LINE_PX), height - 4)
            box = (cx - half, cy - LABEL_LINE_PX + 4, cx + half, cy + 4)
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
                best = (cx, cy, box)
                break
        if best is None:
            cx, cy = x, y
            box = (cx - half, cy - LABEL_LINE_PX + 4, cx + half, cy + 4)
        else:
            cx, cy, box = best
        placed.append(box)
        out.append((name, cx, cy))
    return out


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


def lonlat_to_bng_many(lons: Sequence[float], lats: Sequence[float]) -> np.ndarray:
    """Many WGS84 points → British National Grid metres, as an (n, 2) array (one call to pyproj)."""
    to_bng, _ = _transformers()
    x, y = to_bng.transform(np.asarray(lons, dtype=np.float64), np.asarray(lats, dtype=np.float64))  # type: ignore[attr-defined]
    return np.column_stack([x, y]).reshape(-1, 2)


def bng_to_lonlat_many(xy: np.ndarray) -> np.ndarray:
    """An (n, 2) array of British National Grid metres → WGS84 lon/lat, (n, 2)."""
    _, to_wgs = _transformers()
    lon, lat = to_wgs.transform(xy[:, 0], xy[:, 1])  # type: ignore[attr-defined]
    return np.column_stack([lon, lat]).reshape(-1, 2)


def random_point_in_rings(
    rings: Sequence[np.ndarray], rng: object, *, tries: int = 200
) -> tuple[float, float]:
    """A uniformly random point (BNG metres, to 1 m) inside an area's rings by rejection sampling
    (for synthetic demo data). ``rng`` is a ``random.Random``; passing it in keeps the demo
    reproducible."""
    vertices = np.concatenate(list(rings))
    (min_x, min_y), (max_x, max_y) = vertices.min(axis=0), vertices.max(axis=0)
    for _ in range(tries):
        x = round(rng.uniform(float(min_x), float(max_x)))  # type: ignore[attr-defined]
        y = round(rng.uniform(float(min_y), float(max_y)))  # type: ignore[attr-defined]
        if point_in_rings(x, y, rings):
            return float(x), float(y)
    return float(vertices[0][0]), float(vertices[0][1])


# --------------------------------------------------------------------------------------------
# The national boundaries: rings in British National Grid metres, keyed by LSOA code
# --------------------------------------------------------------------------------------------

RingsByCode = Mapping[str, Sequence[np.ndarray]]


def point_in_rings(x_m: float, y_m: float, rings: Sequence[np.ndarray]) -> bool:
    """Even-odd rule over all the rings of an area (outer rings and holes alike: a point in a hole
    crosses one more ring). Rings are (n, 2) arrays, closed or not."""
    crossings = 0
    for ring in rings:
        xs, ys = ring[:, 0], ring[:, 1]
        xn, yn = np.roll(xs, -1), np.roll(ys, -1)
        straddle = (ys > y_m) != (yn > y_m)
        if not straddle.any():
            continue
        xa, ya, xb, yb = xs[straddle], ys[straddle], xn[straddle], yn[straddle]
        x_cross = (xb - xa) * (y_m - ya) / (yb - ya) + xa
        crossings += int(np.count_nonzero(x_m < x_cross))
    return crossings % 2 == 1


def distance_to_rings(x_m: float, y_m: float, rings: Sequence[np.ndarray]) -> float:
    """The distance in metres from a point to the nearest edge of the rings."""
    best = np.inf
    for ring in rings:
        a = ring
        b = np.roll(ring, -1, axis=0)
        ab = b - a
        length2 = (ab**2).sum(axis=1)
        t = np.clip(
            ((x_m - a[:, 0]) * ab[:, 0] + (y_m - a[:, 1]) * ab[:, 1]) / np.where(length2, length2, 1), 0, 1
        )
        dx = a[:, 0] + t * ab[:, 0] - x_m
        dy = a[:, 1] + t * ab[:, 1] - y_m
        best = min(best, float(np.sqrt((dx * dx + dy * dy).min())))
    return best


class LsoaLocator:
    """Which LSOA a point in British National Grid metres is in.

    Built once per set of boundaries (the national 35,672 LSOAs: their bounding boxes, ~0.5 s); a
    lookup tests the point against every bounding box at once (one array comparison) and runs the
    point-in-polygon test only on the few LSOAs whose box holds it. Rings are read from ``rings``
    on demand, so an imported finer boundary layer is used wherever it holds the LSOA."""

    def __init__(self, rings: RingsByCode) -> None:
        self.rings = rings
        self.codes: list[str] = []
        boxes: list[tuple[float, float, float, float]] = []
        for code in rings:
            vertices = np.concatenate(list(rings[code]))
            lo, hi = vertices.min(axis=0), vertices.max(axis=0)
            self.codes.append(code)
            boxes.append((float(lo[0]), float(lo[1]), float(hi[0]), float(hi[1])))
        self.boxes = np.array(boxes, dtype=np.float64).reshape(-1, 4)

    def _in_boxes(self, x_m: float, y_m: float, margin_m: float = 0.0) -> np.ndarray:
        b = self.boxes
        return np.flatnonzero(
            (b[:, 0] - margin_m <= x_m)
            & (x_m <= b[:, 2] + margin_m)
            & (b[:, 1] - margin_m <= y_m)
            & (y_m <= b[:, 3] + margin_m)
        )

    def locate(self, x_m: float, y_m: float, *, within_m: float = 0.0) -> str | None:
        """The code of the LSOA the point is in; else, with ``within_m``, of the nearest LSOA no
        further than that (a point on a generalised coastline or river bank); else None."""
        for i in self._in_boxes(x_m, y_m):
            if point_in_rings(x_m, y_m, self.rings[self.codes[i]]):
                return self.codes[i]
        if within_m <= 0:
            return None
        near = [
            (distance_to_rings(x_m, y_m, self.rings[self.codes[i]]), self.codes[i])
            for i in self._in_boxes(x_m, y_m, within_m)
        ]
        distance, code = min(near, default=(np.inf, ""))
        return code if distance <= within_m else None


def ward_boundaries(rings: RingsByCode, ward_of: Mapping[str, str]) -> list[np.ndarray]:
    """The lines between wards, from the LSOA boundaries: the edges two LSOAs share when they lie in
    different wards (each LSOA is in one ward in the reference), chained into polylines. Shared edges
    match vertex for vertex in the ONS boundaries (rounded to 1 m); the outer edge of the area is
    left to its outline."""

    def edges(ring: np.ndarray) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        pts = [(int(x), int(y)) for x, y in np.round(ring).astype(np.int64).tolist()]
        if pts[0] != pts[-1]:
            pts.append(pts[0])
        return [(p, q) for p, q in itertools.pairwise(pts) if p != q]

    wards_on: dict[tuple[tuple[int, int], tuple[int, int]], set[str]] = {}
    for code, area_rings in rings.items():
        for ring in area_rings:
            for p, q in edges(ring):
                wards_on.setdefault((min(p, q), max(p, q)), set()).add(ward_of.get(code, code))
    lines: list[np.ndarray] = []
    drawn: set[tuple[tuple[int, int], tuple[int, int]]] = set()
    for area_rings in rings.values():
        for ring in area_rings:
            run: list[tuple[int, int]] = []
            for p, q in edges(ring):
                key = (min(p, q), max(p, q))
                if len(wards_on[key]) > 1 and key not in drawn:
                    drawn.add(key)
                    if not run or run[-1] != p:
                        if len(run) > 1:
                            lines.append(np.array(run, dtype=np.float64))
                        run = [p]
                    run.append(q)
            if len(run) > 1:
                lines.append(np.array(run, dtype=np.float64))
    return lines
