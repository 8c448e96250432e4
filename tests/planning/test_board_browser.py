"""In headless Chromium, a coordinator opens a problem-solving plan from a hot spot, reads the
partners' data dictionary, makes a quarterly board pack, and a board member finds it on their home
page; axe-core finds no serious or critical problem on any page visited."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from csphub.planning.models import BoardPack, ProblemSolvingPlan
from tests.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_problem_solving_partner_data_and_the_board_pack(
    browser_page: Any, _browser: Any, live_server: Any, persona: Any, sign_in: Any, data_dir: Any
) -> None:
    from csphub.insights.services import assessment_adopt, assessment_run

    run = assessment_run(
        actor=persona("avbc_analyst"), area="Amber Valley", date_from="2024-01", date_to="2024-12"
    )
    assessment_adopt(actor=persona("avbc_board_member"), run=run)
    page = browser_page
    sign_in(page, persona("avbc_partnership_coordinator"))

    page.goto(reverse("planning:problem_list"))
    assert_accessible(page)
    page.goto(reverse("planning:problem_new"))
    assert_accessible(page)
    page.locator("input[name=place]").first.check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_selector("text=Check the plan before you open it")
    assert_accessible(page)
    page.get_by_role("button", name="Open").last.click()
    page.wait_for_url("**/problem-solving/*/")
    assert ProblemSolvingPlan.objects.count() == 1
    assert_accessible(page)

    for name in ("planning:partner_dictionary", "planning:partner_data", "planning:partner_upload"):
        page.goto(reverse(name))
        assert_accessible(page)

    page.goto(reverse("planning:pack_new"))
    assert_accessible(page)
    page.locator("input[name=quarter]").first.check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_selector("text=Check the quarter")
    page.get_by_role("button", name="Make the board pack").click()
    page.wait_for_url("**/board-packs/*/", timeout=60000)
    assert BoardPack.objects.count() == 1
    assert_accessible(page)

    board = _browser.new_page(base_url=live_server.url)
    sign_in(board, persona("avbc_board_member"))
    board.goto(reverse("frontend:home"))
    assert board.locator("a[href*='/board-packs/']").count() >= 1
    assert_accessible(board)
    board.close()
