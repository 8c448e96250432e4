"""Depersonalised casework figures of district partnerships, for a county board (ADR 0008).

A board never sees a district's records; it sees how many there are. The counts are grouped by
partnership in the database (no record leaves it) and a count from 1 to 4 is shown as "fewer than 5",
so that a figure cannot point at a person in a small district.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from csphub.cases.models import Case, Incident

SMALL_NUMBER = 5


def suppressed(count: int) -> str:
    """A count as a board may read it: exact from 5 (and 0), else "fewer than 5"."""
    return f"fewer than {SMALL_NUMBER}" if 0 < count < SMALL_NUMBER else f"{count:,}"


@dataclass(frozen=True)
class DistrictFigures:
    open_cases: str
    incidents_last_year: str


def district_figures(partnership_ids: Iterable[int]) -> dict[int, DistrictFigures]:
    """Open cases and incidents that occurred in the last 365 days, per partnership: two queries."""
    ids = list(partnership_ids)
    since = timezone.now() - dt.timedelta(days=365)
    open_cases = dict(
        Case.objects.filter(partnership_id__in=ids, closed_at__isnull=True)
        .values_list("partnership_id")
        .annotate(n=Count("pk"))
        .values_list("partnership_id", "n")
    )
    incidents = dict(
        Incident.objects.filter(partnership_id__in=ids, occurred_at__gte=since)
        .values_list("partnership_id")
        .annotate(n=Count("pk"))
        .values_list("partnership_id", "n")
    )
    return {
        pk: DistrictFigures(suppressed(open_cases.get(pk, 0)), suppressed(incidents.get(pk, 0))) for pk in ids
    }
