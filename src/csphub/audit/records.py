"""References staff type to name a record ("ASB-000024", "INC-000184"), registered by the apps that
own the records, so that the audit search can find a record's events without importing those apps."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class RecordReference:
    """``pattern`` matches a whole reference (case-insensitive); its first group is the primary key."""

    pattern: re.Pattern[str]
    model: type[models.Model]
    example: str


RECORD_REFERENCES: list[RecordReference] = []


def register_record_reference(pattern: str, model: type[models.Model], example: str) -> None:
    compiled = re.compile(pattern, re.IGNORECASE)
    if all(existing.pattern.pattern != compiled.pattern for existing in RECORD_REFERENCES):
        RECORD_REFERENCES.append(RecordReference(compiled, model, example))


def record_for_reference(text: str) -> tuple[type[models.Model], int] | None:
    """The model and primary key a typed reference names, or None if no app recognises it."""
    cleaned = text.strip().replace(" ", "")
    for entry in RECORD_REFERENCES:
        match = entry.pattern.fullmatch(cleaned)
        if match:
            return entry.model, int(match.group(1))
    return None


def reference_examples() -> list[str]:
    return [entry.example for entry in RECORD_REFERENCES]
