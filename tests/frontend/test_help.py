"""Review items 36 and 41 (section 6 "Help"): help pages and a glossary of the 2014 Act powers with
links to the Act and the statutory guidance; /favicon.ico answers on pages that name no icon."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from csphub.frontend import help as content

pytestmark = pytest.mark.django_db


def test_every_power_is_in_the_glossary_with_its_section_of_the_act(client_as: Any) -> None:
    body = client_as("avbc_caseworker").get(reverse("frontend:glossary")).content.decode()
    for term in content.glossary():
        assert f'id="{term.slug}"' in body and term.name in body
        assert term.law, term.slug
        for _, href in term.law:
            assert f'href="{href}"' in body
    # The powers a caseworker uses most, with the numbers the Act sets.
    assert "within 21 days beginning with the day the notice was issued" in body  # s.46(2)
    assert f'href="{content.section("43")}"' in body and f'href="{content.section("59")}"' in body
    assert f'href="{content.ASB_GUIDANCE}"' in body
    # Local practice is labelled as such, not stated as law.
    assert "partnership&#x27;s own choice" in body or "partnership's own choice" in body


def test_every_glossary_link_is_to_the_law_or_gov_uk() -> None:
    for term in content.glossary():
        for _, href in term.law:
            assert re.match(r"https://www\.(legislation\.gov\.uk|gov\.uk)/", href), href


def test_help_page_links_the_glossary_and_guidance_and_is_in_the_menu(client_as: Any) -> None:
    for username in ("avbc_caseworker", "avbc_board_member", "avbc_administrator"):
        body = client_as(username).get(reverse("frontend:help")).content.decode()
        assert reverse("frontend:glossary") in body and content.CASE_REVIEW_GUIDANCE in body
        home = client_as(username).get(reverse("frontend:home")).content.decode()
        assert f'href="{reverse("frontend:help")}"' in home


def test_favicon_ico_redirects_to_the_icon(client: Any) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/frontend/favicon.svg"
