"""Closure powers after the legal review, as services and pages (A.4, A.10): the extension of a
closure order with its authority and consultation (s.82), the extension notice (s.77(4)), the
cancellation or variation notice (s.78), the court's adjournment and continuation (s.81) and the
appeal to the Crown Court (s.84). Both sides of every date and hour boundary, on the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from csphub.audit.models import AuditEvent
from csphub.cases.models import Task, TaskStatus
from csphub.core.errors import ApplicationError
from csphub.powers import services
from csphub.powers.models import PowerUse
from csphub.powers.rules import UK_TZ, Status
from tests.powers.test_pages import errors_of, iso, make_setup, now, submit, today

pytestmark = pytest.mark.django_db

FMT = "%Y-%m-%dT%H:%M"


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=UK_TZ)


@pytest.fixture
def s(persona: Any, client_as: Any) -> Any:
    return make_setup(persona, client_as)


@pytest.fixture
def police(persona: Any, client_as: Any) -> Any:
    return make_setup(persona, client_as, username="police_caseworker")


def notice(s: Any, *, served_at: dt.datetime, capacity: str = "local_authority", hours: int = 24) -> PowerUse:
    return services.closure_notice_issue(
        actor=s.officer,
        case=s.case,
        premises=s.address,
        issuer_capacity=capacity,
        duration_hours=hours,
        senior_signoff=hours > 24,
        conduct="Drug dealing and disorder",
        served_at=served_at,
        residents_informed=True,
        excludes_residents_or_owner=False,
        hearing_details="Derby Magistrates' Court",
        now=served_at,
    )


def order(s: Any, *, made_on: dt.date, ends_on: dt.date, capacity: str = "local_authority") -> PowerUse:
    n = notice(
        s, served_at=at(made_on.year, made_on.month, made_on.day, 9) - dt.timedelta(days=1), capacity=capacity
    )
    return services.closure_order_grant(
        actor=s.officer,
        notice=n,
        made_on=made_on,
        ends_on=ends_on,
        now=at(made_on.year, made_on.month, made_on.day, 12),
    )


# ---------------------------------------------------------------- s.82 extension: authority, consultation


def test_s82_council_extension_needs_the_police_consulted_on_or_before_the_application(s: Any) -> None:
    o = order(s, made_on=dt.date(2026, 1, 5), ends_on=dt.date(2026, 3, 4))
    common = {
        "actor": s.officer,
        "order": o,
        "applied_on": dt.date(2026, 3, 1),
        "new_end": dt.date(2026, 5, 31),
    }
    later = at(2026, 3, 2, 12)
    with pytest.raises(
        ApplicationError,
        match=r"Record the consultation of the chief officer of police before applying \(s\.82\)",
    ):
        services.closure_order_extend(**common, now=later)
    # Consulted the day after the application: refused; on the day of the application: allowed.
    with pytest.raises(
        ApplicationError, match="The chief officer of police must be consulted before the application"
    ):
        services.closure_order_extend(
            **common, consulted="Derbyshire Constabulary", consulted_on=dt.date(2026, 3, 2), now=later
        )
    o.refresh_from_db()
    assert o.status == Status.GRANTED
    extended = services.closure_order_extend(
        **common, consulted="Derbyshire Constabulary", consulted_on=dt.date(2026, 3, 1), now=later
    )
    assert extended.status == Status.EXTENDED
    record = extended.details["extensions"][0]
    assert record["consulted"] == "Derbyshire Constabulary" and record["consulted_on"] == "2026-03-01"
    assert record["extended_on"] == "2026-03-01"
    # s.84: a new 21-day appeal period runs from the extension (1 March + 20 days).
    assert extended.appeal_deadline == dt.date(2026, 3, 21)


def test_s82_police_extension_needs_a_superintendents_authority(police: Any) -> None:
    o = order(police, made_on=dt.date(2026, 1, 5), ends_on=dt.date(2026, 3, 4), capacity="inspector")
    common = {
        "actor": police.officer,
        "order": o,
        "applied_on": dt.date(2026, 3, 1),
        "new_end": dt.date(2026, 5, 31),
        "consulted": "Amber Valley Borough Council",
        "consulted_on": dt.date(2026, 2, 27),
        "now": at(2026, 3, 2, 12),
    }
    with pytest.raises(ApplicationError, match="needs a superintendent's \\(or above\\) authority"):
        services.closure_order_extend(**common)
    with pytest.raises(ApplicationError, match="needs a superintendent's"):
        services.closure_order_extend(**common, authorised_by="inspector")
    extended = services.closure_order_extend(**common, authorised_by="superintendent")
    assert extended.details["extensions"][0]["authorised_by"] == "superintendent"


def test_s82_7_each_extension_at_most_three_months_on_the_service(s: Any) -> None:
    """A 1-month order extended by 5 months in one go (the review's probe) is refused."""
    o = order(s, made_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 1, 31))
    common = {
        "actor": s.officer,
        "order": o,
        "applied_on": dt.date(2026, 1, 20),
        "consulted": "Derbyshire Constabulary",
        "consulted_on": dt.date(2026, 1, 19),
        "now": at(2026, 1, 21, 12),
    }
    with pytest.raises(ApplicationError, match=r"Each extension can add at most 3 months \(s\.82\(7\)\)"):
        services.closure_order_extend(**common, new_end=dt.date(2026, 6, 30))
    with pytest.raises(ApplicationError, match="at most 3 months"):
        services.closure_order_extend(**common, new_end=dt.date(2026, 5, 1))
    assert services.closure_order_extend(**common, new_end=dt.date(2026, 4, 30)).status == Status.EXTENDED


def test_s82_the_court_cannot_extend_before_the_application_nor_in_the_future(s: Any) -> None:
    o = order(s, made_on=dt.date(2026, 1, 5), ends_on=dt.date(2026, 3, 4))
    common = {
        "actor": s.officer,
        "order": o,
        "applied_on": dt.date(2026, 3, 1),
        "new_end": dt.date(2026, 5, 31),
        "consulted": "Derbyshire Constabulary",
        "consulted_on": dt.date(2026, 3, 1),
        "now": at(2026, 3, 3, 12),
    }
    with pytest.raises(ApplicationError, match="before the application was made"):
        services.closure_order_extend(**common, extended_on=dt.date(2026, 2, 28))
    with pytest.raises(ApplicationError, match="must be today or in the past"):
        services.closure_order_extend(**common, extended_on=dt.date(2026, 3, 4))
    assert services.closure_order_extend(
        **common, extended_on=dt.date(2026, 3, 3)
    ).appeal_deadline == dt.date(2026, 3, 23)


# ---------------------------------------------------------------- s.84 appeal to the Crown Court


def test_s84_appeal_within_21_days_beginning_with_the_day_of_the_order(s: Any) -> None:
    o = order(s, made_on=dt.date(2026, 1, 5), ends_on=dt.date(2026, 4, 4))
    assert o.appeal_deadline == dt.date(2026, 1, 25)  # 5 January + 20 days
    late = dt.date(2026, 1, 26)
    with pytest.raises(ApplicationError, match=r"The time to appeal ended on 25 January 2026"):
        services.closure_order_appeal_lodge(
            actor=s.officer, order=o, appellant="The tenant", lodged_on=late, now=at(2026, 1, 27, 12)
        )
    with pytest.raises(ApplicationError, match="Say who is appealing"):
        services.closure_order_appeal_lodge(
            actor=s.officer, order=o, appellant=" ", lodged_on=dt.date(2026, 1, 25), now=at(2026, 1, 27, 12)
        )
    appealed = services.closure_order_appeal_lodge(
        actor=s.officer,
        order=o,
        appellant="The tenant",
        lodged_on=dt.date(2026, 1, 25),
        now=at(2026, 1, 27, 12),
    )
    assert appealed.status == Status.APPEALED and appealed.court == "crown_court"
    # While the appeal is pending the order can be neither extended nor discharged here.
    with pytest.raises(ApplicationError):
        services.closure_order_discharge(
            actor=s.officer, order=appealed, discharged_on=dt.date(2026, 1, 28), now=at(2026, 1, 28, 12)
        )
    # The decision: a variation may shorten, never lengthen; the day before the appeal is refused.
    with pytest.raises(ApplicationError, match="cannot make the order end later"):
        services.closure_order_appeal_decide(
            actor=s.officer,
            order=appealed,
            outcome="varied",
            decided_on=dt.date(2026, 2, 1),
            new_end=dt.date(2026, 4, 5),
            now=at(2026, 2, 2, 12),
        )
    with pytest.raises(ApplicationError, match="before the appeal was lodged"):
        services.closure_order_appeal_decide(
            actor=s.officer,
            order=appealed,
            outcome="upheld",
            decided_on=dt.date(2026, 1, 24),
            now=at(2026, 2, 2, 12),
        )
    varied = services.closure_order_appeal_decide(
        actor=s.officer,
        order=appealed,
        outcome="varied",
        decided_on=dt.date(2026, 2, 1),
        new_end=dt.date(2026, 4, 4),
        now=at(2026, 2, 2, 12),
    )
    assert varied.status == Status.VARIED and varied.details["ends_on"] == "2026-04-04"
    assert AuditEvent.objects.filter(verb="closure_order.appealed", target_id=str(o.pk)).count() == 1
    assert AuditEvent.objects.filter(verb="closure_order.varied", target_id=str(o.pk)).count() == 1


def test_s84_quashed_on_appeal_ends_the_order_and_its_expiry_task(s: Any) -> None:
    o = order(s, made_on=dt.date(2026, 1, 5), ends_on=dt.date(2026, 4, 4))
    services.closure_order_appeal_lodge(
        actor=s.officer, order=o, appellant="The owner", lodged_on=dt.date(2026, 1, 6), now=at(2026, 1, 6, 12)
    )
    quashed = services.closure_order_appeal_decide(
        actor=s.officer, order=o, outcome="quashed", decided_on=dt.date(2026, 1, 20), now=at(2026, 1, 20, 12)
    )
    assert quashed.status == Status.QUASHED
    assert not Task.objects.filter(
        source="powers.closure_order.expiry", linked_id=o.pk, status=TaskStatus.OPEN
    )


# ---------------------------------------------------------------- s.77(4) extension notice


def test_s77_4_extension_notice_up_to_24_hours_while_a_24_hour_notice_is_in_force(
    s: Any, police: Any
) -> None:
    served = at(2026, 2, 10, 18)
    n = notice(s, served_at=served)
    assert n.ends_at == at(2026, 2, 11, 18)
    common = {"actor": s.officer, "notice": n, "now": at(2026, 2, 11, 17)}
    with pytest.raises(ApplicationError, match=r"adds at most 24 hours \(s\.77\(4\)\)"):
        services.closure_extension_notice_issue(
            **common,
            issuer_capacity="la_chief_executive",
            extended_at=at(2026, 2, 11, 16),
            extension_hours=25,
        )
    with pytest.raises(ApplicationError, match="signed by the chief executive or designate"):
        services.closure_extension_notice_issue(
            **common, issuer_capacity="local_authority", extended_at=at(2026, 2, 11, 16), extension_hours=24
        )
    # Issued at the moment the notice ends: too late; a minute before: in time.
    with pytest.raises(ApplicationError, match="while the closure notice is in force"):
        services.closure_extension_notice_issue(
            actor=s.officer,
            notice=n,
            issuer_capacity="la_chief_executive",
            extended_at=at(2026, 2, 11, 18),
            extension_hours=24,
            now=at(2026, 2, 11, 18, 5),
        )
    extended = services.closure_extension_notice_issue(
        actor=s.officer,
        notice=n,
        issuer_capacity="la_chief_executive",
        extended_at=at(2026, 2, 11, 17, 59),
        extension_hours=24,
        now=at(2026, 2, 11, 18, 5),
    )
    assert extended.status == Status.EXTENDED and extended.ends_at == at(2026, 2, 12, 18)
    # Only once: the notice is no longer a 24-hour notice.
    with pytest.raises(ApplicationError, match="Only a 24-hour closure notice"):
        services.closure_extension_notice_issue(
            actor=s.officer,
            notice=extended,
            issuer_capacity="la_chief_executive",
            extended_at=at(2026, 2, 12, 10),
            extension_hours=1,
            now=at(2026, 2, 12, 10),
        )
    # A police notice needs a superintendent.
    pn = notice(police, served_at=served, capacity="inspector")
    with pytest.raises(ApplicationError, match="needs a superintendent or above"):
        services.closure_extension_notice_issue(
            actor=police.officer,
            notice=pn,
            issuer_capacity="la_chief_executive",
            extended_at=at(2026, 2, 11, 10),
            extension_hours=24,
            now=at(2026, 2, 11, 10),
        )


def test_s77_4_extension_hours_over_christmas_run_in_plain_hours(s: Any) -> None:
    n = notice(s, served_at=at(2025, 12, 24, 18))
    assert n.ends_at == at(2025, 12, 25, 18)  # A.1: a 24-hour notice does not disregard Christmas Day
    extended = services.closure_extension_notice_issue(
        actor=s.officer,
        notice=n,
        issuer_capacity="la_chief_executive",
        extended_at=at(2025, 12, 25, 12),
        extension_hours=24,
        now=at(2025, 12, 25, 12),
    )
    assert extended.ends_at == at(2025, 12, 26, 18)


# ---------------------------------------------------------------- s.78 cancellation and variation


def test_s78_variation_shortens_never_lengthens_and_cancellation_withdraws(s: Any) -> None:
    n = notice(s, served_at=at(2026, 2, 10, 18))
    common = {
        "actor": s.officer,
        "notice": n,
        "issuer_capacity": "local_authority",
        "now": at(2026, 2, 11, 9),
    }
    with pytest.raises(ApplicationError, match="cannot lengthen the closure notice"):
        services.closure_notice_change(
            **common,
            action="vary",
            changed_at=at(2026, 2, 11, 9),
            what_changed="Flat 2 only",
            new_ends_at=at(2026, 2, 11, 18, 1),
        )
    with pytest.raises(
        ApplicationError, match="council closure notice is cancelled or varied by the council"
    ):
        services.closure_notice_change(
            **(common | {"issuer_capacity": "constable"}),
            action="vary",
            changed_at=at(2026, 2, 11, 9),
            what_changed="Flat 2 only",
        )
    varied = services.closure_notice_change(
        **common,
        action="vary",
        changed_at=at(2026, 2, 11, 9),
        what_changed="Flat 2 only",
        new_ends_at=at(2026, 2, 11, 18),
    )
    assert varied.status == Status.VARIED and varied.ends_at == at(2026, 2, 11, 18)
    cancelled = services.closure_notice_change(
        **(common | {"notice": varied, "now": at(2026, 2, 11, 10)}),
        action="cancel",
        changed_at=at(2026, 2, 11, 10),
        what_changed="The occupier has left",
    )
    assert cancelled.status == Status.WITHDRAWN and cancelled.ends_at == at(2026, 2, 11, 10)
    assert not Task.objects.filter(
        source="powers.closure_notice.hearing", linked_id=n.pk, status=TaskStatus.OPEN
    )
    assert [c["change"] for c in cancelled.details["changes"]] == ["vary", "cancel"]


def test_s78_no_change_once_the_notice_has_ended(s: Any) -> None:
    n = notice(s, served_at=at(2026, 2, 10, 18))
    with pytest.raises(ApplicationError, match="The closure notice has ended"):
        services.closure_notice_change(
            actor=s.officer,
            notice=n,
            issuer_capacity="local_authority",
            action="cancel",
            changed_at=at(2026, 2, 11, 18),
            what_changed="Left",
            now=at(2026, 2, 11, 19),
        )


# ---------------------------------------------------------------- s.81 adjournment and continuation


def test_s81_adjournment_at_most_14_days_and_the_notice_continues_until_then(s: Any) -> None:
    n = notice(s, served_at=at(2026, 2, 10, 18))
    decided = at(2026, 2, 11, 11)
    common = {"actor": s.officer, "notice": n, "decided_at": decided, "now": at(2026, 2, 11, 12)}
    with pytest.raises(ApplicationError, match=r"at most 14 days \(s\.81\(3\)\)"):
        services.closure_notice_continue(
            **common, adjourned_to=dt.date(2026, 2, 26), continued_until=at(2026, 2, 26, 10)
        )
    with pytest.raises(ApplicationError, match="continues only until the adjourned hearing"):
        services.closure_notice_continue(
            **common, adjourned_to=dt.date(2026, 2, 25), continued_until=at(2026, 2, 26, 0, 1)
        )
    continued = services.closure_notice_continue(
        **common, adjourned_to=dt.date(2026, 2, 25), continued_until=at(2026, 2, 25, 17)
    )
    assert continued.status == Status.EXTENDED and continued.ends_at == at(2026, 2, 25, 17)
    # Once the court has continued the notice, an extension notice (s.77(4)) no longer applies.
    with pytest.raises(ApplicationError, match="Only a 24-hour closure notice"):
        services.closure_extension_notice_issue(
            actor=s.officer,
            notice=continued,
            issuer_capacity="la_chief_executive",
            extended_at=at(2026, 2, 11, 12, 30),
            extension_hours=2,
            now=at(2026, 2, 11, 12, 30),
        )
    open_hearings = Task.objects.filter(
        source="powers.closure_notice.hearing", linked_id=n.pk, status=TaskStatus.OPEN
    )
    assert [t.due_on for t in open_hearings] == [dt.date(2026, 2, 25)]
    # The order can still follow the continued notice.
    made = services.closure_order_grant(
        actor=s.officer,
        notice=continued,
        made_on=dt.date(2026, 2, 25),
        ends_on=dt.date(2026, 5, 24),
        now=at(2026, 2, 25, 15),
    )
    assert made.status == Status.GRANTED


def test_s81_2_no_order_continues_the_notice_at_most_48_hours(s: Any) -> None:
    n = notice(s, served_at=at(2026, 2, 10, 18))
    decided = at(2026, 2, 11, 11)
    common = {"actor": s.officer, "notice": n, "decided_at": decided, "now": at(2026, 2, 11, 12)}
    with pytest.raises(ApplicationError, match="at most 48 hours"):
        services.closure_notice_continue(
            **common, continued_until=decided + dt.timedelta(hours=48, minutes=1)
        )
    with pytest.raises(ApplicationError, match="before the notice was served"):
        services.closure_notice_continue(
            **(common | {"decided_at": at(2026, 2, 10, 17)}), continued_until=at(2026, 2, 11, 17)
        )
    continued = services.closure_notice_continue(**common, continued_until=decided + dt.timedelta(hours=48))
    assert continued.ends_at == at(2026, 2, 13, 11)


# ---------------------------------------------------------------- pages


def test_closure_pages_offer_and_record_each_step(s: Any) -> None:
    n = notice(s, served_at=now() - dt.timedelta(hours=2))
    page = s.client.get(reverse("powers:detail", args=[n.pk])).content.decode()
    for testid in ("record-extension-notice", "change-closure-notice", "record-continuation"):
        assert f'data-testid="{testid}"' in page, testid
    url = reverse("powers:closure_extension_notice", args=[n.pk])
    form = s.client.get(url).content.decode()
    assert "s.77(4)" in form
    data = {
        "issuer_capacity": "la_chief_executive",
        "extended_at": (now() - dt.timedelta(hours=1)).strftime(FMT),
    }
    body = errors_of(s.client.post(url, data | {"extension_hours": "25"}))
    assert "An extension notice adds at most 24 hours (s.77(4))" in body
    assert submit(s.client, url, data | {"extension_hours": "24"}).status_code == 302
    n.refresh_from_db()
    assert n.status == Status.EXTENDED
    # Once extended by a notice, the page explains instead of offering the form again.
    blocked = s.client.get(url).content.decode()
    assert 'data-testid="step-blocked"' in blocked and "Only a 24-hour closure notice" in blocked

    url = reverse("powers:closure_notice_change", args=[n.pk])
    assert "s.78" in s.client.get(url).content.decode()
    data = {
        "action": "cancel",
        "issuer_capacity": "local_authority",
        "changed_at": (now() - dt.timedelta(minutes=5)).strftime(FMT),
        "what_changed": "The occupier has left",
    }
    assert submit(s.client, url, data).status_code == 302
    n.refresh_from_db()
    assert n.status == Status.WITHDRAWN


def test_closure_order_appeal_pages_with_three_field_dates(s: Any) -> None:
    n = notice(s, served_at=now() - dt.timedelta(hours=30))
    o = services.closure_order_grant(
        actor=s.officer, notice=n, made_on=today(), ends_on=today() + dt.timedelta(days=60)
    )
    assert o.appeal_deadline == today() + dt.timedelta(days=20)
    page = s.client.get(reverse("powers:detail", args=[o.pk])).content.decode()
    assert 'data-testid="record-closure-appeal"' in page
    url = reverse("powers:closure_order_appeal", args=[o.pk])
    form = s.client.get(url).content.decode()
    assert 'name="lodged_on_day"' in form and "Crown Court" in form
    tomorrow = today() + dt.timedelta(days=1)
    data = {"appellant": "The tenant, Flat 3"}
    body = errors_of(
        s.client.post(
            url,
            data
            | {
                "lodged_on_day": tomorrow.day,
                "lodged_on_month": tomorrow.month,
                "lodged_on_year": tomorrow.year,
            },
        )
    )
    assert "The date of the appeal must be today or in the past" in body
    d = today()
    assert (
        submit(
            s.client,
            url,
            data | {"lodged_on_day": d.day, "lodged_on_month": d.month, "lodged_on_year": d.year},
        ).status_code
        == 302
    )
    o.refresh_from_db()
    assert o.status == Status.APPEALED
    url = reverse("powers:closure_order_appeal_decision", args=[o.pk])
    assert submit(s.client, url, {"outcome": "upheld", "decided_on": iso(today())}).status_code == 302
    o.refresh_from_db()
    assert o.status == Status.UPHELD
    # After a dismissed appeal the order can be extended again (s.82).
    page = s.client.get(reverse("powers:detail", args=[o.pk])).content.decode()
    assert 'data-testid="extend-order"' in page


# ---------------------------------------------------------------- s.80(3): the hearing stated in the notice


def test_s80_3_hearing_stated_in_the_notice_within_48_hours_christmas_not_counted() -> None:
    from csphub.powers import rules as r

    rules = r.rule_set("2014-act-2026-11")
    served = at(2025, 12, 24, 18)
    assert (
        r.closure_hearing_time_blockers(served_at=served, hearing_at=at(2025, 12, 27, 18), rules=rules) == []
    )
    assert r.closure_hearing_time_blockers(
        served_at=served, hearing_at=at(2025, 12, 27, 18, 1), rules=rules
    ) == [
        "The hearing must be within 48 hours of service (Christmas Day not counted): by 27 December 2025 at 18:00 "
        "(s.80(3))"
    ]
    assert r.closure_hearing_time_blockers(served_at=served, hearing_at=served, rules=rules) == [
        "The hearing must be after the notice is served"
    ]
    ordinary = at(2026, 2, 10, 9)
    assert (
        r.closure_hearing_time_blockers(served_at=ordinary, hearing_at=at(2026, 2, 12, 9), rules=rules) == []
    )
    assert r.closure_hearing_time_blockers(served_at=ordinary, hearing_at=at(2026, 2, 12, 9, 1), rules=rules)


def test_closure_notice_page_asks_when_the_hearing_is(s: Any) -> None:
    url = reverse("powers:closure_notice_new", args=[s.case.pk])
    served = now().replace(second=0, microsecond=0) - dt.timedelta(hours=1)
    data = {
        "premises": str(s.address.pk),
        "issuer_capacity": "local_authority",
        "conduct": "Drug dealing and disorder",
        "served_at": served.strftime(FMT),
        "duration_hours": "24",
        "residents_informed": "on",
        "hearing_details": "Derby Magistrates' Court",
    }
    late = served + dt.timedelta(hours=48, minutes=1)
    body = errors_of(s.client.post(url, data | {"hearing_at": late.strftime(FMT)}))
    assert "The hearing must be within 48 hours of service" in body
    assert not PowerUse.objects.filter(power="closure_notice").exists()
    hearing = served + dt.timedelta(hours=48)
    assert submit(s.client, url, data | {"hearing_at": hearing.strftime(FMT)}).status_code == 302
    notice_use = PowerUse.objects.get(power="closure_notice")
    letter = s.client.get(reverse("powers:letter", args=[notice_use.pk])).content.decode()
    assert 'data-testid="hearing-at"' in letter
