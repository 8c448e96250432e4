"""The pages that left the menu so that it fits one row at 1280 px (the partnership registers, the
deadlines and data protection) are reached from home panels: each role sees the panels its
policy allows and no other, and every link in them opens a page that a person can use (axe-core:
no serious or critical violation; no internal code, server path or command on it)."""

from __future__ import annotations

from typing import Any

import pytest

from csphub.agencies.policies import Capability
from csphub.core.actor import as_actor
from csphub.duties.sections import partnership_nav_visible
from tests.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

INTERNAL = ("csphub ", "duties:", "dataprotection:", "governance.", "/src/", "Traceback", "rule_version")
STAFF = (
    "avbc_caseworker",
    "avbc_partnership_coordinator",
    "avbc_board_member",
    "avbc_administrator",
    "police_team_manager",
)


def _handles_data_protection(user: Any) -> bool:
    actor = as_actor(user)
    return actor is not None and (
        actor.policy.has_capability(Capability.MANAGE_DATA_PROTECTION)
        # a coordinator or administrator sets the partnership's privacy notice and Welsh offer there
        or actor.policy.has_capability(Capability.CONFIGURE_PUBLIC_PAGES)
    )


def _no_internal(page: Any) -> None:
    text = page.inner_text("main")
    for word in INTERNAL:
        assert word not in text, f"{word!r} shown on {page.url}"


@pytest.mark.parametrize("username", STAFF)
def test_home_panels_follow_the_policy_and_their_pages_are_usable(
    browser_page: Any, persona: Any, sign_in: Any, username: str
) -> None:
    user = persona(username)
    expected = {
        "home-partnership-duties": partnership_nav_visible(user),
        "home-data-protection": _handles_data_protection(user),
    }
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, user)
    page.goto("/home/")
    assert_accessible(page)
    _no_internal(page)
    links: list[tuple[str, str]] = []
    for testid, shown in expected.items():
        panel = page.locator(f"[data-testid={testid}]")
        assert panel.count() == (1 if shown else 0), (username, testid, shown)
        if shown:
            for link in panel.get_by_role("link").all():
                links.append((link.inner_text().strip(), str(link.get_attribute("href"))))
    deadlines = page.locator("[data-testid=home-deadlines]")
    if deadlines.count():
        links.append(("See all your deadlines", "/duties/deadlines/"))
    for label, href in links:
        response = page.goto(href)
        assert response is not None and response.status == 200, (username, label, href)
        heading = page.locator("main h1").first.inner_text()
        assert heading.strip(), (label, href)
        _no_internal(page)
        assert_accessible(page)
    if any(expected.values()):
        assert links, username
