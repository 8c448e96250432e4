"""In headless Chromium: an alleged perpetrator recorded on the incident form as "Occupant of
Flat 2" appears on the person page as typed (new-user review item 22), and the person's change
page links back to the person (item 33); axe finds nothing serious on either page."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from tests.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_described_perpetrator_is_shown_as_typed_and_the_change_page_links_back(
    browser_page: Any, persona: Any, sign_in: Any
) -> None:
    page = browser_page
    sign_in(page, persona("avbc_caseworker"))
    page.goto("/cases/incidents/new/")
    now = timezone.localtime()
    for name, moment in (
        ("occurred_at", now - dt.timedelta(days=2)),
        ("reported_at", now - dt.timedelta(days=1)),
    ):
        page.fill(f"#id_{name}_day", str(moment.day))
        page.fill(f"#id_{name}_month", str(moment.month))
        page.fill(f"#id_{name}_year", str(moment.year))
        page.fill(f"#id_{name}_time", f"{moment:%H:%M}")
    page.select_option("#id_channel", "phone")
    page.check("input[name=asb_type][value=nuisance]")
    page.select_option("#id_category", "noise")
    page.fill("#id_description", "Music from the flat above every night")
    page.fill("#id_perpetrator_known_as", "Occupant of Flat 2")
    page.click("main button[type=submit]")
    page.click("button:has-text('Record incident')")  # the check-answers page
    page.wait_for_url(re.compile(r"/cases/incidents/\d+/$"))

    page.get_by_role("link", name="Occupant of Flat 2").first.click()
    page.wait_for_url(re.compile(r"/people/\d+/$"))
    person_url = page.url
    assert page.locator("h1").inner_text().strip() == "Occupant of Flat 2"
    assert_accessible(page)

    page.get_by_role("link", name="Change details").click()
    page.wait_for_url(re.compile(r"/people/\d+/change/$"))
    assert page.input_value("#id_known_as") == "Occupant of Flat 2"
    assert page.input_value("#id_given_name") == "" and page.input_value("#id_family_name") == ""
    assert_accessible(page)
    back = page.locator(".govuk-back-link")
    assert back.inner_text() == "Back to Occupant of Flat 2"
    back.click()
    page.wait_for_url(person_url)
    assert not page.console_errors, page.console_errors
