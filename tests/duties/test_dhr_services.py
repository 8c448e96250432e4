"""Domestic Homicide Reviews on a real database: the life of a review from the police notification
to publication and the action plan, the gates of DVCVA 2004 s.9 and the 2016 guidance, the
compartment (members only, never administrators) and the audit trail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from csphub.agencies.policies import Action, Compartment
from csphub.audit.models import AuditEvent
from csphub.core.actor import Actor
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.duties.deadlines import Deadline
from csphub.duties.models import DhrStatus, DomesticHomicideReview
from csphub.duties.rules import dhr as rules
from csphub.duties.selectors import dhr as selectors
from csphub.duties.services import dhr as services

pytestmark = pytest.mark.django_db
ActorOf = Callable[[str], Actor]
DHR = Compartment.DOMESTIC_HOMICIDE_REVIEW


def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def members(make_member: Callable[..., Any]) -> None:
    make_member("avbc_partnership_coordinator", DHR)  # the partnership's review lead
    make_member("police_caseworker", DHR, "panel_member")
    make_member("nhs_caseworker", DHR, "panel_member")


def _notify(actor: Actor, **overrides: Any) -> DomesticHomicideReview:
    values: dict[str, Any] = {
        "actor": actor,
        "notified_on": today() - dt.timedelta(days=40),
        "notifying_force": "Derbyshire Constabulary",
        "deceased_name": "Jo Example",
        "deceased_age": 34,
        "died_on": today() - dt.timedelta(days=45),
        "relationship": "partner",
        "circumstances": "Found at home; her former partner has been charged.",
    }
    values.update(overrides)
    return services.dhr_notification_record(**values)


def _held(lead: Actor, **overrides: Any) -> DomesticHomicideReview:
    review = _notify(lead, **overrides)
    return services.dhr_decision_record(
        actor=lead, review=review, decision="conduct", decided_on=review.notified_on, reasons="Criteria met"
    )


def test_a_review_from_notification_to_publication(actor: ActorOf, members: None) -> None:
    lead = actor("avbc_partnership_coordinator")
    review = _notify(lead)
    assert review.status == DhrStatus.AWAITING_DECISION
    assert review.rule_version == rules.RULE_VERSION_DHR
    decided_on = review.notified_on + dt.timedelta(days=10)
    review = services.dhr_decision_record(
        actor=lead, review=review, decision="conduct", decided_on=decided_on, reasons="Criteria met"
    )
    assert review.status == DhrStatus.IN_PROGRESS
    assert review.report_due_on == rules.report_due(decided_on)
    services.dhr_home_office_told(actor=lead, review=review, told_on=decided_on)
    services.dhr_chair_appoint(
        actor=lead, review=review, chair_name="Pat Chair", appointed_on=decided_on, independence="No links"
    )
    services.dhr_panel_member_add(
        actor=lead,
        review=review,
        agency_name="Derbyshire Constabulary",
        representative="DI Example",
        joined_on=decided_on,
    )
    old_due = review.report_due_on
    assert old_due is not None
    extension = services.dhr_extension_record(
        actor=lead,
        review=review,
        agreed_on=today(),
        new_due_on=old_due + dt.timedelta(days=60),
        reason="Criminal trial listed",
    )
    assert extension.previous_due_on == old_due
    review.refresh_from_db()
    assert review.report_due_on == old_due + dt.timedelta(days=60)
    services.dhr_report_complete(actor=lead, review=review, completed_on=today())

    # Publication is blocked until the Home Office Quality Assurance Panel approves the report.
    def publish() -> DomesticHomicideReview:
        return services.dhr_publish(
            actor=lead,
            review=review,
            published_on=today(),
            publication_url="https://example.org/dhr",
            anonymised=True,
        )

    with pytest.raises(ApplicationError, match="Quality Assurance Panel"):
        publish()
    services.dhr_qa_submit(actor=lead, review=review, submitted_on=today())
    with pytest.raises(ApplicationError, match="Quality Assurance Panel"):
        publish()
    services.dhr_qa_outcome_record(actor=lead, review=review, outcome="resubmit", outcome_on=today())
    assert review.status == DhrStatus.REPORT_COMPLETE
    with pytest.raises(ApplicationError, match="Quality Assurance Panel"):
        publish()
    services.dhr_qa_submit(actor=lead, review=review, submitted_on=today())
    services.dhr_qa_outcome_record(actor=lead, review=review, outcome="approved", outcome_on=today())
    with pytest.raises(ApplicationError, match="anonymised"):
        services.dhr_publish(
            actor=lead, review=review, published_on=today(), publication_url="", anonymised=False
        )
    publish()
    review.refresh_from_db()
    assert review.status == DhrStatus.PUBLISHED and review.anonymised
    verbs = set(AuditEvent.objects.filter(target_id=str(review.pk)).values_list("verb", flat=True))
    assert {
        "domestichomicidereview.notified",
        "domestichomicidereview.decided",
        "domestichomicidereview.home_office_told",
        "domestichomicidereview.extended",
        "domestichomicidereview.qa_outcome_recorded",
        "domestichomicidereview.published",
    } <= verbs


def test_publication_refused_before_approval_even_with_the_status_forced(
    actor: ActorOf, members: None
) -> None:
    """The rule, not only the page: a review whose QA outcome is not "approved" cannot be published."""
    lead = actor("avbc_partnership_coordinator")
    review = _held(lead)
    DomesticHomicideReview.objects.filter(pk=review.pk).update(
        status=DhrStatus.APPROVED, report_completed_on=today(), qa_outcome="resubmit", qa_outcome_on=today()
    )
    review.refresh_from_db()
    with pytest.raises(ApplicationError, match="Quality Assurance Panel"):
        services.dhr_publish(
            actor=lead, review=review, published_on=today(), publication_url="", anonymised=True
        )


def test_decision_late_is_recorded_and_shown_as_late(actor: ActorOf, members: None) -> None:
    lead = actor("avbc_partnership_coordinator")
    review = _notify(lead, notified_on=today() - dt.timedelta(days=90), died_on=None)
    due = rules.decision_due(review.notified_on)
    deadlines = selectors.upcoming_deadlines(lead, today())
    assert any(d.due == due and "decide whether" in d.title and d.is_overdue(today()) for d in deadlines)
    services.dhr_decision_record(
        actor=lead, review=review, decision="not_conduct", decided_on=due + dt.timedelta(days=1), reasons="x"
    )
    assert not rules.decision_in_time(review.notified_on, review.decided_on)  # type: ignore[arg-type]
    assert review.status == DhrStatus.NOT_HELD
    # The Home Office is told of a decision not to hold a review too.
    assert [d.title for d in selectors.upcoming_deadlines(lead, today())] == [
        f"{review.reference}: tell the Home Office of the decision"
    ]


def test_s9_a_review_is_not_held_for_a_death_outside_the_section(actor: ActorOf, members: None) -> None:
    lead = actor("avbc_partnership_coordinator")
    for overrides in ({"deceased_age": 15}, {"relationship": "none"}):
        review = _notify(lead, **overrides)
        with pytest.raises(ApplicationError, match="outside"):
            services.dhr_decision_record(
                actor=lead, review=review, decision="conduct", decided_on=review.notified_on, reasons="x"
            )
    sixteen = _notify(lead, deceased_age=16)
    services.dhr_decision_record(
        actor=lead, review=sixteen, decision="conduct", decided_on=sixteen.notified_on, reasons="x"
    )


def test_dates_cannot_run_backwards(actor: ActorOf, members: None) -> None:
    lead = actor("avbc_partnership_coordinator")
    review = _notify(lead)
    with pytest.raises(ApplicationError) as error:
        services.dhr_decision_record(
            actor=lead,
            review=review,
            decision="conduct",
            decided_on=review.notified_on - dt.timedelta(days=1),
            reasons="x",
        )
    assert error.value.field == "decided_on"
    with pytest.raises(ApplicationError) as error:
        _notify(lead, notified_on=today() + dt.timedelta(days=1))
    assert error.value.field == "notified_on"
    held = _held(lead)
    assert held.report_due_on is not None
    with pytest.raises(ApplicationError) as error:
        services.dhr_extension_record(
            actor=lead, review=held, agreed_on=today(), new_due_on=held.report_due_on, reason="Trial"
        )
    assert error.value.field == "new_due_on"
    with pytest.raises(ApplicationError, match="chair"):
        services.dhr_report_complete(actor=lead, review=held, completed_on=today())


def test_action_plan_owned_actions_and_panel_members_report_progress(actor: ActorOf, members: None) -> None:
    lead, police = actor("avbc_partnership_coordinator"), actor("police_caseworker")
    review = _held(lead)
    recommendation = services.dhr_recommendation_add(
        actor=lead, review=review, text="Train call handlers on coercive control", agency_name="Police"
    )
    second = services.dhr_recommendation_add(actor=lead, review=review, text="Share risk", agency_name="NHS")
    assert (recommendation.number, second.number) == (1, 2)
    action = services.dhr_action_add(
        actor=lead,
        review=review,
        recommendation=recommendation.pk,
        description="Deliver training",
        owner="Insp Example, Derbyshire Constabulary",
        due_on=today() + dt.timedelta(days=10),
    )
    # A panel member cannot take the lead's steps, but records progress on an action.
    with pytest.raises(PermissionDeniedError):
        services.dhr_recommendation_add(actor=police, review=review, text="x", agency_name="y")
    with pytest.raises(ApplicationError, match="date the action was completed"):
        services.dhr_action_update(actor=police, action=action, status="complete", progress="Done")
    services.dhr_action_update(
        actor=police, action=action, status="complete", progress="All trained", completed_on=today()
    )
    action.refresh_from_db()
    assert action.status == "complete" and action.completed_on == today()
    assert AuditEvent.objects.filter(
        verb="domestichomicidereview.action_updated", target_id=str(review.pk), actor=police.user
    ).exists()


def test_the_compartment_members_only_never_administrators(
    actor: ActorOf, members: None, make_member: Callable[..., Any]
) -> None:
    lead = actor("avbc_partnership_coordinator")
    review = _held(lead)
    # Members of every agency (a multi-agency panel) see it.
    for username in ("avbc_partnership_coordinator", "police_caseworker", "nhs_caseworker"):
        assert actor(username).policy.can(Action.VIEW, review), username
        assert selectors.reviews_visible(actor(username)).filter(pk=review.pk).exists()
    # Nobody else does: not a caseworker in the lead's own agency, not the administrator.
    for username in ("avbc_caseworker", "avbc_team_manager", "avbc_administrator", "dcc_team_manager"):
        other = actor(username)
        assert not other.policy.can(Action.VIEW, review), username
        assert not selectors.reviews_visible(other).exists(), username
        assert selectors.upcoming_deadlines(other, today()) == []
    with pytest.raises(ApplicationError, match="administrator"):
        make_member("avbc_administrator", DHR)
    # Only a lead records a notification.
    with pytest.raises(PermissionDeniedError):
        _notify(actor("police_caseworker"))
    with pytest.raises(PermissionDeniedError):
        _notify(actor("avbc_caseworker"))


def test_upcoming_deadlines_are_plain_values_without_names_and_are_audited(
    actor: ActorOf, members: None
) -> None:
    lead = actor("avbc_partnership_coordinator")
    review = _held(lead)
    services.dhr_recommendation_add(actor=lead, review=review, text="Train", agency_name="Police")
    services.dhr_action_add(
        actor=lead,
        review=review,
        recommendation=review.recommendations.get().pk,
        description="Deliver training",
        owner="Insp Example",
        due_on=today() + dt.timedelta(days=100),
    )
    before = AuditEvent.objects.filter(verb="domestichomicidereview.listed").count()
    found = selectors.upcoming_deadlines(lead, today())
    assert all(
        isinstance(d, Deadline) and d.kind == "Domestic Homicide Reviews" and "section 9" in d.section
        for d in found
    )
    assert [d.due for d in found] == sorted(d.due for d in found)
    assert sorted(d.title.removeprefix(f"{review.reference}: ") for d in found) == sorted(
        [
            "tell the Home Office of the decision",
            "overview report, executive summary and action plan",
            f"action {review.recommendations.get().actions.get().pk} on recommendation 1",
        ]
    )
    assert all("Jo Example" not in d.title for d in found)
    assert AuditEvent.objects.filter(verb="domestichomicidereview.listed").count() == before + 1
    soon = selectors.upcoming_deadlines(lead, today(), within_days=30)
    assert all(d.due <= today() + dt.timedelta(days=30) for d in soon)
    assert len(soon) < len(found)


def test_deadlines_provider_leads_all_steps_panel_members_the_actions(actor: ActorOf, members: None) -> None:
    from csphub.duties.deadlines import deadlines_for, providers

    assert {"dhr", "svd"} <= set(providers())
    lead, police = actor("avbc_partnership_coordinator"), actor("police_caseworker")
    review = _held(lead)
    recommendation = services.dhr_recommendation_add(
        actor=lead, review=review, text="Train", agency_name="Police"
    )
    services.dhr_action_add(
        actor=lead,
        review=review,
        recommendation=recommendation.pk,
        description="Deliver training",
        owner="Insp Example",
        due_on=today() + dt.timedelta(days=5),
    )
    lead_titles = [d.title for d in deadlines_for(lead, today()) if d.kind == "Domestic Homicide Reviews"]
    police_titles = [d.title for d in deadlines_for(police, today()) if d.kind == "Domestic Homicide Reviews"]
    assert len(lead_titles) == 3
    assert len(police_titles) == 1 and "action" in police_titles[0]
    assert [
        d
        for d in deadlines_for(actor("avbc_administrator"), today())
        if d.kind == "Domestic Homicide Reviews"
    ] == []


def test_anonymised_publication_version(actor: ActorOf, members: None) -> None:
    """The publication version (2016 statutory guidance): refused while the person who died has no
    pseudonym or a real name is left; then every name is replaced, dates are month and year, the
    panel shows agencies only, and producing it is audited."""
    lead = actor("avbc_partnership_coordinator")
    review = _held(
        lead, circumstances="Jo Example was found at home; Sam Perp, her former partner, was charged."
    )
    services.dhr_panel_member_add(
        actor=lead,
        review=review,
        agency_name="Derbyshire Constabulary",
        representative="DI Panel",
        joined_on=today(),
    )
    rec = services.dhr_recommendation_add(
        actor=lead,
        review=review,
        text="Agencies should have asked Jo about Sam's threats.",
        agency_name="Police",
    )
    services.dhr_action_add(
        actor=lead,
        review=review,
        recommendation=rec.pk,
        description="Train officers to ask Example family members",
        owner="DI Owner",
        due_on=today() + dt.timedelta(days=30),
    )
    built = selectors.publication(review)
    assert any("person who died" in p for p in built["problems"])
    with pytest.raises(ApplicationError):
        services.dhr_publication_produce(actor=lead, review=review)

    with pytest.raises(ApplicationError, match="must not contain"):
        services.dhr_pseudonym_add(
            actor=lead, review=review, role="victim", real_name="Jo Example", pseudonym="Jo A"
        )
    services.dhr_pseudonym_add(
        actor=lead, review=review, role="victim", real_name="Jo Example", pseudonym="Kim"
    )
    # A name nobody has given a pseudonym is not known to be a name: the chair sees it in the preview.
    assert "Sam Perp" in selectors.publication(review)["document"]["circumstances"]
    with pytest.raises(ApplicationError, match="already has this pseudonym"):
        services.dhr_pseudonym_add(
            actor=lead, review=review, role="perpetrator", real_name="Sam Perp", pseudonym="kim"
        )
    services.dhr_pseudonym_add(
        actor=lead, review=review, role="perpetrator", real_name="Sam Perp", pseudonym="Lee"
    )
    with pytest.raises(PermissionDeniedError):
        services.dhr_publication_produce(actor=actor("police_caseworker"), review=review)  # a panel member

    document = services.dhr_publication_produce(actor=lead, review=review)
    text = repr(document)
    for identifier in ("Jo", "Example", "Sam", "Perp", "DI Panel", "DI Owner", f"{review.died_on:%-d %B}"):
        assert identifier not in text, identifier
    assert (
        document["victim"] == "Kim"
        and "Kim was found at home; Lee, her former partner" in document["circumstances"]
    )
    assert document["plan"][0]["actions"][0]["description"] == "Train officers to ask Kim family members"
    assert document["died"] == f"{review.died_on:%B %Y}"
    assert document["panel_agencies"] == ["Derbyshire Constabulary"]
    assert AuditEvent.objects.filter(
        verb="domestichomicidereview.publication_produced", target_id=str(review.pk)
    ).exists()
    assert (
        AuditEvent.objects.filter(
            verb="domestichomicidereview.pseudonym_added", target_id=str(review.pk)
        ).count()
        == 2
    )
