"""Review item 14 (section 6): where an information sharing agreement allows it, a partner who
searches for a person learns which agencies hold a record about someone of that name (never what
it says) and can ask them to share it; the holding agency sees the request."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from csphub.audit.models import AuditEvent
from csphub.cases.models import ShareRequest
from csphub.people.services import person_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def police_person(persona: Any) -> Any:
    return person_create(
        actor=persona("police_caseworker"), given_name="Robin", family_name="Quarrendon", phone="07700 900123"
    )


def _holders(client: Any, q: str) -> str:
    body = client.get(reverse("cases:search"), {"q": q}).content.decode()
    if 'data-testid="record-holders"' not in body:
        return ""
    start = body.index('data-testid="record-holders"')
    return body[start : body.index("</div>", start)]


def test_no_agreement_allowing_it_no_locator(police_person: Any, client_as: Any, world: Any) -> None:
    assert not world.asb_isa.allows_record_locator
    assert _holders(client_as("avbc_caseworker"), "Robin Quarrendon") == ""


def test_locator_names_the_agency_never_the_record_and_needs_a_full_name(
    police_person: Any, client_as: Any, world: Any
) -> None:
    world.asb_isa.allows_record_locator = True
    world.asb_isa.save(update_fields=["allows_record_locator"])
    client = client_as("avbc_caseworker")
    holders = _holders(client, "robin quarrendon")
    assert "Derbyshire Constabulary" in holders
    body = client.get(reverse("cases:search"), {"q": "Robin Quarrendon"}).content.decode()
    assert "07700 900123" not in body
    assert reverse("cases:person_detail", args=[police_person.pk]) not in body
    assert _holders(client, "Quarrendon") == ""  # a surname alone finds nothing
    # The owning agency sees its own record in the results, not in the locator.
    assert _holders(client_as("police_caseworker"), "Robin Quarrendon") == ""


def test_a_share_request_reaches_the_holding_agency(
    police_person: Any, client_as: Any, world: Any, persona: Any
) -> None:
    world.asb_isa.allows_record_locator = True
    world.asb_isa.save(update_fields=["allows_record_locator"])
    client = client_as("avbc_caseworker")
    url = reverse("cases:share_request")
    police = world.agencies["police"]
    missing_reason = client.post(
        url, {"q": "Robin Quarrendon", "agency": police.pk, "reason": ""}, follow=True
    )
    assert "Enter why your agency needs the record" in missing_reason.content.decode()
    response = client.post(
        url,
        {"q": "Robin Quarrendon", "agency": police.pk, "reason": "Victim of repeated ASB in Ripley"},
        follow=True,
    )
    assert "Request sent" in response.content.decode()
    request = ShareRequest.objects.get()
    assert (request.person, request.holding_agency, request.agreement) == (
        police_person,
        police,
        world.asb_isa,
    )
    assert AuditEvent.objects.filter(verb="sharerequest.made", actor=persona("avbc_caseworker")).count() == 1
    home = client_as("police_caseworker").get(reverse("frontend:home")).content.decode()
    assert "Requests to share your records" in home and "Victim of repeated ASB in Ripley" in home
    # Asking an agency that holds nothing (or is not under such an agreement) is refused.
    housing = world.agencies["housing"]
    refused = client.post(url, {"q": "Robin Quarrendon", "agency": housing.pk, "reason": "x"}, follow=True)
    assert "holds no record you can ask for" in refused.content.decode()
    assert ShareRequest.objects.count() == 1
