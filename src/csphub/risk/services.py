"""Every write of risk assessment: permission-checked, scored by ``rules``, audited in the same
transaction; automatic tasks (high-risk panel, MARAC, safeguarding, re-assessment) go through
``csphub.cases.services.task_create``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from csphub.agencies.policies import Action, acting_membership, can
from csphub.audit.services import audit_record
from csphub.cases.models import Case, Incident, IncidentParty, PartyRole, Task, TaskStatus
from csphub.cases.services import task_complete, task_create, tasks_cancel_open
from csphub.core.actor import ActorOrUser, acting_user
from csphub.core.calendar import add_working_days
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.people.models import Person
from csphub.risk import rules
from csphub.risk.models import (
    Assessment,
    AssessmentAnswer,
    MaracReferral,
    Question,
    Questionnaire,
    ReassessmentRequirement,
)
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


def _owner_for(case: Case, actor: ActorOrUser) -> User:
    officer = case.case_officer
    return officer if officer is not None and officer.is_active else acting_user(actor)


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
    actor: ActorOrUser,
    case: Case,
    subject: Person,
    questionnaire: Questionnaire,
    answers: Mapping[str, str],
    judgement_band: str = "",
    judgement_reason: str = "",
    children_present: str = "",
    marac_professional_judgement: bool = False,
    marac_reasons: str = "",
    victim_16_or_over: bool = False,
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
            today = timezone.localdate(moment)
            blockers = rules.dash_eligibility_blockers(
                victim_date_of_birth=subject.date_of_birth, on=today, confirmed_16_or_over=victim_16_or_over
            )
            if blockers:
                raise ApplicationError(
                    blockers[0],
                    field="victim_16_or_over",
                    fix_url=reverse("people:edit", args=[subject.pk]),
                    fix_text=f"Record {subject.display_name}'s date of birth",
                )
            if not children_present:
                raise ApplicationError(
                    "Say whether there are children in the household", field="children_present"
                )
            last = last_marac_referral(subject, on=today)
            membership = acting_membership(actor)
            marac = rules.marac_decision(
                yes_count=score.yes_count,
                on=today,
                incident_dates=victim_incident_dates(subject),
                last_referral_on=last.referred_on if last else None,
                professional_judgement=marac_professional_judgement,
                judgement_reasons=marac_reasons,
                # C.3: the referral date is shown only to the agency that made the referral.
                disclose_referral_date=bool(
                    last and membership and last.referring_agency_id == membership.agency_id
                ),
            )
    except rules.RiskRuleError as exc:
        raise ApplicationError(exc.message, field=exc.field) from exc

    return Evaluation(score=score, band=band, marac=marac)


def assessment_complete(
    *,
    actor: ActorOrUser,
    case: Case,
    subject: Person,
    questionnaire: Questionnaire,
    answers: Mapping[str, str],
    judgement_band: str = "",
    judgement_reason: str = "",
    children_present: str = "",
    marac_professional_judgement: bool = False,
    marac_reasons: str = "",
    victim_16_or_over: bool = False,
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
        victim_16_or_over=victim_16_or_over,
        now=moment,
    )
    membership = acting_membership(actor)
    assert membership is not None
    score, band, marac = evaluation.score, evaluation.band, evaluation.marac
    spec = questionnaire_spec(questionnaire)

    by_code = {q.code: q for q in questionnaire.questions.all()}
    with transaction.atomic():
        assessment = Assessment.objects.create(
            partnership_id=case.partnership_id,
            case=case,
            subject=subject,
            questionnaire=questionnaire,
            assessor=acting_user(actor),
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
            created_by=acting_user(actor),
            modified_by=acting_user(actor),
        )
        AssessmentAnswer.objects.bulk_create(
            [
                AssessmentAnswer(
                    assessment=assessment,
                    question=by_code[code],
                    answer=Answer(value).value,
                    created_by=acting_user(actor),
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
                collapse_on_case=True,
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
                collapse_on_case=True,
                rule_version=marac.rules_version,
            )
        if marac is not None and rules.idva_offer_required(marac):
            task_create(
                actor=actor,
                title="Offer the victim an independent domestic violence adviser (IDVA)",
                owner=owner,
                due_on=_due(moment, 1),
                case=case,
                source="risk.idva_offer",
                linked=assessment,
                collapse_on_case=True,
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
                collapse_on_case=True,
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


# Automatic tasks that only make sense while the case is open: once it is closed nobody will
# re-assess its risk or take it to the high-risk panel. Safeguarding, MARAC and IDVA tasks are
# about the person, not the case, and stay.
CASE_OPEN_ONLY_SOURCES = ("risk.reassessment", "risk.high_risk_panel")


def case_closed_cancel_tasks(*, actor: ActorOrUser, case: Case) -> int:
    """Cancel the closed case's open re-assessment and high-risk-panel tasks (not "done")."""
    return tasks_cancel_open(
        actor=actor, case=case, sources=CASE_OPEN_ONLY_SOURCES, reason="The case was closed"
    )


def reassessment_require(
    *, actor: ActorOrUser, case: Case, incident: Incident
) -> ReassessmentRequirement | None:
    """A new incident joined an open case: record that the risk must be re-assessed, with a task."""
    if not case.is_open:
        return None
    with transaction.atomic():
        requirement, created = ReassessmentRequirement.objects.get_or_create(
            case=case, incident=incident, defaults={"created_by": acting_user(actor)}
        )
        if not created:
            return requirement
        task = task_create(
            actor=actor,
            title="Re-assess risk: new incidents were added to the case",
            owner=_owner_for(case, actor),
            due_on=_due(timezone.now(), 2),
            case=case,
            details=f"Incident {incident.reference} was added to the case.",
            source="risk.reassessment",
            linked=requirement,
            check_permission=False,
            collapse_on_case=True,  # one re-assessment covers every incident added before it
        )
        requirement.task_id_ref = task.pk
        requirement.save(update_fields=["task_id_ref", "modified_at"])
        audit_record(actor=actor, verb="risk_assessment.required", target=requirement)
    return requirement


# --------------------------------------------------------------------------------------------
# MARAC referrals (C.1): the referral itself, and repeats flagged when an incident is recorded
# --------------------------------------------------------------------------------------------


def last_marac_referral(subject: Person, *, on: dt.date) -> MaracReferral | None:
    """The victim's latest MARAC referral on or before ``on``, by any agency."""
    return (
        MaracReferral.objects.filter(subject=subject, referred_on__lte=on)
        .order_by("-referred_on", "-id")
        .first()
    )


def victim_incident_dates(subject: Person) -> list[dt.date]:
    """C.2: escalation counts incidents in which this person is the victim, on any case (incidents
    carry no domestic-abuse flag, so the victim's incidents stand in for the DA incidents)."""
    incidents = Incident.objects.filter(parties__person=subject, parties__role=PartyRole.VICTIM).distinct()
    return sorted(timezone.localdate(i.occurred_at) for i in incidents)


def marac_referral_record(
    *,
    actor: ActorOrUser,
    assessment: Assessment,
    referred_on: dt.date,
    perpetrator: Person | None = None,
    idva_offered: bool = False,
    today: dt.date | None = None,
) -> MaracReferral:
    """Record that the victim was referred to MARAC (date, referring agency, whether it is a repeat)
    and complete the open "Refer to MARAC" task for the assessment."""
    case = assessment.case
    if not can(actor, Action.CHANGE, case):
        raise PermissionDeniedError("You cannot record a MARAC referral on this case.")
    membership = acting_membership(actor)
    if membership is None:
        raise PermissionDeniedError("You are not acting for an agency.")
    if assessment.questionnaire.kind != Kind.DASH:
        raise ApplicationError("A MARAC referral follows a Dash risk assessment", field="assessment")
    current = today or timezone.localdate()
    if referred_on > current:
        raise ApplicationError("The referral date must be today or in the past", field="referred_on")
    if referred_on < timezone.localdate(assessment.assessed_at):
        raise ApplicationError("The referral cannot be before the risk assessment", field="referred_on")
    if perpetrator is not None and not case.parties.filter(person=perpetrator).exists():
        raise ApplicationError("Choose a person who is a party to the case", field="perpetrator")
    rules_in_force = rules.marac_rules_in_force(referred_on)
    previous = [
        rules.MaracReferral(
            referred_on=r.referred_on,
            victim_key=str(r.subject_id),
            perpetrator_key=str(r.perpetrator_id) if r.perpetrator_id else None,
        )
        for r in MaracReferral.objects.filter(subject=assessment.subject, referred_on__lte=referred_on)
    ]
    repeat = (
        rules.repeat_referral_for(
            rules.DaIncident(
                on=referred_on,
                victim_key=str(assessment.subject_id),
                perpetrator_key=str(perpetrator.pk) if perpetrator else None,
            ),
            previous,
            rules=rules_in_force,
        )
        is not None
    )
    with transaction.atomic():
        referral = MaracReferral.objects.create(
            partnership_id=case.partnership_id,
            case=case,
            subject=assessment.subject,
            perpetrator=perpetrator,
            assessment=assessment,
            referring_agency=membership.agency,
            referred_on=referred_on,
            repeat=repeat,
            idva_offered=idva_offered,
            rules_version=rules_in_force.version,
            created_by=acting_user(actor),
            modified_by=acting_user(actor),
        )
        audit_record(actor=actor, verb="marac_referral.recorded", target=referral)
        for task in Task.objects.filter(case=case, source="risk.marac_referral", status=TaskStatus.OPEN):
            if task.owner_id == actor.pk or can(actor, Action.CHANGE, task):
                task_complete(actor=actor, task=task)
    return referral


def marac_referral_outcome_record(
    *,
    actor: ActorOrUser,
    referral: MaracReferral,
    meeting_on: dt.date,
    outcome: str,
    today: dt.date | None = None,
) -> MaracReferral:
    """The MARAC meeting that heard the referral, and its outcome (actions agreed)."""
    if not can(actor, Action.CHANGE, referral.case):
        raise PermissionDeniedError("You cannot record the MARAC outcome on this case.")
    if meeting_on < referral.referred_on:
        raise ApplicationError("The meeting cannot be before the referral", field="meeting_on")
    if meeting_on > (today or timezone.localdate()):
        raise ApplicationError("The meeting date must be today or in the past", field="meeting_on")
    if not outcome.strip():
        raise ApplicationError("Record the outcome of the MARAC meeting", field="outcome")
    with transaction.atomic():
        referral.meeting_on = meeting_on
        referral.outcome = outcome.strip()
        referral.modified_by = acting_user(actor)
        referral.save(update_fields=["meeting_on", "outcome", "modified_by", "modified_at"])
        audit_record(
            actor=actor,
            verb="marac_referral.outcome",
            target=referral,
            changed_fields=["meeting_on", "outcome"],
        )
    return referral


def marac_repeat_flag(*, actor: ActorOrUser, incident: Incident) -> list[Task]:
    """C.1: when an incident is recorded, by any agency, each victim in it who was referred to MARAC
    in the last 12 months (with the same perpetrator, or one not recorded) is a repeat: a task goes to
    the officer of the referral's case to re-refer, whatever the checklist score."""
    parties = list(IncidentParty.objects.filter(incident=incident).values_list("person_id", "role"))
    victims = [p for p, role in parties if role == PartyRole.VICTIM]
    perpetrators: list[int | None] = [p for p, role in parties if role == PartyRole.ALLEGED_PERPETRATOR]
    if not perpetrators:
        perpetrators = [None]
    on = timezone.localdate(incident.occurred_at)
    created: list[Task] = []
    for victim_id in victims:
        referrals = list(MaracReferral.objects.filter(subject_id=victim_id, referred_on__lte=on))
        facts = {
            r.pk: rules.MaracReferral(
                referred_on=r.referred_on,
                victim_key=str(r.subject_id),
                perpetrator_key=str(r.perpetrator_id) if r.perpetrator_id else None,
            )
            for r in referrals
        }
        for perpetrator_id in perpetrators:
            found = rules.repeat_referral_for(
                rules.DaIncident(
                    on=on,
                    victim_key=str(victim_id),
                    perpetrator_key=str(perpetrator_id) if perpetrator_id else None,
                ),
                list(facts.values()),
            )
            if found is None:
                continue
            referral = next(r for r in referrals if facts[r.pk] == found)
            case = referral.case
            owner = (
                case.case_officer
                if case.case_officer and case.case_officer.is_active
                else referral.created_by
            )
            if Task.objects.filter(
                source="risk.marac_repeat",
                status=TaskStatus.OPEN,
                linked_type="risk.maracreferral",
                linked_id=referral.pk,
            ).exists():
                break
            created.append(
                task_create(
                    actor=actor,
                    title="Repeat MARAC: a further incident was recorded within 12 months of the referral",
                    owner=owner,
                    due_on=_due(timezone.now(), 1),
                    case=case,
                    details=f"Incident {incident.reference}: re-refer to MARAC whatever the checklist score.",
                    source="risk.marac_repeat",
                    linked=referral,
                    rule_version=rules.marac_rules_in_force(on).version,
                    check_permission=False,
                )
            )
            audit_record(actor=actor, verb="marac_referral.repeat_flagged", target=referral)
            break
    return created
