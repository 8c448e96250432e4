"""Recovery: the production web server killed with SIGKILL while staff are writing to a case.

``csphub serve --production`` (gunicorn) runs on a free loopback port over a fresh database (SQLite
always; PostgreSQL too when ``DATABASE_URL`` points at it). Four writers add notes to one case
through the real pages (session, CSRF token, form post). Once some writes have been acknowledged
(302) the whole server, master and workers, is killed with SIGKILL in the middle of the traffic,
then started again. Afterwards:

- every acknowledged note is in the database;
- no write is half done: each note has its audit event and each audit event its note (they are
  written in one transaction), and nothing is there that no writer sent;
- the audit chain verifies (``csphub audit verify``) and, on SQLite, ``PRAGMA integrity_check``
  says ok;
- the restarted server answers and takes new writes, without any repair step.

The SIGKILL of an ingest mid-way is tested in ``tests/analytics/test_ingest_concurrency.py``; the
loss of every PostgreSQL connection in ``tests/core/test_deployment.py``.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.core.test_deployment import CSPHUB, PG_URL, _free_port, production_env

pytestmark = pytest.mark.slow

SETUP = """
import json, django
django.setup()
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from csphub.cases import services
from csphub.demo.loader import load_core_demo
load_core_demo()
user = get_user_model().objects.get(username="avbc_caseworker")
now = timezone.now()
incident = services.incident_record(actor=user, occurred_at=now - timezone.timedelta(days=2),
    reported_at=now - timezone.timedelta(days=1), channel="phone", asb_type="personal",
    category="noise", description="Loud music until 3am.")
case = services.case_open(actor=user, incidents=[incident], summary="Recovery test case")
client = Client()
client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
session = client.session
session[DEVICE_ID_SESSION_KEY] = device.persistent_id
session.save()
print(json.dumps({"case": case.pk, "cookie": settings.SESSION_COOKIE_NAME,
                  "session": client.cookies[settings.SESSION_COOKIE_NAME].value}))
"""

STATE = """
import json, django
django.setup()
from django.db import connection
from csphub.audit.models import AuditEvent
from csphub.cases.models import Note
case = int(__import__("sys").argv[1])
notes = {n.pk: n.text for n in Note.objects.filter(case_id=case)}
events = list(AuditEvent.objects.filter(verb="note.added", target_id=str(case))
              .values_list("justification", flat=True))
integrity = "not sqlite"
if connection.vendor == "sqlite":
    with connection.cursor() as cursor:
        integrity = cursor.execute("PRAGMA integrity_check").fetchone()[0]
print(json.dumps({"notes": notes, "events": events, "integrity": integrity}))
"""


def _run(env: dict[str, str], *args: str, timeout: int = 600) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done.stdout


def _start(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    """gunicorn in a process group of its own, so one SIGKILL reaches the master and every worker."""
    server = subprocess.Popen(
        [*CSPHUB, "serve", "--production", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if _request(port, "GET", "/accounts/sign-in/", {})[0] == 200:
                return server
        except OSError:
            if server.poll() is not None:
                raise AssertionError("the production server exited") from None
            time.sleep(0.3)
    os.killpg(server.pid, signal.SIGKILL)
    raise AssertionError("the production server did not answer within 90 s")


def _request(
    port: int, method: str, path: str, headers: dict[str, str], body: str = ""
) -> tuple[int, dict[str, str], str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(
            method,
            path,
            body=body.encode() if body else None,
            headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https", **headers},
        )
        response = conn.getresponse()
        text = response.read().decode(errors="replace")
        headers: dict[str, str] = {}
        for key, value in response.getheaders():  # Set-Cookie may come more than once
            headers[key.lower()] = f"{headers[key.lower()]}\n{value}" if key.lower() in headers else value
        return response.status, headers, text
    finally:
        conn.close()


class Writer:
    """A signed-in member of staff adding notes to the case through the real note form."""

    def __init__(self, port: int, case: int, cookie: str, session: str, name: str) -> None:
        self.port, self.case, self.name = port, case, name
        self.cookies = {cookie: session}
        self.sent: list[str] = []
        self.acknowledged: list[str] = []
        self.failures = 0

    def _cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def _keep_cookies(self, headers: dict[str, str]) -> None:
        for part in headers.get("set-cookie", "").split("\n"):
            match = re.match(r"([^=;\s]+)=([^;]*)", part)
            if match and match.group(1) in ("csrftoken", "__Host-csrftoken", "sessionid"):
                self.cookies[match.group(1)] = match.group(2)

    def write_one(self, n: int) -> None:
        url = f"/cases/{self.case}/notes/new/"
        status, headers, page = _request(self.port, "GET", url, {"Cookie": self._cookie_header()})
        assert status == 200, (status, page[:300])
        self._keep_cookies(headers)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token
        text = f"recovery-{self.name}-{n}"
        self.sent.append(text)
        body = f"text={text}&visibility=agency&csrfmiddlewaretoken={token.group(1)}"
        status, _headers, page = _request(
            self.port,
            "POST",
            url,
            {
                "Cookie": self._cookie_header(),
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": "https://127.0.0.1",
                "Referer": f"https://127.0.0.1{url}",
            },
            body,
        )
        title = re.search(r"<title>(.*?)</title>", page, re.S)
        assert status == 302, (status, title.group(1).strip() if title else page[:300])
        self.acknowledged.append(text)

    def run(self, stop: threading.Event) -> None:
        n = 0
        while not stop.is_set():
            n += 1
            try:
                self.write_one(n)
            except (OSError, http.client.HTTPException):
                self.failures += 1  # the server is gone (killed): the write was not acknowledged
                return


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: Any, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'recovery.sqlite3'}"
        return
    if not PG_URL:
        pytest.skip("PostgreSQL run only (DATABASE_URL=postgresql://…)")
    import psycopg

    base = PG_URL.rpartition("/")[0]
    name = f"{PG_URL.rpartition('/')[2]}_kill9_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_sigkill_of_the_production_server_during_case_writes_loses_no_acknowledged_write(
    database_url: str, tmp_path: Path
) -> None:
    env = production_env(tmp_path, database_url)
    _run(env, *CSPHUB, "migrate")
    setup = json.loads(_run(env, sys.executable, "-c", SETUP).strip().splitlines()[-1])
    port = _free_port()
    server = _start(env, port)
    writers = [Writer(port, setup["case"], setup["cookie"], setup["session"], f"w{i}") for i in range(4)]
    stop = threading.Event()
    threads = [threading.Thread(target=w.run, args=(stop,), daemon=True) for w in writers]
    try:
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 120
        while sum(len(w.acknowledged) for w in writers) < 24 and time.monotonic() < deadline:
            assert all(t.is_alive() for t in threads), "a writer failed before the kill"
            time.sleep(0.05)
        # Kill the master and every worker at once, in the middle of the writers' traffic.
        os.killpg(server.pid, signal.SIGKILL)
        killed_at = time.monotonic()
        server.wait(timeout=30)
    finally:
        stop.set()
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
    for thread in threads:
        thread.join(timeout=60)
    acknowledged = {text for w in writers for text in w.acknowledged}
    sent = {text for w in writers for text in w.sent}
    assert len(acknowledged) >= 24

    # Start again, as an operator (or systemd) would: no repair step.
    restart_port = _free_port()
    restarted = _start(env, restart_port)
    restart_seconds = time.monotonic() - killed_at
    try:
        state = json.loads(
            _run(env, sys.executable, "-c", STATE, str(setup["case"])).strip().splitlines()[-1]
        )
        stored = set(state["notes"].values())
        assert acknowledged <= stored, f"acknowledged but lost: {sorted(acknowledged - stored)}"
        assert stored <= sent, f"stored but never sent: {sorted(stored - sent)}"
        # Each note with its audit event, each event with its note: nothing half written.
        event_notes = sorted(int(j.split()[1]) for j in state["events"])
        assert event_notes == sorted(int(pk) for pk in state["notes"])
        assert state["integrity"] in ("ok", "not sqlite")
        verify = subprocess.run(
            [*CSPHUB, "audit", "verify"], env=env, capture_output=True, text=True, timeout=300
        )
        assert verify.returncode == 0, verify.stdout + verify.stderr
        # The restarted server takes new writes at once.
        after = Writer(restart_port, setup["case"], setup["cookie"], setup["session"], "after")
        after.write_one(1)
        assert after.acknowledged == ["recovery-after-1"]
    finally:
        os.killpg(restarted.pid, signal.SIGTERM)
        restarted.wait(timeout=30)
    in_flight = len(sent) - len(acknowledged)
    print(
        f"\nrecovery[{database_url.split(':', 1)[0]}]: {len(acknowledged)} acknowledged, "
        f"{in_flight} in flight at the kill ({len(stored) - len(acknowledged)} of them committed), "
        f"all {len(stored)} notes with their audit events; back up {restart_seconds:.1f} s after the kill"
    )
