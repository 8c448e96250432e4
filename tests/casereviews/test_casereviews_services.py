"""Services of the ASB Case Review app: every write audited, rules enforced, nothing half-saved."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from csphub.audit.models import AuditEvent
from csphub.casereviews import rules, selectors, services
from csphub.casereviews.models import Application, ExplanationPrompt, LetterKind
from csphub.core.errors import ApplicationError, PermissionDeniedError

pytestmark = pytest.mark.django_db


def verbs() -> list[str]:
    return list(AuditEvent.objects.order_by("pk").values_list("verb", flat=True))


def test_online_application_is_saved_audited_shared_and_acknowledged_by_email(
    area: Any, application_data: Any, persona: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        application = services.application_submit(actor=None, area=area, **application_data())
    assert application.reference.startswith("CR-")
    assert application.owning_agency.slug == "avbc"
    assert application.spoc == persona("avbc_caseworker")
    assert "casereviewapplication.submitted" in verbs()
    # One receipt to the applicant; the relevant bodies' staff are told it needs their incidents.
    receipts = [m for m in mail.outbox if m.to == ["jo@example.org"]]
    assert len(receipts) == 1 and application.reference in receipts[0].body
    assert all("needs your agency's incidents" in m.subject for m in mail.outbox if m not in receipts)
    # Passed to the relevant bodies (s.104(3)): the police caseworker can see it, the fire service cannot.
    assert (
        selectors.application_list_visible_to(persona("police_caseworker")).filter(pk=application.pk).exists()
    )
    assert (
        not selectors.application_list_visible_to(persona("fire_caseworker"))
        .filter(pk=application.pk)
        .exists()
    )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"applicant_name": "  "}, "applicant_name", "cannot be anonymous"),
        (
            {"is_third_party": True, "victim_name": "Sam", "victim_consent_given": False},
            "victim_consent_given",
            "consent",
        ),
        ({"behaviour_first_on": None}, "behaviour_first_on", "Enter the date the behaviour started"),
        (
            {"behaviour_last_on": timezone.localdate() + dt.timedelta(days=2)},
            "behaviour_last_on",
            "today or in the past",
        ),
        (
            {
                "behaviour_first_on": timezone.localdate() - dt.timedelta(days=3),
                "behaviour_last_on": timezone.localdate() - dt.timedelta(days=30),
            },
            "behaviour_last_on",
            "after the start",
        ),
        ({"contact_preference": "email", "applicant_email": ""}, "applicant_email", "Enter your e-mail"),
    ],
)
def test_bad_applications_are_refused_with_a_clear_message_and_nothing_saved(
    area: Any, application_data: Any, overrides: dict[str, Any], field: str, message: str
) -> None:
    before = AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as excinfo:
        services.application_submit(actor=None, area=area, **application_data(**overrides))
    assert excinfo.value.field == field
    assert message in excinfo.value.message
    assert Application.objects.count() == 0
    assert AuditEvent.objects.count() == before


def test_b3_out_of_time_application_is_received_and_counted_not_refused(
    area: Any, application_data: Any
) -> None:
    # Legal review B.3: the relevant bodies decide the threshold (s.104(4)-(5)); an application whose
    # behaviour is old is received, counted (s.104(10)(a)) and decided, with a letter and an appeal.
    old = application_data(
        behaviour_first_on=timezone.localdate() - dt.timedelta(days=900),
        behaviour_last_on=timezone.localdate() - dt.timedelta(days=400),
    )
    application = services.application_submit(actor=None, area=area, **old)
    assert Application.objects.filter(pk=application.pk).exists()
    assert rules.application_advice(
        applied_on=application.received_on, behaviour_last_on=application.behaviour_last_on
    )


def test_public_cannot_claim_a_staff_channel(area: Any, application_data: Any) -> None:
    with pytest.raises(PermissionDeniedError):
        services.application_submit(actor=None, area=area, **application_data(channel="phone"))


def test_staff_intake_by_phone_and_role_gate(area: Any, application_data: Any, persona: Any) -> None:
    application = services.application_submit(
        actor=persona("avbc_caseworker"),
        area=area,
        **application_data(channel="phone", applicant_email="")
        | {"contact_preference": "phone", "applicant_phone": "07700 900000"},
    )
    assert application.channel == "phone"
    with pytest.raises(PermissionDeniedError):
        services.application_submit(
            actor=persona("avbc_analyst"), area=area, **application_data(channel="paper")
        )


def test_threshold_decided_from_linked_incidents_stores_rule_version_and_reasons(
    area: Any, application_data: Any, persona: Any, make_incident: Any, world: Any
) -> None:
    from csphub.agencies.services import share_record
    from csphub.people.services import person_create

    staff = persona("avbc_caseworker")
    application = services.application_submit(actor=None, area=area, **application_data())
    today = timezone.localdate()
    victim = person_create(actor=persona("police_caseworker"), given_name="Jo", family_name="Resident")
    # Three qualifying reports (two to the council, one to the police shared with the council for the
    # review under the ASB agreement), and one reported too late.
    incidents = [
        make_incident(by="avbc_caseworker", occurred=today - dt.timedelta(days=d), victim=None)
        for d in (100, 60)
    ]
    police = make_incident(by="police_caseworker", occurred=today - dt.timedelta(days=20), victim=victim)
    share_record(
        actor=persona("police_caseworker"),
        obj=police,
        agency=world.agencies["avbc"],
        agreement=world.asb_isa,
        reason="ASB Case Review",
    )
    incidents += [police]
    incidents += [
        make_incident(
            by="avbc_caseworker",
            occurred=today - dt.timedelta(days=150),
            reported=today - dt.timedelta(days=100),
        )
    ]
    for incident in incidents:
        services.application_link_incident(actor=staff, application=application, incident=incident)
    record = services.threshold_decide(actor=staff, application=application, decided_on=today)
    application.refresh_from_db()
    assert record.met and record.engine_met and not record.discretionary
    assert record.rule_version == rules.STATUTORY_POLICY.version
    stored = record.as_rules_decision()
    assert stored.qualifying_count == 3
    late = next(a for a in stored.assessments if a.complaint.key == f"incident:{incidents[3].pk}")
    assert not late.qualifying and "more than one month" in late.reasons[0]
    assert application.status == rules.Status.THRESHOLD_MET
    assert "casereviewapplication.threshold_decided" in verbs()
    # Once decided, no more links.
    with pytest.raises(ApplicationError):
        services.application_link_incident(actor=staff, application=application, incident=incidents[0])


def test_staff_cannot_link_an_incident_they_cannot_see(
    area: Any, application_data: Any, persona: Any, make_incident: Any
) -> None:
    application = services.application_submit(actor=None, area=area, **application_data())
    hidden = make_incident(by="police_caseworker", occurred=timezone.localdate() - dt.timedelta(days=5))
    # Incidents are not shared with AVBC here: the AVBC caseworker cannot link the police record.
    with pytest.raises(PermissionDeniedError):
        services.application_link_incident(
            actor=persona("avbc_caseworker"), application=application, incident=hidden
        )


def test_discretionary_decision_needs_reasons_and_not_met_opens_the_appeal_window(
    area: Any, application_data: Any, persona: Any
) -> None:
    staff = persona("avbc_caseworker")
    application = services.application_submit(actor=None, area=area, **application_data())
    with pytest.raises(ApplicationError) as excinfo:
        services.threshold_decide(actor=staff, application=application, discretionary_met=True)
    assert excinfo.value.field == "discretion_reason"
    application.refresh_from_db()
    assert application.threshold_decided_on is None  # nothing half-saved
    services.threshold_decide(actor=staff, application=application)
    application.refresh_from_db()
    assert application.status == rules.Status.THRESHOLD_NOT_MET
    assert application.appeal_window_closes_on() is not None


def test_full_journey_review_recommendation_outcome_letter_pdf_and_appeal(
    area: Any, application_data: Any, persona: Any, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    staff = persona("avbc_caseworker")
    today = timezone.localdate()
    application = services.application_submit(
        actor=None,
        area=area,
        **application_data(
            received_on=today - dt.timedelta(days=10), behaviour_last_on=today - dt.timedelta(days=12)
        ),
    )
    services.application_acknowledge(actor=staff, application=application, on=today - dt.timedelta(days=9))
    services.threshold_decide(
        actor=staff,
        application=application,
        decided_on=today - dt.timedelta(days=8),
        discretionary_met=True,
        discretion_reason="Persistent harassment with serious harm to the victim's health",
    )
    review = services.review_record(
        actor=staff,
        application=application,
        held_on=today - dt.timedelta(days=2),
        chair="Independent Chair",
        is_independent_chair=True,
        findings="Reports were not joined up between agencies.",
        bodies_present=[world.agencies["avbc"], world.agencies["police"], world.agencies["housing"]],
    )
    services.recommendation_add(
        actor=staff,
        review=review,
        text="Housing to open a tenancy enforcement case",
        owner_agency=world.agencies["housing"],
        owner_name="Tenancy team leader",
        due_on=today + dt.timedelta(days=30),
    )
    with django_capture_on_commit_callbacks(execute=True):
        letter = services.letter_send(
            actor=staff, application=application, kind=LetterKind.OUTCOME, sent_on=today
        )
    application.refresh_from_db()
    assert application.status == rules.Status.OUTCOME_SENT
    assert "Housing to open a tenancy enforcement case" in letter.html
    assert "Derbyshire Police and Crime Commissioner" in letter.html
    assert any("Review outcome" in m.subject for m in mail.outbox)
    pdf = services.letter_pdf(letter)
    assert pdf.startswith(b"%PDF")
    # A letter to a member of the public is a tagged PDF, for a screen reader (PSBAR 2018).
    assert b"/StructTreeRoot" in _inflated(pdf) and b"/Marked true" in _inflated(pdf)
    # A second outcome letter is refused.
    with pytest.raises(ApplicationError):
        services.letter_send(actor=staff, application=application, kind=LetterKind.OUTCOME)
    appeal = services.appeal_lodge(
        actor=staff, application=application, received_on=today, grounds="Not consulted"
    )
    assert appeal.appeal_body_name == "the Derbyshire Police and Crime Commissioner"
    clocks = {c.stage for c in application.clocks()}
    assert rules.Stage.APPEAL_DECISION in clocks
    services.appeal_decide(
        actor=staff, appeal=appeal, decided_on=today, outcome="not_upheld", outcome_reasons="Fair"
    )
    application.refresh_from_db()
    assert application.status == rules.Status.CLOSED
    assert {"casereviewappeal.lodged", "casereviewappeal.decided", "casereviewletter.outcome_sent"} <= set(
        verbs()
    )


def test_review_cannot_precede_a_met_threshold(
    area: Any, application_data: Any, persona: Any, world: Any
) -> None:
    application = services.application_submit(actor=None, area=area, **application_data())
    with pytest.raises(ApplicationError):
        services.review_record(
            actor=persona("avbc_caseworker"),
            application=application,
            held_on=timezone.localdate(),
            chair="X",
            findings="Y",
            bodies_present=[world.agencies["avbc"]],
        )


def test_overdue_flags_on_the_dashboard(area: Any, application_data: Any, persona: Any) -> None:
    today = timezone.localdate()
    old = services.application_submit(
        actor=None,
        area=area,
        **application_data(
            received_on=today - dt.timedelta(days=40), behaviour_last_on=today - dt.timedelta(days=45)
        ),
    )
    services.application_submit(actor=None, area=area, **application_data())
    rows = selectors.dashboard(persona("avbc_caseworker"), today=today)
    assert rows[0].application == old
    assert {c.stage for c in rows[0].overdue} == {rules.Stage.ACKNOWLEDGE, rules.Stage.THRESHOLD_DECISION}
    assert not rows[1].overdue


def test_status_code_round_trip_and_unknown_reference_leaks_nothing(
    area: Any, application_data: Any, django_capture_on_commit_callbacks: Any
) -> None:
    application = services.application_submit(actor=None, area=area, **application_data())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.status_code_request(reference="CR-NOPE-NOPE", email="jo@example.org")
        services.status_code_request(reference=application.reference, email="other@example.org")
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.status_code_request(reference=application.reference.lower(), email="JO@example.org")
    assert len(mail.outbox) == 1
    code = next(w for w in mail.outbox[0].body.split() if w.rstrip(".").isdigit() and len(w.rstrip(".")) == 6)
    code = code.rstrip(".")
    application.refresh_from_db()
    assert code not in application.status_code_hash  # stored hashed
    assert services.status_code_check(reference="CR-NOPE-NOPE", code=code) is None
    assert (
        services.status_code_check(
            reference=application.reference, code="000000" if code != "000000" else "111111"
        )
        is None
    )
    assert services.status_code_check(reference=application.reference, code=code) == application
    assert services.status_code_check(reference=application.reference, code=code) is None  # single use


def test_form_token_honeypot_speed_and_reuse(settings: Any) -> None:
    settings.CASEREVIEWS_MIN_FORM_SECONDS = 0
    token = services.form_token_issue()
    assert services.form_token_problem(token, honeypot="http://spam") == "honeypot"
    assert services.form_token_problem("forged:token:sig", honeypot="") == "bad_token"
    assert services.form_token_problem(token, honeypot="") is None
    assert services.form_token_problem(token, honeypot="") == "reused"
    settings.CASEREVIEWS_MIN_FORM_SECONDS = 60
    assert services.form_token_problem(services.form_token_issue(), honeypot="") == "too_fast"


def test_per_ip_limit(settings: Any) -> None:
    settings.CASEREVIEWS_SUBMISSIONS_PER_IP_PER_HOUR = 2
    assert services.submission_allowed("203.0.113.9")
    assert services.submission_allowed("203.0.113.9")
    assert not services.submission_allowed("203.0.113.9")
    assert services.submission_allowed("203.0.113.10")


def test_second_report_within_six_months_prompts_the_caseworker(persona: Any, make_incident: Any) -> None:
    from csphub.people.services import person_create

    officer = persona("police_caseworker")
    victim = person_create(actor=officer, given_name="Ali", family_name="Victim")
    today = timezone.localdate()
    make_incident(occurred=today - dt.timedelta(days=200), victim=victim)
    assert ExplanationPrompt.objects.count() == 0
    make_incident(
        occurred=today - dt.timedelta(days=60), victim=victim
    )  # 140 days after the first: second report
    prompt = ExplanationPrompt.objects.get()
    assert prompt.victim == victim
    assert list(selectors.prompts_open_for(officer)) == [prompt]
    assert list(selectors.prompts_open_for(persona("avbc_caseworker"))) == []  # police record, not shared
    services.prompt_record_explained(
        actor=officer, prompt=prompt, explained_on=today, how_explained="By phone"
    )
    assert list(selectors.prompts_open_for(officer)) == []
    assert "casereviewprompt.explained" in verbs()
    with pytest.raises(ApplicationError):
        services.prompt_record_explained(
            actor=officer, prompt=prompt, explained_on=today, how_explained="Again"
        )


def test_first_report_and_reports_far_apart_do_not_prompt(persona: Any, make_incident: Any) -> None:
    from csphub.people.services import person_create

    officer = persona("police_caseworker")
    victim = person_create(actor=officer, given_name="Bo", family_name="Victim")
    today = timezone.localdate()
    make_incident(occurred=today - dt.timedelta(days=400), victim=victim)
    make_incident(occurred=today - dt.timedelta(days=10), victim=victim)
    assert ExplanationPrompt.objects.count() == 0


def test_an_incident_counts_as_a_complaint_from_its_victim_or_reporter(
    persona: Any, make_incident: Any
) -> None:
    from csphub.cases.services import incident_party_add
    from csphub.people.services import person_create

    actor = persona("avbc_caseworker")
    occurred = timezone.localdate() - dt.timedelta(days=3)
    assert services.incident_complainant(make_incident(by="avbc_caseworker", occurred=occurred)) is None
    incident = make_incident(by="avbc_caseworker", occurred=occurred)
    witness = person_create(actor=actor, given_name="Wit", family_name="Ness")
    reporter = person_create(actor=actor, given_name="Rep", family_name="Orter")
    incident_party_add(actor=actor, incident=incident, person=witness, role="witness")
    incident_party_add(actor=actor, incident=incident, person=reporter, role="reporter")
    assert services.incident_complainant(incident) == reporter


def _inflated(pdf: bytes) -> bytes:
    """The PDF with its compressed streams inflated, to look for the structure tags."""
    import re
    import zlib

    out = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"".join(out)
