"""The incident map: an SVG drawn on the server from the partnership's own boundary files (no
tiles, no CDN, no script), with place names, markers that group incidents which would overlap
(with their count), filters by category and by case standing, and a table that lists every
incident the map shows — the map is an image; the table is how it is read and how each incident
is opened.

With a deployment's own tile server (``CSPHUB_MAP_TILE_URL``) the page also carries the same
incidents as JSON and loads the local Leaflet and ``cases/map.js``, which draw a tiled map."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from csp.decorators import csp_update
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from csphub.agencies.policies import Action
from csphub.audit.services import audit_listed, audit_record
from csphub.cases import config, geo, selectors
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


def _project(
    lon: float, lat: float, bbox: tuple[float, float, float, float], width: int, height: int
) -> tuple[float, float]:
    min_x, min_y, max_x, max_y = bbox
    return ((lon - min_x) / (max_x - min_x) * width, (max_y - lat) / (max_y - min_y) * height)


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


def _area_feature(area: geo.Area, kind: str) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {"code": area.code, "name": area.name, "kind": kind},
        "geometry": {
            "type": "MultiPolygon",
            "coordinates": [
                [[[round(x, 6), round(y, 6)] for x, y in ring] for ring in polygon]
                for polygon in area.polygons
            ],
        },
    }


def _map_data(
    *, points: list[dict[str, Any]], lsoas: Sequence[geo.Area], districts: Sequence[geo.Area]
) -> dict[str, Any]:
    """What the tiled map draws: the same incidents as the SVG (no more fields than it shows)
    and the same outlines, as GeoJSON in WGS84."""
    return {
        "tiles": {
            "url": map_tile_url(),
            "attribution": str(getattr(settings, "CSPHUB_MAP_TILE_ATTRIBUTION", "") or ""),
        },
        "areas": {
            "type": "FeatureCollection",
            "features": [_area_feature(a, "lsoa") for a in lsoas]
            + [_area_feature(a, "district") for a in districts],
        },
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


@login_required
@_tile_host_in_img_src
def incident_map(request: SignedInRequest) -> HttpResponse:
    """Visible incidents over the district outline, wards and LSOA boundaries, drawn as inline SVG
    on the server, with the table that is its text alternative."""
    _require(request.actor, Action.VIEW)
    days, category, status = _filters(request)
    since = timezone.now() - dt.timedelta(days=days)
    incidents = selectors.map_incidents(user=request.actor, since=since, category=category, status=status)
    lsoas = geo.load_areas(config.lsoa_geojson_path())
    districts = geo.load_areas(config.district_geojson_path(), "lad_code", "lad_name")
    places = geo.load_places(config.wards_geojson_path())
    outline = districts or lsoas
    width, height = MAP_WIDTH, 800
    shapes: list[dict[str, Any]] = []
    points: list[dict[str, Any]] = []
    labels: list[dict[str, Any]] = []
    markers: list[dict[str, Any]] = []
    if outline:
        bbox = (
            min(a.bbox[0] for a in outline),
            min(a.bbox[1] for a in outline),
            max(a.bbox[2] for a in outline),
            max(a.bbox[3] for a in outline),
        )
        # Equirectangular with cos(latitude) so the district is not stretched east-west.
        mid_lat = (bbox[1] + bbox[3]) / 2
        aspect = (bbox[3] - bbox[1]) / ((bbox[2] - bbox[0]) * math.cos(math.radians(mid_lat)))
        height = max(200, round(width * aspect))

        def path(area: geo.Area) -> str:
            parts = []
            for polygon in area.polygons:
                for ring in polygon:
                    coords = [_project(x, y, bbox, width, height) for x, y in ring]
                    parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in coords) + "Z")
            return " ".join(parts)

        shapes = [{"d": path(a), "kind": "lsoa"} for a in lsoas]
        shapes += [{"d": path(p.area), "kind": "ward"} for p in places]
        shapes += [{"d": path(a), "kind": "district"} for a in districts]
        for place in places:
            x, y = _project(place.lon, place.lat, bbox, width, height)
            labels.append({"x": f"{x:.1f}", "y": f"{y:.1f}", "name": place.name})
        projected: list[tuple[float, float, object]] = []
        for incident in incidents:
            x, y = _project(incident.longitude, incident.latitude, bbox, width, height)  # type: ignore[arg-type]
            if 0 <= x <= width and 0 <= y <= height:
                points.append({"incident": incident})
                projected.append((x, y, incident))
        markers = [_marker(g) for g in geo.group_points(projected, radius=GROUP_RADIUS)]
    rows = [
        {
            "incident": p["incident"],
            "place": geo.place_of(p["incident"].longitude, p["incident"].latitude, places),
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
            # Only with a tile server: without one the page references no script beyond the base.
            "map_data": _map_data(points=points, lsoas=lsoas, districts=districts)
            if map_tile_url()
            else None,
        },
    )
