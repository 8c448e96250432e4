"""In headless Chromium, the coordinator reshapes the Amber Valley plan after the board's review:
moves a priority, a key area of work and a PCC objective with the "Move up" / "Move down" buttons,
removes a key area of work and a priority (each confirmation page lists what goes with it), a
golden thread and a PCC objective, is refused a period that would leave an action outside it and
then changes the plan's details. The plan page and the draft document follow; the version
published before stays as it was. A board member sees no Move or Remove buttons. axe-core finds
no serious or critical problem on any page visited."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from csphub.planning.models import CspPlan, KeyArea, PlanAction, PlanPriority, PriorityKind
from tests.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _order(plan: CspPlan, kind: str = PriorityKind.PRIORITY) -> list[str]:
    return list(plan.priorities.filter(kind=kind).order_by("order", "pk").values_list("title", flat=True))


def test_the_coordinator_moves_removes_and_redates_the_plan(
    browser_page: Any, _browser: Any, live_server: Any, persona: Any, sign_in: Any, world: Any
) -> None:
    from csphub.planning.demo import load_demo
    from csphub.planning.plan import services

    load_demo()
    plan = CspPlan.objects.get(level="district")
    coordinator = persona("avbc_partnership_coordinator")
    for title in ("Keep neighbourhoods safe", "Tackle organised crime"):
        services.pcc_objective_add(actor=coordinator, plan=plan, title=title)
    publication = services.plan_publish(actor=coordinator, plan=plan)
    published = publication.html
    priorities = _order(plan)
    asb = plan.priorities.get(title="Anti-Social Behaviour (ASB)")
    assert priorities[0] == asb.title

    page = browser_page
    sign_in(page, coordinator)
    page.goto(reverse("planning:plan_detail", args=[plan.pk]))
    assert_accessible(page)

    # move the first priority down: the page and the document follow
    page.get_by_role("button", name=f"Move down the priority {asb.title}").click()
    page.wait_for_selector(f"text='{asb.title}' moved down to place 2")
    assert _order(plan) == [priorities[1], priorities[0], *priorities[2:]]
    headings = page.locator("h2[id^=priority-]").all_inner_texts()
    assert headings[:2] == [f"Priority 1: {priorities[1]}", f"Priority 2: {asb.title}"]
    assert_accessible(page)

    # move a key area of work up under its priority, and a PCC objective up
    areas = list(asb.key_areas.order_by("order", "pk"))
    page.get_by_role("button", name=f"Move up the key area {areas[1].title}").click()
    page.wait_for_selector(f"text='{areas[1].title}' moved up to place 1")
    assert list(asb.key_areas.order_by("order", "pk"))[:2] == [areas[1], areas[0]]
    page.get_by_role("button", name="Move up the objective Tackle organised crime").click()
    page.wait_for_selector("text='Tackle organised crime' moved up to place 1")
    assert (
        page.locator("[data-testid=pcc-objectives] li")
        .first.inner_text()
        .startswith("Tackle organised crime")
    )
    assert_accessible(page)

    # remove a key area of work: the confirmation lists its actions
    area = KeyArea.objects.filter(priority=asb, actions__isnull=False).distinct().first()
    assert area is not None
    doomed = list(area.actions.values_list("title", flat=True))
    page.get_by_role("link", name=f"Remove the key area {area.title}").click()
    page.wait_for_selector("h1:has-text('Remove the key area of work')")
    goes = page.locator("[data-testid=removal-goes]").inner_text()
    assert all(title in goes for title in doomed), goes
    assert_accessible(page)
    page.get_by_role("button", name="Remove the key area of work").click()
    page.wait_for_selector(f"text=Key area of work '{area.title}' removed")
    assert not KeyArea.objects.filter(pk=area.pk).exists()
    assert not PlanAction.objects.filter(title__in=doomed).exists()

    # remove the priority: its key areas, their actions and its measures go with it
    page.get_by_role("link", name=f"Remove the priority {asb.title}").click()
    goes = page.locator("[data-testid=removal-goes]").inner_text()
    assert "key areas of work" in goes and "measures" in goes, goes
    assert_accessible(page)
    page.get_by_role("button", name="Remove the priority").click()
    page.wait_for_selector(f"text=Priority '{asb.title}' removed")
    assert not PlanPriority.objects.filter(pk=asb.pk).exists()
    assert f"{asb.title}" not in " ".join(page.locator("h2[id^=priority-]").all_inner_texts())
    assert_accessible(page)

    # remove a golden thread: it is untagged from its actions, which stay
    thread = PlanPriority.objects.filter(
        plan=plan, kind=PriorityKind.GOLDEN_THREAD, tagged_actions__isnull=False
    ).first()
    assert thread is not None  # the demo tags actions with its golden threads
    tagged = list(thread.tagged_actions.values_list("pk", flat=True))
    page.get_by_role("link", name=f"Remove the golden thread {thread.title}").click()
    assert "untagged from" in page.locator("[data-testid=removal-goes]").inner_text()
    assert_accessible(page)
    page.get_by_role("button", name="Remove the golden thread").click()
    page.wait_for_selector(f"text=Golden thread '{thread.title}' removed")
    assert PlanAction.objects.filter(pk__in=tagged).count() == len(tagged)

    # remove a PCC objective: nothing else goes
    page.get_by_role("link", name="Remove the objective Keep neighbourhoods safe").click()
    assert "Nothing else" in page.locator("[data-testid=removal-goes]").inner_text()
    assert_accessible(page)
    page.get_by_role(
        "button", name="Remove the objective of the Police and Crime Commissioner's plan"
    ).click()
    page.wait_for_selector(
        "text=Objective of the Police and Crime Commissioner's plan 'Keep neighbourhoods safe' removed"
    )
    assert "Keep neighbourhoods safe" not in page.locator("[data-testid=pcc-objectives]").inner_text()

    # the plan's details: a period that leaves an action before its start is refused, named
    first = PlanAction.objects.filter(key_area__priority__plan=plan).order_by("due_on").first()
    assert first is not None
    late = first.due_on + dt.timedelta(days=1)
    page.get_by_role("link", name="Change the plan's details").click()
    assert page.get_by_label("The plan's title").input_value() == plan.title
    assert_accessible(page)
    page.locator("#id_starts_on_day").fill(str(late.day))
    page.locator("#id_starts_on_month").fill(str(late.month))
    page.locator("#id_starts_on_year").fill(str(late.year))
    page.get_by_role("button", name="Continue").click()
    summary = page.locator(".govuk-error-summary").inner_text()
    assert first.title in summary and "due outside it" in summary, summary
    assert page.title().startswith("Error: ")
    assert_accessible(page)
    page.locator("#id_starts_on_day").fill("1")
    page.locator("#id_starts_on_month").fill("4")
    page.locator("#id_starts_on_year").fill("2020")
    page.get_by_label("The plan's title").fill(
        "Amber Valley Community Safety Partnership Plan 2020-2023 (revised)"
    )
    page.get_by_label("The Police and Crime Commissioner's plan it has regard to (optional)").fill(
        "Police and Crime Plan 2021-2025"
    )
    page.get_by_role("button", name="Continue").click()
    page.wait_for_selector("text=Check the plan's details before you save them")
    assert_accessible(page)
    page.get_by_role("button", name="Save details").click()
    page.wait_for_selector("text=The plan's details were updated")
    assert "(revised)" in page.locator("h1").inner_text()
    assert "Police and Crime Plan 2021-2025" in page.content()
    assert_accessible(page)

    # the draft document follows; the published version is as it was
    page.goto(reverse("planning:plan_document", args=[plan.pk]))
    draft = page.inner_text("main")
    assert asb.title not in draft and priorities[1] in draft
    assert_accessible(page)
    page.goto(reverse("planning:plan_publication", args=[publication.pk]) + "?format=html")
    assert asb.title in page.inner_text("main")
    assert_accessible(page)
    publication.refresh_from_db()
    assert publication.html == published

    # a board member reads the plan without Move or Remove buttons
    board = _browser.new_page(base_url=live_server.url)
    sign_in(board, persona("avbc_board_member"))
    board.goto(reverse("planning:plan_detail", args=[plan.pk]))
    assert board.get_by_role("button", name="Move up").count() == 0
    assert board.get_by_role("button", name="Move down").count() == 0
    assert board.locator("a[href*='/remove/']").count() == 0
    assert board.locator("a[href*='/details/']").count() == 0
    assert_accessible(board)
    board.close()
