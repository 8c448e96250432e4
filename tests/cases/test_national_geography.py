"""Casework in any partnership of England and Wales (issue 12, items 3 and 7): an incident's LSOA comes
from the national boundaries shipped with the package, its ward from the national reference, and the
incident map draws the acting partnership's own area. The expected answers are read from the
reference table itself (pyarrow, not the code under test): each LSOA's ONS population-weighted
centroid, its ward and its Community Safety Partnership."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import time
from pathlib import Path
from typing import Any

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from django.urls import reverse
from django.utils import timezone

from csphub.agencies.models import Membership, Partnership, PartnershipKind
from csphub.agencies.policies import actor_for
from csphub.analytics.sources.reference import DATA_DIR, LSOA_FILE
from csphub.cases import places, services
from csphub.cases.models import Incident
from csphub.core.errors import ApplicationError

AMBER_VALLEY, BOLSOVER = "E22000037", "E22000038"


def _table(**equal: str) -> list[dict[str, Any]]:
    """Rows of the shipped reference table whose columns equal the values given."""
    table = pq.read_table(DATA_DIR / LSOA_FILE)
    for column, value in equal.items():
        table = table.filter(pc.equal(table[column], value))
    return table.to_pylist()


def test_every_bolsover_lsoa_centroid_is_found_in_that_lsoa_and_quickly() -> None:
    rows = _table(csp_code=BOLSOVER)
    assert len(rows) == 50 and {r["csp_name"] for r in rows} == {"Bolsover"}
    locator = places.locator()  # the first use builds it; lookups after that are timed
    started = time.perf_counter()
    found = [locator.locate(r["centroid_x_m"], r["centroid_y_m"]) for r in rows]
    per_lookup_s = (time.perf_counter() - started) / len(rows)
    assert found == [r["lsoa21_code"] for r in rows]
    assert per_lookup_s < 0.005  # a few ms at most (about 0.2 ms measured)


def test_points_across_england_and_wales_are_found() -> None:
    """The index covers the whole country: the centroids of every 100th LSOA (357, from Cornwall
    to Northumberland and all of Wales) land in their own LSOA, bar the few that the
    super-generalised boundaries of small urban LSOAs leave in a neighbour."""
    rows = pq.read_table(DATA_DIR / LSOA_FILE).to_pylist()[::100]
    locator = places.locator()
    found = [locator.locate(r["centroid_x_m"], r["centroid_y_m"]) for r in rows]
    own = sum(f == r["lsoa21_code"] for f, r in zip(found, rows, strict=True))
    assert own >= 0.95 * len(rows)
    assert all(f is not None for f in found)
    assert any(
        r["lsoa21_code"].startswith("W01") and f == r["lsoa21_code"] for f, r in zip(found, rows, strict=True)
    )


def _in(partnership_code: str, user: Any) -> Any:
    membership = Membership.objects.select_related("agency").get(user=user, is_active=True)
    return actor_for(user, membership, partnership_id=Partnership.objects.get(code=partnership_code).pk)


def _record(actor: Any, **point: Any) -> Incident:
    occurred = timezone.now() - dt.timedelta(days=2)
    return services.incident_record(
        actor=actor,
        occurred_at=occurred,
        reported_at=occurred,
        channel="phone",
        asb_type="nuisance",
        category="rowdy",
        description="Group shouting in the car park",
        **point,
    )


@pytest.mark.django_db
def test_a_bolsover_incident_gets_its_lsoa_and_its_ward(persona: Any, client_as: Any) -> None:
    row = _table(lsoa21_name="Bolsover 001A")[0]
    actor = _in(BOLSOVER, persona("police_caseworker"))
    incident = _record(actor, longitude=row["lon"], latitude=row["lat"])
    assert incident.lsoa_code == row["lsoa21_code"]
    assert incident.easting_m == pytest.approx(row["centroid_x_m"], abs=2)
    # The same from easting and northing.
    by_grid = _record(actor, easting_m=row["centroid_x_m"], northing_m=row["centroid_y_m"])
    assert by_grid.lsoa_code == row["lsoa21_code"]

    client = client_as("police_caseworker")
    assert client.post("/accounts/partnership/", {"partnership": incident.partnership_id}).status_code == 302
    body = client.get(reverse("cases:incident_detail", args=[incident.pk])).content.decode()
    where = body.split(">Where</dt>", 1)[1].split("</dd>", 1)[0]
    assert f"{row['ward_name']} ward" in where
    assert row["lsoa21_code"] not in body


@pytest.mark.django_db
def test_an_amber_valley_incident_still_gets_its_lsoa(persona: Any) -> None:
    row = _table(lsoa21_name="Amber Valley 005B")[0]
    incident = _record(
        _in(AMBER_VALLEY, persona("avbc_caseworker")), longitude=row["lon"], latitude=row["lat"]
    )
    assert incident.lsoa_code == row["lsoa21_code"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "point",
    [
        {"longitude": 2.35, "latitude": 48.85},  # Paris: outside the box around England and Wales
        {"longitude": -4.25, "latitude": 55.86},  # Glasgow: inside the box, in no LSOA
        {"longitude": -6.26, "latitude": 53.35},  # Dublin
        {"longitude": 1.5, "latitude": 53.5},  # the North Sea
        {"easting_m": 259_000, "northing_m": 665_000},  # Glasgow in grid metres
    ],
)
def test_a_point_outside_england_and_wales_is_refused(persona: Any, point: dict[str, float]) -> None:
    with pytest.raises(ApplicationError, match="The point must be in England or Wales"):
        _record(_in(BOLSOVER, persona("police_caseworker")), **point)
    assert Incident.objects.count() == 0


@pytest.mark.django_db
def test_a_deployments_own_lsoa_file_is_asked_first(persona: Any, settings: Any, tmp_path: Path) -> None:
    row = _table(lsoa21_name="Bolsover 001A")[0]
    other = _table(lsoa21_name="Bolsover 001B")[0]
    lon, lat, d = row["lon"], row["lat"], 0.001
    square = [
        [lon - d, lat - d],
        [lon + d, lat - d],
        [lon + d, lat + d],
        [lon - d, lat + d],
        [lon - d, lat - d],
    ]
    own = tmp_path / "lsoas.geojson"
    own.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"lsoa_code": other["lsoa21_code"], "lsoa_name": "finer"},
                        "geometry": {"type": "Polygon", "coordinates": [square]},
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    settings.CSPHUB_CASES = {"LSOA_GEOJSON": str(own)}
    actor = _in(BOLSOVER, persona("police_caseworker"))
    assert _record(actor, longitude=lon, latitude=lat).lsoa_code == other["lsoa21_code"]
    # Outside the deployment's file: the national boundaries.
    elsewhere = _table(lsoa21_name="Bolsover 008A")[0]
    incident = _record(actor, longitude=elsewhere["lon"], latitude=elsewhere["lat"])
    assert incident.lsoa_code == elsewhere["lsoa21_code"]


def _svg_labels(body: str) -> list[str]:
    svg = body[body.index("<svg") : body.index("</svg>")]
    return [html.unescape(t) for t in re.findall(r'<text class="csphub-map__place"[^>]*>([^<]+)</text>', svg)]


@pytest.mark.django_db
def test_the_map_of_someone_working_in_bolsover_draws_bolsover(persona: Any, client_as: Any) -> None:
    rows = _table(csp_code=BOLSOVER)
    row = next(r for r in rows if r["lsoa21_name"] == "Bolsover 008A")
    incident = _record(_in(BOLSOVER, persona("police_caseworker")), longitude=row["lon"], latitude=row["lat"])
    amber = _table(lsoa21_name="Amber Valley 005B")[0]
    in_amber = _record(
        _in(AMBER_VALLEY, persona("police_caseworker")), longitude=amber["lon"], latitude=amber["lat"]
    )
    client = client_as("police_caseworker")
    assert client.post("/accounts/partnership/", {"partnership": incident.partnership_id}).status_code == 302
    body = client.get(reverse("cases:map"), {"days": 3650}).content.decode()
    svg = body[body.index("<svg") : body.index("</svg>")]
    # Bolsover's wards, named where they are; its LSOAs, the lines between wards and its outline.
    assert sorted(_svg_labels(body)) == sorted({r["ward_name"] for r in rows})
    assert "Ripley" not in _svg_labels(body)
    assert svg.count('class="csphub-map__lsoa"') == len(rows)
    assert svg.count('class="csphub-map__district"') == 1 and svg.count('class="csphub-map__ward"') == 1
    assert "Map of Bolsover with 1 incident" in svg
    # Its incident, drawn and listed with its ward; Amber Valley's is not (another partnership's).
    assert svg.count("<circle") == 1
    table = body[body.index('data-testid="incident-table"') : body.index("</table>")]
    assert incident.reference in table and in_amber.reference not in body
    assert f'<td class="govuk-table__cell">{html.escape(row["ward_name"])}</td>' in table
    assert not re.search(r"E0[0-9]{7}", body)


@pytest.mark.django_db
def test_a_county_board_has_no_map_of_incidents(persona: Any, make_incident: Any, client_as: Any) -> None:
    make_incident("police_caseworker", longitude=-1.4060, latitude=53.0490)
    board = Partnership.objects.get(kind=PartnershipKind.BOARD)
    client = client_as("police_caseworker")
    assert client.post("/accounts/partnership/", {"partnership": board.pk}).status_code == 302
    response = client.get(reverse("cases:map"), {"days": 3650})
    body = response.content.decode()
    assert response.status_code == 200
    assert "A county board keeps no case records, so it has no map of incidents." in body
    assert "<svg" not in body and "incident-table" not in body and "INC-" not in body
