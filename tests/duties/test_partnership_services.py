"""Services of the partnership registers: the policy, the statutory gates, the audit trail, the
deadlines registry and the reminder e-mails."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from click.testing import CliRunner
from django.core import mail
from django.utils import timezone

from csphub.audit.models import AuditEvent
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.duties import deadlines
from csphub.duties.commands import reminders
from csphub.duties.models import DeadlineReminder, S17AReturn
from csphub.duties.rules import s17 as rules
from csphub.duties.services import partnership as services
from csphub.duties.services.reminders import deadline_reminders_send

pytestmark = pytest.mark.django_db

THEMES = {code: f"Considered: {label}" for code, label in rules.THEMES}


def _last_quarter() -> rules.Quarter:
    return rules.quarter_of(timezone.localdate()).previous()


def _csv(*rows: dict[str, str], header: tuple[str, ...] = rules.COLUMNS) -> str:
    quarter = _last_quarter()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for change in rows:
        row = {
            "category": "burglary",
            "subcategory": "Dwelling",
            "occurred_on": (quarter.start + dt.timedelta(days=3)).isoformat(),
            "time_band": "00:00-05:59",
            "outward_postcode": "DE5",
            "count": "2",
            **change,
        }
        writer.writerow([row.get(c, "") for c in header])
    return out.getvalue()


# --- s.17 -------------------------------------------------------------------------------------


def test_s17_assessment_recorded_and_audited(actor: Any) -> None:
    officer = actor("avbc_caseworker")
    today = timezone.localdate()
    made = services.s17_assessment_record(
        actor=officer,
        title="Night-time economy licensing policy",
        decision_by="Licensing Committee",
        decision_on=today,
        assessed_on=today,
        considerations=THEMES,
    )
    assert made.agency.slug == "avbc" and made.rule_version == rules.RULE_VERSION
    assert AuditEvent.objects.filter(verb="s17assessment.recorded", target_id=made.pk).exists()


def test_s17_assessment_refused_without_a_theme_or_after_the_decision(actor: Any) -> None:
    officer = actor("avbc_caseworker")
    today = timezone.localdate()
    kwargs: dict[str, Any] = {"actor": officer, "title": "X", "decision_by": "Cabinet", "decision_on": today}
    with pytest.raises(ApplicationError, match="serious violence"):
        services.s17_assessment_record(
            **kwargs, assessed_on=today, considerations={**THEMES, "serious_violence": ""}
        )
    with pytest.raises(ApplicationError, match="on or before the day of the decision"):
        services.s17_assessment_record(
            **{**kwargs, "decision_on": today - dt.timedelta(days=1)},
            assessed_on=today,
            considerations=THEMES,
        )


@pytest.mark.parametrize("username", ["housing_caseworker", "avbc_analyst", "avbc_administrator"])
def test_s17_assessment_only_by_a_responsible_authority_with_casework_role(actor: Any, username: str) -> None:
    today = timezone.localdate()
    with pytest.raises(PermissionDeniedError):
        services.s17_assessment_record(
            actor=actor(username),
            title="X",
            decision_by="Board",
            decision_on=today,
            assessed_on=today,
            considerations=THEMES,
        )


# --- s.17A ------------------------------------------------------------------------------------


def test_s17a_return_submitted_once_and_exported_depersonalised(actor: Any) -> None:
    manager = actor("police_team_manager")
    quarter = _last_quarter()
    submitted = services.s17a_return_submit(
        actor=manager,
        quarter_start=quarter.start,
        text=_csv({}, {"category": "robbery", "outward_postcode": "de56"}),
    )
    assert submitted.row_count == 2 and submitted.submitted_on == timezone.localdate()
    with pytest.raises(ApplicationError, match="already submitted"):
        services.s17a_return_submit(actor=manager, quarter_start=quarter.start, text=_csv({}))
    exported = services.s17a_export(actor=actor("avbc_partner_viewer"), submitted=submitted)
    rows = list(csv.reader(io.StringIO(exported)))
    assert rows[0] == list(rules.COLUMNS)
    assert [r[4] for r in rows[1:]] == ["DE5", "DE56"]
    for row in rows[1:]:  # field by field: nothing finer than the outward postcode leaves
        assert rules.outward_only(row[4])
        assert not rules.FULL_POSTCODE_RE.search(",".join(row))
    assert AuditEvent.objects.filter(verb="s17areturn.exported", target_id=submitted.pk).exists()


def test_s17a_leaking_return_refused_with_row_and_field(actor: Any) -> None:
    manager = actor("police_team_manager")
    quarter = _last_quarter()
    with pytest.raises(ApplicationError) as refused:
        services.s17a_return_submit(
            actor=manager, quarter_start=quarter.start, text=_csv({}, {"outward_postcode": "DE5 3TA"})
        )
    assert "Row 2, Outward postcode: a full postcode" in refused.value.message
    with pytest.raises(ApplicationError) as named:
        services.s17a_return_submit(
            actor=manager,
            quarter_start=quarter.start,
            text=_csv({"name": "Jo Bloggs"}, header=(*rules.COLUMNS, "name")),
        )
    assert "The header, name: this column would identify a person" in named.value.message
    assert not S17AReturn.objects.exists()


def test_s17a_return_not_before_the_period_ends(actor: Any) -> None:
    current = rules.quarter_of(timezone.localdate())
    with pytest.raises(ApplicationError, match="once its period has ended"):
        services.s17a_return_submit(
            actor=actor("police_team_manager"), quarter_start=current.start, text=_csv({})
        )


@pytest.mark.parametrize("username", ["police_caseworker", "housing_team_manager", "avbc_analyst"])
def test_s17a_return_only_by_managers_of_a_returning_authority(actor: Any, username: str) -> None:
    with pytest.raises(PermissionDeniedError):
        services.s17a_return_submit(actor=actor(username), quarter_start=_last_quarter().start, text=_csv({}))


# --- scrutiny ---------------------------------------------------------------------------------


def test_scrutiny_recommendation_response_clock_and_deadline(actor: Any) -> None:
    from csphub.agencies.models import Membership

    coordinator = actor("avbc_partnership_coordinator")
    today = timezone.localdate()
    owner = Membership.objects.get(user=coordinator.user, is_active=True)
    rec = services.scrutiny_recommendation_record(
        actor=coordinator,
        committee="Crime and Disorder Committee",
        meeting_on=today - dt.timedelta(days=30),
        received_on=today - dt.timedelta(days=29),
        recommendation="Publish the partnership plan's measures quarterly.",
        owner_membership=owner.pk,
    )
    assert rec.due_on == today - dt.timedelta(days=2)
    # It is the owner's overdue deadline.
    summary = deadlines.summarise(deadlines.deadlines_for(coordinator, today), today)
    assert [d.kind for d in summary.overdue if d.kind == "Scrutiny"] == ["Scrutiny"]
    with pytest.raises(PermissionDeniedError):
        services.scrutiny_response_record(
            actor=actor("avbc_caseworker"),
            recommendation=rec,
            response="x",
            accepted=True,
            responded_on=today,
        )
    services.scrutiny_response_record(
        actor=coordinator, recommendation=rec, response="Agreed.", accepted=True, responded_on=today
    )
    event = AuditEvent.objects.get(verb="scrutinyrecommendation.responded", target_id=rec.pk)
    assert event.justification == "after the 28 days"
    assert deadlines.deadlines_for(coordinator, today) == [
        d for d in deadlines.deadlines_for(coordinator, today) if d.kind != "Scrutiny"
    ]


# --- Community Remedy -------------------------------------------------------------------------


def _case(persona: Any) -> Any:
    from csphub.cases import services as cases
    from csphub.cases.models import PartyRole
    from csphub.people.services import person_create

    officer = persona("avbc_caseworker")
    victim = person_create(actor=officer, given_name="Sam", family_name="Ashbrook")
    now = timezone.now()
    incident = cases.incident_record(
        actor=officer,
        occurred_at=now - dt.timedelta(days=3),
        reported_at=now - dt.timedelta(days=2),
        channel="phone",
        asb_type="personal",
        category="noise",
        description="Graffiti on the fence",
        parties=[(victim, PartyRole.VICTIM)],
    )
    return cases.case_open(actor=officer, incidents=[incident], summary="Graffiti")


def test_community_resolution_needs_the_victims_views_first(actor: Any, persona: Any) -> None:
    """ASBCPA 2014 s.102: the victim's views are sought before an action is chosen."""
    today = timezone.localdate()
    action = services.remedy_action_add(
        actor=actor("avbc_partnership_coordinator"),
        title="Repair or clean the damage",
        description="Clean the graffiti off the fence",
        purpose="repair",
        published_on=today - dt.timedelta(days=100),
    )
    case = _case(persona)
    officer = actor("avbc_caseworker")
    base: dict[str, Any] = {"actor": officer, "case": case, "action": action, "chosen_on": today}
    with pytest.raises(ApplicationError, match="Record when the victim's views were sought"):
        services.community_resolution_record(**base, views_status="given", victim_views="Clean it")
    with pytest.raises(ApplicationError, match="not after"):
        services.community_resolution_record(
            **{**base, "chosen_on": today - dt.timedelta(days=1)},
            views_status="given",
            views_sought_on=today,
            victim_views="Clean it",
        )
    made = services.community_resolution_record(
        **base, views_status="given", views_sought_on=today, victim_views="I want it cleaned"
    )
    assert AuditEvent.objects.filter(verb="communityresolution.recorded", target_id=made.pk).exists()
    # Seen with the case only: another agency's staff cannot record one on it.
    with pytest.raises(PermissionDeniedError):
        services.community_resolution_record(
            **{**base, "actor": actor("police_caseworker")}, views_status="no_victim"
        )


# --- the deadlines registry and reminders -----------------------------------------------------


def test_s17a_outstanding_return_is_a_deadline_and_reminded_once_a_day(
    actor: Any, persona: Any, django_capture_on_commit_callbacks: Any
) -> None:
    manager = persona("fire_team_manager")
    manager.email = "fire.manager@example.org"
    manager.save()
    today = rules.quarter_of(timezone.localdate()).previous().due  # the last day for last-but-one quarter
    items = [
        d for d in deadlines.deadlines_for(actor("fire_team_manager"), today) if d.kind.startswith("Info")
    ]
    assert items and all(d.section.startswith("Crime and Disorder Act 1998, section 17A") for d in items)
    due_today = next(d for d in items if d.due == today)  # the period before this one: its last day
    assert not due_today.is_overdue(today) and due_today.is_overdue(today + dt.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        sent = deadline_reminders_send(today=today)
    assert sent["owners"] >= 1
    mine = [m for m in mail.outbox if m.to == ["fire.manager@example.org"]]
    assert len(mine) == 1 and "information sharing return" in mine[0].body
    # The fire service sits in every district CSP of the county: its returns to each are owed, and
    # one e-mail names each partnership's (before, only the default partnership's were sent).
    assert "(Amber Valley Community Safety Partnership)" in mine[0].body
    assert "(Bolsover Community Safety Partnership)" in mine[0].body
    with django_capture_on_commit_callbacks(execute=True):
        again = deadline_reminders_send(today=today)
    assert again["owners"] == 0 and again["skipped"] >= len(items)
    assert len([m for m in mail.outbox if m.to == ["fire.manager@example.org"]]) == 1
    assert DeadlineReminder.objects.filter(user=manager, sent_on=today).count() >= 1
    # Next day: reminded again (overdue now).
    with django_capture_on_commit_callbacks(execute=True):
        deadline_reminders_send(today=today + dt.timedelta(days=1))
    later = [m for m in mail.outbox if m.to == ["fire.manager@example.org"]]
    assert len(later) == 2 and "OVERDUE" in later[1].body


def test_reminders_cli_covers_tasks_and_deadlines(world: Any) -> None:
    result = CliRunner().invoke(reminders, ["send", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Would send reminders to" in result.output
    assert "Would send deadline reminders to" in result.output


def test_a_failing_provider_does_not_hide_the_others(actor: Any) -> None:
    def broken(actor: Any, today: dt.date) -> list[deadlines.Deadline]:
        raise RuntimeError("boom")

    def one(actor: Any, today: dt.date) -> list[deadlines.Deadline]:
        return [deadlines.Deadline(title="T", due=today, url="/", section="S", kind="K")]

    saved = deadlines.providers()
    try:
        deadlines.register_provider("zz_broken", broken)
        deadlines.register_provider("zz_one", one)
        found = deadlines.deadlines_for(actor("avbc_caseworker"), timezone.localdate())
        assert any(d.title == "T" for d in found)
    finally:
        deadlines._providers.clear()
        deadlines._providers.update(saved)


def test_partnership_demo_is_idempotent(world: Any) -> None:
    from csphub.duties.demo_partnership import load_partnership_demo
    from csphub.duties.models import CommunityRemedyAction, S17Assessment, ScrutinyRecommendation

    load_partnership_demo()
    counts = (
        CommunityRemedyAction.objects.count(),
        S17Assessment.objects.count(),
        S17AReturn.objects.count(),
        ScrutinyRecommendation.objects.count(),
    )
    assert counts == (5, 1, 1, 1)
    load_partnership_demo()
    assert (
        CommunityRemedyAction.objects.count(),
        S17Assessment.objects.count(),
        S17AReturn.objects.count(),
        ScrutinyRecommendation.objects.count(),
    ) == counts
