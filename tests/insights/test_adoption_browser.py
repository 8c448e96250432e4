"""Adopting the official Strategic Assessment in Chromium, as a board member; axe-core clean."""

from __future__ import annotations

from typing import Any

import pytest
from tests.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_board_member_adopts_the_assessment(
    browser_page: Any, persona: Any, sign_in: Any, amber_valley_run: Any
) -> None:
    page = browser_page
    sign_in(page, persona("avbc_board_member"))
    page.goto("/home/")
    assert "has not adopted an official Strategic Assessment yet" in page.inner_text("main")
    page.goto("/insights/")
    page.click(f"a[href='/insights/{amber_valley_run.pk}/']")
    assert_accessible(page)
    page.fill("#id_note", "Board meeting 12 March, minute 7")
    page.click("button:has-text('Adopt this assessment')")
    page.locator("strong.govuk-tag--green:has-text('Adopted')").wait_for()
    main = page.inner_text("main")
    assert "official Strategic Assessment" in main and "minute 7" in main
    assert_accessible(page)
    page.goto("/home/")
    assert "Adopted assessment:" in page.inner_text("main")
    assert not page.console_errors  # type: ignore[attr-defined]


def test_county_board_member_switches_to_the_board_and_reads_its_districts(
    browser_page: Any, persona: Any, sign_in: Any, amber_valley_run: Any
) -> None:
    from csphub.insights.services import assessment_adopt

    assessment_adopt(actor=persona("avbc_board_member"), run=amber_valley_run)
    page = browser_page
    sign_in(page, persona("dcc_board_member"))
    assert "Amber Valley Community Safety Partnership" in page.inner_text(".govuk-phase-banner")
    page.click("[data-testid=switch-partnership]")
    assert_accessible(page)
    page.check("label:has-text('Derbyshire County Community Safety Board')")
    page.click("button:has-text('Continue')")
    assert "Derbyshire County Community Safety Board" in page.inner_text(".govuk-phase-banner")
    page.goto("/insights/partnerships/")
    table = page.inner_text("table")
    assert "Amber Valley Community Safety Partnership" in table and "Bolsover" in table
    assert_accessible(page)
    assert not page.console_errors  # type: ignore[attr-defined]
