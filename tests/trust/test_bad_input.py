"""Security review finding 11: a NUL byte (or another control character) never gives a server
error; it is refused with a clear message, on both databases (run this file on PostgreSQL too)."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db

# The review's four 500s on PostgreSQL, plus the same byte in the other search boxes and a form.
PAGES = [
    "/people/?q=a%00b",
    "/cases/?q=a%00b",
    "/cases/search/?q=a%00b",
    "/case-reviews/staff/CR-%00/",
    "/cases/?q=a%01b",
    "/people/?q%00=x",
]
API = ["/api/v1/people?search=a%00b", "/api/v1/cases?search=a%00b"]


@pytest.mark.parametrize("url", PAGES)
def test_control_characters_in_a_page_address_are_refused_clearly(client_as: Any, url: str) -> None:
    response = client_as("avbc_caseworker").get(url)
    assert response.status_code == 400
    assert "contains a character that CSP Hub cannot accept" in response.content.decode()


@pytest.mark.parametrize("url", API)
def test_control_characters_in_the_api_are_refused_clearly(client_as: Any, url: str) -> None:
    response = client_as("avbc_caseworker").get(url)
    assert response.status_code == 400
    assert "cannot accept" in response.json()["detail"]


def test_a_nul_byte_in_a_form_is_refused_and_nothing_saved(client_as: Any) -> None:
    from csphub.people.models import Person

    before = Person.objects.count()
    response = client_as("avbc_caseworker").post(
        "/people/new/", {"kind": "individual", "given_name": "Nul\x00l", "family_name": "Byte"}
    )
    assert response.status_code == 400
    assert Person.objects.count() == before


def test_ordinary_text_with_tabs_and_new_lines_is_accepted(client_as: Any) -> None:
    client = client_as("avbc_caseworker")
    assert client.get("/people/", {"q": "O'Brien\tSmith"}).status_code == 200
    assert client.get("/cases/search/", {"q": "Zoë Ñúñez 東京"}).status_code == 200
