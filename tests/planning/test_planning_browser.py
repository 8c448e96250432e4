"""In real headless Chromium: two assessors score a theme on their own, the coordinator compares
their scores, and a board member records the priorities the board adopted."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from csphub.planning.models import PriorityAdoption, ScoringFramework

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

GRID_CELLS = (
    "physical", "psychological", "financial", "community", "environment", "likelihood", "confidence",
    "capacity", "capability", "reputation", "partnership", "opportunity",
)  # fmt: skip


def score_asb(page: Any, session_url: str, *, physical: int, likelihood: int) -> None:
    page.goto(session_url)
    page.click("a:has-text('Score Anti-social behaviour')")
    for cell in GRID_CELLS:
        level = {"physical": physical, "likelihood": likelihood}.get(cell, 2)
        page.check(f"input[name={cell}][value='{level}']")
    page.fill("#id_physical_rationale", "Repeat victims report injuries")
    page.click("button:has-text('Save my scores')")
    page.wait_for_url(session_url)


def test_two_assessors_score_the_coordinator_compares_the_board_adopts(
    browser_page: Any, _browser: Any, live_server: Any, persona: Any, sign_in: Any
) -> None:
    assert ScoringFramework.objects.filter(version="1").exists()
    coordinator = browser_page
    sign_in(coordinator, persona("avbc_partnership_coordinator"))
    coordinator.goto("/priorities/")
    coordinator.click("text=Open a scoring session")
    coordinator.fill("#id_title", "Priority setting workshop")
    coordinator.check("text=4×4 impact × likelihood grid, version 1")
    coordinator.click("button:has-text('Continue')")
    coordinator.wait_for_selector("text=Check the session before you open it")
    coordinator.click("button:has-text('Open the session')")
    coordinator.wait_for_url("**/priorities/sessions/*/")
    session_url = coordinator.url

    analyst_context = _browser.new_context(base_url=live_server.url)
    analyst = analyst_context.new_page()
    sign_in(analyst, persona("avbc_analyst"))
    score_asb(analyst, session_url, physical=1, likelihood=3)
    score_asb(coordinator, session_url, physical=4, likelihood=3)

    coordinator.goto(session_url)
    agreement = coordinator.locator("[data-testid=agreement-asb]").inner_text()
    assert "Differ by 3 points" in agreement
    ranking = coordinator.locator("[data-testid=ranking]").inner_text()
    assert "Anti-social behaviour" in ranking and "High" in ranking  # consensus 4 x 3 = 12
    assert coordinator.locator("[data-testid=sensitivity]").is_visible()

    board_context = _browser.new_context(base_url=live_server.url)
    board = board_context.new_page()
    sign_in(board, persona("avbc_board_member"))
    board.goto(session_url)
    board.click("text=Record the priorities the board adopted")
    today = timezone.localdate()
    board.fill("#id_adopted_on_day", str(today.day))
    board.fill("#id_adopted_on_month", str(today.month))
    board.fill("#id_adopted_on_year", str(today.year))
    board.fill("#id_minutes_reference", "Board minutes, item 5")
    board.click("button:has-text('Continue')")
    board.wait_for_selector("text=Check the board")
    board.click("button:has-text('Record the adopted priorities')")
    board.wait_for_url(session_url)
    assert "Adopted by the board" in board.locator("[data-testid=adoption]").inner_text()
    adoption = PriorityAdoption.objects.get()
    assert adoption.themes == ["asb"] and adoption.minutes_reference == "Board minutes, item 5"
    assert not coordinator.console_errors  # the page the fixture watches
    analyst_context.close()
    board_context.close()
