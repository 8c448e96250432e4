"""Subject access (UK GDPR Art 15) finds the controller agency's ASB Case Review applications made by
the data subject, and the letters sent to them. The applicant is not a person record: the name must
match and at least one contact detail too (governance.rules.applicant_match); the handler sees why
and confirms it. A namesake with other contact details, and another partnership's application run
by another agency, are never found. The items go through the decisions, the bundle and the log."""

from __future__ import annotations

import datetime as dt
import json
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
        behaviour_location="Example Street, Ripley",
        behaviour_first_on=today - dt.timedelta(days=30),
        behaviour_last_on=today - dt.timedelta(days=2),
        reports_described="Police twice",
        **applicant,
    )


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

    class Seed:
        pass

    Seed.subject, Seed.mine, Seed.by_phone, Seed.namesake, Seed.elsewhere = (
        subject,
        mine,
        by_phone,
        namesake,
        elsewhere,
    )
    Seed.letter, Seed.other_letter = letter, other_letter
    Seed.handler = persona("avbc_team_manager")
    return Seed


def test_search_finds_the_subjects_applications_and_letters_and_no_one_elses(seed: Any) -> None:
    from csphub.casereviews.models import Application, Letter

    request = services.rights_request_receive(
        actor=seed.handler,
        kind="access",
        regime="uk_gdpr",
        requester_name="Alex Subject-Person",
        requester_contact="alex.sp@example.org",
        subject=seed.subject,
        received_on=timezone.localdate(),
        identity_verified_on=timezone.localdate(),
        identity_evidence="Passport",
    )
    items = services.rights_request_search(actor=seed.handler, request=request)
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
    request = services.rights_request_receive(
        actor=seed.handler,
        kind="access",
        regime="uk_gdpr",
        requester_name="Alex Subject-Person",
        requester_contact="alex.sp@example.org",
        subject=seed.subject,
        received_on=timezone.localdate(),
    )
    items = services.rights_request_search(actor=seed.handler, request=request)
    item = next(i for i in items if i.record_key == f"application:{seed.mine.pk}")
    client = client_as("avbc_team_manager")
    page = client.get(f"/data-protection/requests/{request.pk}/").content.decode()
    assert "Name and e-mail address match the data subject&#x27;s" in page
    form = client.get(f"/data-protection/requests/{request.pk}/items/{item.pk}/").content.decode()
    assert 'data-testid="match-reason"' in form and 'value="not_subject"' in form
    person_item = next(i for i in items if i.record_key.startswith("person:"))
    other = client.get(f"/data-protection/requests/{request.pk}/items/{person_item.pk}/").content.decode()
    assert 'value="not_subject"' not in other and 'data-testid="match-reason"' not in other
