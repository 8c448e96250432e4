"""The register of information sharing agreements in a real browser: a coordinator records an
agreement with the police (refused first for a review date before the start, the field named), checks
the answers, records it, reviews it and ends it. axe-core finds no serious or critical problem on
any page walked, and no page shows an internal code."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tests.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

INTERNAL = ("csphub ", "dataprotection:", "6_1_e", "isa.", "/src/", "Traceback")


def _plain(page: Any) -> None:
    text = page.inner_text("main")
    for word in INTERNAL:
        assert word not in text, f"{word!r} shown on {page.url}"
    assert_accessible(page)


def _date(page: Any, name: str, day: dt.date) -> None:
    page.fill(f"#id_{name}_day", str(day.day))
    page.fill(f"#id_{name}_month", str(day.month))
    page.fill(f"#id_{name}_year", str(day.year))


def test_record_review_and_end_an_agreement(
    browser_page: Any, persona: Any, sign_in: Any, world: Any
) -> None:
    page = browser_page
    sign_in(page, persona("avbc_partnership_coordinator"))
    page.goto("/home/")
    page.locator("[data-testid=home-data-protection]").get_by_role(
        "link", name="Information sharing agreements"
    ).click()
    page.wait_for_selector("[data-testid=agreement-new]")
    assert "AV-ISA-ASB-01" in page.inner_text("[data-testid=agreements]")
    _plain(page)

    page.click("[data-testid=agreement-new]")
    today = timezone.localdate()
    page.fill("#id_reference", "AV-ISA-YTH-07")
    page.fill("#id_name", "Youth diversion referrals")
    page.fill(
        "#id_purpose", "Referrals of young people at risk of criminal exploitation to the youth service"
    )
    # The acting agency is ticked already; add the police.
    page.check(f"input[name=parties][value='{world.agencies['police'].pk}']")
    page.check("input[name=lawful_basis][value='6_1_e']")
    page.fill("#id_gateway", "Crime and Disorder Act 1998 section 115")
    _date(page, "start_date", today)
    _date(page, "review_date", today - dt.timedelta(days=1))
    page.click("main button[type=submit]")
    errors = page.inner_text(".govuk-error-summary")
    assert "The review date must be after the start date" in errors, errors
    _plain(page)

    _date(page, "review_date", today + dt.timedelta(days=365))
    page.click("main button[type=submit]")
    answers = page.inner_text("[data-testid=check-answers]")
    assert "Youth diversion referrals" in answers and "Art 6(1)(e) public task" in answers, answers
    _plain(page)
    page.get_by_role("button", name="Record the agreement").click()
    page.wait_for_selector("[data-testid=standing]")
    assert "In force" in page.inner_text("[data-testid=standing]")
    summary = page.inner_text("[data-testid=agreement]")
    assert "Derbyshire Constabulary" in summary or "Police" in summary, summary
    _plain(page)

    page.click("[data-testid=agreement-review]")
    _date(page, "review_date", today + dt.timedelta(days=730))
    page.fill("#id_note", "Reviewed by the partnership board; no change to the purpose")
    page.click("main button[type=submit]")
    _plain(page)
    page.get_by_role("button", name="Record the review").click()
    page.wait_for_selector("[data-testid=standing]")
    assert f"{(today + dt.timedelta(days=730)):%B %Y}" in page.inner_text("[data-testid=agreement]")

    page.click("[data-testid=agreement-end]")
    _date(page, "ends_on", today - dt.timedelta(days=1))
    page.fill("#id_reason", "The youth service has been recommissioned")
    page.click("main button[type=submit]")
    assert "today or later" in page.inner_text(".govuk-error-summary")
    _plain(page)
    _date(page, "ends_on", today)
    page.click("main button[type=submit]")
    page.get_by_role("button", name="End the agreement").click()
    page.wait_for_selector("[data-testid=standing]")
    assert "Ends" in page.inner_text("[data-testid=agreement]")
    _plain(page)
