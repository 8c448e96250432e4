"""Risk services on a real database: scoring stored, override rules, tasks, re-assessment signal."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from csphub.audit.models import AuditEvent
from csphub.cases import services as cases
from csphub.cases.models import PartyRole, Task, TaskStatus
from csphub.core.errors import ApplicationError
from csphub.people.services import person_create
from csphub.risk import services
from csphub.risk.models import Questionnaire, ReassessmentRequirement
from csphub.risk.rules import DASH_V1

pytestmark = pytest.mark.django_db
UTC = dt.UTC


@pytest.fixture
def setup(persona: Any) -> Any:
    officer = persona("avbc_caseworker")
    victim = person_create(actor=officer, given_name="Vera", family_name="Testvictim")
    now = dt.datetime.now(UTC)
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
    case = cases.case_open(actor=officer, incidents=[incident], summary="Harassment of Vera")
    return officer, case, victim


def asb() -> Questionnaire:
    return Questionnaire.objects.get(code="asb-victim", version=1)


def dash() -> Questionnaire:
    return Questionnaire.objects.get(code="dash", version=1)


def all_no(q: Questionnaire) -> dict[str, str]:
    return dict.fromkeys(q.questions.values_list("code", flat=True), "no")


def test_shipped_questionnaires_installed_by_migration() -> None:
    assert asb().questions.count() == 14
    assert dash().questions.count() == 24


def test_high_risk_indicator_creates_high_risk_panel_task(setup: Any) -> None:
    officer, case, victim = setup
    answers = {**all_no(asb()), "harm_threat": "yes"}
    a = services.assessment_complete(
        actor=officer, case=case, subject=victim, questionnaire=asb(), answers=answers
    )
    assert (a.total, a.computed_band, a.final_band) == (5, "high", "high")
    assert Task.objects.filter(case=case, source="risk.high_risk_panel").exists()
    assert AuditEvent.objects.filter(verb="risk_assessment.completed", target_id=str(a.pk)).exists()
    assert a.answers.count() == 14


def test_judgement_raises_with_reason_never_lowers(setup: Any) -> None:
    officer, case, victim = setup
    with pytest.raises(ApplicationError, match="reason"):
        services.assessment_complete(
            actor=officer,
            case=case,
            subject=victim,
            questionnaire=asb(),
            answers=all_no(asb()),
            judgement_band="medium",
        )
    a = services.assessment_complete(
        actor=officer,
        case=case,
        subject=victim,
        questionnaire=asb(),
        answers=all_no(asb()),
        judgement_band="medium",
        judgement_reason="Elderly, alone",
    )
    assert (a.computed_band, a.final_band) == ("standard", "medium")
    with pytest.raises(ApplicationError, match="cannot lower"):
        services.assessment_complete(
            actor=officer,
            case=case,
            subject=victim,
            questionnaire=asb(),
            answers={**all_no(asb()), "harm_threat": "yes"},
            judgement_band="standard",
            judgement_reason="x",
        )


def test_every_question_must_be_answered(setup: Any) -> None:
    officer, case, victim = setup
    answers = all_no(asb())
    answers.pop("repeat")
    with pytest.raises(ApplicationError, match="Don't know"):
        services.assessment_complete(
            actor=officer, case=case, subject=victim, questionnaire=asb(), answers=answers
        )


def test_dash_14_yes_marac_and_children_safeguarding(setup: Any) -> None:
    officer, case, victim = setup
    codes = [q.code for q in DASH_V1.questions]
    answers = {c: ("yes" if i < 14 else "dont_know") for i, c in enumerate(codes)}
    a = services.assessment_complete(
        actor=officer,
        case=case,
        subject=victim,
        questionnaire=dash(),
        answers=answers,
        children_present="yes",
        victim_16_or_over=True,
    )
    assert a.yes_count == 14 and a.dont_know_count == 10 and a.no_count == 0
    assert a.marac_refer and a.marac_criteria == ["visible_high_risk"] and a.marac_rules_version
    assert Task.objects.filter(case=case, source="risk.marac_referral").exists()
    assert Task.objects.filter(case=case, source="risk.safeguarding").exists()
    assert Task.objects.filter(case=case, source="risk.idva_offer").exists()
    # The recommendation alone is not a referral: a second assessment is no repeat (C.1) ...
    no_referral = services.assessment_evaluate(
        actor=officer,
        case=case,
        subject=victim,
        questionnaire=dash(),
        answers=dict.fromkeys(codes, "no"),
        children_present="no",
        victim_16_or_over=True,
    )
    assert no_referral.marac is not None and not no_referral.marac.refer
    # ... until the referral itself is recorded; then a second assessment within 12 months is a
    # repeat even below the threshold, and the referring agency sees the referral date.
    services.marac_referral_record(actor=officer, assessment=a, referred_on=dt.date.today())
    assert not Task.objects.filter(case=case, source="risk.marac_referral", status=TaskStatus.OPEN).exists()
    b = services.assessment_complete(
        actor=officer,
        case=case,
        subject=victim,
        questionnaire=dash(),
        answers=dict.fromkeys(codes, "no"),
        children_present="no",
        victim_16_or_over=True,
    )
    assert b.marac_refer and "repeat" in b.marac_criteria
    assert "within 12 months of the referral on" in b.marac_reasons


def test_dash_13_yes_with_dont_knows_no_referral_unless_judgement(setup: Any) -> None:
    officer, case, victim = setup
    codes = [q.code for q in DASH_V1.questions]
    answers = {c: ("yes" if i < 13 else "dont_know") for i, c in enumerate(codes)}
    a = services.assessment_complete(
        actor=officer,
        case=case,
        subject=victim,
        questionnaire=dash(),
        answers=answers,
        children_present="no",
        victim_16_or_over=True,
    )
    assert not a.marac_refer
    with pytest.raises(ApplicationError, match="reasons"):
        services.assessment_complete(
            actor=officer,
            case=case,
            subject=victim,
            questionnaire=dash(),
            answers=answers,
            children_present="no",
            marac_professional_judgement=True,
            victim_16_or_over=True,
        )


def test_new_incident_on_open_case_requires_reassessment(setup: Any) -> None:
    officer, case, victim = setup
    now = dt.datetime.now(UTC)
    second = cases.incident_record(
        actor=officer,
        occurred_at=now - dt.timedelta(hours=5),
        reported_at=now - dt.timedelta(hours=4),
        channel="phone",
        asb_type="personal",
        category="harassment",
        description="More threats",
        parties=[(victim, PartyRole.VICTIM)],
    )
    cases.case_add_incident(actor=officer, case=case, incident=second)
    req = ReassessmentRequirement.objects.get(case=case, incident=second)
    task = Task.objects.get(pk=req.task_id_ref)
    assert task.source == "risk.reassessment" and task.status == TaskStatus.OPEN
    a = services.assessment_complete(
        actor=officer, case=case, subject=victim, questionnaire=asb(), answers=all_no(asb())
    )
    req.refresh_from_db()
    task.refresh_from_db()
    assert req.satisfied_by == a and task.status == TaskStatus.DONE
