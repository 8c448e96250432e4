"""Security review findings 2, 3, 19, 20, 21 (issue #10, item 2): lists and search go through the
same policy as detail pages.

A walk over every list, search, map, export, dashboard and API collection, for every persona of
the permission matrix plus the owner's: every case, incident and power reference a page shows
must be one whose own page that persona may open (at that scope). The data includes the
review's traps: a police case shared with AVBC only as a panel summary, with a CPW on it; an
unshared police case; searches for the withheld address.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from csphub.cases import services as cases
from csphub.cases.models import PanelKind, PartyRole
from csphub.people.services import person_update
from csphub.powers import services as powers
from tests.permission_matrix import PERSONAS

pytestmark = pytest.mark.django_db

LISTS = [
    "/home/",
    "/cases/",
    "/cases/?q=Zanzibarquist",
    "/cases/?q=DE5+3ZZ",
    "/cases/?q=Example+Row",
    "/cases/search/?q=Zanzibarquist",
    "/cases/search/?q=DE5+3ZZ",
    "/cases/search/?q=Example",
    "/cases/export.csv",
    "/cases/map/?days=3650",
    "/cases/tasks/",
    "/cases/tasks/overdue/",
    "/cases/panels/",
    "/people/",
    "/people/?q=Zanzibarquist",
    "/powers/",
    "/case-reviews/staff/",
    "/case-reviews/staff/prompts/",
    "/api/v1/cases",
    "/api/v1/cases?search=DE5%203ZZ",
    "/api/v1/cases?search=Zanzibarquist",
    "/api/v1/incidents",
    "/api/v1/people?search=Zanzibarquist",
]

# reference shown -> the page that must open for whoever is shown it
REFERENCES = [
    (re.compile(r"\bASB-(\d{6})\b"), "/cases/{}/"),
    (re.compile(r"\bINC-(\d{6})\b"), "/cases/incidents/{}/"),
    (
        re.compile(r"\b(?:CPW|CPN|FPN|INJ|CBO|DA|DD|PSPO|CN|CO|AG)-(\d{5})\b"),
        "/powers/{}/",
    ),
]


@pytest.fixture
def traps(make_case: Any, persona: Any, world: Any) -> None:
    police = persona("police_team_manager")
    shared = make_case("police_caseworker", family="Zanzibarquist", summary="Harassment of a resident")
    panel = cases.panel_create(actor=police, name="Panel", kind=PanelKind.HIGH_RISK, agreement=world.asb_isa)
    meeting = cases.panel_meeting_schedule(
        actor=police, panel=panel, held_at=timezone.now(), attending_agencies=[world.agencies["avbc"]]
    )
    cases.panel_agenda_add(actor=police, meeting=meeting, case=shared, reason="Repeat victim")
    victim = shared.parties.get(role=PartyRole.VICTIM).person
    person_update(actor=police, person=victim, date_of_birth=dt.date(1980, 1, 1))
    powers.cpw_issue(
        actor=police,
        case=shared,
        recipient=victim,
        issuer_capacity="constable",
        conduct="Shouting at neighbours",
        requirements="Stop shouting at neighbours",
        comply_by=timezone.now() + dt.timedelta(days=5),
    )
    cases.task_create(
        actor=police,
        case=shared,
        owner=police,
        title="Call Zanzibarquist",
        due_on=dt.date.today() - dt.timedelta(days=1),
    )
    make_case("police_caseworker", family="Unsharedpolice", summary="Police only")
    make_case("avbc_caseworker", family="Councilown", summary="Council case")


@pytest.mark.parametrize("username", [p for p in PERSONAS if p != "anonymous"] + ["police_caseworker"])
def test_every_row_shown_is_one_the_persona_may_open(traps: Any, client_as: Any, username: str) -> None:
    client = client_as(username)
    problems = []
    checked: dict[str, int] = {}
    for url in LISTS:
        response = client.get(url)
        assert response.status_code in (200, 403), f"{url}: {response.status_code}"
        if response.status_code != 200:
            continue
        body = response.content.decode(errors="replace")
        for pattern, detail in REFERENCES:
            for pk in set(pattern.findall(body)):
                target = detail.format(int(pk))
                if target not in checked:
                    checked[target] = client.get(target).status_code
                if checked[target] != 200:
                    problems.append(f"{url} shows {target} ({checked[target]})")
    assert not problems, f"{username}:\n" + "\n".join(problems)
    if username in ("avbc_caseworker", "police_caseworker"):
        assert checked, "the walk saw records"  # the walk is not vacuous for casework roles
