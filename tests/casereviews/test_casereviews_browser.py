"""In real headless Chromium: a resident applies online; staff link the incidents and decide the
threshold; a review is held with a recommendation; the year's published figures change accordingly."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from csphub.casereviews import rules
from csphub.casereviews.models import Application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def fill_date(page: Any, name: str, day: dt.date) -> None:
    """Type a date into a GOV.UK date input (day, month, year)."""
    page.fill(f"#id_{name}_day", str(day.day))
    page.fill(f"#id_{name}_month", str(day.month))
    page.fill(f"#id_{name}_year", str(day.year))


def figures(page: Any, area_slug: str, year: rules.ReportingYear) -> list[int]:
    page.goto(f"/case-reviews/published/{area_slug}/{year.slug}/")
    cells = page.locator("[data-testid=figures] td").all_inner_texts()
    return [int(c) for c in cells]


def test_apply_decide_review_and_publish(
    browser_page: Any, persona: Any, sign_in: Any, area: Any, make_incident: Any, settings: Any
) -> None:
    settings.CASEREVIEWS_MIN_FORM_SECONDS = 0
    page = browser_page
    today = timezone.localdate()
    year = rules.ReportingYear.containing(today)
    # Three reports the council took in the last months, each on the day of the behaviour.
    for days in (70, 40, 10):
        make_incident(by="avbc_caseworker", occurred=today - dt.timedelta(days=days))
    before = figures(page, area.slug, year)

    # A resident applies, with no account.
    page.goto("/case-reviews/")
    page.click("text=Start now")
    page.check("input[name=who][value=self]")
    page.click("button:has-text('Continue')")
    page.fill("#id_applicant_name", "Jo Resident")
    page.check("input[name=contact_preference][value=email]")
    page.fill("#id_applicant_email", "jo.resident@example.org")
    page.click("button:has-text('Continue')")
    page.fill("#id_behaviour_description", "Loud music and threats from the flat above, most nights.")
    page.fill("#id_behaviour_location", "Example Court, Ripley")
    fill_date(page, "behaviour_first_on", today - dt.timedelta(days=75))
    fill_date(page, "behaviour_last_on", today - dt.timedelta(days=10))
    page.fill("#id_reports_described", "Council three times since the spring")
    page.click("button:has-text('Continue')")
    page.wait_for_selector("text=Check your answers")  # the next page, not the one being left
    page.click("button:has-text('Send application')")
    page.wait_for_url("**/apply/sent/")
    reference = page.locator("[data-testid=reference]").inner_text().strip()
    application = Application.objects.get(reference=reference)
    assert "Community Safety Team" in page.locator("[data-testid=spoc]").inner_text()
    after_apply = figures(page, area.slug, year)
    assert after_apply[0] == before[0] + 1

    # Staff link the incidents the applicant describes and decide the threshold.
    sign_in(page, persona("avbc_caseworker"))
    page.goto("/case-reviews/staff/")
    page.click(f"text={reference}")
    page.click("text=Link incidents")
    # ``all()`` does not wait: wait for the incidents page's boxes, or a slow load leaves none ticked.
    page.wait_for_url(f"**/staff/{reference}/incidents/")
    page.wait_for_selector("input[name=incidents]")
    for box in page.locator("input[name=incidents]").all():
        box.check()
    page.check("#id_named_by_applicant")
    page.click("button:has-text('Link selected incidents')")
    page.wait_for_url(f"**/staff/{reference}/")
    page.click("text=Decide the threshold")
    assert "the law requires the threshold to be met" in page.locator("[data-testid=preview]").inner_text()
    page.click("button:has-text('Continue')")
    assert "Met" in page.locator("[data-testid=outcome]").inner_text()
    page.click("button:has-text('Record the decision')")
    page.wait_for_url(f"**/staff/{reference}/")
    assert page.locator("[data-testid=threshold]").inner_text().startswith("Met")

    # The review meeting, with a recommendation.
    page.click("text=Record the review meeting")
    fill_date(page, "held_on", today)
    page.fill("#id_chair", "Independent Chair")
    for name in ("Amber Valley Borough Council", "Derbyshire Constabulary", "Amber Valley Homes"):
        page.locator("label", has_text=name).first.click()
    page.fill("#id_findings", "Reports to different agencies were not joined up.")
    page.click("button:has-text('Save')")
    page.wait_for_url(f"**/staff/{reference}/")
    page.click("text=Add a recommendation")
    page.fill("#id_text", "Housing to start tenancy enforcement and report back to the panel")
    page.select_option("#id_owner_agency", label="Amber Valley Homes (social housing provider)")
    page.fill("#id_owner_name", "Tenancy team leader")
    fill_date(page, "due_on", today + dt.timedelta(days=28))
    page.click("button:has-text('Save')")
    page.wait_for_url(f"**/staff/{reference}/")
    assert "tenancy enforcement" in page.locator("[data-testid=recommendations]").inner_text()
    application.refresh_from_db()
    assert application.status == rules.Status.REVIEW_HELD

    # The published figures for the year move: one more application, review and review with recommendations.
    after = figures(page, area.slug, year)
    assert after == [before[0] + 1, before[1], before[2] + 1, before[3] + 1]
    sentences = page.locator("[data-testid=sentences]").inner_text()
    assert f"during {year.label}" in sentences
    assert page.console_errors == []
