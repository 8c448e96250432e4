"""The MARAC referral pages (C.1): the referral itself is recorded from the Dash assessment (date,
alleged perpetrator, IDVA offer), then the meeting and its outcome; a further referral within 12
months of the last one is a repeat (SafeLives), both sides of the 12-month boundary."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from csphub.audit.models import AuditEvent
from csphub.cases.models import Task, TaskStatus
from csphub.risk import services
from csphub.risk.models import MaracReferral, Questionnaire
from tests.risk.test_services_marac import _high, setup  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _parts(name: str, d: dt.date) -> dict[str, str]:
    return {f"{name}_day": str(d.day), f"{name}_month": str(d.month), f"{name}_year": str(d.year)}


def _submit(client: Any, url: str, data: dict[str, Any]) -> Any:
    check = client.post(url, data)
    body = check.content.decode()
    assert check.status_code == 200 and "There is a problem" not in body, body[
        body.find("There is a problem") :
    ][:600]
    assert 'name="step" value="confirm"' in body
    return client.post(url, {**data, "step": "confirm"})


def test_marac_referral_and_outcome_recorded_through_the_pages(setup: Any, client_as: Any) -> None:  # noqa: F811
    officer, case, victim, abuser = setup
    assessment = _high(officer, case, victim)
    client = client_as("avbc_caseworker")
    page = client.get(reverse("risk:detail", args=[assessment.pk])).content.decode()
    assert 'data-testid="record-marac-referral"' in page
    url = reverse("risk:marac_referral_new", args=[assessment.pk])
    form = client.get(url).content.decode()
    assert 'name="referred_on_day"' in form and "Pat Testabuser" in form
    today = timezone.localdate()
    # Tomorrow is refused; today is recorded.
    body = client.post(url, _parts("referred_on", today + dt.timedelta(days=1))).content.decode()
    assert "The referral date must be today or in the past" in body
    assert not MaracReferral.objects.exists()
    response = _submit(
        client, url, _parts("referred_on", today) | {"perpetrator": str(abuser.pk), "idva_offered": "on"}
    )
    assert response.status_code == 302 and response.url == reverse("risk:detail", args=[assessment.pk])
    referral = MaracReferral.objects.get()
    assert referral.referred_on == today and referral.perpetrator_id == abuser.pk
    assert referral.idva_offered and not referral.repeat
    assert AuditEvent.objects.filter(verb="marac_referral.recorded", target_id=str(referral.pk)).count() == 1
    # The "Refer to MARAC" task of the assessment is done.
    assert not Task.objects.filter(
        source="risk.marac_referral", linked_id=assessment.pk, status=TaskStatus.OPEN
    ).exists()

    page = client.get(reverse("risk:detail", args=[assessment.pk])).content.decode()
    assert 'data-testid="marac-referrals"' in page and 'data-testid="record-marac-outcome"' in page
    url = reverse("risk:marac_outcome", args=[referral.pk])
    body = client.post(
        url, _parts("meeting_on", today - dt.timedelta(days=1)) | {"outcome": "Safety plan"}
    ).content.decode()
    assert "The meeting cannot be before the referral" in body
    assert (
        _submit(
            client, url, _parts("meeting_on", today) | {"outcome": "Safety plan; police markers"}
        ).status_code
        == 302
    )
    referral.refresh_from_db()
    assert referral.meeting_on == today and referral.outcome == "Safety plan; police markers"
    page = client.get(reverse("risk:detail", args=[assessment.pk])).content.decode()
    assert "Safety plan; police markers" in page and 'data-testid="record-marac-outcome"' not in page


def test_repeat_referral_within_12_months_of_the_last_one(setup: Any, client_as: Any) -> None:  # noqa: F811
    """SafeLives: a referral within 12 months of the last referral of the same victim (and
    perpetrator) is a repeat; a year and a day later it is not."""
    officer, case, victim, abuser = setup
    assessment = _high(officer, case, victim)
    today = timezone.localdate()
    first_on = today - dt.timedelta(days=400)
    assessment.assessed_at = timezone.now() - dt.timedelta(days=401)
    assessment.save(update_fields=["assessed_at"])
    services.marac_referral_record(
        actor=officer, assessment=assessment, referred_on=first_on, perpetrator=abuser
    )
    later = services.marac_referral_record(
        actor=officer, assessment=assessment, referred_on=today, perpetrator=abuser
    )
    assert later.repeat is False  # more than 12 months after the first
    again = services.marac_referral_record(
        actor=officer, assessment=assessment, referred_on=today, perpetrator=abuser
    )
    assert again.repeat is True


def test_marac_pages_are_not_offered_for_an_asb_assessment(setup: Any, client_as: Any) -> None:  # noqa: F811
    officer, case, victim, _ = setup
    questionnaire = Questionnaire.objects.get(code="asb-victim", version=1)
    answers = dict.fromkeys(questionnaire.questions.values_list("code", flat=True), "no")
    asb = services.assessment_complete(
        actor=officer, case=case, subject=victim, questionnaire=questionnaire, answers=answers
    )
    client = client_as("avbc_caseworker")
    page = client.get(reverse("risk:detail", args=[asb.pk])).content.decode()
    assert 'data-testid="record-marac-referral"' not in page
    assert client.get(reverse("risk:marac_referral_new", args=[asb.pk])).status_code == 404
