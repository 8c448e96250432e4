"""Risk pages through the test client: questions → check answers (showing the band and MARAC
decision that will be recorded) → completed; bad input saves nothing; questionnaire versions
are listed read-only; the case page shows the case's assessments."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from csphub.cases import services as cases
from csphub.cases.models import PartyRole
from csphub.people.services import person_create
from csphub.risk.models import Assessment, Questionnaire

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(persona: Any, client_as: Any) -> Any:
    officer = persona("avbc_caseworker")
    victim = person_create(actor=officer, given_name="Vera", family_name="Riskpage")
    now = timezone.now()
    incident = cases.incident_record(
        actor=officer,
        occurred_at=now - dt.timedelta(days=2),
        reported_at=now - dt.timedelta(days=1),
        channel="phone",
        asb_type="personal",
        category="harassment",
        description="Threats at the door",
        parties=[(victim, PartyRole.VICTIM)],
    )
    case = cases.case_open(actor=officer, incidents=[incident], summary="Threats")
    return case, victim, client_as("avbc_caseworker")


def answers(q: Questionnaire, value: str = "no") -> dict[str, str]:
    return dict.fromkeys(q.questions.values_list("code", flat=True), value)


def test_asb_assessment_goes_through_check_answers_before_it_is_completed(setup: Any) -> None:
    case, victim, client = setup
    q = Questionnaire.objects.get(code="asb-victim", version=1)
    url = reverse("risk:assessment_new", args=[case.pk, q.pk])
    data = {"subject": str(victim.pk), **answers(q), "harm_threat": "yes"}
    check = client.post(url, data)
    body = check.content.decode()
    assert 'data-testid="band-preview"' in body and "High risk" in body
    assert "high-risk panel" in body
    assert not Assessment.objects.exists()

    changed = client.post(url, data | {"change": "yes"}).content.decode()
    assert "Continue" in changed and not Assessment.objects.exists()

    done = client.post(url, data | {"confirm": "yes"})
    assert done.status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.final_band == "high"


def test_dash_check_page_shows_the_marac_decision(setup: Any) -> None:
    case, victim, client = setup
    q = Questionnaire.objects.get(code="dash", version=1)
    url = reverse("risk:assessment_new", args=[case.pk, q.pk])
    data = {"subject": str(victim.pk), **answers(q, "yes"), "children_present": "no"}
    # The Dash is for victims aged 16 or over: unknown date of birth and no confirmation → error.
    refused = client.post(url, data).content.decode()
    assert "confirm they are 16 or over" in refused and 'data-testid="marac-preview"' not in refused
    data["victim_16_or_over"] = "on"
    body = client.post(url, data).content.decode()
    assert 'data-testid="marac-preview"' in body and "MARAC referral required" in body
    assert client.post(url, data | {"confirm": "yes"}).status_code == 302
    assert Assessment.objects.get().marac_refer is True


def test_lowering_the_band_is_refused_and_nothing_saved(setup: Any) -> None:
    case, victim, client = setup
    q = Questionnaire.objects.get(code="asb-victim", version=1)
    url = reverse("risk:assessment_new", args=[case.pk, q.pk])
    data = {
        "subject": str(victim.pk),
        **answers(q),
        "harm_threat": "yes",
        "judgement_band": "standard",
        "judgement_reason": "Seems fine",
    }
    for posted in (data, data | {"confirm": "yes"}):
        body = client.post(url, posted).content.decode()
        assert "<title>Error: " in body and "There is a problem" in body
    assert not Assessment.objects.exists()


def test_missing_answers_are_gov_uk_errors_and_nothing_saved(setup: Any) -> None:
    case, _victim, client = setup
    q = Questionnaire.objects.get(code="asb-victim", version=1)
    body = client.post(reverse("risk:assessment_new", args=[case.pk, q.pk]), {}).content.decode()
    assert "Choose who is being assessed" in body
    assert "Answer this question; choose &quot;Don&#x27;t know&quot; if you do not know" in body
    assert not Assessment.objects.exists()


def test_questionnaire_versions_are_listed_read_only(setup: Any) -> None:
    _case, _victim, client = setup
    body = client.get(reverse("risk:questionnaire_list")).content.decode()
    for q in Questionnaire.objects.all():
        assert q.title in body
    assert "In use" in body
    dash = Questionnaire.objects.get(code="dash", version=1)
    detail = client.get(reverse("risk:questionnaire_detail", args=[dash.pk])).content.decode()
    assert detail.count('class="govuk-table__row"') == 25  # header + 24 questions


def test_case_page_shows_assessments_and_start_links(setup: Any) -> None:
    case, victim, client = setup
    q = Questionnaire.objects.get(code="asb-victim", version=1)
    client.post(
        reverse("risk:assessment_new", args=[case.pk, q.pk]),
        {"subject": str(victim.pk), **answers(q), "confirm": "yes"},
    )
    body = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "Risk assessments" in body
    assert reverse("risk:detail", args=[Assessment.objects.get().pk]) in body
    assert reverse("risk:assessment_new", args=[case.pk, q.pk]) in body
