"""In real headless Chromium: a police caseworker records items surrendered with a dispersal
direction (s.37), is told the surrender must be in writing unless that was not practicable, then
records the return, refused a minute before the exclusion ends and accepted after. axe-core finds
no serious or critical violation on any page of the journey."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from csphub.powers.models import PowerUse
from tests.axe import assert_accessible
from tests.dates import fill_date_time
from tests.powers.test_law_dispersal_surrender import direction
from tests.powers.test_pages import make_setup, now

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_items_surrendered_then_returned_after_the_exclusion(
    browser_page: Any, persona: Any, client_as: Any, sign_in: Any
) -> None:
    page = browser_page
    s = make_setup(persona, client_as, username="police_caseworker")
    given = now().replace(second=0, microsecond=0) - dt.timedelta(hours=3)
    d = direction(s, given=given, hours=2)
    end = timezone.localtime(given + dt.timedelta(hours=2))
    sign_in(page, s.officer)

    page.goto(f"/powers/{d.pk}/")
    page.click("[data-testid=record-surrender]")
    assert_accessible(page)
    fill_date_time(page, "surrendered_at", given + dt.timedelta(minutes=5))
    page.fill("#id_items", "A speaker")
    page.fill("#id_belief", "Music aimed at shoppers")
    page.fill("#id_collect_from", "Ripley police station")
    page.check("#id_told_offence")
    page.click("main button[type=submit]")
    assert "must be in writing" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
    page.check("#id_in_writing")
    page.click("main button[type=submit]")
    assert_accessible(page)
    page.click("button:has-text('Record surrender')")
    page.wait_for_url(f"**/powers/{d.pk}/")
    assert "A speaker" in page.locator("[data-testid=surrenders]").inner_text()
    assert_accessible(page)

    page.click("[data-testid=record-item-return]")
    assert f"at {end:%H:%M} on {end:%-d %B %Y}" in page.locator("main").inner_text()
    assert_accessible(page)
    fill_date_time(page, "returned_at", end - dt.timedelta(minutes=1))
    page.fill("#id_returned_to", "Paul Pageperp")
    page.click("main button[type=submit]")
    assert (
        "not returned before the exclusion period ends" in page.locator(".govuk-error-summary").inner_text()
    )
    fill_date_time(page, "returned_at", end)
    page.click("main button[type=submit]")
    page.click("button:has-text('Record return')")
    page.wait_for_url(f"**/powers/{d.pk}/")
    assert "to Paul Pageperp" in page.locator("[data-testid=surrenders]").inner_text()
    d = PowerUse.objects.get(pk=d.pk)
    assert d.details["surrenders"][0]["returned_to"] == "Paul Pageperp"
