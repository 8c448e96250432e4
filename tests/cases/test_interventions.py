"""Legal review D.3 (issue #9): early and informal intervention before or alongside the formal powers
(ASB statutory guidance for frontline professionals, 2023, updated 2025): warning letters, acceptable
behaviour contracts or agreements, mediation, restorative approaches and support or diversion, with
whom, from when, the agreed terms and review date, who agreed (a parent or guardian for an
under-18), the outcome, and the agency that made it. The review date sets a task that the outcome
closes. Visible only as the case is, in full; the CPW check page shows what was tried with the
recipient."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from csphub.agencies.models import ShareScope
from csphub.audit.models import AuditEvent
from csphub.cases import rules, selectors, services
from csphub.cases.models import EarlyIntervention, PartyRole, Task, TaskStatus
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.people.services import person_create
from tests.versions import BrowserLikeClient

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = D(2026, 3, 16)


def _person(key: int = 1, age: int | None = 30, name: str = "Paul Example") -> rules.InterventionPerson:
    return rules.InterventionPerson(key=key, name=name, age=age)


def _problems(**overrides: Any) -> list[rules.Problem]:
    values: dict[str, Any] = {
        "kind": "abc",
        "person": _person(),
        "other_person": None,
        "started_on": D(2026, 3, 2),
        "review_on": D(2026, 6, 2),
        "terms": "Not to play music after 11pm\nNot to enter Example Row",
        "agreed_by": "person",
        "parent_guardian_name": "",
        "today": TODAY,
    }
    values.update(overrides)
    return rules.early_intervention_problems(**values)


def _fields(problems: list[rules.Problem]) -> list[str]:
    return [p.field for p in problems]


# --- the rules ------------------------------------------------------------------------------------


def test_a_review_date_on_the_start_date_is_accepted_and_the_day_before_refused() -> None:
    start = D(2026, 3, 2)
    assert _problems(started_on=start, review_on=start) == []
    assert _fields(_problems(started_on=start, review_on=start - dt.timedelta(days=1))) == ["review_on"]
    # Any kind with a review date is held to the same boundary.
    assert _fields(_problems(kind="warning_letter", terms="", started_on=start, review_on=D(2026, 3, 1))) == [
        "review_on"
    ]


def test_an_acceptable_behaviour_contract_needs_its_terms_and_a_review_date() -> None:
    assert _fields(_problems(terms=" \n  \n", review_on=None)) == ["terms", "review_on"]
    # A warning letter needs neither.
    assert _problems(kind="warning_letter", terms="", review_on=None, agreed_by="") == []
    assert rules.terms_lines(" one \n\n two\n") == ["one", "two"]


def test_mediation_names_two_different_neighbours_and_nothing_else_names_a_second() -> None:
    assert (
        _problems(kind="mediation", terms="", review_on=None, other_person=_person(2, name="Neil Bor")) == []
    )
    assert _fields(_problems(kind="mediation", terms="", review_on=None)) == ["other_person"]
    assert _fields(_problems(kind="mediation", terms="", review_on=None, other_person=_person(1))) == [
        "other_person"
    ]
    assert _fields(_problems(other_person=_person(2))) == ["other_person"]


def test_an_under_18_needs_a_parent_or_guardian_the_day_before_their_18th_birthday_not_on_it() -> None:
    assert _fields(_problems(person=_person(age=17))) == ["parent_guardian_name"]
    assert "was 17 on the start date" in _problems(person=_person(age=17))[0].message
    assert _problems(person=_person(age=18)) == []
    # Named, they agree with the parent or guardian, not alone.
    assert _fields(_problems(person=_person(age=15), parent_guardian_name="Pat Example")) == ["agreed_by"]
    assert (
        _problems(person=_person(age=15), parent_guardian_name="Pat Example", agreed_by="parent_guardian")
        == []
    )
    # A mediation neighbour under 18 counts too; no date of birth is not counted (as the powers do).
    assert _fields(
        _problems(kind="mediation", terms="", review_on=None, other_person=_person(2, age=16), agreed_by="")
    ) == ["parent_guardian_name"]
    assert _problems(person=_person(age=None)) == []


def test_the_start_is_not_in_the_future_and_an_outcome_is_dated_within_its_life() -> None:
    assert _fields(
        _problems(kind="warning_letter", terms="", started_on=TODAY + dt.timedelta(days=1), review_on=None)
    ) == ["started_on"]
    start = D(2026, 3, 2)
    ok = rules.intervention_outcome_problems(
        outcome="kept_to", outcome_on=start, started_on=start, today=TODAY
    )
    assert ok == []
    before = rules.intervention_outcome_problems(
        outcome="broken", outcome_on=start - dt.timedelta(days=1), started_on=start, today=TODAY
    )
    assert _fields(before) == ["outcome_on"]
    assert _fields(
        rules.intervention_outcome_problems(outcome="maybe", outcome_on=None, started_on=start, today=TODAY)
    ) == ["outcome", "outcome_on"]


# --- the services ---------------------------------------------------------------------------------


@pytest.fixture
def council_case(make_case: Any, persona: Any) -> Any:
    """A council case with its victim and an adult and a 15-year-old alleged perpetrator."""
    case = make_case("avbc_caseworker", family="Interventon")
    officer = persona("avbc_caseworker")
    today = timezone.localdate()
    adult = person_create(
        actor=officer, given_name="Paul", family_name="Abcadult", date_of_birth=D(1990, 1, 1)
    )
    youth = person_create(
        actor=officer,
        given_name="Yan",
        family_name="Abcyouth",
        date_of_birth=today.replace(year=today.year - 15) - dt.timedelta(days=10),
    )
    for person in (adult, youth):
        services.case_add_party(actor=officer, case=case, person=person, role=PartyRole.ALLEGED_PERPETRATOR)
    case.adult, case.youth = adult, youth
    case.victim = case.parties.get(role=PartyRole.VICTIM).person
    return case


def _abc(actor: Any, case: Any, **overrides: Any) -> EarlyIntervention:
    today = timezone.localdate()
    values: dict[str, Any] = {
        "kind": "abc",
        "person": case.adult,
        "started_on": today,
        "review_on": today + dt.timedelta(days=90),
        "terms": "Not to play amplified music after 11pm\nNot to shout at neighbours",
        "agreed_by": "person",
    }
    values.update(overrides)
    return services.early_intervention_record(actor=actor, case=case, **values)


def test_an_abc_is_recorded_with_a_review_task_that_its_outcome_closes(
    persona: Any, council_case: Any
) -> None:
    officer = persona("avbc_caseworker")
    abc = _abc(officer, council_case)
    assert abc.agency.short_name and abc.agency == officer.memberships.get(is_active=True).agency
    assert abc.terms_lines == ["Not to play amplified music after 11pm", "Not to shout at neighbours"]
    task = Task.objects.get(case=council_case, source=services.REVIEW_TASK)
    assert task.due_on == abc.review_on and task.owner == officer and task.status == TaskStatus.OPEN
    assert (task.linked_type, task.linked_id) == ("cases.earlyintervention", abc.pk)
    assert council_case.reference in task.title and "Abcadult" not in task.title
    assert AuditEvent.objects.filter(
        verb="earlyintervention.recorded", target_id=str(council_case.pk)
    ).exists()

    services.early_intervention_outcome_record(
        actor=officer,
        intervention=abc,
        outcome="kept_to",
        outcome_on=timezone.localdate(),
        outcome_notes="Fine",
    )
    abc.refresh_from_db()
    task.refresh_from_db()
    assert (abc.outcome, abc.outcome_notes) == ("kept_to", "Fine")
    assert task.status == TaskStatus.DONE
    assert AuditEvent.objects.filter(verb="earlyintervention.outcome_recorded").count() == 1


def test_a_review_date_before_the_start_is_refused_and_on_it_accepted(
    persona: Any, council_case: Any
) -> None:
    officer = persona("avbc_caseworker")
    start = timezone.localdate() - dt.timedelta(days=5)
    with pytest.raises(ApplicationError) as refused:
        _abc(officer, council_case, started_on=start, review_on=start - dt.timedelta(days=1))
    assert refused.value.field == "review_on"
    assert not EarlyIntervention.objects.filter(case=council_case).exists()
    assert not Task.objects.filter(case=council_case, source=services.REVIEW_TASK).exists()
    abc = _abc(officer, council_case, started_on=start, review_on=start)
    assert abc.review_on == start


def test_an_under_18_needs_a_parent_or_guardian_named(persona: Any, council_case: Any) -> None:
    officer = persona("avbc_caseworker")
    with pytest.raises(ApplicationError) as refused:
        _abc(officer, council_case, person=council_case.youth, agreed_by="person")
    assert refused.value.field == "parent_guardian_name"
    assert "Yan Abcyouth was 15" in refused.value.message
    abc = _abc(
        officer,
        council_case,
        person=council_case.youth,
        agreed_by="parent_guardian",
        parent_guardian_name="Pat Abcyouth",
    )
    assert abc.parent_guardian_name == "Pat Abcyouth"


def test_refusals_someone_not_on_the_case_a_closed_case_and_no_terms(
    persona: Any, council_case: Any, make_person: Any
) -> None:
    officer = persona("avbc_caseworker")
    stranger = make_person("avbc_caseworker", "Stan", "Notoncase")
    with pytest.raises(ApplicationError) as refused:
        _abc(officer, council_case, person=stranger)
    assert refused.value.field == "person"
    with pytest.raises(ApplicationError) as refused:
        _abc(officer, council_case, terms="")
    assert refused.value.field == "terms"
    with pytest.raises(ApplicationError) as refused:
        services.early_intervention_record(
            actor=officer,
            case=council_case,
            kind="mediation",
            person=council_case.adult,
            started_on=timezone.localdate(),
        )
    assert refused.value.field == "other_person"
    abc = _abc(officer, council_case)
    with pytest.raises(ApplicationError) as refused:
        services.early_intervention_outcome_record(
            actor=officer,
            intervention=abc,
            outcome="broken",
            outcome_on=abc.started_on - dt.timedelta(days=1),
        )
    assert refused.value.field == "outcome_on"
    services.case_change_status(
        actor=officer, case=council_case, to_status="closed", reason="Resolved", outcome="resolved"
    )
    with pytest.raises(ApplicationError, match="reopen"):
        _abc(officer, council_case)


def test_mediation_between_neighbours_names_both(persona: Any, council_case: Any) -> None:
    officer = persona("avbc_caseworker")
    mediation = services.early_intervention_record(
        actor=officer,
        case=council_case,
        kind="mediation",
        person=council_case.victim,
        other_person=council_case.adult,
        started_on=timezone.localdate(),
    )
    assert mediation.other_person == council_case.adult
    # Either neighbour finds it.
    assert selectors.early_interventions_for(officer, council_case, person=council_case.adult) == [mediation]
    assert selectors.early_interventions_for(officer, council_case, person=council_case.victim) == [mediation]
    assert selectors.early_interventions_for(officer, council_case, person=council_case.youth) == []


def test_only_those_who_see_the_case_in_full_see_or_write_them(
    world: Any, persona: Any, council_case: Any
) -> None:
    officer, police = persona("avbc_caseworker"), persona("police_caseworker")
    abc = _abc(officer, council_case)
    assert selectors.early_interventions_for(police, council_case) == []
    with pytest.raises(PermissionDeniedError):
        _abc(police, council_case)
    # A summary share (a panel agenda) shows none of them.
    share = services.case_share(
        actor=officer,
        case=council_case,
        agency=world.agencies["police"],
        agreement=world.asb_isa,
        reason="Panel",
        scope=ShareScope.SUMMARY,
    )
    assert selectors.early_interventions_for(police, council_case) == []
    with pytest.raises(PermissionDeniedError):
        _abc(police, council_case)
    services.case_share_withdraw(actor=officer, share=share, reason="Full instead")
    services.case_share(
        actor=officer,
        case=council_case,
        agency=world.agencies["police"],
        agreement=world.asb_isa,
        reason="Joint",
    )
    assert selectors.early_interventions_for(police, council_case) == [abc]
    # A partner with a full share may make one; it names their agency.
    theirs = _abc(police, council_case, kind="warning_letter", terms="", review_on=None, agreed_by="")
    assert theirs.agency == world.agencies["police"]


# --- the pages ------------------------------------------------------------------------------------


def test_the_case_page_lists_them_only_for_those_who_may_see_the_case_in_full(
    world: Any, persona: Any, client_as: Any, council_case: Any
) -> None:
    officer = persona("avbc_caseworker")
    abc = _abc(officer, council_case)
    detail = reverse("cases:case_detail", args=[council_case.pk])
    body = client_as("avbc_caseworker").get(detail).content.decode()
    assert 'data-testid="early-interventions"' in body
    assert "Not to play amplified music after 11pm" in body
    assert reverse("cases:early_intervention_outcome", args=[council_case.pk, abc.pk]) in body

    police = client_as("police_caseworker")
    assert police.get(detail).status_code == 404
    for url in (
        reverse("cases:early_intervention_new", args=[council_case.pk]),
        reverse("cases:early_intervention_outcome", args=[council_case.pk, abc.pk]),
    ):
        assert police.get(url).status_code == 404
        assert police.post(url, {"outcome": "broken"}).status_code == 404

    services.case_share(
        actor=officer,
        case=council_case,
        agency=world.agencies["police"],
        agreement=world.asb_isa,
        reason="Panel",
        scope=ShareScope.SUMMARY,
    )
    summary = police.get(detail)
    assert summary.status_code == 200
    assert "early-interventions" not in summary.content.decode()
    assert "amplified music" not in summary.content.decode()
    assert police.get(reverse("cases:early_intervention_new", args=[council_case.pk])).status_code == 404


def test_the_pages_check_then_confirm_and_record_the_outcome(
    persona: Any, client_as: Any, council_case: Any
) -> None:
    client = BrowserLikeClient(client_as("avbc_caseworker"))
    url = reverse("cases:early_intervention_new", args=[council_case.pk])
    start = timezone.localdate()
    data = {
        "kind": "abc",
        "person": str(council_case.youth.pk),
        "other_person": "",
        "started_on_day": str(start.day),
        "started_on_month": str(start.month),
        "started_on_year": str(start.year),
        "terms": "Not to play music after 11pm",
        "review_on_day": str((start - dt.timedelta(days=1)).day),
        "review_on_month": str((start - dt.timedelta(days=1)).month),
        "review_on_year": str((start - dt.timedelta(days=1)).year),
        "agreed_by": "",
        "parent_guardian_name": "",
    }
    refused = client.post(url, data).content.decode()
    assert "The review date must be on or after the start date" in refused
    review = start + dt.timedelta(days=60)
    data |= {
        "review_on_day": str(review.day),
        "review_on_month": str(review.month),
        "review_on_year": str(review.year),
    }
    refused = client.post(url, data).content.decode()
    assert "was 15 on the start date: enter the name of their parent or guardian" in refused
    data |= {"parent_guardian_name": "Pat Abcyouth", "agreed_by": "parent_guardian"}
    check = client.post(url, data)
    assert check.status_code == 200 and "Check the early intervention" in check.content.decode()
    # Optional answers that do not apply are left off the check page; those given are there.
    assert "The other neighbour" not in check.content.decode()
    assert "Pat Abcyouth" in check.content.decode()
    assert not EarlyIntervention.objects.exists()  # the rehearsal wrote nothing
    done = client.post(url, data | {"step": "confirm"})
    assert done.status_code == 302
    abc = EarlyIntervention.objects.get()
    assert abc.review_on == review and abc.person == council_case.youth

    outcome_url = reverse("cases:early_intervention_outcome", args=[council_case.pk, abc.pk])
    answers = {
        "outcome": "broken",
        "outcome_on_day": str(start.day),
        "outcome_on_month": str(start.month),
        "outcome_on_year": str(start.year),
        "outcome_notes": "Music at 1am on the 3rd",
    }
    check = client.post(outcome_url, answers)
    assert check.status_code == 200 and "Check the outcome" in check.content.decode()
    assert client.post(outcome_url, answers | {"step": "confirm"}).status_code == 302
    abc.refresh_from_db()
    assert abc.outcome == "broken"
    assert Task.objects.get(source=services.REVIEW_TASK).status == TaskStatus.DONE


def test_an_outcome_form_opened_before_someone_else_recorded_one_writes_nothing(
    persona: Any, client_as: Any, council_case: Any
) -> None:
    officer = persona("avbc_caseworker")
    abc = _abc(officer, council_case)
    client = client_as("avbc_caseworker")
    url = reverse("cases:early_intervention_outcome", args=[council_case.pk, abc.pk])
    page = client.get(url)
    version = page.context["form"].initial["record_version"]
    services.early_intervention_outcome_record(
        actor=officer, intervention=abc, outcome="completed", outcome_on=timezone.localdate()
    )
    today = timezone.localdate()
    stale = client.post(
        url,
        {
            "record_version": version,
            "outcome": "broken",
            "outcome_on_day": str(today.day),
            "outcome_on_month": str(today.month),
            "outcome_on_year": str(today.year),
            "step": "confirm",
        },
    )
    assert stale.status_code == 200
    assert 'data-testid="edit-conflict"' in stale.content.decode()
    abc.refresh_from_db()
    assert abc.outcome == "completed"


# --- proportionality on the community protection warning page ---------------------------------------


def _cpw_answers(recipient: Any) -> dict[str, str]:
    comply_by = (timezone.localtime() + dt.timedelta(days=14)).strftime("%Y-%m-%dT%H:%M")
    return {
        "recipient": str(recipient.pk),
        "issuer_capacity": "local_authority",
        "conduct": "Playing amplified music after 11pm",
        "requirements": "Stop playing amplified music between 11pm and 7am",
        "comply_by": comply_by,
        "informed_parties": "The victim",
    }


def test_the_cpw_check_page_shows_the_early_interventions_with_the_recipient(
    persona: Any, client_as: Any, council_case: Any
) -> None:
    officer = persona("avbc_caseworker")
    client = client_as("avbc_caseworker")
    url = reverse("powers:cpw_new", args=[council_case.pk])
    question = client.get(url).content.decode()
    assert "check what early intervention has been tried" in question

    # None yet: said, not blocked (the Act does not require one).
    check = client.post(url, _cpw_answers(council_case.adult)).content.decode()
    assert 'data-testid="no-early-intervention"' in check
    assert "Issue warning" in check

    _abc(officer, council_case)
    _abc(
        officer,
        council_case,
        person=council_case.youth,
        kind="warning_letter",
        terms="",
        review_on=None,
        agreed_by="",
        parent_guardian_name="Pat Abcyouth",
    )
    check = client.post(url, _cpw_answers(council_case.adult)).content.decode()
    assert 'data-testid="early-interventions-for-recipient"' in check
    assert "Acceptable behaviour contract or agreement" in check
    assert "outcome not yet recorded" in check
    assert "Warning letter" not in check  # that one is with someone else
    assert 'data-testid="no-early-intervention"' not in check


def test_the_chronology_for_a_court_bundle_lists_the_start_and_the_outcome(
    persona: Any, council_case: Any
) -> None:
    from csphub.cases import bundles
    from csphub.core.actor import as_actor

    officer = persona("avbc_caseworker")
    start = timezone.localdate() - dt.timedelta(days=20)
    abc = _abc(officer, council_case, started_on=start, review_on=start + dt.timedelta(days=10))
    services.early_intervention_outcome_record(
        actor=officer,
        intervention=abc,
        outcome="broken",
        outcome_on=start + dt.timedelta(days=5),
        outcome_notes="Music at 1am",
    )
    actor = as_actor(officer)
    assert actor is not None
    entries = [
        e
        for e in bundles.chronology(selectors.case_page(actor, council_case.pk))
        if e.kind == "Early intervention"
    ]
    assert [e.when.date() for e in entries] == [start, start + dt.timedelta(days=5)]
    assert "Acceptable behaviour contract or agreement with Paul Abcadult" in entries[0].text
    assert "Terms: Not to play amplified music after 11pm; Not to shout at neighbours" in entries[0].text
    assert entries[1].text == "Acceptable behaviour contract or agreement: broken. Music at 1am"


def test_the_demo_records_a_broken_warning_letter_before_some_warnings_once(world: Any) -> None:
    from csphub.cases.demo import load_demo
    from csphub.powers import demo as powers_demo
    from csphub.powers.models import PowerUse

    load_demo(rng_seed=1, n_incidents=40)
    powers_demo.load_demo(rng_seed=1)
    letters = list(EarlyIntervention.objects.filter(kind="warning_letter"))
    assert letters and all(letter.outcome == "broken" for letter in letters)
    for letter in letters:
        cpw = PowerUse.objects.get(case=letter.case, power="cpw", recipient=letter.person)
        assert letter.started_on < cpw.issued_at.date()
    powers_demo.load_demo(rng_seed=1)
    assert EarlyIntervention.objects.count() == len(letters)


def test_the_person_page_lists_their_early_interventions_only_for_cases_seen_in_full(
    world: Any, persona: Any, client_as: Any, council_case: Any
) -> None:
    """An acceptable behaviour contract is about a person: their page lists it (and a mediation on
    both neighbours' pages), with the case it is on; a reader who sees the case only as a summary does
    not see its terms; the other neighbour's appearing there is recorded."""
    officer = persona("avbc_caseworker")
    abc = _abc(officer, council_case)
    mediation = services.early_intervention_record(
        actor=officer,
        case=council_case,
        kind="mediation",
        person=council_case.victim,
        other_person=council_case.adult,
        started_on=timezone.localdate(),
    )
    # Newest first: both started today, the mediation recorded last.
    assert selectors.early_interventions_for_person(officer, council_case.adult, [council_case]) == [
        mediation,
        abc,
    ]
    client = client_as("avbc_caseworker")
    page = reverse("people:detail", args=[council_case.adult.pk])
    body = client.get(page).content.decode()
    assert 'data-testid="person-interventions"' in body
    assert "Not to play amplified music after 11pm" in body
    assert "Early interventions (2)" in body
    assert f"with {council_case.victim.display_name}" in body
    assert reverse("cases:case_detail", args=[council_case.pk]) + "#early-intervention" in body
    # The other neighbour appeared on the page: "who has seen this person" says so.
    listed = AuditEvent.objects.filter(verb="person.listed", target_id=str(council_case.victim.pk))
    assert listed.count() == 1
    # The victim's page shows the mediation only, naming the other neighbour.
    victim_body = client.get(reverse("people:detail", args=[council_case.victim.pk])).content.decode()
    assert "Early interventions (1)" in victim_body
    assert f"with {council_case.adult.display_name}" in victim_body
    assert "amplified music" not in victim_body
    # The youth on the same case has none.
    assert (
        "Early interventions (0)"
        in client.get(reverse("people:detail", args=[council_case.youth.pk])).content.decode()
    )

    # A partner who sees the case as a summary only is never shown the terms.
    services.case_share(
        actor=officer,
        case=council_case,
        agency=world.agencies["police"],
        agreement=world.asb_isa,
        reason="Panel",
        scope=ShareScope.SUMMARY,
    )
    police = client_as("police_caseworker")
    response = police.get(page)
    assert "amplified music" not in response.content.decode()
    assert (
        selectors.early_interventions_for_person(
            persona("police_caseworker"), council_case.adult, [council_case]
        )
        == []
    )
