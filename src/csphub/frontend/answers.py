"""An answer in words, as check-answers pages and summary lists show it (labels, never codes).

One set of rules for every app:

- nothing given (``None``, ``""``, an empty list) → "Not given";
- ``True`` / ``False`` → "Yes" / "No";
- a value of a field with choices → the choice's label;
- a person (a user) → their full name; another record → its name;
- a date → "3 March 2025"; a date and time → "3 March 2025 at 14:05" (UK local time);
- several values → one per line (templates show them with ``linebreaksbr``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

NOT_GIVEN = "Not given"


def _label(value: Any, field: Any) -> str | None:
    choices = getattr(field, "choices", None)
    if choices is None:
        return None
    labels: dict[str, Any] = {}
    for key, label in choices:
        if isinstance(label, list | tuple):  # an optgroup: (group, [(key, label), ...])
            labels.update({str(k): v for k, v in label})
        else:
            labels[str(getattr(key, "value", key))] = label
    found = labels.get(str(value))
    return None if found is None else str(found)


def answer(value: Any, field: Any = None) -> str:
    """``value`` (the answer to ``field``, a form field, when known) in words."""
    if value is None or value == "":
        return NOT_GIVEN
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime):
        shown = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{shown.day} {shown:%B %Y at %H:%M}"
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    if hasattr(value, "get_full_name"):
        return str(value.get_full_name() or value.get_username())
    if hasattr(value, "pk"):  # a model instance: its own name (no query over the field's choices)
        return str(value)
    if isinstance(value, str | int | float):
        label = _label(value, field)
        return label if label is not None else str(value)
    if hasattr(value, "__iter__"):
        items = [answer(item, field) for item in value]
        return "\n".join(items) if items else NOT_GIVEN
    return str(value)
