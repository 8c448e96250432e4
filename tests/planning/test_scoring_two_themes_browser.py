"""In headless Chromium, a MoRiLE-style scoring session end to end for TWO themes: the partnership
coordinator opens the session, a partner's analyst and the coordinator each score hate crime and
anti-social behaviour, the coordinator sees the two themes ranked (by the median of the assessors'
levels: the higher middle one for two assessors), and a board member records the adopted priorities.
axe-core finds no serious or critical problem on any page visited.

Hand-worked, under the 4×4 grid (impact = the highest harm cell, score = impact × likelihood; banding
9–16 high, 5–8 medium, 1–4 low):

* hate crime: physical 3 (analyst) and 4 (coordinator) → 4, the other harm cells 2 → impact 4;
  likelihood 4 and 4 → 4; score 4 × 4 = 16, high.
* anti-social behaviour: physical 2 and 1 → 2, the other harm cells 2 → impact 2; likelihood 3 and 2
  → 3; score 2 × 3 = 6, medium.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from csphub.planning.models import PriorityAdoption, ScoreSheet, ScoringFramework
from tests.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

GRID_CELLS = (
    "physical", "psychological", "financial", "community", "environment", "likelihood", "confidence",
    "capacity", "capability", "reputation", "partnership", "opportunity",
)  # fmt: skip


def score_theme(
    page: Any, session_url: str, label: str, *, physical: int, likelihood: int, why: str, check: bool
) -> None:
    """Score one theme on the session's sheet: ``physical`` and ``likelihood`` as given, every other
    cell level 2, with the rationale for the physical harm score."""
    page.goto(session_url)
    page.click(f"a:has-text('Score {label}')")
    page.wait_for_selector(f"h1:has-text('Score {label.lower()}')")
    if check:
        assert_accessible(page)  # the sheet, with the theme's evidence from the assessment
    for cell in GRID_CELLS:
        level = {"physical": physical, "likelihood": likelihood}.get(cell, 2)
        page.check(f"input[name={cell}][value='{level}']")
    page.fill("#id_physical_rationale", why)
    page.click("button:has-text('Save my scores')")
    page.wait_for_url(session_url)
    assert f"Your scores for {label.lower()} are saved" in page.content()


def test_two_themes_scored_by_two_assessors_are_ranked_and_adopted(
    browser_page: Any, _browser: Any, live_server: Any, persona: Any, sign_in: Any
) -> None:
    assert ScoringFramework.objects.filter(version="1").exists()
    coordinator = browser_page
    sign_in(coordinator, persona("avbc_partnership_coordinator"))
    coordinator.goto("/priorities/")
    assert_accessible(coordinator)
    coordinator.click("text=Open a scoring session")
    assert_accessible(coordinator)
    coordinator.fill("#id_title", "Annual priority setting: hate crime and ASB")
    coordinator.check("text=4×4 impact × likelihood grid, version 1")
    coordinator.click("button:has-text('Continue')")
    coordinator.wait_for_selector("text=Check the session before you open it")
    assert_accessible(coordinator)
    coordinator.click("button:has-text('Open the session')")
    coordinator.wait_for_url("**/priorities/sessions/*/")
    session_url = coordinator.url
    assert_accessible(coordinator)  # the session page before anyone has scored

    analyst_context = _browser.new_context(base_url=live_server.url)
    analyst = analyst_context.new_page()
    sign_in(analyst, persona("avbc_analyst"))
    score_theme(
        analyst, session_url, "Hate crime", physical=3, likelihood=4, why="Assaults reported", check=True
    )
    score_theme(
        analyst,
        session_url,
        "Anti-social behaviour",
        physical=2,
        likelihood=3,
        why="Mostly nuisance",
        check=True,
    )
    assert_accessible(analyst)  # the session page, the analyst's two themes marked scored
    assert analyst.locator("a:has-text('Score again')").count() == 2

    score_theme(
        coordinator, session_url, "Hate crime", physical=4, likelihood=4, why="Two woundings", check=False
    )
    score_theme(
        coordinator,
        session_url,
        "Anti-social behaviour",
        physical=1,
        likelihood=2,
        why="Few injuries",
        check=False,
    )
    assert ScoreSheet.objects.filter(theme__in=["hate_crime", "asb"]).count() == 4

    coordinator.goto(session_url)
    rows = coordinator.locator("[data-testid=ranking] tbody tr")
    assert rows.count() == 2
    first = rows.nth(0).locator("td").all_inner_texts()
    second = rows.nth(1).locator("td").all_inner_texts()
    # rank, theme, harm, likelihood, score, band, confidence, organisational position, assessors
    assert first[:6] == ["1", "Hate crime", "4", "4", "16", "High"]
    assert second[:6] == ["2", "Anti-social behaviour", "2", "3", "6", "Medium"]
    assert first[8] == second[8] == "2"
    assert "Differ by" not in coordinator.locator("[data-testid=agreement-hate_crime]").inner_text()
    assert_accessible(coordinator)  # the ranking, the agreement tables and the sensitivity view

    board_context = _browser.new_context(base_url=live_server.url)
    board = board_context.new_page()
    sign_in(board, persona("avbc_board_member"))
    board.goto(session_url)
    assert_accessible(board)
    board.click("text=Record the priorities the board adopted")
    assert board.get_by_label("Hate crime (score 16, High)").is_checked()
    assert board.get_by_label("Anti-social behaviour (score 6, Medium)").is_checked()
    assert_accessible(board)
    board.click("button:has-text('Continue')")  # nothing entered: the errors are shown
    assert "Enter the minutes reference" in board.locator(".govuk-error-summary").inner_text()
    assert_accessible(board)
    today = timezone.localdate()
    board.fill("#id_adopted_on_day", str(today.day))
    board.fill("#id_adopted_on_month", str(today.month))
    board.fill("#id_adopted_on_year", str(today.year))
    board.fill("#id_minutes_reference", "Board minutes, item 4")
    board.click("button:has-text('Continue')")
    board.wait_for_selector("text=Check the board")
    assert_accessible(board)
    board.click("button:has-text('Record the adopted priorities')")
    board.wait_for_url(session_url)
    adopted = board.locator("[data-testid=adoption]").inner_text()
    assert "Adopted by the board" in adopted and "Hate crime; Anti-social behaviour" in adopted
    assert_accessible(board)
    adoption = PriorityAdoption.objects.get()
    assert adoption.themes == ["hate_crime", "asb"]  # in ranking order
    assert [(r["theme"], r["score"], r["band"]) for r in adoption.ranking] == [
        ("hate_crime", 16, "High"),
        ("asb", 6, "Medium"),
    ]
    assert not coordinator.console_errors
    analyst_context.close()
    board_context.close()
