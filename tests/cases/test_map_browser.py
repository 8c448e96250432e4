"""In headless Chromium: the incident map without a tile URL is the SVG alone; with one, Leaflet
and ``cases/map.js`` draw the outlines and the visible incidents and hide the SVG, with no CSP
violation. The tile URL points at the live server itself (a path that 404s) and every other host
is blocked, so the test makes no external request."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_tiled_map_enhances_the_svg(
    browser_page: Any, persona: Any, sign_in: Any, make_incident: Any, settings: Any, live_server: Any
) -> None:
    page = browser_page
    own = make_incident("avbc_caseworker", longitude=-1.4060, latitude=53.0490)
    police = make_incident("police_caseworker", longitude=-1.4810, latitude=53.0240)
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(live_server.url))
    requested: list[str] = []

    def only_live_server(route: Any) -> None:
        requested.append(route.request.url)
        if route.request.url.startswith(origin + "/"):
            route.continue_()
        else:
            route.abort()

    page.route("**/*", only_live_server)
    sign_in(page, persona("avbc_caseworker"))
    map_url = reverse("cases:map") + "?days=3650"

    settings.CSPHUB_MAP_TILE_URL = ""
    page.goto(map_url)
    assert page.locator("#incident-map-svg").is_visible()
    assert page.locator("#incident-map-tiles").count() == 0
    assert page.evaluate("typeof window.L") == "undefined"

    settings.CSPHUB_MAP_TILE_URL = origin + "/map-tiles-for-tests/{z}/{x}/{y}.png"
    settings.CSPHUB_MAP_TILE_ATTRIBUTION = "Test tiles <b>plain</b>"
    page.goto(map_url)
    page.wait_for_selector("#incident-map-tiles[data-drawn=true]")
    assert page.locator("#incident-map-tiles").is_visible()
    assert not page.locator("#incident-map-svg").is_visible()
    # One incident marker (the police incident is not visible to this user), outlines drawn.
    markers = page.locator("#incident-map-tiles path.leaflet-interactive")
    assert markers.count() == 1
    assert page.locator("#incident-map-tiles .leaflet-overlay-pane path").count() > 1
    markers.first.click(force=True)
    popup = page.locator(".leaflet-popup-content")
    assert own.reference in popup.inner_text()
    assert police.reference not in page.content()
    # Attribution is text, not HTML.
    assert page.locator(".leaflet-control-attribution").inner_text().strip() == "Test tiles <b>plain</b>"
    # Tiles were asked of the live server only; nothing else left the machine.
    assert any("/map-tiles-for-tests/" in url for url in requested)
    assert all(url.startswith(origin + "/") for url in requested), requested
    violations = [e for e in page.console_errors if "Content Security Policy" in e]
    assert violations == []


def test_offline_map_is_accessible_filterable_and_read_through_its_table(
    browser_page: Any, persona: Any, sign_in: Any, make_incident: Any, settings: Any, live_server: Any
) -> None:
    from tests.axe import assert_accessible

    page = browser_page
    settings.CSPHUB_MAP_TILE_URL = ""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(live_server.url))
    requested: list[str] = []

    def only_live_server(route: Any) -> None:
        requested.append(route.request.url)
        if route.request.url.startswith(origin + "/"):
            route.continue_()
        else:
            route.abort()

    page.route("**/*", only_live_server)
    ripley = [make_incident(longitude=-1.4060, latitude=53.0490) for _ in range(3)]
    tipping = make_incident(
        category="fly_tipping", asb_type="environmental", longitude=-1.4810, latitude=53.0240
    )
    sign_in(page, persona("avbc_caseworker"))
    page.goto(reverse("cases:map") + "?days=3650")
    assert_accessible(page)
    svg = page.locator("#incident-map-svg")
    assert svg.get_attribute("role") == "img"
    assert svg.locator("a").count() == 0
    assert page.locator("text.csphub-map__place", has_text="Ripley").count() >= 1
    assert page.locator("g.csphub-map__marker[data-count='3'] text").text_content() == "3"
    assert page.locator("[data-testid=incident-table] tbody tr").count() == 4
    # Filter to one category with the form, then open the incident from the table.
    page.select_option("#category", "fly_tipping")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**category=fly_tipping**")
    assert page.locator("[data-testid=incident-table] tbody tr").count() == 1
    assert_accessible(page)
    page.get_by_role("link", name=tipping.reference).click()
    page.wait_for_url(f"**{reverse('cases:incident_detail', args=[tipping.pk])}")
    assert ripley[0].reference not in page.content()
    assert all(url.startswith(origin + "/") for url in requested), requested


def test_someone_working_in_bolsover_maps_bolsover_and_a_board_has_no_incident_map(
    browser_page: Any, persona: Any, sign_in: Any, settings: Any, live_server: Any
) -> None:
    """Issue 12: the map is of the partnership acted in, from the national reference; a county
    board keeps no case records, so its page says there is no map (no SVG, no table)."""
    from csphub.agencies.models import Membership, Partnership
    from csphub.agencies.policies import actor_for
    from csphub.analytics.sources.reference import load_reference
    from csphub.cases import services
    from csphub.cases.geo import bng_to_lonlat
    from tests.axe import assert_accessible

    settings.CSPHUB_MAP_TILE_URL = ""
    police = persona("police_caseworker")
    bolsover = Partnership.objects.get(code="E22000038")
    actor = actor_for(police, Membership.objects.get(user=police, is_active=True), partnership_id=bolsover.pk)
    reference = load_reference(boundaries=False)
    lsoa = next(r for r in reference.lsoas.values() if r.name == "Bolsover 002A")
    lon, lat = bng_to_lonlat(lsoa.centroid_x_m, lsoa.centroid_y_m)
    occurred = timezone.now() - dt.timedelta(days=3)
    incident = services.incident_record(
        actor=actor, occurred_at=occurred, reported_at=occurred, channel="phone", asb_type="environmental",
        category="fly_tipping", description="Bags dumped in the lane", longitude=lon, latitude=lat,
    )  # fmt: skip
    page = browser_page
    sign_in(page, police)

    def switch_to(name: str) -> None:
        page.click("[data-testid=switch-partnership]")
        page.check(f"label:has-text('{name}')")
        page.click("button:has-text('Continue')")
        assert name in page.inner_text(".govuk-phase-banner")

    switch_to("Bolsover Community Safety Partnership")
    page.goto(reverse("cases:map") + "?days=3650")
    assert_accessible(page)
    svg = page.locator("#incident-map-svg")
    assert svg.is_visible()
    wards = page.locator("text.csphub-map__place").all_text_contents()
    assert lsoa.ward_name in wards and "Ripley" not in wards
    assert page.locator("path.csphub-map__district").count() == 1
    assert page.locator("g.csphub-map__marker").count() == 1
    row = page.locator("[data-testid=incident-table] tbody tr")
    assert row.count() == 1 and incident.reference in row.inner_text() and lsoa.ward_name in row.inner_text()

    switch_to("Derbyshire County Community Safety Board")
    page.goto(reverse("cases:map") + "?days=3650")
    assert_accessible(page)
    assert "A county board keeps no case records" in page.inner_text("main")
    assert page.locator("svg.csphub-map").count() == 0
    assert incident.reference not in page.content()
