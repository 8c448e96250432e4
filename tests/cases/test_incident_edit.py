"""Correcting a recorded incident: audited with field names, validated, refused to other agencies."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from csphub.audit.models import AuditEvent
from csphub.cases.forms import IncidentEditForm
from csphub.cases.models import Incident
from csphub.core.concurrency import VERSION_FIELD, make_token

pytestmark = pytest.mark.django_db


def _form(incident: Incident, **changes: Any) -> dict[str, Any]:
    data = {
        "occurred_at": timezone.localtime(incident.occurred_at).strftime("%Y-%m-%dT%H:%M"),
        "reported_at": timezone.localtime(incident.reported_at).strftime("%Y-%m-%dT%H:%M"),
        "channel": incident.channel,
        "asb_type": incident.asb_type,
        "category": incident.category,
        "description": incident.description,
        "police_reference": incident.police_reference,
        "location_description": incident.location_description,
        "uprn": incident.uprn,
        VERSION_FIELD: make_token(incident, IncidentEditForm.EDITABLE),
    }
    return data | changes


def test_correcting_an_incident_audits_changed_field_names(make_incident: Any, client_as: Any) -> None:
    incident = make_incident("avbc_caseworker")
    client = client_as("avbc_caseworker")
    assert client.get(f"/cases/incidents/{incident.pk}/change/").status_code == 200
    response = client.post(
        f"/cases/incidents/{incident.pk}/change/",
        _form(incident, description="Music and shouting until 3am", police_reference="DP-123"),
    )
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.description == "Music and shouting until 3am"
    event = AuditEvent.objects.filter(verb="incident.updated", target_id=str(incident.pk)).get()
    assert event.changed_fields == ["description", "police_reference"]
    assert "Music and shouting" not in str(event.changed_fields) + event.justification


def test_reported_before_it_happened_is_refused_and_nothing_saved(make_incident: Any, client_as: Any) -> None:
    incident = make_incident("avbc_caseworker")
    before = incident.reported_at
    bad = _form(
        incident, reported_at=(incident.occurred_at - timezone.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    )
    response = client_as("avbc_caseworker").post(f"/cases/incidents/{incident.pk}/change/", bad)
    assert response.status_code == 200 and "<title>Error: " in response.content.decode()
    incident.refresh_from_db()
    assert incident.reported_at == before
    assert not AuditEvent.objects.filter(verb="incident.updated").exists()


def test_other_agency_cannot_open_the_edit_page(make_incident: Any, client_as: Any) -> None:
    incident = make_incident("police_caseworker")
    assert client_as("avbc_caseworker").get(f"/cases/incidents/{incident.pk}/change/").status_code == 404
    assert client_as("avbc_caseworker").post(f"/cases/incidents/{incident.pk}/change/", {}).status_code == 404
