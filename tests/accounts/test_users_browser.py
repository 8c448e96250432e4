"""In headless Chromium: an administrator's staff pages (new-user review item 31). Adding a member
of staff shows every problem at once, password included; the list shows e-mail and last sign-in;
an account is deactivated and reactivated through a confirmation page; axe finds nothing serious."""

from __future__ import annotations

from typing import Any

import pytest

from tests.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_administrator_adds_staff_and_deactivates_then_reactivates_an_account(
    browser_page: Any, persona: Any, sign_in: Any
) -> None:
    page = browser_page
    admin = persona("avbc_administrator")
    colleague = persona("avbc_caseworker")
    sign_in(page, admin)
    page.goto("/accounts/users/")
    assert_accessible(page)
    header = page.locator("table thead").inner_text()
    assert "Work email" in header and "Last signed in" in header
    # Own row: no way to deactivate oneself.
    assert page.get_by_role("button", name=f"Deactivate account of {admin.username}").count() == 0

    # One round of errors: the weak password is named with the other problems.
    page.fill("#id_username", "Jo Smith")
    page.fill("#id_last_name", "Smith")
    page.fill("#id_email", "jo.smith@example.gov.uk")
    page.check("input[name=role][value=caseworker]")
    page.fill("#id_password", "password")
    page.get_by_role("button", name="Add", exact=True).click()
    summary = page.locator(".govuk-error-summary").inner_text()
    for message in ("Use 3 or more lower case letters", "Enter their first name", "This password is too"):
        assert message in summary, summary
    assert page.title().startswith("Error: ")
    assert_accessible(page)

    # Deactivate a colleague's account through its confirmation page.
    page.get_by_role("button", name=f"Deactivate account of {colleague.username}").click()
    page.wait_for_url(f"**/accounts/users/{colleague.pk}/deactivate/")
    assert "no longer be able to sign in" in page.locator("main").inner_text()
    assert page.locator(".govuk-back-link").get_attribute("href") == "/accounts/users/"
    assert_accessible(page)
    page.get_by_role("button", name="Deactivate account").click()
    page.wait_for_url("**/accounts/users/")
    assert "account is deactivated: they can no longer sign in" in page.locator("main").inner_text()
    assert page.locator("[data-testid=deactivated]").count() == 1
    assert_accessible(page)

    # And back on.
    page.get_by_role("button", name=f"Reactivate account of {colleague.username}").click()
    page.wait_for_url(f"**/accounts/users/{colleague.pk}/reactivate/")
    assert_accessible(page)
    page.get_by_role("button", name="Reactivate account").click()
    page.wait_for_url("**/accounts/users/")
    assert "account is active again" in page.locator("main").inner_text()
    assert page.locator("[data-testid=deactivated]").count() == 0
    colleague.refresh_from_db()
    assert colleague.is_active
    assert not page.console_errors, page.console_errors
