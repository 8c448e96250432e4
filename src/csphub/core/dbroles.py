"""PostgreSQL roles for a deployment (security review finding 7).

- the *owner* role owns every table: migrations run as it (``CSPHUB_MIGRATION_DATABASE_URL``);
- the *app* role is what the web app and scheduled jobs connect as (``DATABASE_URL``): it may read
  and write the application's tables, but on ``audit_auditevent`` only SELECT and INSERT. It owns
  nothing, so it cannot disable the append-only triggers, truncate, alter or drop the table.

Idempotent: roles are created only when missing, and grants are re-applied each time. Tables that
later migrations create get the same privileges through ``ALTER DEFAULT PRIVILEGES``.
"""

from __future__ import annotations

import os
import re

from django.db import connection

_IDENT = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
AUDIT_TABLE = "audit_auditevent"


def _q(name: str) -> str:
    if not _IDENT.match(name):
        raise ValueError(f"{name!r} is not a plain lower-case PostgreSQL identifier")
    return connection.ops.quote_name(name)


def ensure_roles(*, owner: str, app: str, take_ownership: bool = True) -> list[str]:
    if connection.vendor != "postgresql":
        raise RuntimeError("Database roles apply to PostgreSQL only; SQLite is for the demo.")
    o, a = _q(owner), _q(app)
    done: list[str] = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_database()")
        database = _q(cursor.fetchone()[0])
        for role, password_env in ((owner, "CSPHUB_DB_OWNER_PASSWORD"), (app, "CSPHUB_DB_APP_PASSWORD")):
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
            if cursor.fetchone() is None:
                cursor.execute(f"CREATE ROLE {_q(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
                done.append(f"created role {role}")
            password = os.environ.get(password_env)
            if password:
                cursor.execute(f"ALTER ROLE {_q(role)} PASSWORD %s", [password])
                done.append(f"set the password of {role}")
        cursor.execute(f"GRANT CONNECT, TEMPORARY ON DATABASE {database} TO {o}, {a}")
        cursor.execute(f"GRANT USAGE, CREATE ON SCHEMA public TO {o}")
        cursor.execute(f"GRANT USAGE ON SCHEMA public TO {a}")
        cursor.execute(f"REVOKE CREATE ON SCHEMA public FROM {a}")
        if take_ownership:
            cursor.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner <> %s", [owner]
            )
            tables = [row[0] for row in cursor.fetchall()]
            for table in tables:
                cursor.execute(f"ALTER TABLE public.{_q(table)} OWNER TO {o}")
            if tables:
                done.append(f"gave {len(tables)} tables to {owner}")
        # The app reads and writes the application's tables ...
        cursor.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {a}")
        cursor.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {a}")
        cursor.execute(
            f"ALTER DEFAULT PRIVILEGES FOR ROLE {o} IN SCHEMA public "
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {a}"
        )
        cursor.execute(
            f"ALTER DEFAULT PRIVILEGES FOR ROLE {o} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {a}"
        )
        # ... but only appends to the audit trail.
        cursor.execute("SELECT to_regclass(%s)", [f"public.{AUDIT_TABLE}"])
        if cursor.fetchone()[0] is not None:
            cursor.execute(
                f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON public.{AUDIT_TABLE} FROM {a}"
            )
            cursor.execute(f"GRANT SELECT, INSERT ON public.{AUDIT_TABLE} TO {a}")
            done.append(f"{app} may only SELECT and INSERT on {AUDIT_TABLE}")
    done.append(f"{app} may read and write the application's tables; {owner} owns them")
    return done


def connected_role_owns_audit() -> bool:
    """True when the web app connects as the audit table's owner (it could then disable the triggers)."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_has_role(current_user, tableowner, 'USAGE') FROM pg_tables "
            "WHERE schemaname = 'public' AND tablename = %s",
            [AUDIT_TABLE],
        )
        row = cursor.fetchone()
    return bool(row and row[0])
