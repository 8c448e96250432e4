"""Sign-in: password then TOTP; lock-out; idle time-out; audit of every sign-in event."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client, override_settings

from csphub.audit.models import AuditEvent
from csphub.demo.personas import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def _password_step(client: Client, username: str, password: str = DEMO_PASSWORD) -> Any:
    return client.post("/accounts/sign-in/", {"username": username, "password": password})


def test_password_alone_does_not_sign_in(world: Any) -> None:
    client = Client()
    response = _password_step(client, "avbc_caseworker")
    assert response.status_code == 302 and response["Location"].endswith("/accounts/sign-in/code/")
    assert client.get("/home/").status_code == 302  # still not signed in


def test_password_and_code_sign_in_and_are_audited(world: Any, persona: Any, totp_code: Any) -> None:
    client = Client()
    _password_step(client, "avbc_caseworker")
    response = client.post("/accounts/sign-in/code/", {"otp_token": totp_code(persona("avbc_caseworker"))})
    assert response.status_code == 302
    home = client.get("/home/")
    assert home.status_code == 200
    body = home.content.decode()
    assert "Amber Valley Borough Council" in body and "Caseworker" in body
    assert AuditEvent.objects.filter(verb="user.logged_in", actor__username="avbc_caseworker").count() == 1


def test_wrong_code_is_refused_with_a_clear_message(world: Any) -> None:
    client = Client()
    _password_step(client, "avbc_caseworker")
    response = client.post("/accounts/sign-in/code/", {"otp_token": "000000"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in body and "security code is not correct" in body
    assert AuditEvent.objects.filter(verb="user.login_failed").exists()


def test_wrong_password_message_and_audit(world: Any) -> None:
    response = _password_step(Client(), "avbc_caseworker", "not-the-password")
    body = response.content.decode()
    assert "Enter a correct username and password" in body and "<title>Error: " in body
    assert AuditEvent.objects.filter(verb="user.login_failed").count() == 1
    assert "not-the-password" not in str(list(AuditEvent.objects.values()))


def test_lock_out_after_repeated_failures(world: Any, persona: Any, totp_code: Any) -> None:
    client = Client()
    for _ in range(5):
        _password_step(client, "avbc_caseworker", "wrong-password-123")
    response = _password_step(client, "avbc_caseworker")  # the right password, too late
    assert response.status_code == 429  # Too Many Requests
    assert "locked for 15 minutes" in response.content.decode()
    assert AuditEvent.objects.filter(verb="user.locked_out").exists()
    assert client.get("/home/").status_code == 302


def test_sign_out_is_post_only_and_audited(client_as: Any) -> None:
    client = client_as("avbc_caseworker")
    assert client.get("/accounts/sign-out/").status_code == 405
    assert client.post("/accounts/sign-out/").status_code == 302
    assert client.get("/home/").status_code == 302
    assert AuditEvent.objects.filter(verb="user.logged_out").count() == 1


def test_unverified_session_is_signed_out(world: Any, persona: Any) -> None:
    client = Client()
    client.force_login(persona("avbc_caseworker"), backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/home/").status_code == 302


@override_settings(CSPHUB_IDLE_TIMEOUT_MINUTES=30)
def test_idle_timeout(client_as: Any) -> None:
    client = client_as("avbc_caseworker")
    assert client.get("/home/").status_code == 200
    session = client.session
    session["csphub_last_activity"] = session["csphub_last_activity"] - 31 * 60
    session.save()
    response = client.get("/home/")
    assert response.status_code == 302
    assert client.get("/home/").status_code == 302
    assert AuditEvent.objects.filter(verb="user.session_timed_out").count() == 1


def test_activity_is_stamped_at_most_once_a_minute_and_still_keeps_the_session(client_as: Any) -> None:
    """Each request used to rewrite the session row; now the stamp moves once a minute at most, and
    a user active every few minutes is never signed out."""
    client = client_as("avbc_caseworker")
    assert client.get("/home/").status_code == 200

    def stamp_back(seconds: float) -> float:
        session = client.session
        session["csphub_last_activity"] = session["csphub_last_activity"] - seconds
        session.save()
        return float(session["csphub_last_activity"])

    recent = stamp_back(59)  # 59 s ago: not rewritten
    assert client.get("/home/").status_code == 200
    assert client.session["csphub_last_activity"] == recent
    older = stamp_back(2)  # 61 s ago: rewritten to now
    assert client.get("/home/").status_code == 200
    assert client.session["csphub_last_activity"] > older + 60
    stamp_back(29 * 60)  # 29 minutes idle: still signed in, and the clock restarts
    assert client.get("/home/").status_code == 200
    stamp_back(29 * 60)
    assert client.get("/home/").status_code == 200


def test_first_sign_in_sets_up_authenticator(world: Any) -> None:
    import base64

    from django.contrib.auth import get_user_model
    from django_otp.oath import TOTP

    user = get_user_model().objects.create_user("new_starter", password="correct horse battery staple")
    client = Client()
    response = _password_step(client, "new_starter", "correct horse battery staple")
    assert response["Location"].endswith("/accounts/sign-in/set-up-code/")
    page = client.get("/accounts/sign-in/set-up-code/").content.decode()
    assert "data:image/svg+xml" in page
    secret = page.split('<code class="govuk-!-font-weight-bold">')[1].split("</code>")[0]
    token = TOTP(base64.b32decode(secret)).token()
    response = client.post("/accounts/sign-in/set-up-code/", {"otp_token": f"{token:06d}"})
    assert response.status_code == 302
    assert client.get("/home/").status_code == 200
    assert AuditEvent.objects.filter(verb="user.two_factor_enrolled", target_id=str(user.pk)).exists()


def test_security_headers_and_cookies(client_as: Any) -> None:
    response = client_as("avbc_caseworker").get("/home/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    body = response.content.decode()
    assert "<script>" not in body and "onclick" not in body
    from django.conf import settings

    assert settings.SESSION_COOKIE_HTTPONLY and settings.SESSION_COOKIE_SAMESITE == "Lax"


def test_password_rules() -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("short")
    with pytest.raises(ValidationError):
        validate_password("password1234")
    with pytest.raises(ValidationError):
        validate_password("ambervalley2026")
    validate_password("plum kettle orbit lantern")  # three random words: no composition rules


def test_a_code_sent_inside_the_wait_after_a_wrong_one_is_explained_and_not_counted(
    world: Any, persona: Any, totp_code: Any
) -> None:
    """Review item 32: django-otp waits 2^(n-1) s after n wrong codes and refuses any code in
    that wait without checking it. The user is told to wait, and the refusal is not a failure."""
    client = Client()
    _password_step(client, "avbc_caseworker")
    client.post("/accounts/sign-in/code/", {"otp_token": "000000"})
    failures = AuditEvent.objects.filter(verb="user.login_failed").count()
    response = client.post("/accounts/sign-in/code/", {"otp_token": totp_code(persona("avbc_caseworker"))})
    body = response.content.decode()
    assert response.status_code == 200
    assert "this code was not checked. Wait 1 second, then enter the code" in body
    assert "security code is not correct" not in body
    assert AuditEvent.objects.filter(verb="user.login_failed").count() == failures
    from axes.models import AccessAttempt

    assert sum(a.failures_since_start for a in AccessAttempt.objects.all()) == 1
    # Once the wait is over, the right code signs in.
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=persona("avbc_caseworker"))
    device.throttling_failure_timestamp = device.throttling_failure_timestamp - dt.timedelta(seconds=2)
    device.save(update_fields=["throttling_failure_timestamp"])
    response = client.post("/accounts/sign-in/code/", {"otp_token": totp_code(persona("avbc_caseworker"))})
    assert response.status_code == 302


def test_many_fast_retries_do_not_lock_the_account(world: Any, persona: Any, totp_code: Any) -> None:
    client = Client()
    _password_step(client, "avbc_caseworker")
    client.post("/accounts/sign-in/code/", {"otp_token": "000000"})
    for _ in range(6):  # typed fast, all inside the wait
        response = client.post("/accounts/sign-in/code/", {"otp_token": "111111"})
        assert response.status_code == 200 and "Wait " in response.content.decode()
    assert not AuditEvent.objects.filter(verb="user.locked_out").exists()
