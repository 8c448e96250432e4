"""Query budgets for the main casework pages: a fixed number of SQL queries, whatever the rows.

Each page is requested with N rows and with 3N rows; the number of queries must be the same (no
query per row) and within the page's budget. The budgets count the whole request, including the
fixed cost every signed-in page pays (session, user, second factor, memberships, the session
save: ``REQUEST_OVERHEAD``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from csphub.cases import services
from csphub.cases.models import CaseStatus, PartyRole
from csphub.people.services import person_create

pytestmark = pytest.mark.django_db

# Session read, user, TOTP device, the user's memberships (middleware: the acting one and the
# agency-switch list in one query); the session save (an UPDATE, in a savepoint under the test
# transaction: 3 statements).
REQUEST_OVERHEAD = 7

# The case page's own queries (measured 2026-11-27, SQLite and PostgreSQL): the case, the audit
# write (head of the chain, insert: no savepoint), parties, the parties' incidents (1: the
# repeat-victim flag and the related-records prompt both read them), the prompt's lookup of the
# parties' other cases (1), then the case's own lists in one query (core.together: incidents,
# links, notes, documents, tasks, status changes, agenda items, victims' contacts), the owner's
# Sharing section (the case's shares), the risk section in one query (assessments, pending
# re-assessments, questionnaires) and the powers section (1): 10 in all (19 before the lists were
# read together; 35 when issue 8 was filed). The budget is 12.
# Each audit write also reads the previous event's hash to chain to it (audit.chain), and on
# PostgreSQL takes the chain's advisory lock first: one more query per audit write there.
AUDIT_CHAIN_EXTRA = 1 if connection.vendor == "postgresql" else 0
# Lists 6 (one listed event), search 11 (a listed event for what it showed and the search event
# itself), "who has seen" 9.
# Records belong to a partnership (ADR 0008): the page looks up the partnership the actor works in,
# and the ids of the partnerships whose records it may see (the agreements in force), each once per
# request: every later query carries the ids as a literal list, not the agreements' joins.
PARTNERSHIP_EXTRA = 1
# The case page: its own reads are batched (core/together.py), so the partnership lookup fits in 12.
CASE_PAGE_BUDGET = 12 + AUDIT_CHAIN_EXTRA
LIST_PAGE_BUDGET = 6 + AUDIT_CHAIN_EXTRA + PARTNERSHIP_EXTRA
SEARCH_EXTRA = 5 + AUDIT_CHAIN_EXTRA
# "Who has seen" also reads the records that show the person (cases, incidents, risk assessments,
# powers: one query each) and names the records on the page (one query per kind): 14 (issue 11).
SEEN_BY_BUDGET = 14 + AUDIT_CHAIN_EXTRA


def _queries(client: Any, url: str) -> int:
    client.get(url)  # warm: content types, caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _grow_case(case: Any, actor: Any, n: int, make_person: Callable[..., Any], make_incident: Any) -> None:
    for i in range(n):
        victim = make_person("avbc_caseworker", f"Vic{i}", f"Tim{case.pk}x{i}")
        incident = make_incident(parties=[(victim, PartyRole.VICTIM)], days_ago=2 + i)
        services.case_add_incident(actor=actor, case=case, incident=incident)
        services.note_add(actor=actor, case=case, text=f"Note {i}")
        services.task_create(
            actor=actor,
            title=f"Task {i}",
            owner=actor,
            due_on=dt.date.today() + dt.timedelta(days=7),
            case=case,
        )
    # Every list the case page reads together has rows: a status change and a victim's contact too.
    services.case_change_status(actor=actor, case=case, to_status=CaseStatus.INVESTIGATING)
    services.victim_contact_agree(
        actor=actor,
        case=case,
        victim=victim,
        spoc=actor,
        agreed_on=dt.date.today(),
        update_every_days=14,
        method="phone",
    )


def test_case_page_is_within_budget_and_constant_in_rows(
    make_case: Any, make_person: Any, make_incident: Any, persona: Any, client_as: Any
) -> None:
    actor = persona("avbc_caseworker")
    small, large = make_case(family="Small"), make_case(family="Large")
    _grow_case(small, actor, 2, make_person, make_incident)
    _grow_case(large, actor, 6, make_person, make_incident)
    services.case_link(actor=actor, case=small, related_case=large, reason="Same street")
    services.case_link(actor=actor, case=large, related_case=small, reason="Same street")
    client = client_as("avbc_caseworker")
    few = _queries(client, f"/cases/{small.pk}/")
    many = _queries(client, f"/cases/{large.pk}/")
    assert few == many, f"the case page makes a query per row: {few} with 3 rows, {many} with 7"
    assert many - REQUEST_OVERHEAD <= CASE_PAGE_BUDGET, many


@pytest.mark.parametrize(
    ("url", "make_rows"),
    [
        ("/cases/", "cases"),
        ("/cases/tasks/", "tasks"),
        ("/people/", "people"),
        ("/cases/search/?q=Budget", "people"),
    ],
)
def test_list_pages_are_constant_in_rows(
    url: str, make_rows: str, make_case: Any, persona: Any, client_as: Any
) -> None:
    actor = persona("avbc_caseworker")

    def add(n: int) -> None:
        for i in range(n):
            if make_rows == "cases":
                make_case(family=f"Budget{i}")
            elif make_rows == "tasks":
                services.task_create(
                    actor=actor, title=f"Task {i}", owner=actor, due_on=dt.date.today() + dt.timedelta(days=3)
                )
            else:
                person_create(actor=actor, given_name=f"Bud{i}", family_name=f"Budget{i}")

    client = client_as("avbc_caseworker")
    add(2)
    few = _queries(client, url)
    add(4)
    many = _queries(client, url)
    assert few == many, f"{url} makes a query per row: {few} with 2 rows, {many} with 6"
    assert many - REQUEST_OVERHEAD <= LIST_PAGE_BUDGET + (SEARCH_EXTRA if "search" in url else 0), (url, many)


def test_who_has_seen_this_person_is_constant_in_events(persona: Any, client_as: Any) -> None:
    person = person_create(actor=persona("avbc_caseworker"), given_name="Seen", family_name="Budget")
    caseworker = client_as("avbc_caseworker")
    coordinator = client_as("avbc_partnership_coordinator")
    url = f"/people/{person.pk}/seen-by/"
    for _ in range(2):
        caseworker.get(f"/people/{person.pk}/")
    few = _queries(coordinator, url)
    for _ in range(6):
        caseworker.get(f"/people/{person.pk}/")
    many = _queries(coordinator, url)
    assert few == many
    assert many - REQUEST_OVERHEAD <= SEEN_BY_BUDGET, many
