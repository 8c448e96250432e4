"""In headless Chromium, the coordinator builds part of the Amber Valley plan in the app: records an
objective of the Police and Crime Commissioner's plan, adds a priority that has regard to it (the
error for a missing "how" first), a key area of work under it and a measure with a target (the error
for a target the wrong side of the baseline first), changes the key area, and finds all of them on the
plan page and in the plan document. A board member reads the plan without Change links and opens a
board pack with the Plan's charts. axe-core finds no serious or critical problem on any page visited."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from csphub.planning.models import CspPlan, KeyArea, PlanMeasure, PlanPriority
from tests.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_coordinator_adds_a_priority_a_key_area_and_a_measure(
    browser_page: Any, _browser: Any, live_server: Any, persona: Any, sign_in: Any, world: Any
) -> None:
    from csphub.planning.board.services import board_pack_generate
    from csphub.planning.demo import load_demo

    load_demo()
    plan = CspPlan.objects.get(level="district")
    page = browser_page
    sign_in(page, persona("avbc_partnership_coordinator"))
    page.goto(reverse("planning:plan_detail", args=[plan.pk]))
    assert_accessible(page)

    # an objective of the PCC's plan
    page.click("text=Record an objective of the Commissioner's plan")
    assert_accessible(page)
    page.get_by_label("The objective, as the Commissioner's plan words it").fill("Keep neighbourhoods safe")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_selector("text=Check the objective before you record it")
    assert_accessible(page)
    page.get_by_role("button", name="Record objective").click()
    page.wait_for_selector("[data-testid=pcc-objectives]")
    assert "Keep neighbourhoods safe" in page.locator("[data-testid=pcc-objectives]").inner_text()

    # a priority with its county priority and its regard to the objective
    page.click("text=Add a priority")
    page.get_by_label("Priority", exact=True).fill("Hate crime")
    page.get_by_label("The county priority it serves (optional)").select_option(label="Hate crime")
    page.get_by_label("Keep neighbourhoods safe").check()
    page.get_by_role("button", name="Continue").click()
    assert "Say how the priority has regard" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
    page.get_by_label("How the priority has regard to those objectives").fill(
        "Victims who report hate crime help keep neighbourhoods safe."
    )
    page.get_by_role("button", name="Continue").click()
    page.wait_for_selector("text=Check the priority before you add it")
    assert_accessible(page)
    page.get_by_role("button", name="Add priority").click()
    page.wait_for_selector("text=added to the plan")
    priority = PlanPriority.objects.get(plan=plan, title="Hate crime")
    assert "Priority 4: Hate crime" in page.content()

    # a key area of work under it
    page.click(f"a[href='{reverse('planning:plan_key_area_new', args=[priority.pk])}']")
    assert_accessible(page)
    page.get_by_label("Key area of work").fill("Third-party reporting centres")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Add key area").click()
    page.wait_for_selector("text=Key area of work 'Third-party reporting centres' added")
    area = KeyArea.objects.get(priority=priority)

    # a measure, computed from the Case Review applications, with a target
    page.click(f"a[href='{reverse('planning:plan_measure_new', args=[priority.pk])}']")
    assert_accessible(page)
    page.get_by_label("What the measure counts").fill("Case Review applications about hate")
    page.get_by_label("ASB Case Review applications received in the plan year").check()
    page.get_by_label("Baseline", exact=True).fill("4")
    page.get_by_label("What the baseline is").fill("2019/20")
    page.get_by_label("Increase").check()
    page.get_by_label("Target (optional)").fill("3")
    page.get_by_label("When the target is for (needed with a target)").fill("2022/23")
    page.get_by_role("button", name="Continue").click()
    assert (
        "A target to increase must be above the baseline of 4"
        in page.locator(".govuk-error-summary").inner_text()
    )
    assert_accessible(page)
    page.get_by_label("Target (optional)").fill("6")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_selector("text=Check the measure before you add it")
    assert_accessible(page)
    page.get_by_role("button", name="Add measure").click()
    page.wait_for_selector("text=Measure 'Case Review applications about hate' added")
    measure = PlanMeasure.objects.get(priority=priority)
    assert (measure.baseline, measure.target, measure.direction) == (4, 6, "increase")

    # change the key area: the Change link, the form holds the title, check answers, saved
    page.click(f"a[href='{reverse('planning:plan_key_area_change', args=[area.pk])}']")
    assert page.get_by_label("Key area of work").input_value() == "Third-party reporting centres"
    page.get_by_label("Key area of work").fill("Third-party hate crime reporting centres")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_selector("text=Check the change before you save it")
    page.get_by_role("button", name="Save change").click()
    page.wait_for_selector("text=updated")
    detail = page.content()
    for text in (
        "Third-party hate crime reporting centres",
        "Case Review applications about hate",
        "target 6 (2022/23)",
        "Victims who report hate crime help keep neighbourhoods safe.",
    ):
        assert text in detail, text
    assert_accessible(page)

    # the plan document
    page.goto(reverse("planning:plan_document", args=[plan.pk]))
    document = page.inner_text("main")
    assert "4. Hate crime" in document and "Third-party hate crime reporting centres" in document
    assert "Case Review applications about hate" in document and "6 (2022/23)" in document
    assert "Keep neighbourhoods safe" in document
    assert_accessible(page)

    # a board member reads, cannot change, and opens a board pack with the Plan's charts
    pack = board_pack_generate(
        actor=persona("avbc_partnership_coordinator"), quarter="2022-Q4", today=dt.date(2023, 1, 10)
    )
    board = _browser.new_page(base_url=live_server.url)
    sign_in(board, persona("avbc_board_member"))
    board.goto(reverse("planning:plan_detail", args=[plan.pk]))
    assert "Hate crime" in board.content()
    assert board.locator("text=Add a priority").count() == 0
    assert board.locator("a[href*='/change/']").count() == 0
    board.goto(reverse("planning:plan_key_area_change", args=[area.pk]))
    assert "Hate crime reporting" not in board.content()  # refused: 403
    board.goto(reverse("planning:pack_detail", args=[pack.pk]))
    assert (
        board.locator("[data-testid=pack-measure-chart] img").count()
        == PlanMeasure.objects.filter(priority__plan=plan).count()
    )
    assert "Case Review applications about hate" in board.locator("[data-testid=pack-measures]").inner_text()
    assert_accessible(board)
    board.close()
