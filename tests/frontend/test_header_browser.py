"""Review items 34 and 39: the menu fits on one row at 1280 px for every staff role, shows only
what the role can use, and on a phone collapses behind GOV.UK's "Menu" toggle (the local
govuk-frontend script, no CDN) with the header text clear of the blue bar."""

from __future__ import annotations

from typing import Any

import pytest

from tests.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

STAFF = (
    "avbc_caseworker",
    "avbc_team_manager",
    "avbc_partnership_coordinator",
    "avbc_analyst",
    "avbc_board_member",
    "avbc_administrator",
    "police_caseworker",
)


def _rows(page: Any) -> int:
    tops = page.eval_on_selector_all(
        ".govuk-service-navigation__item",
        "items => items.map(i => Math.round(i.getBoundingClientRect().top))",
    )
    return len(set(tops))


def _labels(page: Any) -> list[str]:
    return [t.strip() for t in page.locator(".govuk-service-navigation__item").all_inner_texts()]


@pytest.mark.parametrize("username", STAFF)
def test_menu_is_one_row_at_1280_px(browser_page: Any, persona: Any, sign_in: Any, username: str) -> None:
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, persona(username))
    page.goto("/home/")
    widths = page.eval_on_selector_all(
        ".govuk-service-navigation__item",
        "items => items.map(i => Math.round(i.getBoundingClientRect().width))",
    )
    assert _rows(page) == 1, (username, " | ".join(_labels(page)), widths)
    # On a page whose item is current (drawn bold), too.
    page.locator(".govuk-service-navigation__link").first.click()
    page.wait_for_selector(".govuk-service-navigation__item--active")
    assert _rows(page) == 1, (username, page.url)
    if username in ("avbc_analyst", "avbc_board_member", "avbc_administrator"):
        assert "Risk questionnaires" not in _labels(page)


def test_phone_menu_toggle(browser_page: Any, persona: Any, sign_in: Any) -> None:
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 740})
    sign_in(page, persona("avbc_partnership_coordinator"))
    page.goto("/home/")
    page.wait_for_selector("body.govuk-frontend-supported")
    toggle = page.get_by_role("button", name="Menu")
    assert toggle.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator(".govuk-service-navigation__list").is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator(".govuk-service-navigation__list").is_visible()
    assert page.get_by_role("navigation", name="Menu").get_by_role("link", name="Cases").is_visible()
    # The header's text stays inside the blue header bar.
    header = page.locator("header.govuk-header").bounding_box()
    who = page.locator("[data-testid=acting-as]").bounding_box()
    assert header is not None and who is not None
    assert who["y"] + who["height"] <= header["y"] + header["height"] + 1
    assert who["x"] >= 0 and who["x"] + who["width"] <= 375
    assert_accessible(page)
    if __import__("os").environ.get("CSPHUB_SCREENSHOTS"):
        page.screenshot(path="/tmp/phone-menu.png")
