"""Issue 11 items 1, 3, 4, 5 and 12 in headless Chromium, with axe-core on every page visited (no
serious or critical violation): the home casework panel, a task given only to someone who may see
the case (date in three fields), the manager's flag for an orphaned task, the one person page, "who
has seen this person" and the administrators' audit search."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from csphub.agencies.models import Membership, Role
from csphub.cases import services
from csphub.cases.models import PartyRole, Task
from tests.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _visit(page: Any, path: str) -> None:
    page.goto(path)
    page.locator("main h1").first.wait_for()
    assert_accessible(page)


def test_casework_journeys(browser_page: Any, persona: Any, sign_in: Any, make_case: Any) -> None:
    page = browser_page
    case = make_case(family="Brightwater")
    victim = case.parties.get(role=PartyRole.VICTIM).person
    worker = persona("avbc_caseworker")

    # Item 1: the home panel counts the caseworker's open cases and tasks.
    sign_in(page, worker)
    _visit(page, "/home/")
    assert "1 open case where you are the officer." in page.locator("main").inner_text()

    # Items 4 and 12: the task form offers only people who may see the case; the date is three fields.
    _visit(page, f"/cases/{case.pk}/tasks/new/")
    owners = page.locator("#id_owner option").all_inner_texts()
    assert not any("Boardmember" in o or "Analyst" in o for o in owners), owners
    page.fill("#id_title", "Ring the victim back")
    page.select_option("#id_owner", str(persona("avbc_partner_viewer").pk))
    page.fill("#id_due_on_day", "31")
    page.fill("#id_due_on_month", "2")
    page.fill("#id_due_on_year", str(timezone.localdate().year + 1))
    page.click("main button[type=submit]")
    page.locator(".govuk-error-summary").wait_for()
    assert "The due date must be a real date" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
    due = timezone.localdate() + dt.timedelta(days=2)
    page.fill("#id_due_on_day", str(due.day))
    page.fill("#id_due_on_month", str(due.month))
    page.fill("#id_due_on_year", str(due.year))
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(rf"/cases/{case.pk}/$"))
    task = Task.objects.get(case=case, title="Ring the victim back")
    assert task.due_on == due

    # Item 5: one person page, reached from the case page's link.
    page.click(f"[data-testid=case-parties] >> text={victim.display_name}")
    page.wait_for_url(re.compile(rf"/people/{victim.pk}/$"))
    assert_accessible(page)
    main = page.locator("main").inner_text()
    assert "Change details" in main and "Cases and incidents" in main and case.reference in main
    assert "Risk assessments" in main and "Tools and powers" in main

    # Item 4: the colleague moves to a role that may not see personal records; the manager is told.
    Membership.objects.filter(user=persona("avbc_partner_viewer")).update(role=Role.ANALYST)
    page.context.clear_cookies()
    sign_in(page, persona("avbc_team_manager"))
    _visit(page, "/home/")
    page.click("text=held by someone who can no longer see the record")
    page.wait_for_url(re.compile(r"/cases/tasks/overdue/"))
    assert_accessible(page)
    assert "Ring the victim back" in page.locator("[data-testid=orphaned-tasks]").inner_text()

    # Item 3: the administrator sees the case views in "who has seen this person" and searches
    # the audit trail by member of staff.
    services.task_create(actor=worker, case=case, title="Spare", owner=worker, due_on=timezone.localdate())
    page.context.clear_cookies()
    sign_in(page, persona("avbc_administrator"))
    _visit(page, f"/people/{victim.pk}/seen-by/")
    table = page.locator("main table").inner_text()
    assert f"Case {case.reference}" in table and "Full record" in table
    _visit(page, "/accounts/audit/")
    page.select_option("#id_staff", str(worker.pk))
    page.fill("#id_date_from_day", str(timezone.localdate().day))
    page.fill("#id_date_from_month", str(timezone.localdate().month))
    page.fill("#id_date_from_year", str(timezone.localdate().year))
    page.click("main button[type=submit]")
    page.locator("[data-testid=audit-results]").wait_for()
    assert_accessible(page)
    results = page.locator("[data-testid=audit-results]").inner_text()
    assert "Viewed a case" in results and case.reference in results
    page.fill("#id_record", "flat 2")
    page.click("main button[type=submit]")
    page.locator(".govuk-error-summary").wait_for()
    assert_accessible(page)
