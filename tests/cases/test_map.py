"""The incident map: offline SVG by default (no Leaflet, site CSP unchanged); with a deployment's
tile URL, the page also loads the local Leaflet and ``cases/map.js``, widens img-src by exactly
the tile origin, and carries JSON data that the policy has filtered and the audit has recorded."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse

from csphub.audit.models import AuditEvent
from csphub.cases.views import map_tile_origin

pytestmark = pytest.mark.django_db

TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
# Points inside Amber Valley LSOAs (the sample geography).
RIPLEY = {"longitude": -1.4060, "latitude": 53.0490}
BELPER = {"longitude": -1.4810, "latitude": 53.0240}


def _img_src(response: Any) -> list[str]:
    policy = response["Content-Security-Policy"]
    directive = next(d.strip() for d in policy.split(";") if d.strip().startswith("img-src"))
    return directive.split()[1:]


def _map_data(response: Any) -> dict[str, Any]:
    body = response.content.decode()
    start = body.index('<script id="incident-map-data" type="application/json">')
    start = body.index(">", start) + 1
    return json.loads(body[start : body.index("</script>", start)])


@pytest.fixture
def incidents(make_incident: Any) -> dict[str, Any]:
    return {
        "own": make_incident("avbc_caseworker", **RIPLEY),
        "police": make_incident("police_caseworker", **BELPER),
    }


def test_without_tile_url_the_page_is_offline_and_script_free(
    incidents: Any, client_as: Any, client: Any, settings: Any
) -> None:
    settings.CSPHUB_MAP_TILE_URL = ""
    home = client_as("avbc_caseworker").get(reverse("frontend:home"))
    response = client_as("avbc_caseworker").get(reverse("cases:map"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "leaflet" not in body.lower() and "cases/map.js" not in body
    assert "incident-map-data" not in body and "incident-map-tiles" not in body
    assert 'data-testid="incident-map"' in body  # the SVG
    # Exactly the site-wide policy.
    assert response["Content-Security-Policy"] == home["Content-Security-Policy"]
    assert _img_src(response) == ["'self'", "data:"]


def test_with_tile_url_the_page_loads_local_leaflet_and_widens_img_src_only(
    incidents: Any, client_as: Any, settings: Any
) -> None:
    settings.CSPHUB_MAP_TILE_URL = TILE_URL
    settings.CSPHUB_MAP_TILE_ATTRIBUTION = "© Example Tiles"
    client = client_as("avbc_caseworker")
    home = client.get(reverse("frontend:home"))
    response = client.get(reverse("cases:map"), {"days": 3650})
    body = response.content.decode()
    assert '<script defer src="/static/vendor/leaflet/leaflet.js">' in body
    assert 'href="/static/vendor/leaflet/leaflet.css"' in body
    assert '<script defer src="/static/cases/map.js">' in body
    assert "tiles.example.org" not in body.split("<script id=")[0]  # no remote asset referenced
    assert 'data-testid="incident-map"' in body  # the SVG stays as the no-script fallback
    assert _img_src(response) == ["'self'", "data:", "https://tiles.example.org"]
    # Every other directive is the site's own.
    others = [d for d in response["Content-Security-Policy"].split(";") if "img-src" not in d]
    assert others == [d for d in home["Content-Security-Policy"].split(";") if "img-src" not in d]
    assert "tiles.example.org" not in home["Content-Security-Policy"]
    data = _map_data(response)
    assert data["tiles"] == {"url": TILE_URL, "attribution": "© Example Tiles"}
    kinds = {f["properties"]["kind"] for f in data["areas"]["features"]}
    assert kinds == {"lsoa", "district"}


def test_json_data_lists_only_visible_incidents_with_only_map_fields_and_is_audited(
    incidents: Any, client_as: Any, persona: Any, settings: Any
) -> None:
    settings.CSPHUB_MAP_TILE_URL = TILE_URL
    response = client_as("avbc_caseworker").get(reverse("cases:map"), {"days": 3650})
    rows = _map_data(response)["incidents"]
    own, police = incidents["own"], incidents["police"]
    assert [r["reference"] for r in rows] == [own.reference]
    assert police.reference not in response.content.decode()
    (row,) = rows
    assert set(row) == {"reference", "category", "type", "type_label", "date", "lon", "lat", "url"}
    assert row["url"] == reverse("cases:incident_detail", args=[own.pk])
    assert row["type"] == "personal" and row["category"] == "Noise"
    assert row["date"] == own.occurred_at.date().isoformat()
    assert (row["lon"], row["lat"]) == (pytest.approx(RIPLEY["longitude"]), pytest.approx(RIPLEY["latitude"]))
    assert "Loud music" not in response.content.decode()  # no description
    event = AuditEvent.objects.filter(actor=persona("avbc_caseworker"), verb="incident.mapped").get()
    assert event.justification.startswith("1 incidents")
    # The owner sees their own.
    police_rows = _map_data(client_as("police_caseworker").get(reverse("cases:map"), {"days": 3650}))
    assert [r["reference"] for r in police_rows["incidents"]] == [police.reference]


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        (TILE_URL, "https://tiles.example.org"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
        ("http://localhost:8080/tiles/{z}/{x}/{y}.png", "http://localhost:8080"),
        ("", ""),
        ("javascript:alert(1)", ""),
        ("//tiles.example.org/{z}/{x}/{y}.png", ""),
        ("https://user@tiles.example.org/{z}/{x}/{y}.png", ""),
    ],
)
def test_tile_origin(url: str, origin: str) -> None:
    assert map_tile_origin(url) == origin


def test_a_tile_url_that_is_not_http_changes_nothing(client_as: Any, settings: Any) -> None:
    settings.CSPHUB_MAP_TILE_URL = "javascript:alert(1)"
    response = client_as("avbc_caseworker").get(reverse("cases:map"))
    assert "leaflet" not in response.content.decode().lower()
    assert _img_src(response) == ["'self'", "data:"]
