"""Load test: mixed reads and writes by signed-in caseworkers against the production server.

Not part of ``make test``. Set-up and the measured figures: docs/reliability.md. In short:

    csphub serve --production --port 8765                       # gunicorn, production settings
    python benchmarks/load/make_sessions.py --users 50 --out var/load-sessions.json
    CSPHUB_LOAD_SESSIONS=var/load-sessions.json locust -f benchmarks/load/locustfile.py --headless \\
        --host http://127.0.0.1:8765 --users 50 --spawn-rate 10 --run-time 60s --csv var/load

Requests carry ``X-Forwarded-Proto: https``, as the TLS proxy in front of gunicorn would, and the
cookies by header (the session cookie is Secure, so a client on plain HTTP would not send it).
Loopback only: the host must be 127.0.0.1 or localhost.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import gevent
from locust import HttpUser, between, events, task

_SESSIONS: list[dict[str, Any]] = json.loads(
    Path(os.environ.get("CSPHUB_LOAD_SESSIONS", "var/load-sessions.json")).read_text(encoding="utf-8")
)
_next = itertools.count()
_lock = threading.Lock()


@events.test_start.add_listener
def _loopback_only(environment: Any, **_kwargs: Any) -> None:
    host = urlparse(environment.host or "").hostname
    if host not in ("127.0.0.1", "localhost"):
        raise SystemExit(f"The load test runs against loopback only, not {host!r}.")


def _think_time() -> tuple[float, float]:
    """Seconds a user waits between requests, from ``CSPHUB_LOAD_THINK`` ("low,high"; default
    "0.5,1.5"). docs/reliability.md reports both the default and "5,15"."""
    low, _, high = os.environ.get("CSPHUB_LOAD_THINK", "0.5,1.5").partition(",")
    return float(low), float(high or low)


class Caseworker(HttpUser):
    wait_time = between(*_think_time())

    def on_start(self) -> None:
        with _lock:
            self.me = _SESSIONS[next(_next) % len(_SESSIONS)]
        origin = urlparse(self.host)
        self.client.headers.update(
            {
                "X-Forwarded-Proto": "https",
                "Cookie": f"sessionid={self.me['sessionid']}; csrftoken={self.me['csrftoken']}",
                "Origin": f"https://{origin.netloc}",
                "Referer": f"https://{origin.netloc}/",
            }
        )
        self.rng = random.Random(self.me["sessionid"])
        # A user starts by reading the page they are on: the first request comes after one think
        # time, as every later one does, so the spawn (10 users a second) does not fire ten
        # requests in the same second at a cold server.
        gevent.sleep(self.rng.uniform(*_think_time()))

    def _case(self) -> int:
        return int(self.rng.choice(self.me["cases"]))

    def _get(self, url: str, name: str) -> None:
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")

    @task(4)
    def case_list(self) -> None:
        self._get("/cases/", "/cases/")

    @task(4)
    def case_detail(self) -> None:
        self._get(f"/cases/{self._case()}/", "/cases/[id]/")

    @task(2)
    def search(self) -> None:
        surname = self.rng.choice(self.me["surnames"] or ["Smith"])
        self._get(f"/cases/search/?q={surname}", "/cases/search/?q=[surname]")

    @task(2)
    def person(self) -> None:
        if self.me["people"]:
            self._get(f"/people/{self.rng.choice(self.me['people'])}/", "/people/[id]/")

    @task(2)
    def api_cases(self) -> None:
        self._get("/api/v1/cases", "/api/v1/cases")

    @task(1)
    def home(self) -> None:
        self._get("/home/", "/home/")

    @task(2)
    def add_note(self) -> None:
        case = self._case()
        with self.client.post(
            f"/cases/{case}/notes/new/",
            data={
                "csrfmiddlewaretoken": self.me["csrftoken"],
                "text": f"Load-test note {self.rng.random():.6f}",
                "visibility": "agency",
            },
            name="POST /cases/[id]/notes/new/",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302 or f"/cases/{case}/" not in response.headers.get("Location", ""):
                response.failure(f"HTTP {response.status_code}")
