"""B.6 (2023 ASB Action Plan): the person page flags a victim whose qualifying complaints reach the
Case Review threshold (s.104(4), (11): three complaints, each made within one month of the behaviour
and within the six months before the day). Both sides of the six-month boundary."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from csphub.casereviews import rules, services
from csphub.cases import services as cases
from csphub.cases.models import PartyRole
from csphub.people.services import person_create

pytestmark = pytest.mark.django_db


def _report(officer: Any, victim: Any, reported_on: dt.date) -> None:
    reported = timezone.make_aware(dt.datetime.combine(reported_on, dt.time(12)))
    cases.incident_record(
        actor=officer,
        occurred_at=reported - dt.timedelta(days=1),
        reported_at=reported,
        channel="phone",
        asb_type="personal",
        category="noise",
        description="Shouting at the door",
        parties=[(victim, PartyRole.VICTIM)],
        now=reported,
    )


def test_s104_threshold_flag_on_the_person_page_from_the_third_qualifying_complaint(
    persona: Any, client_as: Any
) -> None:
    officer = persona("avbc_caseworker")
    victim = person_create(actor=officer, given_name="Vic", family_name="Flagtest")
    today = timezone.localdate()
    earliest = rules.earliest_qualifying_complaint_date(today)
    # One complaint the day before the six-month window: it does not qualify.
    _report(officer, victim, earliest - dt.timedelta(days=1))
    _report(officer, victim, today - dt.timedelta(days=20))
    _report(officer, victim, today - dt.timedelta(days=10))
    flag = services.threshold_flag_for_person(actor=officer, person=victim)
    assert flag == {"reached": False, "qualifying": 2, "on": today}
    client = client_as("avbc_caseworker")
    page = client.get(reverse("people:detail", args=[victim.pk])).content.decode()
    assert 'data-testid="case-review-threshold-reached"' not in page
    # A complaint on the first day of the window qualifies: three, the threshold is reached.
    _report(officer, victim, earliest)
    flag = services.threshold_flag_for_person(actor=officer, person=victim)
    assert flag == {"reached": True, "qualifying": 3, "on": today}
    page = client.get(reverse("people:detail", args=[victim.pk])).content.decode()
    assert 'data-testid="case-review-threshold-reached"' in page and "3 qualifying complaints" in page


def test_the_flag_counts_only_incidents_the_viewer_may_see(persona: Any) -> None:
    officer = persona("avbc_caseworker")
    victim = person_create(actor=officer, given_name="Vic", family_name="Flagvisible")
    today = timezone.localdate()
    for days in (3, 6, 9):
        _report(officer, victim, today - dt.timedelta(days=days))
    assert services.threshold_flag_for_person(actor=officer, person=victim)["reached"] is True  # type: ignore[index]
    police = persona("police_caseworker")
    assert services.threshold_flag_for_person(actor=police, person=victim) is None
