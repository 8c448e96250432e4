"""The public-sector pages: privacy notice (UK GDPR Art 13/14), accessibility statement (Public Sector
Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018, reg 8) and the
cookies page (PECR reg 6: strictly necessary cookies only, so no consent banner)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_privacy_notice_names_controllers_lawful_bases_retention_rights_and_dpo(
    client: Any, world: Any
) -> None:
    response = client.get(reverse("governance:privacy"))
    assert response.status_code == 200
    body = response.content.decode()
    for agency in world.agencies.values():
        assert agency.name in body
    # The lawful basis of each agreement in force, in words, with its purpose.
    assert world.asb_isa.name in body
    assert world.asb_isa.get_lawful_basis_display() in body
    assert "6 years after the case is closed" in body
    assert "subject access request" in body
    assert "dpo@ambervalley.example.org" in body
    assert "Information Commissioner" in body


def test_privacy_notice_leaves_out_an_agreement_that_has_ended(client: Any, world: Any) -> None:
    isa = world.panel_isa
    isa.ended_on = dt.date(2020, 1, 1)
    isa.save()
    body = client.get(reverse("governance:privacy")).content.decode()
    assert world.asb_isa.name in body
    assert isa.name not in body


def test_privacy_notice_follows_the_partnership_settings(client: Any, world: Any, settings: Any) -> None:
    settings.CSPHUB_PRIVACY = {**settings.CSPHUB_PRIVACY, "dpo_email": "privacy@other.example.org"}
    body = client.get(reverse("governance:privacy")).content.decode()
    assert "privacy@other.example.org" in body
    assert "dpo@ambervalley.example.org" not in body


def test_accessibility_statement_has_the_parts_the_regulations_require(client: Any, db: Any) -> None:
    response = client.get(reverse("governance:accessibility"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "partially compliant with the Web Content Accessibility Guidelines version 2.2 AA" in body
    assert "2.2.1 (Timing Adjustable)" in body  # a known non-compliance, named honestly
    assert "Equality Advisory and Support Service" in body  # the enforcement procedure
    assert "accessibility@ambervalley.example.org" in body  # how to report a problem
    assert "axe-core" in body and "has not yet been audited" in body  # how it was tested
    assert "26 November 2026" in body


def test_cookies_page_names_only_the_essential_cookies_with_purpose_and_expiry(
    client: Any, db: Any, settings: Any
) -> None:
    body = client.get(reverse("governance:cookies")).content.decode()
    assert settings.SESSION_COOKIE_NAME in body and settings.CSRF_COOKIE_NAME in body
    assert "at most 12 hours after you sign in" in body
    assert "364 days" in body  # Django's CSRF cookie age (52 weeks)
    assert "cookie banner" not in body


def test_cookies_page_expiry_follows_the_settings(client: Any, db: Any, settings: Any) -> None:
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = False
    settings.SESSION_COOKIE_AGE = 2 * 24 * 3600
    settings.CSRF_COOKIE_AGE = None
    body = client.get(reverse("governance:cookies")).content.decode()
    assert "2 days" in body
    assert "When you close your browser" in body


@pytest.mark.parametrize("who", [None, "avbc_caseworker"])
def test_every_page_footer_links_the_three_pages(client_as: Any, client: Any, who: str | None) -> None:
    http = client if who is None else client_as(who)
    page = http.get(reverse("governance:cookies") if who is None else reverse("frontend:home"))
    body = page.content.decode()
    for name in ("governance:privacy", "governance:accessibility", "governance:cookies"):
        assert f'href="{reverse(name)}"' in body
