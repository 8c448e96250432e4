"""Issue 11 item 1: the home page's "My casework" panel shows the caseworker's own figures."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from csphub.cases import services
from csphub.cases.models import Task

pytestmark = pytest.mark.django_db


def test_home_panel_counts_open_cases_and_overdue_tasks(make_case: Any, persona: Any, client_as: Any) -> None:
    worker = persona("avbc_caseworker")
    first = make_case(family="Ashbrook")
    make_case(family="Birchall")
    today = timezone.localdate()
    services.task_create(actor=worker, case=first, title="Ring the victim", owner=worker, due_on=today)
    for days in (1, 2):  # two overdue tasks (made in the past: the form refuses past dates)
        task = services.task_create(
            actor=worker, case=first, title=f"Late visit {days}", owner=worker, due_on=today
        )
        Task.objects.filter(pk=task.pk).update(due_on=today - dt.timedelta(days=days))

    page = client_as("avbc_caseworker").get(reverse("frontend:home")).content.decode()

    assert "2 open cases where you are the officer." in page
    assert "3 open tasks" in page
    assert "2 overdue" in page
    assert "Ring the victim" in page and first.reference in page


def test_home_panel_counts_every_task_not_only_those_listed(persona: Any, client_as: Any) -> None:
    worker = persona("avbc_caseworker")
    today = timezone.localdate()
    for i in range(12):  # the panel lists ten; the count and the overdue figure cover all twelve
        task = services.task_create(actor=worker, title=f"Chore {i}", owner=worker, due_on=today)
        Task.objects.filter(pk=task.pk).update(due_on=today - dt.timedelta(days=1))
    page = client_as("avbc_caseworker").get(reverse("frontend:home")).content.decode()
    assert "0 open cases where you are the officer." in page
    assert "12 open tasks" in page and "12 overdue" in page
