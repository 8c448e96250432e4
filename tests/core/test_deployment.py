"""Production deployment controls (security review findings 6, 9, 10, 12, 23)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from django.core.cache import caches
from django.core.management import call_command
from django.test import RequestFactory, override_settings

from csphub.core.clientip import client_ip
from csphub.core.ratelimit import take_slot

REPO = Path(__file__).resolve().parents[2]
CSPHUB = [sys.executable, "-c", "from csphub.cli import main; main()"]
DB_CACHE = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "csphub_cache"}}


# --- finding 6: the demo is refused under production settings --------------------------------------


@pytest.mark.parametrize(
    "command", [["demo", "--no-serve", "--without-assessment"], ["demo-otp", "avbc_caseworker"]]
)
def test_demo_commands_are_refused_under_production_settings(command: list[str], settings: Any) -> None:
    from csphub.cli import main

    settings.CSPHUB_PRODUCTION = True
    result = CliRunner().invoke(main, command)
    assert result.exit_code != 0
    assert "refused under production settings" in result.output


@pytest.mark.slow
def test_demo_is_refused_by_a_real_production_configuration(tmp_path: Path) -> None:
    env = production_env(tmp_path, f"sqlite:///{tmp_path / 'prod.sqlite3'}")
    for command in (["demo", "--no-serve", "--without-assessment"], ["demo-otp", "avbc_administrator"]):
        result = subprocess.run(CSPHUB + command, env=env, capture_output=True, text=True, timeout=120)
        assert result.returncode != 0
        assert "refused under production settings" in result.stderr
    assert not (tmp_path / "prod.sqlite3").exists() or (tmp_path / "prod.sqlite3").stat().st_size == 0


# --- finding 9: shared limits, keyed on the client address the trusted proxy gives ---------------


@pytest.mark.django_db
def test_limits_and_single_use_tokens_live_in_the_shared_database_cache(settings: Any) -> None:
    from csphub.casereviews import services

    with override_settings(CACHES=DB_CACHE):
        call_command("createcachetable", verbosity=0)
        caches["default"].clear()
        settings.CASEREVIEWS_SUBMISSIONS_PER_IP_PER_HOUR = 2
        settings.CASEREVIEWS_MIN_FORM_SECONDS = 0
        assert services.submission_allowed("203.0.113.9") and services.submission_allowed("203.0.113.9")
        token = services.form_token_issue()
        assert services.form_token_problem(token, honeypot="") is None
        # A fresh cache object (another worker, or the same one after a restart) sees the same state.
        caches._settings = None  # type: ignore[attr-defined]
        for alias in list(caches):
            del caches[alias]
        fresh = caches["default"]
        assert fresh.__class__.__name__ == "DatabaseCache"
        assert not services.submission_allowed("203.0.113.9")
        assert services.form_token_problem(token, honeypot="") == "reused"
        assert services.submission_allowed("203.0.113.10")
        fresh.clear()


@pytest.mark.django_db
def test_take_slot_counts_exactly_the_limit() -> None:
    caches["default"].clear()
    results = [take_slot("t:key", limit=3, window_seconds=60) for _ in range(5)]
    assert results == [True, True, True, False, False]


@pytest.mark.parametrize(
    ("remote", "forwarded", "trusted", "expected"),
    [
        ("198.51.100.7", "", [], "198.51.100.7"),  # no proxy configured: the socket's address
        ("198.51.100.7", "203.0.113.5", [], "198.51.100.7"),  # header ignored unless a proxy is trusted
        ("10.0.0.2", "203.0.113.5", ["10.0.0.0/24"], "203.0.113.5"),  # via the trusted proxy
        ("10.0.0.2", "1.2.3.4, 203.0.113.5", ["10.0.0.0/24"], "203.0.113.5"),  # client-written part ignored
        ("10.0.0.2", "203.0.113.5, 10.0.0.9", ["10.0.0.0/24"], "203.0.113.5"),  # two trusted hops
        ("198.51.100.7", "203.0.113.5", ["10.0.0.0/24"], "198.51.100.7"),  # not from the proxy: forged
        ("10.0.0.2", "not-an-address", ["10.0.0.0/24"], "10.0.0.2"),
    ],
)
def test_client_ip_believes_only_the_trusted_proxy(
    remote: str, forwarded: str, trusted: list[str], expected: str, settings: Any
) -> None:
    settings.CSPHUB_TRUSTED_PROXIES = trusted
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


# --- finding 12: Cache-Control on personal pages, exports, the API and downloads -----------------


@pytest.mark.django_db
def test_personal_pages_api_and_exports_are_no_store(client_as: Any, persona: Any) -> None:
    from csphub.people.services import person_create

    person = person_create(actor=persona("avbc_caseworker"), given_name="Cache", family_name="Never")
    c = client_as("avbc_caseworker")
    for url in (
        f"/people/{person.pk}/",
        "/people/",
        "/cases/",
        "/cases/search/?q=Never",
        "/api/v1/people",
        "/home/",
    ):
        response = c.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"], url
    # A page that set its own policy (sign-in: never_cache) keeps it, with no-store.
    assert "no-store" in client_as("avbc_caseworker").get("/accounts/sign-in/")["Cache-Control"]


# --- finding 23: a production server (gunicorn) -------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def production_env(data_dir: Path, database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="csphub.config.settings.production",
        CSPHUB_SECRET_KEY="s3cret-" * 10,
        CSPHUB_ALLOWED_HOSTS="127.0.0.1,localhost",
        CSPHUB_DATA_DIR=str(data_dir),
        DATABASE_URL=database_url,
        PYTHONPATH=os.pathsep.join([str(REPO / "src"), env.get("PYTHONPATH", "")]),
    )
    env.pop("CSPHUB_DEBUG", None)
    return env


def start_production_server(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [*CSPHUB, "serve", "--production", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            if server.poll() is not None:
                raise AssertionError(server.stdout.read().decode() if server.stdout else "exited") from None
            time.sleep(0.3)
    server.kill()
    raise AssertionError("the production server did not start within 60 s")


def fetch(port: int, path: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


@pytest.mark.slow
def test_serve_production_runs_gunicorn_workers_behind_the_proxy(tmp_path: Path) -> None:
    env = production_env(tmp_path, f"sqlite:///{tmp_path / 'prod.sqlite3'}")
    migrated = subprocess.run([*CSPHUB, "migrate"], env=env, capture_output=True, text=True, timeout=300)
    assert migrated.returncode == 0, migrated.stderr
    port = _free_port()
    server = start_production_server(env, port)
    try:
        status, headers, body = fetch(port, "/accounts/sign-in/")
        assert status == 200, body[:500]
        assert headers["Server"].startswith("gunicorn")
        assert "no-store" in headers["Cache-Control"]
        assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
        # Without the proxy's X-Forwarded-Proto the request is sent to HTTPS.
        plain = urllib.request.Request(f"http://127.0.0.1:{port}/accounts/sign-in/")
        with pytest.raises(urllib.error.HTTPError) as redirect:
            urllib.request.build_opener(_NoRedirect()).open(plain, timeout=20)
        assert redirect.value.code == 301
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode()
    assert "Booting worker" in output
    # The app was loaded and warmed once in the master, before the workers were forked.
    assert output.index("Warmed before forking") < output.index("Booting worker")
    # The access log carries the path, never the query string.
    assert "GET /accounts/sign-in/" in output


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


# --- recovery: the database drops every connection (a PostgreSQL restart, simulated) ------------

PG_URL = (
    os.environ.get("DATABASE_URL", "") if os.environ.get("DATABASE_URL", "").startswith("postgres") else ""
)


@pytest.mark.slow
@pytest.mark.skipif(not PG_URL, reason="PostgreSQL run only (DATABASE_URL=postgresql://…)")
def test_production_server_recovers_when_postgresql_drops_its_connections(tmp_path: Path) -> None:
    """The shared cluster is not restarted (other users depend on it): every connection of the app is
    terminated with pg_terminate_backend, which is what a restart does to them. With persistent
    connections and CONN_HEALTH_CHECKS, no request fails afterwards and no restart of the app is needed."""
    import uuid

    import psycopg

    base = PG_URL.rpartition("/")[0]
    name = f"{PG_URL.rpartition('/')[2]}_restart_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    server = None
    try:
        env = production_env(tmp_path, f"{base}/{name}")
        migrated = subprocess.run([*CSPHUB, "migrate"], env=env, capture_output=True, text=True, timeout=600)
        assert migrated.returncode == 0, migrated.stderr
        port = _free_port()
        server = start_production_server(env, port)
        assert {fetch(port, "/case-reviews/")[0] for _ in range(16)} == {200}
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            killed = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = %s", [name]
            ).fetchone()
        assert killed is not None and killed[0] >= 1
        statuses = [fetch(port, "/case-reviews/")[0] for _ in range(40)]
        assert statuses == [200] * 40
    finally:
        if server is not None:
            server.terminate()
            server.communicate(timeout=30)
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
