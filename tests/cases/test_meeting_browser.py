"""In headless Chromium: arranging a panel meeting ends on the meeting's page with a success banner,
as every other action does (new-user review item 33); axe finds nothing serious on the way."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from csphub.cases import services
from csphub.cases.models import PanelKind
from tests.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_arranging_a_meeting_confirms_it_with_a_banner(
    browser_page: Any, persona: Any, sign_in: Any, world: Any
) -> None:
    page = browser_page
    officer = persona("avbc_caseworker")
    panel = services.panel_create(
        actor=officer, name="ASB risk panel", kind=PanelKind.HIGH_RISK, agreement=world.asb_isa
    )
    sign_in(page, officer)
    page.goto(reverse("cases:panel_detail", args=[panel.pk]))
    page.get_by_role("link", name="Arrange a meeting").click()
    page.wait_for_url(f"**{reverse('cases:meeting_new', args=[panel.pk])}")
    assert_accessible(page)
    day = timezone.localdate() + dt.timedelta(days=7)
    page.fill("#id_held_at_day", str(day.day))
    page.fill("#id_held_at_month", str(day.month))
    page.fill("#id_held_at_year", str(day.year))
    page.fill("#id_held_at_time", "10:00")
    page.fill("#id_location", "Town Hall")
    page.locator("input[name=attending_agencies]").first.check()
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/meetings/*/")
    banner = page.locator(".govuk-notification-banner--success")
    assert f"Meeting arranged for {day:%d/%m/%Y} at 10:00" in banner.inner_text()
    assert_accessible(page)
    assert not page.console_errors, page.console_errors
