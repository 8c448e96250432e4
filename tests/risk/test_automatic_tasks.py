"""Issue 11 item 10: automatic tasks that no longer apply are cancelled (not "done"), and repeated
automatic tasks on one case collapse into one."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from csphub.audit.models import AuditEvent
from csphub.cases import selectors
from csphub.cases import services as cases
from csphub.cases.models import CaseOutcome, CaseStatus, PartyRole, Task, TaskStatus
from csphub.people.services import person_create
from csphub.risk import services
from csphub.risk.models import Questionnaire, ReassessmentRequirement

pytestmark = pytest.mark.django_db
UTC = dt.UTC


@pytest.fixture
def setup(persona: Any) -> Any:
    officer = persona("avbc_caseworker")
    victim = person_create(actor=officer, given_name="Vera", family_name="Testvictim")
    case = cases.case_open(actor=officer, incidents=[_incident(officer, victim, 48)], summary="Harassment")
    return officer, case, victim


def _incident(officer: Any, victim: Any, hours_ago: int) -> Any:
    now = dt.datetime.now(UTC)
    return cases.incident_record(
        actor=officer,
        occurred_at=now - dt.timedelta(hours=hours_ago),
        reported_at=now - dt.timedelta(hours=hours_ago - 1),
        channel="phone",
        asb_type="personal",
        category="harassment",
        description="Threats at the door",
        parties=[(victim, PartyRole.VICTIM)],
    )


def _add_incidents(setup: Any, n: int) -> list[Any]:
    officer, case, victim = setup
    added = []
    for i in range(n):
        incident = _incident(officer, victim, 20 - i)
        cases.case_add_incident(actor=officer, case=case, incident=incident)
        added.append(incident)
    return added


def test_repeated_reassessment_tasks_collapse_into_one(setup: Any) -> None:
    officer, case, victim = setup
    added = _add_incidents(setup, 3)
    tasks = Task.objects.filter(case=case, source="risk.reassessment")
    assert tasks.count() == 1
    task = tasks.get()
    assert task.status == TaskStatus.OPEN
    for incident in added:  # every incident is named on the one task
        assert incident.reference in task.details
    requirements = ReassessmentRequirement.objects.filter(case=case)
    assert requirements.count() == 3 and {r.task_id_ref for r in requirements} == {task.pk}
    assert AuditEvent.objects.filter(verb="task.merged", target_id=str(task.pk)).count() == 2

    # One assessment answers all three requirements and completes the one task.
    questionnaire = Questionnaire.objects.get(code="asb-victim", version=1)
    answers = dict.fromkeys(questionnaire.questions.values_list("code", flat=True), "no")
    services.assessment_complete(
        actor=officer, case=case, subject=victim, questionnaire=questionnaire, answers=answers
    )
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    assert not ReassessmentRequirement.objects.filter(case=case, satisfied_by__isnull=True).exists()


def test_after_completion_a_new_incident_opens_a_new_task(setup: Any) -> None:
    officer, case, _victim = setup
    _add_incidents(setup, 1)
    first = Task.objects.get(case=case, source="risk.reassessment")
    cases.task_complete(actor=officer, task=first)
    _add_incidents(setup, 1)
    assert Task.objects.filter(case=case, source="risk.reassessment", status=TaskStatus.OPEN).count() == 1
    assert Task.objects.filter(case=case, source="risk.reassessment").count() == 2


def test_closing_the_case_cancels_reassessment_but_keeps_manual_tasks(setup: Any, client_as: Any) -> None:
    officer, case, _victim = setup
    _add_incidents(setup, 2)
    manual = cases.task_create(
        actor=officer, case=case, title="Send the closure letter", owner=officer, due_on=dt.date.today()
    )
    cases.case_change_status(
        actor=officer,
        case=case,
        to_status=CaseStatus.CLOSED,
        reason="Behaviour stopped",
        outcome=CaseOutcome.values[0],
    )
    task = Task.objects.get(case=case, source="risk.reassessment")
    assert task.status == TaskStatus.CANCELLED  # not "done": nobody re-assessed the risk
    assert task.cancelled_reason == "The case was closed"
    event = AuditEvent.objects.get(verb="task.cancelled", target_id=str(task.pk))
    assert event.justification == "The case was closed"
    manual.refresh_from_db()
    assert manual.status == TaskStatus.OPEN
    assert task not in list(selectors.my_tasks(officer))  # off the officer's list
    page = client_as("avbc_caseworker").get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "Cancelled" in page and "The case was closed" in page


def test_identical_automatic_task_on_the_same_record_is_not_repeated(setup: Any) -> None:
    officer, case, victim = setup
    kwargs = {
        "actor": officer,
        "case": case,
        "title": "Check the CCTV",
        "owner": officer,
        "due_on": dt.date.today(),
        "source": "powers.test_rule",
        "linked": victim,
    }
    first = cases.task_create(**kwargs)
    again = cases.task_create(**kwargs)
    assert again.pk == first.pk
    other = cases.task_create(**{**kwargs, "linked": case})  # another record: its own task
    assert other.pk != first.pk
    manual = {**kwargs, "source": "manual", "linked": None}
    assert cases.task_create(**manual).pk != cases.task_create(**manual).pk  # people may repeat
