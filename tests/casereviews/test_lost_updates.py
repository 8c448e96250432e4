"""No lost updates on the Case Review staff forms (security review finding 1).

Two members of staff open the same form about an application (or the area's procedure); the first
saves; the second's save, from the page read before, is refused with a GOV.UK error naming what
changed, and the first one's change stays.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from csphub.audit.models import AuditEvent
from csphub.casereviews import rules, services
from csphub.core.concurrency import VERSION_FIELD
from tests.casereviews.test_casereviews_staff_changes import area_post
from tests.versions import form_version

pytestmark = pytest.mark.django_db


def _d(day: dt.date) -> str:
    return f"{day.day}/{day.month}/{day.year}"


def _changed(response: Any) -> str:
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="edit-conflict"' in body and "Your changes have not been saved" in body
    return body.split('data-testid="edit-conflict"', 1)[1].split("</ul>", 1)[0]


def test_stale_acknowledgement_is_refused(area: Any, application_data: Any, client_as: Any) -> None:
    application = services.application_submit(actor=None, area=area, **application_data())
    url = reverse("casereviews:acknowledge", args=[application.reference])
    a, b = client_as("avbc_caseworker"), client_as("avbc_team_manager")
    version_a, version_b = form_version(a, url), form_version(b, url)
    today = timezone.localdate()
    assert a.post(url, {"on": _d(today), VERSION_FIELD: version_a}).status_code == 302
    yesterday = today - dt.timedelta(days=1)
    changed = _changed(b.post(url, {"on": _d(yesterday), VERSION_FIELD: version_b}))
    assert "Status" in changed and "Acknowledged on" in changed
    application.refresh_from_db()
    assert application.acknowledged_on == today
    assert AuditEvent.objects.filter(verb="casereviewapplication.acknowledged").count() == 1


def test_stale_change_of_contact_is_refused_at_confirm(
    area: Any, application_data: Any, client_as: Any, persona: Any
) -> None:
    application = services.application_submit(actor=None, area=area, **application_data())
    url = reverse("casereviews:spoc_change", args=[application.reference])
    a, b = client_as("avbc_caseworker"), client_as("avbc_team_manager")
    manager, coordinator = persona("avbc_team_manager"), persona("avbc_partnership_coordinator")
    stale = {"spoc": coordinator.pk, VERSION_FIELD: form_version(b, url)}
    chosen = {"spoc": manager.pk, VERSION_FIELD: form_version(a, url)}
    assert a.post(url, chosen).status_code == 200  # check answers
    assert a.post(url, chosen | {"step": "confirm"}).status_code == 302
    assert "single point of contact" in _changed(b.post(url, stale | {"step": "confirm"}))
    application.refresh_from_db()
    assert application.spoc == manager
    assert AuditEvent.objects.filter(verb="casereviewapplication.spoc_assigned").count() == 1


def test_stale_procedure_change_keeps_the_newer_procedure(area: Any, client_as: Any) -> None:
    url = reverse("casereviews:area_change", args=[area.slug])
    a, b = client_as("avbc_partnership_coordinator"), client_as("avbc_team_manager")
    version_a, version_b = form_version(a, url), form_version(b, url)
    mine = area_post(area, contact_phone="01773 222222") | {VERSION_FIELD: version_a}
    assert a.post(url, mine | {"step": "confirm"}).status_code == 302
    theirs = area_post(area, contact_email="other@example.gov.uk") | {VERSION_FIELD: version_b}
    changed = _changed(b.post(url, theirs | {"step": "confirm"}))
    assert "phone" in changed.lower()
    area.refresh_from_db()
    assert area.contact_phone == "01773 222222" and area.contact_email == "cst@example.gov.uk"
    assert AuditEvent.objects.filter(verb="casereviewarea.changed").count() == 1


def test_stale_close_is_refused(area: Any, application_data: Any, client_as: Any, persona: Any) -> None:
    application = services.application_submit(actor=None, area=area, **application_data())
    url = reverse("casereviews:close", args=[application.reference])
    a, b = client_as("avbc_caseworker"), client_as("avbc_team_manager")
    version_a, version_b = form_version(a, url), form_version(b, url)
    today = timezone.localdate()
    assert a.post(url, {"how": "withdrawn", "on": _d(today), VERSION_FIELD: version_a}).status_code == 302
    changed = _changed(b.post(url, {"how": "withdrawn", "on": _d(today), VERSION_FIELD: version_b}))
    assert "Status" in changed
    application.refresh_from_db()
    assert application.status == rules.Status.WITHDRAWN
    assert AuditEvent.objects.filter(verb="casereviewapplication.withdrawn").count() == 1
