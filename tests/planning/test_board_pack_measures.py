"""The quarterly board pack's repeat victims (under the repeat-victim rule, not merely cases with three
or more incidents), Case Review service levels met, and each duty register's count in the quarter
(issue 13). Each figure is checked against a count made here independently; the pack's PDF is tagged."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from csphub.agencies.models import Partnership
from csphub.planning.board import selectors, services
from csphub.planning.board.selectors.packs import _registers
from tests.casereviews.conftest import application_data, area
from tests.planning.test_plan import _inflated

__all__ = ["application_data", "area"]

pytestmark = pytest.mark.django_db

Q4 = (dt.date(2024, 10, 1), dt.date(2024, 12, 31))


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def test_repeat_victims_follow_the_rule_and_service_levels_are_counted(
    world: Any, persona: Any, area: Any, application_data: Any
) -> None:
    from csphub.casereviews.models import Application
    from csphub.casereviews.services import application_submit
    from csphub.cases import services as cases
    from csphub.people.services import person_create

    officer = persona("avbc_caseworker")

    def victim_of(name: str, *incidents: tuple[dt.date, str]) -> None:
        person = person_create(actor=officer, given_name=name, family_name="Victim")
        for day, asb_type in incidents:
            cases.incident_record(
                actor=officer, occurred_at=_at(day), reported_at=_at(day) + dt.timedelta(hours=2),
                channel="phone", asb_type=asb_type, category="noise", description="Shouting",
                parties=[(person, "victim")],
            )  # fmt: skip

    p = "personal"
    # The default rule: 3 similar (same ASB type) incidents within 3 months.
    victim_of("Ann", (dt.date(2024, 10, 2), p), (dt.date(2024, 10, 10), p), (dt.date(2024, 10, 20), p))  # yes
    victim_of("Bob", (dt.date(2024, 8, 20), p), (dt.date(2024, 9, 10), p), (dt.date(2024, 10, 5), p))  # yes
    victim_of("Cat", (dt.date(2024, 10, 2), p), (dt.date(2024, 10, 3), "nuisance"),
              (dt.date(2024, 10, 4), "environmental"))  # fmt: skip  # not similar: no
    victim_of(
        "Dan", (dt.date(2024, 5, 1), p), (dt.date(2024, 9, 1), p), (dt.date(2024, 11, 1), p)
    )  # too spread
    victim_of(
        "Eve", (dt.date(2024, 9, 1), p), (dt.date(2024, 9, 2), p), (dt.date(2024, 9, 3), p)
    )  # before Q4
    victim_of(
        "Fay", (dt.date(2024, 12, 30), p), (dt.date(2024, 12, 31), p), (dt.date(2025, 1, 1), p)
    )  # after

    def apply(received: dt.date, **done: Any) -> None:
        data = application_data(received_on=received, behaviour_first_on=received - dt.timedelta(days=60),
                                behaviour_last_on=received - dt.timedelta(days=2))  # fmt: skip
        application = application_submit(actor=None, area=area, **data)
        Application.objects.filter(pk=application.pk).update(**done)

    # Received Monday 7 October 2024: acknowledge by 14 October, decide the threshold by 28 October.
    apply(dt.date(2024, 10, 7), acknowledged_on=dt.date(2024, 10, 14), threshold_met=False,
          threshold_decided_on=dt.date(2024, 10, 28), status="closed")  # fmt: skip  # met
    apply(dt.date(2024, 10, 7), acknowledged_on=dt.date(2024, 10, 9))  # threshold never decided: late
    apply(dt.date(2024, 12, 30))  # still within its time on 31 December: met so far
    apply(dt.date(2024, 9, 30))  # the quarter before: not counted

    figures = selectors.board_figures(
        persona("avbc_partnership_coordinator"), start=Q4[0], end=Q4[1], today=dt.date(2025, 1, 5)
    )
    casework = figures["casework"]
    assert casework["repeat_victims"] == 2  # Ann and Bob
    assert casework["repeat_victim_rule"] == "3 or more similar incidents within 3 months"
    received = [a for a in Application.objects.all() if Q4[0] <= a.received_on <= Q4[1]]
    assert len(received) == 3
    assert casework["case_review_service_levels"] == {"met": 2, "received": 3, "percent": 67}


def test_the_registers_counts_in_the_quarter_equal_an_independent_count(world: Any) -> None:
    from csphub.duties import demo, demo_partnership
    from csphub.duties.models import ChannelCase, DomesticHomicideReview, PreventReferral, SlaveryConcern

    demo.load_demo()
    demo_partnership.load_partnership_demo()
    partnership = Partnership.objects.get(code="E22000037").pk
    # Move the records of each register to the first and last day of the quarter, then just outside it.
    edges = (Q4[0], Q4[1], Q4[0] - dt.timedelta(days=1), Q4[1] + dt.timedelta(days=1))
    for model, field in (
        (SlaveryConcern, "notified_on"),
        (PreventReferral, "referred_on"),
        (ChannelCase, "first_panel_on"),
        (DomesticHomicideReview, "decided_on"),
        (DomesticHomicideReview, "published_on"),
    ):
        rows = list(model.objects.filter(partnership_id=partnership).order_by("pk"))
        for row, day in zip(rows, edges, strict=False):
            model.objects.filter(pk=row.pk).update(**{field: day})

    def inside(day: dt.date | None) -> bool:
        return day is not None and Q4[0] <= day <= Q4[1]

    mine = [r for r in DomesticHomicideReview.objects.all() if r.partnership_id == partnership]
    expected = [
        sum(inside(r.notified_on) for r in SlaveryConcern.objects.all() if r.partnership_id == partnership),
        sum(inside(r.referred_on) for r in PreventReferral.objects.all() if r.partnership_id == partnership),
        sum(inside(r.first_panel_on) for r in ChannelCase.objects.all() if r.partnership_id == partnership),
        sum(inside(r.decided_on) for r in mine if r.decision == "conduct"),
        sum(inside(r.published_on) for r in mine),
    ]
    counts = [n for _label, n in _registers(*Q4, [partnership])]
    assert counts == expected
    assert counts[1] > 0  # the demo's Prevent referrals (moved into the quarter) are counted
    other = Partnership.objects.get(code="E22000038").pk
    assert [n for _label, n in _registers(*Q4, [other])] == [
        sum(inside(r.notified_on) for r in SlaveryConcern.objects.filter(partnership_id=other)),
        sum(inside(r.referred_on) for r in PreventReferral.objects.filter(partnership_id=other)),
        sum(inside(r.first_panel_on) for r in ChannelCase.objects.filter(partnership_id=other)),
        sum(inside(r.decided_on) for r in DomesticHomicideReview.objects.filter(partnership_id=other, decision="conduct")),
        sum(inside(r.published_on) for r in DomesticHomicideReview.objects.filter(partnership_id=other)),
    ]  # fmt: skip


def test_the_pack_shows_them_and_its_pdf_is_tagged(world: Any, persona: Any, client_as: Any) -> None:
    pack = services.board_pack_generate(
        actor=persona("avbc_partnership_coordinator"), quarter="2024-Q4", today=dt.date(2025, 1, 5)
    )
    assert {"repeat_victims", "case_review_service_levels"} <= set(pack.figures["casework"])
    assert len(pack.figures["registers"]) == 5
    client = client_as("avbc_partnership_coordinator")
    page = client.get(reverse("planning:pack_detail", args=[pack.pk])).content.decode()
    assert 'data-testid="pack-repeat-victims"' in page and 'data-testid="pack-registers"' in page
    assert "Prevent referrals made" in page
    pdf = client.get(reverse("planning:pack_pdf", args=[pack.pk])).content
    assert b"/StructTreeRoot" in _inflated(pdf) and b"/Marked true" in _inflated(pdf)
