"""Named locks shared by every web worker and command: one Strategic Assessment run at a time.

On PostgreSQL a session advisory lock on a connection of its own (so that the caller's transactions
are not affected, and the lock ends with the connection if the process dies); on SQLite, which has
no advisory locks, an exclusive ``flock`` on ``<DATA_DIR>/locks/<name>.lock``, released by the
operating system when the process ends.
"""

from __future__ import annotations

import fcntl
import hashlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

from csphub.core.errors import ApplicationError


class LockBusyError(ApplicationError):
    pass


def _key(name: str) -> int:
    return int.from_bytes(hashlib.sha256(f"csphub:{name}".encode()).digest()[:8], "big", signed=True)


@contextmanager
def named_lock(name: str, *, timeout: float = 600.0, busy_message: str = "") -> Iterator[None]:
    message = busy_message or "Another run is in progress; try again in a few minutes."
    deadline = time.monotonic() + timeout
    if connection.vendor == "postgresql":
        import psycopg

        params = connection.get_connection_params()
        params.pop("cursor_factory", None)
        params.pop("context", None)
        with psycopg.connect(**params, autocommit=True) as conn:
            while not conn.execute("SELECT pg_try_advisory_lock(%s)", [_key(name)]).fetchone()[0]:  # type: ignore[index]
                if time.monotonic() >= deadline:
                    raise LockBusyError(message)
                time.sleep(0.25)
            try:
                yield
            finally:
                conn.execute("SELECT pg_advisory_unlock(%s)", [_key(name)])
        return
    folder = Path(settings.DATA_DIR) / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{name}.lock", "a+b") as handle:
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockBusyError(message) from None
                time.sleep(0.25)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
