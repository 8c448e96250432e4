"""In headless Chromium, the coordinator starts the partnership's next plan from the plans page:
a period that overlaps the plan in force is refused with the plan named, then the next period,
carried over from the old plan, is checked and started; the new plan's page holds the old
priorities and no actions. axe-core finds no serious or critical problem on any page visited."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from csphub.planning.models import CspPlan, PlanAction
from tests.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _fill_date(page: Any, name: str, day: dt.date) -> None:
    page.fill(f"#id_{name}_day", str(day.day))
    page.fill(f"#id_{name}_month", str(day.month))
    page.fill(f"#id_{name}_year", str(day.year))


def test_the_coordinator_starts_the_next_plan_from_the_old_one(
    browser_page: Any, persona: Any, sign_in: Any, world: Any
) -> None:
    from csphub.planning.demo import load_demo

    load_demo()
    old = CspPlan.objects.get(level="district")
    page = browser_page
    sign_in(page, persona("avbc_partnership_coordinator"))
    page.goto("/priorities/plans/")
    page.click("[data-testid=plan-new]")
    assert page.locator("h1").inner_text() == "Start a new plan"
    assert_accessible(page)

    page.fill("#id_title", "Amber Valley CSP Plan 2023-2026")
    _fill_date(page, "starts_on", old.ends_on)  # the old plan's last day: overlaps
    _fill_date(page, "ends_on", dt.date(2026, 3, 31))
    page.select_option("#id_copy_from", str(old.pk))
    page.click("main button[type=submit]")  # the answers are tried before the check page
    assert old.title in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)

    _fill_date(page, "starts_on", old.ends_on + dt.timedelta(days=1))
    page.click("main button[type=submit]")
    assert "Check the new plan" in page.locator("h1").inner_text()
    assert_accessible(page)
    page.click("button:has-text('Start the plan')")
    page.wait_for_url(re.compile(r"/priorities/plans/\d+/$"))
    new = CspPlan.objects.get(title="Amber Valley CSP Plan 2023-2026")
    assert page.url.endswith(f"/priorities/plans/{new.pk}/")
    main = page.locator("main").inner_text()
    assert "Anti-Social Behaviour (ASB)" in main
    assert not PlanAction.objects.filter(key_area__priority__plan=new).exists()
    assert_accessible(page)
