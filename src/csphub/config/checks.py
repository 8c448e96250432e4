"""Start-up checks for production settings."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from csphub.config.settings.base import INSECURE_DEFAULT_SECRET_KEY


def check_production_settings(*, debug: bool, secret_key: str, allowed_hosts: list[str]) -> None:
    """Raise ImproperlyConfigured naming every unsafe production setting."""
    problems = []
    if debug:
        problems.append("DEBUG is on (unset CSPHUB_DEBUG)")
    if not secret_key or secret_key == INSECURE_DEFAULT_SECRET_KEY or len(secret_key) < 50:
        problems.append("CSPHUB_SECRET_KEY is missing, the default, or shorter than 50 characters")
    if not allowed_hosts:
        problems.append("CSPHUB_ALLOWED_HOSTS is empty")
    if problems:
        raise ImproperlyConfigured("Refusing to start in production: " + "; ".join(problems) + ".")
