"""Search, the incident map, and the home page's casework panel."""

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
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from csphub.agencies.policies import (
    Action,
    role_allows,
)
from csphub.audit.services import audit_listed, audit_record
from csphub.cases import config, forms, geo, selectors
from csphub.cases.views._common import _require
from csphub.core.actor import SignedInRequest

# --------------------------------------------------------------------------------------------
# Search and map
# --------------------------------------------------------------------------------------------


@login_required
def search(request: SignedInRequest) -> HttpResponse:
    _require(request.actor, Action.VIEW)
    form = forms.SearchForm(request.GET or None)
    results = None
    if form.is_valid() and form.cleaned_data["q"]:
        results = selectors.search(user=request.actor, query=form.cleaned_data["q"])
        # The query may contain a name: record that a search happened and how much it showed, not
        # what; and, as every list does, each record it showed.
        audit_listed(actor=request.actor, targets=[*results.cases, *results.people, *results.addresses])
        audit_record(
            actor=request.actor,
            verb="search.performed",
            justification=f"{len(results.cases)} cases, {len(results.people)} people, "
            f"{len(results.addresses)} addresses shown",
        )
    return render(request, "cases/search.html", {"form": form, "results": results})


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


@login_required
@_tile_host_in_img_src
def incident_map(request: SignedInRequest) -> HttpResponse:
    """Visible incidents over the district outline and LSOA boundaries, drawn as inline SVG on
    the server: no tiles, no script, works offline. When the deployment has a tile server
    (``CSPHUB_MAP_TILE_URL``) the page also carries the same data as JSON and loads Leaflet and
    ``cases/map.js``, which draw a tiled map and hide the SVG once drawn."""
    _require(request.actor, Action.VIEW)
    try:
        days = max(1, min(3650, int(request.GET.get("days", "365"))))
    except ValueError:
        days = 365
    since = timezone.now() - dt.timedelta(days=days)
    incidents = selectors.map_incidents(user=request.actor, since=since)
    lsoas = geo.load_areas(config.lsoa_geojson_path())
    districts = geo.load_areas(config.district_geojson_path(), "lad_code", "lad_name")
    outline = districts or lsoas
    width = 800
    shapes: list[dict[str, Any]] = []
    points: list[dict[str, Any]] = []
    height = 800
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

        shapes = [{"d": path(a), "code": a.code, "name": a.name, "kind": "lsoa"} for a in lsoas]
        shapes += [{"d": path(a), "code": a.code, "name": a.name, "kind": "district"} for a in districts]
        for incident in incidents:
            x, y = _project(incident.longitude, incident.latitude, bbox, width, height)  # type: ignore[arg-type]
            if 0 <= x <= width and 0 <= y <= height:
                points.append({"x": f"{x:.1f}", "y": f"{y:.1f}", "incident": incident})
    audit_record(
        actor=request.actor, verb="incident.mapped", justification=f"{len(points)} incidents, {days} days"
    )
    return render(
        request,
        "cases/map.html",
        {
            "shapes": shapes,
            "points": points,
            "width": width,
            "height": height,
            "days": days,
            "outside": len(incidents) - len(points),
            # Only with a tile server: without one the page references no script beyond the base.
            "map_data": _map_data(points=points, lsoas=lsoas, districts=districts)
            if map_tile_url()
            else None,
        },
    )


# --------------------------------------------------------------------------------------------
# Home panel
# --------------------------------------------------------------------------------------------


def home_context(user: Any) -> dict[str, Any] | None:
    """The "My casework" panel: open cases as officer, open and overdue task counts, the next tasks,
    and (for whoever may see the team's tasks) tasks held by someone who can no longer see them."""
    if not role_allows(user, Action.VIEW):
        return None
    today = timezone.localdate()
    mine = selectors.my_tasks(user)
    tasks = list(mine.select_related("case")[:10])
    audit_listed(actor=user, targets=tasks)  # the home page shows their titles
    counts = mine.aggregate(total=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
    return {
        "tasks": tasks,
        "task_count": counts["total"],
        "overdue": counts["overdue"],
        "open_cases": selectors.case_list_visible_to(user, status="open", officer=user).count(),
        "flagged": selectors.orphaned_task_count(user),
        "today": today,
    }
