"""Demo risk assessments on the cases' demo cases (idempotent: one per case, victim and
questionnaire): an ASB victim assessment for each open case with a victim, and a DASH checklist
on the first one whose answers meet the MARAC threshold (the referral and, with children
present, the safeguarding task are created by the service)."""

from __future__ import annotations

import random

from django.contrib.auth.models import User

from csphub.cases.models import Case, CaseStatus, PartyRole
from csphub.core.errors import ApplicationError
from csphub.core.models import demo_only
from csphub.risk import services
from csphub.risk.models import Assessment, Questionnaire


def _officer(case: Case) -> User:
    """The case officer, who acts for the demo (the demo picks cases that have one)."""
    if case.case_officer is None:
        raise ValueError(f"Case {case.pk} has no case officer to act in the demo.")
    return case.case_officer


def load_demo(*, rng_seed: int = 2026) -> None:
    rng = random.Random(rng_seed)
    services.questionnaires_install_shipped()
    asb = Questionnaire.objects.get(code="asb-victim", version=1)
    dash = Questionnaire.objects.get(code="dash", version=1)
    codes = list(asb.questions.values_list("code", flat=True))
    cases = (
        demo_only(Case.objects.all())
        .exclude(status=CaseStatus.CLOSED)
        .select_related("case_officer")
        .order_by("pk")[:12]
    )
    dash_done = Assessment.objects.filter(questionnaire=dash).exists()
    for case in cases:
        victim = case.parties.filter(role=PartyRole.VICTIM).select_related("person").first()
        if victim is None or not case.case_officer_id:
            continue
        # Drawn for every case, assessed or not, so that a re-run sees the same answers.
        answers = {c: rng.choices(["yes", "no", "dont_know"], weights=[3, 6, 1])[0] for c in codes}
        if not Assessment.objects.filter(case=case, subject=victim.person, questionnaire=asb).exists():
            try:
                services.assessment_complete(
                    actor=_officer(case),
                    case=case,
                    subject=victim.person,
                    questionnaire=asb,
                    answers=answers,
                )
            except ApplicationError:
                continue
        if not dash_done:
            dash_codes = list(dash.questions.order_by("order").values_list("code", flat=True))
            # 15 "yes", two "don't know" (kept distinct from "no"), the rest "no".
            dash_answers = {
                code: "yes" if n < 15 else ("dont_know" if n < 17 else "no")
                for n, code in enumerate(dash_codes)
            }
            try:
                services.assessment_complete(
                    actor=_officer(case),
                    case=case,
                    subject=victim.person,
                    questionnaire=dash,
                    answers=dash_answers,
                    children_present="yes",
                )
            except ApplicationError:
                continue
            dash_done = True
