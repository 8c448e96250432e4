"""Finding 7 on PostgreSQL: the app role may only append to the audit trail, and even the table owner
cannot TRUNCATE it. Roles are created inside the test's transaction, so they vanish with it."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction

from csphub.audit.models import AuditEvent
from csphub.audit.services import audit_record
from csphub.core.dbroles import connected_role_owns_audit, ensure_roles

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL roles")


def _refused(sql: str, match: str) -> None:
    with pytest.raises(DatabaseError, match=match), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)


def test_app_role_can_only_append_and_owner_cannot_truncate(persona: Any) -> None:
    actor = persona("avbc_caseworker")
    event = audit_record(actor=actor, verb="person.viewed", target=actor)
    suffix = connection.settings_dict["NAME"][-40:].lower().replace("-", "_")
    owner, app = f"{suffix}_own", f"{suffix}_app"
    with connection.cursor() as cursor:
        # Deferred foreign-key checks pending in this transaction would block ALTER TABLE … OWNER.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    lines = ensure_roles(owner=owner, app=app)
    assert f"created role {app}" in lines and any("only SELECT and INSERT" in line for line in lines)
    # Idempotent: a second run creates nothing and still succeeds.
    assert not any(line.startswith("created") for line in ensure_roles(owner=owner, app=app))

    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {app}")
    try:
        assert not connected_role_owns_audit()
        _refused(f"UPDATE audit_auditevent SET verb = 'x.y' WHERE id = {event.pk}", "permission denied")
        _refused(f"DELETE FROM audit_auditevent WHERE id = {event.pk}", "permission denied")
        _refused("TRUNCATE audit_auditevent", "permission denied")
        _refused("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_append_only", "must be owner")
        _refused("DROP TABLE audit_auditevent", "must be owner")
        # Appending (and reading the chain head) works, and so does ordinary casework.
        second = audit_record(actor=actor, verb="person.viewed", target=actor)
        assert second.prev_hash == event.row_hash
        with connection.cursor() as cursor:
            cursor.execute("UPDATE auth_user SET last_name = last_name WHERE id = %s", [actor.pk])
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")

    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {owner}")
    try:
        assert connected_role_owns_audit()
        _refused("TRUNCATE audit_auditevent", "TRUNCATE refused")
        _refused(f"UPDATE audit_auditevent SET verb = 'x.y' WHERE id = {event.pk}", "append-only")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
    assert AuditEvent.objects.filter(pk=event.pk, verb="person.viewed").exists()


def test_deploy_check_warns_when_the_app_owns_the_audit_table(persona: Any) -> None:
    from csphub.audit.checks import check_app_role_does_not_own_audit

    # The test runner connects as a superuser, who has every role's rights: warned.
    assert [w.id for w in check_app_role_does_not_own_audit()] == ["csphub.W001"]
    suffix = connection.settings_dict["NAME"][-40:].lower().replace("-", "_")
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    ensure_roles(owner=f"{suffix}_own", app=f"{suffix}_app")
    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {suffix}_app")
    try:
        assert check_app_role_does_not_own_audit() == []
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
