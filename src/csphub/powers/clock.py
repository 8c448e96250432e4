"""The time services use when the caller does not pass ``now``.

Statutory clocks run for days; tests (including the browser test, whose server runs in the same
process) move this clock forward instead of sleeping. Production never calls :func:`advance`.
"""

from __future__ import annotations

import datetime as dt
import threading

from django.utils import timezone

_lock = threading.Lock()
_offset = dt.timedelta(0)


def now() -> dt.datetime:
    return timezone.now() + _offset


def advance(delta: dt.timedelta) -> None:
    global _offset
    with _lock:
        _offset += delta


def reset() -> None:
    global _offset
    with _lock:
        _offset = dt.timedelta(0)
