"""Subject access (UK GDPR Art 15) finds the controller agency's ASB Case Review applications made by
the data subject, and the letters sent to them. The applicant is not a person record: the name must
match and at least one contact detail too (governance.rules.applicant_match); the handler sees why
and confirms it. A namesake with other contact details, and another partnership's application run
by another agency, are never found. The items go through the decisions, the bundle and the log."""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone

from csphub.core.errors import ApplicationError
from csphub.governance import rules, services
from csphub.governance.models import Disclosure, ItemDecision

pytestmark = pytest.mark.django_db


def test_applicant_match_needs_the_name_and_a_contact_detail() -> None:
    subject = rules.SubjectDetails(
        names=("Alex Subject-Person",),
        email="Alex@Example.org",
        phone="07700 900123",
        addresses=(("12 Example Street", "Ripley", "DE5 3BT"),),
    )

    def match(**details: Any) -> tuple[str, ...]:
        return rules.applicant_match(subject, rules.ApplicantDetails(**details))

    assert match(name="alex subject person", email=" alex@example.ORG ") == ("name", "e-mail address")
    assert match(name="Mrs Alex Subject-Person", phone="+44 7700 900 123") == ("name", "phone number")
    assert match(name="ALEX  SUBJECT-PERSON", address="12 Example St\nRipley\nde53bt") == ("name", "postcode")
    assert match(name="Alex Subject-Person", address="12 Example Street, Ripley") == ("name", "address")
    assert match(name="Alex Subject-Person") == ()  # the name alone is not enough
    assert match(name="Alex Subject-Person", email="other@example.org", phone="07700 900999") == ()
    assert match(name="Sam Subject-Person", email="alex@example.org") == ()  # another name
    assert (
        rules.match_reason(("name", "e-mail address")) == "Name and e-mail address match the data subject's"
    )


def _application(area: Any, partnership: Any, agency: Any, reference: str, **applicant: Any) -> Any:
    from csphub.casereviews.models import Application

    today = timezone.localdate()
    return Application.objects.create(
        reference=reference,
        area=area,
        partnership=partnership,
        owning_agency=agency,
        channel="online",
        received_on=today,
        contact_preference="email",
        behaviour_description=f"Behaviour described in {reference}",
        behaviour_first_on=today - dt.timedelta(days=30),
        behaviour_last_on=today - dt.timedelta(days=2),
        reports_described="Police twice",
        **{"behaviour_location": "Example Street, Ripley", **applicant},
    )


def _search(handler: Any, subject: Any, name: str, contact: str, evidence: str = "") -> tuple[Any, list[Any]]:
    """A subject access request received for ``subject`` (identity verified when ``evidence``) and
    what the search found for it."""
    verified = (
        {"identity_verified_on": timezone.localdate(), "identity_evidence": evidence} if evidence else {}
    )
    request = services.rights_request_receive(
        actor=handler,
        kind="access",
        regime="uk_gdpr",
        requester_name=name,
        requester_contact=contact,
        subject=subject,
        received_on=timezone.localdate(),
        **verified,
    )
    return request, services.rights_request_search(actor=handler, request=request)


@pytest.fixture
def seed(world: Any, persona: Any) -> Any:
    from csphub.agencies.models import Partnership
    from csphub.casereviews.models import CaseReviewArea, Letter
    from csphub.people.services import person_create

    council = world.agencies["avbc"]
    amber = Partnership.objects.get(code="E22000037")
    erewash = Partnership.objects.get(code="E22000042")
    subject = person_create(
        actor=persona("avbc_caseworker"),
        given_name="Alex",
        family_name="Subject-Person",
        email="alex.sp@example.org",
        phone="07700 900123",
    )

    def area(name: str, agency: Any, partnership: Any) -> Any:
        return CaseReviewArea.objects.create(
            name=name,
            slug=name.lower().replace(" ", "-"),
            managing_agency=agency,
            partnership=partnership,
            contact_team="Community Safety Team",
            contact_email="cs@example.org",
            contact_phone="01773 000000",
            appeal_body_name="the PCC",
        )

    ours = area("Amber Valley", council, amber)
    theirs = area("Erewash", world.agencies["dcc"], erewash)
    mine = _application(
        ours,
        amber,
        council,
        "CR-SAR-1",
        applicant_name="alex  subject-person",
        applicant_email="ALEX.SP@example.org",
    )
    by_phone = _application(
        ours,
        amber,
        council,
        "CR-SAR-2",
        applicant_name="Mr Alex Subject-Person",
        applicant_phone="+44 7700 900123",
    )
    namesake = _application(
        ours,
        amber,
        council,
        "CR-SAR-3",
        applicant_name="Alex Subject-Person",
        applicant_email="another.alex@example.org",
        applicant_phone="07700 900999",
        applicant_address="1 Far Lane, Belper DE56 1AA",
    )
    elsewhere = _application(
        theirs,
        erewash,
        world.agencies["dcc"],
        "CR-SAR-4",
        applicant_name="Alex Subject-Person",
        applicant_email="alex.sp@example.org",
    )
    letter = Letter.objects.create(
        application=mine,
        kind="acknowledgement",
        sent_on=timezone.localdate(),
        html='<div><p class="govuk-body">Dear alex subject-person,</p><p>We received your application &amp; '
        "passed it on.</p></div>",
    )
    other_letter = Letter.objects.create(
        application=namesake,
        kind="acknowledgement",
        sent_on=timezone.localdate(),
        html="<p>To the namesake</p>",
    )

    return SimpleNamespace(
        subject=subject,
        mine=mine,
        by_phone=by_phone,
        namesake=namesake,
        elsewhere=elsewhere,
        letter=letter,
        other_letter=other_letter,
        handler=persona("avbc_team_manager"),
    )


def test_search_finds_the_subjects_applications_and_letters_and_no_one_elses(seed: Any) -> None:
    from csphub.casereviews.models import Application, Letter

    request, items = _search(
        seed.handler, seed.subject, "Alex Subject-Person", "alex.sp@example.org", evidence="Passport"
    )
    found = {i.record_key: i for i in items if i.source == "Case Reviews"}
    # Independent query: the council's applications whose applicant has the subject's name and their
    # e-mail address or phone number as recorded on the person record.
    squash = "".join
    expected: set[str] = set()
    for application in Application.objects.filter(owning_agency=seed.subject.owning_agency):
        name = squash(c for c in application.applicant_name.lower() if c.isalpha())
        if name not in {"alexsubjectperson", "mralexsubjectperson"}:
            continue
        email_matches = application.applicant_email.lower() == seed.subject.email.lower()
        phone = squash(c for c in application.applicant_phone if c.isdigit()).removeprefix("44").lstrip("0")
        phone_matches = bool(phone) and phone == squash(c for c in seed.subject.phone if c.isdigit()).lstrip(
            "0"
        )
        if email_matches or phone_matches:
            expected.add(f"application:{application.pk}")
            expected |= {
                f"letter:{pk}"
                for pk in Letter.objects.filter(application=application).values_list("pk", flat=True)
            }
    assert set(found) == expected
    assert expected == {
        f"application:{seed.mine.pk}",
        f"application:{seed.by_phone.pk}",
        f"letter:{seed.letter.pk}",
    }
    text = json.dumps([i.content for i in items])
    assert (
        "Behaviour described in CR-SAR-1" in text and "We received your application & passed it on." in text
    )
    assert "CR-SAR-3" not in text and "To the namesake" not in text and "another.alex" not in text
    assert "CR-SAR-4" not in text  # another partnership's, run by another agency (its controller)
    assert (
        found[f"application:{seed.mine.pk}"].match_reason
        == "Name and e-mail address match the data subject's"
    )
    assert (
        found[f"application:{seed.by_phone.pk}"].match_reason
        == "Name and phone number match the data subject's"
    )
    assert "CR-SAR-1" in found[f"letter:{seed.letter.pk}"].match_reason
    assert all(i.decision == ItemDecision.PENDING for i in items)  # never disclosed without a decision

    # The handler confirms one, and rules the other out as someone else's (a record found by a person
    # link cannot be ruled out that way).
    person_item = next(i for i in items if i.record_key == f"person:{seed.subject.pk}")
    with pytest.raises(ApplicationError):
        services.request_item_decide(actor=seed.handler, item=person_item, decision="not_subject", notes="x")
    by_phone = found[f"application:{seed.by_phone.pk}"]
    with pytest.raises(ApplicationError):
        services.request_item_decide(actor=seed.handler, item=by_phone, decision="not_subject")
    services.request_item_decide(
        actor=seed.handler, item=by_phone, decision="not_subject", notes="A relative sharing the phone"
    )
    for item in request.items.filter(decision=ItemDecision.PENDING):
        services.request_item_decide(actor=seed.handler, item=item, decision="disclose")
    exported = json.dumps(json.loads(services.bundle_json(request)))
    assert "Behaviour described in CR-SAR-1" in exported and "passed it on" in exported
    assert "CR-SAR-2" not in exported  # ruled out: neither disclosed nor said to be withheld
    assert "check it is theirs" not in exported.lower() and "match the data subject" not in exported
    labels = [b.label for b in services.bundle(request)]
    assert "Case Review application CR-SAR-1" in labels
    assert "Acknowledgement letter on Case Review CR-SAR-1" in labels
    disclosure = services.rights_request_disclose(
        actor=seed.handler, request=request, disclosed_on=timezone.localdate(), method="Secure e-mail"
    )
    logged = Disclosure.objects.get(pk=disclosure.pk)
    assert logged.withheld == 0 and logged.disclosed == request.items.filter(decision="disclose").count()
    request.refresh_from_db()
    assert request.outcome == "granted"


def test_the_handler_sees_why_an_application_was_found(seed: Any, client_as: Any) -> None:
    request, items = _search(seed.handler, seed.subject, "Alex Subject-Person", "alex.sp@example.org")
    item = next(i for i in items if i.record_key == f"application:{seed.mine.pk}")
    client = client_as("avbc_team_manager")
    page = client.get(f"/data-protection/requests/{request.pk}/").content.decode()
    assert "Name and e-mail address match the data subject&#x27;s" in page
    form = client.get(f"/data-protection/requests/{request.pk}/items/{item.pk}/").content.decode()
    assert 'data-testid="match-reason"' in form and 'value="not_subject"' in form
    person_item = next(i for i in items if i.record_key.startswith("person:"))
    other = client.get(f"/data-protection/requests/{request.pk}/items/{person_item.pk}/").content.decode()
    assert 'value="not_subject"' not in other and 'data-testid="match-reason"' not in other


# --- The person affected, named in someone else's application ---------------------------------------
# A third-party application records the name of the person it is made for (the victim) and no contact
# details of theirs. The same rule as for the applicant holds: the name and at least one detail the
# application holds must match the subject's — a contact detail the applicant gave (a household
# member shares them) or the subject's postcode or address as the place of the behaviour.


def test_person_affected_match_needs_the_name_and_a_detail_of_the_application() -> None:
    subject = rules.SubjectDetails(
        names=("Robin Affected-Person",),
        email="robin@example.org",
        phone="01773 555 123",
        addresses=(("4 Quiet Close", "Heanor", "DE75 7AB"),),
    )

    def match(**details: Any) -> tuple[str, ...]:
        return rules.person_affected_match(subject, rules.PersonAffected(**details))

    household = match(name="Robin Affected-Person", applicant_address="4 Quiet Close\nHeanor\nDE75 7AB")
    assert household == ("name", "postcode given by the applicant", "address given by the applicant")
    assert match(name="Mr Robin Affected-Person", applicant_phone="+44 1773 555123") == (
        "name",
        "phone number given by the applicant",
    )
    assert match(
        name="robin affected person", behaviour_location="Outside 4 Quiet Close, Heanor DE757AB"
    ) == (
        "name",
        "postcode of where the behaviour happens",
        "address of where the behaviour happens",
    )
    # Only the name agrees: a councillor applying from their office, the behaviour in a park.
    assert (
        match(
            name="Robin Affected-Person",
            applicant_email="cllr.office@example.gov.uk",
            applicant_phone="01773 000 999",
            applicant_address="Town Hall, Ripley DE5 3BT",
            behaviour_location="Heanor Memorial Park",
        )
        == ()
    )
    # The street alone is not the address (a neighbour's house on the same street is not theirs).
    assert match(name="Robin Affected-Person", behaviour_location="Quiet Close, Heanor") == ()
    assert match(name="Sam Affected-Person", applicant_address="4 Quiet Close, Heanor DE75 7AB") == ()
    assert match(name="", applicant_address="4 Quiet Close, Heanor DE75 7AB") == ()
    reason = rules.person_affected_reason(("name", "postcode given by the applicant"))
    assert reason.startswith("Named as the person affected in someone else's application.")
    assert "Name and postcode given by the applicant match the data subject's" in reason
    assert rules.person_affected_reason(()) == ""


@pytest.fixture
def affected(world: Any, persona: Any) -> Any:
    """Robin, on the council's records with an address in Heanor, named as the person affected in
    four applications: their mother's (same home), a neighbour's about behaviour at Robin's door, a
    councillor's where only the name agrees, and one in another agency's area."""
    from csphub.agencies.models import Partnership
    from csphub.casereviews.models import CaseReviewArea, Letter
    from csphub.people.services import address_create, person_address_link, person_create

    caseworker = persona("avbc_caseworker")
    council = world.agencies["avbc"]
    amber = Partnership.objects.get(code="E22000037")
    erewash = Partnership.objects.get(code="E22000042")
    robin = person_create(actor=caseworker, given_name="Robin", family_name="Affected-Person")
    home = address_create(actor=caseworker, line_1="4 Quiet Close", town="Heanor", postcode="DE75 7AB")
    person_address_link(actor=caseworker, person=robin, address=home)

    def area(name: str, agency: Any, partnership: Any) -> Any:
        return CaseReviewArea.objects.create(
            name=name,
            slug=name.lower().replace(" ", "-"),
            managing_agency=agency,
            partnership=partnership,
            contact_team="Community Safety Team",
            contact_email="cs@example.org",
            contact_phone="01773 000000",
            appeal_body_name="the PCC",
        )

    ours = area("Amber Valley", council, amber)
    theirs = area("Erewash", world.agencies["dcc"], erewash)

    def third_party(area: Any, partnership: Any, agency: Any, reference: str, **details: Any) -> Any:
        return _application(
            area,
            partnership,
            agency,
            reference,
            is_third_party=True,
            victim_consent_given=True,
            victim_consent_how="In writing",
            **details,
        )

    household = third_party(
        ours,
        amber,
        council,
        "CR-AFF-1",
        applicant_name="Jo Affected-Person",
        applicant_address="4 Quiet Close, Heanor, DE75 7AB",
        victim_name="robin affected-person",
        relationship_to_victim="Mother, same household",
    )
    neighbour = third_party(
        ours,
        amber,
        council,
        "CR-AFF-2",
        applicant_name="Pat Next-Door",
        applicant_email="pat@example.org",
        victim_name="Robin Affected-Person",
        relationship_to_victim="Neighbour",
        behaviour_location="Outside 4 Quiet Close, Heanor DE75 7AB",
    )
    name_only = third_party(
        ours,
        amber,
        council,
        "CR-AFF-3",
        applicant_name="Cllr Lee Member",
        applicant_email="lee.member@example.gov.uk",
        applicant_address="Town Hall, Ripley DE5 3BT",
        victim_name="Robin Affected-Person",
        relationship_to_victim="Ward councillor",
        behaviour_location="Heanor Memorial Park",
    )
    elsewhere = third_party(
        theirs,
        erewash,
        world.agencies["dcc"],
        "CR-AFF-4",
        applicant_name="Jo Affected-Person",
        applicant_address="4 Quiet Close, Heanor, DE75 7AB",
        victim_name="Robin Affected-Person",
        relationship_to_victim="Mother",
    )
    letter = Letter.objects.create(
        application=household,
        kind="acknowledgement",
        sent_on=timezone.localdate(),
        html="<p>Dear Jo Affected-Person, we received your application.</p>",
    )

    return SimpleNamespace(
        robin=robin,
        household=household,
        neighbour=neighbour,
        name_only=name_only,
        elsewhere=elsewhere,
        letter=letter,
        handler=persona("avbc_team_manager"),
    )


def test_search_finds_the_person_affected_only_where_a_detail_corroborates_the_name(affected: Any) -> None:
    from csphub.casereviews.models import Application

    _request, items = _search(
        affected.handler,
        affected.robin,
        "Robin Affected-Person",
        "4 Quiet Close, Heanor",
        evidence="Driving licence",
    )
    found = {i.record_key: i for i in items if i.source == "Case Reviews"}
    # Independent query: the council's applications naming Robin as the person affected whose
    # applicant's address or place of the behaviour carries Robin's postcode.
    expected = {
        f"application:{pk}"
        for pk, victim, where, applied in Application.objects.filter(
            owning_agency=affected.robin.owning_agency
        ).values_list("pk", "victim_name", "behaviour_location", "applicant_address")
        if "".join(c for c in victim.lower() if c.isalpha()) == "robinaffectedperson"
        and "DE757AB" in (where + applied).replace(" ", "").upper()
    }
    assert (
        set(found)
        == expected
        == {
            f"application:{affected.household.pk}",
            f"application:{affected.neighbour.pk}",
        }
    )
    # Only the name agrees (the councillor's), or another agency is the controller: not found.
    text = json.dumps([i.content for i in items])
    assert "CR-AFF-3" not in text and "lee.member" not in text and "CR-AFF-4" not in text
    # The letters went to the applicant (Jo), not to Robin.
    assert f"letter:{affected.letter.pk}" not in found and "we received your application" not in text
    household = found[f"application:{affected.household.pk}"]
    assert household.match_reason == (
        "Named as the person affected in someone else's application. Name, postcode given by the "
        "applicant and address given by the applicant match the data subject's. The applicant's own "
        "details are a third party's"
    )
    assert "where the behaviour happens" in found[f"application:{affected.neighbour.pk}"].match_reason
    assert ["Victim name", "robin affected-person"] in household.content
    assert all(i.decision == ItemDecision.PENDING for i in found.values())
    # The handler may rule one out as someone else's, saying which detail differs.
    services.request_item_decide(
        actor=affected.handler,
        item=found[f"application:{affected.neighbour.pk}"],
        decision="not_subject",
        notes="Another Robin lives at number 4a",
    )


def test_the_person_affected_is_not_found_by_the_name_alone(affected: Any, persona: Any) -> None:
    """Robin's namesake, with no address on the council's records: no application is theirs."""
    from csphub.people.services import person_create

    namesake = person_create(
        actor=persona("avbc_caseworker"),
        given_name="Robin",
        family_name="Affected-Person",
        email="another.robin@example.org",
    )
    _request, items = _search(
        affected.handler, namesake, "Robin Affected-Person", "another.robin@example.org"
    )
    assert [i.record_key for i in items if i.source == "Case Reviews"] == []
