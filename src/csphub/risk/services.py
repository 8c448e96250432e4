"""Every write of risk assessment: permission-checked, scored by ``rules``, audited in the same
transaction; automatic tasks (high-risk panel, MARAC, safeguarding, re-assessment) go through
``csphub.cases.services.task_create``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from csphub.agencies.policies import Action, acting_membership, can
from csphub.audit.services import audit_record
from csphub.cases.models import Case, Incident, Task, TaskStatus
from csphub.cases.services import task_complete, task_create
from csphub.core.calendar import add_working_days
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.people.models import Person
from csphub.risk import rules
from csphub.risk.models import Assessment, AssessmentAnswer, Question, Questionnaire, ReassessmentRequirement
from csphub.risk.rules import Answer, Band, Kind


def questionnaire_spec(questionnaire: Questionnaire) -> rules.QuestionnaireSpec:
    return rules.QuestionnaireSpec(
        code=questionnaire.code,
        version=questionnaire.version,
        title=questionnaire.title,
        kind=Kind(questionnaire.kind),
        effective_from=questionnaire.effective_from,
        medium_from=questionnaire.medium_from,
        high_from=questionnaire.high_from,
        indicator_min_band=Band(questionnaire.indicator_min_band),
        description=questionnaire.description,
        questions=tuple(
            rules.Question(q.code, q.text, q.weight, q.high_risk_indicator, q.help_text)
            for q in questionnaire.questions.order_by("order")
        ),
    )


def questionnaire_install(spec: rules.QuestionnaireSpec) -> Questionnaire:
    """Store a questionnaire version (idempotent: an existing code+version is left untouched)."""
    with transaction.atomic():
        q, created = Questionnaire.objects.get_or_create(
            code=spec.code,
            version=spec.version,
            defaults={
                "title": spec.title,
                "kind": spec.kind.value,
                "description": spec.description,
                "effective_from": spec.effective_from,
                "medium_from": spec.medium_from,
                "high_from": spec.high_from,
                "indicator_min_band": spec.indicator_min_band.value,
            },
        )
        if created:
            Question.objects.bulk_create(
                [
                    Question(
                        questionnaire=q,
                        order=n,
                        code=question.code,
                        text=question.text,
                        help_text=question.help_text,
                        weight=question.weight,
                        high_risk_indicator=question.high_risk_indicator,
                    )
                    for n, question in enumerate(spec.questions, start=1)
                ]
            )
            audit_record(actor=None, verb="questionnaire.installed", target=q)
    return q


def questionnaires_install_shipped() -> None:
    for spec in rules.SHIPPED_QUESTIONNAIRES:
        questionnaire_install(spec)


def _owner_for(case: Case, actor: Any) -> Any:
    officer = case.case_officer
    return officer if officer is not None and officer.is_active else actor


def _due(now: dt.datetime, working_days: int) -> dt.date:
    return add_working_days(timezone.localdate(now), working_days)


@dataclass(frozen=True)
class Evaluation:
    """What completing an assessment would record: the score, the final band, the MARAC decision."""

    score: rules.Score
    band: Band
    marac: rules.MaracDecision | None


def assessment_evaluate(
    *,
    actor: Any,
    case: Case,
    subject: Person,
    questionnaire: Questionnaire,
    answers: Mapping[str, str],
    judgement_band: str = "",
    judgement_reason: str = "",
    children_present: str = "",
    marac_professional_judgement: bool = False,
    marac_reasons: str = "",
    now: dt.datetime | None = None,
) -> Evaluation:
    """Check and score an assessment without storing it (the check-answers page shows the result).

    Raises ApplicationError exactly as :func:`assessment_complete` would.
    """
    moment = now or timezone.now()
    if not can(actor, Action.CHANGE, case):
        raise PermissionDeniedError("You cannot assess risk on this case.")
    if acting_membership(actor) is None:
        raise PermissionDeniedError("You are not acting for an agency.")
    if not case.is_open:
        raise ApplicationError("The case is closed: reopen it to assess risk")
    if not case.parties.filter(person=subject).exists():
        raise ApplicationError("Choose a person who is a party to the case", field="subject")
    if not questionnaire.is_active:
        raise ApplicationError("That questionnaire is no longer in use", field="questionnaire")
    spec = questionnaire_spec(questionnaire)
    try:
        score = rules.score(spec, {k: v for k, v in answers.items() if v})
        if score.unanswered:
            raise ApplicationError(
                'Answer every question; choose "Don\'t know" if you do not know', field=score.unanswered[0]
            )
        band = rules.final_band(score.band, judgement=judgement_band or None, reason=judgement_reason)
        if children_present and children_present not in {a.value for a in Answer}:
            raise ApplicationError(
                "Say whether there are children in the household", field="children_present"
            )
        marac: rules.MaracDecision | None = None
        if spec.kind is Kind.DASH:
            if not children_present:
                raise ApplicationError(
                    "Say whether there are children in the household", field="children_present"
                )
            incident_dates = [
                timezone.localdate(i.occurred_at) for i in Incident.objects.filter(case_links__case=case)
            ]
            last = (
                Assessment.objects.filter(subject=subject, marac_refer=True, assessed_at__lte=moment)
                .order_by("-assessed_at")
                .first()
            )
            marac = rules.marac_decision(
                yes_count=score.yes_count,
                on=timezone.localdate(moment),
                incident_dates=incident_dates,
                last_referral_on=timezone.localdate(last.assessed_at) if last else None,
                professional_judgement=marac_professional_judgement,
                judgement_reasons=marac_reasons,
            )
    except rules.RiskRuleError as exc:
        raise ApplicationError(exc.message, field=exc.field) from exc

    return Evaluation(score=score, band=band, marac=marac)


def assessment_complete(
    *,
    actor: Any,
    case: Case,
    subject: Person,
    questionnaire: Questionnaire,
    answers: Mapping[str, str],
    judgement_band: str = "",
    judgement_reason: str = "",
    children_present: str = "",
    marac_professional_judgement: bool = False,
    marac_reasons: str = "",
    now: dt.datetime | None = None,
) -> Assessment:
    """Score and store an assessment; raise follow-up tasks; satisfy pending re-assessments.

    Every question must be answered ("Don't know" is an answer, kept distinct from "No").
    Professional judgement may raise the band with a reason, never lower it.
    """
    moment = now or timezone.now()
    evaluation = assessment_evaluate(
        actor=actor,
        case=case,
        subject=subject,
        questionnaire=questionnaire,
        answers=answers,
        judgement_band=judgement_band,
        judgement_reason=judgement_reason,
        children_present=children_present,
        marac_professional_judgement=marac_professional_judgement,
        marac_reasons=marac_reasons,
        now=moment,
    )
    membership = acting_membership(actor)
    assert membership is not None
    score, band, marac = evaluation.score, evaluation.band, evaluation.marac
    spec = questionnaire_spec(questionnaire)

    by_code = {q.code: q for q in questionnaire.questions.all()}
    with transaction.atomic():
        assessment = Assessment.objects.create(
            case=case,
            subject=subject,
            questionnaire=questionnaire,
            assessor=actor,
            assessing_agency=membership.agency,
            assessed_at=moment,
            total=score.total,
            yes_count=score.yes_count,
            no_count=score.no_count,
            dont_know_count=score.dont_know_count,
            computed_band=score.band.value,
            judgement_band=judgement_band if judgement_band and Band(judgement_band) != score.band else "",
            judgement_reason=judgement_reason.strip(),
            final_band=band.value,
            children_present=children_present,
            marac_refer=bool(marac and marac.refer),
            marac_criteria=[c.value for c in marac.criteria] if marac else [],
            marac_reasons="\n".join(marac.reasons) if marac else "",
            marac_rules_version=marac.rules_version if marac else "",
            incident_count=case.case_incidents.count(),
            created_by=actor,
            modified_by=actor,
        )
        AssessmentAnswer.objects.bulk_create(
            [
                AssessmentAnswer(
                    assessment=assessment,
                    question=by_code[code],
                    answer=Answer(value).value,
                    created_by=actor,
                )
                for code, value in answers.items()
                if value
            ]
        )
        audit_record(actor=actor, verb="risk_assessment.completed", target=assessment)
        if band.rank > score.band.rank:
            audit_record(
                actor=actor,
                verb="risk_assessment.band_raised",
                target=assessment,
                changed_fields=["final_band", "judgement_reason"],
            )
        version = f"{spec.code}-v{spec.version}"
        owner = _owner_for(case, actor)
        if band is Band.HIGH and spec.kind is Kind.ASB_VICTIM:
            task_create(
                actor=actor,
                title="High risk: refer the case to the high-risk panel",
                owner=owner,
                due_on=_due(moment, 1),
                case=case,
                source="risk.high_risk_panel",
                linked=assessment,
                rule_version=version,
            )
        if marac is not None and marac.refer:
            task_create(
                actor=actor,
                title="Refer to MARAC",
                owner=owner,
                due_on=_due(moment, 1),
                case=case,
                details="Criteria: " + ", ".join(rules.MARAC_CRITERION_LABELS[c] for c in marac.criteria),
                source="risk.marac_referral",
                linked=assessment,
                rule_version=marac.rules_version,
            )
        if rules.safeguarding_task_needed(children_present or None):
            title = (
                "Make a safeguarding referral for the children in the household"
                if children_present == Answer.YES
                else "Find out whether children live in the household (safeguarding)"
            )
            task_create(
                actor=actor,
                title=title,
                owner=owner,
                due_on=_due(moment, 1),
                case=case,
                source="risk.safeguarding",
                linked=assessment,
                rule_version=version,
            )
        pending = ReassessmentRequirement.objects.filter(case=case, satisfied_by__isnull=True)
        for requirement in pending:
            requirement.satisfied_by = assessment
            requirement.save(update_fields=["satisfied_by", "modified_at"])
            task = (
                Task.objects.filter(pk=requirement.task_id_ref, status=TaskStatus.OPEN).first()
                if requirement.task_id_ref is not None
                else None
            )
            if task is not None and (task.owner_id == actor.pk or can(actor, Action.CHANGE, task)):
                task_complete(actor=actor, task=task)
    return assessment


def reassessment_require(*, actor: Any, case: Case, incident: Incident) -> ReassessmentRequirement | None:
    """A new incident joined an open case: record that the risk must be re-assessed, with a task."""
    if not case.is_open:
        return None
    with transaction.atomic():
        requirement, created = ReassessmentRequirement.objects.get_or_create(
            case=case, incident=incident, defaults={"created_by": actor}
        )
        if not created:
            return requirement
        task = task_create(
            actor=actor,
            title=f"Re-assess risk: incident {incident.reference} was added to the case",
            owner=_owner_for(case, actor),
            due_on=_due(timezone.now(), 2),
            case=case,
            source="risk.reassessment",
            linked=requirement,
            check_permission=False,
        )
        requirement.task_id_ref = task.pk
        requirement.save(update_fields=["task_id_ref", "modified_at"])
        audit_record(actor=actor, verb="risk_assessment.required", target=requirement)
    return requirement
