"""Records that show a person, registered by the apps that hold them.

"Who has seen this person" must answer for every page that showed the person, not only the
person's own page: a case page names its parties, an incident its victim and perpetrator, a
notice its recipient, a risk assessment its subject. Each app registers, in ``AppConfig.ready``,
how to find its records about a person; the people app never imports those apps::

    register_person_records(PersonRecords("Case", lambda person: Case.objects.filter(parties__person=person)))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet


@dataclass(frozen=True)
class PersonRecords:
    """``records(person)`` -> a queryset of one model's records that show the person."""

    label: str  # what one record is, in plain English: "Case", "Incident", "Risk assessment"
    records: Callable[[Any], QuerySet[Any]]


PERSON_RECORDS: list[PersonRecords] = []


def register_person_records(entry: PersonRecords) -> None:
    if all(existing.label != entry.label for existing in PERSON_RECORDS):
        PERSON_RECORDS.append(entry)
