"""Shared fixtures: personas of the demo partnership, signed-in clients, a real browser.

- ``persona("avbc_caseworker")`` -> a User with that demo persona's single membership.
- ``login(client, user)`` -> signs the client in as a fully verified (password + TOTP) session.
- ``world`` -> the demo agencies, ISAs and personas, created once per test.
- ``browser_page`` -> a Playwright page in Debian's headless Chromium (tests marked ``browser``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
CHROMIUM = os.environ.get("CSPHUB_CHROMIUM", "/usr/bin/chromium")

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# beside one unless told that this (test-only) use is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Property tests check correctness, not speed: on a loaded 2-core CI machine hypothesis's default
# 200 ms deadline fails examples that are merely slow. Speed is measured by benchmarks/.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("csphub", deadline=None)
_hypothesis_settings.load_profile("csphub")


@pytest.fixture
def world(db: Any) -> Any:
    """The demo partnership's agencies, agreements and persona users (no app demo data)."""
    from django.contrib.auth import get_user_model

    from csphub.agencies.models import Agency, InformationSharingAgreement
    from csphub.demo.loader import load_core_demo

    loaded = (
        get_user_model().objects.filter(username="voluntary_administrator").exists()
        and InformationSharingAgreement.objects.filter(reference="AV-ISA-HRP-02").exists()
    )
    if not loaded:
        load_core_demo()

    class World:
        agencies = {a.slug: a for a in Agency.objects.all()}
        asb_isa = InformationSharingAgreement.objects.get(reference="AV-ISA-ASB-01")
        panel_isa = InformationSharingAgreement.objects.get(reference="AV-ISA-HRP-02")

    return World()


@pytest.fixture
def persona(world: Any) -> Callable[[str], Any]:
    from django.contrib.auth import get_user_model

    def _persona(username: str) -> Any:
        return get_user_model().objects.get(username=username)

    return _persona


def _login(client: Any, user: Any) -> Any:
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def login() -> Callable[[Any, Any], Any]:
    return _login


@pytest.fixture
def client_as(client: Any, persona: Callable[[str], Any]) -> Callable[[str], Any]:
    """``client_as("avbc_caseworker")`` -> a Django test client signed in as that persona."""
    from django.test import Client

    def _client_as(username: str) -> Any:
        return _login(Client(), persona(username))

    return _client_as


def totp_code_for(user: Any) -> str:
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=user, confirmed=True)
    totp = TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def totp_code() -> Callable[[Any], str]:
    return totp_code_for


# --- real browser -------------------------------------------------------------------------


@pytest.fixture
def _browser(transactional_db: None) -> Iterator[Any]:
    """Chromium, started per test AFTER the test database is set up and stopped before it is torn
    down: Playwright's sync API switches greenlets, and Django's per-context connection state
    (the serialized copy that restores migrated data) must be set up and torn down outside it."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not installed at {CHROMIUM} (.ci/run installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(live_server: Any, _browser: Any) -> Iterator[Any]:
    """A fresh browser context and page; ``page.base_url`` is the live server's URL."""
    context = _browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on(
        "console",
        lambda msg: (
            errors.append(f"{msg.text} {msg.location.get('url', '')}") if msg.type == "error" else None
        ),
    )
    page.console_errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()


def browser_sign_in(page: Any, user: Any, *, password: str | None = None) -> None:
    """Sign in through the real pages: password, then the current TOTP code."""
    from csphub.demo.personas import DEMO_PASSWORD

    page.goto("/accounts/sign-in/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", password or DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.fill("#id_otp_token", totp_code_for(user))
    page.click("button[type=submit]")
    page.wait_for_url("**/home/")


@pytest.fixture
def sign_in() -> Callable[..., None]:
    return browser_sign_in


def pytest_collection_modifyitems(items: list[Any]) -> None:
    """Every transactional test must restore the migrated data (content types, shipped
    questionnaires) with serialized_rollback: mixing the two kinds makes Django's flush re-create
    content types that the next serialized test then loads again (a unique-constraint failure)."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker is not None
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            raise pytest.UsageError(
                f"{item.nodeid}: use pytest.mark.django_db(transaction=True, serialized_rollback=True)"
            )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """pytest-django's test databases, dropped at the end even when a connection is still open.

    A thread that served a browser test, or a second connection a test opened, can outlive the
    test; PostgreSQL then refuses to drop the test database and the run leaves it behind
    (new-user review item 37). Before pytest-django drops it, every other session on it is closed.
    """
    yield
    from django.db import connections

    with django_db_blocker.unblock():
        for alias in connections:
            connection = connections[alias]
            if connection.vendor != "postgresql":
                continue
            name = connection.settings_dict["NAME"]
            connection.close()
            with connection._nodb_cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = %s AND pid <> pg_backend_pid()",
                    [name],
                )
