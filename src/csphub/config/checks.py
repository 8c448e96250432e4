"""Start-up checks for production settings."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from csphub.config.settings.base import INSECURE_DEFAULT_SECRET_KEY

# As Django's own deployment check (security.W009).
MIN_SECRET_KEY_CHARACTERS = 5


def check_production_settings(*, debug: bool, secret_key: str, allowed_hosts: list[str]) -> None:
    """Raise ImproperlyConfigured naming every unsafe production setting."""
    problems = []
    if debug:
        problems.append("DEBUG is on (unset CSPHUB_DEBUG)")
    if not secret_key or secret_key == INSECURE_DEFAULT_SECRET_KEY or len(secret_key) < 50:
        problems.append("CSPHUB_SECRET_KEY is missing, the default, or shorter than 50 characters")
    elif len(set(secret_key)) < MIN_SECRET_KEY_CHARACTERS:
        # 60 × "a" is 60 characters long but no secret (security review, note in 25).
        problems.append(
            f"CSPHUB_SECRET_KEY uses fewer than {MIN_SECRET_KEY_CHARACTERS} different characters: "
            "generate a random one"
        )
    if not allowed_hosts:
        problems.append("CSPHUB_ALLOWED_HOSTS is empty")
    if problems:
        raise ImproperlyConfigured("Refusing to start in production: " + "; ".join(problems) + ".")
