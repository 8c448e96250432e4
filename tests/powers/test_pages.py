"""The powers pages through the test client: each step's happy path (question page → check
answers → the service), a guard from rules.py shown as a GOV.UK error, and bad input that saves
nothing. Statutory clocks run on real time here; records are back-dated through the services'
``now=`` argument rather than by waiting."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from csphub.audit.models import AuditEvent
from csphub.cases import services as cases
from csphub.cases.models import PartyRole, Task
from csphub.people.services import address_create, person_create
from csphub.powers import clock, services
from csphub.powers.models import PowerUse
from csphub.powers.rules import UK_TZ, Status
from tests.versions import BrowserLikeClient

pytestmark = pytest.mark.django_db


def now() -> dt.datetime:
    return clock.now().astimezone(UK_TZ)


def today() -> dt.date:
    return now().date()


def iso(d: dt.date) -> str:
    return d.isoformat()


def words(d: dt.date) -> str:
    return f"{d.day} {d:%B %Y}"


@pytest.fixture
def setup(persona: Any, client_as: Any) -> Any:
    return make_setup(persona, client_as)


@pytest.fixture
def police_setup(persona: Any, client_as: Any) -> Any:
    """The same, owned by the police: dispersal powers are police powers (s.34, s.35)."""
    return make_setup(persona, client_as, username="police_caseworker")


def make_setup(persona: Any, client_as: Any, *, username: str = "avbc_caseworker") -> Any:
    """A council case with a victim, an adult, a 15-year-old and a 9-year-old, and premises."""
    officer = persona(username)
    victim = person_create(actor=officer, given_name="Vera", family_name="Pagevictim")
    adult = person_create(
        actor=officer, given_name="Paul", family_name="Pageperp", date_of_birth=dt.date(1990, 1, 1)
    )
    youth_dob = today().replace(year=today().year - 15) - dt.timedelta(days=10)
    youth = person_create(actor=officer, given_name="Yan", family_name="Pageyouth", date_of_birth=youth_dob)
    child_dob = today().replace(year=today().year - 9)
    child = person_create(actor=officer, given_name="Cal", family_name="Pagechild", date_of_birth=child_dob)
    address = address_create(actor=officer, line_1="3 Page Row", town="Ripley", postcode="DE5 3AA")
    incident = cases.incident_record(
        actor=officer,
        occurred_at=now() - dt.timedelta(days=40),
        reported_at=now() - dt.timedelta(days=39),
        channel="phone",
        asb_type="nuisance",
        category="noise",
        description="Loud music every night",
        address=address,
        parties=[
            (victim, PartyRole.VICTIM),
            (adult, PartyRole.ALLEGED_PERPETRATOR),
            (youth, PartyRole.ALLEGED_PERPETRATOR),
            (child, PartyRole.ALLEGED_PERPETRATOR),
        ],
        now=now() - dt.timedelta(days=39),
    )
    case = cases.case_open(actor=officer, incidents=[incident], summary="Noise from flat 3")

    class Setup:
        pass

    s = Setup()
    s.officer, s.case, s.victim, s.adult, s.youth, s.child, s.address = (  # type: ignore[attr-defined]
        officer,
        case,
        victim,
        adult,
        youth,
        child,
        address,
    )
    # Posts like a browser: each step on a power sends back the version its page was read at.
    s.client = BrowserLikeClient(client_as(username))  # type: ignore[attr-defined]
    return s


def cpn_for(s: Any, *, days_ago: int = 2) -> PowerUse:
    cpw = services.cpw_issue(
        actor=s.officer,
        case=s.case,
        recipient=s.adult,
        issuer_capacity="local_authority",
        conduct="Playing loud music after 11pm",
        requirements="Stop playing amplified music after 11pm\nFit a sound limiter",
        comply_by=now() - dt.timedelta(days=days_ago + 1),
        now=now() - dt.timedelta(days=days_ago + 15),
    )
    return services.cpn_issue(
        actor=s.officer,
        cpw=cpw,
        issuer_capacity="local_authority",
        requirements="Stop playing amplified music after 11pm\nFit a sound limiter",
        conduct_persists=True,
        informed_parties="Victim",
        now=now() - dt.timedelta(days=days_ago),
    )


def closure_notice_for(s: Any) -> PowerUse:
    return services.closure_notice_issue(
        actor=s.officer,
        case=s.case,
        premises=s.address,
        issuer_capacity="local_authority",
        duration_hours=24,
        senior_signoff=False,
        conduct="Drug dealing and disorder",
        served_at=now() - dt.timedelta(hours=2),
        residents_informed=True,
        excludes_residents_or_owner=False,
        hearing_details="Derby Magistrates' Court",
    )


def submit(client: Any, url: str, data: dict[str, Any]) -> Any:
    """Question page → check answers (asserted) → confirm; returns the final response."""
    check = client.post(url, data)
    assert check.status_code == 200, check.content[:300]
    body = check.content.decode()
    assert "There is a problem" not in body, body[body.find("There is a problem") :][:800]
    assert 'name="step" value="confirm"' in body
    return client.post(url, {**data, "step": "confirm"})


def errors_of(response: Any) -> str:
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "<title>Error: " in body
    return body


# --- CPN appeal -------------------------------------------------------------------------------


def test_cpn_appeal_lodged_suspends_non_stop_requirements_then_decided(setup: Any) -> None:
    s = setup
    cpn = cpn_for(s)
    url = reverse("powers:cpn_appeal", args=[cpn.pk])
    assert "Record an appeal" in s.client.get(url).content.decode()
    response = submit(
        s.client,
        url,
        {"lodged_on": iso(today()), "stop_requirements": ["Stop playing amplified music after 11pm"]},
    )
    assert response.status_code == 302
    cpn.refresh_from_db()
    assert cpn.status == Status.APPEALED
    detail = s.client.get(reverse("powers:detail", args=[cpn.pk])).content.decode()
    assert "Suspended while the appeal is pending" in detail
    assert detail.count("In effect") == 1
    assert AuditEvent.objects.filter(verb="cpn.appealed", target_id=str(cpn.pk)).exists()

    decision = reverse("powers:cpn_appeal_decision", args=[cpn.pk])
    assert submit(s.client, decision, {"outcome": "upheld"}).status_code == 302
    cpn.refresh_from_db()
    assert cpn.status == Status.UPHELD
    assert "Suspended" not in s.client.get(reverse("powers:detail", args=[cpn.pk])).content.decode()


def test_cpn_appeal_after_the_window_is_refused_and_nothing_saved(setup: Any) -> None:
    s = setup
    cpn = cpn_for(s, days_ago=25)
    body = errors_of(s.client.post(reverse("powers:cpn_appeal", args=[cpn.pk]), {"lodged_on": iso(today())}))
    assert cpn.appeal_deadline is not None
    assert f"The appeal period ended on {words(cpn.appeal_deadline)}" in body
    cpn.refresh_from_db()
    assert cpn.status == Status.ISSUED


def test_appeal_decision_blocked_without_an_appeal(setup: Any) -> None:
    s = setup
    cpn = cpn_for(s)
    response = s.client.get(reverse("powers:cpn_appeal_decision", args=[cpn.pk]))
    body = response.content.decode()
    assert 'data-testid="step-blocked"' in body and "no appeal is pending" in body
    s.client.post(
        reverse("powers:cpn_appeal_decision", args=[cpn.pk]), {"outcome": "quashed", "confirm": "yes"}
    )
    cpn.refresh_from_db()
    assert cpn.status == Status.ISSUED


# --- Fixed penalty ----------------------------------------------------------------------------


def test_fpn_issue_then_prosecution_blocked_for_14_days_then_payment(setup: Any) -> None:
    s = setup
    cpn = cpn_for(s)
    url = reverse("powers:fpn_new", args=[cpn.pk])
    response = submit(
        s.client,
        url,
        {
            "issuer_capacity": "local_authority",
            "breach": "Music played at 1am on Saturday",
            "amount_gbp": "100",
            "early_amount_gbp": "75",
            "early_period_days": "10",
        },
    )
    assert response.status_code == 302
    fpn = PowerUse.objects.get(power="fpn", parent=cpn)
    assert fpn.amount_gbp == 100
    assert Task.objects.filter(source="powers.fpn.payment_check").exists()

    prosecute = reverse("powers:fpn_prosecute", args=[fpn.pk])
    body = s.client.get(prosecute).content.decode()
    pay_by = today() + dt.timedelta(days=14)
    assert "You cannot start proceedings yet" in body
    assert f"no proceedings before the payment period ends on {words(pay_by)}" in body
    s.client.post(prosecute, {"confirm": "yes"})
    fpn.refresh_from_db()
    assert fpn.status == Status.ISSUED

    letter = s.client.get(reverse("powers:letter", args=[fpn.pk])).content.decode()
    assert "Fixed Penalty Notice" in letter and "£75" in letter and words(pay_by) in letter

    assert (
        submit(s.client, reverse("powers:fpn_payment", args=[fpn.pk]), {"paid_on": iso(today())}).status_code
        == 302
    )
    fpn.refresh_from_db()
    assert fpn.status == Status.PAID


def test_fpn_prosecution_allowed_after_14_days(setup: Any) -> None:
    s = setup
    cpn = cpn_for(s, days_ago=20)
    fpn = services.fpn_issue(
        actor=s.officer,
        cpn=cpn,
        issuer_capacity="local_authority",
        amount_gbp=100,
        breach="Music",
        now=now() - dt.timedelta(days=16),
    )
    response = submit(s.client, reverse("powers:fpn_prosecute", args=[fpn.pk]), {})
    assert response.status_code == 302
    fpn.refresh_from_db()
    assert fpn.status == Status.PROSECUTED


def test_power_dates_are_asked_as_day_month_and_year(setup: Any) -> None:
    """Power steps ask dates with the GOV.UK date input: three fields, its error messages, the
    answers carried through check answers, and a Change link to the day."""
    s = setup
    fpn = services.fpn_issue(
        actor=s.officer,
        cpn=cpn_for(s, days_ago=20),
        issuer_capacity="local_authority",
        amount_gbp=100,
        breach="Music",
        now=now() - dt.timedelta(days=3),
    )
    url = reverse("powers:fpn_payment", args=[fpn.pk])
    page = s.client.get(url).content.decode()
    for part in ("day", "month", "year"):
        assert f'name="paid_on_{part}"' in page
    assert 'type="date"' not in page
    assert "For example, 27 3 2026" in page

    paid = today() - dt.timedelta(days=1)
    body = errors_of(
        s.client.post(url, {"paid_on_day": str(paid.day), "paid_on_month": "", "paid_on_year": "2026"})
    )
    assert "Date paid must include a month" in body
    body = errors_of(s.client.post(url, {"paid_on_day": "31", "paid_on_month": "2", "paid_on_year": "2026"}))
    assert "Date paid must be a real date" in body

    parts = {"paid_on_day": str(paid.day), "paid_on_month": str(paid.month), "paid_on_year": str(paid.year)}
    check = s.client.post(url, parts).content.decode()
    assert words(paid) in check and "#id_paid_on_day" in check
    for name, value in parts.items():  # carried to the confirm step as hidden fields
        assert f'name="{name}" value="{value}"' in check
    assert s.client.post(url, {**parts, "step": "confirm"}).status_code == 302
    fpn.refresh_from_db()
    assert fpn.status == Status.PAID


def test_fpn_over_the_maximum_is_refused_and_nothing_saved(setup: Any) -> None:
    s = setup
    cpn = cpn_for(s)
    url = reverse("powers:fpn_new", args=[cpn.pk])
    body = errors_of(
        s.client.post(url, {"issuer_capacity": "local_authority", "breach": "Music", "amount_gbp": "500"})
    )
    assert "The fixed penalty cannot be more than £100" in body
    body = errors_of(s.client.post(url, {}))
    assert "Enter the amount of the fixed penalty in pounds" in body
    assert "Describe the breach of the notice" in body
    assert not PowerUse.objects.filter(power="fpn").exists()
    cpn.refresh_from_db()
    assert cpn.status == Status.ISSUED  # the rehearsal rolled back the breach too


# --- Closure order ----------------------------------------------------------------------------


def test_closure_order_granted_then_extension_capped_at_six_months(setup: Any) -> None:
    s = setup
    notice = closure_notice_for(s)
    made = today()
    too_long = made + dt.timedelta(days=100)
    body = errors_of(
        s.client.post(
            reverse("powers:closure_order_new", args=[notice.pk]),
            {"made_on": iso(made), "ends_on": iso(too_long)},
        )
    )
    assert "A closure order cannot last more than 3 months" in body
    assert not PowerUse.objects.filter(power="closure_order").exists()

    ends = made + dt.timedelta(days=80)
    response = submit(
        s.client,
        reverse("powers:closure_order_new", args=[notice.pk]),
        {"made_on": iso(made), "ends_on": iso(ends)},
    )
    assert response.status_code == 302
    order = PowerUse.objects.get(power="closure_order")
    extend = reverse("powers:closure_order_extend", args=[order.pk])
    assert "6 months in total" in s.client.get(extend).content.decode()
    # s.82: a council application follows consultation of the chief officer of police.
    consulted = {
        "consulted": "Derbyshire Constabulary",
        "consulted_on": iso(today()),
        "extended_on": iso(today()),
    }
    body = errors_of(
        s.client.post(
            extend,
            {
                "applied_on": iso(today()),
                "extended_on": iso(today()),
                "new_end": iso(made + dt.timedelta(days=90)),
            },
        )
    )
    assert "Record the consultation of the chief officer of police before applying (s.82)" in body
    body = errors_of(
        s.client.post(
            extend, {"applied_on": iso(today()), "new_end": iso(made + dt.timedelta(days=200))} | consulted
        )
    )
    assert "Extensions cannot take the order beyond 6 months in total" in body
    order.refresh_from_db()
    assert order.status == Status.GRANTED
    new_end = made + dt.timedelta(days=150)
    assert (
        submit(
            s.client, extend, {"applied_on": iso(today()), "new_end": iso(new_end)} | consulted
        ).status_code
        == 302
    )
    order.refresh_from_db()
    assert order.status == Status.EXTENDED and order.details["ends_on"] == iso(new_end)
    letter = s.client.get(reverse("powers:letter", args=[order.pk])).content.decode()
    assert "Closure Order" in letter and "Crown Court within 21 days" in letter


# --- Injunction and CBO -----------------------------------------------------------------------


def test_youth_injunction_needs_youth_court_12_months_and_yot_first(setup: Any) -> None:
    s = setup
    url = reverse("powers:injunction_new", args=[s.case.pk])
    data = {
        "recipient": str(s.youth.pk),
        "issuer_capacity": "local_authority",
        "applied_on": iso(today()),
        "court": "county_court",
        "requirements": "Not to enter Market Place",
        "ends_on": iso(today() + dt.timedelta(days=400)),
    }
    body = errors_of(s.client.post(url, data))
    assert "The respondent is under 18: apply to the youth court" in body
    assert "cannot last more than 12 months" in body
    assert "Record the youth offending team consultation before applying" in body
    assert not PowerUse.objects.filter(power="injunction").exists()

    data |= {
        "court": "youth_court",
        "ends_on": iso(today() + dt.timedelta(days=300)),
        "yot_consulted_on": iso(today() - dt.timedelta(days=3)),
    }
    assert submit(s.client, url, data).status_code == 302
    use = PowerUse.objects.get(power="injunction")
    assert use.status == Status.APPLIED and use.court == "youth_court"
    letter = s.client.get(reverse("powers:letter", args=[use.pk])).content.decode()
    assert "youth court" in letter and "youth offending team was consulted" in letter


def test_youth_cbo_creates_annual_review_tasks_and_needs_a_conviction(setup: Any) -> None:
    s = setup
    url = reverse("powers:cbo_new", args=[s.case.pk])
    data = {
        "recipient": str(s.youth.pk),
        "convicted_on": iso(today() - dt.timedelta(days=10)),
        "disposal": "absolute_discharge",
        "applied_on": iso(today() - dt.timedelta(days=1)),
        "starts_on": iso(today()),
        "ends_on": iso(today() + dt.timedelta(days=730)),
        "yot_views_on": iso(today() - dt.timedelta(days=5)),
        "requirements": "Not to associate with named persons",
        "court": "youth_court",
    }
    body = errors_of(s.client.post(url, data))
    assert "cannot follow an absolute discharge" in body
    # A.8: a youth's order is made by the youth court or the Crown Court, never a magistrates' court.
    body = errors_of(s.client.post(url, data | {"disposal": "sentence", "court": "magistrates_court"}))
    assert "the order is made by the youth court or the Crown Court" in body
    assert not PowerUse.objects.filter(power="cbo").exists()
    assert submit(s.client, url, data | {"disposal": "sentence"}).status_code == 302
    cbo = PowerUse.objects.get(power="cbo")
    assert cbo.status == Status.GRANTED
    assert Task.objects.filter(source="powers.cbo.youth_review").count() >= 1
    letter = s.client.get(reverse("powers:letter", args=[cbo.pk])).content.decode()
    assert "Criminal Behaviour Order" in letter and "reviewed every 12 months" in letter


# --- Dispersal --------------------------------------------------------------------------------


def test_dispersal_authorisation_48_hours_then_direction_with_s36_checklist(police_setup: Any) -> None:
    s = police_setup
    url = reverse("powers:dispersal_new", args=[s.case.pk])
    start = now().replace(second=0, microsecond=0) - dt.timedelta(hours=1)
    fmt = "%Y-%m-%dT%H:%M"
    data = {
        "issuer_capacity": "inspector",
        "locality": "Ripley Market Place",
        "grounds": "Groups intimidating shoppers",
        "starts_at": start.strftime(fmt),
        "ends_at": (start + dt.timedelta(hours=60)).strftime(fmt),
        "human_rights_considered": "No protest or assembly planned",
        "signed": "on",
    }
    body = errors_of(s.client.post(url, data))
    assert "An authorisation cannot last more than 48 hours" in body
    errors_of(
        s.client.post(
            url,
            data
            | {"issuer_capacity": "constable", "ends_at": (start + dt.timedelta(hours=24)).strftime(fmt)},
        )
    )
    assert not PowerUse.objects.filter(power="dispersal_authorisation").exists()
    assert (
        submit(s.client, url, data | {"ends_at": (start + dt.timedelta(hours=24)).strftime(fmt)}).status_code
        == 302
    )
    auth = PowerUse.objects.get(power="dispersal_authorisation")
    letter = s.client.get(reverse("powers:letter", args=[auth.pk])).content.decode()
    assert "Authorisation to use dispersal powers" in letter and "Articles 10 and 11" in letter

    direction = reverse("powers:dispersal_direction_new", args=[auth.pk])
    given = start + dt.timedelta(minutes=30)
    d: dict[str, Any] = {
        "recipient": str(s.child.pk),
        "issuer_capacity": "constable",
        "given_at": given.strftime(fmt),
        "excluded_until": (given + dt.timedelta(hours=12)).strftime(fmt),
        "in_writing": "on",
    }
    body = errors_of(s.client.post(direction, d))
    assert "A direction cannot be given to a child under 10" in body
    assert "Confirm the direction does not stop the person reaching" in body
    assert "A dispersal direction is given by an officer in uniform (s.35(1))" in body
    from csphub.powers.rules import S36_EXCLUSIONS

    d |= {"recipient": str(s.youth.pk), "exclusions_checked": list(S36_EXCLUSIONS), "in_uniform": "on"}
    assert submit(s.client, direction, d).status_code == 302
    direction_use = PowerUse.objects.get(power="dispersal_direction")
    assert direction_use.details["removal_allowed"] is True
    letter = s.client.get(reverse("powers:letter", args=[direction_use.pk])).content.decode()
    assert "Direction to leave an area" in letter and "place of safety" in letter


# --- PSPO and absolute ground -------------------------------------------------------------------


def test_pspo_three_years_consultation_and_challenge_window(setup: Any) -> None:
    s = setup
    url = reverse("powers:pspo_new", args=[s.case.pk])
    made = today()
    data = {
        "issuer_capacity": "local_authority",
        "locality": "Heanor town centre",
        "requirements": "No consumption of alcohol when asked to stop",
        "made_on": iso(made),
        "expires_on": iso(made.replace(year=made.year + 4)),
        "consultation_done": ["chief_officer_of_police"],
        "publicised": "on",
        "two_tier": "on",
        "parished": "on",
        # s.72(1): the regard had to freedom of expression and assembly is recorded (A.5).
        "expression_assembly_regard": "No protest or assembly uses the town centre at night",
    }
    body = errors_of(s.client.post(url, data))
    assert "A PSPO cannot last more than 3 years" in body
    assert "Complete the consultation record" in body
    assert not PowerUse.objects.filter(power="pspo").exists()
    from csphub.powers.rules import PSPO_CONSULTEES

    # Three years beginning with the day made end the day before the third anniversary.
    last_day = made.replace(year=made.year + 3) - dt.timedelta(days=1)
    data |= {"expires_on": iso(last_day), "consultation_done": list(PSPO_CONSULTEES)}
    assert submit(s.client, url, data).status_code == 302
    pspo = PowerUse.objects.get(power="pspo")
    challenge = made + dt.timedelta(days=41)
    assert pspo.appeal_deadline == challenge
    assert Task.objects.filter(source="powers.pspo.review").exists()
    letter = s.client.get(reverse("powers:letter", args=[pspo.pk])).content.decode()
    assert "High Court within six weeks" in letter and words(challenge) in letter


def test_absolute_ground_review_request_within_7_days_only(setup: Any) -> None:
    s = setup
    url = reverse("powers:absolute_ground_new", args=[s.case.pk])
    served = today() - dt.timedelta(days=10)
    data = {
        "recipient": str(s.adult.pk),
        "issuer_capacity": "local_authority",  # a local housing authority: statutory review (s.85ZA)
        "condition": "closure_order",
        "served_on": iso(served),
        "closure_order_hours_in_force": "24",
        "trigger_on": iso(served - dt.timedelta(days=30)),
    }
    body = errors_of(s.client.post(url, data))
    assert "for more than 48 hours" in body
    assert submit(s.client, url, data | {"condition": "serious_offence"}).status_code == 302
    notice = PowerUse.objects.get(power="absolute_ground")
    letter = s.client.get(reverse("powers:letter", args=[notice.pk])).content.decode()
    assert "Condition 1: conviction for a serious offence" in letter and "no power to extend" in letter
    review = reverse("powers:absolute_ground_review", args=[notice.pk])
    body = errors_of(s.client.post(review, {"requested_on": iso(today())}))
    assert "no power to extend" in body
    notice.refresh_from_db()
    assert notice.status == Status.ISSUED
    assert submit(s.client, review, {"requested_on": iso(served + dt.timedelta(days=6))}).status_code == 302
    notice.refresh_from_db()
    assert notice.status == Status.REVIEW_REQUESTED


def test_ha1985_s85za_private_provider_review_is_good_practice_not_statute(setup: Any) -> None:
    s = setup
    url = reverse("powers:absolute_ground_new", args=[s.case.pk])
    served = today() - dt.timedelta(days=10)
    data = {
        "recipient": str(s.adult.pk),
        "issuer_capacity": "housing_provider",
        "condition": "serious_offence",
        "served_on": iso(served),
        # HA 1985 s.83ZA: within 12 months beginning with the conviction.
        "trigger_on": iso(served.replace(year=served.year - 1)),
    }
    assert "Housing Act 1985 s.83ZA" in errors_of(s.client.post(url, data))
    data["trigger_on"] = iso(served.replace(year=served.year - 1) + dt.timedelta(days=1))
    assert submit(s.client, url, data).status_code == 302
    notice = PowerUse.objects.get(power="absolute_ground")
    assert notice.details["statutory_review"] is False
    letter = s.client.get(reverse("powers:letter", args=[notice.pk])).content.decode()
    assert "offered under Home Office guidance" in letter and "no power to extend" not in letter
    review = reverse("powers:absolute_ground_review", args=[notice.pk])
    assert submit(s.client, review, {"requested_on": iso(today())}).status_code == 302


# --- The check-answers page, closed cases, letters, reachability --------------------------------


def test_change_your_answers_returns_to_the_filled_in_form(setup: Any) -> None:
    s = setup
    url = reverse("powers:absolute_ground_new", args=[s.case.pk])
    data = {
        "recipient": str(s.adult.pk),
        "issuer_capacity": "housing_provider",
        "condition": "serious_offence",
        "served_on": iso(today()),
        "trigger_on": iso(today() - dt.timedelta(days=30)),
    }
    check = s.client.post(url, data).content.decode()
    assert "Condition 1: conviction for a serious offence" in check
    # Each answer has its own Change button, which posts the answers back to the question page.
    assert 'name="step" value="change" formaction="#id_condition_0"' in check
    again = s.client.post(url, data | {"step": "change"}).content.decode()
    assert "Continue" in again and "There is a problem" not in again
    assert 'value="serious_offence" checked' in again
    assert not PowerUse.objects.filter(power="absolute_ground").exists()


def test_closed_case_blocks_new_powers_in_plain_words(setup: Any) -> None:
    s = setup
    cases.case_change_status(
        actor=s.officer, case=s.case, to_status="closed", reason="Moved away", outcome="resolved"
    )
    body = s.client.get(reverse("powers:pspo_new", args=[s.case.pk])).content.decode()
    assert "The case is closed: reopen it before using a power" in body


@pytest.mark.parametrize(
    "maker,wording",
    [
        ("cpw", "There is no right of appeal against this warning"),
        ("cpn", "You may appeal to a magistrates' court"),
        ("closure_notice", "will be heard no later than"),
    ],
)
def test_each_power_has_its_own_letter_and_downloads_are_audited(
    setup: Any, maker: str, wording: str
) -> None:
    s = setup
    use: PowerUse | None
    if maker == "closure_notice":
        use = closure_notice_for(s)
    else:
        cpn = cpn_for(s)
        use = cpn if maker == "cpn" else cpn.parent
    assert use is not None
    response = s.client.get(reverse("powers:letter", args=[use.pk]))
    assert wording in response.content.decode()
    assert AuditEvent.objects.filter(verb=f"{use.power}.letter_html_produced").exists()


def test_letter_pdf_is_a_pdf_and_audited(setup: Any) -> None:
    s = setup
    cpn = cpn_for(s)
    response = s.client.get(reverse("powers:letter_pdf", args=[cpn.pk]))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(verb="cpn.letter_pdf_produced", target_id=str(cpn.pk)).exists()


def test_case_page_lists_powers_with_links_to_start_new_ones(setup: Any) -> None:
    s = setup
    cpn = cpn_for(s, days_ago=10)  # appeal deadline in 10 days: on the home panel
    body = s.client.get(reverse("cases:case_detail", args=[s.case.pk])).content.decode()
    assert "Tools and powers" in body
    assert cpn.reference in body
    assert reverse("powers:cpw_new", args=[s.case.pk]) in body
    assert reverse("powers:pspo_new", args=[s.case.pk]) in body
    listing = s.client.get(reverse("powers:list")).content.decode()
    assert cpn.reference in listing
    home = s.client.get(reverse("frontend:home")).content.decode()
    assert "Tools and powers: dates in the next 14 days" in home and cpn.reference in home


def test_a_step_page_naming_the_parties_records_that_the_case_was_viewed(setup: Any) -> None:
    s = setup
    body = s.client.get(reverse("powers:cpw_new", args=[s.case.pk])).content.decode()
    assert "Pageperp" in body
    event = AuditEvent.objects.filter(verb="case.viewed", target_id=str(s.case.pk)).latest("pk")
    assert event.justification == "power step form"


def test_letters_carry_no_case_reference_or_rule_version(setup: Any) -> None:
    """Review item 26: the recipient reads the notice's own reference, never the internal case
    reference or the name of the rule version the system applied."""
    s = setup
    cpn = cpn_for(s)
    for use in (cpn, cpn.parent):
        assert use is not None
        body = s.client.get(reverse("powers:letter", args=[use.pk])).content.decode()
        assert use.reference in body
        assert s.case.reference not in body
        assert "Rule version" not in body and use.rule_version not in body
