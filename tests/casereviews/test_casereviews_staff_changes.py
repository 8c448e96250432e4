"""Staff pages for the area's procedure, threshold rule versions, the SPoC and unlinking incidents.

Each change is a question page, then a check-answers page; only "confirm" saves (and audits).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from csphub.audit.models import AuditEvent
from csphub.casereviews import rules, services
from csphub.casereviews.models import ApplicationIncident, CaseReviewArea, ThresholdRuleSet
from tests.versions import BrowserLikeClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_as(client_as: Any) -> Any:
    """Clients that post like a browser: each form sends back the version it was read at."""
    return lambda who: BrowserLikeClient(client_as(who))


def _d(day: dt.date) -> str:
    return f"{day.day}/{day.month}/{day.year}"


def verbs() -> list[str]:
    return list(AuditEvent.objects.order_by("pk").values_list("verb", flat=True))


def area_post(area: Any, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "managing_agency": area.managing_agency.pk,
        "relevant_bodies": [a.pk for a in area.relevant_bodies.all()],
        "contact_team": "Community Safety Team",
        "contact_email": "cst@example.gov.uk",
        "contact_phone": "01773 111111",
        "default_spoc": area.default_spoc.pk,
        "appeal_body_name": "the Derbyshire Police and Crime Commissioner",
        "appeal_body_contact": "Butterley Hall, Ripley",
        "acknowledge_wd": "3",
        "threshold_decision_wd": "10",
        "review_meeting_wd": "20",
        "outcome_letter_wd": "7",
        "appeal_window_wd": "20",
        "appeal_decision_wd": "15",
    }
    data.update(overrides)
    return data


def rules_post(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "version": "local-2",
        "effective_from": _d(timezone.localdate()),
        "qualifying_complaints_required": "2",
        "distinct_complainants_required": "",
        "description": "Two qualifying complaints meet the threshold here.",
        "pcc_consulted_on": _d(timezone.localdate()),
        "housing_consulted_on": _d(timezone.localdate()),
    }
    data.update(overrides)
    return data


# --- the area's procedure ----------------------------------------------------------------------


@pytest.mark.parametrize("who", ["avbc_partnership_coordinator", "avbc_team_manager"])
def test_coordinator_changes_the_procedure_after_checking_answers(
    area: Any, client_as: Any, who: str
) -> None:
    client = client_as(who)
    url = reverse("casereviews:area_change", args=[area.slug])
    assert client.get(url).status_code == 200
    # Continue: the check page shows the answers, nothing is saved yet.
    response = client.post(url, area_post(area))
    assert response.status_code == 200
    assert "Check the changes" in response.content.decode()
    area.refresh_from_db()
    assert area.acknowledge_wd == 5
    # "Change" goes back to the question page with the answers kept.
    response = client.post(url, {**area_post(area), "step": "change"})
    assert b"Continue" in response.content and b'value="3"' in response.content
    # Confirm saves and audits the fields that changed.
    response = client.post(url, {**area_post(area), "step": "confirm"})
    assert response.status_code == 302 and response.url == reverse("casereviews:areas")
    area.refresh_from_db()
    assert (area.acknowledge_wd, area.threshold_decision_wd, area.appeal_decision_wd) == (3, 10, 15)
    event = AuditEvent.objects.filter(verb="casereviewarea.changed").latest("pk")
    assert "acknowledge_wd" in event.changed_fields and "review_meeting_wd" not in event.changed_fields
    page = client.get(reverse("casereviews:areas")).content.decode()
    assert "Acknowledge 3" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "acknowledge_wd",
            "0",
            "Enter the time to acknowledge as a whole number of working days from 1 to 260",
        ),
        ("threshold_decision_wd", "ten", "whole number of working days"),
        ("appeal_body_name", "", "Enter who hears appeals"),
        ("contact_email", "not-an-email", "Enter an e-mail address in the correct format"),
        ("relevant_bodies", [], "Select the relevant bodies taking part"),
    ],
)
def test_bad_procedure_input_says_what_to_do_and_saves_nothing(
    area: Any, client_as: Any, field: str, value: Any, message: str
) -> None:
    client = client_as("avbc_partnership_coordinator")
    before = AuditEvent.objects.count()
    response = client.post(
        reverse("casereviews:area_change", args=[area.slug]),
        {**area_post(area, **{field: value}), "step": "confirm"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page and "There is a problem" in page and message in page
    area.refresh_from_db()
    assert area.acknowledge_wd == 5 and area.contact_email == "community.safety@example.gov.uk"
    assert AuditEvent.objects.count() == before


def test_default_spoc_from_another_agency_is_refused(area: Any, client_as: Any, persona: Any) -> None:
    client = client_as("avbc_partnership_coordinator")
    response = client.post(
        reverse("casereviews:area_change", args=[area.slug]),
        {**area_post(area, default_spoc=persona("police_caseworker").pk), "step": "confirm"},
    )
    assert "Select a single point of contact from the list" in response.content.decode()
    area.refresh_from_db()
    assert area.default_spoc == persona("avbc_caseworker")


@pytest.mark.parametrize("who", ["avbc_caseworker", "police_partnership_coordinator", "avbc_analyst"])
def test_only_coordinators_and_managers_of_the_managing_agency_configure(
    area: Any, client_as: Any, persona: Any, who: str
) -> None:
    client = client_as(who)
    for name in ("area_change", "rule_set_new"):
        url = reverse(f"casereviews:{name}", args=[area.slug])
        assert client.get(url).status_code == 403
        assert client.post(url, {**rules_post(), "step": "confirm"}).status_code == 403
    assert not ThresholdRuleSet.objects.filter(area=area).exists()
    with pytest.raises(services.PermissionDeniedError):
        services.rule_set_add(actor=persona(who), area=area, policy=rules.ThresholdPolicy(version="x"))


# --- threshold rule versions ---------------------------------------------------------------------


def test_rule_set_page_states_the_statutory_floor_and_refuses_above_three(area: Any, client_as: Any) -> None:
    client = client_as("avbc_partnership_coordinator")
    url = reverse("casereviews:rule_set_new", args=[area.slug])
    page = client.get(url).content.decode()
    assert "never narrow the statutory test" in page
    response = client.post(url, {**rules_post(qualifying_complaints_required="4"), "step": "confirm"})
    page = response.content.decode()
    assert "<title>Error: " in page
    assert "Enter 3 or fewer: the law does not allow a threshold above three qualifying complaints" in page
    assert not ThresholdRuleSet.objects.exists()
    # The service refuses too, whatever the page does.
    with pytest.raises(ValueError, match="no higher than three"):
        rules.ThresholdPolicy(version="x", qualifying_complaints_required=4)


def test_rule_set_version_label_and_date_cannot_rewrite_history(
    area: Any, client_as: Any, persona: Any
) -> None:
    services.rule_set_add(
        actor=persona("avbc_partnership_coordinator"),
        area=area,
        policy=rules.ThresholdPolicy(version="local-1", effective_from=timezone.localdate()),
        pcc_consulted_on=timezone.localdate(),
        housing_consulted_on=timezone.localdate(),
    )
    client = client_as("avbc_partnership_coordinator")
    url = reverse("casereviews:rule_set_new", args=[area.slug])
    response = client.post(url, {**rules_post(version="local-1"), "step": "confirm"})
    assert "Version &#x27;local-1&#x27; already exists" in response.content.decode()
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    response = client.post(url, {**rules_post(effective_from=_d(yesterday)), "step": "confirm"})
    assert "Enter a date on or after" in response.content.decode()
    assert list(ThresholdRuleSet.objects.values_list("version", flat=True)) == ["local-1"]


def test_new_rule_version_applies_to_the_next_decision_and_old_decisions_keep_theirs(
    area: Any, application_data: Any, client_as: Any, persona: Any, make_incident: Any
) -> None:
    staff = persona("avbc_caseworker")
    today = timezone.localdate()

    def application_with_two_complaints() -> Any:
        application = services.application_submit(actor=None, area=area, **application_data())
        for days in (40, 10):
            incident = make_incident(by="avbc_caseworker", occurred=today - dt.timedelta(days=days))
            services.application_link_incident(actor=staff, application=application, incident=incident)
        return application

    first = application_with_two_complaints()
    before = services.threshold_decide(actor=staff, application=first, decided_on=today)
    assert not before.met and before.rule_version == rules.STATUTORY_POLICY.version

    client = client_as("avbc_partnership_coordinator")
    url = reverse("casereviews:rule_set_new", args=[area.slug])
    check = client.post(url, rules_post())
    assert "Check the new threshold rules" in check.content.decode()
    assert not ThresholdRuleSet.objects.exists()
    response = client.post(url, {**rules_post(), "step": "confirm"})
    assert response.status_code == 302
    assert "thresholdruleset.created" in verbs()

    second = application_with_two_complaints()
    after = services.threshold_decide(actor=staff, application=second, decided_on=today)
    assert after.met and after.rule_version == "local-2"
    before.refresh_from_db()
    assert before.rule_version == rules.STATUTORY_POLICY.version and not before.met
    assert before.as_rules_decision().rule_version == rules.STATUTORY_POLICY.version


def test_service_level_change_applies_to_open_clocks(
    area: Any, application_data: Any, client_as: Any
) -> None:
    application = services.application_submit(actor=None, area=area, **application_data())
    due_before = application.clocks()[0].due_on
    client = client_as("avbc_team_manager")
    client.post(
        reverse("casereviews:area_change", args=[area.slug]),
        {**area_post(area, acknowledge_wd="10"), "step": "confirm"},
    )
    application.refresh_from_db()
    assert application.area.acknowledge_wd == 10
    assert application.clocks()[0].due_on > due_before


# --- single point of contact ---------------------------------------------------------------------


def test_spoc_changed_after_check_and_applicant_emailed_on_commit(
    area: Any, application_data: Any, client_as: Any, persona: Any, django_capture_on_commit_callbacks: Any
) -> None:
    application = services.application_submit(actor=None, area=area, **application_data())
    new = persona("avbc_team_manager")
    client = client_as("avbc_caseworker")
    detail = client.get(reverse("casereviews:detail", args=[application.reference])).content.decode()
    url = reverse("casereviews:spoc_change", args=[application.reference])
    assert url in detail
    check = client.post(url, {"spoc": new.pk})
    assert "jo@example.org" in check.content.decode()
    application.refresh_from_db()
    assert application.spoc == persona("avbc_caseworker")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"spoc": new.pk, "step": "confirm"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.spoc == new
    assert "casereviewapplication.spoc_assigned" in verbs()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["jo@example.org"] and application.reference in mail.outbox[0].subject
    assert (new.get_full_name() or new.username) in mail.outbox[0].body


def test_spoc_must_be_case_review_staff_of_the_owning_agency(
    area: Any, application_data: Any, client_as: Any, persona: Any, django_capture_on_commit_callbacks: Any
) -> None:
    application = services.application_submit(actor=None, area=area, **application_data())
    client = client_as("avbc_caseworker")
    url = reverse("casereviews:spoc_change", args=[application.reference])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for bad in ({}, {"spoc": persona("police_caseworker").pk}, {"spoc": persona("avbc_analyst").pk}):
            response = client.post(url, {**bad, "step": "confirm"})
            page = response.content.decode()
            assert response.status_code == 200 and "<title>Error: " in page
            assert "Select the new single point of contact" in page
    application.refresh_from_db()
    assert application.spoc == persona("avbc_caseworker")
    assert mail.outbox == [] and "casereviewapplication.spoc_assigned" not in verbs()
    with pytest.raises(services.ApplicationError):
        services.application_assign_spoc(
            actor=persona("avbc_caseworker"), application=application, spoc=persona("police_caseworker")
        )


# --- unlinking an incident -----------------------------------------------------------------------


def test_incident_unlinked_with_a_reason_after_checking(
    area: Any, application_data: Any, client_as: Any, persona: Any, make_incident: Any
) -> None:
    staff = persona("avbc_caseworker")
    application = services.application_submit(actor=None, area=area, **application_data())
    incident = make_incident(by="avbc_caseworker", occurred=timezone.localdate() - dt.timedelta(days=5))
    link = services.application_link_incident(actor=staff, application=application, incident=incident)
    client = client_as("avbc_caseworker")
    url = reverse("casereviews:unlink_incident", args=[application.reference, link.pk])
    assert url in client.get(reverse("casereviews:detail", args=[application.reference])).content.decode()
    # No reason: a GOV.UK error, nothing removed.
    page = client.post(url, {"reason": "  ", "step": "confirm"}).content.decode()
    assert "<title>Error: " in page and "Enter why this incident should not be linked" in page
    assert ApplicationIncident.objects.filter(pk=link.pk).exists()
    # With a reason: check page first, then confirm.
    client.post(url, {"reason": "Different address"})
    assert ApplicationIncident.objects.filter(pk=link.pk).exists()
    response = client.post(url, {"reason": "Different address", "step": "confirm"})
    assert response.status_code == 302
    assert not ApplicationIncident.objects.filter(pk=link.pk).exists()
    event = AuditEvent.objects.get(verb="casereviewapplication.incident_unlinked")
    assert event.justification == "Different address"


def test_incident_cannot_be_unlinked_after_the_decision(
    area: Any, application_data: Any, client_as: Any, persona: Any, make_incident: Any
) -> None:
    staff = persona("avbc_caseworker")
    application = services.application_submit(actor=None, area=area, **application_data())
    incident = make_incident(by="avbc_caseworker", occurred=timezone.localdate() - dt.timedelta(days=5))
    link = services.application_link_incident(actor=staff, application=application, incident=incident)
    services.threshold_decide(actor=staff, application=application)
    response = client_as("avbc_caseworker").post(
        reverse("casereviews:unlink_incident", args=[application.reference, link.pk]),
        {"reason": "Wrong", "step": "confirm"},
    )
    assert "incidents can no longer be unlinked" in response.content.decode()
    assert ApplicationIncident.objects.filter(pk=link.pk).exists()


def test_areas_page_lists_only_areas_one_may_configure(area: Any, client_as: Any) -> None:
    assert (
        "Amber Valley"
        in client_as("avbc_partnership_coordinator").get(reverse("casereviews:areas")).content.decode()
    )
    page = client_as("avbc_caseworker").get(reverse("casereviews:areas")).content.decode()
    assert "You cannot change any area" in page
    assert CaseReviewArea.objects.count() == 1


def test_sch4_new_rule_version_records_the_pcc_and_housing_consultation(
    area: Any, client_as: Any, persona: Any
) -> None:
    """B.5 (Sch 4): consultation on or before the day the rules take effect, and not in the future."""
    today = timezone.localdate()
    effective = today + dt.timedelta(days=10)
    problems = rules.procedure_consultation_problems
    assert (
        problems(
            pcc_consulted_on=effective, housing_consulted_on=today, effective_from=effective, today=effective
        )
        == []
    )
    assert [
        p.field
        for p in problems(
            pcc_consulted_on=effective + dt.timedelta(days=1),
            housing_consulted_on=today,
            effective_from=effective,
            today=effective + dt.timedelta(days=1),
        )
    ] == ["pcc_consulted_on"]
    assert problems(
        pcc_consulted_on=today,
        housing_consulted_on=today + dt.timedelta(days=1),
        effective_from=effective,
        today=today,
    )[0].message == ("The date the housing providers were consulted must be today or in the past")
    assert [
        p.field
        for p in problems(
            pcc_consulted_on=None, housing_consulted_on=None, effective_from=effective, today=today
        )
    ] == [
        "pcc_consulted_on",
        "housing_consulted_on",
    ]
    client = client_as("avbc_partnership_coordinator")
    url = reverse("casereviews:rule_set_new", args=[area.slug])
    response = client.post(url, {**rules_post(pcc_consulted_on=""), "step": "confirm"})
    assert (
        "Enter the date the police and crime commissioner was consulted on the change (Sch 4)"
        in response.content.decode()
    )
    assert not ThresholdRuleSet.objects.exists()
    assert client.post(url, {**rules_post(), "step": "confirm"}).status_code == 302
    saved = ThresholdRuleSet.objects.get()
    assert saved.pcc_consulted_on == today and saved.housing_consulted_on == today
