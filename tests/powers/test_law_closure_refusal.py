"""The magistrates refuse a closure order, and the police or council that applied appeal the refusal
to the Crown Court (ASBCPA 2014 s.84(2)(a), (3)(a)) within 21 days beginning with the day of the
decision (s.84(5)); the notice may be continued for up to 48 hours on the refusal (s.81(2)); the
Crown Court may make the order (s.84(6), at most 3 months, s.80(6)). Both sides of every date and
hour boundary, on the services; the pages, the clock on the power page and the due list."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from csphub.audit.models import AuditEvent
from csphub.cases.models import Task, TaskStatus
from csphub.core.errors import ApplicationError
from csphub.powers import selectors, services
from csphub.powers.models import PowerUse
from csphub.powers.rules import Status
from tests.powers.test_law_closure import at, notice
from tests.powers.test_pages import errors_of, iso, make_setup, now, submit, today

pytestmark = pytest.mark.django_db

TASK = "powers.closure_order.refusal_appeal"


@pytest.fixture
def s(persona: Any, client_as: Any) -> Any:
    return make_setup(persona, client_as)


@pytest.fixture
def police(persona: Any, client_as: Any) -> Any:
    return make_setup(persona, client_as, username="police_caseworker")


def refused(s: Any, *, on: dt.datetime, capacity: str = "local_authority", **kw: Any) -> PowerUse:
    n = notice(s, served_at=on - dt.timedelta(hours=20), capacity=capacity)
    return services.closure_order_refuse(actor=s.officer, notice=n, refused_at=on, now=on, **kw)


def lodge(s: Any, order: PowerUse, lodged_on: dt.date) -> PowerUse:
    return services.closure_refusal_appeal_lodge(
        actor=s.officer, order=order, lodged_on=lodged_on, now=at(2026, 3, 31, 12)
    )


def test_s84_3_council_refusal_records_the_clock_and_a_task_due_on_day_21(s: Any) -> None:
    o = refused(s, on=at(2026, 1, 5, 11))
    assert o.status == Status.REFUSED and o.power == "closure_order" and o.court == "magistrates_court"
    assert o.appeal_deadline == dt.date(2026, 1, 25)  # 5 January is day 1; day 21 is 25 January
    assert o.parent is not None and o.parent.status == Status.ESCALATED
    task = Task.objects.get(source=TASK, linked_id=o.pk)
    assert task.due_on == dt.date(2026, 1, 25) and "the council appeals" in task.title
    # The hearing task of the notice is done: the hearing took place.
    assert not Task.objects.filter(
        source="powers.closure_notice.hearing", linked_id=o.parent.pk, status=TaskStatus.OPEN
    )
    assert AuditEvent.objects.filter(verb="closure_order.refused", target_id=str(o.pk)).count() == 1


def test_s84_3_appeal_on_day_22_is_refused_naming_the_last_day(s: Any) -> None:
    o = refused(s, on=at(2026, 1, 5, 11))
    with pytest.raises(
        ApplicationError, match=r"The time to appeal ended on 25 January 2026.*\(s\.84\(5\)\)"
    ):
        lodge(s, o, dt.date(2026, 1, 26))
    o.refresh_from_db()
    assert o.status == Status.REFUSED and "refusal_appeal" not in o.details


def test_s84_3_appeal_on_day_21_is_recorded_and_closes_the_task(s: Any) -> None:
    o = refused(s, on=at(2026, 1, 5, 11))
    appealed = lodge(s, o, dt.date(2026, 1, 25))
    assert appealed.status == Status.APPEALED and appealed.court == "crown_court"
    assert appealed.details["refusal_appeal"]["by"] == "the council"
    assert not Task.objects.filter(source=TASK, linked_id=o.pk, status=TaskStatus.OPEN)
    # The occupier's appeal services do not apply to it.
    with pytest.raises(ApplicationError, match="by the occupier"):
        services.closure_order_appeal_decide(
            actor=s.officer,
            order=appealed,
            outcome="upheld",
            decided_on=dt.date(2026, 2, 1),
            now=at(2026, 2, 2),
        )


def test_s84_2_police_refusal_is_appealed_by_the_police(police: Any) -> None:
    o = refused(police, on=at(2026, 1, 5, 11), capacity="inspector")
    assert "the police appeals" in Task.objects.get(source=TASK, linked_id=o.pk).title
    assert lodge(police, o, dt.date(2026, 1, 5)).details["refusal_appeal"]["by"] == "the police"


def test_s84_6_crown_court_makes_the_order_at_most_3_months_and_no_further_crown_court_appeal(s: Any) -> None:
    o = lodge(s, refused(s, on=at(2026, 1, 5, 11)), dt.date(2026, 1, 6))
    common = {"actor": s.officer, "order": o, "outcome": "granted", "decided_on": dt.date(2026, 1, 20)}
    with pytest.raises(ApplicationError, match="cannot last more than 3 months"):
        services.closure_refusal_appeal_decide(
            **common, ends_on=dt.date(2026, 4, 20), now=at(2026, 1, 20, 15)
        )
    made = services.closure_refusal_appeal_decide(
        **common, ends_on=dt.date(2026, 4, 19), now=at(2026, 1, 20, 15)
    )
    assert made.status == Status.GRANTED and made.appeal_deadline is None
    assert made.details["first_made_on"] == "2026-01-20" and made.details["ends_on"] == "2026-04-19"
    assert Task.objects.filter(source="powers.closure_order.expiry", linked_id=o.pk, status=TaskStatus.OPEN)
    with pytest.raises(ApplicationError, match="cannot be appealed to the Crown Court again"):
        services.closure_order_appeal_lodge(
            actor=s.officer,
            order=made,
            appellant="The tenant",
            lodged_on=dt.date(2026, 1, 21),
            now=at(2026, 1, 22),
        )


def test_s84_appeal_dismissed_the_refusal_stands_and_cannot_be_appealed_again(s: Any) -> None:
    o = lodge(s, refused(s, on=at(2026, 1, 5, 11)), dt.date(2026, 1, 6))
    dismissed = services.closure_refusal_appeal_decide(
        actor=s.officer, order=o, outcome="refused", decided_on=dt.date(2026, 1, 12), now=at(2026, 1, 12, 15)
    )
    assert dismissed.status == Status.REFUSED and dismissed.appeal_deadline is None
    assert dismissed.details["refusal_appeal"]["outcome"] == "refused"
    with pytest.raises(ApplicationError, match="already been appealed"):
        lodge(s, dismissed, dt.date(2026, 1, 13))


def test_after_a_refusal_the_magistrates_order_cannot_be_recorded_on_the_notice(s: Any) -> None:
    o = refused(s, on=at(2026, 1, 5, 11))
    assert o.parent is not None
    with pytest.raises(ApplicationError, match="only the Crown Court can now make it"):
        services.closure_order_grant(
            actor=s.officer,
            notice=o.parent,
            made_on=dt.date(2026, 1, 5),
            ends_on=dt.date(2026, 3, 1),
            now=at(2026, 1, 5, 12),
        )
    with pytest.raises(ApplicationError):
        services.closure_order_refuse(
            actor=s.officer, notice=o.parent, refused_at=at(2026, 1, 5, 11), now=at(2026, 1, 5, 12)
        )


def test_s81_2_notice_continued_on_refusal_48_hours_in_plain_hours(s: Any) -> None:
    decided = at(2026, 1, 5, 11)
    n = notice(s, served_at=decided - dt.timedelta(hours=20))
    with pytest.raises(ApplicationError, match="at most 48 hours"):
        services.closure_order_refuse(
            actor=s.officer,
            notice=n,
            refused_at=decided,
            continued_until=decided + dt.timedelta(hours=48, minutes=1),
            now=decided,
        )
    o = services.closure_order_refuse(
        actor=s.officer,
        notice=n,
        refused_at=decided,
        continued_until=decided + dt.timedelta(hours=48),
        now=decided,
    )
    n.refresh_from_db()
    assert n.ends_at == decided + dt.timedelta(hours=48) and n.status == Status.ESCALATED
    assert n.details["continuations"][-1]["adjourned_to"] is None
    assert o.status == Status.REFUSED


def test_refusal_is_not_before_service_nor_in_the_future(s: Any) -> None:
    served = at(2026, 1, 5, 9)
    n = notice(s, served_at=served)
    with pytest.raises(ApplicationError, match="before the notice was served"):
        services.closure_order_refuse(
            actor=s.officer, notice=n, refused_at=served - dt.timedelta(minutes=1), now=served
        )
    with pytest.raises(ApplicationError, match="now or in the past"):
        services.closure_order_refuse(
            actor=s.officer,
            notice=n,
            refused_at=served + dt.timedelta(hours=2),
            now=served + dt.timedelta(hours=1),
        )


def test_refusal_pages_clock_and_due_list(s: Any) -> None:
    """The notice page offers the refusal; the order's page shows the clock; the due list holds a
    refused order while it may be appealed; the appeal and the decision are recorded through pages."""
    n = notice(s, served_at=now() - dt.timedelta(hours=20))
    page = s.client.get(reverse("powers:detail", args=[n.pk])).content.decode()
    assert 'data-testid="record-closure-refusal"' in page
    url = reverse("powers:closure_order_refuse", args=[n.pk])
    decided = now() - dt.timedelta(hours=1)
    assert (
        submit(
            s.client, url, {"refused_at": f"{decided:%Y-%m-%dT%H:%M}", "note": "Not necessary"}
        ).status_code
        == 302
    )
    o = PowerUse.objects.get(parent=n, power="closure_order")
    last = decided.date() + dt.timedelta(days=20)  # the decision day is day 1
    left = (last - today()).days
    page = s.client.get(reverse("powers:detail", args=[o.pk])).content.decode()
    assert 'data-testid="refusal-appeal-clock"' in page
    assert f"until {last.day} {last:%B %Y}" in page and f"{left} days left" in page
    assert 'data-testid="record-refusal-appeal"' in page and 'data-testid="record-closure-appeal"' not in page
    assert o in selectors.powers_due_soon(s.officer, today=today(), within_days=21)
    # Appeal: tomorrow is refused, today is recorded.
    url = reverse("powers:closure_refusal_appeal", args=[o.pk])
    tomorrow = today() + dt.timedelta(days=1)
    body = errors_of(s.client.post(url, {"lodged_on": iso(tomorrow)}))
    assert "The date of the appeal must be today or in the past" in body
    assert submit(s.client, url, {"lodged_on": iso(today())}).status_code == 302
    o.refresh_from_db()
    assert o.status == Status.APPEALED
    page = s.client.get(reverse("powers:detail", args=[o.pk])).content.decode()
    assert "An appeal against the refusal is pending at the Crown Court" in page
    assert 'data-testid="record-refusal-appeal-decision"' in page
    assert 'data-testid="record-closure-appeal-decision"' not in page
    url = reverse("powers:closure_refusal_appeal_decision", args=[o.pk])
    ends = today() + dt.timedelta(days=60)
    assert (
        submit(
            s.client, url, {"outcome": "granted", "decided_on": iso(today()), "ends_on": iso(ends)}
        ).status_code
        == 302
    )
    o.refresh_from_db()
    assert o.status == Status.GRANTED and o.details["made_by_crown_court"] is True
    page = s.client.get(reverse("powers:detail", args=[o.pk])).content.decode()
    assert 'data-testid="record-closure-appeal"' not in page and 'data-testid="extend-order"' in page


def test_a_refused_order_leaves_the_due_list_when_its_time_to_appeal_has_ended(s: Any) -> None:
    o = refused(s, on=now() - dt.timedelta(days=21))
    assert o.appeal_deadline == today() - dt.timedelta(days=1)
    assert o not in selectors.powers_with_dates(s.officer)
    fresh = refused(s, on=now() - dt.timedelta(days=20))
    assert fresh.appeal_deadline == today()
    assert fresh in selectors.powers_with_dates(s.officer)
    page = s.client.get(reverse("powers:detail", args=[o.pk])).content.decode()
    assert "The time to appeal has ended" in page
    assert 'data-testid="record-refusal-appeal"' in page  # offered; the service names the last day
    body = errors_of(
        s.client.post(reverse("powers:closure_refusal_appeal", args=[o.pk]), {"lodged_on": iso(today())})
    )
    assert "The time to appeal ended on" in body
