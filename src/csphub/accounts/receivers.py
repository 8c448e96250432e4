"""Audit lock-outs that django-axes decides."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.dispatch import receiver

from csphub.accounts.services import record_locked_out


@receiver(user_locked_out)
def _on_locked_out(sender: Any, request: Any, username: str | None = None, **kwargs: Any) -> None:
    record_locked_out(username=username or "")
