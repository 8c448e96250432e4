"""Security review findings 2, 3 and 21: a case shared only as a panel summary shows, in every list,
search and API collection, exactly what its own page shows: no enforcement, no addresses."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from csphub.agencies.models import RecordShare, ShareScope
from csphub.cases import services as cases
from csphub.cases.models import PanelKind, PartyRole
from csphub.people.services import person_update
from csphub.powers import selectors as power_selectors
from csphub.powers import services as powers

pytestmark = pytest.mark.django_db


@pytest.fixture
def summary_shared(make_case: Any, persona: Any, world: Any) -> Any:
    """A police case (victim "Zanzibarquist", incident at 12 Example Row, DE5 3ZZ) on a panel
    agenda attended by AVBC, so AVBC sees it as a summary; a CPW issued on it."""
    police = persona("police_team_manager")
    case = make_case("police_caseworker", family="Zanzibarquist", summary="Harassment of a resident")
    panel = cases.panel_create(actor=police, name="Panel", kind=PanelKind.HIGH_RISK, agreement=world.asb_isa)
    meeting = cases.panel_meeting_schedule(
        actor=police, panel=panel, held_at=timezone.now(), attending_agencies=[world.agencies["avbc"]]
    )
    cases.panel_agenda_add(actor=police, meeting=meeting, case=case, reason="Repeat victim")
    share = RecordShare.objects.get(object_id=case.pk, agency=world.agencies["avbc"])
    assert share.scope == ShareScope.SUMMARY
    victim = case.parties.get(role=PartyRole.VICTIM).person
    person_update(actor=police, person=victim, date_of_birth=dt.date(1980, 1, 1))
    cpw = powers.cpw_issue(
        actor=police,
        case=case,
        recipient=victim,
        issuer_capacity="constable",
        conduct="Shouting at neighbours",
        requirements="Stop shouting at neighbours",
        comply_by=timezone.now() + dt.timedelta(days=10),
    )
    return case, cpw


def test_finding_2_powers_list_and_home_panel_hide_enforcement_on_a_summary_share(
    summary_shared: Any, client_as: Any, persona: Any
) -> None:
    case, cpw = summary_shared
    partner = client_as("avbc_caseworker")
    assert partner.get(reverse("cases:case_detail", args=[case.pk])).status_code == 200
    listing = partner.get(reverse("powers:list")).content.decode()
    assert cpw.reference not in listing and "Zanzibarquist" not in listing
    assert partner.get(reverse("powers:detail", args=[cpw.pk])).status_code == 404
    home = partner.get(reverse("frontend:home")).content.decode()
    assert cpw.reference not in home
    assert not power_selectors.power_list_visible_to(persona("avbc_caseworker")).filter(pk=cpw.pk).exists()
    # The owning agency still lists it.
    owner = client_as("police_caseworker")
    assert cpw.reference in owner.get(reverse("powers:list")).content.decode()


def test_finding_3_summary_share_never_matches_on_withheld_addresses(
    summary_shared: Any, client_as: Any
) -> None:
    case, _ = summary_shared
    partner = client_as("avbc_partner_viewer")
    for term in ("DE5 3ZZ", "Example Row", "3ZZ"):
        listing = partner.get(reverse("cases:case_list"), {"q": term}).content.decode()
        assert case.reference not in listing, term
        api = partner.get("/api/v1/cases", {"search": term}).json()
        assert api["count"] == 0, term
        search = partner.get(reverse("cases:search"), {"q": term}).content.decode()
        assert case.reference not in search.split('data-testid="search-cases"', 1)[-1], term
    # What the summary shows still finds it: a party's name, a word of the summary, the reference.
    for term in ("Zanzibarquist", "Harassment", case.reference):
        listing = partner.get(reverse("cases:case_list"), {"q": term}).content.decode()
        assert case.reference in listing, term
    # The owner finds it by its address.
    owner = client_as("police_caseworker")
    assert case.reference in owner.get(reverse("cases:case_list"), {"q": "DE5 3ZZ"}).content.decode()


def test_finding_21_summary_means_the_same_on_the_page_and_in_the_api(
    summary_shared: Any, client_as: Any
) -> None:
    case, _ = summary_shared
    partner = client_as("avbc_caseworker")
    page = partner.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    api = partner.get(f"/api/v1/cases/{case.pk}").json()
    assert api["scope"] == "summary"
    assert case.summary in page and api["summary"] == case.summary


def test_finding_19_questionnaire_counts_only_what_the_user_may_see(
    make_case: Any, persona: Any, client_as: Any
) -> None:
    from csphub.risk import services as risk
    from csphub.risk.models import Questionnaire

    questionnaire = Questionnaire.objects.get(code="asb-victim", version=1)
    case = make_case("police_caseworker", family="Countonly")
    victim = case.parties.get(role=PartyRole.VICTIM).person
    answers = dict.fromkeys(questionnaire.questions.values_list("code", flat=True), "no")
    risk.assessment_complete(
        actor=persona("police_caseworker"),
        case=case,
        subject=victim,
        questionnaire=questionnaire,
        answers=answers,
    )
    url = f"/risk/questionnaires/{questionnaire.pk}/"
    assert "used by 1 assessment you can see" in client_as("police_caseworker").get(url).content.decode()
    assert "used by 0 assessments you can see" in client_as("avbc_caseworker").get(url).content.decode()
    # A role that sees no assessments is shown no count at all (the review: fire_analyst).
    assert "used by" not in client_as("avbc_analyst").get(url).content.decode()


def test_finding_20_a_shared_application_lists_only_incidents_the_viewer_may_open(
    world: Any, persona: Any, client_as: Any, make_incident: Any
) -> None:
    import tests.permission_matrix  # noqa: F401  (loads the app matrices in order)
    from csphub.agencies.services import share_record
    from csphub.casereviews.services import application_link_incident
    from tests.casereviews.permission_matrix import police_application

    police = persona("police_caseworker")
    application = police_application(world)
    incident = make_incident("police_caseworker")
    application_link_incident(actor=police, application=application, incident=incident)
    share_record(
        actor=police,
        obj=application,
        agency=world.agencies["avbc"],
        agreement=world.asb_isa,
        reason="Case Review",
    )
    partner = client_as("avbc_caseworker")
    url = f"/case-reviews/staff/{application.reference}/"
    body = partner.get(url).content.decode()
    assert incident.reference not in body
    assert "1 linked incident recorded by another agency is not shared with you" in body
    assert partner.get(f"/cases/incidents/{incident.pk}/").status_code == 404
    # Once the incident itself is shared, it is listed.
    share_record(
        actor=police,
        obj=incident,
        agency=world.agencies["avbc"],
        agreement=world.asb_isa,
        reason="Case Review",
    )
    body = partner.get(url).content.decode()
    assert incident.reference in body and 'data-testid="links-not-shared"' not in body
    assert incident.reference in client_as("police_caseworker").get(url).content.decode()


def test_finding_13_issuer_capacity_follows_the_issuers_agency(
    make_case: Any, persona: Any, client_as: Any
) -> None:
    """A council officer cannot issue a CPW (s.43) "as Police constable"; as a local authority
    officer they can; a police officer can as a constable."""
    from csphub.core.errors import ApplicationError

    council = persona("avbc_team_manager")
    case = make_case("avbc_caseworker", family="Capacitycheck")
    victim = case.parties.get(role=PartyRole.VICTIM).person
    person_update(actor=council, person=victim, date_of_birth=dt.date(1980, 1, 1))
    values = {
        "case": case,
        "recipient": victim,
        "conduct": "Shouting at neighbours",
        "requirements": "Stop shouting at neighbours",
        "comply_by": timezone.now() + dt.timedelta(days=10),
    }
    with pytest.raises(ApplicationError, match="cannot act as police constable"):
        powers.cpw_issue(actor=council, issuer_capacity="constable", **values)
    from csphub.powers.models import PowerUse

    assert not PowerUse.objects.filter(case=case).exists()
    cpw = powers.cpw_issue(actor=council, issuer_capacity="local_authority", **values)
    assert cpw.issuer_capacity == "local_authority"


def test_a_cases_children_read_from_the_policy_match_the_visible_in_full_lists(
    summary_shared: Any, persona: Any
) -> None:
    """The case page reads a case's powers and risk records by ``children_seen_in_full`` (the
    policy's facts, no subqueries): the same rows as the policy's lists for the owner (the CPW), none
    for the partner who sees the case as a summary, or for an agency it is not shared with."""
    from csphub.agencies.policies import policy_for, visible_in_full_to
    from csphub.powers.models import PowerUse
    from csphub.risk.models import Assessment

    case, cpw = summary_shared
    for username, expected in (
        ("police_caseworker", [cpw.pk]),
        ("avbc_caseworker", []),
        ("housing_caseworker", []),
    ):
        actor = persona(username)
        policy = policy_for(actor)
        listed = sorted(visible_in_full_to(actor, PowerUse).filter(case=case).values_list("pk", flat=True))
        assert listed == expected, username
        read = sorted(policy.children_seen_in_full(case, PowerUse).values_list("pk", flat=True))
        assert read == expected, username
        assert list(policy.children_seen_in_full(case, Assessment)) == list(
            visible_in_full_to(actor, Assessment).filter(case=case)
        )
