"""Permission-matrix rows for the risk pages (another agency's unshared case ⇒ 404)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.permission_matrix import OTHER_AGENCY_RECORD, STAFF_PAGE, Entry


def police_case_with_assessment(world: Any) -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    from csphub.cases import services as cases
    from csphub.cases.models import PartyRole
    from csphub.people.services import person_create
    from csphub.risk import services
    from csphub.risk.models import Questionnaire

    owner = get_user_model().objects.get(username="police_caseworker")
    now = dt.datetime.now(dt.UTC)
    victim = person_create(actor=owner, given_name="Matrix", family_name="Victim")
    incident = cases.incident_record(
        actor=owner,
        occurred_at=now - dt.timedelta(days=2),
        reported_at=now - dt.timedelta(days=1),
        channel="phone",
        asb_type="personal",
        category="harassment",
        description="Threats",
        parties=[(victim, PartyRole.VICTIM)],
    )
    case = cases.case_open(actor=owner, incidents=[incident], summary="Matrix case")
    questionnaire = Questionnaire.objects.get(code="asb-victim", version=1)
    answers = dict.fromkeys(questionnaire.questions.values_list("code", flat=True), "no")
    assessment = services.assessment_complete(
        actor=owner, case=case, subject=victim, questionnaire=questionnaire, answers=answers
    )
    return {"pk": assessment.pk, "case_pk": case.pk, "questionnaire_pk": questionnaire.pk}


def police_marac_referral(world: Any) -> dict[str, Any]:
    """A police case with a Dash assessment of a victim and a MARAC referral recorded from it."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from csphub.cases import services as cases
    from csphub.cases.models import PartyRole
    from csphub.people.services import person_create
    from csphub.risk import services
    from csphub.risk.models import Questionnaire

    owner = get_user_model().objects.get(username="police_caseworker")
    now = dt.datetime.now(dt.UTC)
    victim = person_create(actor=owner, given_name="Marac", family_name="Example-Matrix")
    incident = cases.incident_record(
        actor=owner,
        occurred_at=now - dt.timedelta(days=2),
        reported_at=now - dt.timedelta(days=1),
        channel="phone",
        asb_type="personal",
        category="harassment",
        description="Threats",
        parties=[(victim, PartyRole.VICTIM)],
    )
    case = cases.case_open(actor=owner, incidents=[incident], summary="Matrix DA case")
    dash = Questionnaire.objects.get(code="dash", version=1)
    answers = dict.fromkeys(dash.questions.values_list("code", flat=True), "yes")
    assessment = services.assessment_complete(
        actor=owner,
        case=case,
        subject=victim,
        questionnaire=dash,
        answers=answers,
        children_present="no",
        victim_16_or_over=True,
    )
    referral = services.marac_referral_record(
        actor=owner, assessment=assessment, referred_on=timezone.localdate()
    )
    return {"assessment": assessment.pk, "referral": referral.pk}


def _case(world: Any) -> dict[str, Any]:
    return {"case_pk": police_case_with_assessment(world)["case_pk"]}


def _new(world: Any) -> dict[str, Any]:
    made = police_case_with_assessment(world)
    return {"case_pk": made["case_pk"], "questionnaire_pk": made["questionnaire_pk"]}


def _assessment(world: Any) -> dict[str, Any]:
    return {"pk": police_case_with_assessment(world)["pk"]}


def _questionnaire(world: Any) -> dict[str, Any]:
    from csphub.risk.models import Questionnaire

    return {"pk": Questionnaire.objects.get(code="asb-victim", version=1).pk}


MATRIX: dict[str, Entry] = {
    "risk:questionnaire_list": Entry(expect=STAFF_PAGE, why="configuration, no personal data"),
    "risk:questionnaire_detail": Entry(make=_questionnaire, expect=STAFF_PAGE, why="configuration"),
    "risk:case_assessments": Entry(make=_case, expect=OTHER_AGENCY_RECORD),
    "risk:assessment_new": Entry(make=_new, expect=OTHER_AGENCY_RECORD),
    "risk:detail": Entry(make=_assessment, expect=OTHER_AGENCY_RECORD),
    "risk:marac_referral_new": Entry(
        make=lambda world: {"pk": police_marac_referral(world)["assessment"]}, expect=OTHER_AGENCY_RECORD
    ),
    "risk:marac_outcome": Entry(
        make=lambda world: {"pk": police_marac_referral(world)["referral"]}, expect=OTHER_AGENCY_RECORD
    ),
}
