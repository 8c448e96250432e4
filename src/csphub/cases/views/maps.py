"""The incident map: an SVG drawn on the server from the acting partnership's area in the national
reference (no tiles, no CDN, no script), with place names, markers that group incidents which would overlap
(with their count), filters by category and by case standing, and a table that lists every
incident the map shows — the map is an image; the table is how it is read and how each incident
is opened.

With a deployment's own tile server (``CSPHUB_MAP_TILE_URL``) the page also carries the same
incidents as JSON and loads the local Leaflet and ``cases/map.js``, which draw a tiled map."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

import numpy as np
from csp.decorators import csp_update
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from csphub.agencies.models import PartnershipKind
from csphub.agencies.policies import Action
from csphub.audit.services import audit_listed, audit_record
from csphub.cases import geo, places, selectors
from csphub.cases.models import Category, Incident
from csphub.cases.views._common import _require
from csphub.core.actor import SignedInRequest

MAP_WIDTH = 800
# Markers are 5 px circles: two closer than this would overlap, so they are drawn as one marker
# carrying the count.
GROUP_RADIUS = 10.0
# The table lists at most this many incidents (the map draws them all); the page says when more.
TABLE_LIMIT = 500
PERIODS = {30: "30 days", 90: "90 days", 365: "year", 1095: "3 years"}


def map_tile_url() -> str:
    """The deployment's XYZ tile URL template, or "" when it has none (or one that is not http(s))."""
    url = str(getattr(settings, "CSPHUB_MAP_TILE_URL", "") or "").strip()
    return url if map_tile_origin(url) else ""


def map_tile_origin(url: str) -> str:
    """The CSP source for a tile URL template: its scheme and host (a ``{s}`` subdomain
    placeholder becomes ``*``), e.g. ``https://*.tile.example.org``; "" if it is not a http(s) URL."""
    parts = urlsplit(url.strip())
    host = parts.netloc.replace("{s}", "*")
    if parts.scheme not in {"http", "https"} or not host or "{" in host or "@" in host:
        return ""
    return f"{parts.scheme}://{host}"


def _tile_host_in_img_src(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Add the tile server's origin to img-src for this view's responses, and nothing else; with
    no tile URL configured the site-wide policy is left exactly as it is."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        origin = map_tile_origin(map_tile_url())
        if not origin:
            return view(request, *args, **kwargs)
        return csp_update({"img-src": [origin]})(view)(request, *args, **kwargs)

    return wrapped


def _feature(rings: Sequence[np.ndarray], kind: str) -> dict[str, Any]:
    """Rings in BNG metres as a GeoJSON feature in WGS84 (each ring a polygon: an LSOA's holes are
    other LSOAs, drawn over it)."""
    coords = geo.bng_to_lonlat_many(np.concatenate(rings)) if rings else np.zeros((0, 2))
    polygons, start = [], 0
    for ring in rings:
        part = coords[start : start + len(ring)]
        start += len(ring)
        polygons.append([[[round(float(x), 6), round(float(y), 6)] for x, y in part]])
    return {
        "type": "Feature",
        "properties": {"kind": kind},
        "geometry": {"type": "MultiPolygon", "coordinates": polygons},
    }


def _map_data(*, points: list[dict[str, Any]], area_map: places.AreaMap | None) -> dict[str, Any]:
    """What the tiled map draws: the same incidents as the SVG (no more fields than it shows)
    and the same outlines, as GeoJSON in WGS84."""
    features = []
    if area_map is not None:
        features = [_feature(rings, "lsoa") for rings in area_map.lsoas.values()]
        if area_map.outline:
            features.append(_feature(area_map.outline, "district"))
    return {
        "tiles": {
            "url": map_tile_url(),
            "attribution": str(getattr(settings, "CSPHUB_MAP_TILE_ATTRIBUTION", "") or ""),
        },
        "areas": {"type": "FeatureCollection", "features": features},
        "incidents": [
            {
                "reference": p["incident"].reference,
                "category": p["incident"].get_category_display(),
                "type": p["incident"].asb_type,
                "type_label": p["incident"].get_asb_type_display(),
                "date": p["incident"].occurred_at.date().isoformat(),
                "lon": round(p["incident"].longitude, 5),
                "lat": round(p["incident"].latitude, 5),
                "url": reverse("cases:incident_detail", args=[p["incident"].pk]),
            }
            for p in points
        ],
    }


def _filters(request: SignedInRequest) -> tuple[int, str, str]:
    """days, category, status from the query string; anything unknown falls back to "all"."""
    try:
        days = int(request.GET.get("days", "365"))
    except ValueError:
        days = 365
    days = max(1, min(3650, days))
    category = request.GET.get("category", "")
    status = request.GET.get("status", "")
    return (
        days,
        category if category in Category.values else "",
        status if status in selectors.MAP_STATUSES else "",
    )


def _marker(group: geo.PointGroup) -> dict[str, Any]:
    members: list[Incident] = group.members  # type: ignore[assignment]
    types = {i.asb_type for i in members}
    return {
        "x": f"{group.x:.1f}",
        "y": f"{group.y:.1f}",
        "count": group.count,
        "kind": types.pop() if len(types) == 1 else "mixed",
        "r": 5 if group.count == 1 else 9 if group.count < 10 else 12,
    }


class _Frame:
    """Projects British National Grid metres onto the SVG: the area's bounding box fills the width
    (BNG is a conformal grid, so a metre is the same length across and up)."""

    def __init__(self, bbox: tuple[float, float, float, float], width: int) -> None:
        self.min_x, self.min_y, self.max_x, self.max_y = bbox
        self.width = width
        self.height = max(200, round(width * (self.max_y - self.min_y) / (self.max_x - self.min_x)))
        self.scale = width / (self.max_x - self.min_x)

    def xy(self, x_m: float, y_m: float) -> tuple[float, float]:
        return (x_m - self.min_x) * self.scale, (self.max_y - y_m) * self.scale

    def path(self, rings: Sequence[np.ndarray], *, closed: bool = True) -> str:
        parts = []
        for ring in rings:
            xs = (ring[:, 0] - self.min_x) * self.scale
            ys = (self.max_y - ring[:, 1]) * self.scale
            parts.append(
                "M"
                + "L".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True))
                + ("Z" if closed else "")
            )
        return " ".join(parts)


def _drawing(area_map: places.AreaMap) -> tuple[_Frame, list[dict[str, str]], list[dict[str, str]]]:
    """The frame, the shapes (LSOAs, the lines between wards, the outline) and the ward labels."""
    frame = _Frame(area_map.bbox, MAP_WIDTH)
    shapes = [{"d": frame.path(rings), "kind": "lsoa"} for rings in area_map.lsoas.values()]
    if area_map.ward_lines:
        shapes.append({"d": frame.path(area_map.ward_lines, closed=False), "kind": "ward"})
    if area_map.outline:
        shapes.append({"d": frame.path(area_map.outline), "kind": "district"})
    # Larger wards first: they keep their place; a small ward's label moves off a neighbour's.
    at = sorted(
        ((name, *frame.xy(x_m, y_m)) for name, x_m, y_m in area_map.labels),
        key=lambda label: -area_map.ward_sizes.get(label[0], 0),
    )
    labels = [
        {"x": f"{x:.1f}", "y": f"{y:.1f}", "name": name}
        for name, x, y in geo.spread_labels(at, width=frame.width, height=frame.height)
    ]
    return frame, shapes, labels


@login_required
@_tile_host_in_img_src
def incident_map(request: SignedInRequest) -> HttpResponse:
    """Visible incidents over the acting partnership's area from the national reference (its LSOAs,
    the lines between its wards, labelled, and its outline), drawn as inline SVG on the server,
    with the table that is its text alternative. A county board keeps no case records: it has no map."""
    _require(request.actor, Action.VIEW)
    days, category, status = _filters(request)
    since = timezone.now() - dt.timedelta(days=days)
    incidents = selectors.map_incidents(user=request.actor, since=since, category=category, status=status)
    partnership = request.actor.partnership
    is_board = partnership is not None and partnership.kind == PartnershipKind.BOARD
    area = places.partnership_area(partnership)
    area_map = places.area_map(area) if area is not None else None
    width, height = MAP_WIDTH, 800
    shapes: list[dict[str, Any]] = []
    points: list[dict[str, Any]] = []
    labels: list[dict[str, Any]] = []
    markers: list[dict[str, Any]] = []
    if area_map is not None:
        frame, shapes, labels = _drawing(area_map)
        height = frame.height
        projected: list[tuple[float, float, object]] = []
        grid = geo.lonlat_to_bng_many([i.longitude for i in incidents], [i.latitude for i in incidents])  # type: ignore[misc]
        for incident, (x_m, y_m) in zip(incidents, grid.tolist(), strict=True):
            x, y = frame.xy(x_m, y_m)
            if 0 <= x <= width and 0 <= y <= height:
                points.append({"incident": incident})
                projected.append((x, y, incident))
        markers = [_marker(g) for g in geo.group_points(projected, radius=GROUP_RADIUS)]
    else:  # nothing to draw on: the table lists them all
        points = [{"incident": incident} for incident in incidents]
    rows = [
        {
            "incident": p["incident"],
            "place": places.ward_at(
                lsoa_code=p["incident"].lsoa_code,
                longitude=p["incident"].longitude,
                latitude=p["incident"].latitude,
            ),
            "standing": selectors.MAP_STATUSES[p["incident"].case_standing],
        }
        for p in points[:TABLE_LIMIT]
    ]
    audit_listed(actor=request.actor, targets=[r["incident"] for r in rows])
    audit_record(
        actor=request.actor,
        verb="incident.mapped",
        justification=f"{len(points)} incidents, {days} days"
        + (f", category {category}" if category else "")
        + (f", {status}" if status else ""),
    )
    return render(
        request,
        "cases/map.html",
        {
            "shapes": shapes,
            "points": points,
            "markers": markers,
            "grouped": sum(1 for m in markers if m["count"] > 1),
            "labels": labels,
            "rows": rows,
            "table_limit": TABLE_LIMIT,
            "width": width,
            "height": height,
            "days": days,
            "periods": PERIODS,
            "category": category,
            "categories": Category.choices,
            "status": status,
            "statuses": selectors.MAP_STATUSES,
            "category_label": Category(category).label if category else "",
            "status_label": selectors.MAP_STATUSES.get(status, ""),
            "outside": len(incidents) - len(points),
            "is_board": is_board,
            "area_name": area.name if area is not None else "",
            # Only with a tile server: without one the page references no script beyond the base.
            "map_data": _map_data(points=points, area_map=area_map) if map_tile_url() else None,
        },
    )
