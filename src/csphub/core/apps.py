from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _create_cache_table(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """The shared database cache (settings.CACHES) is created with the schema, idempotently."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "csphub.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        post_migrate.connect(_create_cache_table, sender=self, dispatch_uid="csphub.core.cache_table")
        _make_upload_temp_dir()


def _make_upload_temp_dir() -> None:
    """The private folder large uploads spool into (core/uploads.py) exists before Django's
    checks look for it; where it cannot be made, the check (files.E001) says so."""
    from pathlib import Path

    from django.conf import settings

    folder = getattr(settings, "FILE_UPLOAD_TEMP_DIR", None)
    if folder:
        try:
            Path(folder).mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError:
            return
