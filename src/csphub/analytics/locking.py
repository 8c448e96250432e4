"""One writer at a time on the analytics store (security review finding 17).

``store_lock(root)`` takes an exclusive ``flock`` on ``<root>/.lock``. The operating system releases
it when the process ends, even by SIGKILL, so a killed run never leaves the store locked. Under the
lock the store is read, staged and committed by one process only, so two concurrent ingests cannot
overwrite each other's manifest; the second waits for the first, then sees its partitions.

``exclusive`` wraps a ``Store`` method: it takes the lock and, before the work starts, removes the
staging folders and temporary manifests that a killed run left behind (no other writer can be
using them while the lock is held).
"""

from __future__ import annotations

import fcntl
import functools
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

LOCK_NAME = ".lock"
DEFAULT_TIMEOUT = float(os.environ.get("CSPHUB_STORE_LOCK_TIMEOUT", "3600"))

T = TypeVar("T")


class StoreBusyError(RuntimeError):
    """Another process held the store lock for longer than the timeout."""


@contextmanager
def store_lock(root: Path | str, *, timeout: float | None = None) -> Iterator[None]:
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + (DEFAULT_TIMEOUT if timeout is None else timeout)
    with open(root / LOCK_NAME, "a+b") as handle:
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreBusyError(
                        f"Another ingest or assessment is using {root}; try again when it has finished."
                    ) from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def remove_debris(root: Path | str) -> list[Path]:
    """Staging folders and temporary manifests of killed runs (call only while holding the lock)."""
    root = Path(root)
    removed = []
    for path in [*root.glob(".staging-*"), *root.glob(".manifest-*.json")]:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def exclusive(method: Callable[..., T]) -> Callable[..., T]:
    """Decorator for a ``Store`` method that writes: lock, clear debris, run."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> T:
        with store_lock(self.root):
            remove_debris(self.root)
            return method(self, *args, **kwargs)

    return wrapper
