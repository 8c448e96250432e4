"""The threshold decision (ASBCPA 2014 s.104(4)-(6)): complaints to any relevant body count, so the
decision warns about bodies the applicant named whose incidents are not linked, and every relevant
body the application was passed to (s.104(3)) links its own incidents; the decision has a check-answers
step; "Acknowledge the application" is done only when the acknowledgement is sent."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from csphub.casereviews import rules, services
from csphub.casereviews.models import Application, ApplicationIncident, ThresholdDecisionRecord
from csphub.core.errors import PermissionDeniedError
from tests.versions import with_version

pytestmark = pytest.mark.django_db

NAMED = "police 101 on 10 and 24 November; Amber Valley Homes 15 November"


def _bodies() -> list[rules.NamedBody]:
    return [
        rules.NamedBody("1", "Amber Valley Borough Council", "AVBC", "district_council"),
        rules.NamedBody("2", "Derbyshire Constabulary", "Police", "police"),
        rules.NamedBody("3", "Amber Valley Homes (social housing provider)", "AV Homes", "housing_provider"),
        rules.NamedBody("4", "NHS Derby and Derbyshire Integrated Care Board", "NHS ICB", "health"),
    ]


def test_bodies_the_applicant_named_without_a_linked_complaint() -> None:
    named = rules.bodies_named_not_linked(NAMED, _bodies(), {"1"})
    assert [b.key for b in named] == ["2", "3"]
    assert rules.bodies_named_not_linked(NAMED, _bodies(), {"1", "2", "3"}) == []
    assert [b.key for b in rules.bodies_named_not_linked("Told my GP and rang 101", _bodies(), set())] == [
        "2",
        "4",
    ]
    # Words inside other words do not count ("apolice", "gpx").
    assert rules.bodies_named_not_linked("apolice gpx", _bodies(), set()) == []


def _application(area: Any, application_data: Any, **overrides: Any) -> Application:
    return services.application_submit(actor=None, area=area, **application_data(**overrides))


def test_the_decision_warns_and_asks_to_check_before_recording(
    client_as: Any, area: Any, application_data: Any, make_incident: Any
) -> None:
    application = _application(area, application_data, reports_described=NAMED)
    council = make_incident(by="avbc_caseworker", occurred=timezone.localdate() - dt.timedelta(days=10))
    services.application_link_incident(actor=area.default_spoc, application=application, incident=council)
    client = client_as("avbc_caseworker")
    url = reverse("casereviews:threshold", kwargs={"reference": application.reference})
    page = client.get(url).content.decode()
    assert "to Amber Valley Homes (social housing provider) and Derbyshire Constabulary, but" in page
    assert "no incident from them is linked" in page

    today = timezone.localdate()
    answers = {"decided_on_day": today.day, "decided_on_month": today.month, "decided_on_year": today.year}
    answers = with_version(client, url, answers)  # the form carries the application's version
    check = client.post(url, answers)
    assert check.status_code == 200
    body = check.content.decode()
    assert "Check the threshold decision" in body
    assert "Not met" in body and "Derbyshire Constabulary" in body
    assert not ThresholdDecisionRecord.objects.exists()  # nothing recorded before "Record the decision"

    done = client.post(url, {**answers, "step": "confirm"})
    assert done.status_code == 302
    record = ThresholdDecisionRecord.objects.get(application=application)
    assert record.met is False


def test_no_warning_when_the_named_bodies_are_linked(
    client_as: Any, area: Any, application_data: Any, make_incident: Any, persona: Any
) -> None:
    application = _application(area, application_data, reports_described="Police twice")
    police = make_incident(by="police_caseworker", occurred=timezone.localdate() - dt.timedelta(days=9))
    services.application_link_incident(
        actor=persona("police_caseworker"), application=application, incident=police
    )
    page = client_as("avbc_caseworker").get(
        reverse("casereviews:threshold", kwargs={"reference": application.reference})
    )
    assert "named-not-linked" not in page.content.decode()


@pytest.mark.parametrize("who", ["police_caseworker", "housing_caseworker"])
def test_each_relevant_body_links_its_own_incidents(
    client_as: Any, area: Any, application_data: Any, make_incident: Any, persona: Any, who: str
) -> None:
    application = _application(area, application_data, reports_described=NAMED)
    day = timezone.localdate() - dt.timedelta(days=12)
    own = make_incident(by=who, occurred=day)
    council = make_incident(by="avbc_caseworker", occurred=day)
    client = client_as(who)
    detail = client.get(reverse("casereviews:detail", kwargs={"reference": application.reference}))
    assert "Link incidents" in detail.content.decode()
    url = reverse("casereviews:link_incidents", kwargs={"reference": application.reference})
    page = client.get(url)
    assert page.status_code == 200
    assert [i.pk for i in page.context["candidates"]] == [own.pk]
    # Each incident says what and where, so the right one can be chosen.
    assert f"{own.reference} – Noise (personal), at Example Street, Ripley;" in page.content.decode()
    response = client.post(url, {"incidents": [str(own.pk)], "named_by_applicant": "on"})
    assert response.status_code == 302
    assert ApplicationIncident.objects.filter(application=application, incident=own).exists()
    # Not another agency's incident, and not the decision itself.
    with pytest.raises(PermissionDeniedError):
        services.application_link_incident(actor=persona(who), application=application, incident=council)
    assert (
        client.get(reverse("casereviews:threshold", kwargs={"reference": application.reference})).status_code
        == 404
    )


def test_a_body_that_is_not_relevant_cannot_link(
    client_as: Any, area: Any, application_data: Any, persona: Any
) -> None:
    application = _application(area, application_data)
    # Fire is not a relevant body of the area: the application was not passed to it.
    url = reverse("casereviews:link_incidents", kwargs={"reference": application.reference})
    assert client_as("fire_caseworker").get(url).status_code == 404
    assert not services.application_can_link(persona("fire_caseworker"), application)


def test_acknowledgement_is_done_only_when_sent(area: Any, application_data: Any, persona: Any) -> None:
    staff = persona("avbc_caseworker")
    application = _application(area, application_data)
    services.threshold_decide(actor=staff, application=application)
    application.refresh_from_db()
    assert application.acknowledged_on is None
    clock = next(c for c in application.clocks() if c.stage == rules.Stage.ACKNOWLEDGE)
    assert clock.done_on is None

    other = _application(area, application_data, applicant_name="Sam Other")
    sent_on = timezone.localdate()
    services.letter_send(actor=staff, application=other, kind="acknowledgement", sent_on=sent_on)
    other.refresh_from_db()
    assert other.acknowledged_on == sent_on
    assert other.status == rules.Status.ACKNOWLEDGED
    services.letter_send(actor=staff, application=application, kind="acknowledgement", sent_on=sent_on)
    application.refresh_from_db()
    assert application.acknowledged_on == sent_on
    assert application.status == rules.Status.THRESHOLD_NOT_MET  # the decision is not undone


def test_the_application_page_says_how_many_complaints_qualify_against_the_threshold(
    client_as: Any, area: Any, application_data: Any, make_incident: Any
) -> None:
    """New-user review item 27: before a decision the page said "the rules do not require the
    threshold to be met (1 qualifying)"."""
    application = _application(area, application_data)
    council = make_incident(by="avbc_caseworker", occurred=timezone.localdate() - dt.timedelta(days=10))
    services.application_link_incident(actor=area.default_spoc, application=application, incident=council)
    url = reverse("casereviews:detail", kwargs={"reference": application.reference})
    page = client_as("avbc_caseworker").get(url).content.decode()
    assert "do not require the threshold" not in page and "(1 qualifying)" not in page
    assert "1 qualifying complaint is linked; the threshold is 3 qualifying complaints." in page


def test_the_letter_links_have_no_stray_separator(
    area: Any, application_data: Any, client_as: Any, persona: Any
) -> None:
    """New-user review item 27: a stray "·" stood before "Send threshold decision letter" once the
    application had been acknowledged."""
    staff = persona("avbc_caseworker")
    application = _application(area, application_data)
    services.letter_send(
        actor=staff, application=application, kind="acknowledgement", sent_on=timezone.localdate()
    )
    services.threshold_decide(actor=staff, application=application)
    url = reverse("casereviews:detail", kwargs={"reference": application.reference})
    page = client_as("avbc_caseworker").get(url).content.decode()
    anchor = page.rindex("<a", 0, page.index("Send threshold decision letter"))
    before = page[page.rindex(">", 0, anchor) + 1 : anchor]  # the text between the last tag and the link
    assert "·" not in before, repr(before)


def test_the_link_list_names_the_people_of_each_incident_and_records_who_saw_them(
    client_as: Any, area: Any, application_data: Any, make_incident: Any, persona: Any
) -> None:
    """New-user review, problem 9: the list showed "INC-… – Personal, happened …": no people. Each
    incident now names its people with their role, a person's name finds it, and each person named is
    in "who has seen this person" (a ``person.listed`` event)."""
    from csphub.audit.models import AuditEvent
    from csphub.cases.services import incident_party_add
    from csphub.people.services import person_create

    officer = persona("avbc_caseworker")
    application = _application(area, application_data, reports_described=NAMED)
    day = timezone.localdate() - dt.timedelta(days=11)
    victim = person_create(actor=officer, given_name="Vera", family_name="Linklist")
    perp = person_create(actor=officer, given_name="Pat", family_name="Noisemaker")
    named = make_incident(by="avbc_caseworker", occurred=day, victim=victim)
    incident_party_add(actor=officer, incident=named, person=perp, role="alleged_perpetrator")
    nobody = make_incident(by="avbc_caseworker", occurred=day)
    client = client_as("avbc_caseworker")
    url = reverse("casereviews:link_incidents", kwargs={"reference": application.reference})

    page = client.get(url).content.decode()
    assert f"{named.reference} – Noise (personal)" in page
    assert "people: Pat Noisemaker (alleged perpetrator), Vera Linklist (victim)" in page
    assert f"{nobody.reference} – Noise (personal)" in page and "no people recorded" in page
    seen = AuditEvent.objects.filter(verb="person.listed", actor=officer)
    assert {e.target_id for e in seen} == {str(victim.pk), str(perp.pk)}
    assert all(application.reference in e.justification for e in seen)

    found = client.get(url, {"q": "noisemak"})
    assert [i.pk for i in found.context["candidates"]] == [named.pk]
    assert [i.pk for i in client.get(url, {"q": "Nobody-by-this-name"}).context["candidates"]] == []
