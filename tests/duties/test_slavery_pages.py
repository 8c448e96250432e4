"""Modern slavery pages through the test client: question → check (showing the route) → recorded;
the case page prompts it; the notification is recorded through its own check page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from csphub.cases import services as cases
from csphub.cases.models import PartyRole
from csphub.duties.models import NotificationStatus, SlaveryConcern
from csphub.people.services import person_create
from tests.versions import with_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(persona: Any, client_as: Any) -> Any:
    officer = persona("avbc_caseworker")
    victim = person_create(actor=officer, given_name="Vera", family_name="Slaverypage")
    now = timezone.now()
    incident = cases.incident_record(
        actor=officer,
        occurred_at=now - dt.timedelta(days=2),
        reported_at=now - dt.timedelta(days=1),
        channel="phone",
        asb_type="nuisance",
        category="other",
        description="Flat taken over by a dealer (cuckooing)",
        parties=[(victim, PartyRole.VICTIM)],
    )
    case = cases.case_open(actor=officer, incidents=[incident], summary="Cuckooing")
    return case, victim, client_as("avbc_caseworker")


def _date(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def test_case_page_prompts_the_duty_and_the_flow_records_an_anonymous_notification(setup: Any) -> None:
    case, victim, client = setup
    page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert 'data-testid="case-slavery-record"' in page
    url = reverse("duties:slavery_new") + f"?case={case.pk}"
    question = client.get(url)
    assert question.status_code == 200 and "Vera Slaverypage" in question.content.decode()
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    data = {
        "person": str(victim.pk),
        **_date("grounds_date", yesterday),
        "grounds": "Dealer living at the flat, Vera runs errands under threat",
        "exploitation": "criminal",
        "age_basis": "adult",
        "consent": "refused",
    }
    check = client.post(url, data)
    body = check.content.decode()
    assert check.status_code == 200 and 'data-testid="route-preview"' in body
    assert "Anonymous duty to notify" in body
    assert not SlaveryConcern.objects.exists()  # nothing is recorded before confirming
    done = client.post(url, {**data, "step": "confirm"})
    concern = SlaveryConcern.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse("duties:slavery_detail", args=[concern.pk])
    assert concern.case == case and concern.person == victim and concern.route == "anonymous_dtn"
    detail = client.get(done["Location"]).content.decode()
    assert 'data-testid="anonymous-note"' in detail
    home = client.get(reverse("frontend:home")).content.decode()
    assert 'data-testid="slavery-due"' in home and concern.reference in home  # the home panel
    tasks = client.get(reverse("cases:my_tasks")).content.decode()
    assert f"Make the modern slavery notification for {concern.reference}" in tasks  # the mandatory task

    notified_url = reverse("duties:slavery_notified", args=[concern.pk])
    answers = {**_date("notified_on", timezone.localdate()), "home_office_reference": "DTN-77"}
    answers = with_version(client, notified_url, answers)  # as the page was read
    assert "DTN-77" in client.post(notified_url, answers).content.decode()  # the check page
    client.post(notified_url, {**answers, "step": "confirm"})
    concern.refresh_from_db()
    assert concern.status == NotificationStatus.NOTIFIED and concern.home_office_reference == "DTN-77"
    listing = client.get(reverse("duties:slavery_list")).content.decode()
    assert 'data-testid="slavery-counts"' in listing


def test_bad_answers_are_shown_on_the_question_page_and_nothing_is_saved(setup: Any) -> None:
    case, _victim, client = setup
    url = reverse("duties:slavery_new") + f"?case={case.pk}"
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = client.post(
        url,
        {**_date("grounds_date", tomorrow), "grounds": "x", "exploitation": "labour", "age_basis": "adult"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in body
    assert "must be today or in the past" in body
    assert "Select whether they consent" in body
    assert not SlaveryConcern.objects.exists()


def test_an_unseen_case_cannot_be_used_to_raise_a_concern(setup: Any, client_as: Any) -> None:
    case, _, _ = setup
    response = client_as("police_caseworker").get(reverse("duties:slavery_new") + f"?case={case.pk}")
    assert response.status_code == 404
