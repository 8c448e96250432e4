"""s.37 of the 2014 Act: items surrendered with a dispersal direction, and their return, as services
and pages (legal review A.11). Both sides of each time boundary are in test_rules_law.py; here the
record, the audit, the history and the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from csphub.audit.models import AuditEvent
from csphub.core.errors import ApplicationError
from csphub.powers import services
from csphub.powers.models import PowerEvent, PowerUse
from csphub.powers.rules import S36_EXCLUSIONS, Status
from tests.powers.test_pages import errors_of, make_setup, now, submit

pytestmark = pytest.mark.django_db

FMT = "%Y-%m-%dT%H:%M"


@pytest.fixture
def s(persona: Any, client_as: Any) -> Any:
    return make_setup(persona, client_as, username="police_caseworker")


def direction(s: Any, *, given: dt.datetime, hours: int = 12) -> PowerUse:
    authorisation = services.dispersal_authorise(
        actor=s.officer,
        case=s.case,
        issuer_capacity="inspector",
        locality="Ripley Market Place",
        grounds="Groups intimidating shoppers",
        starts_at=given - dt.timedelta(minutes=30),
        ends_at=given + dt.timedelta(hours=23),
        human_rights_considered="No protest planned",
        signed=True,
        now=given - dt.timedelta(minutes=30),
    )
    return services.dispersal_direction_give(
        actor=s.officer,
        authorisation=authorisation,
        recipient=s.adult,
        issuer_capacity="constable",
        given_at=given,
        excluded_until=given + dt.timedelta(hours=hours),
        in_writing=True,
        in_uniform=True,
        exclusions_checked=S36_EXCLUSIONS,
        now=given,
    )


def surrender(s: Any, d: PowerUse, at: dt.datetime, **over: Any) -> PowerUse:
    kw: dict[str, Any] = {
        "actor": s.officer,
        "direction": d,
        "surrendered_at": at,
        "items": "A speaker and two cans of lager",
        "belief": "Loud music and drinking aimed at shoppers",
        "collect_from": "Ripley police station front desk",
        "in_writing": True,
        "told_offence": True,
        "now": at,
    }
    return services.dispersal_items_surrender(**(kw | over))


def test_s37_surrender_recorded_with_history_and_audit_status_unchanged(s: Any) -> None:
    given = dt.datetime(2026, 6, 6, 21, 0, tzinfo=dt.UTC)
    d = direction(s, given=given)
    d = surrender(s, d, given + dt.timedelta(minutes=5))
    assert d.status == Status.ISSUED
    assert d.details["surrenders"][0]["items"] == "A speaker and two cans of lager"
    assert (
        AuditEvent.objects.filter(verb="dispersal_direction.items_surrendered", target_id=str(d.pk)).count()
        == 1
    )
    assert PowerEvent.objects.filter(power=d, note__startswith="Items surrendered (s.37)").exists()
    with pytest.raises(ApplicationError, match="Say where the person can collect"):
        surrender(s, d, given + dt.timedelta(minutes=6), collect_from=" ")


def test_s37_return_not_before_the_exclusion_ends_then_recorded(s: Any) -> None:
    given = dt.datetime(2026, 6, 6, 21, 0, tzinfo=dt.UTC)
    d = surrender(s, direction(s, given=given), given + dt.timedelta(minutes=5))
    end = given + dt.timedelta(hours=12)
    with pytest.raises(ApplicationError, match="not returned before the exclusion period ends"):
        services.dispersal_item_return(
            actor=s.officer,
            direction=d,
            returned_at=end - dt.timedelta(minutes=1),
            returned_to="Paul",
            now=end,
        )
    d = services.dispersal_item_return(
        actor=s.officer, direction=d, returned_at=end, returned_to="Paul", now=end
    )
    assert d.details["surrenders"][0]["returned_to"] == "Paul"
    assert (
        AuditEvent.objects.filter(verb="dispersal_direction.item_returned", target_id=str(d.pk)).count() == 1
    )
    with pytest.raises(ApplicationError, match="No surrendered items are waiting"):
        services.dispersal_item_return(
            actor=s.officer, direction=d, returned_at=end, returned_to="Paul", now=end
        )


def test_s37_no_surrender_once_the_direction_is_withdrawn(s: Any) -> None:
    given = dt.datetime(2026, 6, 6, 21, 0, tzinfo=dt.UTC)
    d = direction(s, given=given)
    d = services.power_withdraw(actor=s.officer, power=d, reason="Given in error")
    with pytest.raises(ApplicationError, match="while the dispersal direction runs"):
        surrender(s, d, given + dt.timedelta(minutes=5))


def test_s37_pages_surrender_and_return(s: Any) -> None:
    given = now().replace(second=0, microsecond=0) - dt.timedelta(hours=3)
    d = direction(s, given=given, hours=2)
    page = s.client.get(reverse("powers:detail", args=[d.pk])).content.decode()
    assert 'data-testid="record-surrender"' in page and 'data-testid="record-item-return"' not in page
    url = reverse("powers:dispersal_surrender", args=[d.pk])
    data = {
        "surrendered_at": (given + dt.timedelta(minutes=5)).strftime(FMT),
        "items": "A speaker",
        "belief": "Music aimed at shoppers",
        "collect_from": "Ripley police station",
        "told_offence": "on",
    }
    body = errors_of(s.client.post(url, data))
    assert "The direction to surrender must be in writing unless that is not reasonably practicable" in body
    assert submit(s.client, url, data | {"in_writing": "on"}).status_code == 302
    page = s.client.get(reverse("powers:detail", args=[d.pk])).content.decode()
    assert 'data-testid="surrenders"' in page and "A speaker" in page
    assert 'data-testid="record-item-return"' in page
    url = reverse("powers:dispersal_item_return", args=[d.pk])
    early = given + dt.timedelta(hours=1)
    body = errors_of(s.client.post(url, {"returned_at": early.strftime(FMT), "returned_to": "Paul"}))
    assert "not returned before the exclusion period ends" in body
    back = given + dt.timedelta(hours=2, minutes=30)
    assert (
        submit(s.client, url, {"returned_at": back.strftime(FMT), "returned_to": "Paul"}).status_code == 302
    )
    d.refresh_from_db()
    assert d.details["surrenders"][0]["returned_to"] == "Paul"
