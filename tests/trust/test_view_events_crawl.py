"""Security review finding 8: every page that shows personal data writes a view event.

The crawl: every named GET URL of the permission matrix, opened by the owner of the records the
matrix makes (``police_caseworker``, who may see them). Whenever a page or API response shows
the name of a person held in CSP Hub, the request must have written at least one audit event
(``*.viewed`` or ``*.listed``), so that "who has seen this person" is whole.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse

from csphub.audit.models import AuditEvent
from tests.permission_matrix import MATRIX
from tests.test_permission_matrix import URL_NAMES

pytestmark = pytest.mark.django_db

OWNER = "police_caseworker"
# Pages that show no person held in CSP Hub by design, whatever the data (kept short on purpose).
NOT_PERSONAL = {"frontend:root", "accounts:login"}


def _names_shown(body: str) -> list[str]:
    from csphub.people.models import Person

    names = {
        name
        for pair in Person.objects.values_list("given_name", "family_name")
        for name in pair
        if len(name) >= 5
    }
    return sorted(n for n in names if re.search(rf"\b{re.escape(n)}\b", body))


@pytest.mark.parametrize(
    "url_name", [n for n in URL_NAMES if n in MATRIX and MATRIX[n].method == "GET" and n not in NOT_PERSONAL]
)
def test_a_page_that_shows_a_person_writes_a_view_event(url_name: str, world: Any, client_as: Any) -> None:
    entry = MATRIX[url_name]
    kwargs = entry.make(world) if entry.make else {}
    client = client_as(OWNER)
    before = AuditEvent.objects.count()
    response = client.get(reverse(url_name, kwargs=kwargs))
    if response.status_code != 200 or response.streaming:
        return
    shown = _names_shown(response.content.decode(errors="replace"))
    if shown:
        assert AuditEvent.objects.count() > before, f"{url_name} shows {shown} but records no view event"


def test_the_review_pages_are_audited(client_as: Any, persona: Any, make_case: Any) -> None:
    """The pages the review found unaudited, with data on them."""
    from csphub.cases import services

    case = make_case("housing_caseworker", family="Auditcrawl")
    actor = persona("housing_caseworker")
    services.task_create(
        actor=actor,
        case=case,
        owner=actor,
        title="Call the victim Auditcrawl",
        due_on=dt.date.today() - dt.timedelta(days=2),
    )
    client = client_as("housing_caseworker")
    urls = (
        "/cases/",
        "/cases/?q=Auditcrawl",
        "/cases/search/?q=Auditcrawl",
        "/cases/tasks/",
        "/cases/tasks/overdue/",
        "/home/",
    )
    for url in urls:
        before = AuditEvent.objects.count()
        assert client.get(url).status_code == 200
        assert AuditEvent.objects.count() > before, url
    listed = AuditEvent.objects.filter(verb="person.listed", target_id=str(case.parties.get().person_id))
    assert listed.exists()  # the search page lists the person, as /people/ does
