"""Shared by the case forms: the empty choice and small helpers."""

from __future__ import annotations

from typing import Any

EMPTY: list[tuple[str, Any]] = [("", "Select")]


def _user_label(user: Any) -> str:
    return str(user.get_full_name() or user.username)


def _required(message: str) -> dict[str, str]:
    return {"required": message, "invalid": message, "invalid_choice": message}
