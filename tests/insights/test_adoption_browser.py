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
