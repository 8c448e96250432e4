"""One Strategic Assessment run (or ingest commit) at a time across every worker (security review
finding 18): ``core.locks.named_lock`` — a PostgreSQL advisory lock, or a file lock on SQLite."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

from csphub.core.errors import ApplicationError
from csphub.core.locks import LockBusyError, named_lock

pytestmark = pytest.mark.django_db


def test_a_second_holder_waits_then_is_told_to_try_again(settings: Any, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path
    held, release = threading.Event(), threading.Event()

    def first() -> None:
        with named_lock("assessment"):
            held.set()
            release.wait(30)

    thread = threading.Thread(target=first)
    thread.start()
    try:
        assert held.wait(30)
        started = time.monotonic()
        message = "Another run is in progress; try again"
        with (
            pytest.raises(LockBusyError, match="try again") as busy,
            named_lock("assessment", timeout=0.6, busy_message=message),
        ):
            pytest.fail("two holders at once")
        assert time.monotonic() - started >= 0.5  # it waited for its timeout first
        assert isinstance(busy.value, ApplicationError)  # shown as a message, never a server error
        # Another name is not blocked.
        with named_lock("ingest", timeout=0.6):
            pass
    finally:
        release.set()
        thread.join(30)
    with named_lock("assessment", timeout=5):  # free again once released
        pass


def test_holders_run_one_after_the_other(settings: Any, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path
    inside = 0
    most = 0
    guard = threading.Lock()

    def worker() -> None:
        nonlocal inside, most
        with named_lock("assessment", timeout=30):
            with guard:
                inside += 1
                most = max(most, inside)
            time.sleep(0.05)
            with guard:
                inside -= 1

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert most == 1
