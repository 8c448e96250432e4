"""In real headless Chromium: the police, a relevant body, link their own incident to an application;
the coordinator's threshold page warns that the housing provider the applicant named has no incident
linked, and the decision is recorded only from its check-answers page. axe-core finds no serious or
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
    police_incident = make_incident(
        by="police_caseworker", occurred=timezone.localdate() - dt.timedelta(days=8)
    )

    sign_in(page, persona("police_caseworker"))
    page.goto(f"/case-reviews/staff/{application.reference}/")
    assert_accessible(page)
    page.click("text=Link incidents")
    assert page.locator("[data-testid=own-only]").is_visible()
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
