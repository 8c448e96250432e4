"""A memo for one page's reads: what two parts of a page both need is read once.

The home page's panels are separate apps' functions; two of them (the powers panel and the
deadlines panel) read the same running powers. :func:`page_memo` opens a memo for the duration of
one page's reads (the home view wraps its panels in it), and :func:`memoized` answers from it
inside, or simply computes outside, so no caller anywhere else ever sees a remembered answer: a
command, a test or a service that writes and reads again always reads the database as it is now.

Keys must name everything the value depends on (the actor's user and membership, the day).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

_memo: ContextVar[dict[Hashable, Any] | None] = ContextVar("csphub_page_memo", default=None)


@contextmanager
def page_memo() -> Iterator[None]:
    """Remember :func:`memoized` values until the block ends."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def memoized(key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, once per ``key`` inside :func:`page_memo`; every time outside it."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    value: T = memo[key]
    return value
