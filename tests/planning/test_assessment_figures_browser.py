"""In headless Chromium, a coordinator reads the multi-agency assessment's figures with records in
them (the monthly table with its sources, ASB by LSOA, where the figures come from); axe-core finds
no serious or critical problem."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_assessment_figures_page_with_records(
    browser_page: Any, live_server: Any, persona: Any, sign_in: Any
) -> None:
    from csphub.cases import services as cases

    officer = persona("avbc_caseworker")
    when = timezone.now().replace(day=1) - dt.timedelta(days=3)  # in last month
    for category in ("noise", "noise", "drugs"):
        incident = cases.incident_record(
            actor=officer, occurred_at=when, reported_at=when + dt.timedelta(hours=1), channel="phone",
            asb_type="nuisance", category=category, description="Test", longitude=-1.4039, latitude=53.05,
        )  # fmt: skip
    cases.case_open(actor=officer, incidents=[incident], summary="Test")
    page = browser_page
    sign_in(page, persona("avbc_partnership_coordinator"))
    page.goto(reverse("planning:partner_data"))
    assert page.get_by_text("Recorded in CSP Hub: ASB incidents").count() >= 1
    assert page.get_by_role("heading", name="ASB by LSOA").count() == 1
    assert page.get_by_role("heading", name="Where the figures come from").count() == 1
    assert page.locator("[data-testid=lsoa-counts] tbody tr").count() >= 1
    assert_accessible(page)
