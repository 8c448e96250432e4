"""``manage.py check --deploy``: warn when the app connects as the audit table's owner (finding 7).

The owner can disable the append-only triggers; the web app should connect as the role made by
``csphub db roles`` (SELECT and INSERT only on the audit table).
"""

from __future__ import annotations

from typing import Any

from django.core.checks import Tags, Warning, register
from django.db import DatabaseError


@register(Tags.security, deploy=True)
def check_app_role_does_not_own_audit(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    from csphub.core.dbroles import connected_role_owns_audit

    try:
        owns = connected_role_owns_audit()
    except DatabaseError:  # no database yet (before the first migrate): nothing to say
        return []
    if not owns:
        return []
    return [
        Warning(
            "The web app connects to PostgreSQL as the owner of the audit table (or a superuser), "
            "so it could disable the audit trail's append-only triggers.",
            hint="Run `csphub db roles`, migrate with CSPHUB_MIGRATION_DATABASE_URL (the owner) and set "
            "DATABASE_URL to the app role (docs/operations.md).",
            id="csphub.W001",
        )
    ]
