"""The later lifecycle pages through the test client: injunction decision, variation and
discharge; CBO variation and discharge (youth review tasks adjusted); dispersal direction
variation; PSPO extension and variation; closure-order discharge; CPW/CPN compliance. Each has a
happy path, a guard from rules.py shown as a GOV.UK error, and bad input that saves nothing; the
power page offers each step only when the state machine allows it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from csphub.cases.models import Task, TaskStatus
from csphub.powers import rules, services
from csphub.powers.models import PowerEvent, PowerUse
from csphub.powers.rules import PSPO_CONSULTEES, S36_EXCLUSIONS, Status
from tests.powers.test_pages import (
    closure_notice_for,
    cpn_for,
    errors_of,
    iso,
    make_setup,
    now,
    submit,
    today,
)

pytestmark = pytest.mark.django_db

FMT = "%Y-%m-%dT%H:%M"


@pytest.fixture
def s(persona: Any, client_as: Any) -> Any:
    return make_setup(persona, client_as)


@pytest.fixture
def police_s(persona: Any, client_as: Any) -> Any:
    """Dispersal powers are police powers (s.34, s.35): a police-owned setup."""
    return make_setup(persona, client_as, username="police_caseworker")


def detail(s: Any, use: PowerUse) -> str:
    return s.client.get(reverse("powers:detail", args=[use.pk])).content.decode()


def refreshed(use: PowerUse) -> PowerUse:
    use.refresh_from_db()
    return use


def injunction_for(s: Any, person: Any) -> PowerUse:
    youth = person == s.youth
    return services.injunction_apply(
        actor=s.officer,
        case=s.case,
        recipient=person,
        issuer_capacity="local_authority",
        applied_on=today() - dt.timedelta(days=7),
        court="youth_court" if youth else "county_court",
        ends_on=today() + dt.timedelta(days=200) if youth else None,
        yot_consulted_on=today() - dt.timedelta(days=10) if youth else None,
        requirements="Not to enter Market Place",
    )


# --- Injunction -------------------------------------------------------------------------------


def test_injunction_decision_youth_granted_within_12_months(s: Any) -> None:
    injunction = injunction_for(s, s.youth)
    assert 'data-testid="record-decision"' in detail(s, injunction)
    assert 'data-testid="record-change"' not in detail(s, injunction)
    url = reverse("powers:injunction_decision", args=[injunction.pk])
    decided = today() - dt.timedelta(days=1)

    body = errors_of(s.client.post(url, {}))
    assert "Choose whether the court granted or refused the injunction" in body
    data = {
        "outcome": "granted",
        "decided_on": iso(decided),
        "requirements": "Not to enter Market Place",
        "ends_on": iso(decided + dt.timedelta(days=400)),
    }
    body = errors_of(s.client.post(url, data))
    assert "cannot last more than 12 months" in body
    assert refreshed(injunction).status == Status.APPLIED
    assert not injunction.events.filter(to_status=Status.GRANTED).exists()

    ends = decided + dt.timedelta(days=300)
    assert submit(s.client, url, data | {"ends_on": iso(ends)}).status_code == 302
    injunction = refreshed(injunction)
    assert injunction.status == Status.GRANTED
    assert injunction.details["granted_to_youth"] is True and injunction.details["ends_on"] == iso(ends)
    event = injunction.events.get(to_status=Status.GRANTED)
    assert event.rule_version
    assert Task.objects.filter(source="powers.injunction.expiry", linked_id=injunction.pk).count() == 1
    page = detail(s, injunction)
    assert 'data-testid="record-change"' in page and 'data-testid="record-decision"' not in page
    letter = s.client.get(reverse("powers:letter", args=[injunction.pk])).content.decode()
    assert "Notice of a civil injunction" in letter and "at most 12 months" in letter


def test_injunction_refused_then_no_further_steps(s: Any) -> None:
    injunction = injunction_for(s, s.adult)
    url = reverse("powers:injunction_decision", args=[injunction.pk])
    assert submit(s.client, url, {"outcome": "refused", "decided_on": iso(today())}).status_code == 302
    injunction = refreshed(injunction)
    assert injunction.status == Status.REFUSED
    page = detail(s, injunction)
    assert 'data-testid="record-decision"' not in page and 'data-testid="record-change"' not in page
    blocked = s.client.get(url).content.decode()
    assert 'data-testid="step-blocked"' in blocked and "is refused" in blocked
    assert (
        "application refused" in s.client.get(reverse("powers:letter", args=[injunction.pk])).content.decode()
    )


def test_injunction_variation_capped_for_youth_then_discharge(s: Any) -> None:
    granted_on = today() - dt.timedelta(days=5)
    injunction = services.injunction_decide(
        actor=s.officer,
        injunction=injunction_for(s, s.youth),
        outcome="granted",
        decided_on=granted_on,
        ends_on=granted_on + dt.timedelta(days=200),
        requirements="Not to enter Market Place",
    )
    url = reverse("powers:injunction_change", args=[injunction.pk])
    data = {
        "outcome": "varied",
        "decided_on": iso(today()),
        "requirements": "Not to enter Market Place\nNot to contact the victim",
        "ends_on": iso(granted_on + dt.timedelta(days=400)),
    }
    # s.14(3): the YOT is consulted before applying to vary or discharge (the respondent is under 18).
    assert "before applying to vary or discharge the injunction (s.14(3))" in errors_of(
        s.client.post(url, data)
    )
    data["yot_consulted_on"] = iso(today())
    body = errors_of(s.client.post(url, data))
    assert "cannot run beyond 12 months from the grant" in body
    assert refreshed(injunction).status == Status.GRANTED
    errors_of(s.client.post(url, data | {"decided_on": "2025-02-30"}))
    assert refreshed(injunction).status == Status.GRANTED

    new_end = granted_on + dt.timedelta(days=330)
    assert submit(s.client, url, data | {"ends_on": iso(new_end)}).status_code == 302
    injunction = refreshed(injunction)
    assert injunction.status == Status.VARIED and "Not to contact the victim" in injunction.requirements
    open_expiry = Task.objects.filter(
        source="powers.injunction.expiry", linked_id=injunction.pk, status=TaskStatus.OPEN
    )
    assert [t.due_on for t in open_expiry] == [new_end - dt.timedelta(days=28)]

    discharge = {"outcome": "discharged", "decided_on": iso(today()), "yot_consulted_on": iso(today())}
    assert submit(s.client, url, discharge).status_code == 302
    injunction = refreshed(injunction)
    assert injunction.status == Status.DISCHARGED
    assert not open_expiry.all().exists()
    assert 'data-testid="record-change"' not in detail(s, injunction)
    letter = s.client.get(reverse("powers:letter", args=[injunction.pk])).content.decode()
    assert "has been discharged" in letter


# --- CBO --------------------------------------------------------------------------------------


def youth_cbo(s: Any) -> PowerUse:
    starts = today() - dt.timedelta(days=20)
    return services.cbo_grant(
        actor=s.officer,
        case=s.case,
        recipient=s.youth,
        convicted_on=starts - dt.timedelta(days=10),
        disposal="sentence",
        applied_on=starts - dt.timedelta(days=1),
        starts_on=starts,
        ends_on=starts + dt.timedelta(days=365 * 3 - 5),
        yot_views_on=starts - dt.timedelta(days=5),
        requirements="Not to associate with named persons",
    )


def test_cbo_variation_shortens_and_youth_reviews_follow(s: Any) -> None:
    cbo = youth_cbo(s)
    reviews = Task.objects.filter(source="powers.cbo.youth_review", linked_id=cbo.pk)
    assert reviews.filter(status=TaskStatus.OPEN).count() == 2  # at 16 and 17; 18 before the third
    assert 'data-testid="record-change"' in detail(s, cbo)
    url = reverse("powers:cbo_change", args=[cbo.pk])
    assert cbo.starts_on is not None
    data = {
        "outcome": "varied",
        "decided_on": iso(today()),
        "requirements": "Not to associate with named persons",
        "ends_on": iso(cbo.starts_on + dt.timedelta(days=365 * 4)),
    }
    body = errors_of(s.client.post(url, data))
    assert "must last between 1 and 3 years" in body
    assert refreshed(cbo).status == Status.GRANTED
    assert reviews.filter(status=TaskStatus.OPEN).count() == 2

    new_end = cbo.starts_on + dt.timedelta(days=500)
    assert submit(s.client, url, data | {"ends_on": iso(new_end)}).status_code == 302
    cbo = refreshed(cbo)
    assert cbo.status == Status.VARIED
    open_reviews = list(reviews.filter(status=TaskStatus.OPEN).values_list("due_on", flat=True))
    assert len(open_reviews) == 1 and open_reviews[0] < new_end
    # s.337(2): the variation starts a new 12-month period, so both earlier review tasks are closed
    # and one falls before the end of the 12 months beginning with the variation.
    assert open_reviews[0] == rules.months_period_last_day(today(), 12)
    assert reviews.filter(status=TaskStatus.CANCELLED).count() == 2  # moot, not done

    assert submit(s.client, url, {"outcome": "discharged", "decided_on": iso(today())}).status_code == 302
    assert refreshed(cbo).status == Status.DISCHARGED
    assert not reviews.filter(status=TaskStatus.OPEN).exists()
    letter = s.client.get(reverse("powers:letter", args=[cbo.pk])).content.decode()
    assert 'data-testid="discharged"' in letter


# --- Dispersal direction ----------------------------------------------------------------------


def test_dispersal_direction_variation_never_beyond_48_hours(police_s: Any) -> None:
    s = police_s
    start = now().replace(second=0, microsecond=0) - dt.timedelta(hours=2)
    authorisation = services.dispersal_authorise(
        actor=s.officer,
        case=s.case,
        issuer_capacity="inspector",
        locality="Ripley Market Place",
        grounds="Groups intimidating shoppers",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=24),
        human_rights_considered="No protest planned",
        signed=True,
    )
    given = start + dt.timedelta(minutes=30)
    direction = services.dispersal_direction_give(
        actor=s.officer,
        authorisation=authorisation,
        recipient=s.adult,
        issuer_capacity="constable",
        given_at=given,
        excluded_until=given + dt.timedelta(hours=12),
        in_writing=True,
        in_uniform=True,
        exclusions_checked=S36_EXCLUSIONS,
    )
    assert 'data-testid="vary-direction"' in detail(s, direction)
    url = reverse("powers:dispersal_direction_vary", args=[direction.pk])
    varied = now().replace(second=0, microsecond=0) - dt.timedelta(minutes=5)
    data = {
        "issuer_capacity": "constable",
        "varied_at": varied.strftime(FMT),
        "excluded_until": (given + dt.timedelta(hours=48, minutes=1)).strftime(FMT),
        "in_writing": "on",
    }
    body = errors_of(s.client.post(url, data))
    assert "cannot extend the exclusion beyond 48 hours" in body
    assert refreshed(direction).status == Status.ISSUED
    errors_of(s.client.post(url, data | {"excluded_until": "tomorrow"}))
    assert refreshed(direction).ends_at == given + dt.timedelta(hours=12)

    new_until = given + dt.timedelta(hours=48)
    assert submit(s.client, url, data | {"excluded_until": new_until.strftime(FMT)}).status_code == 302
    direction = refreshed(direction)
    assert direction.status == Status.VARIED and direction.ends_at == new_until
    assert len(direction.details["variations"]) == 1
    letter = s.client.get(reverse("powers:letter", args=[direction.pk])).content.decode()
    assert 'data-testid="variation"' in letter and "Notice of variation" in letter


# --- PSPO -------------------------------------------------------------------------------------


def pspo_expiring_soon(s: Any) -> PowerUse:
    made = today() - dt.timedelta(days=700)
    return services.pspo_make(
        actor=s.officer,
        case=s.case,
        issuer_capacity="local_authority",
        locality="Heanor town centre",
        requirements="No consumption of alcohol when asked to stop",
        made_on=made,
        expires_on=today() + dt.timedelta(days=30),
        consultation_done=PSPO_CONSULTEES,
        publicised=True,
        expression_assembly_regard="Dog walkers and street preachers are unaffected; gatherings are not banned",
        now=now() - dt.timedelta(days=700),
    )


def test_pspo_extension_needs_consultation_then_no_new_window_and_review(s: Any) -> None:
    pspo = pspo_expiring_soon(s)
    before_deadline = pspo.appeal_deadline
    page = detail(s, pspo)
    assert 'data-testid="extend-order"' in page and 'data-testid="vary-order"' in page
    url = reverse("powers:pspo_extend", args=[pspo.pk])
    extended = today()
    data = {
        "issuer_capacity": "local_authority",
        "extended_on": iso(extended),
        # s.60(3): at most 3 years beyond the current expiry (today + 30 days).
        "expires_on": iso(extended.replace(year=extended.year + 3) + dt.timedelta(days=31)),
        "consultation_done": ["chief_officer_of_police"],
        "publicised": "on",
        "expression_assembly_regard": "Protest and street preaching remain lawful in the area",
        "two_tier": "on",
        "parished": "on",
    }
    body = errors_of(s.client.post(url, data))
    assert "Complete the consultation record" in body
    assert "An extension cannot be for more than 3 years" in body
    assert refreshed(pspo).status == Status.MADE
    errors_of(s.client.post(url, data | {"expires_on": ""}))
    assert refreshed(pspo).details["expires_on"] == iso(today() + dt.timedelta(days=30))

    new_expiry = extended.replace(year=extended.year + 3) - dt.timedelta(days=1)
    data |= {"expires_on": iso(new_expiry), "consultation_done": list(PSPO_CONSULTEES)}
    assert submit(s.client, url, data).status_code == 302
    pspo = refreshed(pspo)
    assert pspo.status == Status.EXTENDED and pspo.details["expires_on"] == iso(new_expiry)
    # A.9: an extension opens no new s.66 challenge window.
    assert pspo.appeal_deadline == before_deadline
    reviews = Task.objects.filter(source="powers.pspo.review", linked_id=pspo.pk)
    assert [t.due_on for t in reviews.filter(status=TaskStatus.OPEN)] == [new_expiry - dt.timedelta(days=90)]
    assert reviews.filter(status=TaskStatus.CANCELLED).count() == 1  # moot, not done
    letter = s.client.get(reverse("powers:letter", args=[pspo.pk])).content.decode()
    assert 'data-testid="extension"' in letter and "does not start a new six-week period" in letter


def test_pspo_variation_must_change_something_and_restarts_the_challenge_window(s: Any) -> None:
    pspo = pspo_expiring_soon(s)
    url = reverse("powers:pspo_vary", args=[pspo.pk])
    assert "Heanor town centre" in s.client.get(url).content.decode()
    data = {
        "issuer_capacity": "local_authority",
        "varied_on": iso(today()),
        "locality": "Heanor town centre",
        "requirements": "No consumption of alcohol when asked to stop",
        "consultation_done": list(PSPO_CONSULTEES),
        "publicised": "on",
        "expression_assembly_regard": "Protest and street preaching remain lawful in the area",
        "two_tier": "on",
        "parished": "on",
    }
    body = errors_of(s.client.post(url, data))
    assert "Change the restricted area or the prohibitions and requirements" in body
    errors_of(s.client.post(url, data | {"locality": ""}))
    assert refreshed(pspo).status == Status.MADE
    assert (
        submit(s.client, url, data | {"locality": "Heanor town centre and Market Street"}).status_code == 302
    )
    pspo = refreshed(pspo)
    assert pspo.status == Status.VARIED and pspo.locality.endswith("Market Street")
    assert pspo.appeal_deadline == today() + dt.timedelta(days=41)
    assert pspo.details["variations"][0]["previous_locality"] == "Heanor town centre"


# --- Closure order ----------------------------------------------------------------------------


def test_closure_order_discharge(s: Any) -> None:
    made = today()
    order = services.closure_order_grant(
        actor=s.officer, notice=closure_notice_for(s), made_on=made, ends_on=made + dt.timedelta(days=60)
    )
    assert 'data-testid="record-discharge"' in detail(s, order)
    url = reverse("powers:closure_order_discharge", args=[order.pk])
    body = errors_of(s.client.post(url, {"discharged_on": iso(today() + dt.timedelta(days=1))}))
    assert "must be today or in the past" in body
    errors_of(s.client.post(url, {}))
    assert refreshed(order).status == Status.GRANTED
    assert submit(s.client, url, {"discharged_on": iso(today())}).status_code == 302
    order = refreshed(order)
    assert order.status == Status.DISCHARGED
    assert not Task.objects.filter(
        source="powers.closure_order.expiry", linked_id=order.pk, status=TaskStatus.OPEN
    ).exists()
    page = detail(s, order)
    assert 'data-testid="record-discharge"' not in page and 'data-testid="extend-order"' not in page
    letter = s.client.get(reverse("powers:letter", args=[order.pk])).content.decode()
    assert 'data-testid="discharged"' in letter


# --- CPW / CPN compliance ---------------------------------------------------------------------


def test_cpn_breach_recorded_opens_the_fixed_penalty_path(s: Any) -> None:
    cpn = cpn_for(s)
    assert 'data-testid="record-compliance"' in detail(s, cpn)
    url = reverse("powers:compliance", args=[cpn.pk])
    assert cpn.issued_at is not None
    issued = cpn.issued_at.date()
    body = errors_of(s.client.post(url, {"outcome": "breached", "on": iso(issued - dt.timedelta(days=1))}))
    assert "The date cannot be before the community protection notice was issued" in body
    errors_of(s.client.post(url, {"outcome": "paid", "on": iso(today())}))
    assert refreshed(cpn).status == Status.ISSUED
    response = submit(s.client, url, {"outcome": "breached", "on": iso(today()), "note": "Music at 1am"})
    assert response.status_code == 302
    cpn = refreshed(cpn)
    assert cpn.status == Status.BREACHED and cpn.details["breached_on"] == iso(today())
    page = detail(s, cpn)
    assert 'data-testid="issue-fpn"' in page and 'data-testid="record-compliance"' in page
    fpn = reverse("powers:fpn_new", args=[cpn.pk])
    assert (
        submit(
            s.client,
            fpn,
            {"issuer_capacity": "local_authority", "breach": "Music at 1am", "amount_gbp": "100"},
        ).status_code
        == 302
    )
    assert PowerUse.objects.filter(power="fpn", parent=cpn).exists()
    assert PowerEvent.objects.filter(power=cpn, to_status=Status.BREACHED).count() == 1


def test_cpw_complied_and_no_breach_option_and_appealed_cpn_stop_breach_s46_3(s: Any) -> None:
    cpn = cpn_for(s)
    cpw = cpn.parent
    assert cpw is not None and cpw.status == Status.ESCALATED
    assert 'data-testid="record-compliance"' not in detail(s, cpw)
    assert (
        'data-testid="step-blocked"'
        in s.client.get(reverse("powers:compliance", args=[cpw.pk])).content.decode()
    )

    fresh = services.cpw_issue(
        actor=s.officer,
        case=s.case,
        recipient=s.adult,
        issuer_capacity="local_authority",
        conduct="Dog fouling",
        requirements="Clear up after the dog",
        comply_by=now() + dt.timedelta(days=7),
    )
    url = reverse("powers:compliance", args=[fresh.pk])
    assert 'value="breached"' not in s.client.get(url).content.decode()
    errors_of(s.client.post(url, {"outcome": "breached", "on": iso(today())}))
    assert refreshed(fresh).status == Status.ISSUED
    assert submit(s.client, url, {"outcome": "complied", "on": iso(today())}).status_code == 302
    assert refreshed(fresh).status == Status.COMPLIED
    assert 'data-testid="record-compliance"' not in detail(s, fresh)

    # s.46(3): under appeal the "stop" requirements stay in force, so their breach can be recorded.
    services.cpn_appeal_lodge(actor=s.officer, cpn=cpn, lodged_on=today())
    page = s.client.get(reverse("powers:compliance", args=[cpn.pk])).content.decode()
    assert 'data-testid="step-blocked"' not in page and 'value="breached"' in page
    do = {"outcome": "breached", "on": iso(today()), "breached_requirement": "do", "confirm": "yes"}
    assert "no effect until it is decided" in errors_of(
        s.client.post(reverse("powers:compliance", args=[cpn.pk]), do)
    )
    assert refreshed(cpn).status == Status.APPEALED
    stop = {"outcome": "breached", "on": iso(today()), "breached_requirement": "stop"}
    assert submit(s.client, reverse("powers:compliance", args=[cpn.pk]), stop).status_code == 302
    assert refreshed(cpn).status == Status.BREACHED
    assert refreshed(cpn).details["breached_requirement"] == "stop"


def test_d3_injunction_breach_finding_recorded_s9(s: Any) -> None:
    granted_on = today() - dt.timedelta(days=5)
    injunction = services.injunction_decide(
        actor=s.officer,
        injunction=injunction_for(s, s.adult),
        outcome="granted",
        decided_on=granted_on,
        requirements="Not to enter Market Place",
    )
    assert 'data-testid="record-breach"' in detail(s, injunction)
    url = reverse("powers:order_breach", args=[injunction.pk])
    early = {
        "breached_on": iso(granted_on - dt.timedelta(days=1)),
        "found_on": iso(today()),
        "court": "county_court",
    }
    assert "before the civil injunction started" in errors_of(s.client.post(url, early))
    ok = early | {"breached_on": iso(granted_on)}
    assert submit(s.client, url, ok).status_code == 302
    injunction = refreshed(injunction)
    assert injunction.status == Status.BREACHED
    assert injunction.details["breaches"] == [
        {"breached_on": iso(granted_on), "found_on": iso(today()), "court": "county_court"}
    ]
    assert 'data-testid="record-breach"' not in detail(s, injunction)
