"""The incident map can be read by everyone (review item 9): the SVG is an image with nothing
interactive inside it, a table lists every incident it draws (the way to open them), wards are
named on the map and in the table, markers that would overlap become one marker with a count, and
the incidents can be filtered by category and by the standing of their cases."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from csphub.audit.models import AuditEvent
from csphub.cases import geo, services
from csphub.cases.models import Category

pytestmark = pytest.mark.django_db

RIPLEY = {"longitude": -1.4060, "latitude": 53.0490}
BELPER = {"longitude": -1.4810, "latitude": 53.0240}
HEANOR = {"longitude": -1.3540, "latitude": 53.0130}


def _svg(body: str) -> str:
    start = body.index("<svg")
    return body[start : body.index("</svg>", start)]


def _table(body: str) -> str:
    start = body.index('data-testid="incident-table"')
    return body[start : body.index("</table>", start)]


def _get(client: Any, **params: Any) -> str:
    response = client.get(reverse("cases:map"), {"days": 3650, **params})
    assert response.status_code == 200
    return response.content.decode()


def test_the_svg_holds_nothing_interactive_and_the_table_links_every_incident(
    make_incident: Any, client_as: Any
) -> None:
    ripley = make_incident(**RIPLEY)
    belper = make_incident(category=Category.FLY_TIPPING, asb_type="environmental", **BELPER)
    body = _get(client_as("avbc_caseworker"))
    svg = _svg(body)
    assert 'role="img"' in svg
    assert "<a " not in svg and "href" not in svg and "tabindex" not in svg
    table = _table(body)
    for incident in (ripley, belper):
        assert f'href="{reverse("cases:incident_detail", args=[incident.pk])}"' in table
        assert incident.reference in table
    assert "Fly-tipping or littering" in table and "Environmental" in table
    # No internal code (LSOA codes) on the page.
    assert not re.search(r"E0[0-9]{7}", body)


def test_wards_label_the_map_and_name_where_each_incident_is(make_incident: Any, client_as: Any) -> None:
    make_incident(**RIPLEY)
    make_incident(**BELPER)
    body = _get(client_as("avbc_caseworker"))
    labels = re.findall(r'<text class="csphub-map__place"[^>]*>([^<]+)</text>', _svg(body))
    assert len(labels) == 18 and "Ripley" in labels and "Belper North" in labels
    cells = re.findall(r'<td class="govuk-table__cell">([^<]*)</td>', _table(body))
    assert "Ripley" in cells
    assert any(c.startswith("Belper") for c in cells)


def test_incidents_that_would_overlap_become_one_marker_with_their_count(
    make_incident: Any, client_as: Any
) -> None:
    for _ in range(3):
        make_incident(**RIPLEY)
    make_incident(**{"longitude": RIPLEY["longitude"] + 0.0002, "latitude": RIPLEY["latitude"]})
    make_incident(**BELPER)
    svg = _svg(_get(client_as("avbc_caseworker")))
    counts = sorted(int(c) for c in re.findall(r'data-count="(\d+)"', svg))
    assert counts == [1, 4]
    assert re.search(r'<text class="csphub-map__count"[^>]*>4</text>', svg)
    assert svg.count("<circle") == 2


def test_group_points_joins_only_markers_that_would_overlap() -> None:
    groups = geo.group_points([(0, 0, "a"), (9.9, 0, "b"), (30, 0, "c"), (40.1, 0, "d")], radius=10)
    assert [g.members for g in groups] == [["a", "b"], ["c"], ["d"]]
    assert (groups[0].x, groups[0].y) == (pytest.approx(4.95), 0)


def test_filters_by_category_and_by_case_standing(
    make_incident: Any, make_case: Any, persona: Any, client_as: Any
) -> None:
    actor = persona("avbc_caseworker")
    loose = make_incident(category=Category.DRUGS, **RIPLEY)
    open_case = make_case()
    on_open = open_case.incidents.get()
    on_open.longitude, on_open.latitude = BELPER["longitude"], BELPER["latitude"]
    on_open.save(update_fields=["longitude", "latitude"])
    closed_case = make_case(family="Closedcase")
    on_closed = closed_case.incidents.get()
    on_closed.longitude, on_closed.latitude = HEANOR["longitude"], HEANOR["latitude"]
    on_closed.save(update_fields=["longitude", "latitude"])
    services.case_change_status(
        actor=actor, case=closed_case, to_status="closed", reason="Resolved by mediation", outcome="resolved"
    )
    client = client_as("avbc_caseworker")

    def shown(**params: Any) -> set[str]:
        body = _get(client, **params)
        if 'data-testid="incident-table"' not in body:
            assert "No incidents match." in body
            return set()
        return set(re.findall(r"INC-\d{6}", _table(body)))

    assert shown() == {loose.reference, on_open.reference, on_closed.reference}
    assert shown(category="drugs") == {loose.reference}
    assert shown(category="noise") == {on_open.reference, on_closed.reference}
    assert shown(status="open_case") == {on_open.reference}
    assert shown(status="closed_case") == {on_closed.reference}
    assert shown(status="no_case") == {loose.reference}
    assert shown(status="open_case", category="drugs") == set()
    # Unknown values are ignored, not an error.
    assert shown(category="nonsense", status="nonsense") == {
        loose.reference,
        on_open.reference,
        on_closed.reference,
    }
    body = _get(client, status="open_case")
    assert "On an open case" in _table(body)
    assert 'value="open_case" selected' in body


def test_a_case_the_reader_cannot_see_does_not_show_in_the_standing(
    make_incident: Any, make_case: Any, persona: Any, client_as: Any
) -> None:
    """Police see their own incidents; an AVBC case cannot mark a police incident "on a case"."""
    police_incident = make_incident("police_caseworker", **RIPLEY)
    body = _get(client_as("police_caseworker"), status="no_case")
    assert police_incident.reference in _table(body)


def test_the_table_is_audited_as_a_list(make_incident: Any, client_as: Any, persona: Any) -> None:
    incident = make_incident(**RIPLEY)
    _get(client_as("avbc_caseworker"), category="noise")
    listed = AuditEvent.objects.filter(actor=persona("avbc_caseworker"), verb="incident.listed")
    assert list(listed.values_list("target_id", flat=True)) == [str(incident.pk)]
    mapped = AuditEvent.objects.get(actor=persona("avbc_caseworker"), verb="incident.mapped")
    assert mapped.justification == "1 incidents, 3650 days, category noise"


def test_the_map_costs_the_same_queries_for_many_incidents(make_incident: Any, client_as: Any) -> None:
    client = client_as("avbc_caseworker")

    def queries() -> int:
        client.get(reverse("cases:map"), {"days": 3650})
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("cases:map"), {"days": 3650})
        return len(ctx.captured_queries)

    for _ in range(2):
        make_incident(**RIPLEY)
    few = queries()
    for _ in range(6):
        make_incident(**BELPER)
    assert queries() == few


def test_the_incident_page_names_the_ward_not_the_lsoa_code(make_incident: Any, client_as: Any) -> None:
    """New-user review item 24: LSOA codes appeared under incident addresses ("LSOA E01019406"),
    which mean nothing to a caseworker; the map already names wards instead."""
    incident = make_incident(**RIPLEY)
    assert incident.lsoa_code  # derived from the point
    body = (
        client_as("avbc_caseworker")
        .get(reverse("cases:incident_detail", args=[incident.pk]))
        .content.decode()
    )
    where = body.split(">Where</dt>", 1)[1].split("</dd>", 1)[0]
    assert "Ripley ward" in where
    assert not re.search(r"E0[0-9]{7}", body) and "LSOA" not in body
