"""Issue 11 item 5: one person page (details, roles across cases and incidents, risk assessments,
powers, "Change details"), and every refusal that needs a person's detail links to where it is
recorded."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django import forms
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from csphub.cases.models import PartyRole
from csphub.core.errors import ApplicationError
from csphub.frontend.flows import add_service_error
from csphub.frontend.forms import GovukFormMixin
from csphub.people.services import person_update
from csphub.powers import services as powers
from csphub.risk import services as risk
from csphub.risk.models import Questionnaire

pytestmark = pytest.mark.django_db


def test_the_person_page_has_details_roles_assessments_and_powers(
    make_case: Any, persona: Any, client_as: Any
) -> None:
    officer = persona("avbc_caseworker")
    case = make_case(family="Hollowmere")
    victim = case.parties.get(role=PartyRole.VICTIM).person
    person_update(actor=officer, person=victim, date_of_birth=dt.date(1980, 5, 1))
    questionnaire = Questionnaire.objects.get(code="asb-victim", version=1)
    risk.assessment_complete(
        actor=officer,
        case=case,
        subject=victim,
        questionnaire=questionnaire,
        answers=dict.fromkeys(questionnaire.questions.values_list("code", flat=True), "no"),
    )
    cpw = powers.cpw_issue(
        actor=officer,
        case=case,
        recipient=victim,
        issuer_capacity="local_authority",
        conduct="Shouting at neighbours",
        requirements="Stop shouting at neighbours",
        comply_by=timezone.now() + dt.timedelta(days=10),
    )
    client = client_as("avbc_caseworker")
    page = client.get(reverse("people:detail", args=[victim.pk])).content.decode()

    assert "1 May 1980" in page  # details
    assert f'href="{reverse("people:edit", args=[victim.pk])}"' in page and "Change details" in page
    cases_table = page.split('data-testid="person-cases"', 1)[1].split("</table>", 1)[0]
    assert case.reference in cases_table and "Victim" in cases_table  # role on the case
    incident = case.case_incidents.get().incident
    assert incident.reference in page.split('data-testid="person-incidents"', 1)[1].split("</table>", 1)[0]
    assert "Risk assessments" in page and 'data-testid="person-risk"' in page
    assert cpw.reference in page.split('data-testid="person-powers"', 1)[1].split("</table>", 1)[0]

    # The case page's person link and the older casework address lead to the same page.
    case_page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert f'href="{reverse("people:detail", args=[victim.pk])}"' in case_page
    old = client.get(reverse("cases:person_detail", args=[victim.pk]))
    assert old.status_code == 302 and old["Location"] == reverse("people:detail", args=[victim.pk])


def test_a_partner_sees_no_sections_they_may_not(make_case: Any, client_as: Any) -> None:
    case = make_case(family="Hollowmere")
    victim = case.parties.get(role=PartyRole.VICTIM).person
    assert client_as("police_caseworker").get(reverse("people:detail", args=[victim.pk])).status_code == 404
    assert (
        client_as("police_caseworker").get(reverse("cases:person_detail", args=[victim.pk])).status_code
        == 404
    )


def test_a_warning_refused_for_want_of_a_date_of_birth_links_to_where_it_is_recorded(
    make_case: Any, persona: Any
) -> None:
    case = make_case(family="Nodobson")
    victim = case.parties.get(role=PartyRole.VICTIM).person  # no date of birth recorded
    with pytest.raises(ApplicationError) as err:
        powers.cpw_issue(
            actor=persona("avbc_caseworker"),
            case=case,
            recipient=victim,
            issuer_capacity="local_authority",
            conduct="Shouting at neighbours",
            requirements="Stop shouting at neighbours",
            comply_by=timezone.now() + dt.timedelta(days=10),
        )
    assert "date of birth" in err.value.message
    assert err.value.fix_url == reverse("people:edit", args=[victim.pk])
    assert err.value.fix_text == f"Record {victim.display_name}'s date of birth"

    class Form(GovukFormMixin, forms.Form):
        conduct = forms.CharField()

    form = Form({"conduct": "x"})
    assert form.is_valid()
    add_service_error(form, err.value)
    html = render_to_string("frontend/components/error_summary.html", {"form": form})
    assert f'href="{err.value.fix_url}"' in html and "date of birth" in html


def test_a_dash_refused_for_want_of_a_date_of_birth_links_to_where_it_is_recorded(
    make_case: Any, persona: Any
) -> None:
    case = make_case(family="Nodash")
    victim = case.parties.get(role=PartyRole.VICTIM).person
    dash = Questionnaire.objects.get(code="dash", version=1)
    with pytest.raises(ApplicationError) as err:
        risk.assessment_complete(
            actor=persona("avbc_caseworker"),
            case=case,
            subject=victim,
            questionnaire=dash,
            answers=dict.fromkeys(dash.questions.values_list("code", flat=True), "no"),
            children_present="no",
        )
    assert err.value.fix_url == reverse("people:edit", args=[victim.pk])


# Every other refusal that asks for a date of birth links to it too (audit of issue 11 item 5: the
# PSPO fixed penalty, exclusion from home at the grant and at an interim hearing, and the youth
# court's order on a breach said "Record ... date of birth" with no way to get there).


def _assert_links_to_change_details(error: ApplicationError, person: Any) -> None:
    assert "date of birth" in error.message
    assert error.fix_url == reverse("people:edit", args=[person.pk])
    assert error.fix_text == f"Record {person.display_name}'s date of birth"


def test_a_pspo_fixed_penalty_refused_for_want_of_a_date_of_birth_links_to_it(
    persona: Any, client_as: Any
) -> None:
    from tests.powers.test_law_pspo import _pspo
    from tests.powers.test_pages import make_setup, today

    s = make_setup(persona, client_as)
    with pytest.raises(ApplicationError) as err:
        powers.pspo_fpn_issue(
            actor=s.officer,
            pspo=_pspo(s),
            recipient=s.victim,  # no date of birth recorded
            issuer_capacity="local_authority",
            breach_on=today(),
            breach="Drinking in the town centre when asked to stop",
            amount_gbp=100,
        )
    _assert_links_to_change_details(err.value, s.victim)


def _injunction_whose_respondent_lost_their_date_of_birth(persona: Any, client_as: Any) -> Any:
    from tests.powers.test_pages import make_setup, today

    s = make_setup(persona, client_as)
    injunction = powers.injunction_apply(
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
    # The date of birth was recorded in error and removed after the application.
    person_update(actor=s.officer, person=s.adult, date_of_birth=None)
    s.adult.refresh_from_db()
    return s, injunction


def test_exclusion_from_home_refused_for_want_of_a_date_of_birth_links_to_it(
    persona: Any, client_as: Any
) -> None:
    from tests.powers.test_pages import today

    s, injunction = _injunction_whose_respondent_lost_their_date_of_birth(persona, client_as)
    with pytest.raises(ApplicationError) as at_the_grant:
        powers.injunction_decide(
            actor=s.officer,
            injunction=injunction,
            outcome="granted",
            decided_on=today(),
            requirements="Not to enter Market Place",
            excludes_from_home=True,
            violence_or_significant_risk=True,
        )
    _assert_links_to_change_details(at_the_grant.value, s.adult)
    with pytest.raises(ApplicationError) as at_an_interim_hearing:
        powers.injunction_adjourn(
            actor=s.officer,
            injunction=injunction,
            hearing_on=today(),
            next_hearing_on=today() + dt.timedelta(days=14),
            interim=True,
            interim_requirements="Not to enter Market Place",
            interim_excludes_from_home=True,
            violence_or_significant_risk=True,
        )
    _assert_links_to_change_details(at_an_interim_hearing.value, s.adult)


def test_a_youth_order_on_breach_refused_for_want_of_a_date_of_birth_links_to_it(
    persona: Any, client_as: Any
) -> None:
    from tests.powers.test_pages import today

    s, injunction = _injunction_whose_respondent_lost_their_date_of_birth(persona, client_as)
    granted = powers.injunction_decide(
        actor=s.officer,
        injunction=injunction,
        outcome="granted",
        decided_on=today() - dt.timedelta(days=3),
        requirements="Not to enter Market Place",
    )
    with pytest.raises(ApplicationError) as err:
        powers.order_breach_record(
            actor=s.officer,
            order=granted,
            breached_on=today() - dt.timedelta(days=2),
            found_on=today(),
            court="youth_court",
            youth_order="supervision",
        )
    _assert_links_to_change_details(err.value, s.adult)
