"""Several partnerships in one instance (national-geography issue, item 4, first part): agencies sit
in several partnerships, a user works in one at a time and can switch; the Strategic Assessment's
adoption and its default area follow the partnership; a county board sees its districts' adopted
assessments (aggregates only)."""

from __future__ import annotations

from typing import Any

import pytest

from csphub.agencies.models import Partnership, PartnershipKind
from csphub.agencies.selectors import partnerships_of
from csphub.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_demo_sets_up_derbyshires_eight_csps_and_the_county_board(world: Any) -> None:
    board = Partnership.objects.get(kind=PartnershipKind.BOARD)
    csps = Partnership.objects.filter(kind=PartnershipKind.CSP)
    assert csps.count() == 8 and set(board.members.all()) == set(csps)
    assert {p.code for p in csps} == {f"E220000{n}" for n in (37, 38, 39, 41, 42, 43, 44, 45)}
    police = world_agency("police")
    assert len(partnerships_of(police)) == 9  # every district CSP and the board
    assert [p.name for p in partnerships_of(world_agency("avbc"))] == [
        "Amber Valley Community Safety Partnership"
    ]


def world_agency(slug: str) -> Any:
    from csphub.agencies.models import Agency

    return Agency.objects.get(slug=slug)


def test_a_user_works_in_the_installations_partnership_until_they_switch(world: Any, client_as: Any) -> None:
    client = client_as("police_caseworker")
    page = client.get("/accounts/partnership/").content.decode()
    assert (
        "Bolsover Community Safety Partnership" in page and "Derbyshire County Community Safety Board" in page
    )
    bolsover = Partnership.objects.get(code="E22000038")
    response = client.post("/accounts/partnership/", {"partnership": bolsover.pk}, follow=True)
    assert "You are now working in Bolsover Community Safety Partnership" in response.content.decode()
    assert "Bolsover Community Safety Partnership. Personal data" in response.content.decode()  # the banner
    assert AuditEvent.objects.filter(verb="partnership.chosen", target_id=str(bolsover.pk)).exists()
    # the assessment form offers the partnership's area
    analyst_page = client_as("avbc_analyst").get("/insights/").content.decode()
    assert 'value="Amber Valley"' in analyst_page


def test_a_partnership_the_agency_is_not_in_cannot_be_chosen(world: Any, client_as: Any) -> None:
    bolsover = Partnership.objects.get(code="E22000038")
    response = client_as("avbc_caseworker").post("/accounts/partnership/", {"partnership": bolsover.pk})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not AuditEvent.objects.filter(verb="partnership.chosen").exists()
