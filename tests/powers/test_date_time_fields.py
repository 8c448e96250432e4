"""Issue 11 item 12: the powers' dates and times are the GOV.UK date input (day, month, year) with a
time field, not a native ``datetime-local`` picker; the clock-change checks the old field had
(a time in the hour the clocks go forward is refused, one in the hour they go back is the first
of the two) are kept; errors are in GOV.UK words and the summary links to the input at fault."""

from __future__ import annotations

import datetime as dt
import inspect
from typing import Any

import pytest
from django import forms
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from csphub.frontend.forms import GovukFormMixin
from csphub.powers import forms as power_forms
from csphub.powers import services
from csphub.powers.forms import datetime_field
from csphub.powers.rules import S36_EXCLUSIONS, Status
from tests.powers.test_pages import errors_of, make_setup, now, submit

UTC = dt.UTC


class _Form(GovukFormMixin, forms.Form):
    given_at = datetime_field("Given at", required_message="Enter when the direction was given")


def _parts(name: str, day: dt.date, time: str) -> dict[str, str]:
    return {
        f"{name}_day": str(day.day),
        f"{name}_month": str(day.month),
        f"{name}_year": str(day.year),
        f"{name}_time": time,
    }


def _clean(time: str, day: dt.date) -> _Form:
    with timezone.override("Europe/London"):
        form = _Form(_parts("given_at", day, time))
        form.is_valid()
    return form


SPRING = dt.date(2026, 3, 29)  # the clocks go forward at 01:00 GMT to 02:00 BST
AUTUMN = dt.date(2026, 10, 25)  # the clocks go back at 02:00 BST to 01:00 GMT


@pytest.mark.parametrize(
    ("day", "time", "utc"),
    [
        (SPRING, "00:59", dt.datetime(2026, 3, 29, 0, 59, tzinfo=UTC)),  # before the gap: GMT
        (SPRING, "02:00", dt.datetime(2026, 3, 29, 1, 0, tzinfo=UTC)),  # after the gap: BST
        (AUTUMN, "00:59", dt.datetime(2026, 10, 24, 23, 59, tzinfo=UTC)),  # BST
        (AUTUMN, "01:00", dt.datetime(2026, 10, 25, 0, 0, tzinfo=UTC)),  # happens twice: the first, BST
        (AUTUMN, "1:30am", dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
        (AUTUMN, "01:59", dt.datetime(2026, 10, 25, 0, 59, tzinfo=UTC)),
        (AUTUMN, "02:00", dt.datetime(2026, 10, 25, 2, 0, tzinfo=UTC)),  # GMT
    ],
)
def test_every_local_time_that_happened_is_recorded(day: dt.date, time: str, utc: dt.datetime) -> None:
    form = _clean(time, day)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["given_at"].astimezone(UTC) == utc


@pytest.mark.parametrize("time", ["01:00", "01:30", "1:59am", "01:59"])
def test_a_time_in_the_hour_the_clocks_go_forward_is_refused_with_the_reason(time: str) -> None:
    form = _clean(time, SPRING)
    assert not form.is_valid()
    message = form.errors["given_at"][0]
    assert "29 March 2026 because the clocks went forward an hour" in message
    assert form.errors.as_data()["given_at"][0].code == "nonexistent"


def test_a_single_posted_value_in_the_gap_is_refused_too() -> None:
    with timezone.override("Europe/London"):
        form = _Form({"given_at": "2026-03-29T01:30"})
        assert not form.is_valid()
    assert "There was no 01:30 on 29 March 2026" in form.errors["given_at"][0]


@pytest.mark.parametrize(
    ("data", "message", "anchor"),
    [
        ({}, "Enter when the direction was given", "id_given_at_day"),
        (
            {**_parts("given_at", dt.date(2026, 6, 1), ""), "given_at_month": ""},
            "The date and time the direction was given must include a month and time",
            "id_given_at_month",
        ),
        (
            _parts("given_at", dt.date(2026, 6, 1), ""),
            "The date and time the direction was given must include a time",
            "id_given_at_time",
        ),
        (
            {**_parts("given_at", dt.date(2026, 6, 1), "10:00"), "given_at_day": "31"},
            "The date the direction was given must be a real date",
            "id_given_at_day",
        ),
        (
            {**_parts("given_at", dt.date(2026, 6, 1), "10:00"), "given_at_year": "26"},
            "Year must include 4 numbers",
            "id_given_at_year",
        ),
        (
            _parts("given_at", dt.date(2026, 6, 1), "25:99"),
            "Enter the time like 21:30 or 9:30pm",
            "id_given_at_time",
        ),
        (_parts("given_at", SPRING, "01:30"), "the clocks went forward an hour", "id_given_at_time"),
    ],
)
def test_errors_are_in_govuk_words_and_link_to_the_input_at_fault(
    data: dict[str, str], message: str, anchor: str
) -> None:
    with timezone.override("Europe/London"):
        form = _Form(
            data or {"given_at_day": "", "given_at_month": "", "given_at_year": "", "given_at_time": ""}
        )
        assert not form.is_valid()
    assert message in form.errors["given_at"][0]
    summary = render_to_string("frontend/components/error_summary.html", {"form": form})
    assert f'href="#{anchor}"' in summary
    assert f'id="{anchor}"' in str(form["given_at"])  # the link leads to an input that exists


def _every_powers_form() -> list[forms.Form]:
    made = []
    for name in power_forms.__all__:
        cls = getattr(power_forms, name)
        if not (inspect.isclass(cls) and issubclass(cls, forms.BaseForm)) or cls.__name__.startswith("_"):
            continue
        needs = inspect.signature(cls.__init__).parameters
        kwargs: dict[str, Any] = {
            k: ([] if k != "outcomes" else ()) for k, p in needs.items() if p.kind is p.KEYWORD_ONLY
        }
        made.append(cls(**kwargs))
    return made


def test_no_powers_form_asks_for_a_date_with_a_native_picker() -> None:
    made = _every_powers_form()
    assert len(made) > 30
    asked_with_time = 0
    for form in made:
        for bound in form:
            html = str(bound)
            assert 'type="datetime-local"' not in html and 'type="date"' not in html, (type(form), bound.name)
            assert not isinstance(bound.field.widget, forms.DateInput | forms.DateTimeInput)
            if f'name="{bound.name}_time"' in html:
                asked_with_time += 1
                for part in ("day", "month", "year"):
                    assert f'name="{bound.name}_{part}"' in html
                assert "For example, 27 3 2026 and 21:30 or 9:30pm" in bound.help_text
    assert asked_with_time >= 18  # the 18 date-and-time questions of the powers forms


@pytest.mark.django_db
def test_a_dispersal_variation_from_the_three_fields_and_the_time(persona: Any, client_as: Any) -> None:
    s = make_setup(persona, client_as, username="police_caseworker")
    start = now().replace(second=0, microsecond=0) - dt.timedelta(hours=2)
    authorisation = services.dispersal_authorise(
        actor=s.officer,
        case=s.case,
        issuer_capacity="inspector",
        locality="Ripley Market Place",
        grounds="Groups intimidating shoppers",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=24),
        human_rights_considered="No protest planned",
        signed=True,
    )
    given = start + dt.timedelta(minutes=30)
    direction = services.dispersal_direction_give(
        actor=s.officer,
        authorisation=authorisation,
        recipient=s.adult,
        issuer_capacity="constable",
        given_at=given,
        excluded_until=given + dt.timedelta(hours=12),
        in_writing=True,
        in_uniform=True,
        exclusions_checked=S36_EXCLUSIONS,
    )
    url = reverse("powers:dispersal_direction_vary", args=[direction.pk])
    page = s.client.get(url).content.decode()
    assert 'type="datetime-local"' not in page
    for part in ("day", "month", "year", "time"):
        assert f'name="varied_at_{part}"' in page and f'name="excluded_until_{part}"' in page

    varied = timezone.localtime(now().replace(second=0, microsecond=0) - dt.timedelta(minutes=5))
    until = timezone.localtime(given + dt.timedelta(hours=20))
    data = {
        "issuer_capacity": "constable",
        **_parts("varied_at", varied.date(), f"{varied:%H:%M}"),
        **_parts("excluded_until", until.date(), ""),
        "in_writing": "on",
    }
    body = errors_of(s.client.post(url, data))
    assert "The date and time the exclusion now ends must include a time" in body
    assert 'href="#id_excluded_until_time"' in body

    data["excluded_until_time"] = f"{until:%H:%M}"
    assert submit(s.client, url, data).status_code == 302
    direction.refresh_from_db()
    assert direction.status == Status.VARIED and direction.ends_at == until
