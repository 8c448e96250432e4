"""In real headless Chromium: the public page labels the year in progress "year to date (provisional)";
a coordinator checks the ended year's figures and publishes it; the public page then says who-and-when
("Published by the partnership on …"). axe-core finds no serious or critical violation on any page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from csphub.casereviews import rules, services
from csphub.casereviews.models import PublishedYear
from tests.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_coordinator_publishes_last_year(
    browser_page: Any, persona: Any, sign_in: Any, area: Any, application_data: Any
) -> None:
    page = browser_page
    today = timezone.localdate()
    current = rules.ReportingYear.containing(today)
    last = rules.ReportingYear(current.start_year - 1)
    received = last.start + dt.timedelta(days=20)
    services.application_submit(
        actor=None,
        area=area,
        **application_data(
            received_on=received,
            behaviour_first_on=received - dt.timedelta(days=40),
            behaviour_last_on=received - dt.timedelta(days=1),
        ),
        today=today,
    )

    page.goto("/case-reviews/published/")
    assert "(year to date, provisional)" in page.content()
    assert_accessible(page)
    page.goto(f"/case-reviews/published/{area.slug}/{current.slug}/")
    assert "year to date (provisional)" in page.locator("h1").inner_text()
    assert page.locator("[data-testid=provisional-warning]").is_visible()
    assert_accessible(page)

    sign_in(page, persona("avbc_partnership_coordinator"))
    page.goto("/case-reviews/staff/areas/")
    page.click("text=Yearly figures and publishing")
    row = page.locator(f"[data-testid=year-{last.slug}]")
    assert row.locator("td").first.inner_text() == "1"
    assert "Provisional" in row.inner_text()
    assert_accessible(page)
    row.locator("button", has_text=f"Publish {last.label}").click()
    page.wait_for_selector(".govuk-notification-banner, [role=alert]")
    assert "Published" in page.locator(f"[data-testid=year-{last.slug}]").inner_text()
    assert_accessible(page)
    assert PublishedYear.objects.filter(area=area, start_year=last.start_year).exists()

    page.goto(f"/case-reviews/published/{area.slug}/{last.slug}/")
    assert "Published by the partnership on" in page.locator("[data-testid=published-on]").inner_text()
    assert "provisional" not in page.locator("h1").inner_text()
    assert_accessible(page)
