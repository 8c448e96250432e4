"""Early and informal interventions on a case (ASB statutory guidance for frontline professionals,
2023, updated 2025): recording one, with a review task when it has a review date, and recording
its outcome, which closes that task. Only the case's own agency, or a partner with a full share,
may write them (the same rule as notes); the intervention names the agency that made it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from csphub.audit.services import audit_record
from csphub.cases import rules
from csphub.cases.models import Case, CaseParty, EarlyIntervention
from csphub.cases.services._common import _raise_first
from csphub.cases.services.records import _writer_agency
from csphub.cases.services.tasks import task_create, tasks_complete_open
from csphub.core.actor import ActorOrUser, acting_user
from csphub.core.errors import ApplicationError

# The rule that sets the review task (Task.source).
REVIEW_TASK = "cases.early_intervention.review"


def _as_rule_person(case: Case, person: Any, on: dt.date | None) -> rules.InterventionPerson | None:
    if person is None:
        return None
    return rules.InterventionPerson(
        key=person.pk,
        name=person.display_name,
        age=person.age_on(on) if on is not None else None,
        on_case=CaseParty.objects.filter(case=case, person=person).exists(),
    )


def early_intervention_record(
    *,
    actor: ActorOrUser,
    case: Case,
    kind: str,
    person: Any,
    started_on: dt.date | None,
    other_person: Any = None,
    review_on: dt.date | None = None,
    terms: str = "",
    agreed_by: str = "",
    parent_guardian_name: str = "",
    today: dt.date | None = None,
) -> EarlyIntervention:
    """Record an early intervention with ``person`` (mediation: with ``person`` and
    ``other_person``, both parties to the case) on an open case. With a review date, a task to
    review it is set for the actor, due that day."""
    agency = _writer_agency(actor, case)
    if not case.is_open:
        raise ApplicationError("The case is closed: reopen it before recording an early intervention")
    _raise_first(
        rules.early_intervention_problems(
            kind=kind,
            person=_as_rule_person(case, person, started_on),
            other_person=_as_rule_person(case, other_person, started_on),
            started_on=started_on,
            review_on=review_on,
            terms=terms,
            agreed_by=agreed_by,
            parent_guardian_name=parent_guardian_name,
            today=today or timezone.localdate(),
        )
    )
    assert started_on is not None  # the rules refused a missing date
    with transaction.atomic():
        intervention = EarlyIntervention.objects.create(
            case=case,
            kind=kind,
            person=person,
            other_person=other_person if kind == rules.InterventionKind.MEDIATION else None,
            agency=agency,
            started_on=started_on,
            terms="\n".join(rules.terms_lines(terms)),
            review_on=review_on,
            agreed_by=agreed_by,
            parent_guardian_name=parent_guardian_name.strip(),
            created_by=acting_user(actor),
            modified_by=acting_user(actor),
        )
        label = rules.INTERVENTION_KIND_LABELS[kind]
        if review_on is not None:
            task_create(
                actor=actor,
                title=f"Review the {label[0].lower()}{label[1:]} on case {case.reference}",
                owner=acting_user(actor),
                due_on=review_on,
                case=case,
                source=REVIEW_TASK,
                linked=intervention,
                details="Record how it went (kept to, broken, ended early, completed or declined): "
                "the task closes when the outcome is recorded.",
                check_permission=False,
            )
        audit_record(
            actor=actor,
            verb="earlyintervention.recorded",
            target=case,
            justification=f"{kind} {intervention.pk}",
        )
    return intervention


def early_intervention_outcome_record(
    *,
    actor: ActorOrUser,
    intervention: EarlyIntervention,
    outcome: str,
    outcome_on: dt.date | None,
    outcome_notes: str = "",
    today: dt.date | None = None,
) -> EarlyIntervention:
    """Record (or correct) how the intervention ended; its open review task is marked done."""
    case = intervention.case
    _writer_agency(actor, case)
    _raise_first(
        rules.intervention_outcome_problems(
            outcome=outcome,
            outcome_on=outcome_on,
            started_on=intervention.started_on,
            today=today or timezone.localdate(),
        )
    )
    with transaction.atomic():
        changed = [
            name
            for name, value in (
                ("outcome", outcome),
                ("outcome_on", outcome_on),
                ("outcome_notes", outcome_notes.strip()),
            )
            if getattr(intervention, name) != value
        ]
        intervention.outcome = outcome
        intervention.outcome_on = outcome_on
        intervention.outcome_notes = outcome_notes.strip()
        intervention.modified_by = acting_user(actor)
        intervention.save(
            update_fields=["outcome", "outcome_on", "outcome_notes", "modified_by", "modified_at"]
        )
        tasks_complete_open(
            actor=actor,
            case=case,
            sources=[REVIEW_TASK],
            linked=intervention,
            why="the outcome of the early intervention was recorded",
        )
        audit_record(
            actor=actor,
            verb="earlyintervention.outcome_recorded",
            target=case,
            justification=f"{intervention.kind} {intervention.pk}: {outcome}",
            changed_fields=changed,
        )
    return intervention
