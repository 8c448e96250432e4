"""The modern slavery register on a real database: routes, the notification task, the compartment,
the audit trail, and an anonymous export that carries no identifier (MSA 2015 s.52(3))."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from csphub.agencies.policies import Action, Compartment
from csphub.audit.models import AuditEvent
from csphub.cases import services as cases
from csphub.cases.models import PartyRole, Task, TaskStatus
from csphub.core.actor import Actor
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.duties.models import NotificationStatus, SlaveryConcern
from csphub.duties.rules import slavery as rules
from csphub.duties.services import slavery as services
from csphub.people.services import person_create

pytestmark = pytest.mark.django_db

ActorOf = Callable[[str], Actor]


def _concern(actor: Actor, **overrides: Any) -> SlaveryConcern:
    values: dict[str, Any] = {
        "actor": actor,
        "grounds_date": timezone.localdate() - dt.timedelta(days=1),
        "grounds": "Several men living at the flat, passports held by the tenant",
        "exploitation": "criminal",
        "age_basis": rules.ADULT,
        "consent": rules.CONSENT_REFUSED,
        "exploitation_area": "Ripley",
        "gender": "Male",
        "nationality": "Albanian",
    }
    values.update(overrides)
    return services.slavery_concern_record(**values)


def test_msa_2015_s52_recording_grounds_creates_the_mandatory_notification_task(actor: ActorOf) -> None:
    officer = actor("avbc_caseworker")
    concern = _concern(officer)
    task = Task.objects.get(pk=concern.notification_task_id)
    assert task.owner_id == officer.user.pk
    assert task.status == TaskStatus.OPEN
    assert task.source == services.TASK_SOURCE
    assert task.due_on == rules.notification_due_on(concern.grounds_date)
    assert concern.route == rules.ANONYMOUS_DTN
    assert concern.status == NotificationStatus.DUE
    assert concern.reference not in task.details and "Albanian" not in task.title


def test_msa_2015_s51_presumed_child_is_referred_without_consent(actor: ActorOf) -> None:
    concern = _concern(actor("avbc_caseworker"), age_basis=rules.MAY_BE_CHILD, consent=rules.CONSENT_REFUSED)
    assert concern.route == rules.NRM
    assert concern.consent == ""  # consent is not asked of a child


def test_msa_2015_s52_3_consenting_adult_is_an_nrm_referral_with_evidence(actor: ActorOf) -> None:
    officer = actor("avbc_caseworker")
    with pytest.raises(ApplicationError) as refused:
        _concern(officer, consent=rules.CONSENT_GIVEN)
    assert refused.value.field == "consent_evidence"
    concern = _concern(
        officer, consent=rules.CONSENT_GIVEN, consent_evidence="Signed the NRM consent form today"
    )
    assert concern.route == rules.NRM


def test_msa_2015_s51_a_recorded_date_of_birth_under_18_overrides_an_adult_answer(actor: ActorOf) -> None:
    officer = actor("avbc_caseworker")
    grounds_date = timezone.localdate() - dt.timedelta(days=1)
    born = rules.eighteenth_birthday(grounds_date).replace(year=grounds_date.year - 18)
    # turns 18 the day after the grounds date: still a child on that date
    child = person_create(
        actor=officer.user,
        given_name="Young",
        family_name="Person",
        date_of_birth=born + dt.timedelta(days=1),
    )
    with pytest.raises(ApplicationError) as refused:
        _concern(officer, person=child, grounds_date=grounds_date)
    assert refused.value.field == "age_basis"
    # turned 18 on the grounds date: an adult, the adult answer stands
    adult = person_create(actor=officer.user, given_name="Just", family_name="Adult", date_of_birth=born)
    assert _concern(officer, person=adult, grounds_date=grounds_date).route == rules.ANONYMOUS_DTN


def test_msa_2015_s52_grounds_date_not_in_the_future(actor: ActorOf) -> None:
    officer = actor("avbc_caseworker")
    today = timezone.localdate()
    assert _concern(officer, grounds_date=today).grounds_date == today
    with pytest.raises(ApplicationError) as refused:
        _concern(officer, grounds_date=today + dt.timedelta(days=1))
    assert refused.value.field == "grounds_date"


def test_roles_without_casework_cannot_record(actor: ActorOf) -> None:
    for username in ("avbc_partner_viewer", "avbc_analyst", "avbc_board_member", "avbc_administrator"):
        with pytest.raises(PermissionDeniedError):
            _concern(actor(username))


def test_compartment_the_recorder_and_the_agency_leads_see_it_nobody_else(
    actor: ActorOf, make_member: Callable[..., Any]
) -> None:
    officer = actor("avbc_caseworker")
    concern = _concern(officer)
    make_member("avbc_team_manager", Compartment.MODERN_SLAVERY)
    make_member("police_caseworker", Compartment.MODERN_SLAVERY)  # a lead in another agency
    lead = actor("avbc_team_manager")
    assert officer.policy.can(Action.VIEW, concern)
    assert lead.policy.can(Action.VIEW, concern)
    assert list(lead.policy.visible(Action.VIEW, SlaveryConcern)) == [concern]
    others = (
        "avbc_partnership_coordinator",
        "avbc_partner_viewer",
        "avbc_analyst",
        "avbc_board_member",
        "avbc_administrator",
        "housing_caseworker",
        "police_caseworker",
    )
    for username in others:
        other = actor(username)
        assert not other.policy.can(Action.VIEW, concern), username
        assert not other.policy.visible(Action.VIEW, SlaveryConcern).exists(), username


def test_compartment_administrators_can_never_be_members(
    actor: ActorOf, make_member: Callable[..., Any]
) -> None:
    with pytest.raises(ApplicationError):
        make_member("avbc_administrator", Compartment.MODERN_SLAVERY)


def test_msa_2015_s52_recording_the_notification_stores_the_home_office_reference(actor: ActorOf) -> None:
    officer = actor("avbc_caseworker")
    concern = _concern(officer)
    with pytest.raises(ApplicationError) as refused:
        services.slavery_notification_record(
            actor=officer,
            concern=concern,
            notified_on=concern.grounds_date - dt.timedelta(days=1),
            home_office_reference="DTN-1",
        )
    assert refused.value.field == "notified_on"
    services.slavery_notification_record(
        actor=officer,
        concern=concern,
        notified_on=concern.grounds_date,
        home_office_reference=" DTN-2026-0042 ",
    )
    concern.refresh_from_db()
    assert concern.status == NotificationStatus.NOTIFIED
    assert concern.home_office_reference == "DTN-2026-0042"
    assert Task.objects.get(pk=concern.notification_task_id).status == TaskStatus.DONE
    with pytest.raises(ApplicationError):
        services.slavery_notification_record(
            actor=officer, concern=concern, notified_on=concern.grounds_date, home_office_reference="again"
        )
    verbs = list(
        AuditEvent.objects.filter(target_id=str(concern.pk), verb__startswith="slaveryconcern.").values_list(
            "verb", flat=True
        )
    )
    assert {"slaveryconcern.recorded", "slaveryconcern.user_named", "slaveryconcern.notified"} <= set(verbs)


def test_audit_events_carry_field_names_never_values(actor: ActorOf) -> None:
    concern = _concern(actor("avbc_caseworker"))
    for event in AuditEvent.objects.filter(target_id=str(concern.pk)):
        assert "Albanian" not in str(event.changed_fields) and "passports" not in event.justification


IDENTIFIERS = {
    "given_name": "Zebedee",
    "family_name": "Quillfeather",
    "known_as": "Zeb the Quiet",
    "date_of_birth": dt.date(1990, 4, 17),
    "phone": "07700 900123",
    "email": "zq@example.invalid",
}


def test_msa_2015_s52_3_anonymous_export_carries_no_identifier_field_by_field(
    actor: ActorOf, client_as: Callable[[str], Any]
) -> None:
    officer = actor("avbc_caseworker")
    person = person_create(actor=officer.user, **IDENTIFIERS)
    now = dt.datetime.now(dt.UTC)
    incident = cases.incident_record(
        actor=officer.user,
        occurred_at=now - dt.timedelta(days=2),
        reported_at=now - dt.timedelta(days=1),
        channel="phone",
        asb_type="nuisance",
        category="other",
        description="Cuckooing at the flat",
        parties=[(person, PartyRole.VICTIM)],
    )
    case = cases.case_open(actor=officer.user, incidents=[incident], summary="Cuckooing")
    concern = _concern(
        officer,
        person=person,
        case=case,
        consent=rules.CONSENT_REFUSED,
        grounds="Quillfeather's flat taken over; Zebedee works unpaid",
    )
    response = client_as("avbc_caseworker").get(f"/duties/modern-slavery/{concern.pk}/notification.csv")
    assert response.status_code == 200
    body = response.content.decode()
    exported = dict(csv.reader(io.StringIO(body)))
    # every identifying value of the person, the case and the record, one by one
    checks = {
        **{name: str(value) for name, value in IDENTIFIERS.items()},
        "date_of_birth (as shown)": "17 April 1990",
        "case reference": case.reference,
        "concern reference": concern.reference,
        "person id": f"/people/{person.pk}/",
        "grounds": concern.grounds,
        "grounds (name inside)": "Quillfeather",
    }
    for field, value in checks.items():
        assert value not in body, f"{field} leaked into the anonymous notification"
    # what it does carry: the non-identifying facts the Home Office asks for
    assert exported["Route"] == "Anonymous duty to notify"
    assert exported["Adult or child"] == "Adult"
    assert exported["Nationality"] == "Albanian"
    assert exported["Type of exploitation"].startswith("Criminal exploitation")
    assert set(exported) - {"Question"} == {
        label for key, label in rules.NOTIFICATION_FIELDS if key in rules.ANONYMOUS_FIELDS
    }
    assert AuditEvent.objects.filter(target_id=str(concern.pk), verb="slaveryconcern.exported").count() == 1


def test_msa_2015_s52_nrm_export_of_a_consenting_adult_names_them(
    actor: ActorOf, client_as: Callable[[str], Any]
) -> None:
    officer = actor("avbc_caseworker")
    person = person_create(actor=officer.user, **IDENTIFIERS)
    concern = _concern(officer, person=person, consent=rules.CONSENT_GIVEN, consent_evidence="Signed today")
    body = (
        client_as("avbc_caseworker")
        .get(f"/duties/modern-slavery/{concern.pk}/notification.csv")
        .content.decode()
    )
    assert "Quillfeather" in body and "17 April 1990" in body


def test_yearly_counts_by_route(actor: ActorOf, make_member: Callable[..., Any]) -> None:
    from csphub.duties.selectors.slavery import yearly_counts

    officer = actor("avbc_caseworker")
    first = _concern(officer)
    second = _concern(officer, consent=rules.CONSENT_GIVEN, consent_evidence="Verbal, recorded in notes")
    for concern in (first, second):
        services.slavery_notification_record(
            actor=officer, concern=concern, notified_on=concern.grounds_date, home_office_reference="R"
        )
    year = first.grounds_date.year
    assert yearly_counts(officer) == {year: {rules.NRM: 1, rules.ANONYMOUS_DTN: 1}}
    make_member("avbc_team_manager", Compartment.MODERN_SLAVERY)
    assert yearly_counts(actor("avbc_team_manager")) == {year: {rules.NRM: 1, rules.ANONYMOUS_DTN: 1}}
    assert yearly_counts(actor("housing_caseworker")) == {}
