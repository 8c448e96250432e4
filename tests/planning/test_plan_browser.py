"""In headless Chromium, the coordinator updates an action of the Amber Valley plan (amber needs its
reason), publishes the plan, and opens the published version; a board member reads the plan.
axe-core finds no serious or critical problem on any page visited."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from csphub.planning.models import CspPlan, PlanAction, PlanPublication
from tests.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_coordinator_updates_an_action_and_publishes_the_plan(
    browser_page: Any, _browser: Any, live_server: Any, persona: Any, sign_in: Any, world: Any
) -> None:
    from csphub.planning.demo import load_demo

    load_demo()
    plan = CspPlan.objects.get(level="district")
    action = PlanAction.objects.get(title__startswith="Run summer diversionary sessions")
    page = browser_page
    sign_in(page, persona("avbc_partnership_coordinator"))
    page.goto(reverse("planning:index"))
    page.click("text=The CSP Plan")
    page.click(f"text={plan.title}")
    page.wait_for_selector("text=Hot spot response")
    assert_accessible(page)
    page.click(f"a[href='{reverse('planning:plan_action_change', args=[action.pk])}']")
    page.get_by_label("Amber: at risk").check()
    page.get_by_role("button", name="Continue").click()
    assert "Enter why the action is amber or red" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
    page.get_by_label("Why amber or red").fill("Two sessions cancelled: venue closed")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_selector("text=Check the update before you save it")
    assert_accessible(page)
    page.get_by_role("button", name="Save update").click()
    page.wait_for_selector("text=updated")
    action.refresh_from_db()
    assert action.rag == "amber" and action.rag_reason == "Two sessions cancelled: venue closed"
    page.click("text=Publish this version")
    page.get_by_label("The board has agreed this version of the plan").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Publish the plan").click()
    page.wait_for_url("**/plans/published/*/", timeout=60000)
    assert "version 1" in page.inner_text("h1")
    assert_accessible(page)
    publication = PlanPublication.objects.get()
    assert "Two sessions cancelled" in publication.html

    board = _browser.new_page(base_url=live_server.url)
    sign_in(board, persona("avbc_board_member"))
    board.goto(reverse("planning:plan_detail", args=[plan.pk]))
    assert board.locator("text=Publish this version").count() == 0
    assert "Amber" in board.locator("[data-testid=rag-counts]").inner_text()
    assert_accessible(board)
    board.goto(reverse("planning:plan_document", args=[plan.pk]))
    assert "Golden threads" in board.content()
    partners = board.locator("[data-testid=plan-partners] li").all_inner_texts()
    assert sorted(p.removesuffix(" (responsible authority)") for p in partners) == sorted(
        plan.partnership.agencies.values_list("name", flat=True)
    )
    assert "Document history" in board.locator("#history").inner_text()
    assert_accessible(board)
    board.close()
