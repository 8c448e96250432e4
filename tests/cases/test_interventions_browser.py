"""In headless Chromium: a caseworker records an acceptable behaviour contract from the case page
(question → check answers → confirm), sees it listed with its review task, records its outcome the
same way, and sees it on the community protection warning's check page for that person; axe finds
nothing serious on any page of the journey."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from csphub.cases import services
from csphub.cases.models import PartyRole
from csphub.people.services import person_create
from tests.axe import assert_accessible
from tests.dates import fill_date_time

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _date(page: Any, name: str, day: dt.date) -> None:
    page.fill(f"#id_{name}_day", str(day.day))
    page.fill(f"#id_{name}_month", str(day.month))
    page.fill(f"#id_{name}_year", str(day.year))


def test_early_intervention_journey(browser_page: Any, persona: Any, sign_in: Any, make_case: Any) -> None:
    page = browser_page
    officer = persona("avbc_caseworker")
    case = make_case(family="Brambleton")
    perp = person_create(
        actor=officer, given_name="Paul", family_name="Abcbrowser", date_of_birth=dt.date(1990, 1, 1)
    )
    services.case_add_party(actor=officer, case=case, person=perp, role=PartyRole.ALLEGED_PERPETRATOR)
    today = timezone.localdate()
    review = today + dt.timedelta(days=60)
    sign_in(page, officer)

    page.goto(reverse("cases:case_detail", args=[case.pk]))
    section = page.locator("[data-testid=early-interventions]")
    assert "No early intervention is recorded" in section.inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="Record an early intervention").click()

    # The question page: a review date before the start is refused on the page.
    page.wait_for_selector("text=Record an early intervention")
    assert_accessible(page)
    page.check("input[name=kind][value=abc]")
    page.select_option("#id_person", str(perp.pk))
    _date(page, "started_on", today)
    page.fill("#id_terms", "Not to play amplified music after 11pm\nNot to shout at neighbours")
    _date(page, "review_on", today - dt.timedelta(days=1))
    page.check("input[name=agreed_by][value=person]")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_selector(".govuk-error-summary")
    assert (
        "The review date must be on or after the start date"
        in page.locator(".govuk-error-summary").inner_text()
    )
    assert_accessible(page)
    _date(page, "review_on", review)
    page.get_by_role("button", name="Continue").click()

    # The check page, then confirm.
    page.wait_for_selector("text=Check the early intervention before you record it")
    assert "Paul Abcbrowser" in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_role("button", name="Record early intervention").click()

    # Back on the case: listed, with its review task.
    page.wait_for_selector("text=Acceptable behaviour contract or agreement recorded")
    listed = page.locator("[data-testid=early-interventions]").inner_text()
    assert "Not to shout at neighbours" in listed and "Not yet recorded" in listed
    assert f"Review the acceptable behaviour contract or agreement on case {case.reference}" in (
        page.locator("[data-testid=case-tasks]").inner_text()
    )
    assert_accessible(page)

    # The warning's check page shows it for this person.
    page.goto(reverse("powers:cpw_new", args=[case.pk]))
    page.select_option("#id_recipient", str(perp.pk))
    page.select_option("#id_issuer_capacity", "local_authority")
    page.fill("#id_conduct", "Playing amplified music after 11pm")
    page.fill("#id_requirements", "Stop playing amplified music between 11pm and 7am")
    fill_date_time(page, "comply_by", dt.datetime.now() + dt.timedelta(days=14))
    page.click("main button:has-text('Continue')")
    tried = page.locator("[data-testid=early-interventions-for-recipient]")
    tried.wait_for()
    assert "Acceptable behaviour contract or agreement" in tried.inner_text()
    assert_accessible(page)

    # Record the outcome: question → check → confirm.
    page.goto(reverse("cases:case_detail", args=[case.pk]))
    page.locator("[data-testid=early-interventions] a:has-text('Record the outcome')").click()
    page.wait_for_selector("[data-testid=intervention-summary]")
    assert_accessible(page)
    page.check("input[name=outcome][value=broken]")
    _date(page, "outcome_on", today)
    page.fill("#id_outcome_notes", "Music at 1am on the third night")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_selector("text=Check the outcome before you record it")
    assert_accessible(page)
    page.get_by_role("button", name="Record outcome").click()
    page.wait_for_selector("text=Outcome recorded")
    listed = page.locator("[data-testid=early-interventions]").inner_text()
    assert "Broken" in listed and "Music at 1am" in listed
    assert "Done" in page.locator("[data-testid=case-tasks]").inner_text()
    assert_accessible(page)
