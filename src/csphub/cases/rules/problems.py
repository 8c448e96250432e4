"""A rule's objection to a value (``Problem``) and the messages for one form field."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """A rule violation phrased as a GOV.UK error message, tied to the field to fix."""

    field: str
    message: str


def messages_for(problems: Sequence[Problem], field_name: str) -> list[str]:
    """Messages for one field, in order (helper for forms)."""
    return [p.message for p in problems if p.field == field_name]
