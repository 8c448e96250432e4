"""The incident form records the alleged perpetrator's name as given, never split by guessing
(new-user review item 22: "Occupant of Flat 2" became first name "Occupant of Flat", last name "2")."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from csphub.cases.models import Incident, PartyRole
from csphub.people.models import PersonKind
from tests.cases.test_date_fields import _parts

pytestmark = pytest.mark.django_db


def _record(client: Any, **who: str) -> str:
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    data = {
        **_parts("occurred_at", yesterday, "21:30"),
        **_parts("reported_at", yesterday, "22:05"),
        "channel": "phone",
        "asb_type": "personal",
        "category": "noise",
        "description": "Music after midnight",
        **who,
    }
    check = client.post(reverse("cases:incident_new"), data).content.decode()
    if "There is a problem" in check:
        return check
    client.post(reverse("cases:incident_new"), {**data, "step": "confirm"})
    return check


def _perpetrator(incident: Incident) -> Any:
    return incident.parties.get(role=PartyRole.ALLEGED_PERPETRATOR).person


@pytest.mark.parametrize(
    ("who", "given", "family", "known_as", "kind"),
    [
        ({"perpetrator_known_as": "Occupant of Flat 2"}, "", "", "Occupant of Flat 2", PersonKind.INDIVIDUAL),
        (
            {"perpetrator_given_name": "Mary Ann", "perpetrator_family_name": "Van der Berg"},
            "Mary Ann", "Van der Berg", "", PersonKind.INDIVIDUAL,
        ),
        ({"perpetrator_family_name": "Smith"}, "", "Smith", "", PersonKind.INDIVIDUAL),
        (
            {"perpetrator_known_as": "Group at Market Place skate park", "perpetrator_is_group": "on"},
            "", "", "Group at Market Place skate park", PersonKind.GROUP,
        ),
    ],
)  # fmt: skip
def test_the_name_is_stored_as_given(
    client_as: Any, who: dict[str, str], given: str, family: str, known_as: str, kind: str
) -> None:
    _record(client_as("avbc_caseworker"), **who)
    person = _perpetrator(Incident.objects.get())
    assert (person.given_name, person.family_name, person.known_as, person.kind) == (
        given, family, known_as, kind,
    )  # fmt: skip


def test_no_perpetrator_fields_records_no_perpetrator(client_as: Any) -> None:
    _record(client_as("avbc_caseworker"))
    assert not Incident.objects.get().parties.filter(role=PartyRole.ALLEGED_PERPETRATOR).exists()


def test_a_group_needs_how_it_is_known(client_as: Any) -> None:
    page = _record(client_as("avbc_caseworker"), perpetrator_given_name="Jo", perpetrator_is_group="on")
    assert "Enter how the group is known" in page
    assert not Incident.objects.exists()


def test_the_person_pages_show_the_name_as_typed(client_as: Any) -> None:
    """The person page and its change form show "Occupant of Flat 2" whole, in "Known as", with no
    first or last name made up from it."""
    client = client_as("avbc_caseworker")
    _record(client, perpetrator_known_as="Occupant of Flat 2")
    person = _perpetrator(Incident.objects.get())
    detail = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "<h1" in detail and "Occupant of Flat 2" in detail.split("<h1", 1)[1].split("</h1>", 1)[0]
    assert "Occupant of Flat</" not in detail
    change = client.get(reverse("people:edit", args=[person.pk])).content.decode()
    assert 'name="known_as"' in change and 'value="Occupant of Flat 2"' in change
    for field in ("given_name", "family_name"):
        tag = change.split(f'name="{field}"', 1)[1].split(">", 1)[0]
        assert 'value="' not in tag or 'value=""' in tag, tag
