"""Disposal against a seeded database: exactly the closed cases past their retention date and not on
legal hold go; each leaves a tombstone; every run is audited; the Case Review figures do not move."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from click.testing import CliRunner
from django.utils import timezone

from csphub.audit.models import AuditEvent, CaseworkVerb, GovernanceVerb
from csphub.cases.models import Case, Note
from csphub.governance import services
from csphub.governance.models import DisposalRun, LegalHold, Tombstone

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 26)


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


@pytest.fixture
def seed(world: Any, persona: Any) -> Any:
    from csphub.cases.services import case_change_status, case_open, incident_record, note_add
    from csphub.people.services import person_create

    def make_case(by: str, closed_on: dt.date | None, *, victim: Any = None) -> Case:
        actor = persona(by)
        incident = incident_record(
            actor=actor,
            occurred_at=_aware(dt.date(2018, 5, 1)),
            reported_at=_aware(dt.date(2018, 5, 1)),
            channel="phone",
            asb_type="personal",
            category="noise",
            description="Loud music and shouting late at night",
            location_description="Example Street, Ripley",
            parties=[(victim, "victim")] if victim is not None else [],
        )
        case = case_open(actor=actor, incidents=[incident], summary="Noise from the flat above")
        note_add(actor=actor, case=case, text="Spoke to the victim about the noise")
        if closed_on is not None:
            case = case_change_status(
                actor=actor, case=case, to_status="closed", reason="Behaviour stopped", outcome="resolved"
            )
            Case.objects.filter(pk=case.pk).update(closed_at=_aware(closed_on))
        return case

    victim = person_create(actor=persona("avbc_caseworker"), given_name="Sam", family_name="Held-Person")

    class Seed:
        past = make_case("avbc_caseworker", dt.date(2020, 11, 25))  # 6 years ended 25 Nov 2026
        on_the_day = make_case("avbc_caseworker", dt.date(2020, 11, 26))  # last day kept is today
        case_held = make_case("avbc_caseworker", dt.date(2019, 6, 1))
        person_held = make_case("avbc_caseworker", dt.date(2019, 6, 1), victim=victim)
        police_longer = make_case("police_caseworker", dt.date(2019, 6, 1))  # police keep 10 years
        still_open = make_case("avbc_caseworker", None)
        person = victim

    services.legal_hold_place(actor=None, target=Seed.case_held, reason="Civil claim pending")
    services.legal_hold_place(actor=None, target=victim, reason="Possession proceedings")
    services.retention_rule_set(
        actor=None,
        record_type="case",
        agency=world.agencies["police"],
        years=10,
        reason="Police records of ASB kept for 10 years",
        policy_source="Derbyshire Constabulary records retention schedule",
    )
    return Seed


def _figures(area: Any) -> Any:
    from csphub.casereviews import rules as cr_rules
    from csphub.casereviews.selectors import publication_for

    return [publication_for(area, year=cr_rules.ReportingYear(y)).figures for y in (2019, 2020, 2025, 2026)]


def test_dry_run_lists_what_would_go_and_deletes_nothing(seed: Any) -> None:
    result = services.retention_purge(actor=None, today=TODAY, dry_run=True)
    by_ref = {i.reference: i for i in result.items}
    assert by_ref[seed.past.reference].action == "dispose"
    assert "ended on 25 November 2026" in by_ref[seed.past.reference].why
    assert by_ref[seed.case_held.reference].action == "hold"
    assert "Civil claim pending" in by_ref[seed.case_held.reference].why
    assert by_ref[seed.person_held.reference].action == "hold"
    assert "Possession proceedings" in by_ref[seed.person_held.reference].why
    assert seed.on_the_day.reference not in by_ref
    assert seed.police_longer.reference not in by_ref
    assert Case.objects.count() == 6 and not Tombstone.objects.exists()
    run = DisposalRun.objects.get()
    assert (run.dry_run, run.disposed, run.held) == (True, 1, 2)
    assert (
        AuditEvent.objects.filter(verb=GovernanceVerb.RETENTION_DRY_RUN, target_id=str(run.pk)).count() == 1
    )
    assert not AuditEvent.objects.filter(verb=CaseworkVerb.CASE_DISPOSED).exists()


def test_disposal_removes_exactly_the_due_cases_and_keeps_tombstones_and_figures(
    seed: Any, world: Any, persona: Any
) -> None:
    from csphub.casereviews.services import application_link_incident, application_submit, area_configure

    area = area_configure(
        actor=None,
        name="Amber Valley",
        slug="amber-valley",
        managing_agency=world.agencies["avbc"],
        contact_team="Community Safety Team",
        contact_email="community.safety@example.gov.uk",
        contact_phone="01773 000000",
        appeal_body_name="the Derbyshire Police and Crime Commissioner",
        appeal_body_contact="Office of the PCC, Butterley Hall, Ripley",
        relevant_bodies=[world.agencies[s] for s in ("avbc", "police", "nhs", "housing")],
        sharing_agreement=world.asb_isa,
        default_spoc=persona("avbc_caseworker"),
    )
    # A Case Review application in 2020 that relied on the incident of the case now due.
    application = application_submit(
        actor=persona("avbc_caseworker"),
        area=area,
        channel="phone",
        today=dt.date(2020, 9, 1),
        received_on=dt.date(2020, 9, 1),
        applicant_name="Jo Resident",
        contact_preference="email",
        applicant_email="jo@example.org",
        behaviour_description="Loud music every night",
        behaviour_location="Example Street, Ripley",
        behaviour_first_on=dt.date(2020, 6, 1),
        behaviour_last_on=dt.date(2020, 8, 20),
        reports_described="Council three times",
    )
    application_link_incident(
        actor=persona("avbc_caseworker"), application=application, incident=seed.past.incidents.get()
    )
    before = _figures(area)
    assert before[1].applications == 1  # 2020/21 counts the application (not a vacuous comparison)
    past_pk, notes_before = seed.past.pk, Note.objects.filter(case=seed.past).count()
    assert notes_before == 1

    result = services.retention_purge(actor=None, today=TODAY, dry_run=False)

    assert [i.reference for i in result.disposed] == [seed.past.reference]
    assert not Case.objects.filter(pk=past_pk).exists()
    assert not Note.objects.filter(case_id=past_pk).exists()
    remaining = set(Case.objects.values_list("pk", flat=True))
    assert remaining == {
        seed.on_the_day.pk,
        seed.case_held.pk,
        seed.person_held.pk,
        seed.police_longer.pk,
        seed.still_open.pk,
    }
    tombstone = Tombstone.objects.get()
    assert (tombstone.reference, tombstone.closed_on, tombstone.outcome) == (
        seed.past.reference,
        dt.date(2020, 11, 25),
        "resolved",
    )
    assert tombstone.incident_count == 1 and tombstone.retained_until == dt.date(2020 + 6, 11, 25)
    assert "partnership default" in tombstone.rule
    assert (
        AuditEvent.objects.filter(verb=CaseworkVerb.CASE_DISPOSED, target_id=str(tombstone.pk)).count() == 1
    )
    assert AuditEvent.objects.filter(verb=GovernanceVerb.RETENTION_PURGED).count() == 1
    # The published Case Review figures are unchanged.
    assert _figures(area) == before

    # The next day the case closed exactly six years before goes too; the held ones stay.
    services.retention_purge(actor=None, today=TODAY + dt.timedelta(days=1), dry_run=False)
    assert not Case.objects.filter(pk=seed.on_the_day.pk).exists()
    assert Case.objects.filter(pk=seed.case_held.pk).exists()
    assert Tombstone.objects.count() == 2


def test_a_released_hold_no_longer_keeps_the_case(seed: Any) -> None:
    hold = LegalHold.objects.get(object_id=seed.case_held.pk, reason="Civil claim pending")
    services.legal_hold_release(actor=None, hold=hold, reason="Claim settled")
    result = services.retention_purge(actor=None, today=TODAY, dry_run=False)
    assert seed.case_held.reference in [i.reference for i in result.disposed]
    assert AuditEvent.objects.filter(verb=GovernanceVerb.LEGAL_HOLD_RELEASED).count() == 1


def test_an_agency_rule_gives_its_own_period_on_both_sides_of_its_end(seed: Any) -> None:
    ref = seed.police_longer.reference  # closed 1 June 2019, police keep 10 years
    kept = services.retention_purge(actor=None, today=dt.date(2029, 6, 1), dry_run=True)
    assert ref not in [i.reference for i in kept.disposed]
    due = services.retention_purge(actor=None, today=dt.date(2029, 6, 2), dry_run=True)
    assert ref in [i.reference for i in due.disposed]


def test_the_command_line_dry_run(seed: Any) -> None:
    from csphub.governance.commands import retention

    out = CliRunner().invoke(retention, ["purge", "--dry-run", "--date", "2026-11-26"])
    assert out.exit_code == 0, out.output
    assert f"Would dispose of {seed.past.reference}" in out.output
    assert "Kept (legal hold)" in out.output
    assert Case.objects.filter(pk=seed.past.pk).exists()
