"""Search across casework, and the incidents drawn on the map."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Case as SqlCase
from django.db.models import Exists, OuterRef, Value, When

from csphub.agencies.policies import (
    Action,
    visible_to,
)
from csphub.cases.models import (
    Case,
    CaseIncident,
    CaseStatus,
    Incident,
)
from csphub.cases.selectors.records import case_list_visible_to, incident_list_visible_to
from csphub.people.models import Address, Person

# --------------------------------------------------------------------------------------------
# Search
# --------------------------------------------------------------------------------------------


@dataclass
class SearchResults:
    query: str
    cases: list[Case]
    people: list[Person]
    addresses: list[Address]


def search(*, user: Any, query: str, limit: int = 25) -> SearchResults:
    """Cases, people and addresses the user may see that match every word of ``query``."""
    from csphub.people.selectors import address_list_visible_to, person_list_visible_to

    query = " ".join(query.split())[:100]
    if len(query) < 2:
        return SearchResults(query, [], [], [])
    cases = list(case_list_visible_to(user, search=query).order_by("-opened_at")[:limit])
    # Unordered in SQL so PostgreSQL drives the query from the trigram indexes (an ORDER BY name
    # makes it walk the name index and filter 200k rows); a capped set is sorted here instead.
    # The cap is generous on purpose: a small LIMIT tempts the planner into a sequential scan
    # "until 200 rows are found", which is slow when matches are rare.
    people = sorted(
        person_list_visible_to(user, search=query).order_by()[: limit * 40],
        key=lambda p: (p.family_name.lower(), p.given_name.lower(), p.known_as.lower(), p.pk),
    )[:limit]
    addresses = sorted(
        address_list_visible_to(user, search=query).order_by()[: limit * 40],
        key=lambda a: (a.postcode, a.line_1.lower(), a.pk),
    )[:limit]
    return SearchResults(query, cases, people, addresses)


def uses_trigram_index() -> bool:
    return connection.vendor == "postgresql"


# --------------------------------------------------------------------------------------------
# Map
# --------------------------------------------------------------------------------------------


# What the map's "status" filter offers: an incident's standing among the cases *the reader* may
# see (a case the reader cannot see never shows, so the filter cannot reveal one).
MAP_STATUSES = {
    "open_case": "On an open case",
    "closed_case": "On closed cases only",
    "no_case": "Not on a case you can see",
}


def map_incidents(
    *,
    user: Any,
    since: dt.datetime | None = None,
    category: str = "",
    status: str = "",
    limit: int = 5000,
) -> list[Incident]:
    """Visible incidents with a point, newest first, each annotated ``case_standing`` (a key of
    :data:`MAP_STATUSES`), filtered by category and standing. One query."""
    visible_cases = visible_to(user, Action.VIEW, Case)
    links = CaseIncident.objects.filter(incident=OuterRef("pk"), case__in=visible_cases.values("pk"))
    qs = (
        incident_list_visible_to(user)
        .filter(longitude__isnull=False, latitude__isnull=False)
        .annotate(
            case_standing=SqlCase(
                When(Exists(links.exclude(case__status=CaseStatus.CLOSED)), then=Value("open_case")),
                When(Exists(links), then=Value("closed_case")),
                default=Value("no_case"),
            )
        )
    )
    if since is not None:
        qs = qs.filter(occurred_at__gte=since)
    if category:
        qs = qs.filter(category=category)
    if status in MAP_STATUSES:
        qs = qs.filter(case_standing=status)
    return list(
        qs.select_related(None).only(
            "pk",
            "occurred_at",
            "asb_type",
            "category",
            "longitude",
            "latitude",
            "lsoa_code",
            "owning_agency_id",
        )[:limit]
    )
