"""Disposal of Case Review applications and of the duty registers' records (issue #15 item 1):
exactly the records past their date go (both sides of the boundary), one on legal hold stays, each
leaves a tombstone, the personal data is gone (read back with plain SQL, not through the models),
and every figure that counts them — the four s.104(10) figures, the board pack's Case Review and
duty rows, the plan's measures — is the same after disposal as before."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from click.testing import CliRunner
from django.db import connection

from csphub.audit.models import AuditEvent, CaseReviewVerb, DutyVerb, GovernanceVerb
from csphub.governance import services
from csphub.governance.models import DisposalRun, Tombstone

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 26)
D = dt.date


def _rows(table: str, where: str, *params: Any) -> int:
    """Count rows with plain SQL: an independent check that the data is gone from the table."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE {where}", params)
        return int(cursor.fetchone()[0])


@pytest.fixture
def area(world: Any, persona: Any) -> Any:
    from csphub.casereviews.services import area_configure

    return area_configure(
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


def _application(
    persona: Any,
    area: Any,
    name: str,
    received: dt.date,
    *,
    met: bool | None = None,
    decided: dt.date | None = None,
    review: tuple[dt.date, int] | None = None,
    closed: dt.date | None = None,
    status: str = "closed",
) -> Any:
    from csphub.casereviews.models import Application, Letter, Recommendation, ReviewMeeting
    from csphub.casereviews.services import application_submit

    application = application_submit(
        actor=persona("avbc_caseworker"),
        area=area,
        channel="phone",
        today=received,
        received_on=received,
        applicant_name=name,
        contact_preference="email",
        applicant_email=f"{name.split()[0].lower()}@example.org",
        behaviour_description=f"{name} says loud music every night",
        behaviour_location="Example Street, Ripley",
        behaviour_first_on=received - dt.timedelta(days=90),
        behaviour_last_on=received - dt.timedelta(days=5),
        reports_described="Council three times",
    )
    fields: dict[str, Any] = {"threshold_met": met, "threshold_decided_on": decided}
    if review is not None:
        held_on, recommendations = review
        meeting = ReviewMeeting.objects.create(
            application=application, held_on=held_on, chair="A Chair", findings=f"Findings for {name}"
        )
        for n in range(recommendations):
            Recommendation.objects.create(
                review=meeting,
                text=f"Recommendation {n}",
                owner_agency=area.managing_agency,
                owner_name="An Officer",
                due_on=held_on + dt.timedelta(days=30),
                completed_on=held_on + dt.timedelta(days=20),
            )
        fields["review_held_on"] = held_on
    if closed is not None:
        fields.update(status=status, closed_on=closed)
    Application.objects.filter(pk=application.pk).update(**fields)
    Letter.objects.create(
        application=application, kind="acknowledgement", sent_on=received, html=f"<p>Dear {name}</p>"
    )
    application.refresh_from_db()
    return application


@pytest.fixture
def registers(world: Any, persona: Any) -> Any:
    """Modern slavery concerns, Prevent referrals (one through Channel) and DHRs, on both sides of
    their retention dates, one of each on legal hold."""
    from csphub.duties.models import (
        ChannelCase,
        ChannelReview,
        DhrRecommendation,
        DomesticHomicideReview,
        PreventReferral,
        SlaveryConcern,
    )
    from csphub.people.services import person_create

    avbc, police = world.agencies["avbc"], world.agencies["police"]
    partnership = _partnership(world)
    victim = person_create(actor=persona("avbc_caseworker"), given_name="Alex", family_name="Victim-Person")

    def concern(grounds: dt.date, notified: dt.date | None, nationality: str) -> Any:
        return SlaveryConcern.objects.create(
            owning_agency=avbc,
            partnership=partnership,
            person=victim,
            grounds_date=grounds,
            grounds=f"Grounds naming {nationality} worker",
            exploitation="labour",
            nationality=nationality,
            age_basis="adult",
            consent="given",
            route="nrm",
            status="notified" if notified else "due",
            notified_on=notified,
            rule_version="msa2015-s52",
        )

    def referral(name: str, referred: dt.date, status: str, screened: dt.date | None) -> Any:
        return PreventReferral.objects.create(
            owning_agency=police,
            partnership=partnership,
            referred_on=referred,
            referrer_name="A Teacher",
            referrer_role="Teacher",
            referrer_contact="teacher@example.org",
            subject_name=name,
            concern_type="other",
            concerns=f"Concerns about {name}",
            status=status,
            screened_on=screened,
        )

    def dhr(name: str, status: str, decided: dt.date, published: dt.date | None) -> Any:
        return DomesticHomicideReview.objects.create(
            owning_agency=avbc,
            partnership=partnership,
            notified_on=decided - dt.timedelta(days=20),
            notifying_force="Derbyshire Constabulary",
            deceased_name=name,
            relationship="partner",
            circumstances=f"The circumstances of {name}'s death",
            status=status,
            decision="conduct" if published else "not_conduct",
            decided_on=decided,
            published_on=published,
            rule_version="dvcva2004-s9/dhr-guidance-2016",
        )

    class Seed:
        person = victim
        # Notified 25 Nov 2020: six years ended 25 Nov 2026, due today. 26 Nov 2020: kept until today.
        ms_due = concern(D(2020, 11, 1), D(2020, 11, 25), "Slavery-Due")
        ms_kept = concern(D(2020, 11, 2), D(2020, 11, 26), "Slavery-Kept")
        ms_held = concern(D(2019, 1, 1), D(2019, 1, 2), "Slavery-Held")
        ms_not_notified = concern(D(2019, 3, 1), None, "Slavery-Due-Never")
        pr_closed = referral("Prevent-Due", D(2020, 11, 1), "closed", D(2020, 11, 25))
        pr_channel = referral("Prevent-Channel", D(2018, 1, 1), "adopted", D(2018, 1, 10))
        pr_kept = referral("Prevent-Kept", D(2020, 11, 1), "signposted", D(2020, 11, 26))
        pr_held = referral("Prevent-Held", D(2019, 1, 1), "closed", D(2019, 2, 1))
        pr_open = referral("Prevent-Open", D(2019, 1, 1), "received", None)
        # A DHR file is kept 20 years: decided not to hold 25 Nov 2006 goes today; published 26 Nov
        # 2006 is kept until today.
        dhr_due = dhr("Dhr-Due", "not_held", D(2006, 11, 25), None)
        dhr_kept = dhr("Dhr-Kept", "published", D(2006, 1, 1), D(2006, 11, 26))
        dhr_held = dhr("Dhr-Held", "published", D(2001, 1, 1), D(2002, 1, 1))

    case = ChannelCase.objects.create(
        owning_agency=avbc,
        partnership=partnership,
        referral=Seed.pr_channel,
        chair=persona("avbc_caseworker"),
        first_panel_on=D(2018, 2, 1),
        status="exited",
        consent_given=True,
        consent_on=D(2018, 2, 1),
        support_plan="Mentoring for Prevent-Channel",
        exited_on=D(2019, 11, 1),
        exit_reason="Support completed",
        rule_version="ctsa2015-s36",
    )
    ChannelReview.objects.create(
        channel_case=case, months_after_exit=6, due_on=D(2020, 5, 1), completed_on=D(2020, 4, 20)
    )
    ChannelReview.objects.create(
        channel_case=case, months_after_exit=12, due_on=D(2020, 11, 1), completed_on=D(2020, 11, 25)
    )
    Seed.channel_case = case  # type: ignore[attr-defined]
    DhrRecommendation.objects.create(review=Seed.dhr_due, number=1, text="Train staff", agency_name="Council")
    services.legal_hold_place(actor=None, target=Seed.ms_held, reason="Trafficking prosecution")
    services.legal_hold_place(actor=None, target=Seed.pr_held, reason="Judicial review")
    services.legal_hold_place(actor=None, target=Seed.dhr_held, reason="Inquest reopened")
    return Seed


def _partnership(world: Any) -> Any:
    from csphub.agencies.models import Partnership

    return Partnership.objects.filter(name__icontains="Amber Valley").order_by("id").first() or (
        Partnership.objects.order_by("id").first()
    )


def _all_figures(area: Any, partnership: Any) -> dict[str, Any]:
    """Every figure that counts these records, for the years and quarters the seed spans."""
    from csphub.casereviews import rules as cr_rules
    from csphub.casereviews.selectors import publication_for, publication_years
    from csphub.planning.board.selectors import packs
    from csphub.planning.models import MeasureSource
    from csphub.planning.plan.selectors import _casework_or_duty_count

    years = [cr_rules.ReportingYear(y) for y in (2018, 2019, 2020, 2025)]
    figures: dict[str, Any] = {}
    for year in years:
        publication = publication_for(area, year=year, today=TODAY)
        figures[f"s104 {year.label}"] = publication.figures
        figures[f"months {year.label}"] = publication.months
        figures[f"pack case reviews {year.label}"] = packs._case_reviews(
            year.start, year.end, [partnership.pk]
        )
        figures[f"pack duties {year.label}"] = packs._duties(year.start, year.end, TODAY, [partnership.pk])
        for source in (
            MeasureSource.CASE_REVIEWS,
            MeasureSource.SLAVERY_NOTIFICATIONS,
            MeasureSource.PREVENT_REFERRALS,
        ):
            figures[f"plan {source} {year.label}"] = _casework_or_duty_count(
                source, partnership.pk, year.start, year.end
            )
    figures["years"] = publication_years(area, today=TODAY)
    return figures


def test_case_reviews_and_duty_registers_go_at_their_date_and_every_figure_stays(
    world: Any, persona: Any, area: Any, registers: Any
) -> None:
    from csphub.casereviews.models import Appeal, Application

    met_reviewed = _application(
        persona,
        area,
        "Review-Due Applicant",
        D(2019, 6, 1),
        met=True,
        decided=D(2019, 6, 20),
        review=(D(2019, 7, 15), 2),
        closed=D(2020, 11, 1),
    )
    # Its appeal was decided after it closed: its period runs from the appeal (25 Nov 2020): due today.
    Appeal.objects.create(
        application=met_reviewed,
        appeal_body_name="the PCC",
        received_on=D(2020, 11, 5),
        grounds="Grounds of appeal",
        decided_on=D(2020, 11, 25),
        outcome="not_upheld",
    )
    not_met_kept = _application(
        persona,
        area,
        "Kept-Today Applicant",
        D(2020, 5, 1),
        met=False,
        decided=D(2020, 5, 20),
        closed=D(2020, 11, 26),
    )
    held = _application(
        persona,
        area,
        "Held Applicant",
        D(2019, 9, 1),
        met=False,
        decided=D(2019, 9, 20),
        closed=D(2019, 10, 1),
    )
    withdrawn = _application(
        persona, area, "Withdrawn Applicant", D(2019, 1, 5), closed=D(2019, 1, 10), status="withdrawn"
    )
    still_open = _application(persona, area, "Open Applicant", D(2025, 6, 1))
    services.legal_hold_place(actor=None, target=held, reason="Ombudsman complaint")
    partnership = met_reviewed.partnership
    assert registers.ms_due.partnership_id == partnership.pk, (
        "the seed's registers are in the area's partnership"
    )

    before = _all_figures(area, partnership)
    # Not vacuous: the records to be disposed of are counted.
    assert before["s104 2019/20"].applications == 2 and before["s104 2019/20"].reviews_carried_out == 1
    assert before["s104 2019/20"].reviews_with_recommendations == 1
    assert before["s104 2018/19"].applications == 1
    assert before["plan slavery_notifications 2020/21"] == 2
    assert before["plan prevent_referrals 2020/21"] == 2
    assert before["pack duties 2020/21"][0]["due"] == 2  # the Channel case's two post-exit reviews

    # The dry run lists exactly what a real run would do, with the reason, and deletes nothing.
    dry = services.retention_purge(actor=None, today=TODAY, dry_run=True, record_type="case_review")
    by_ref = {i.reference: i for i in dry.items}
    assert {i.reference for i in dry.disposed} == {met_reviewed.reference, withdrawn.reference}
    assert "counted from the appeal decided on 25 November 2020" in by_ref[met_reviewed.reference].why
    assert "partnership default" in by_ref[met_reviewed.reference].why
    assert by_ref[held.reference].action == "hold" and "Ombudsman complaint" in by_ref[held.reference].why
    assert not_met_kept.reference not in by_ref and still_open.reference not in by_ref
    assert Application.objects.count() == 5 and not Tombstone.objects.exists()

    runs = {
        kind: services.retention_purge(actor=None, today=TODAY, dry_run=False, record_type=kind)
        for kind in ("case_review", "slavery_concern", "prevent_referral", "dhr")
    }

    disposed = {kind: {i.reference for i in run.disposed} for kind, run in runs.items()}
    assert disposed == {
        "case_review": {met_reviewed.reference, withdrawn.reference},
        "slavery_concern": {registers.ms_due.reference},
        "prevent_referral": {registers.pr_closed.reference, registers.pr_channel.reference},
        "dhr": {registers.dhr_due.reference},
    }
    held_refs = {i.reference for run in runs.values() for i in run.items if i.action == "hold"}
    assert held_refs == {
        held.reference,
        registers.ms_held.reference,
        registers.pr_held.reference,
        registers.dhr_held.reference,
    }

    # Every figure is what it was.
    assert _all_figures(area, partnership) == before

    # The personal data is gone: read back with plain SQL, not through the models.
    assert (
        _rows(
            "casereviews_application",
            "applicant_name IN (%s, %s)",
            "Review-Due Applicant",
            "Withdrawn Applicant",
        )
        == 0
    )
    assert _rows("casereviews_letter", "html LIKE %s", "%Review-Due%") == 0
    assert _rows("casereviews_reviewmeeting", "findings LIKE %s", "%Review-Due%") == 0
    assert _rows("casereviews_appeal", "grounds = %s", "Grounds of appeal") == 0
    assert _rows("duties_slaveryconcern", "nationality = %s", "Slavery-Due") == 0
    assert _rows("duties_preventreferral", "subject_name IN (%s, %s)", "Prevent-Due", "Prevent-Channel") == 0
    assert _rows("duties_channelcase", "support_plan LIKE %s", "%Prevent-Channel%") == 0
    assert _rows("duties_channelreview", "channel_case_id = %s", registers.channel_case.pk) == 0
    assert _rows("duties_domestichomicidereview", "deceased_name = %s", "Dhr-Due") == 0
    assert _rows("duties_dhrrecommendation", "review_id = %s", registers.dhr_due.pk) == 0
    # What was kept is all there (the boundary, the held, the open and the never-notified).
    for name in ("Kept-Today Applicant", "Held Applicant", "Open Applicant"):
        assert _rows("casereviews_application", "applicant_name = %s", name) == 1
    for nationality in ("Slavery-Kept", "Slavery-Held", "Slavery-Due-Never"):
        assert _rows("duties_slaveryconcern", "nationality = %s", nationality) == 1
    for name in ("Prevent-Kept", "Prevent-Held", "Prevent-Open"):
        assert _rows("duties_preventreferral", "subject_name = %s", name) == 1
    for name in ("Dhr-Kept", "Dhr-Held"):
        assert _rows("duties_domestichomicidereview", "deceased_name = %s", name) == 1
    # The person the concern named is their own record and stays.
    assert _rows("people_person", "id = %s", registers.person.pk) == 1

    # The tombstones: one for each disposed record, with the facts the figures count and no name.
    tombstones = {t.reference: t for t in Tombstone.objects.all()}
    assert set(tombstones) == set().union(*disposed.values())
    facts = tombstones[met_reviewed.reference].facts
    assert (
        facts["received_on"],
        facts["threshold_met"],
        facts["review_held_on"],
        facts["recommendation_count"],
    ) == (
        "2019-06-01",
        True,
        "2019-07-15",
        2,
    )
    assert tombstones[met_reviewed.reference].retained_until == D(2026, 11, 25)
    assert tombstones[registers.dhr_due.reference].retained_until == D(2026, 11, 25)
    assert tombstones[registers.pr_channel.reference].closed_on == D(2020, 11, 25)
    text = json.dumps([[t.facts, t.rule, t.reference, t.outcome] for t in tombstones.values()])
    for name in (
        "Review-Due",
        "Withdrawn Applicant",
        "Slavery-Due",
        "Prevent-Due",
        "Prevent-Channel",
        "Dhr-Due",
        "example.org",
    ):
        assert name not in text

    # Every run is audited, and each tombstone has its disposal event.
    for tombstone, verb in (
        (tombstones[met_reviewed.reference], CaseReviewVerb.CASEREVIEWAPPLICATION_DISPOSED),
        (tombstones[registers.ms_due.reference], DutyVerb.SLAVERYCONCERN_DISPOSED),
        (tombstones[registers.pr_channel.reference], DutyVerb.PREVENTREFERRAL_DISPOSED),
        (tombstones[registers.dhr_due.reference], DutyVerb.DOMESTICHOMICIDEREVIEW_DISPOSED),
    ):
        assert AuditEvent.objects.filter(verb=verb, target_id=str(tombstone.pk)).count() == 1
    assert AuditEvent.objects.filter(verb=GovernanceVerb.RETENTION_PURGED).count() == 4
    assert AuditEvent.objects.filter(verb=GovernanceVerb.RETENTION_DRY_RUN).count() == 1
    assert DisposalRun.objects.count() == 5

    # The next day the ones kept until today go too, and the figures still do not move.
    for kind in ("case_review", "slavery_concern", "prevent_referral", "dhr"):
        services.retention_purge(
            actor=None, today=TODAY + dt.timedelta(days=1), dry_run=False, record_type=kind
        )
    assert _rows("casereviews_application", "applicant_name = %s", "Kept-Today Applicant") == 0
    assert _rows("duties_slaveryconcern", "nationality = %s", "Slavery-Kept") == 0
    assert _rows("duties_preventreferral", "subject_name = %s", "Prevent-Kept") == 0
    assert _rows("duties_domestichomicidereview", "deceased_name = %s", "Dhr-Kept") == 0
    assert _rows("casereviews_application", "applicant_name = %s", "Held Applicant") == 1
    assert _all_figures(area, partnership) == before


def test_unfinished_business_keeps_a_record_past_its_date(
    world: Any, persona: Any, area: Any, registers: Any
) -> None:
    """An appeal not yet decided or a recommendation not completed keeps an application; a Channel
    post-exit review not completed keeps the referral; an action not complete keeps a DHR."""
    from csphub.casereviews.models import Appeal, Recommendation
    from csphub.duties.models import ChannelReview, DhrAction, DhrRecommendation

    application = _application(
        persona,
        area,
        "Appealing Applicant",
        D(2019, 6, 1),
        met=True,
        decided=D(2019, 6, 20),
        review=(D(2019, 7, 1), 1),
        closed=D(2019, 9, 1),
    )
    Recommendation.objects.filter(review__application=application).update(completed_on=None)
    Appeal.objects.create(
        application=application, appeal_body_name="the PCC", received_on=D(2019, 9, 5), grounds="g"
    )
    ChannelReview.objects.filter(channel_case=registers.channel_case, months_after_exit=12).update(
        completed_on=None
    )
    recommendation = DhrRecommendation.objects.get(review=registers.dhr_due)
    DhrAction.objects.create(
        recommendation=recommendation, description="Train", owner="Council", due_on=D(2007, 1, 1)
    )

    def item(kind: str, reference: str) -> Any:
        run = services.retention_purge(actor=None, today=TODAY, dry_run=True, record_type=kind)
        return next(i for i in run.items if i.reference == reference)

    blocked = item("case_review", application.reference)
    assert blocked.action == "blocked"
    assert "an appeal not yet decided" in blocked.why and "not yet completed" in blocked.why
    blocked = item("prevent_referral", registers.pr_channel.reference)
    assert blocked.action == "blocked" and "post-exit review due on 01 November 2020" in blocked.why
    blocked = item("dhr", registers.dhr_due.reference)
    assert blocked.action == "blocked" and "1 action(s)" in blocked.why


def test_the_schedule_lists_the_new_record_types_with_their_defaults(world: Any) -> None:
    from csphub.governance import rules
    from csphub.governance.selectors import retention_rules

    assert retention_rules("case_review")[None].years == 6
    assert retention_rules("slavery_concern")[None].years == 6
    assert retention_rules("prevent_referral")[None].years == 6
    assert retention_rules("dhr")[None].years == 20
    assert not rules.period_allowed("dhr", 5) and rules.period_allowed("dhr", 6)
    with pytest.raises(Exception, match="from 6 to 100"):
        services.retention_rule_set(
            actor=None,
            record_type="slavery_concern",
            agency=world.agencies["avbc"],
            years=3,
            reason="Too short",
            policy_source="None",
        )


def test_the_command_line_disposes_of_the_new_record_types(world: Any, registers: Any) -> None:
    from csphub.governance.commands import retention

    out = CliRunner().invoke(
        retention, ["purge", "--dry-run", "--date", "2026-11-26", "--record-type", "slavery_concern"]
    )
    assert out.exit_code == 0, out.output
    assert f"Would dispose of {registers.ms_due.reference}" in out.output
    assert "notified 25 November 2020" in out.output
    assert "Kept (legal hold)" in out.output
    # The operator holds a duty register's record by its reference.
    held = CliRunner().invoke(
        retention, ["hold", "--record", registers.ms_due.reference, "--reason", "Prosecution"]
    )
    assert held.exit_code == 0, held.output
    after = CliRunner().invoke(
        retention, ["purge", "--dry-run", "--date", "2026-11-26", "--record-type", "slavery_concern"]
    )
    assert f"Would dispose of {registers.ms_due.reference}" not in after.output
    assert "Prosecution" in after.output


def test_staff_hold_a_case_review_application_by_its_reference(world: Any, persona: Any, area: Any) -> None:
    from csphub.governance.selectors import hold_target_find, hold_target_label

    application = _application(persona, area, "Someone Applying", D(2019, 6, 1), closed=D(2019, 7, 1))
    found = hold_target_find(world.agencies["avbc"], "case_review", application.reference.lower())
    assert found is not None and found.pk == application.pk
    assert hold_target_find(world.agencies["police"], "case_review", application.reference) is None
    hold = services.legal_hold_place(actor=None, target=application, reason="Ombudsman")
    assert hold_target_label(hold) == f"Case Review application {application.reference}"
    run = services.retention_purge(actor=None, today=TODAY, dry_run=True, record_type="case_review")
    assert [i.action for i in run.items if i.reference == application.reference] == ["hold"]


def test_the_data_protection_pages_count_the_registers_records_and_never_name_them(
    world: Any, registers: Any, client_as: Any
) -> None:
    """Only a register's members see its records: the council's data protection officer sees how
    many are due, never a reference, and holds on them are not listed to release."""
    client = client_as("avbc_team_manager")
    body = client.get("/data-protection/retention/").content.decode()
    assert 'data-testid="due-registers"' in body
    for record in (registers.ms_due, registers.ms_held, registers.dhr_due, registers.dhr_held):
        assert record.reference not in body
    assert "Trafficking prosecution" not in body and "Inquest reopened" not in body
    holds = client.get("/data-protection/legal-holds/").content.decode()
    assert "Trafficking prosecution" not in holds and "Inquest reopened" not in holds


def test_the_registers_periods_say_no_statute_sets_them_and_whose_decision_they_are(
    world: Any, client_as: Any
) -> None:
    """The duty registers' defaults cite what was checked: the Act's section sets no period (Modern
    Slavery Act 2015 s.52; Counter-Terrorism and Security Act 2015 s.36; Domestic Violence, Crime and
    Victims Act 2004 s.9) and none was found in the guidance, so each is the partnership's decision,
    said as such on the Retention periods page; an agency's own period shows its own source instead."""
    from csphub.governance import rules

    acts = {
        "slavery_concern": "Modern Slavery Act 2015 s.52",
        "prevent_referral": "Counter-Terrorism and Security Act 2015 s.36",
        "dhr": "Domestic Violence, Crime and Victims Act 2004 s.9",
    }
    for record_type, act in acts.items():
        source = rules.DEFAULT_SOURCES[record_type]
        assert source.startswith(f"No statutory period: the {act} sets none"), record_type
        assert f"Partnership decision: {rules.default_years(record_type)} years" in source, record_type
        assert "to be confirmed" not in source
    http = client_as("avbc_team_manager")
    page = http.get("/data-protection/retention/periods/").content.decode()
    for record_type, act in acts.items():
        row = page.split(f'data-testid="{record_type}"', 1)[1].split("govuk-summary-list__row", 1)[0]
        assert act in row and "Partnership decision" in row and "(partnership default)" in row, record_type
    services.retention_rule_set(
        actor=None,
        record_type="dhr",
        agency=world.agencies["avbc"],
        years=6,
        reason="Kept 6 years after the review closes",
        policy_source="Council DHR protocol 2026, section 12",
    )
    page = http.get("/data-protection/retention/periods/").content.decode()
    row = page.split('data-testid="dhr"', 1)[1].split("govuk-summary-list__row", 1)[0]
    assert "Council DHR protocol 2026, section 12" in row and "Partnership decision" not in row
