"""MARAC on a real database after the November 2026 review: the referral itself recorded (C.1), repeats
flagged when an incident is recorded, by any agency; Dash for victims 16+ and an IDVA offer (C.2); the
repeat reason hides another agency's referral date (C.3)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from csphub.agencies.services import share_record
from csphub.audit.models import AuditEvent
from csphub.cases import services as cases
from csphub.cases.models import PartyRole, Task, TaskStatus
from csphub.core.errors import ApplicationError
from csphub.people.services import person_create
from csphub.risk import services
from csphub.risk.models import MaracReferral, Questionnaire
from csphub.risk.rules import DASH_V1

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def _incident(actor: Any, *parties: tuple[Any, str], days_ago: int = 2) -> Any:
    """days_ago=0 is "at this moment", never a few minutes back: a test run just after midnight
    would otherwise record the incident on the day before a referral made "today"."""
    now = dt.datetime.now(UTC)
    occurred = now - dt.timedelta(days=days_ago, minutes=2) if days_ago else now
    reported = now - dt.timedelta(days=days_ago, minutes=1) if days_ago else now
    return cases.incident_record(
        actor=actor,
        occurred_at=occurred,
        reported_at=reported,
        channel="phone",
        asb_type="personal",
        category="harassment",
        description="Threats at the door",
        parties=list(parties),
    )


@pytest.fixture
def setup(persona: Any) -> Any:
    officer = persona("avbc_caseworker")
    victim = person_create(actor=officer, given_name="Vera", family_name="Testvictim")
    abuser = person_create(actor=officer, given_name="Pat", family_name="Testabuser")
    incident = _incident(officer, (victim, PartyRole.VICTIM), (abuser, PartyRole.ALLEGED_PERPETRATOR))
    case = cases.case_open(actor=officer, incidents=[incident], summary="Domestic abuse of Vera")
    return officer, case, victim, abuser


def _share_with_police(world: Any, officer: Any, *people: Any) -> None:
    for person in people:
        share_record(
            actor=officer,
            obj=person,
            agency=world.agencies["police"],
            agreement=world.asb_isa,
            reason="Joint DA case",
        )


def dash() -> Questionnaire:
    return Questionnaire.objects.get(code="dash", version=1)


def _high(officer: Any, case: Any, victim: Any) -> Any:
    codes = [q.code for q in DASH_V1.questions]
    return services.assessment_complete(
        actor=officer,
        case=case,
        subject=victim,
        questionnaire=dash(),
        answers=dict.fromkeys(codes, "yes"),
        children_present="no",
        victim_16_or_over=True,
    )


def test_dash_refused_for_a_victim_under_16_and_allowed_from_the_16th_birthday(setup: Any) -> None:
    officer, case, victim, _ = setup
    codes = [q.code for q in DASH_V1.questions]
    today = timezone.localdate()
    kw: dict[str, Any] = {
        "actor": officer,
        "case": case,
        "subject": victim,
        "questionnaire": dash(),
        "answers": dict.fromkeys(codes, "no"),
        "children_present": "no",
    }
    victim.date_of_birth = today.replace(year=today.year - 16) + dt.timedelta(days=1)
    victim.save()
    with pytest.raises(ApplicationError, match="child protection referral") as caught:
        services.assessment_evaluate(**kw, victim_16_or_over=True)
    assert caught.value.field == "victim_16_or_over"
    victim.date_of_birth = today.replace(year=today.year - 16)
    victim.save()
    assert services.assessment_evaluate(**kw).marac is not None
    victim.date_of_birth = None
    victim.save()
    with pytest.raises(ApplicationError, match="confirm they are 16 or over"):
        services.assessment_evaluate(**kw)


def test_high_risk_offers_an_idva_and_the_referral_is_recorded_with_its_meeting(setup: Any) -> None:
    officer, case, victim, abuser = setup
    a = _high(officer, case, victim)
    assert Task.objects.filter(case=case, source="risk.idva_offer", status=TaskStatus.OPEN).exists()
    today = timezone.localdate()
    with pytest.raises(ApplicationError, match="today or in the past"):
        services.marac_referral_record(actor=officer, assessment=a, referred_on=today + dt.timedelta(days=1))
    referral = services.marac_referral_record(
        actor=officer, assessment=a, referred_on=today, perpetrator=abuser, idva_offered=True
    )
    assert (referral.referred_on, referral.repeat, referral.idva_offered) == (today, False, True)
    assert referral.rules_version == "safelives-2026-11" or referral.rules_version == "safelives-2014"
    assert not Task.objects.filter(case=case, source="risk.marac_referral", status=TaskStatus.OPEN).exists()
    assert AuditEvent.objects.filter(verb="marac_referral.recorded", target_id=str(referral.pk)).exists()
    with pytest.raises(ApplicationError, match="outcome"):
        services.marac_referral_outcome_record(
            actor=officer, referral=referral, meeting_on=today, outcome=" "
        )
    with pytest.raises(ApplicationError, match="before the referral"):
        services.marac_referral_outcome_record(
            actor=officer, referral=referral, meeting_on=today - dt.timedelta(days=1), outcome="Safety plan"
        )
    services.marac_referral_outcome_record(
        actor=officer, referral=referral, meeting_on=today, outcome="Safety plan"
    )
    referral.refresh_from_db()
    assert (referral.meeting_on, referral.outcome) == (today, "Safety plan")
    # A second referral within 12 months is recorded as a repeat.
    again = services.marac_referral_record(actor=officer, assessment=a, referred_on=today, perpetrator=abuser)
    assert again.repeat


def test_a_further_incident_recorded_by_another_agency_flags_a_repeat(
    setup: Any, persona: Any, world: Any
) -> None:
    officer, case, victim, abuser = setup
    a = _high(officer, case, victim)
    services.marac_referral_record(
        actor=officer, assessment=a, referred_on=timezone.localdate(), perpetrator=abuser
    )
    _share_with_police(world, officer, victim, abuser)
    police = persona("police_caseworker")
    _incident(police, (victim, PartyRole.VICTIM), (abuser, PartyRole.ALLEGED_PERPETRATOR), days_ago=0)
    repeat = Task.objects.filter(case=case, source="risk.marac_repeat", status=TaskStatus.OPEN)
    assert repeat.count() == 1
    assert "within 12 months of the referral" in repeat.get().title
    # Another incident the same day does not add a second open task.
    _incident(police, (victim, PartyRole.VICTIM), days_ago=0)
    assert repeat.count() == 1


def test_an_incident_before_the_referral_or_with_another_victim_is_not_a_repeat(setup: Any) -> None:
    officer, case, victim, abuser = setup
    a = _high(officer, case, victim)
    services.marac_referral_record(
        actor=officer, assessment=a, referred_on=timezone.localdate(), perpetrator=abuser
    )
    _incident(officer, (victim, PartyRole.VICTIM), (abuser, PartyRole.ALLEGED_PERPETRATOR), days_ago=1)
    other = person_create(actor=officer, given_name="Olive", family_name="Other")
    _incident(officer, (other, PartyRole.VICTIM), (abuser, PartyRole.ALLEGED_PERPETRATOR), days_ago=0)
    assert not Task.objects.filter(source="risk.marac_repeat").exists()


def test_repeat_reason_hides_another_agencys_referral_date(setup: Any, persona: Any, world: Any) -> None:
    officer, case, victim, abuser = setup
    a = _high(officer, case, victim)
    services.marac_referral_record(
        actor=officer, assessment=a, referred_on=timezone.localdate(), perpetrator=abuser
    )
    assert MaracReferral.objects.count() == 1
    # The referring agency sees the date ...
    codes = [q.code for q in DASH_V1.questions]
    mine = services.assessment_evaluate(
        actor=officer,
        case=case,
        subject=victim,
        questionnaire=dash(),
        answers=dict.fromkeys(codes, "no"),
        children_present="no",
        victim_16_or_over=True,
    )
    assert mine.marac is not None and mine.marac.repeat
    assert any("referral on" in reason for reason in mine.marac.reasons)
    # ... another agency on its own case learns only that a referral was made in the last 12 months.
    _share_with_police(world, officer, victim)
    police = persona("police_caseworker")
    incident = _incident(police, (victim, PartyRole.VICTIM))
    police_case = cases.case_open(actor=police, incidents=[incident], summary="Police DA case")
    theirs = services.assessment_evaluate(
        actor=police,
        case=police_case,
        subject=victim,
        questionnaire=dash(),
        answers=dict.fromkeys(codes, "no"),
        children_present="no",
        victim_16_or_over=True,
    )
    assert theirs.marac is not None and theirs.marac.repeat
    assert theirs.marac.reasons == ("within 12 months of a previous MARAC referral",)


def test_escalation_counts_the_victims_incidents_on_any_case(setup: Any) -> None:
    officer, case, victim, abuser = setup
    _incident(officer, (victim, PartyRole.VICTIM), days_ago=5)
    _incident(officer, (victim, PartyRole.VICTIM), days_ago=6)
    _incident(officer, (abuser, PartyRole.VICTIM), days_ago=7)  # another victim: not counted
    assert len(services.victim_incident_dates(victim)) == 3
    codes = [q.code for q in DASH_V1.questions]
    evaluation = services.assessment_evaluate(
        actor=officer,
        case=case,
        subject=victim,
        questionnaire=dash(),
        answers=dict.fromkeys(codes, "no"),
        children_present="no",
        victim_16_or_over=True,
    )
    assert evaluation.marac is not None and evaluation.marac.potential_escalation
