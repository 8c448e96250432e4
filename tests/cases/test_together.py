"""core.together: several querysets read in one round trip give what reading each would give.

One execute: a UNION ALL on SQLite, the statements one after the other in one execute on
PostgreSQL (each planned alone).

Checked field by field (every concrete field, the ``select_related`` objects, the annotations, the
related object a related manager knows) and in order, on the case page's own lists, on SQLite and
(with ``DATABASE_URL``) PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.models import Count, Max, Model
from django.test.utils import CaptureQueriesContext

from csphub.cases import services
from csphub.cases.models import CaseStatus, Incident, Note, PartyRole, Task, VictimContact
from csphub.core.together import fetch_together

pytestmark = pytest.mark.django_db


def _fields(obj: Model) -> dict[str, Any]:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def _same(
    got: list[Any], want: list[Any], related: tuple[str, ...] = (), annotations: tuple[str, ...] = ()
) -> None:
    assert [o.pk for o in got] == [o.pk for o in want]
    for a, b in zip(got, want, strict=True):
        assert type(a) is type(b)
        assert _fields(a) == _fields(b)
        for path in related:
            x, y = a, b
            for name in path.split("__"):
                assert y._meta.get_field(name).is_cached(y)
                assert x._meta.get_field(name).is_cached(x), path  # no query when the page reads it
                x, y = getattr(x, name), getattr(y, name)
            assert (x is None) == (y is None)
            if x is not None:
                assert _fields(x) == _fields(y)
        for name in annotations:
            assert getattr(a, name) == getattr(b, name)


@pytest.fixture
def busy_case(make_case: Any, make_person: Any, make_incident: Any, persona: Any) -> Any:
    actor = persona("avbc_caseworker")
    case = make_case(family="Together")
    other = make_case(family="Other")
    for i in range(3):
        victim = make_person("avbc_caseworker", f"Vic{i}", f"Together{i}")
        incident = make_incident(parties=[(victim, PartyRole.VICTIM)], days_ago=2 + i)
        services.case_add_incident(actor=actor, case=case, incident=incident)
        services.note_add(actor=actor, case=case, text=f"Note {i}")
        services.task_create(
            actor=actor,
            title=f"Task {3 - i}",
            owner=actor,
            due_on=dt.date.today() + dt.timedelta(days=i % 2),
            case=case,
        )
    services.case_link(actor=actor, case=case, related_case=other, reason="Same street")
    services.case_change_status(actor=actor, case=case, to_status=CaseStatus.INVESTIGATING)
    victim = case.parties.filter(role=PartyRole.VICTIM).first().person
    contact = services.victim_contact_agree(
        actor=actor,
        case=case,
        victim=victim,
        spoc=actor,
        agreed_on=dt.date.today() - dt.timedelta(days=20),
        update_every_days=14,
        method="phone",
    )
    services.victim_update_record(
        actor=actor,
        contact=contact,
        given_on=dt.date.today() - dt.timedelta(days=3),
        method="phone",
        summary="Told",
    )
    return case


def test_one_query_and_the_same_instances_in_the_same_order(busy_case: Any) -> None:
    case = busy_case
    querysets = [
        Incident.objects.filter(case_links__case=case).select_related("address", "reporting_agency"),
        case.links_from.select_related("related_case"),
        Note.objects.filter(case=case).select_related("author_agency", "created_by"),
        Task.objects.filter(case=case).select_related("owner", "case", "owning_agency").order_by("-title"),
        case.status_changes.select_related("created_by"),
        VictimContact.objects.filter(case=case)
        .select_related("victim", "spoc")
        .annotate(last_update_on=Max("updates__given_on")),
        Incident.objects.filter(case_links__case=case)
        .annotate(parties_n=Count("parties"))
        .order_by("occurred_at"),
        Note.objects.none(),
    ]
    want = [list(qs) for qs in querysets]
    with CaptureQueriesContext(connection) as ctx:
        got = fetch_together(*querysets)
    assert len(ctx.captured_queries) == 1
    assert all(want[:-1]), "every list but the last has rows"  # the fixture fills them
    _same(got[0], want[0], related=("address", "reporting_agency"))
    _same(got[1], want[1], related=("related_case",))
    _same(got[2], want[2], related=("author_agency", "created_by"))
    _same(got[3], want[3], related=("owner", "case", "owning_agency"))
    assert [t.title for t in got[3]] == sorted((t.title for t in got[3]), reverse=True)
    _same(got[4], want[4], related=("created_by",))
    assert all(change.case is case for change in got[4])  # the related manager's case, not a query
    _same(got[5], want[5], related=("victim", "spoc"), annotations=("last_update_on",))
    assert got[5][0].last_update_on == dt.date.today() - dt.timedelta(days=3)
    _same(got[6], want[6], annotations=("parties_n",))
    assert [i.occurred_at for i in got[6]] == sorted(i.occurred_at for i in got[6])
    assert got[7] == [] == want[7]


def test_refuses_what_it_cannot_give_back(busy_case: Any) -> None:
    with pytest.raises(ValueError, match="prefetch_related"):
        fetch_together(Note.objects.prefetch_related("case"), Task.objects.all())
    with pytest.raises(ValueError, match="prefetch_related"):
        fetch_together(Note.objects.values("pk"), Task.objects.all())
    with pytest.raises(ValueError, match="distinct"):
        fetch_together(Note.objects.distinct(), Task.objects.all())
