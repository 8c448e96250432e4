"""In real headless Chromium: a council caseworker records that the magistrates refused a closure
order (with the notice continued for 24 hours, s.81(2)), sees the Crown Court appeal clock on the
order's page (21 days beginning with the day of the decision, s.84(3)(a), (5)), is refused a date in
the future, records the appeal, then the Crown Court's decision making the order (s.84(6)). axe-core
finds no serious or critical violation on any page of the journey."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from csphub.powers import services
from csphub.powers.models import PowerUse
from csphub.powers.rules import Status
from tests.axe import assert_accessible
from tests.dates import fill_date_time
from tests.powers.test_pages import make_setup, now, today

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _fill_date(page: Any, name: str, d: dt.date) -> None:
    page.fill(f"#id_{name}_day", str(d.day))
    page.fill(f"#id_{name}_month", str(d.month))
    page.fill(f"#id_{name}_year", str(d.year))


def test_refusal_then_the_councils_appeal_and_the_crown_courts_order(
    browser_page: Any, persona: Any, client_as: Any, sign_in: Any
) -> None:
    page = browser_page
    s = make_setup(persona, client_as)
    served = now() - dt.timedelta(hours=20)
    notice = services.closure_notice_issue(
        actor=s.officer,
        case=s.case,
        premises=s.address,
        issuer_capacity="local_authority",
        duration_hours=24,
        senior_signoff=False,
        conduct="Drug dealing and disorder",
        served_at=served,
        residents_informed=True,
        excludes_residents_or_owner=False,
        hearing_details="Derby Magistrates' Court",
        now=served,
    )
    sign_in(page, s.officer)

    # 1. The notice's page offers "the court refused the order"; the question page.
    page.goto(f"/powers/{notice.pk}/")
    page.click("[data-testid=record-closure-refusal]")
    assert "did not make a closure order" in page.locator("h1").inner_text()
    assert_accessible(page)
    decided = served + dt.timedelta(hours=19)
    fill_date_time(page, "refused_at", decided)
    fill_date_time(page, "continued_until", decided + dt.timedelta(hours=24))
    page.fill("#id_note", "Not satisfied the order was necessary")
    page.click("main button[type=submit]")
    assert "Check the court's decision" in page.locator("h1").inner_text()
    assert_accessible(page)
    page.click("button:has-text('Record refusal')")
    page.wait_for_url(re.compile(r"/powers/\d+/$"))

    # 2. The order's page: refused, with the clock and the appeal offered.
    order = PowerUse.objects.get(parent=notice, power="closure_order")
    assert page.url.endswith(f"/powers/{order.pk}/")
    last = decided.date() + dt.timedelta(days=20)
    clock = page.locator("[data-testid=refusal-appeal-clock]").inner_text()
    assert f"until {last.day} {last:%B %Y}" in clock and "The council may appeal" in clock
    assert page.locator("[data-testid=power-status]").inner_text() == "Refused"
    assert_accessible(page)

    # 3. The appeal: a date in the future is refused with a message; today is recorded.
    page.click("[data-testid=record-refusal-appeal]")
    assert_accessible(page)
    _fill_date(page, "lodged_on", today() + dt.timedelta(days=1))
    page.click("main button[type=submit]")
    assert (
        "The date of the appeal must be today or in the past"
        in page.locator(".govuk-error-summary").inner_text()
    )
    assert_accessible(page)
    _fill_date(page, "lodged_on", today())
    page.click("main button[type=submit]")
    page.click("button:has-text('Record appeal')")
    page.wait_for_url(f"**/powers/{order.pk}/")
    assert (
        "An appeal against the refusal is pending"
        in page.locator("[data-testid=appeal-pending]").inner_text()
    )
    assert_accessible(page)

    # 4. The Crown Court made the order (s.84(6)).
    page.click("[data-testid=record-refusal-appeal-decision]")
    assert_accessible(page)
    page.check("input[name=outcome][value=granted]")
    _fill_date(page, "decided_on", today())
    _fill_date(page, "ends_on", today() + dt.timedelta(days=60))
    page.click("main button[type=submit]")
    assert_accessible(page)
    page.click("button:has-text('Record decision')")
    page.wait_for_url(f"**/powers/{order.pk}/")
    assert page.locator("[data-testid=power-status]").inner_text() == "Granted"
    order.refresh_from_db()
    assert order.status == Status.GRANTED and order.court == "crown_court"
