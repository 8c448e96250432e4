"""Review item 14 (section 6): a case can be about a person, a group or a place; the victim's
single point of contact keeps the update schedule agreed with the victim (overdue updates flagged)
and records that the victim was consulted on the action plan (ASB statutory guidance for frontline
professionals, 2025 revision); an optional satisfaction question at closure."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from csphub.audit.models import AuditEvent
from csphub.cases import rules, selectors, services
from csphub.cases.models import CaseSubject, PartyRole, SurveyAnswer
from csphub.core.errors import ApplicationError

D = dt.date


# --- the schedule (statutory guidance 2025: updates as agreed with the victim) -----------------


def test_next_update_is_due_every_n_days_from_the_agreement_or_the_last_update() -> None:
    assert rules.victim_update_due(agreed_on=D(2026, 3, 2), last_update_on=None, every_days=14) == D(
        2026, 3, 16
    )
    assert rules.victim_update_due(agreed_on=D(2026, 3, 2), last_update_on=D(2026, 3, 10), every_days=7) == D(
        2026, 3, 17
    )
    # An update logged before a new agreement does not pull the due date back.
    assert rules.victim_update_due(
        agreed_on=D(2026, 3, 20), last_update_on=D(2026, 3, 10), every_days=7
    ) == D(2026, 3, 27)


def test_an_update_is_overdue_from_the_day_after_it_was_due() -> None:
    due = D(2026, 3, 16)
    assert not rules.victim_update_overdue(due_on=due, today=D(2026, 3, 15))
    assert not rules.victim_update_overdue(due_on=due, today=due)
    assert rules.victim_update_overdue(due_on=due, today=D(2026, 3, 17))


def test_schedule_limits_both_sides() -> None:
    today = D(2026, 3, 16)
    assert rules.victim_schedule_problems(every_days=1, agreed_on=today, today=today) == []
    assert rules.victim_schedule_problems(every_days=90, agreed_on=today, today=today) == []
    assert [p.field for p in rules.victim_schedule_problems(every_days=0, agreed_on=today, today=today)] == [
        "update_every_days"
    ]
    assert [p.field for p in rules.victim_schedule_problems(every_days=91, agreed_on=today, today=today)] == [
        "update_every_days"
    ]
    assert [
        p.field
        for p in rules.victim_schedule_problems(
            every_days=7, agreed_on=today + dt.timedelta(days=1), today=today
        )
    ] == ["agreed_on"]


# --- on a real database --------------------------------------------------------------------------


@pytest.fixture
def case_with_victim(make_case: Any) -> Any:
    case = make_case(family="Fairweather")
    victim = case.parties.get(role=PartyRole.VICTIM).person
    return case, victim


@pytest.mark.django_db
def test_a_case_can_be_about_a_place(make_incident: Any, persona: Any, client_as: Any) -> None:
    actor = persona("avbc_caseworker")
    incident = make_incident()
    with pytest.raises(ApplicationError) as problem:
        services.case_open(
            actor=actor, incidents=[incident], summary="Fires in the park", subject_kind="place"
        )
    assert problem.value.field == "subject_description"
    case = services.case_open(
        actor=actor,
        incidents=[incident],
        summary="Fires in the park",
        subject_kind=CaseSubject.PLACE,
        subject_description="Ashbrook Park",
    )
    page = client_as("avbc_caseworker").get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "A place, such as a park or a block of flats: Ashbrook Park" in page
    listing = client_as("avbc_caseworker").get(reverse("cases:case_list"), {"q": "Ashbrook"}).content.decode()
    assert case.reference in listing
    # Through the page too: the open-a-case form asks what the case is about.
    response = client_as("avbc_caseworker").post(
        reverse("cases:case_open") + f"?incident={make_incident().pk}",
        {
            "summary": "Group at the skate park",
            "asb_type": "nuisance",
            "subject_kind": "group",
            "subject_description": "",
        },
    )
    assert "Describe the group or the place the case is about" in response.content.decode()


@pytest.mark.django_db
def test_schedule_overdue_flag_update_and_action_plan_consultation(
    case_with_victim: Any, persona: Any, client_as: Any
) -> None:
    case, victim = case_with_victim
    officer = persona("avbc_caseworker")
    client = client_as("avbc_caseworker")
    today = timezone.localdate()
    response = client.post(
        reverse("cases:victim_contact", args=[case.pk]),
        {
            "victim": str(victim.pk),
            "spoc": str(officer.pk),
            "update_every_days": "7",
            "method": "phone",
            "agreed_on_day": str((today - dt.timedelta(days=8)).day),
            "agreed_on_month": str((today - dt.timedelta(days=8)).month),
            "agreed_on_year": str((today - dt.timedelta(days=8)).year),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert 'data-testid="victim-update-overdue"' in page and "Not yet consulted" in page
    home = client.get(reverse("frontend:home")).content.decode()
    assert "Victims waiting for an update" in home and case.reference in home
    (contact,) = [s.contact for s in selectors.victim_schedules(case)]
    response = client.post(
        reverse("cases:victim_update", args=[case.pk, contact.pk]),
        {
            "given_on_day": str(today.day),
            "given_on_month": str(today.month),
            "given_on_year": str(today.year),
            "method": "visit",
            "summary": "Explained the warning issued and the plan for the next fortnight.",
            "consulted_on_action_plan": "on",
            "action_plan_views": "Wants the CCTV request pursued first.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert 'data-testid="victim-update-overdue"' not in page
    assert f"Victim consulted {today:%-d %b %Y}" in page
    assert "Victims waiting for an update" not in client.get(reverse("frontend:home")).content.decode()
    verbs = set(AuditEvent.objects.filter(actor=officer).values_list("verb", flat=True))
    assert {"victimcontact.agreed", "victimupdate.recorded"} <= verbs


@pytest.mark.django_db
def test_only_victims_and_own_agency_contacts_and_partners_cannot_write(
    case_with_victim: Any, persona: Any, make_person: Any, client_as: Any
) -> None:
    case, victim = case_with_victim
    actor = persona("avbc_caseworker")
    stranger = make_person(given="Nobody", family="Onthecase")
    today = timezone.localdate()
    with pytest.raises(ApplicationError) as problem:
        services.victim_contact_agree(
            actor=actor,
            case=case,
            victim=stranger,
            spoc=actor,
            agreed_on=today,
            update_every_days=7,
            method="phone",
        )
    assert problem.value.field == "victim"
    with pytest.raises(ApplicationError) as problem:
        services.victim_contact_agree(
            actor=actor,
            case=case,
            victim=victim,
            spoc=persona("police_caseworker"),
            agreed_on=today,
            update_every_days=7,
            method="phone",
        )
    assert problem.value.field == "spoc"
    for name, args in (
        ("cases:victim_contact", [case.pk]),
        ("cases:closure_survey", [case.pk]),
    ):
        assert client_as("police_caseworker").get(reverse(name, args=args)).status_code == 404


@pytest.mark.django_db
def test_satisfaction_question_only_at_closure_once_per_victim(
    case_with_victim: Any, persona: Any, client_as: Any
) -> None:
    case, victim = case_with_victim
    actor = persona("avbc_caseworker")
    client = client_as("avbc_caseworker")
    assert client.get(reverse("cases:closure_survey", args=[case.pk])).status_code == 404
    with pytest.raises(ApplicationError):
        services.closure_survey_record(actor=actor, case=case, victim=victim, answer=SurveyAnswer.SATISFIED)
    services.case_change_status(
        actor=actor, case=case, to_status="closed", reason="Resolved", outcome="resolved"
    )
    response = client.post(
        reverse("cases:closure_survey", args=[case.pk]),
        {"victim": str(victim.pk), "answer": "satisfied", "comments": "Quieter now."},
    )
    assert response.status_code == 302
    page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "Satisfied" in page and "Quieter now." in page
    case.refresh_from_db()
    with pytest.raises(ApplicationError):
        services.closure_survey_record(actor=actor, case=case, victim=victim, answer=SurveyAnswer.DECLINED)
    assert AuditEvent.objects.filter(verb="closuresurvey.recorded", target_id=str(case.pk)).count() == 1


@pytest.mark.django_db
def test_a_deactivated_colleague_is_not_a_victims_point_of_contact(
    case_with_victim: Any, persona: Any, client_as: Any
) -> None:
    """An account an administrator deactivated (new-user review item 31) can no longer sign in, so
    it is neither offered nor accepted as a victim's single point of contact."""
    case, victim = case_with_victim
    gone = persona("avbc_team_manager")
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    page = client_as("avbc_caseworker").get(reverse("cases:victim_contact", args=[case.pk])).content.decode()
    assert f'<option value="{persona("avbc_caseworker").pk}"' in page
    assert f'<option value="{gone.pk}"' not in page
    with pytest.raises(ApplicationError) as problem:
        services.victim_contact_agree(
            actor=persona("avbc_caseworker"),
            case=case,
            victim=victim,
            spoc=gone,
            agreed_on=timezone.localdate(),
            update_every_days=7,
            method="phone",
        )
    assert problem.value.field == "spoc"
