"""Query budget for the powers list: a fixed number of SQL queries, whatever the number of powers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from csphub.cases import services as cases
from csphub.cases.models import PartyRole
from csphub.people.services import person_create
from csphub.powers import services

pytestmark = pytest.mark.django_db

REQUEST_OVERHEAD = 7  # as in tests/cases/test_query_budgets.py
# The partnership the actor works in, the powers (one query), and the "listed" audit event (a
# savepoint, the chain's head, the insert, the release): 6. On PostgreSQL the audit write also takes
# the chain's advisory lock first (tests/cases/test_query_budgets.py, AUDIT_CHAIN_EXTRA).
AUDIT_CHAIN_EXTRA = 1 if connection.vendor == "postgresql" else 0
POWERS_LIST_BUDGET = 6 + AUDIT_CHAIN_EXTRA


def _issue_cpws(officer: Any, n: int, tag: str) -> None:
    now = timezone.now()
    for i in range(n):
        perp = person_create(
            actor=officer, given_name="Paul", family_name=f"Perp{tag}{i}", date_of_birth=dt.date(1990, 1, 1)
        )
        incident = cases.incident_record(
            actor=officer,
            occurred_at=now - dt.timedelta(days=3),
            reported_at=now - dt.timedelta(days=2),
            channel="phone",
            asb_type="nuisance",
            category="noise",
            description="Loud music every night",
            parties=[(perp, PartyRole.ALLEGED_PERPETRATOR)],
        )
        case = cases.case_open(actor=officer, incidents=[incident], summary=f"Noise {tag}{i}")
        services.cpw_issue(
            actor=officer,
            case=case,
            recipient=perp,
            issuer_capacity="local_authority",
            conduct="Playing loud music after 11pm",
            requirements="Stop playing amplified music after 11pm",
            comply_by=now + dt.timedelta(days=14),
            informed_parties="Victim",
            now=now,
        )


def _queries(client: Any, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_powers_list_is_constant_in_rows(persona: Any, client_as: Any) -> None:
    officer = persona("avbc_caseworker")
    client = client_as("avbc_caseworker")
    _issue_cpws(officer, 2, "a")
    few = _queries(client, "/powers/")
    _issue_cpws(officer, 4, "b")
    many = _queries(client, "/powers/")
    assert few == many, f"the powers list makes a query per row: {few} with 2, {many} with 6"
    assert many - REQUEST_OVERHEAD <= POWERS_LIST_BUDGET, many
