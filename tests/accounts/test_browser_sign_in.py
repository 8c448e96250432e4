"""In a real headless Chromium: sign in with password + TOTP, see agency and role, lock-out, sign out."""

from __future__ import annotations

from typing import Any

import pytest

from csphub.demo.personas import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_sign_in_with_password_and_code_then_sign_out(
    browser_page: Any, persona: Any, totp_code: Any
) -> None:
    page = browser_page
    user = persona("housing_caseworker")
    page.goto("/accounts/sign-in/")
    assert page.title().startswith("Sign in")
    page.fill("#id_username", user.username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/sign-in/code/")
    page.fill("#id_otp_token", totp_code(user))
    page.click("button[type=submit]")
    page.wait_for_url("**/home/")
    header = page.locator("[data-testid=acting-as]").inner_text()
    assert "Amber Valley Homes" in header and "Caseworker" in header
    assert page.locator("h1").inner_text() == "Your work"
    # GOV.UK Frontend's JavaScript ran (served locally, allowed by the CSP): no console errors.
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    assert not page.console_errors, page.console_errors
    page.click("text=Sign out")
    page.wait_for_url("**/accounts/sign-in/")
    assert "You have signed out" in page.content()
    page.goto("/home/")
    assert "/accounts/sign-in/" in page.url


def test_repeated_wrong_passwords_lock_the_account(browser_page: Any, persona: Any) -> None:
    page = browser_page
    user = persona("avbc_caseworker")
    for _ in range(5):
        page.goto("/accounts/sign-in/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", "not my password at all")
        page.click("button[type=submit]")
    page.goto("/accounts/sign-in/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    assert page.locator("[data-testid=locked-out]").is_visible()
    assert "locked for 15 minutes" in page.locator("[data-testid=locked-out]").inner_text()
    page.goto("/home/")
    assert "/accounts/sign-in/" in page.url
