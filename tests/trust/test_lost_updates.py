"""Security review finding 1: a stale edit form never overwrites a newer version.

Both repros of the review, as tests: two users open the same incident (person) edit form; the
first saves; the second's save is refused with a GOV.UK error that names what changed, and the
first user's change stays.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import timezone

from csphub.audit.models import AuditEvent
from csphub.core.concurrency import VERSION_FIELD, EditConflictError, make_token
from csphub.people.services import PERSON_FIELDS, person_update

pytestmark = pytest.mark.django_db


def _hidden_version(html: str) -> str:
    match = re.search(rf'name="{VERSION_FIELD}" value="([^"]+)"', html)
    assert match, "the edit form carries its version"
    return match.group(1)


def _incident_form(incident: Any, version: str, **changes: Any) -> dict[str, Any]:
    return {
        "occurred_at": timezone.localtime(incident.occurred_at).strftime("%Y-%m-%dT%H:%M"),
        "reported_at": timezone.localtime(incident.reported_at).strftime("%Y-%m-%dT%H:%M"),
        "channel": incident.channel,
        "asb_type": incident.asb_type,
        "category": incident.category,
        "description": incident.description,
        "police_reference": incident.police_reference,
        "location_description": incident.location_description,
        "uprn": incident.uprn,
        VERSION_FIELD: version,
    } | changes


def test_stale_incident_form_is_refused_and_shows_what_changed(make_incident: Any, client_as: Any) -> None:
    incident = make_incident("avbc_caseworker", description="test")
    url = f"/cases/incidents/{incident.pk}/change/"
    a, b = client_as("avbc_caseworker"), client_as("avbc_team_manager")
    version_a = _hidden_version(a.get(url).content.decode())
    version_b = _hidden_version(b.get(url).content.decode())
    assert a.post(url, _incident_form(incident, version_a, description="A's full account")).status_code == 302
    # B's form still shows the old description; B changes only the category.
    response = b.post(url, _incident_form(incident, version_b, category="vehicles"))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="edit-conflict"' in body and "Your changes have not been saved" in body
    assert "What happened?" in body.split('data-testid="edit-conflict"', 1)[1].split("</ul>", 1)[0]
    incident.refresh_from_db()
    assert incident.description == "A's full account" and incident.category != "vehicles"
    assert AuditEvent.objects.filter(verb="incident.updated", target_id=str(incident.pk)).count() == 1
    # The form shown again carries the new version: saving it now works and keeps A's text.
    fresh = _hidden_version(body)
    assert fresh != version_b
    assert b.post(url, _incident_form(incident, fresh, category="vehicles")).status_code == 302
    incident.refresh_from_db()
    assert incident.description == "A's full account" and incident.category == "vehicles"


def test_incident_form_without_or_with_a_forged_version_is_refused(
    make_incident: Any, client_as: Any
) -> None:
    incident = make_incident("avbc_caseworker", description="test")
    url = f"/cases/incidents/{incident.pk}/change/"
    client = client_as("avbc_caseworker")
    for version in ("", "forged", make_token(make_incident("avbc_caseworker"), ["description"])):
        response = client.post(url, _incident_form(incident, version, description="changed"))
        assert response.status_code == 200 and "This form is out of date" in response.content.decode()
    incident.refresh_from_db()
    assert incident.description == "test"


def test_stale_person_form_keeps_the_safeguarding_note(make_person: Any, client_as: Any) -> None:
    person = make_person("housing_caseworker", "Pat", "Lostupdate")
    url = f"/people/{person.pk}/change/"
    coordinator = client_as("housing_partnership_coordinator")
    stale = coordinator.get(url).content.decode()
    version = _hidden_version(stale)
    caseworker = client_as("housing_caseworker")
    fresh = _hidden_version(caseworker.get(url).content.decode())
    note = "SAFEGUARDING: lives with a violent partner"
    base = {"kind": "individual", "given_name": "Pat", "family_name": "Lostupdate"}
    assert caseworker.post(url, base | {"vulnerability_notes": note, VERSION_FIELD: fresh}).status_code == 302
    response = coordinator.post(url, base | {"phone": "07700 900123", VERSION_FIELD: version})
    body = response.content.decode()
    assert response.status_code == 200 and 'data-testid="edit-conflict"' in body
    assert "Vulnerabilities" in body and "07700 900123" in body  # what changed; what you entered
    person.refresh_from_db()
    assert person.vulnerability_notes == note and person.phone == ""
    # Saving the refreshed form changes only the phone number.
    again = _hidden_version(body)
    assert (
        coordinator.post(
            url, base | {"vulnerability_notes": note, "phone": "07700 900123", VERSION_FIELD: again}
        ).status_code
        == 302
    )
    person.refresh_from_db()
    assert person.vulnerability_notes == note and person.phone == "07700 900123"


def test_service_refuses_a_stale_version_and_writes_nothing(make_person: Any, persona: Any) -> None:
    person = make_person("housing_caseworker", "Pat", "Servicecheck")
    token_version = person.modified_at.isoformat()
    actor = persona("housing_caseworker")
    person_update(actor=actor, person=person, expected_version=token_version, phone="1")
    stale = type(person).objects.get(pk=person.pk)
    stale.modified_at = timezone.now() - timezone.timedelta(days=1)
    with pytest.raises(EditConflictError):
        person_update(actor=actor, person=stale, expected_version=token_version, phone="2")
    person.refresh_from_db()
    assert person.phone == "1"
    assert set(PERSON_FIELDS) >= {"phone", "vulnerability_notes"}


def test_finding_14_a_restricted_record_stays_visible_to_whoever_restricted_it(client_as: Any) -> None:
    from csphub.people.models import Person

    creator = client_as("avbc_caseworker")
    response = creator.post(
        "/people/new/",
        {"kind": "individual", "given_name": "Staff", "family_name": "Member", "is_restricted": "on"},
    )
    assert response.status_code == 302
    person = Person.objects.get(family_name="Member")
    assert person.is_restricted
    assert creator.get(f"/people/{person.pk}/").status_code == 200
    # Still restricted: a colleague who is not named does not see it.
    assert client_as("avbc_team_manager").get(f"/people/{person.pk}/").status_code == 404
    # The creator can lift the restriction through the edit form.
    page = creator.get(f"/people/{person.pk}/change/").content.decode()
    base = {"kind": "individual", "given_name": "Staff", "family_name": "Member"}
    assert (
        creator.post(
            f"/people/{person.pk}/change/", base | {VERSION_FIELD: _hidden_version(page)}
        ).status_code
        == 302
    )
    assert client_as("avbc_team_manager").get(f"/people/{person.pk}/").status_code == 200
