"""The partnership's public pages in a real browser: a partnership coordinator opens "Privacy notice
and Welsh" from their home page, is told when the e-mail address is wrong, names the Data
Protection Officer and offers Welsh (question, check answers, save), and the public privacy notice
then shows that officer and a language switch. With two partnerships' areas, the notice first asks
the visitor to choose their area. axe-core finds no serious or critical problem on any page."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_coordinator_sets_the_privacy_notice_and_welsh(
    browser_page: Any, world: Any, persona: Any, sign_in: Any, settings: Any
) -> None:
    from csphub.agencies.models import Partnership
    from csphub.casereviews.models import CaseReviewArea

    settings.CSPHUB_OFFER_WELSH = False
    for name, code, agency in (("Amber Valley", "E22000037", "avbc"), ("Erewash", "E22000042", "dcc")):
        CaseReviewArea.objects.create(
            name=name,
            slug=name.lower().replace(" ", "-"),
            managing_agency=world.agencies[agency],
            partnership=Partnership.objects.get(code=code),
            contact_team="Community Safety Team",
            contact_email="cs@example.org",
            contact_phone="01773 000000",
            appeal_body_name="the PCC",
        )

    page = browser_page
    sign_in(page, persona("avbc_partnership_coordinator"))
    page.goto("/home/")
    page.click("[data-testid=home-data-protection] a:has-text('Privacy notice and Welsh')")
    page.wait_for_url(re.compile(r"/data-protection/public-pages/$"))
    assert "Amber Valley Community Safety Partnership" in page.inner_text("main")
    assert_accessible(page)

    page.fill("#id_dpo_name", "Information Governance Lead, Amber Valley Borough Council")
    page.fill("#id_dpo_email", "not an address")
    page.check("input[name=offer_welsh][value=yes]")
    page.click("main form button[type=submit]")
    assert "Enter an e-mail address in the correct format" in page.inner_text(".govuk-error-summary")
    assert_accessible(page)

    page.fill("#id_dpo_email", "igl@amber.example.org")
    page.click("main form button[type=submit]")
    assert "igl@amber.example.org" in page.inner_text("main")
    assert_accessible(page)
    page.click("button:has-text('Save')")
    page.wait_for_url(re.compile(r"/data-protection/public-pages/$"))
    assert "saved" in page.inner_text("main")
    amber = Partnership.objects.get(code="E22000037")
    assert amber.dpo_email == "igl@amber.example.org" and amber.offer_welsh is True

    # The public notice: two partnerships' areas, so the visitor chooses theirs first.
    public = page.context.browser.new_context(base_url=page.base_url)  # not signed in
    visitor = public.new_page()
    visitor.goto("/about/privacy/")
    assert visitor.locator("[data-testid=choose-area]").count() == 1
    assert visitor.locator("[data-testid=controllers]").count() == 0
    assert_accessible(visitor)
    visitor.click("[data-testid=choose-area] a:has-text('Amber Valley')")
    assert "igl@amber.example.org" in visitor.inner_text("[data-testid=dpo]")
    assert visitor.locator("[data-testid=language-switch]").count() == 1
    assert_accessible(visitor)
    visitor.click("[data-testid=language-switch] a[hreflang=cy]")
    assert visitor.get_attribute("html", "lang") == "cy"
    assert_accessible(visitor)
    visitor.click("[data-testid=choose-area] a:has-text('Erewash')")
    assert visitor.locator("[data-testid=language-switch]").count() == 0  # Erewash has not chosen Welsh
    assert visitor.get_attribute("html", "lang") != "cy"
    assert_accessible(visitor)
    public.close()
