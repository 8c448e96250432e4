"""Issue 11 item 12: casework dates are the GOV.UK three-field pattern (day, month, year, and a time
where one is needed), matching their "For example, 27 3 2026" hints; no native date pickers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone

from csphub.cases.models import Incident, PanelKind, Task
from csphub.frontend.forms import GovukDateTimeField

pytestmark = pytest.mark.django_db


def _parts(prefix: str, day: dt.date, time: str | None = None) -> dict[str, str]:
    data = {f"{prefix}_day": str(day.day), f"{prefix}_month": str(day.month), f"{prefix}_year": str(day.year)}
    if time is not None:
        data[f"{prefix}_time"] = time
    return data


class _Form(forms.Form):
    when = GovukDateTimeField(label="When did it happen?")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("21:30", dt.time(21, 30)),
        ("9:30pm", dt.time(21, 30)),
        ("9.30 am", dt.time(9, 30)),
        ("midday", dt.time(12)),
    ],
)
def test_the_time_is_typed_as_people_write_it(typed: str, expected: dt.time) -> None:
    form = _Form(_parts("when", dt.date(2026, 3, 27), typed))
    assert form.is_valid(), form.errors
    moment = timezone.localtime(form.cleaned_data["when"])
    assert moment.date() == dt.date(2026, 3, 27) and moment.time() == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_parts("when", dt.date(2026, 3, 27)), "When did it happen? must include a time"),
        (_parts("when", dt.date(2026, 3, 27), "25:99"), "Enter the time like 21:30 or 9:30pm"),
        (
            {"when_day": "31", "when_month": "2", "when_year": "2026", "when_time": "10:00"},
            "must be a real date",
        ),
        ({"when_day": "", "when_month": "", "when_year": "", "when_time": ""}, "Enter when did it happen?"),
    ],
)
def test_date_and_time_errors_say_what_to_do(data: dict[str, str], message: str) -> None:
    form = _Form(data)
    assert not form.is_valid()
    assert message in form.errors["when"][0]


@pytest.mark.parametrize(
    ("url_name", "needs_case", "fields"),
    [
        ("cases:incident_new", False, ["occurred_at", "reported_at"]),
        ("cases:case_task_new", True, ["due_on"]),
        ("people:create", False, ["date_of_birth"]),
    ],
)
def test_casework_forms_ask_for_dates_in_three_fields(
    url_name: str, needs_case: bool, fields: list[str], make_case: Any, client_as: Any
) -> None:
    args = [make_case().pk] if needs_case else []
    page = client_as("avbc_caseworker").get(reverse(url_name, args=args)).content.decode()
    assert 'type="date"' not in page and 'type="datetime-local"' not in page
    for name in fields:
        for part in ("day", "month", "year"):
            assert f'name="{name}_{part}"' in page
        assert "For example, 2" in page  # the hint shows the same pattern


def test_an_incident_recorded_from_the_three_fields(client_as: Any) -> None:
    client = client_as("avbc_caseworker")
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    data = {
        **_parts("occurred_at", yesterday, "9:30pm"),
        **_parts("reported_at", yesterday, "22:05"),
        "channel": "phone",
        "asb_type": "personal",
        "category": "noise",
        "description": "Music after midnight",
    }
    check = client.post(reverse("cases:incident_new"), data).content.decode()
    assert "There is a problem" not in check
    client.post(reverse("cases:incident_new"), {**data, "step": "confirm"})
    incident = Incident.objects.get()
    happened = timezone.localtime(incident.occurred_at)
    assert happened.date() == yesterday and happened.time() == dt.time(21, 30)


def test_a_task_due_date_from_the_three_fields(make_case: Any, client_as: Any, persona: Any) -> None:
    case = make_case()
    due = timezone.localdate() + dt.timedelta(days=3)
    client_as("avbc_caseworker").post(
        reverse("cases:case_task_new", args=[case.pk]),
        {"title": "Visit", "owner": persona("avbc_caseworker").pk, **_parts("due_on", due)},
    )
    assert Task.objects.get(case=case).due_on == due


def test_a_meeting_time_from_the_three_fields(persona: Any, world: Any, client_as: Any) -> None:
    from csphub.cases import services

    panel = services.panel_create(
        actor=persona("avbc_team_manager"), name="Panel", kind=PanelKind.HIGH_RISK, agreement=world.asb_isa
    )
    client = client_as("avbc_team_manager")
    url = reverse("cases:meeting_new", args=[panel.pk])
    page = client.get(url).content.decode()
    assert 'name="held_at_time"' in page and 'type="datetime-local"' not in page
    day = timezone.localdate() + dt.timedelta(days=7)
    client.post(url, {**_parts("held_at", day, "10:00"), "attending_agencies": [world.agencies["police"].pk]})
    meeting = panel.meetings.get()
    assert timezone.localtime(meeting.held_at).time() == dt.time(10, 0)
