"""In real headless Chromium: the police, a relevant body, link their own incident to an application;
the coordinator's threshold page warns that the housing provider the applicant named has no incident
linked, and the decision is recorded only from its check-answers page. The link list names each
incident's people and finds one by name; a two-digit year marks only the year. axe-core finds no serious or
critical violation on any page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from csphub.casereviews import services
from csphub.casereviews.models import ApplicationIncident, ThresholdDecisionRecord
from tests.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_police_link_and_the_decision_is_checked(
    browser_page: Any, persona: Any, sign_in: Any, area: Any, application_data: Any, make_incident: Any
) -> None:
    page = browser_page
    application = services.application_submit(
        actor=None,
        area=area,
        **application_data(
            reports_described="police 101 on 10 and 24 November; Amber Valley Homes 15 November"
        ),
    )
    from csphub.people.services import person_create

    victim = person_create(actor=persona("police_caseworker"), given_name="Vida", family_name="Browserlink")
    police_incident = make_incident(
        by="police_caseworker", occurred=timezone.localdate() - dt.timedelta(days=8), victim=victim
    )

    sign_in(page, persona("police_caseworker"))
    page.goto(f"/case-reviews/staff/{application.reference}/")
    assert_accessible(page)
    page.click("text=Link incidents")
    assert page.locator("[data-testid=own-only]").is_visible()
    # Each incident names its people, and a person's name finds it (new-user review, problem 9).
    page.fill("#q", "browserlink")
    page.click("button:has-text('Search')")
    label = page.locator("label[for^=id_incidents]").first.inner_text()
    assert police_incident.reference in label and "people: Vida Browserlink (victim)" in label
    assert_accessible(page)
    page.locator("input[name=incidents]").first.check()
    page.click("button:has-text('Link selected incidents')")
    page.wait_for_url(f"**/staff/{application.reference}/")
    assert ApplicationIncident.objects.filter(application=application, incident=police_incident).exists()

    page.context.clear_cookies()
    sign_in(page, persona("avbc_caseworker"))
    page.goto(f"/case-reviews/staff/{application.reference}/threshold/")
    warning = page.locator("[data-testid=named-not-linked]").inner_text()
    assert "Amber Valley Homes" in warning and "Derbyshire Constabulary" not in warning
    assert_accessible(page)
    # A two-digit year: only the year is marked in error, and the summary links to it (GOV.UK date input).
    page.fill("#id_decided_on_year", "26")
    page.click("button:has-text('Continue')")
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.locator(".govuk-input--error").evaluate_all("els => els.map(e => e.id)") == [
        "id_decided_on_year"
    ]
    assert page.locator(".govuk-error-summary a").first.get_attribute("href") == "#id_decided_on_year"
    assert_accessible(page)
    page.fill("#id_decided_on_year", str(timezone.localdate().year))
    page.click("button:has-text('Continue')")
    assert "Check the threshold decision" in page.locator("h1").inner_text()
    assert "Not met" in page.locator("[data-testid=outcome]").inner_text()
    assert not ThresholdDecisionRecord.objects.exists()
    assert_accessible(page)
    page.click("button:has-text('Record the decision')")
    page.wait_for_url(f"**/staff/{application.reference}/")
    assert page.locator("[data-testid=threshold]").inner_text().startswith("Not met")
    assert ThresholdDecisionRecord.objects.filter(application=application).exists()
    assert page.console_errors == []
