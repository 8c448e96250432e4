"""Query budgets for the lists issue 11 added or grew: the overdue page's "tasks their owner cannot
see" and the one person page's cases, incidents, risk assessments and powers. The same number of
queries with N rows as with 3N (no query per row)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from csphub.agencies.models import Membership, Role
from csphub.cases import services
from csphub.cases.models import PartyRole

pytestmark = pytest.mark.django_db


def _queries(client: Any, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_orphaned_tasks_on_the_overdue_page_cost_the_same_for_more_tasks(
    make_case: Any, persona: Any, client_as: Any
) -> None:
    worker, colleague = persona("avbc_caseworker"), persona("avbc_partner_viewer")
    manager = client_as("avbc_team_manager")
    url = reverse("cases:overdue")

    def add(n: int) -> None:
        for _ in range(n):
            case = make_case()
            services.task_create(
                actor=worker, case=case, title="Chase", owner=colleague, due_on=timezone.localdate()
            )

    add(2)  # given while the colleague may see the cases...
    Membership.objects.filter(user=colleague).update(role=Role.ANALYST)  # ...then every one is orphaned
    few = _queries(manager, url)
    assert manager.get(url).content.decode().count("Chase") == 2
    Membership.objects.filter(user=colleague).update(role=Role.PARTNER_VIEWER)
    add(4)
    Membership.objects.filter(user=colleague).update(role=Role.ANALYST)
    many = _queries(manager, url)
    assert manager.get(url).content.decode().count("Chase") == 6
    assert few == many


def test_the_person_page_costs_the_same_for_more_cases(make_case: Any, persona: Any, client_as: Any) -> None:
    worker = persona("avbc_caseworker")
    first = make_case(family="Budgetperson")
    person = first.parties.get(role=PartyRole.VICTIM).person
    client = client_as("avbc_caseworker")
    url = reverse("people:detail", args=[person.pk])

    def add(n: int) -> None:
        for _ in range(n):
            incident = services.incident_record(
                actor=worker,
                occurred_at=timezone.now(),
                reported_at=timezone.now(),
                channel="phone",
                asb_type="personal",
                category="noise",
                description="Again",
                parties=[(person, PartyRole.VICTIM)],
            )
            services.case_open(actor=worker, incidents=[incident], summary="Another")

    add(1)
    few = _queries(client, url)
    add(4)
    many = _queries(client, url)
    assert few == many
