"""Services: every write validated by the rules, permission-checked and audited in its transaction."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from csphub.audit.models import AuditEvent
from csphub.cases import selectors, services, signals
from csphub.cases.models import (
    AsbType,
    Case,
    CaseOutcome,
    CaseStatus,
    Document,
    Incident,
    PartyRole,
    Task,
    TaskReminder,
)
from csphub.core.errors import ApplicationError, PermissionDeniedError

pytestmark = pytest.mark.django_db

# A point inside Amber Valley LSOA E01019400 (Amber Valley 001A).
POINT_001A = (-1.3745, 53.1030)


def verbs(target: Any) -> list[str]:
    return list(
        AuditEvent.objects.filter(target_id=str(target.pk), verb__startswith=target._meta.model_name + ".")
        .order_by("id")
        .values_list("verb", flat=True)
    )


class TestIncidents:
    def test_record_derives_point_grid_and_lsoa(self, make_incident: Any) -> None:
        from csphub.cases import places

        lon, lat = POINT_001A
        incident = make_incident(longitude=lon, latitude=lat)
        # The national reference says which LSOA that is, and that it is in Amber Valley.
        lsoa = places.reference(boundaries=False).lsoas[incident.lsoa_code]
        assert lsoa.name == "Amber Valley 001A" and lsoa.csp_name == "Amber Valley"
        assert 430_000 < incident.easting_m < 450_000
        assert "incident.recorded" in verbs(incident)

    def test_easting_northing_gives_lonlat(self, make_incident: Any) -> None:
        incident = make_incident(easting_m=440_000, northing_m=350_000)
        assert incident.longitude == pytest.approx(-1.41, abs=0.02)

    def test_bad_dates_save_nothing(self, make_incident: Any) -> None:
        now = timezone.now()
        with pytest.raises(ApplicationError) as err:
            make_incident(occurred_at=now - dt.timedelta(days=1), reported_at=now - dt.timedelta(days=2))
        assert err.value.field == "reported_at"
        with pytest.raises(ApplicationError) as err:
            make_incident(occurred_at=now + dt.timedelta(days=1), reported_at=now + dt.timedelta(days=1))
        assert err.value.message == "The date the incident happened must be today or in the past"
        assert Incident.objects.count() == 0

    def test_half_a_point_is_refused(self, make_incident: Any) -> None:
        with pytest.raises(ApplicationError):
            make_incident(longitude=-1.4)

    def test_analyst_cannot_record(self, make_incident: Any) -> None:
        with pytest.raises(PermissionDeniedError):
            make_incident("avbc_analyst")

    def test_update_audits_field_names_only(self, make_incident: Any, persona: Any) -> None:
        incident = make_incident()
        services.incident_update(
            actor=persona("avbc_caseworker"),
            incident=incident,
            description="Changed text",
            category="harassment",
        )
        event = AuditEvent.objects.filter(verb="incident.updated").get()
        assert event.changed_fields == ["category", "description"]
        assert "Changed" not in event.justification

    def test_other_agency_cannot_update(self, make_incident: Any, persona: Any) -> None:
        incident = make_incident()
        with pytest.raises(PermissionDeniedError):
            services.incident_update(actor=persona("police_caseworker"), incident=incident, description="x")

    def test_recorded_signal(self, make_incident: Any) -> None:
        seen: list[Any] = []

        def receiver(sender: Any, incident: Any, actor: Any, **kwargs: Any) -> None:
            seen.append((incident.pk, actor.username))

        signals.incident_recorded.connect(receiver)
        try:
            incident = make_incident()
        finally:
            signals.incident_recorded.disconnect(receiver)
        assert seen == [(incident.pk, "avbc_caseworker")]


class TestCases:
    def test_open_brings_parties_and_audits(self, make_case: Any) -> None:
        case = make_case()
        assert case.status == CaseStatus.OPEN
        assert [p.role for p in selectors.case_parties(case)] == [PartyRole.VICTIM]
        assert "Ashbrook" in case.search_text
        assert verbs(case) == ["case.opened"]

    def test_workflow_and_closure_rules(self, make_case: Any, persona: Any) -> None:
        case = make_case()
        actor = persona("avbc_caseworker")
        services.case_change_status(actor=actor, case=case, to_status=CaseStatus.INVESTIGATING)
        with pytest.raises(ApplicationError) as err:
            services.case_change_status(actor=actor, case=case, to_status=CaseStatus.CLOSED, reason="Done")
        assert err.value.field == "outcome"
        services.case_change_status(
            actor=actor,
            case=case,
            to_status=CaseStatus.CLOSED,
            reason="Stopped",
            outcome=CaseOutcome.RESOLVED,
        )
        case.refresh_from_db()
        assert case.status == CaseStatus.CLOSED and case.closed_at is not None
        with pytest.raises(ApplicationError):
            services.case_change_status(actor=actor, case=case, to_status=CaseStatus.MONITORING, reason="x")
        with pytest.raises(ApplicationError) as err:
            services.case_change_status(actor=actor, case=case, to_status=CaseStatus.OPEN)
        assert err.value.message == "Enter the reason for reopening the case"
        services.case_change_status(actor=actor, case=case, to_status=CaseStatus.OPEN, reason="New reports")
        case.refresh_from_db()
        assert case.closed_at is None and case.outcome == ""
        assert verbs(case) == ["case.opened", "case.status_changed", "case.closed", "case.reopened"]
        assert [s.to_status for s in case.status_changes.all()] == ["open", "investigating", "closed", "open"]

    def test_incident_added_signal_only_on_open_case(
        self, make_case: Any, make_incident: Any, persona: Any
    ) -> None:
        case = make_case()
        actor = persona("avbc_caseworker")
        seen: list[tuple[int, int]] = []

        def receiver(sender: Any, case: Any, incident: Any, actor: Any, **kwargs: Any) -> None:
            seen.append((case.pk, incident.pk))

        signals.incident_added_to_case.connect(receiver)
        try:
            second = make_incident()
            services.case_add_incident(actor=actor, case=case, incident=second)
            services.case_add_incident(
                actor=actor, case=case, incident=second
            )  # idempotent, no second signal
            services.case_change_status(
                actor=actor, case=case, to_status=CaseStatus.CLOSED, reason="r", outcome=CaseOutcome.RESOLVED
            )
            with pytest.raises(ApplicationError):
                services.case_add_incident(actor=actor, case=case, incident=make_incident())
        finally:
            signals.incident_added_to_case.disconnect(receiver)
        assert seen == [(case.pk, second.pk)]

    def test_cannot_open_case_from_invisible_incident(self, make_incident: Any, persona: Any) -> None:
        incident = make_incident("police_caseworker")
        with pytest.raises(PermissionDeniedError):
            services.case_open(actor=persona("avbc_caseworker"), incidents=[incident], summary="x")

    def test_export_is_audited(self, make_case: Any, persona: Any) -> None:
        make_case()
        user = persona("avbc_caseworker")
        from csphub.agencies.policies import Action

        body = services.case_export_csv(
            actor=user,
            cases=selectors.case_list_visible_to(user, action=Action.EXPORT),
            filters_description="t",
        )
        assert body.splitlines()[0].startswith("reference,status")
        assert len(body.splitlines()) == 2
        assert AuditEvent.objects.filter(verb="case.exported", actor=user).exists()


class TestRelatedAndRepeat:
    def test_related_prompt_finds_same_victim_and_address(
        self, make_case: Any, make_incident: Any, persona: Any
    ) -> None:
        case = make_case()
        victim = case.parties.get().person
        new = make_incident(parties=[(victim, PartyRole.VICTIM)])
        related = selectors.related_records_for_incident(user=persona("avbc_caseworker"), incident=new)
        kinds = {(r.kind, r.record.pk) for r in related}
        assert ("case", case.pk) in kinds
        assert all("Same victim" in r.reason_labels for r in related)

    def test_related_prompt_only_shows_visible_records(
        self, make_case: Any, make_incident: Any, persona: Any
    ) -> None:
        police_case = make_case("police_caseworker")
        victim = police_case.parties.get().person
        # avbc cannot see the police person, so links by pk exercise the policy, not the form.
        related = selectors.related_records(
            user=persona("avbc_caseworker"), when=timezone.now(), victim_ids=[victim.pk]
        )
        assert related == []

    def test_repeat_victim_three_in_three_months(
        self, make_incident: Any, make_person: Any, persona: Any
    ) -> None:
        victim = make_person()
        for days in (5, 30, 60):
            make_incident(days_ago=days, parties=[(victim, PartyRole.VICTIM)])
        decision = selectors.repeat_victim_decision(user=persona("avbc_caseworker"), person=victim)
        assert decision.is_repeat and decision.count == 3
        # Another agency cannot see those incidents, so the flag does not leak to it.
        assert not selectors.repeat_victim_decision(
            user=persona("police_caseworker"), person=victim
        ).is_repeat

    def test_dissimilar_incidents_do_not_flag(
        self, make_incident: Any, make_person: Any, persona: Any
    ) -> None:
        victim = make_person()
        for days, asb_type in ((5, AsbType.PERSONAL), (30, AsbType.NUISANCE), (60, AsbType.PERSONAL)):
            make_incident(days_ago=days, asb_type=asb_type, parties=[(victim, PartyRole.VICTIM)])
        assert not selectors.repeat_victim_decision(user=persona("avbc_caseworker"), person=victim).is_repeat

    def test_case_page_flags_and_prompts_as_the_standalone_selectors_do(
        self, make_incident: Any, make_person: Any, persona: Any
    ) -> None:
        """The case page reads the parties' incidents and cases once for the repeat-victim flag and
        the related-records prompt; it must answer exactly as the selectors that read them apart."""
        from csphub.core.actor import as_actor

        user = persona("avbc_caseworker")
        victim, perpetrator = make_person(given="Vic", family="Page"), make_person(given="Per", family="Page")
        first = make_incident(
            days_ago=5, parties=[(victim, PartyRole.VICTIM), (perpetrator, PartyRole.ALLEGED_PERPETRATOR)]
        )
        case = services.case_open(actor=user, incidents=[first], summary="Page")
        # Two more incidents with the same victim (a repeat victim: three in three months), one with
        # the same alleged perpetrator, another open case for the victim, and another agency's
        # incident, which must neither flag nor prompt.
        others = [make_incident(days_ago=d, parties=[(victim, PartyRole.VICTIM)]) for d in (20, 40)]
        by_perpetrator = make_incident(days_ago=9, parties=[(perpetrator, PartyRole.ALLEGED_PERPETRATOR)])
        other_case = services.case_open(actor=user, incidents=[others[0]], summary="Other")
        police_victim = make_person("police_caseworker", "Vic", "Page")
        make_incident("police_caseworker", days_ago=2, parties=[(police_victim, PartyRole.VICTIM)])

        page = selectors.case_page(as_actor(user), case.pk)  # type: ignore[arg-type]

        standalone = selectors.repeat_victims_among(user=user, people=[victim])
        assert {pk: (d.count, d.matching) for pk, d in page.repeat_victims.items()} == {
            pk: (d.count, d.matching) for pk, d in standalone.items()
        }
        assert victim.pk in page.repeat_victims and page.repeat_victims[victim.pk].count == 3
        expected = selectors.related_records(
            user=user,
            when=timezone.now(),
            victim_ids=[victim.pk],
            perpetrator_ids=[perpetrator.pk],
            exclude_incident_ids=[first.pk],
            exclude_case_ids=[case.pk],
        )
        assert page.related is not None
        found = {(r.kind, r.record.pk, frozenset(r.reasons)) for r in page.related}
        assert found == {(r.kind, r.record.pk, frozenset(r.reasons)) for r in expected}
        assert {("case", other_case.pk), ("incident", by_perpetrator.pk)} <= {(k, pk) for k, pk, _ in found}
        assert [p.person_id for p in page.parties] == [p.person_id for p in selectors.case_parties(case)]


class TestTasksAndReminders:
    def test_task_create_and_reminders_idempotent(self, make_case: Any, persona: Any) -> None:
        case = make_case()
        officer = persona("avbc_caseworker")
        today = timezone.localdate()
        services.task_create(
            actor=officer, case=case, owner=officer, title="Visit", due_on=today - dt.timedelta(days=1)
        )
        services.task_create(
            actor=officer, case=case, owner=officer, title="Call", due_on=today + dt.timedelta(days=1)
        )
        services.task_create(
            actor=officer, case=case, owner=officer, title="Later", due_on=today + dt.timedelta(days=30)
        )

        with_commit = services.reminders_send(today=today)
        assert with_commit == {"owners": 1, "tasks": 2, "skipped": 0}
        assert TaskReminder.objects.count() == 2
        again = services.reminders_send(today=today)
        assert again == {"owners": 0, "tasks": 0, "skipped": 2}
        assert TaskReminder.objects.count() == 2
        assert services.reminders_send(today=today, dry_run=True)["tasks"] == 0

    def test_reminder_email_sent_on_commit(
        self, make_case: Any, persona: Any, django_capture_on_commit_callbacks: Any
    ) -> None:
        case = make_case()
        officer = persona("avbc_caseworker")
        services.task_create(
            actor=officer, case=case, owner=officer, title="Visit", due_on=timezone.localdate()
        )
        with django_capture_on_commit_callbacks(execute=True):
            services.reminders_send()
        assert len(mail.outbox) == 1
        assert "Visit" in mail.outbox[0].body and case.reference in mail.outbox[0].body

    def test_other_agency_cannot_add_task_to_case(self, make_case: Any, persona: Any) -> None:
        case = make_case()
        police = persona("police_caseworker")
        with pytest.raises(PermissionDeniedError):
            services.task_create(
                actor=police, case=case, owner=police, title="x", due_on=timezone.localdate()
            )

    def test_task_linked_record(self, make_case: Any, persona: Any) -> None:
        case = make_case()
        officer = persona("avbc_caseworker")
        task = services.task_create(
            actor=officer,
            case=case,
            owner=officer,
            title="Hearing",
            due_on=timezone.localdate(),
            source="powers.closure.hearing",
            linked=case,
        )
        assert task.linked_type == "cases.case" and task.linked_id == case.pk
        services.task_complete(actor=officer, task=task)
        assert Task.objects.get(pk=task.pk).status == "done"


class TestDocuments:
    def test_upload_checks_magic_bytes_and_stores_outside_web_root(
        self, make_case: Any, persona: Any, settings: Any, tmp_path: Any
    ) -> None:
        settings.PRIVATE_MEDIA_ROOT = tmp_path
        case = make_case()
        officer = persona("avbc_caseworker")
        data = b"%PDF-1.7\n" + b"x" * 100
        document = services.document_upload(
            actor=officer,
            case=case,
            file=io.BytesIO(data),
            filename="letter.pdf",
            size_bytes=len(data),
            title="Letter",
        )
        stored = tmp_path / "cases" / document.stored_name
        assert stored.read_bytes() == data
        with pytest.raises(ApplicationError):
            services.document_upload(
                actor=officer,
                case=case,
                file=io.BytesIO(b"MZ\x90\x00"),
                filename="a.pdf",
                size_bytes=4,
                title="Bad",
            )
        assert Document.objects.count() == 1
        assert len([p for p in (tmp_path / "cases").iterdir() if p.is_file()]) == 1
        assert not any((tmp_path / "cases" / ".incoming").glob("*"))  # nothing left half-stored

    def test_case_count(self) -> None:
        assert Case.objects.count() == 0
