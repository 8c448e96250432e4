"""A fixed allowance per key and window, in the shared cache (security review finding 9).

Each use takes one of ``limit`` numbered slots with ``cache.add``, which is atomic in the database
cache (a unique key insert), Redis and Memcached: two workers can never take the same slot, so the
limit holds across every process and survives a restart. A slot frees itself when its window ends.
"""

from __future__ import annotations

from django.core.cache import cache


def take_slot(key: str, *, limit: int, window_seconds: int) -> bool:
    """True when a slot was free (the action is allowed), False when all ``limit`` are taken."""
    return any(cache.add(f"{key}:{slot}", 1, timeout=window_seconds) for slot in range(limit))
