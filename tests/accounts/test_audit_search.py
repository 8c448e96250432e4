"""Issue 11 item 3: administrators search the audit trail by member of staff ("what has this person
viewed?"), by date and by record; the page shows plain-English labels and records the search."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from csphub.audit.models import AuditEvent
from tests.cases.conftest import make_case, make_incident, make_person

__all__ = ["make_case", "make_incident", "make_person"]

pytestmark = pytest.mark.django_db


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {f"{prefix}_day": str(day.day), f"{prefix}_month": str(day.month), f"{prefix}_year": str(day.year)}


def test_what_has_this_member_of_staff_viewed(make_case: Any, persona: Any, client_as: Any) -> None:
    case = make_case(family="Quillfeather")
    worker = client_as("avbc_caseworker")
    worker.get(reverse("cases:case_detail", args=[case.pk]))
    client_as("avbc_team_manager").get(reverse("cases:case_list"))
    admin = client_as("avbc_administrator")

    page = admin.get(
        reverse("accounts:audit_search"), {"staff": persona("avbc_caseworker").pk}
    ).content.decode()

    results = page.split('data-testid="audit-results"', 1)[1]
    assert "Viewed a case" in results and f"Case {case.reference}" in results and "Full record" in results
    assert "Team manager" not in results  # another member of staff's events are not listed
    assert "case.viewed" not in page and "scope=full" not in page  # no internal codes
    searched = AuditEvent.objects.filter(verb="user.audit_searched").get()
    assert searched.actor == persona("avbc_administrator")
    assert searched.target_id == str(persona("avbc_caseworker").pk)
    assert searched.justification == "Searched by member of staff"


def test_search_by_record_and_by_date(make_case: Any, persona: Any, client_as: Any) -> None:
    case = make_case()
    other = make_case(family="Other")
    worker = client_as("avbc_caseworker")
    worker.get(reverse("cases:case_detail", args=[case.pk]))
    worker.get(reverse("cases:case_detail", args=[other.pk]))
    admin = client_as("avbc_administrator")

    page = admin.get(reverse("accounts:audit_search"), {"record": case.reference.lower()}).content.decode()
    results = page.split('data-testid="audit-results"', 1)[1]
    assert f"Case {case.reference}" in results and other.reference not in results

    today = timezone.localdate()
    tomorrow = today + dt.timedelta(days=1)
    future = admin.get(
        reverse("accounts:audit_search"), {"record": case.reference, **_date("date_from", tomorrow)}
    ).content.decode()
    assert "No events match this search." in future
    both_sides = admin.get(
        reverse("accounts:audit_search"),
        {"record": case.reference, **_date("date_from", today), **_date("date_to", today)},
    ).content.decode()
    assert f"Case {case.reference}" in both_sides


def test_bad_input_says_what_to_do(client_as: Any) -> None:
    admin = client_as("avbc_administrator")
    page = admin.get(reverse("accounts:audit_search"), {"record": "flat 2"}).content.decode()
    assert "Enter a reference like ASB-000024" in page
    today = timezone.localdate()
    page = admin.get(
        reverse("accounts:audit_search"),
        {**_date("date_from", today), **_date("date_to", today - dt.timedelta(days=1))},
    ).content.decode()
    assert "must be the same as or after" in page


def test_another_agencys_events_are_not_shown(make_case: Any, persona: Any, client_as: Any) -> None:
    police_case = make_case("police_caseworker", family="Policecase")
    client_as("police_caseworker").get(reverse("cases:case_detail", args=[police_case.pk]))
    page = (
        client_as("avbc_administrator")
        .get(reverse("accounts:audit_search"), {"record": police_case.reference})
        .content.decode()
    )
    assert "No events match this search." in page


def test_query_budget_does_not_grow_with_rows(make_case: Any, persona: Any, client_as: Any) -> None:
    admin = client_as("avbc_administrator")
    url = reverse("accounts:audit_search")
    params = {"staff": persona("avbc_caseworker").pk}

    def count() -> int:
        admin.get(url, params)
        with CaptureQueriesContext(connection) as ctx:
            assert admin.get(url, params).status_code == 200
        return len(ctx.captured_queries)

    worker = client_as("avbc_caseworker")
    for _ in range(2):
        worker.get(reverse("cases:case_detail", args=[make_case().pk]))
    few = count()
    for _ in range(6):
        worker.get(reverse("cases:case_detail", args=[make_case().pk]))
    many = count()
    assert many == few
    # Request overhead (7), the staff choices, the count and the page of events, one query per kind
    # of record on the page (people, addresses, incidents, cases), the search's own audit event.
    assert many <= 20 + (1 if connection.vendor == "postgresql" else 0)
