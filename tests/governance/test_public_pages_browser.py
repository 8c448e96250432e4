"""In real headless Chromium, axe-core finds no serious or critical accessibility problem on the public
pages: the privacy notice, accessibility statement, cookies page, the ASB Case Review start page and
the published figures, each in English and in Welsh (the accessibility statement says these are the
pages checked)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from tests.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _area(world: Any, persona: Any) -> Any:
    from csphub.casereviews.services import area_configure

    agencies = world.agencies
    return area_configure(
        actor=None,
        name="Amber Valley",
        slug="amber-valley",
        managing_agency=agencies["avbc"],
        contact_team="Community Safety Team",
        contact_email="community.safety@example.gov.uk",
        contact_phone="01773 000000",
        appeal_body_name="the Derbyshire Police and Crime Commissioner",
        appeal_body_contact="Office of the PCC, Butterley Hall, Ripley",
        relevant_bodies=[agencies[s] for s in ("avbc", "police", "nhs", "housing")],
        sharing_agreement=world.asb_isa,
        default_spoc=persona("avbc_caseworker"),
    )


def test_public_pages_pass_axe_core(browser_page: Any, world: Any, persona: Any, settings: Any) -> None:
    from csphub.casereviews import rules

    settings.CSPHUB_OFFER_WELSH = True
    area = _area(world, persona)
    year = rules.ReportingYear.containing(timezone.localdate())
    page = browser_page
    public_pages = (
        "/about/privacy/",
        "/about/accessibility/",
        "/about/cookies/",
        "/case-reviews/",
        "/case-reviews/apply/",
        "/case-reviews/status/",
        "/case-reviews/published/",
        f"/case-reviews/published/{area.slug}/{year.slug}/",
    )
    for url in public_pages:
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        assert_accessible(page)
    # In Welsh too (the page's language is declared, so assistive technology reads it as Welsh).
    page.goto("/case-reviews/?lang=cy")
    assert page.get_attribute("html", "lang") == "cy"
    for url in public_pages:  # every public page, the cookies page and the figures included
        page.goto(url)
        assert page.get_attribute("html", "lang") == "cy", url
        assert_accessible(page)
    page.goto("/case-reviews/?lang=en-gb")
    # The footer reaches each page from any other.
    page.goto("/case-reviews/")
    page.click("footer >> text=Accessibility statement")
    page.wait_for_url("**/about/accessibility/")
    assert page.console_errors == []
