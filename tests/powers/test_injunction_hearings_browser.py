"""In real headless Chromium: a council caseworker records that the county court adjourned a
without-notice injunction application with an interim injunction (Anti-social Behaviour, Crime and
Policing Act 2014 ss.6(2)(a) and 7), is told an interim injunction made without notice cannot exclude
the respondent from home (s.7(3)), then records the decision at the on-notice hearing. axe-core finds
no serious or critical violation on any page of the journey."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from csphub.powers import services
from csphub.powers.rules import Status
from tests.axe import assert_accessible
from tests.powers.test_pages import make_setup, today

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _fill_date(page: Any, name: str, d: dt.date) -> None:
    page.fill(f"#id_{name}_day", str(d.day))
    page.fill(f"#id_{name}_month", str(d.month))
    page.fill(f"#id_{name}_year", str(d.year))


def test_without_notice_hearing_adjourned_with_an_interim_injunction_then_granted(
    browser_page: Any, persona: Any, client_as: Any, sign_in: Any
) -> None:
    page = browser_page
    s = make_setup(persona, client_as)
    injunction = services.injunction_apply(
        actor=s.officer,
        case=s.case,
        recipient=s.adult,
        issuer_capacity="local_authority",
        applied_on=today() - dt.timedelta(days=1),
        court="county_court",
        ends_on=None,
        yot_consulted_on=None,
        requirements="Not to enter Market Place",
        without_notice=True,
    )
    sign_in(page, s.officer)

    # 1. The application's page offers the adjourned hearing; the question page.
    page.goto(f"/powers/{injunction.pk}/")
    page.click("[data-testid=record-adjourned]")
    assert "adjourned hearing" in page.locator("h1").inner_text()
    assert_accessible(page)
    next_hearing = today() + dt.timedelta(days=14)
    _fill_date(page, "hearing_on", today())
    _fill_date(page, "next_hearing_on", next_hearing)
    page.check("#id_interim")
    page.fill("#id_interim_requirements", "Not to enter Market Place")
    page.check("#id_interim_excludes_from_home")
    page.click("main button[type=submit]")
    assert "(s.7(3))" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)

    # 2. Without the exclusion: check, then record.
    page.uncheck("#id_interim_excludes_from_home")
    page.click("main button[type=submit]")
    assert "Check the adjourned hearing" in page.locator("h1").inner_text()
    assert_accessible(page)
    page.click("button:has-text('Record adjourned hearing')")
    page.wait_for_url(re.compile(rf"/powers/{injunction.pk}/$"))
    assert page.locator("[data-testid=power-status]").inner_text() == "Adjourned"
    interim = page.locator("[data-testid=interim-injunction]").inner_text()
    assert "without notice to the respondent" in interim and "Not to enter Market Place" in interim
    assert f"{next_hearing.day} {next_hearing:%B %Y}" in page.locator("main").inner_text()
    assert_accessible(page)

    # 3. The on-notice hearing: the court granted the injunction.
    page.click("[data-testid=record-decision]")
    page.check("input[name=outcome][value=granted]")
    _fill_date(page, "decided_on", today())
    page.click("main button[type=submit]")
    page.click("button:has-text('Record decision')")
    page.wait_for_url(re.compile(rf"/powers/{injunction.pk}/$"))
    assert page.locator("[data-testid=power-status]").inner_text() == "Granted"
    injunction.refresh_from_db()
    assert injunction.status == Status.GRANTED


def test_a_youth_courts_injunction_appealed_to_the_crown_court(
    browser_page: Any, persona: Any, client_as: Any, sign_in: Any
) -> None:
    """s.15: the respondent appeals the youth court's grant; a date before the decision is refused;
    the Crown Court dismisses the appeal. axe-core on every page."""
    page = browser_page
    s = make_setup(persona, client_as)
    injunction = services.injunction_apply(
        actor=s.officer,
        case=s.case,
        recipient=s.youth,
        issuer_capacity="local_authority",
        applied_on=today() - dt.timedelta(days=10),
        court="youth_court",
        ends_on=today() + dt.timedelta(days=180),
        yot_consulted_on=today() - dt.timedelta(days=12),
        requirements="Not to enter Market Place",
    )
    services.injunction_decide(
        actor=s.officer,
        injunction=injunction,
        outcome="granted",
        decided_on=today() - dt.timedelta(days=3),
        ends_on=today() + dt.timedelta(days=180),
        requirements="Not to enter Market Place",
    )
    sign_in(page, s.officer)
    page.goto(f"/powers/{injunction.pk}/")
    page.click("[data-testid=record-appeal]")
    assert "appeal to the Crown Court" in page.locator("h1").inner_text()
    assert_accessible(page)
    page.check("input[name=appellant][value=respondent]")
    _fill_date(page, "lodged_on", today() - dt.timedelta(days=4))
    page.click("main button[type=submit]")
    assert "before the decision" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
    _fill_date(page, "lodged_on", today() - dt.timedelta(days=1))
    page.click("main button[type=submit]")
    assert_accessible(page)
    page.click("button:has-text('Record appeal')")
    page.wait_for_url(re.compile(rf"/powers/{injunction.pk}/$"))
    assert "pending" in page.locator("[data-testid=crown-court-appeal]").inner_text()
    assert_accessible(page)

    page.click("[data-testid=record-appeal-decision]")
    assert_accessible(page)
    page.check("input[name=outcome][value=dismissed]")
    _fill_date(page, "decided_on", today())
    page.click("main button[type=submit]")
    page.click("button:has-text('Record decision')")
    page.wait_for_url(re.compile(rf"/powers/{injunction.pk}/$"))
    assert "dismissed on" in page.locator("[data-testid=crown-court-appeal]").inner_text()
    assert page.locator("[data-testid=power-status]").inner_text() == "Granted"
    assert_accessible(page)


def test_a_youth_breach_with_a_supervision_order(
    browser_page: Any, persona: Any, client_as: Any, sign_in: Any
) -> None:
    """Schedule 2: the breach page records the youth court's supervision order; 30 activity days are
    refused (12 to 24), 20 are recorded, and the order shows on the injunction's page. axe-core on
    every page."""
    page = browser_page
    s = make_setup(persona, client_as)
    injunction = services.injunction_apply(
        actor=s.officer,
        case=s.case,
        recipient=s.youth,
        issuer_capacity="local_authority",
        applied_on=today() - dt.timedelta(days=20),
        court="youth_court",
        ends_on=today() + dt.timedelta(days=180),
        yot_consulted_on=today() - dt.timedelta(days=22),
        requirements="Not to enter Market Place",
    )
    services.injunction_decide(
        actor=s.officer,
        injunction=injunction,
        outcome="granted",
        decided_on=today() - dt.timedelta(days=15),
        ends_on=today() + dt.timedelta(days=180),
        requirements="Not to enter Market Place",
    )
    sign_in(page, s.officer)
    page.goto(f"/powers/{injunction.pk}/")
    page.click("[data-testid=record-breach]")
    assert_accessible(page)
    _fill_date(page, "breached_on", today() - dt.timedelta(days=5))
    _fill_date(page, "found_on", today())
    page.check("input[name=court][value=youth_court]")
    page.check("input[name=youth_order][value=supervision]")
    _fill_date(page, "youth_order_ends_on", today() + dt.timedelta(days=90))
    page.check("input[name=youth_requirements][value=supervision]")
    page.check("input[name=youth_requirements][value=activity]")
    page.fill("#id_activity_days", "30")
    _fill_date(page, "yot_consulted_on", today() - dt.timedelta(days=2))
    page.click("main button[type=submit]")
    assert "12 to 24 days" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
    page.fill("#id_activity_days", "20")
    page.click("main button[type=submit]")
    assert_accessible(page)
    page.click("button:has-text('Record breach')")
    page.wait_for_url(re.compile(rf"/powers/{injunction.pk}/$"))
    assert "a supervision order" in page.locator("[data-testid=breach]").inner_text()
    assert_accessible(page)
