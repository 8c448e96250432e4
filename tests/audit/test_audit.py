"""The audit trail: one event per view, rolled back with a failed change, append-only."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from csphub.audit.models import AuditEvent, CaseworkVerb
from csphub.audit.services import audit_record
from csphub.people.models import Person
from csphub.people.services import person_create, person_update

pytestmark = pytest.mark.django_db


def test_viewing_a_person_creates_exactly_one_viewed_event(persona: Any, client_as: Any) -> None:
    person = person_create(actor=persona("avbc_caseworker"), given_name="Viewed", family_name="Once")
    before = AuditEvent.objects.filter(verb="person.viewed").count()
    response = client_as("avbc_caseworker").get(f"/people/{person.pk}/")
    assert response.status_code == 200
    events = AuditEvent.objects.filter(verb="person.viewed", target_id=str(person.pk))
    assert events.count() == before + 1 == 1
    event = events.get()
    assert event.actor.username == "avbc_caseworker"
    assert event.acting_agency.slug == "avbc"
    assert event.acting_role == "caseworker"


def test_a_refused_view_records_no_viewed_event(persona: Any, client_as: Any) -> None:
    person = person_create(actor=persona("police_caseworker"), given_name="Hidden", family_name="Person")
    assert client_as("avbc_caseworker").get(f"/people/{person.pk}/").status_code == 404
    assert not AuditEvent.objects.filter(verb="person.viewed", target_id=str(person.pk)).exists()


def test_change_records_field_names_not_values(persona: Any) -> None:
    actor = persona("avbc_caseworker")
    person = person_create(actor=actor, given_name="Old", family_name="Name")
    person_update(actor=actor, person=person, given_name="Newname", phone="07700900123")
    event = AuditEvent.objects.filter(verb="person.updated").get()
    assert event.changed_fields == ["given_name", "phone"]
    stored = str(event.changed_fields) + event.justification
    assert "Newname" not in stored and "07700900123" not in stored


def test_audit_refuses_values_in_changed_fields(persona: Any) -> None:
    with pytest.raises(ValueError, match="names"):
        audit_record(actor=persona("avbc_caseworker"), verb="person.updated", changed_fields=["Jo Bloggs"])


def test_audit_refuses_badly_formed_verbs(persona: Any) -> None:
    with pytest.raises(ValueError):
        audit_record(actor=persona("avbc_caseworker"), verb="Viewed person")


def test_audit_refuses_a_verb_not_in_the_closed_list(persona: Any) -> None:
    """Well formed is not enough: the verb must be one of AuditVerb."""
    before = AuditEvent.objects.count()
    with pytest.raises(ValueError, match="AuditVerb"):
        audit_record(actor=persona("avbc_caseworker"), verb="person.teleported")
    assert AuditEvent.objects.count() == before


def test_audit_takes_the_actor_and_records_its_membership(persona: Any) -> None:
    from csphub.agencies.policies import acting_membership
    from csphub.core.actor import Actor

    user = persona("avbc_caseworker")
    actor = Actor(user=user, membership=acting_membership(user))
    event = audit_record(actor=actor, verb=CaseworkVerb.PERSON_VIEWED)
    assert (event.actor, event.acting_agency.slug, event.acting_role) == (user, "avbc", "caseworker")
    assert event.verb == "person.viewed"
    assert event.verb_label == "Viewed a person"


def test_failed_audit_write_rolls_back_the_change(persona: Any) -> None:
    actor = persona("avbc_caseworker")
    with (
        mock.patch.object(AuditEvent.objects, "create", side_effect=IntegrityError("audit down")),
        pytest.raises(IntegrityError),
    ):
        person_create(actor=actor, given_name="Never", family_name="Saved")
    assert not Person.objects.filter(family_name="Saved").exists()


def test_no_code_path_edits_an_event(persona: Any) -> None:
    event = audit_record(actor=persona("avbc_caseworker"), verb="person.viewed")
    event.verb = "person.changed"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(verb="x.y")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_database_rejects_update_of_an_audit_row(persona: Any) -> None:
    """On PostgreSQL a trigger rejects UPDATE and DELETE; on SQLite a trigger rejects UPDATE."""
    event = audit_record(actor=persona("avbc_caseworker"), verb="person.viewed")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_auditevent SET verb = 'x.tampered' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).verb == "person.viewed"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="DELETE trigger is PostgreSQL only")
def test_postgres_rejects_delete_of_an_audit_row(persona: Any) -> None:
    event = audit_record(actor=persona("avbc_caseworker"), verb="person.viewed")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_who_has_seen_this_person_page(persona: Any, client_as: Any) -> None:
    person = person_create(actor=persona("avbc_caseworker"), given_name="Seen", family_name="Often")
    client_as("avbc_caseworker").get(f"/people/{person.pk}/")
    coordinator = client_as("avbc_partnership_coordinator")
    response = coordinator.get(f"/people/{person.pk}/seen-by/")
    assert response.status_code == 200
    body = response.content.decode()
    # The page says what happened in plain English, never the internal code.
    assert "Viewed a person" in body and "Added a person" in body
    assert "person.viewed" not in body and "person.created" not in body
    # Filter by an agency that never looked: nothing.
    from csphub.agencies.models import Agency

    fire = Agency.objects.get(slug="fire")
    filtered = coordinator.get(f"/people/{person.pk}/seen-by/?agency={fire.pk}")
    assert "Viewed a person" not in filtered.content.decode()
    # Administrators may see it; caseworkers may not.
    assert client_as("avbc_administrator").get(f"/people/{person.pk}/seen-by/").status_code == 200
    assert client_as("avbc_caseworker").get(f"/people/{person.pk}/seen-by/").status_code == 404


def test_administrator_finds_a_person_to_audit_without_opening_the_record(
    persona: Any, client_as: Any
) -> None:
    person = person_create(actor=persona("avbc_caseworker"), given_name="Audit", family_name="Target")
    admin = client_as("avbc_administrator")
    listing = admin.get("/people/?q=Target").content.decode()
    assert f"/people/{person.pk}/seen-by/" in listing and f'href="/people/{person.pk}/"' not in listing
    assert admin.get(f"/people/{person.pk}/").status_code == 404
    # Another agency's people are not listed for this administrator.
    other = person_create(actor=persona("police_caseworker"), given_name="Police", family_name="Target")
    assert f"/people/{other.pk}/seen-by/" not in admin.get("/people/?q=Target").content.decode()
