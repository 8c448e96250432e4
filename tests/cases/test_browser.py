"""In real headless Chromium: a caseworker records an incident (after fixing a date error),
opens a case from it, adds a task and finds it in "My tasks". The powers engineer extends this
journey with the risk assessment and CPW/CPN steps."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from csphub.cases.models import Case, Incident, Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _fill_when(page: Any, name: str, moment: dt.datetime) -> None:
    """The GOV.UK date fields (day, month, year) and the time field of ``name``."""
    local = timezone.localtime(moment)
    page.fill(f"#id_{name}_day", str(local.day))
    page.fill(f"#id_{name}_month", str(local.month))
    page.fill(f"#id_{name}_year", str(local.year))
    page.fill(f"#id_{name}_time", f"{local:%H:%M}")


def test_record_incident_then_open_case_then_task(browser_page: Any, persona: Any, sign_in: Any) -> None:
    page = browser_page
    sign_in(page, persona("avbc_caseworker"))
    page.click("text=Cases")
    page.click("text=Record an incident")
    now = timezone.now()
    # First attempt: reported before it happened.
    _fill_when(page, "occurred_at", now - dt.timedelta(days=1))
    _fill_when(page, "reported_at", now - dt.timedelta(days=2))
    page.select_option("#id_channel", "phone")
    page.check("input[name=asb_type][value=personal]")
    page.select_option("#id_category", "harassment")
    page.fill("#id_description", "Neighbour shouted threats through the letterbox.")
    page.fill("#id_victim_given_name", "Sam")
    page.fill("#id_victim_family_name", "Bramblecote")
    page.fill("#id_perpetrator_given_name", "Jordan")
    page.fill("#id_perpetrator_family_name", "Hawkridge")
    page.fill("#id_latitude", "53.1030")
    page.fill("#id_longitude", "-1.3745")
    with page.expect_navigation():  # read the answer page, not the one being left
        page.click("button:has-text('Continue')")
    assert page.title().startswith("Error: ")
    assert (
        "must be the same as or after the date it happened"
        in page.locator(".govuk-error-summary").inner_text()
    )
    assert Incident.objects.count() == 0
    # Fix it and submit.
    _fill_when(page, "reported_at", now - dt.timedelta(hours=20))
    page.click("button:has-text('Continue')")
    # Wait for the check page itself: reading the content mid-navigation gives an empty page.
    page.locator("text=Check the incident before you record it").first.wait_for()
    assert Incident.objects.count() == 0
    page.click("button:has-text('Record incident')")
    page.wait_for_url("**/cases/incidents/*/")
    assert "recorded" in page.content()
    incident = Incident.objects.get()
    assert incident.lsoa_code.startswith("E01")
    assert "Bramblecote" in page.content() and "Alleged perpetrator" in page.content()

    page.click("text=Open a new case from this incident")
    page.fill("#id_summary", "Threats to a resident on Example Row")
    page.click("button:has-text('Open case')")
    page.wait_for_url("**/cases/*/")
    case = Case.objects.get()
    assert page.locator("[data-testid=case-status]").inner_text() == "Open"
    assert incident.reference in page.locator("[data-testid=case-incidents]").inner_text()

    page.click("text=Add a task")
    page.fill("#id_title", "Visit the victim")
    due = timezone.localdate() + dt.timedelta(days=3)
    page.fill("#id_due_on_day", str(due.day))
    page.fill("#id_due_on_month", str(due.month))
    page.fill("#id_due_on_year", str(due.year))
    page.click("button:has-text('Add task')")
    page.wait_for_url(f"**/cases/{case.pk}/")
    assert "Visit the victim" in page.locator("[data-testid=case-tasks]").inner_text()
    assert Task.objects.get().owner.username == "avbc_caseworker"

    page.click("nav >> text=My tasks")
    assert "Visit the victim" in page.locator("[data-testid=task-table]").inner_text()
    assert case.reference in page.locator("[data-testid=task-table]").inner_text()
    assert not page.console_errors, page.console_errors
