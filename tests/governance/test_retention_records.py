"""Disposal of incidents on no case and people on no case or incident, on their own schedules
(UK GDPR Art 5(1)(e)): both sides of the retention date, legal holds, dry runs and tombstones."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from csphub.audit.models import AuditEvent
from csphub.cases.models import Incident
from csphub.governance import services
from csphub.governance.models import Tombstone
from csphub.people.models import Person

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 26)


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


def test_incidents_on_no_case_go_the_day_after_six_years_unless_held(world: Any, persona: Any) -> None:
    from csphub.cases.services import incident_record

    def incident(day: dt.date) -> Any:
        return incident_record(
            actor=persona("avbc_caseworker"),
            occurred_at=_aware(day),
            reported_at=_aware(day),
            channel="phone",
            asb_type="personal",
            category="noise",
            description="Noise",
            location_description="Example Street",
        )

    past = incident(dt.date(2020, 11, 25))  # kept until 25 November 2026: goes on the 26th
    on_the_day = incident(dt.date(2020, 11, 26))  # kept until today
    held = incident(dt.date(2019, 1, 1))
    services.legal_hold_place(actor=None, target=held, reason="Inquest")
    dry = services.retention_purge(actor=None, today=TODAY, dry_run=True, record_type="incident")
    assert {i.reference for i in dry.disposed} == {past.reference}
    assert Incident.objects.filter(pk=past.pk).exists()
    result = services.retention_purge(actor=None, today=TODAY, dry_run=False, record_type="incident")
    assert {i.reference for i in result.disposed} == {past.reference}
    assert [i.reference for i in result.items if i.action == "hold"] == [held.reference]
    assert not Incident.objects.filter(pk=past.pk).exists()
    assert Incident.objects.filter(pk__in=[on_the_day.pk, held.pk]).count() == 2
    tomb = Tombstone.objects.get(record_type="incident", reference=past.reference)
    assert tomb.asb_type == "personal" and tomb.retained_until == dt.date(2026, 11, 25)
    assert AuditEvent.objects.filter(verb="incident.disposed", target_id=str(tomb.pk)).exists()
    # The next day the one kept until today goes too.
    later = services.retention_purge(
        actor=None, today=TODAY + dt.timedelta(days=1), dry_run=False, record_type="incident"
    )
    assert {i.reference for i in later.disposed} == {on_the_day.reference}


def test_people_on_no_case_or_incident_go_after_six_years_from_their_last_change(
    world: Any, persona: Any
) -> None:
    from csphub.people.services import person_create

    actor = persona("avbc_caseworker")
    old = person_create(actor=actor, given_name="Old", family_name="Record")
    recent = person_create(actor=actor, given_name="Recent", family_name="Record")
    held = person_create(actor=actor, given_name="Held", family_name="Record")
    Person.objects.filter(pk__in=[old.pk, held.pk]).update(modified_at=_aware(dt.date(2020, 11, 25)))
    Person.objects.filter(pk=recent.pk).update(modified_at=_aware(dt.date(2020, 11, 26)))
    services.legal_hold_place(actor=None, target=held, reason="Possession proceedings")
    old_pk = old.pk
    result = services.retention_purge(actor=None, today=TODAY, dry_run=False, record_type="person")
    assert f"PER-{old_pk:06d}" in {i.reference for i in result.disposed}
    assert not Person.objects.filter(pk=old_pk).exists()
    assert Person.objects.filter(pk__in=[recent.pk, held.pk]).count() == 2
    tomb = Tombstone.objects.get(record_type="person", reference=f"PER-{old_pk:06d}")
    assert "Record" not in str(tomb.__dict__)  # the tombstone names no one
    assert AuditEvent.objects.filter(verb="person.disposed", target_id=str(tomb.pk)).exists()


def test_a_hold_on_a_person_keeps_the_incidents_on_no_case_they_are_party_to(
    world: Any, persona: Any
) -> None:
    """A hold on a person keeps every record about them (docs/governance.md: a person's hold keeps
    every case they are party to); an incident on no case that names them is one of those records."""
    from csphub.cases.services import incident_record
    from csphub.people.services import person_create

    caseworker = persona("avbc_caseworker")
    held_person = person_create(actor=caseworker, given_name="Sam", family_name="Held-Person")
    other = person_create(actor=caseworker, given_name="Jo", family_name="Not-Held")

    def incident(person: Any) -> Any:
        return incident_record(
            actor=caseworker,
            occurred_at=_aware(dt.date(2019, 1, 1)),
            reported_at=_aware(dt.date(2019, 1, 1)),
            channel="phone",
            asb_type="personal",
            category="noise",
            description="Noise",
            location_description="Example Street",
            parties=[(person, "alleged_perpetrator")],
        )

    names_held, names_other = incident(held_person), incident(other)
    services.legal_hold_place(actor=None, target=held_person, reason="Possession proceedings")
    result = services.retention_purge(actor=None, today=TODAY, dry_run=False, record_type="incident")
    by_ref = {i.reference: i for i in result.items}
    assert by_ref[names_held.reference].action == "hold"
    assert "person hold: Possession proceedings" in by_ref[names_held.reference].why
    assert by_ref[names_other.reference].action == "dispose"
    assert Incident.objects.filter(pk=names_held.pk).exists()
    assert not Incident.objects.filter(pk=names_other.pk).exists()
    assert result.run.held == 1
