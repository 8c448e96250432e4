"""The audit hash chain (audit/chain.py) and ``csphub audit verify``: tampering is found and named."""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from typing import Any

import pytest
from click.testing import CliRunner
from django.db import connection, connections, transaction

from csphub.audit.chain import GENESIS, event_hash, verify_chain
from csphub.audit.models import AuditEvent
from csphub.audit.services import audit_listed, audit_record


def _raw(sql: str, params: list[Any]) -> None:
    """Tamper as a database administrator would: with the append-only triggers lifted."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending FK checks before ALTER TABLE
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS audit_auditevent_no_update")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER USER")


def _events(persona: Any, n: int = 4) -> list[AuditEvent]:
    actor = persona("avbc_caseworker")
    return [audit_record(actor=actor, verb="person.viewed", target=actor) for _ in range(n)]


def test_each_event_is_chained_to_the_one_before(persona: Any) -> None:
    first, second, *_ = _events(persona)
    people = [persona("avbc_analyst"), persona("avbc_team_manager")]
    audit_listed(actor=persona("avbc_caseworker"), targets=people)
    rows = list(AuditEvent.objects.order_by("id"))
    assert rows[0].prev_hash == GENESIS
    for before, after in itertools.pairwise(rows):
        assert after.prev_hash == before.row_hash
        assert after.row_hash == event_hash(before.row_hash, after)
        assert after.occurred_at >= before.occurred_at
    assert second.prev_hash == first.row_hash
    report = verify_chain()
    assert report.ok and report.checked == len(rows) and report.head == rows[-1].row_hash


def test_an_edited_event_is_reported_at_its_id(persona: Any) -> None:
    events = _events(persona)
    _raw("UPDATE audit_auditevent SET verb = 'person.changed' WHERE id = %s", [events[2].pk])
    report = verify_chain()
    assert not report.ok and report.broken_at == events[2].pk and "changed" in report.problem
    assert report.checked == 2


def test_a_deleted_event_is_reported_at_the_next_one(persona: Any) -> None:
    events = _events(persona)
    _raw("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])
    report = verify_chain()
    assert not report.ok and report.broken_at == events[2].pk and "removed" in report.problem


def test_a_back_dated_forged_event_is_reported(persona: Any) -> None:
    """Finding 7: the app role could INSERT a back-dated event. Even with a correct hash it is found."""
    events = _events(persona)
    forged = AuditEvent(verb="forged.entry", occurred_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    forged.prev_hash = events[-1].row_hash
    forged.row_hash = event_hash(forged.prev_hash, forged)
    AuditEvent.objects.bulk_create([forged])  # bulk_create skips save(), as raw SQL would
    report = verify_chain()
    assert not report.ok and report.broken_at == forged.pk and "back-dated" in report.problem


def test_a_forged_event_without_the_chain_is_reported(persona: Any) -> None:
    events = _events(persona)
    AuditEvent.objects.bulk_create([AuditEvent(verb="forged.entry")])
    forged = AuditEvent.objects.get(verb="forged.entry")
    report = verify_chain()
    assert not report.ok and report.broken_at == forged.pk
    # The events before the forgery were all checked.
    assert report.checked == len(events)


def test_cli_audit_verify_reports_ok_and_the_first_broken_link(persona: Any) -> None:
    from csphub.cli import main

    events = _events(persona)
    result = CliRunner().invoke(main, ["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert f"{len(events)} events" in result.output and events[-1].row_hash in result.output
    _raw("UPDATE audit_auditevent SET target_id = '999' WHERE id = %s", [events[0].pk])
    result = CliRunner().invoke(main, ["audit", "verify"])
    assert result.exit_code == 1
    assert f"event {events[0].pk}" in result.output


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_writers_keep_one_chain(world: Any) -> None:
    """8 threads, each with its own connection, append 15 events each at the same time."""
    from django.contrib.auth import get_user_model

    actor = get_user_model().objects.get(username="avbc_caseworker")
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def writer() -> None:
        try:
            start.wait()
            for _ in range(15):
                with transaction.atomic():
                    audit_record(actor=actor, verb="person.viewed", target=actor)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    report = verify_chain()
    assert report.ok, report
    assert report.checked == AuditEvent.objects.count() >= 120
