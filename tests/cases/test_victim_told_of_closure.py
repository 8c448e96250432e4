"""D.3 (ASB statutory guidance, 2025: the victim is told when and why their case is closed): closing
a case with a victim records that they were told, or sets a task to tell them; the page records it
later. Both sides of each date boundary (the day the case opened, today)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from csphub.audit.models import AuditEvent
from csphub.cases import rules, services
from csphub.cases.models import CaseStatus, Task, TaskStatus
from csphub.core.errors import ApplicationError

OPENED = dt.date(2026, 3, 1)
TODAY = dt.date(2026, 4, 10)


def test_victim_told_dates_from_the_day_the_case_opened_to_today() -> None:
    ok = {"how": "phone", "opened_on": OPENED, "today": TODAY}
    assert rules.victim_told_problems(told_on=OPENED, **ok) == []
    assert rules.victim_told_problems(told_on=TODAY, **ok) == []
    assert rules.victim_told_problems(told_on=OPENED - dt.timedelta(days=1), **ok) == [
        rules.Problem("victim_told_on", "The victim cannot have been told before the case was opened")
    ]
    assert rules.victim_told_problems(told_on=TODAY + dt.timedelta(days=1), **ok) == [
        rules.Problem("victim_told_on", "The date the victim was told must be today or in the past")
    ]
    assert rules.victim_told_problems(told_on=None, **ok) == [
        rules.Problem("victim_told_on", "Enter the date the victim was told")
    ]
    assert rules.victim_told_problems(told_on=TODAY, how="carrier pigeon", opened_on=OPENED, today=TODAY) == [
        rules.Problem("victim_told_how", "Select how the victim was told")
    ]
    assert set(rules.VICTIM_TOLD_HOW) == {"phone", "letter", "email", "in_person"}


@pytest.mark.django_db
def test_closing_without_telling_sets_a_task_then_the_page_records_it(
    make_case: Any, persona: Any, client_as: Any
) -> None:
    case = make_case()
    officer = persona("avbc_caseworker")
    services.case_change_status(
        actor=officer, case=case, to_status=CaseStatus.CLOSED, reason="Neighbour moved", outcome="resolved"
    )
    task = Task.objects.get(case=case, source="cases.victim_told_of_closure")
    assert task.status == TaskStatus.OPEN and task.due_on == timezone.localdate()
    client = client_as("avbc_caseworker")
    page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert 'data-testid="victim-told"' in page and 'data-testid="record-victim-told"' in page
    url = reverse("cases:case_victim_told", args=[case.pk])
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    body = client.post(
        url,
        {
            "victim_told_on_day": tomorrow.day,
            "victim_told_on_month": tomorrow.month,
            "victim_told_on_year": tomorrow.year,
            "victim_told_how": "phone",
        },
    ).content.decode()
    assert "The date the victim was told must be today or in the past" in body
    today = timezone.localdate()
    response = client.post(
        url,
        {
            "victim_told_on_day": today.day,
            "victim_told_on_month": today.month,
            "victim_told_on_year": today.year,
            "victim_told_how": "phone",
        },
    )
    assert response.status_code == 302
    closure = case.status_changes.get(to_status=CaseStatus.CLOSED)
    assert closure.victim_told_on == today and closure.victim_told_how == "phone"
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    assert AuditEvent.objects.filter(verb="case.victim_told_of_closure", target_id=str(case.pk)).count() == 1
    page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "by phone" in page and 'data-testid="record-victim-told"' not in page


@pytest.mark.django_db
def test_closing_having_told_the_victim_records_it_and_sets_no_task(make_case: Any, persona: Any) -> None:
    case = make_case()
    officer = persona("avbc_caseworker")
    opened = timezone.localdate(case.opened_at)
    with pytest.raises(ApplicationError, match="before the case was opened"):
        services.case_change_status(
            actor=officer,
            case=case,
            to_status=CaseStatus.CLOSED,
            reason="Resolved",
            outcome="resolved",
            victim_told_on=opened - dt.timedelta(days=1),
            victim_told_how="letter",
        )
    case.refresh_from_db()
    assert case.status != CaseStatus.CLOSED
    services.case_change_status(
        actor=officer,
        case=case,
        to_status=CaseStatus.CLOSED,
        reason="Resolved",
        outcome="resolved",
        victim_told_on=opened,
        victim_told_how="letter",
    )
    assert case.status_changes.get(to_status=CaseStatus.CLOSED).victim_told_how == "letter"
    assert not Task.objects.filter(case=case, source="cases.victim_told_of_closure").exists()


@pytest.mark.django_db
def test_the_victim_told_page_is_only_for_a_closed_case(make_case: Any, client_as: Any) -> None:
    case = make_case()
    assert (
        client_as("avbc_caseworker").get(reverse("cases:case_victim_told", args=[case.pk])).status_code == 404
    )
