"""Tamper evidence for the audit trail, and TRUNCATE refused (security review findings 7 and 15).

- ``prev_hash`` and ``row_hash``: every event is chained to the one before (audit/chain.py). Events
  written before this migration are chained here, in id order, with the append-only trigger lifted
  for the length of this migration only (it runs as the table owner).
- PostgreSQL: a ``BEFORE TRUNCATE`` statement trigger refuses TRUNCATE to every role that is not a
  superuser, the table owner included. (A superuser can drop any trigger, so refusing one would
  protect nothing; it would only stop the test runner, which empties tables with TRUNCATE.)
- SQLite: adding the columns rebuilds the table, which drops its triggers; the UPDATE trigger of
  migration 0002 is created again.
"""

from django.db import migrations, models

PG_TRUNCATE_FORWARD = """
CREATE OR REPLACE FUNCTION csphub_audit_no_truncate() RETURNS trigger AS $$
BEGIN
    IF current_setting('is_superuser') = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'audit_auditevent is append-only: TRUNCATE refused';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_auditevent_no_truncate ON audit_auditevent;
CREATE TRIGGER audit_auditevent_no_truncate
    BEFORE TRUNCATE ON audit_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION csphub_audit_no_truncate();
"""
PG_TRUNCATE_REVERSE = """
DROP TRIGGER IF EXISTS audit_auditevent_no_truncate ON audit_auditevent;
DROP FUNCTION IF EXISTS csphub_audit_no_truncate();
"""
SQLITE_UPDATE_TRIGGER = """
CREATE TRIGGER IF NOT EXISTS audit_auditevent_no_update BEFORE UPDATE ON audit_auditevent
BEGIN SELECT RAISE(ABORT, 'audit_auditevent is append-only: UPDATE refused'); END;
"""


def chain_existing(apps, schema_editor):
    from csphub.audit.chain import GENESIS, event_hash

    AuditEvent = apps.get_model("audit", "AuditEvent")
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        if not AuditEvent.objects.exists():
            pass
        elif vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_append_only")
        elif vendor == "sqlite":
            cursor.execute("DROP TRIGGER IF EXISTS audit_auditevent_no_update")
        prev = GENESIS
        for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
            row_hash = event_hash(prev, event)
            cursor.execute(
                "UPDATE audit_auditevent SET prev_hash = %s, row_hash = %s WHERE id = %s",
                [prev, row_hash, event.id],
            )
            prev = row_hash
        if vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_auditevent_append_only")
            cursor.execute(PG_TRUNCATE_FORWARD)
        elif vendor == "sqlite":
            cursor.execute(SQLITE_UPDATE_TRIGGER)


def unchain(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(PG_TRUNCATE_REVERSE)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]
    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(blank=True, default="", editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="row_hash",
            field=models.CharField(blank=True, default="", editable=False, max_length=64),
        ),
        migrations.RunPython(chain_existing, unchain),
    ]
