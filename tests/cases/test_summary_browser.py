"""In headless Chromium, a caseworker finds an old case summary that holds an address, is warned
when a change still holds one, and corrects it; axe-core finds no serious or critical problem."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from csphub.cases.models import Case
from tests.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_caseworker_corrects_a_summary_that_holds_an_address(
    browser_page: Any, persona: Any, sign_in: Any, world: Any, make_case: Any
) -> None:
    case = make_case("avbc_caseworker", summary="Noise from Flat 4, DE5 3ZZ")
    page = browser_page
    sign_in(page, persona("avbc_caseworker"))
    page.goto(reverse("cases:case_list"))
    page.click("text=Check case summaries for addresses")
    table = page.locator("[data-testid=summaries-to-check]")
    assert case.reference in table.inner_text()
    assert_accessible(page)
    table.locator("a:has-text('Change')").first.click()
    page.get_by_label("Case summary").fill("Noise from a neighbour at Flat 4")
    page.get_by_role("button", name="Save summary").click()
    assert "Flat 4" in page.locator("[data-testid=address-warning]").inner_text()
    assert_accessible(page)
    page.get_by_label("Case summary").fill("Noise from a neighbour")
    page.get_by_role("button", name="Save summary").click()
    page.wait_for_selector(f"text=Summary of {case.reference} changed")
    assert Case.objects.get(pk=case.pk).summary == "Noise from a neighbour"
    page.goto(reverse("cases:summaries_to_check"))
    assert page.locator("[data-testid=no-summaries]").count() == 1
    assert_accessible(page)


def test_an_old_summary_with_an_address_is_flagged_on_the_case_and_sharing_pages(
    browser_page: Any, persona: Any, sign_in: Any, world: Any, make_case: Any
) -> None:
    """A summary written before the warning existed: the owner is told on the case page, the Sharing
    page and the page to share it, and follows the link to correct it."""
    case = make_case("avbc_caseworker", summary="Noise from DE5 3ZZ")
    page = browser_page
    sign_in(page, persona("avbc_caseworker"))
    for name in ("cases:case_detail", "cases:case_sharing", "cases:case_share_new"):
        page.goto(reverse(name, args=[case.pk]))
        assert "DE5 3ZZ" in page.locator("[data-testid=summary-address-warning]").inner_text(), name
        assert_accessible(page)
    page.locator("[data-testid=summary-address-warning] a").click()
    page.get_by_label("Case summary").fill("Noise from a neighbour")
    page.get_by_role("button", name="Save summary").click()
    page.wait_for_selector(f"text=Summary of {case.reference} changed")
    assert page.locator("[data-testid=summary-address-warning]").count() == 0
    assert_accessible(page)
