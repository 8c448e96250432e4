"""Civil injunction terms the court attaches, recorded and checked by the service (A.7): a power of
arrest (s.4), a positive requirement with its supervisor (s.3), exclusion from home (s.13); both
sides of the 18th birthday for exclusion from home."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from csphub.cases import services as cases
from csphub.cases.models import PartyRole
from csphub.core.errors import ApplicationError
from csphub.people.services import person_create
from csphub.powers import services
from csphub.powers.models import PowerUse
from csphub.powers.rules import UK_TZ, Status
from tests.powers.test_pages import errors_of, iso, make_setup, submit, today

pytestmark = pytest.mark.django_db


def at(y: int, m: int, d: int, hh: int = 12) -> dt.datetime:
    return dt.datetime(y, m, d, hh, tzinfo=UK_TZ)


@pytest.fixture
def s(persona: Any, client_as: Any) -> Any:
    return make_setup(persona, client_as)


def _adult_application(s: Any) -> PowerUse:
    return services.injunction_apply(
        actor=s.officer,
        case=s.case,
        recipient=s.adult,
        issuer_capacity="local_authority",
        applied_on=today() - dt.timedelta(days=7),
        court="county_court",
        ends_on=None,
        yot_consulted_on=None,
        requirements="Not to enter Market Place",
    )


def _grant(s: Any, injunction: PowerUse, **terms: Any) -> PowerUse:
    return services.injunction_decide(
        actor=s.officer,
        injunction=injunction,
        outcome="granted",
        decided_on=today(),
        requirements="Not to enter Market Place\nAttend an anger management course",
        **terms,
    )


def test_s4_power_of_arrest_needs_violence_and_not_a_participation_requirement(s: Any) -> None:
    injunction = _adult_application(s)
    with pytest.raises(ApplicationError, match=r"significant risk of harm \(s\.4\)"):
        _grant(
            s, injunction, power_of_arrest=True, power_of_arrest_term="prohibition", power_of_arrest_terms="1"
        )
    with pytest.raises(ApplicationError, match="cannot be attached to a requirement to participate"):
        _grant(
            s,
            injunction,
            violence_or_significant_risk=True,
            power_of_arrest=True,
            power_of_arrest_term="participate_in_activities",
            power_of_arrest_terms="2",
        )
    with pytest.raises(ApplicationError, match="Say which terms the power of arrest is attached to"):
        _grant(
            s,
            injunction,
            violence_or_significant_risk=True,
            power_of_arrest=True,
            power_of_arrest_term="prohibition",
        )
    injunction.refresh_from_db()
    assert injunction.status == Status.APPLIED
    granted = _grant(
        s,
        injunction,
        violence_or_significant_risk=True,
        power_of_arrest=True,
        power_of_arrest_term="prohibition",
        power_of_arrest_terms="Not to enter Market Place",
    )
    assert granted.details["power_of_arrest"] == {
        "term": "prohibition",
        "attached_to": "Not to enter Market Place",
    }
    letter = s.client.get(reverse("powers:letter", args=[granted.pk])).content.decode()
    assert 'data-testid="power-of-arrest"' in letter and "without warrant" in letter


def test_s3_positive_requirement_names_a_supervisor_and_the_evidence(s: Any) -> None:
    injunction = _adult_application(s)
    with pytest.raises(ApplicationError, match=r"supervise the requirement \(s\.3\(1\)\)"):
        _grant(s, injunction, positive_requirement=True, suitability_evidence="Course has places")
    with pytest.raises(
        ApplicationError, match=r"suitability and enforceability of the requirement \(s\.3\(2\)\)"
    ):
        _grant(s, injunction, positive_requirement=True, supervisor="Derbyshire Youth and Family Service")
    granted = _grant(
        s,
        injunction,
        positive_requirement=True,
        supervisor="Amber Valley anger management service",
        suitability_evidence="Letter from the provider: weekly sessions, places available",
    )
    assert granted.details["positive_requirement"]["supervisor"] == "Amber Valley anger management service"
    letter = s.client.get(reverse("powers:letter", args=[granted.pk])).content.decode()
    assert "Amber Valley anger management service" in letter


def test_s13_exclusion_from_home_from_the_18th_birthday_only(s: Any) -> None:
    """The respondent turns 18 on 1 June 2026: a grant on 31 May cannot exclude them from home;
    one on 1 June can (violence recorded, council applicant)."""
    dob = dt.date(2008, 6, 1)
    person = person_create(actor=s.officer, given_name="Tess", family_name="Turning", date_of_birth=dob)
    cases.case_add_party(actor=s.officer, case=s.case, person=person, role=PartyRole.ALLEGED_PERPETRATOR)

    def apply() -> PowerUse:
        return services.injunction_apply(
            actor=s.officer,
            case=s.case,
            recipient=person,
            issuer_capacity="local_authority",
            applied_on=dt.date(2026, 5, 20),
            court="youth_court",
            ends_on=dt.date(2027, 5, 1),
            yot_consulted_on=dt.date(2026, 5, 18),
            requirements="Not to enter 3 Page Row",
            now=at(2026, 5, 20),
        )

    common = {
        "actor": s.officer,
        "outcome": "granted",
        "ends_on": dt.date(2027, 5, 1),
        "requirements": "Not to enter 3 Page Row",
        "excludes_from_home": True,
        "violence_or_significant_risk": True,
        "now": at(2026, 6, 2),
    }
    with pytest.raises(ApplicationError, match="cannot exclude them from their home"):
        services.injunction_decide(injunction=apply(), decided_on=dt.date(2026, 5, 31), **common)
    granted = services.injunction_decide(injunction=apply(), decided_on=dt.date(2026, 6, 1), **common)
    assert granted.details["excludes_from_home"] is True
    with pytest.raises(ApplicationError, match="Exclusion from home needs violence"):
        services.injunction_decide(
            injunction=apply(),
            decided_on=dt.date(2026, 6, 1),
            **(common | {"violence_or_significant_risk": False}),
        )


def test_injunction_decision_page_asks_about_attached_terms(s: Any) -> None:
    injunction = _adult_application(s)
    url = reverse("powers:injunction_decision", args=[injunction.pk])
    form = s.client.get(url).content.decode()
    for name in ("power_of_arrest", "power_of_arrest_term", "supervisor", "excludes_from_home"):
        assert f'name="{name}"' in form, name
    data = {
        "outcome": "granted",
        "decided_on": iso(today()),
        "requirements": "Not to enter Market Place",
        "power_of_arrest": "on",
        "power_of_arrest_term": "prohibition",
        "power_of_arrest_terms": "Not to enter Market Place",
    }
    body = errors_of(s.client.post(url, data))
    assert "significant risk of harm (s.4)" in body
    assert submit(s.client, url, data | {"violence_or_significant_risk": "on"}).status_code == 302
    injunction.refresh_from_db()
    assert (
        injunction.status == Status.GRANTED and injunction.details["power_of_arrest"]["term"] == "prohibition"
    )


def test_sa2020_s331_cbo_court_youth_taken_on_the_day_of_the_application() -> None:
    """A.8: Crown Court, magistrates' or youth court; the offender turns 18 on 1 June 2026."""
    from csphub.powers import rules as r

    rules = r.rule_set("2014-act-2026-11")
    offender = r.Recipient(key="o", date_of_birth=dt.date(2008, 6, 1))
    before, birthday = dt.date(2026, 5, 31), dt.date(2026, 6, 1)

    def check(on: dt.date, court: r.Court) -> list[str]:
        return r.cbo_court_blockers(rules=rules, recipient=offender, applied_on=on, court=court)

    assert check(before, r.Court.YOUTH) == [] and check(before, r.Court.CROWN) == []
    assert check(before, r.Court.MAGISTRATES) == [
        "The offender is under 18: the order is made by the youth court or the Crown Court"
    ]
    assert check(birthday, r.Court.MAGISTRATES) == [] and check(birthday, r.Court.CROWN) == []
    assert check(birthday, r.Court.YOUTH) == [
        "The offender is 18 or over: the order is made by a magistrates' court or the Crown Court"
    ]
    assert check(birthday, r.Court.COUNTY) == [
        "A criminal behaviour order is made by the Crown Court, a magistrates' court or a youth court"
    ]
    assert {r.Court.YOUTH, r.Court.MAGISTRATES, r.Court.CROWN} == r.CBO_COURTS


def test_crown_court_cbo_for_a_youth_keeps_the_annual_reviews(s: Any) -> None:
    cbo = services.cbo_grant(
        actor=s.officer,
        case=s.case,
        recipient=s.youth,
        convicted_on=today() - dt.timedelta(days=10),
        disposal="sentence",
        applied_on=today() - dt.timedelta(days=1),
        starts_on=today(),
        ends_on=today() + dt.timedelta(days=730),
        yot_views_on=today() - dt.timedelta(days=5),
        requirements="Not to enter Ripley",
        court="crown_court",
    )
    assert cbo.court == "crown_court" and cbo.details["youth_at_application"] is True
    letter = s.client.get(reverse("powers:letter", args=[cbo.pk])).content.decode()
    assert "Crown Court" in letter and "reviewed every 12 months" in letter
    assert "section 340" not in letter


def test_s35_7_removal_on_the_officers_reasonable_belief_and_the_16th_birthday() -> None:
    """A.11: s.35(7) asks whether the officer reasonably believes the person is under 16; a date of
    birth making them under 16 on the day also allows it (the day before the 16th birthday, not on it)."""
    from csphub.powers import rules as r

    rules = r.rule_set("2014-act-2026-11")
    person = r.Recipient(key="p", date_of_birth=dt.date(2010, 6, 1))  # 16 on 1 June 2026
    assert r.dispersal_removal_allowed(person, dt.date(2026, 5, 31), rules=rules) is True
    assert r.dispersal_removal_allowed(person, dt.date(2026, 6, 1), rules=rules) is False
    assert (
        r.dispersal_removal_allowed(person, dt.date(2026, 6, 1), rules=rules, believed_under_16=True) is True
    )
    unknown = r.Recipient(key="u")
    assert r.dispersal_removal_allowed(unknown, dt.date(2026, 6, 1), rules=rules) is False
    assert (
        r.dispersal_removal_allowed(unknown, dt.date(2026, 6, 1), rules=rules, believed_under_16=True) is True
    )
    assert r.dispersal_uniform_blockers(True) == []
    assert r.dispersal_uniform_blockers(False) == [
        "A dispersal direction is given by an officer in uniform (s.35(1))"
    ]


def test_s5_3_a_housing_provider_application_records_its_housing_management_link(
    persona: Any, client_as: Any
) -> None:
    h = make_setup(persona, client_as, username="housing_caseworker")
    common: dict[str, Any] = {
        "actor": h.officer,
        "case": h.case,
        "recipient": h.adult,
        "issuer_capacity": "housing_provider",
        "applied_on": today(),
        "court": "county_court",
        "ends_on": None,
        "yot_consulted_on": None,
        "requirements": "Not to enter Block B",
    }
    with pytest.raises(ApplicationError, match=r"housing management functions \(s\.5\(3\)\)"):
        services.injunction_apply(**common)
    made = services.injunction_apply(**common, housing_management_related=True)
    assert made.status == Status.APPLIED and made.details["housing_management_related"] is True


def test_s5_1_another_named_body_may_apply_and_names_which_it_is() -> None:
    from csphub.agencies.models import AgencyType
    from csphub.powers.capacities import capacity_blockers
    from csphub.powers.rules import S5_OTHER_APPLICANTS, injunction_applicant_blockers

    assert len(S5_OTHER_APPLICANTS) == 6  # s.5(1)(d)-(i)
    assert (
        injunction_applicant_blockers(
            "s5_other_applicant", housing_management_related=False, applicant_body="tfl"
        )
        == []
    )
    assert (
        "s.5(1)"
        in injunction_applicant_blockers(
            "s5_other_applicant", housing_management_related=False, applicant_body=""
        )[0]
    )
    assert (
        "s.5(1)"
        in injunction_applicant_blockers(
            "s5_other_applicant", housing_management_related=False, applicant_body="fire_service"
        )[0]
    )
    # An NHS body (security management functions) may apply; a fire service may not; a district
    # council applies as the local authority, not as "another body".
    assert capacity_blockers(AgencyType.HEALTH, "Derbyshire NHS", "s5_other_applicant") == []
    assert capacity_blockers(AgencyType.FIRE_AND_RESCUE, "Fire", "s5_other_applicant")
    assert capacity_blockers(AgencyType.DISTRICT_COUNCIL, "AVBC", "s5_other_applicant")


def test_s5_1_an_nhs_bodys_application_records_the_body(persona: Any, client_as: Any) -> None:
    h = make_setup(persona, client_as, username="nhs_caseworker")
    common: dict[str, Any] = {
        "actor": h.officer,
        "case": h.case,
        "recipient": h.adult,
        "issuer_capacity": "s5_other_applicant",
        "applied_on": today(),
        "court": "county_court",
        "ends_on": None,
        "yot_consulted_on": None,
        "requirements": "Not to enter the hospital grounds",
    }
    with pytest.raises(ApplicationError, match=r"s\.5\(1\)"):
        services.injunction_apply(**common)
    made = services.injunction_apply(**common, applicant_body="nhs_england")
    assert made.status == Status.APPLIED and made.details["applicant_body"] == "nhs_england"
    page = h.client.get(reverse("powers:detail", args=[made.pk])).content.decode()
    assert "exercising security management functions (s.5(1)(h))" in page
