"""In headless Chromium: after an administrator deactivates a caseworker's account (new-user
review item 31), the team manager records a panel's decision and its action, and the deactivated
caseworker is not among the owners offered; axe finds nothing serious on the page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from csphub.accounts.services import user_deactivate
from csphub.cases.models import Task
from tests.axe import assert_accessible
from tests.cases.test_lost_updates import _meeting_with_item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_panel_action_goes_to_an_active_colleague_only(
    browser_page: Any, persona: Any, sign_in: Any, make_case: Any
) -> None:
    page = browser_page
    meeting, item = _meeting_with_item(persona, make_case)
    gone = persona("avbc_caseworker")
    user_deactivate(actor=persona("avbc_administrator"), user=gone)
    manager = persona("avbc_team_manager")
    sign_in(page, manager)
    page.goto(reverse("cases:agenda_decision", args=[item.pk]))
    options = page.locator("#id_action_owner option").all_inner_texts()
    assert any("Sam Manager" in text for text in options), options
    assert not any(gone.get_full_name() in text for text in options), options
    assert_accessible(page)
    page.fill("#id_decision", "Joint visit by housing and police")
    page.fill("#id_action_title", "Arrange the joint visit")
    page.select_option("#id_action_owner", str(manager.pk))
    due = timezone.localdate() + dt.timedelta(days=7)
    page.fill("#id_action_due_on_day", str(due.day))
    page.fill("#id_action_due_on_month", str(due.month))
    page.fill("#id_action_due_on_year", str(due.year))
    page.get_by_role("button", name="Save decision").click()
    page.wait_for_url(f"**{reverse('cases:meeting_detail', args=[meeting.pk])}")
    assert "Decision recorded" in page.locator("main").inner_text()
    assert Task.objects.get(title="Arrange the joint visit").owner == manager
    assert not page.console_errors, page.console_errors
