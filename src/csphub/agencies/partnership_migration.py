"""Data migrations that give records a partnership (issue 12): one helper, used by each app.

Before partnerships were records, one installation served one partnership, so every existing
record belongs to the installation's partnership: the one with ``CSPHUB_PARTNERSHIP_CODE``, else
the only district partnership there is, else one made from the settings (``CSPHUB_PARTNERSHIP_NAME``)
with every agency in it, so that everyone goes on working in it. Nothing is made when there is
nothing to fill (a new installation).

The functions take Django's historical ``apps``; they never import the models themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings


def installation_partnership(apps: Any) -> Any:
    Partnership = apps.get_model("agencies", "Partnership")
    code = str(getattr(settings, "CSPHUB_PARTNERSHIP_CODE", "") or "")
    found = Partnership.objects.filter(code=code).first() if code else None
    if found is None:
        districts = list(Partnership.objects.filter(kind="csp")[:2])
        found = districts[0] if len(districts) == 1 else None
    if found is None:
        name = str(getattr(settings, "CSPHUB_PARTNERSHIP_NAME", "") or "Community Safety Partnership")
        found, made = Partnership.objects.get_or_create(name=name, defaults={"code": code, "kind": "csp"})
        if made:
            Agency = apps.get_model("agencies", "Agency")
            found.agencies.add(*Agency.objects.all())
    return found


def fill_partnership(app_label: str, *model_names: str) -> Callable[[Any, Any], None]:
    """A ``RunPython`` function: rows of ``model_names`` with no partnership get the installation's."""

    def forwards(apps: Any, schema_editor: Any) -> None:
        models = [apps.get_model(app_label, name) for name in model_names]
        if not any(m.objects.filter(partnership__isnull=True).exists() for m in models):
            return
        partnership = installation_partnership(apps)
        for model in models:
            model.objects.filter(partnership__isnull=True).update(partnership=partnership)
        if schema_editor.connection.vendor == "postgresql":
            # Check the new foreign keys now, so that the same migration may make the column NOT NULL
            # (PostgreSQL refuses to alter a table with deferred checks pending).
            schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    return forwards
