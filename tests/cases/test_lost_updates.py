"""No lost updates on the casework forms beyond incidents and people (security review finding 1).

Two members of staff open the same form; the first saves; the second's save, made on the page read
before, is refused with a GOV.UK error naming what changed, and the first one's change stays. The
hidden version is sent exactly as the page carried it (``tests.versions.form_version``).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from csphub.agencies.models import InformationSharingAgreement
from csphub.audit.models import AuditEvent
from csphub.cases import services
from csphub.cases.models import CaseStatus, Task, TaskStatus
from csphub.core.concurrency import VERSION_FIELD
from tests.versions import form_version

pytestmark = pytest.mark.django_db


def _refused(response: Any) -> str:
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="edit-conflict"' in body and "Your changes have not been saved" in body
    return body


def test_stale_case_status_form_is_refused_and_the_case_keeps_the_newer_status(
    make_case: Any, client_as: Any
) -> None:
    case = make_case()
    url = reverse("cases:case_status", args=[case.pk])
    a, b = client_as("avbc_caseworker"), client_as("avbc_team_manager")
    version_a, version_b = form_version(a, url), form_version(b, url)
    assert a.post(url, {"to_status": "investigating", VERSION_FIELD: version_a}).status_code == 302
    # B, on the page read while the case was open, closes it: a valid move, made on a stale page.
    closing = {"to_status": "closed", "reason": "Behaviour stopped", "outcome": "resolved"}
    body = _refused(b.post(url, closing | {VERSION_FIELD: version_b}))
    assert "Status" in body.split('data-testid="edit-conflict"', 1)[1].split("</ul>", 1)[0]
    case.refresh_from_db()
    assert case.status == CaseStatus.INVESTIGATING and case.closure_reason == ""
    assert not AuditEvent.objects.filter(verb="case.closed", target_id=str(case.pk)).exists()
    # The page shown again carries the new version: closing from it now works.
    again = b.post(url, closing | {VERSION_FIELD: form_version(b, url)})
    assert again.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


def test_stale_case_status_that_no_longer_fits_says_the_case_changed(make_case: Any, client_as: Any) -> None:
    case = make_case()
    url = reverse("cases:case_status", args=[case.pk])
    a, b = client_as("avbc_caseworker"), client_as("avbc_team_manager")
    version_a, version_b = form_version(a, url), form_version(b, url)
    closing = {"to_status": "closed", "reason": "Behaviour stopped", "outcome": "resolved"}
    assert a.post(url, closing | {VERSION_FIELD: version_a}).status_code == 302
    # "Start investigating" cannot follow "closed": the error says the case changed, and how.
    response = b.post(url, {"to_status": "investigating", VERSION_FIELD: version_b})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this record after you opened this form (status" in body
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.closure_reason == "Behaviour stopped"
    assert AuditEvent.objects.filter(verb="case.closed", target_id=str(case.pk)).count() == 1


def test_case_status_without_a_version_is_refused(make_case: Any, client_as: Any) -> None:
    case = make_case()
    url = reverse("cases:case_status", args=[case.pk])
    response = client_as("avbc_caseworker").post(
        url, {"to_status": "closed", "reason": "x", "outcome": "resolved"}
    )
    assert response.status_code == 200 and "This form is out of date" in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN


def _meeting_with_item(persona: Any, make_case: Any) -> Any:
    actor = persona("avbc_team_manager")
    panel = services.panel_create(
        actor=actor,
        name="Lost-update panel",
        kind="high_risk",
        agreement=InformationSharingAgreement.objects.get(reference="AV-ISA-ASB-01"),
    )
    meeting = services.panel_meeting_schedule(
        actor=actor, panel=panel, held_at=timezone.now(), attending_agencies=[]
    )
    item = services.panel_agenda_add(actor=actor, meeting=meeting, case=make_case(), reason="Escalating")
    return meeting, item


def test_stale_minutes_do_not_overwrite_newer_minutes(persona: Any, make_case: Any, client_as: Any) -> None:
    meeting, _item = _meeting_with_item(persona, make_case)
    url = reverse("cases:meeting_detail", args=[meeting.pk])
    a, b = client_as("avbc_team_manager"), client_as("avbc_team_manager")
    version_a, version_b = form_version(a, url), form_version(b, url)
    assert version_a and version_b
    saved = {"save_minutes": "1", "minutes": "Agreed: joint visit on Monday."}
    assert a.post(url, saved | {VERSION_FIELD: version_a}).status_code == 302
    stale = {"save_minutes": "1", "minutes": "Draft minutes (old)", VERSION_FIELD: version_b}
    body = _refused(b.post(url, stale))
    assert "Draft minutes (old)" in body  # what B typed is shown back, not lost
    assert "Agreed: joint visit on Monday." in body  # the form now shows the minutes as they are
    meeting.refresh_from_db()
    assert meeting.minutes == "Agreed: joint visit on Monday."
    # B saves again from the refreshed page: that works.
    fresh = form_version(b, url)
    assert fresh != version_b
    assert b.post(url, stale | {VERSION_FIELD: fresh}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes == "Draft minutes (old)"


def test_stale_panel_decision_is_refused(persona: Any, make_case: Any, client_as: Any) -> None:
    _meeting, item = _meeting_with_item(persona, make_case)
    url = reverse("cases:agenda_decision", args=[item.pk])
    a, b = client_as("avbc_team_manager"), client_as("avbc_team_manager")
    version_a, version_b = form_version(a, url), form_version(b, url)
    assert a.post(url, {"decision": "Refer to the CPN route", VERSION_FIELD: version_a}).status_code == 302
    body = _refused(b.post(url, {"decision": "No further action", VERSION_FIELD: version_b}))
    assert "Decision" in body.split('data-testid="edit-conflict"', 1)[1].split("</ul>", 1)[0]
    item.refresh_from_db()
    assert item.decision == "Refer to the CPN route"
    assert AuditEvent.objects.filter(verb="agendaitem.decided", target_id=str(item.pk)).count() == 1


def test_a_task_finished_elsewhere_is_not_finished_again(
    make_case: Any, persona: Any, client_as: Any
) -> None:
    owner = persona("avbc_caseworker")
    task = services.task_create(
        actor=owner, title="Call the victim", owner=owner, due_on=timezone.localdate(), case=make_case()
    )
    url = reverse("cases:task_complete", args=[task.pk])
    first, stale = client_as("avbc_caseworker"), client_as("avbc_caseworker")
    assert first.post(url, {"next": "/cases/tasks/"}).status_code == 302
    done_at = Task.objects.get(pk=task.pk).completed_at
    response = stale.post(url, {"next": "/cases/tasks/"}, follow=True)
    assert "This task is already finished" in response.content.decode()
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and task.completed_at == done_at
    assert AuditEvent.objects.filter(verb="task.completed", target_id=str(task.pk)).count() == 1
