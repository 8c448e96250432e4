"""Ship the confirmed 4×4 grid and the MoRiLE-style template (idempotent)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import migrations

FILES = ("grid-4x4.json", "morile-style-template.json")


def install(apps: Any, schema_editor: Any) -> None:
    framework_model = apps.get_model("planning", "ScoringFramework")
    folder = Path(__file__).resolve().parent.parent / "frameworks"
    for name in FILES:
        data = json.loads((folder / name).read_text(encoding="utf-8"))
        framework_model.objects.get_or_create(
            name=data["name"],
            version=data["version"],
            defaults={"source": data["source"], "config": data},
        )


class Migration(migrations.Migration):
    dependencies = [("planning", "0001_initial")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
