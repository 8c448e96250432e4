"""Tamper evidence for the audit trail: every event carries a SHA-256 hash chained to the one before.

``row_hash = sha256(prev_hash + canonical(event))`` where ``canonical`` is a fixed JSON rendering of
the event's content (time in UTC to the microsecond, actor, agency, role, verb, target, justification,
changed fields). The first event's ``prev_hash`` is :data:`GENESIS`.

Appends are serialised so the chain is one line even with many web workers: on PostgreSQL a
transaction-level advisory lock (:data:`ADVISORY_KEY`) is taken before the head is read, and held
until the surrounding transaction commits or rolls back; on SQLite every write transaction already
holds the database's single write lock (``transaction_mode = IMMEDIATE``). A rolled-back event never
becomes the head, because the next writer reads the head only after the lock is released.

:func:`verify_chain` walks the table in id order and reports the first broken link: an edited event
(its hash no longer matches), a deleted one (the next event's ``prev_hash`` points to nothing) or an
inserted one (its ``prev_hash`` or hash does not fit), and an event dated earlier than the one
before it by more than :data:`CLOCK_TOLERANCE` (a back-dated insert). Removing events from the *end*
of the chain is detected only against a head recorded elsewhere (``csphub audit verify`` prints it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.utils import timezone

GENESIS = "0" * 64
# Any fixed 64-bit number; the same in every process that writes the audit table.
ADVISORY_KEY = 0x43535048_41554454  # "CSPH" "AUDT"
CLOCK_TOLERANCE = dt.timedelta(seconds=60)


def canonical(event: Any) -> bytes:
    """The hashed content of an event, independent of database and driver."""
    occurred = event.occurred_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    content = {
        "occurred_at": occurred,
        "actor": event.actor_id,
        "acting_agency": event.acting_agency_id,
        "acting_role": event.acting_role,
        "verb": event.verb,
        "target_type": event.target_type_id,
        "target_id": event.target_id,
        "justification": event.justification,
        "changed_fields": list(event.changed_fields or []),
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def event_hash(prev_hash: str, event: Any) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + b"\n" + canonical(event)).hexdigest()


def lock_chain() -> None:
    """Serialise appends until the current transaction ends (call inside ``transaction.atomic``)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_KEY])


def chain_head() -> str:
    from csphub.audit.models import AuditEvent

    last = AuditEvent.objects.order_by("-id").values_list("row_hash", flat=True).first()
    return last or GENESIS


def seal(events: list[Any]) -> None:
    """Give ``events`` (not yet saved, in insertion order) their time and chained hashes.

    Must be called inside the transaction that inserts them; takes the chain lock first.
    """
    lock_chain()
    prev = chain_head()
    now = timezone.now()
    for event in events:
        # The time is set under the lock, so that id order and time order agree.
        event.occurred_at = now
        event.prev_hash = prev
        event.row_hash = event_hash(prev, event)
        prev = event.row_hash


@dataclass(frozen=True)
class ChainReport:
    checked: int
    head: str
    broken_at: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def _events(batch: int = 5000) -> Iterator[Any]:
    from csphub.audit.models import AuditEvent

    last_id = 0
    while True:
        rows = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:batch])
        if not rows:
            return
        yield from rows
        last_id = rows[-1].id


def verify_chain() -> ChainReport:
    """Walk every event in id order; stop at the first broken link."""
    prev = GENESIS
    prev_time: dt.datetime | None = None
    checked = 0
    for event in _events():
        if event.prev_hash != prev:
            return ChainReport(
                checked,
                prev,
                event.id,
                "its link to the previous event does not match (an event before it was removed, "
                "changed or inserted)",
            )
        if event_hash(prev, event) != event.row_hash:
            return ChainReport(
                checked, prev, event.id, "its content does not match its hash (it was changed)"
            )
        if prev_time is not None and event.occurred_at < prev_time - CLOCK_TOLERANCE:
            return ChainReport(checked, prev, event.id, "it is dated before the event before it (back-dated)")
        prev, prev_time = event.row_hash, event.occurred_at
        checked += 1
    return ChainReport(checked, prev)
