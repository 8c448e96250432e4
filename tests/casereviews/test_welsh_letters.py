"""Letters and e-mails to the public in Welsh (issue #15: "letters to the public are available in
Welsh and English"): an applicant who applies on the Welsh pages gets the receipt, the status-check
code and every letter in Welsh; an English applicant gets English; staff choose the language when
they take an application; staff pages stay English; the catalogue test covers the letters."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from csphub.casereviews import rules, services
from csphub.casereviews.models import Application, LetterKind
from csphub.casereviews.services import explanation_cy
from csphub.governance import catalogues
from tests.casereviews.test_casereviews_pages import submit, walk_journey

pytestmark = pytest.mark.django_db

# English words no Welsh sentence has; names (of the area, its team, agencies, the appeal body, the
# applicant) are taken out of the text before looking.
ENGLISH = re.compile(
    r"\b(the|and|your|you|we|our|will|was|were|is|not|met|of|to|on|by|dear|yours|complaints?|"
    r"threshold|application|review|reported|counts?|appeal|contact|working|days|sincerely)\b",
    re.I,
)
MONTHS_EN = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b"
)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _english_left(text: str, area: Any, *names: str) -> list[str]:
    for name in sorted(
        {
            area.name,
            area.contact_team,
            area.contact_email,
            area.managing_agency.name,
            area.appeal_body_name,
            area.appeal_body_contact,
            *(a.name for a in area.relevant_bodies.all()),
            *names,
        },
        key=len,
        reverse=True,
    ):
        text = text.replace(name, " ")
    return ENGLISH.findall(text) + MONTHS_EN.findall(text)


@pytest.fixture
def welsh(settings: Any) -> None:
    settings.CSPHUB_OFFER_WELSH = True
    settings.CASEREVIEWS_MIN_FORM_SECONDS = 0


def _apply(client: Any, capture: Any, *, lang: str) -> Application:
    client.get(reverse("casereviews:start") + f"?lang={lang}")
    check = walk_journey(client)
    with capture(execute=True):
        assert submit(client, check).status_code == 302
    return Application.objects.get()


def _not_met_letter(application: Any, persona: Any, make_incident: Any, capture: Any) -> Any:
    staff = persona("avbc_caseworker")
    incident = make_incident(by="avbc_caseworker", occurred=timezone.localdate() - dt.timedelta(days=20))
    services.application_link_incident(actor=staff, application=application, incident=incident)
    record = services.threshold_decide(actor=staff, application=application, decided_on=timezone.localdate())
    assert not record.met
    with capture(execute=True):
        return services.letter_send(actor=staff, application=application, kind=LetterKind.THRESHOLD_DECISION)


def test_applying_in_welsh_brings_the_receipt_and_letters_in_welsh(
    client: Any,
    area: Any,
    welsh: None,
    persona: Any,
    make_incident: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    application = _apply(client, django_capture_on_commit_callbacks, lang="cy")
    assert application.language == "cy"
    staff = persona("avbc_caseworker")
    spoc = staff.get_full_name() or staff.username
    receipt = next(m for m in mail.outbox if m.to == ["jo@example.org"])
    assert receipt.subject == (
        f"Eich cais am Adolygiad Achos Ymddygiad Gwrthgymdeithasol {application.reference}"
    )
    assert "Annwyl Jo Resident," in receipt.body
    assert (
        "Diolch am eich cais am Adolygiad Achos Ymddygiad Gwrthgymdeithasol yn Amber Valley." in receipt.body
    )
    assert f"Eich cyfeirnod yw {application.reference}." in receipt.body
    assert "diwrnod gwaith" in receipt.body
    assert _english_left(receipt.body, area, "Jo Resident", spoc) == [], receipt.body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        acknowledgement = services.letter_send(
            actor=staff, application=application, kind=LetterKind.ACKNOWLEDGEMENT
        )
    text = _text(acknowledgement.html)
    assert 'lang="cy"' in acknowledgement.html and acknowledgement.is_welsh
    assert "Daeth eich cais i law ar" in text and "Yn gywir," in text
    assert "Eich cyfeirnod:" in text and "Annwyl Jo Resident," in text
    assert _english_left(text, area, "Jo Resident", spoc, application.reference) == [], text
    assert mail.outbox[0].subject.startswith("Adolygiad Achos Ymddygiad Gwrthgymdeithasol ")

    decision = _not_met_letter(application, persona, make_incident, django_capture_on_commit_callbacks)
    text = _text(decision.html)
    assert "Nid yw’r trothwy ar gyfer Adolygiad Achos Ymddygiad Gwrthgymdeithasol wedi’i gyrraedd." in text
    assert "Y gŵyn a wnaed i Amber Valley Borough Council ar" in text
    assert "Sut y daethpwyd i’r penderfyniad" in text and "Os nad ydych yn fodlon" in text
    assert _english_left(text, area, "Jo Resident", spoc, application.reference) == [], text
    # The case file keeps the decision in English.
    assert "is not met" in application.threshold_decision.explanation


def test_an_english_applicant_gets_english_even_where_welsh_is_offered(
    client: Any,
    area: Any,
    welsh: None,
    persona: Any,
    make_incident: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    application = _apply(client, django_capture_on_commit_callbacks, lang="en-gb")
    assert application.language == "en-gb"
    receipt = next(m for m in mail.outbox if m.to == ["jo@example.org"])
    assert "Thank you for your application for an ASB Case Review in Amber Valley." in receipt.body
    assert "Annwyl" not in receipt.body and "&#x27;" not in receipt.body
    letter = _not_met_letter(application, persona, make_incident, django_capture_on_commit_callbacks)
    assert 'lang="en-gb"' in letter.html and not letter.is_welsh
    assert "The threshold for an ASB Case Review is not met." in letter.html
    assert "Yours sincerely," in letter.html and "trothwy" not in letter.html


def test_outcome_appeal_and_status_code_in_welsh(
    area: Any, application_data: Any, persona: Any, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    staff = persona("avbc_caseworker")
    today = timezone.localdate()
    application = services.application_submit(
        actor=None,
        area=area,
        language="cy",
        **application_data(
            received_on=today - dt.timedelta(days=10), behaviour_last_on=today - dt.timedelta(days=12)
        ),
    )
    services.threshold_decide(
        actor=staff,
        application=application,
        decided_on=today - dt.timedelta(days=8),
        discretionary_met=True,
        discretion_reason="Aflonyddu parhaus",
    )
    threshold = services.letter_render(application, kind=LetterKind.THRESHOLD_DECISION, dated=today)
    assert (
        "Penderfynodd y bartneriaeth fod y trothwy wedi’i gyrraedd, gan ddefnyddio ei disgresiwn" in threshold
    )
    review = services.review_record(
        actor=staff,
        application=application,
        held_on=today - dt.timedelta(days=2),
        chair="Cadeirydd Annibynnol",
        is_independent_chair=True,
        findings="Ni chafodd yr adroddiadau eu cydgysylltu.",
        bodies_present=[world.agencies["avbc"], world.agencies["police"]],
    )
    services.recommendation_add(
        actor=staff,
        review=review,
        text="Agor achos tenantiaeth",
        owner_agency=world.agencies["housing"],
        owner_name="Arweinydd y tîm tenantiaeth",
        due_on=today + dt.timedelta(days=30),
    )
    outcome = services.letter_send(
        actor=staff, application=application, kind=LetterKind.OUTCOME, sent_on=today
    )
    text = _text(outcome.html)
    assert "Canlyniad eich Adolygiad Achos Ymddygiad Gwrthgymdeithasol" in text
    assert "(cadeirydd annibynnol)" in text and "Argymhellion" in text and "Erbyn" in text
    assert "Rhaid i’r asiantaethau sy’n cael yr argymhellion hyn roi sylw iddynt." in text
    agencies = [a.name for a in world.agencies.values()]
    assert _english_left(text, area, "Jo Resident", *agencies) == [], text
    appeal = services.appeal_lodge(actor=staff, application=application, received_on=today, grounds="x")
    services.appeal_decide(
        actor=staff, appeal=appeal, decided_on=today, outcome="not_upheld", outcome_reasons="Teg"
    )
    application.refresh_from_db()
    letter = services.letter_send(actor=staff, application=application, kind=LetterKind.APPEAL_OUTCOME)
    text = _text(letter.html)
    assert "Canlyniad eich apêl" in text and "Heb ei chadarnhau" in text
    assert _english_left(text, area, "Jo Resident", *agencies) == [], text

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.status_code_request(reference=application.reference, email="jo@example.org")
    assert mail.outbox[0].subject.startswith("Eich cod i wirio Adolygiad Achos Ymddygiad Gwrthgymdeithasol")
    assert "munud" in mail.outbox[0].body and "minutes" not in mail.outbox[0].body


def test_every_engine_reason_has_welsh() -> None:
    """Each sentence the threshold engine writes about a complaint is retold in Welsh."""
    on = dt.date(2026, 6, 30)
    policy = rules.ThresholdPolicy(
        version="local-1",
        effective_from=dt.date(2020, 1, 1),
        qualifying_complaints_required=3,
        distinct_complainants_required=5,
        count_same_incident_once=True,
        hate_incident_meets_threshold=True,
    )
    complaints = [
        rules.Complaint(
            key="a",
            behaviour_on=dt.date(2026, 6, 1),
            reported_on=dt.date(2026, 6, 2),
            reporting_agency="Heddlu",
            same_incident_key="x",
            complainant_key="p1",
        ),
        rules.Complaint(
            key="b",
            behaviour_on=dt.date(2026, 6, 1),
            reported_on=dt.date(2026, 6, 3),
            same_incident_key="x",
            complainant_key="p2",
        ),
        rules.Complaint(
            key="c", behaviour_on=dt.date(2026, 3, 1), reported_on=dt.date(2026, 5, 1), complainant_key="p3"
        ),
        rules.Complaint(key="d", behaviour_on=dt.date(2025, 10, 1), reported_on=dt.date(2025, 10, 2)),
        rules.Complaint(key="e", behaviour_on=dt.date(2026, 6, 30), reported_on=dt.date(2026, 7, 2)),
    ]
    decision = rules.assess_threshold(complaints, application_on=on, policy=policy)
    reasons = [r for a in decision.assessments for r in a.reasons]
    assert len(reasons) >= 6
    for reason in reasons:
        assert explanation_cy.reason_cy(reason) != reason, reason
    text = " ".join(explanation_cy.explanation_paragraphs_cy(decision))
    assert "30 Mehefin 2026" in text and "Heddlu" in text
    assert ENGLISH.findall(text) == [] and MONTHS_EN.findall(text) == [], text


def test_the_catalogue_test_covers_the_letters_and_e_mails() -> None:
    wanted = catalogues.public_msgids()
    assert {"Yours sincerely,", "Dear %(name)s,", "Your reference is %(reference)s."} <= wanted
    assert "Your code is %(code)s. It works for %(minutes)s minutes." in wanted
    # A letter string without Welsh is what test_every_public_string_has_welsh reports.
    entries = [
        e
        for e in catalogues.parse_po(catalogues.CATALOGUE.read_text(encoding="utf-8"))
        if e.msgid != "Yours sincerely,"
    ]
    translated = {e.msgid for e in entries} | {e.msgid_plural for e in entries if e.msgid_plural}
    assert wanted - translated == {"Yours sincerely,"}


def test_staff_choose_the_language_and_see_the_welsh_letter_in_english_pages(
    client_as: Any, area: Any, welsh: None
) -> None:
    client = client_as("avbc_caseworker")
    today = timezone.localdate()
    form = client.get(reverse("casereviews:intake")).content.decode()
    assert "Language for letters and e-mails to the applicant" in form
    response = client.post(
        reverse("casereviews:intake"),
        {
            "channel": "phone",
            "received_on": f"{today.day}/{today.month}/{today.year}",
            "applicant_name": "Siân Jones",
            "contact_preference": "email",
            "applicant_email": "sian@example.org",
            "language": "cy",
            "behaviour_description": "Cerddoriaeth uchel bob nos",
            "behaviour_location": "Stryd Enghraifft",
            "behaviour_first_on": "1/1/2026",
            "behaviour_last_on": f"{today.day}/{today.month}/{today.year}",
            "reports_described": "Yr heddlu dair gwaith",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    application = Application.objects.get()
    assert application.language == "cy"
    preview = client.get(
        reverse("casereviews:letter_send", args=[application.reference, LetterKind.ACKNOWLEDGEMENT])
    ).content.decode()
    assert "This letter is in Welsh (the applicant's choice)." in preview
    assert 'lang="en-GB"' in preview and "Send letter" in preview and "Yn gywir," in preview


def test_staff_intake_offers_no_language_when_welsh_is_not_offered(
    client_as: Any, area: Any, settings: Any
) -> None:
    settings.CSPHUB_OFFER_WELSH = False
    form = client_as("avbc_caseworker").get(reverse("casereviews:intake")).content.decode()
    assert "Language for letters" not in form
