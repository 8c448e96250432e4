"""The minor observations of the security review (note 25) that were still open on main.

- A local time in the hour the clocks go back could not be recorded ("may be ambiguous").
- Postcodes were not checked (``<b>zz</b>`` was stored as ``<B>ZZ< /B>``).
- A Case Review date in the year 0001 was accepted.
- ``agreements_in_force_for`` and the policy's shares disagreed about an agreement with an end date
  in the future.
(The 60 × "a" secret key is in ``tests/core/test_settings.py``; TRACE, ``?next=`` and the
password change in ``test_sign_in_trust.py``; the OpenAPI schema in ``tests/api``.)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone

from csphub.agencies.models import InformationSharingAgreement
from csphub.agencies.selectors import agreements_in_force_for
from csphub.core.errors import ApplicationError
from csphub.frontend.forms import GovukDateField, GovukDateTimeField
from csphub.people.models import Address
from csphub.people.services import address_create, is_postcode

UTC = dt.UTC


# --- the hour the clocks go back (and forward) ----------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "utc"),
    [
        # 25 October 2026, clocks go back at 02:00 BST to 01:00 GMT: 01:00-01:59 happen twice.
        ("2026-10-25T00:59", dt.datetime(2026, 10, 24, 23, 59, tzinfo=UTC)),  # before: BST
        ("2026-10-25T01:00", dt.datetime(2026, 10, 25, 0, 0, tzinfo=UTC)),  # twice: the first
        ("2026-10-25T01:30", dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
        ("2026-10-25T01:59", dt.datetime(2026, 10, 25, 0, 59, tzinfo=UTC)),
        ("2026-10-25T02:00", dt.datetime(2026, 10, 25, 2, 0, tzinfo=UTC)),  # after: GMT
        # 29 March 2026, clocks go forward at 01:00 GMT to 02:00 BST.
        ("2026-03-29T00:59", dt.datetime(2026, 3, 29, 0, 59, tzinfo=UTC)),
        ("2026-03-29T02:00", dt.datetime(2026, 3, 29, 1, 0, tzinfo=UTC)),
    ],
)
def test_every_local_time_that_happened_can_be_recorded(typed: str, utc: dt.datetime) -> None:
    with timezone.override("Europe/London"):
        value = GovukDateTimeField(label="When").clean(typed)
    assert value is not None and value.astimezone(UTC) == utc


@pytest.mark.parametrize("typed", ["2026-03-29T01:00", "2026-03-29T01:30", "2026-03-29T01:59"])
def test_a_time_that_never_happened_is_refused_with_the_reason(typed: str) -> None:
    with timezone.override("Europe/London"), pytest.raises(forms.ValidationError) as refused:
        GovukDateTimeField(label="When").clean(typed)
    assert "the clocks went forward an hour" in str(refused.value)


def test_nonsense_is_still_refused_as_before() -> None:
    with pytest.raises(forms.ValidationError) as refused:
        GovukDateTimeField(label="When").clean("25 Octember")
    assert refused.value.code == "invalid"


@pytest.mark.django_db
def test_an_incident_in_the_repeated_hour_is_recorded(client_as: Any) -> None:
    from csphub.cases.models import Incident

    client = client_as("avbc_caseworker")
    answers = {
        "occurred_at": "2025-10-26T01:30",  # the repeated hour of 2025
        "reported_at": "2025-10-26T09:00",
        "channel": "phone",
        "asb_type": "personal",
        "category": "noise",
        "description": "Shouting in the street",
    }
    check = client.post(reverse("cases:incident_new"), answers)
    assert check.status_code == 200 and "may be ambiguous" not in check.content.decode()
    assert client.post(reverse("cases:incident_new"), answers | {"step": "confirm"}).status_code == 302
    incident = Incident.objects.get(description="Shouting in the street")
    assert incident.occurred_at == dt.datetime(2025, 10, 26, 0, 30, tzinfo=UTC)


# --- postcodes -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "good", ["DE5 3ZZ", "de55 3qz", "DE553QZ", "W1A 1AA", "M1 1AE", "EC1A 1BB", "GIR 0AA"]
)
def test_real_postcodes_are_accepted(good: str) -> None:
    assert is_postcode(good)


@pytest.mark.parametrize("bad", ["<b>zz</b>", "ZZ", "DE5", "12345", "DE5 3Z", "DE5 ZZZ", "DE5 3ZZZ"])
def test_other_text_is_not_a_postcode(bad: str) -> None:
    assert not is_postcode(bad)


@pytest.mark.django_db
def test_an_address_with_a_made_up_postcode_is_refused(persona: Any) -> None:
    actor = persona("avbc_caseworker")
    with pytest.raises(ApplicationError, match="Enter a real postcode"):
        address_create(actor=actor, line_1="1 Test Row", postcode="<b>zz</b>")
    assert not Address.objects.filter(line_1="1 Test Row").exists()
    assert address_create(actor=actor, line_1="2 Test Row", postcode="de5 3zz").postcode == "DE5 3ZZ"


@pytest.mark.django_db
def test_the_incident_form_says_the_postcode_is_wrong(client_as: Any) -> None:
    now = timezone.localtime()
    response = client_as("avbc_caseworker").post(
        reverse("cases:incident_new"),
        {
            "occurred_at": (now - dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
            "reported_at": (now - dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "channel": "phone",
            "asb_type": "personal",
            "category": "noise",
            "description": "Music",
            "address_line_1": "3 Test Row",
            "address_postcode": "<b>zz</b>",
        },
    )
    assert "Enter a real postcode, like DE5 3ZZ" in response.content.decode()
    assert not Address.objects.filter(line_1="3 Test Row").exists()


# --- dates in the year 0001 ----------------------------------------------------------------------


@pytest.mark.parametrize(("year", "ok"), [("0001", False), ("1899", False), ("1900", True), ("2026", True)])
def test_a_date_before_1900_is_refused(year: str, ok: bool) -> None:
    field = GovukDateField(label="Date the behaviour started")
    if ok:
        assert field.clean(["1", "3", year]) == dt.date(int(year), 3, 1)
    else:
        with pytest.raises(forms.ValidationError, match="Year must be 1900 or later"):
            field.clean(["1", "3", year])


# --- which agreements are in force ---------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("ends_in_days", "in_force"), [(None, True), (1, True), (0, True), (-1, False)])
def test_an_agreement_is_in_force_until_the_day_it_ends_everywhere(
    world: Any, ends_in_days: int | None, in_force: bool
) -> None:
    agreement = InformationSharingAgreement.objects.get(reference="AV-ISA-ASB-01")
    today = timezone.localdate()
    agreement.ended_on = None if ends_in_days is None else today + dt.timedelta(days=ends_in_days)
    agreement.save(update_fields=["ended_on"])
    listed = agreement in agreements_in_force_for(world.agencies["avbc"])
    assert listed is in_force
    assert agreement.is_in_force(today) is in_force  # the model's own reading agrees
