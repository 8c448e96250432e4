"""Bad input through the pages: GOV.UK error summary, "Error: " title, field messages, nothing saved."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from csphub.cases.models import Case, Document, Incident, Task
from csphub.people.models import Person
from tests.versions import BrowserLikeClient

pytestmark = pytest.mark.django_db


def _local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _incident_post(**overrides: Any) -> dict[str, Any]:
    now = timezone.now()
    data = {
        "occurred_at": _local(now - dt.timedelta(days=2)),
        "reported_at": _local(now - dt.timedelta(days=1)),
        "channel": "phone",
        "asb_type": "personal",
        "category": "noise",
        "description": "Music until 3am",
        "victim_given_name": "Sam",
        "victim_family_name": "Ashbrook",
    }
    data.update(overrides)
    return data


def _assert_error_page(response: Any, *messages: str) -> None:
    assert response.status_code == 200
    body = response.content.decode()
    assert "<title>Error: " in body
    assert "govuk-error-summary" in body and "There is a problem" in body
    for message in messages:
        assert message in body, message


def test_valid_incident_is_checked_then_recorded(client_as: Any) -> None:
    client = client_as("avbc_caseworker")
    # DESIGN §4.8: a check-answers page before the irreversible submit; nothing is saved yet.
    check = client.post(reverse("cases:incident_new"), _incident_post())
    page = check.content.decode()
    assert check.status_code == 200 and "Check the incident before you record it" in page
    assert "Music until 3am" in page and "Phone" in page and "Noise" in page  # labels, not codes
    assert 'name="step" value="change"' in page and 'name="step" value="confirm"' in page
    assert Incident.objects.count() == 0 and Person.objects.count() == 0
    # Change goes back to the question page with the answers.
    back = client.post(reverse("cases:incident_new"), {**_incident_post(), "step": "change"}).content.decode()
    assert "Record an incident" in back and 'value="Ashbrook"' in back
    assert Incident.objects.count() == 0
    response = client.post(reverse("cases:incident_new"), {**_incident_post(), "step": "confirm"})
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.parties.get().person.family_name == "Ashbrook"


def test_reported_before_occurred(client_as: Any) -> None:
    now = timezone.now()
    response = client_as("avbc_caseworker").post(
        reverse("cases:incident_new"),
        _incident_post(
            occurred_at=_local(now - dt.timedelta(days=1)), reported_at=_local(now - dt.timedelta(days=3))
        ),
    )
    _assert_error_page(
        response, "The date the incident was reported must be the same as or after the date it happened"
    )
    assert Incident.objects.count() == 0 and Person.objects.count() == 0


def test_future_dates(client_as: Any) -> None:
    future = timezone.now() + dt.timedelta(days=3)
    response = client_as("avbc_caseworker").post(
        reverse("cases:incident_new"), _incident_post(occurred_at=_local(future), reported_at=_local(future))
    )
    _assert_error_page(
        response,
        "The date the incident happened must be today or in the past",
        "The date the incident was reported must be today or in the past",
    )
    assert Incident.objects.count() == 0 and Person.objects.count() == 0


def test_missing_required_fields(client_as: Any) -> None:
    response = client_as("avbc_caseworker").post(reverse("cases:incident_new"), {})
    _assert_error_page(
        response,
        "Enter the date and time the incident happened",
        "Enter the date and time the incident was reported",
        "Select how the incident was reported",
        "Select the type of anti-social behaviour",
        "Select the category of anti-social behaviour",
        "Enter a description of what happened",
    )
    assert Incident.objects.count() == 0


def test_nonsense_values(client_as: Any) -> None:
    response = client_as("avbc_caseworker").post(
        reverse("cases:incident_new"),
        _incident_post(occurred_at="yesterday-ish", asb_type="criminal", latitude="53.05", uprn="ABC"),
    )
    _assert_error_page(
        response,
        "The date it happened must be a real date",
        "Select the type of anti-social behaviour",
        "Enter both latitude and longitude, or neither",
        "UPRN must be up to 12 digits",
    )
    assert Incident.objects.count() == 0


def test_point_outside_england_and_wales_saves_nothing(client_as: Any) -> None:
    response = client_as("avbc_caseworker").post(
        reverse("cases:incident_new"), _incident_post(latitude="48.85", longitude="2.35")
    )
    _assert_error_page(response, "The point must be in England or Wales")
    assert Incident.objects.count() == 0 and Person.objects.count() == 0


def test_case_open_and_close_need_answers(make_incident: Any, client_as: Any) -> None:
    incident = make_incident()
    client = client_as("avbc_caseworker")
    response = client.post(
        reverse("cases:case_open") + f"?incident={incident.pk}",
        {"incident": incident.pk, "summary": "", "asb_type": ""},
    )
    _assert_error_page(
        response, "Enter a short summary of the case", "Select the type of anti-social behaviour"
    )
    assert Case.objects.count() == 0
    response = client.post(
        reverse("cases:case_open"), {"incident": incident.pk, "summary": "Noise", "asb_type": "personal"}
    )
    case = Case.objects.get()
    assert response.status_code == 302
    client = BrowserLikeClient(client)  # the status form carries the case's version
    response = client.post(reverse("cases:case_status", args=[case.pk]), {"to_status": "closed"})
    _assert_error_page(response, "Enter the reason for closing the case")
    response = client.post(
        reverse("cases:case_status", args=[case.pk]), {"to_status": "closed", "reason": "Stopped"}
    )
    _assert_error_page(response, "Select the outcome of the case")
    case.refresh_from_db()
    assert case.status == "open"


def test_task_due_in_past(make_case: Any, client_as: Any, persona: Any) -> None:
    case = make_case()
    response = client_as("avbc_caseworker").post(
        reverse("cases:case_task_new", args=[case.pk]),
        {
            "title": "",
            "due_on": (timezone.localdate() - dt.timedelta(days=1)).isoformat(),
            "owner": persona("avbc_caseworker").pk,
        },
    )
    _assert_error_page(response, "Enter what needs to be done", "The due date must be today or in the future")
    assert Task.objects.count() == 0


class TestUploads:
    @pytest.fixture(autouse=True)
    def _media(self, settings: Any, tmp_path: Any) -> None:
        settings.PRIVATE_MEDIA_ROOT = tmp_path
        settings.CSPHUB_CASES = {"UPLOAD_MAX_BYTES": 1024}
        self.root = tmp_path

    def _post(self, client: Any, case: Any, name: str, data: bytes, title: str = "Evidence") -> Any:
        return client.post(
            reverse("cases:case_document_new", args=[case.pk]),
            {"title": title, "visibility": "agency", "file": SimpleUploadedFile(name, data)},
        )

    def _stored(self) -> list[Any]:
        """Stored evidence files (not the .incoming working folder, which must hold nothing)."""
        folder = self.root / "cases"
        if not folder.exists():
            return []
        assert not any((folder / ".incoming").glob("*"))
        return [p for p in folder.iterdir() if p.is_file()]

    def test_oversize(self, make_case: Any, client_as: Any) -> None:
        case = make_case()
        response = self._post(client_as("avbc_caseworker"), case, "big.pdf", b"%PDF-" + b"x" * 2000)
        _assert_error_page(response, "The selected file must be smaller than 1KB")
        assert Document.objects.count() == 0 and self._stored() == []

    def test_disallowed_type(self, make_case: Any, client_as: Any) -> None:
        case = make_case()
        response = self._post(client_as("avbc_caseworker"), case, "run.exe", b"MZ\x90\x00")
        _assert_error_page(response, "The selected file must be a ")
        assert Document.objects.count() == 0 and self._stored() == []

    def test_renamed_executable(self, make_case: Any, client_as: Any) -> None:
        case = make_case()
        response = self._post(client_as("avbc_caseworker"), case, "photo.jpg", b"MZ\x90\x00" * 10)
        _assert_error_page(response, "The selected file is not a real JPEG image")
        assert Document.objects.count() == 0 and self._stored() == []

    def test_missing_file_and_title(self, make_case: Any, client_as: Any) -> None:
        case = make_case()
        response = client_as("avbc_caseworker").post(
            reverse("cases:case_document_new", args=[case.pk]), {"title": "", "visibility": "agency"}
        )
        _assert_error_page(response, "Select a file", "Enter a title for the document")
        assert Document.objects.count() == 0

    def test_good_upload(self, make_case: Any, client_as: Any) -> None:
        case = make_case()
        response = self._post(client_as("avbc_caseworker"), case, "letter.pdf", b"%PDF-1.7 hello")
        assert response.status_code == 302
        assert Document.objects.get().size_bytes == len(b"%PDF-1.7 hello")
        assert len(self._stored()) == 1
