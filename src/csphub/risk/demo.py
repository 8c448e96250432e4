"""Demo risk assessments on the cases' demo cases (idempotent: one per case and victim)."""

from __future__ import annotations

import random

from csphub.cases.models import Case, CaseStatus, PartyRole
from csphub.core.errors import ApplicationError
from csphub.risk import services
from csphub.risk.models import Assessment, Questionnaire


def load_demo(*, rng_seed: int = 2026) -> None:
    rng = random.Random(rng_seed)
    services.questionnaires_install_shipped()
    asb = Questionnaire.objects.get(code="asb-victim", version=1)
    codes = list(asb.questions.values_list("code", flat=True))
    cases = Case.objects.exclude(status=CaseStatus.CLOSED).select_related("case_officer").order_by("pk")[:12]
    for case in cases:
        victim = case.parties.filter(role=PartyRole.VICTIM).select_related("person").first()
        if victim is None or not case.case_officer_id:
            continue
        if Assessment.objects.filter(case=case, subject=victim.person).exists():
            continue
        answers = {c: rng.choices(["yes", "no", "dont_know"], weights=[3, 6, 1])[0] for c in codes}
        try:
            services.assessment_complete(
                actor=case.case_officer, case=case, subject=victim.person, questionnaire=asb, answers=answers
            )
        except ApplicationError:
            continue
