"""Records belong to one partnership and never cross into another (national-geography issue, item 4;
ADR 0008): someone working in Bolsover does not see Amber Valley's records in lists, record pages,
search, the map or the API, even through their own agency; an Information Sharing Agreement that
names both partnerships lets them cross; a county board sees no district personal records."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from csphub.agencies.models import Membership, Partnership, PartnershipKind
from csphub.agencies.policies import Action, actor_for
from csphub.cases import selectors, services
from csphub.cases.models import PartyRole
from csphub.cases.selectors.figures import suppressed
from csphub.core.errors import PermissionDeniedError
from csphub.people.services import person_create

pytestmark = pytest.mark.django_db

AMBER_VALLEY, BOLSOVER = "E22000037", "E22000038"


def _in(partnership_code: str, user: Any) -> Any:
    """``user`` (with one membership) acting in the partnership with this code."""
    membership = Membership.objects.select_related("agency").get(user=user, is_active=True)
    partnership = Partnership.objects.get(code=partnership_code)
    return actor_for(user, membership, partnership_id=partnership.pk)


def _police_case(persona: Any, make_incident: Any, partnership_code: str, family: str) -> Any:
    """A police case (victim ``family``, an incident with a map point) made in that partnership."""
    actor = _in(partnership_code, persona("police_caseworker"))
    victim = person_create(actor=actor, given_name="Sam", family_name=family)
    occurred = timezone.now() - dt.timedelta(days=2)
    incident = services.incident_record(
        actor=actor,
        occurred_at=occurred,
        reported_at=occurred,
        channel="phone",
        asb_type="personal",
        category="noise",
        description="Loud music",
        parties=[(victim, PartyRole.VICTIM)],
        longitude=-1.40,
        latitude=53.05,
    )
    return services.case_open(actor=actor, incidents=[incident], summary=f"{family} noise")


@pytest.mark.parametrize(("count", "shown"), [(0, "0"), (1, "fewer than 5"), (4, "fewer than 5"), (5, "5")])
def test_a_boards_figures_hide_small_numbers(count: int, shown: str) -> None:
    assert suppressed(count) == shown


def _switch(client: Any, code: str) -> None:
    response = client.post("/accounts/partnership/", {"partnership": Partnership.objects.get(code=code).pk})
    assert response.status_code == 302


def test_a_record_belongs_to_the_partnership_its_creator_works_in(persona: Any, make_incident: Any) -> None:
    ours = _police_case(persona, make_incident, AMBER_VALLEY, "Ambergate")
    theirs = _police_case(persona, make_incident, BOLSOVER, "Bolsoverton")
    assert ours.partnership.code == AMBER_VALLEY and theirs.partnership.code == BOLSOVER
    incident = theirs.case_incidents.get().incident
    assert incident.partnership_id == theirs.partnership_id
    assert {p.person.partnership_id for p in theirs.parties.all()} == {theirs.partnership_id}
    task = services.task_create(
        actor=_in(BOLSOVER, persona("police_caseworker")),
        title="Visit",
        owner=persona("police_caseworker"),
        due_on=dt.date.today() + dt.timedelta(days=3),
        case=theirs,
    )
    assert task.partnership_id == theirs.partnership_id


def test_another_partnerships_records_are_invisible_on_every_page(
    persona: Any, make_incident: Any, client_as: Any
) -> None:
    amber = _police_case(persona, make_incident, AMBER_VALLEY, "Ambergate")
    bolsover = _police_case(persona, make_incident, BOLSOVER, "Bolsoverton")
    victim = amber.parties.get().person
    client = client_as("police_caseworker")

    # Working in Amber Valley (the installation's partnership): Amber Valley's, not Bolsover's.
    listing = client.get("/cases/").content.decode()
    assert amber.reference in listing and bolsover.reference not in listing
    assert client.get(f"/cases/{amber.pk}/").status_code == 200
    assert client.get(f"/cases/{bolsover.pk}/").status_code == 404

    _switch(client, BOLSOVER)
    listing = client.get("/cases/").content.decode()
    assert bolsover.reference in listing and amber.reference not in listing
    for url in (
        f"/cases/{amber.pk}/",
        f"/cases/incidents/{amber.case_incidents.get().incident_id}/",
        f"/people/{victim.pk}/",
        f"/api/v1/cases/{amber.pk}",
        f"/api/v1/people/{victim.pk}",
    ):
        assert client.get(url).status_code == 404, url
    assert client.get(f"/cases/{bolsover.pk}/").status_code == 200
    people = client.get("/people/").content.decode()
    assert "Ambergate" not in people and "Bolsoverton" in people
    search = client.get("/cases/search/?q=Ambergate").content.decode()
    assert amber.reference not in search and f"/people/{victim.pk}/" not in search
    api_cases = client.get("/api/v1/cases").json()
    assert [c["id"] for c in api_cases["results"]] == [bolsover.pk]
    api_people = client.get("/api/v1/people").json()
    assert victim.pk not in [p["id"] for p in api_people["results"]]
    assert client.get("/cases/map/").status_code == 200
    bolsover_actor = _in(BOLSOVER, persona("police_caseworker"))
    on_map = {i.pk for i in selectors.map_incidents(user=bolsover_actor)}
    assert on_map == {bolsover.case_incidents.get().incident_id}


def test_an_agreement_naming_both_partnerships_lets_records_cross(
    persona: Any, make_incident: Any, world: Any, client_as: Any
) -> None:
    amber = _police_case(persona, make_incident, AMBER_VALLEY, "Ambergate")
    client = client_as("police_caseworker")
    _switch(client, BOLSOVER)
    assert client.get(f"/cases/{amber.pk}/").status_code == 404

    # An agreement in force that names the police but only one of the two partnerships: no.
    world.asb_isa.partnerships.set([Partnership.objects.get(code=AMBER_VALLEY)])
    assert client.get(f"/cases/{amber.pk}/").status_code == 404
    # Naming both partnerships (and the police): the record crosses.
    world.asb_isa.partnerships.add(Partnership.objects.get(code=BOLSOVER))
    assert client.get(f"/cases/{amber.pk}/").status_code == 200
    assert amber.reference in client.get("/cases/search/?q=Ambergate").content.decode()
    # Once the agreement has ended, it no longer does.
    world.asb_isa.ended_on = dt.date.today() - dt.timedelta(days=1)
    world.asb_isa.save()
    assert client.get(f"/cases/{amber.pk}/").status_code == 404


def test_a_county_board_sees_no_district_records_and_keeps_none(
    persona: Any, make_incident: Any, client_as: Any, world: Any
) -> None:
    amber = _police_case(persona, make_incident, AMBER_VALLEY, "Ambergate")
    board = Partnership.objects.get(kind=PartnershipKind.BOARD)
    # Even an agreement naming the board and the district does not open district records to it.
    world.asb_isa.partnerships.set([board, amber.partnership])
    client = client_as("police_caseworker")
    response = client.post("/accounts/partnership/", {"partnership": board.pk})
    assert response.status_code == 302
    assert client.get(f"/cases/{amber.pk}/").status_code == 404
    assert amber.reference not in client.get("/cases/").content.decode()
    assert client.get("/api/v1/cases").json()["results"] == []

    # The board's members see its districts' figures: counts, small ones suppressed, no records.
    board_member = client_as("dcc_board_member")
    assert board_member.post("/accounts/partnership/", {"partnership": board.pk}).status_code == 302
    overview = board_member.get("/insights/partnerships/").content.decode()
    assert overview.count('data-testid="open-cases">fewer than 5<') == 1  # Amber Valley's one case
    assert overview.count('data-testid="open-cases">0<') == 7
    assert amber.reference not in overview and "Ambergate" not in overview

    police = persona("police_caseworker")
    membership = Membership.objects.get(user=police)
    in_board = actor_for(police, membership, partnership_id=board.pk)
    assert not in_board.policy.can(Action.VIEW, amber)
    with pytest.raises(PermissionDeniedError, match="county board"):
        person_create(actor=in_board, given_name="Not", family_name="Here")
