"""Short database writes and reads that wait out SQLite's locks instead of failing.

SQLite lets one connection write at a time. The settings make a connection wait (``timeout``) for a
file database's write lock, and WAL lets readers read while a writer writes; but two cases still
fail at once rather than wait: a connection in a shared cache (the in-memory database the test
suite and the browser tests share between the live server's threads) reading or writing a table
another connection has written in an open transaction ("database table is locked"), and a
connection whose busy wait ran out ("database is locked"). A background job's progress writes and
the page polling them meet exactly there.

:func:`retry_locked` runs a short operation (one statement in autocommit, never inside a caller's
transaction, which a lock error would have broken) and tries it again with a growing pause while the
database answers "locked", up to ``within`` seconds; then it raises :class:`StillLocked` so the
caller decides: a progress write is skipped (the next one carries the totals), a progress read
answers "busy" and the page asks again. PostgreSQL never answers "locked": there the first try
is the only try.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from django.db import OperationalError, connection

T = TypeVar("T")


class StillLocked(Exception):
    """The database stayed locked for the whole wait."""


def is_locked(exc: BaseException) -> bool:
    """Whether ``exc`` is SQLite's "database is locked" or "database table is locked"."""
    return isinstance(exc, OperationalError) and "locked" in str(exc).lower()


def retry_locked(operation: Callable[[], T], *, within: float = 2.0, pause: float = 0.02) -> T:
    """``operation()``, tried again while SQLite says the database or a table is locked, for up to
    ``within`` seconds; :class:`StillLocked` if it never got through. Inside a caller's transaction
    it is tried once (after a lock error SQLite may have rolled the transaction back, and a retry
    would run outside it): the error goes to the caller as it came."""
    if connection.in_atomic_block:
        return operation()
    deadline = time.monotonic() + within
    while True:
        try:
            return operation()
        except OperationalError as exc:
            if not is_locked(exc):
                raise
            if time.monotonic() + pause > deadline:
                raise StillLocked(str(exc)) from exc
        time.sleep(pause)
        pause = min(pause * 2, 0.25)
