"""Review item 26: letters to the public carry no internal codes: no incident or case references,
no agency short codes, no rule or engine version names; a "not met" letter does not add that the
partnership may still hold a review; a letter shown on a staff page is not a second <h1>. The case
file (the stored explanation) keeps all of them."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from csphub.casereviews import rules, services
from csphub.casereviews.models import LetterKind
from csphub.demo.personas import demo_personas

pytestmark = pytest.mark.django_db

INTERNAL = re.compile(r"\b(INC|ASB|CPW|CPN)-\d+|\bAVBC\b|\bversion\b|threshold engine|s104-\d{4}", re.I)


def _not_met(area: Any, application_data: Any, persona: Any, make_incident: Any) -> Any:
    staff = persona("avbc_caseworker")
    application = services.application_submit(actor=None, area=area, **application_data())
    incident = make_incident(by="avbc_caseworker", occurred=timezone.localdate() - dt.timedelta(days=20))
    services.application_link_incident(actor=staff, application=application, incident=incident)
    record = services.threshold_decide(actor=staff, application=application, decided_on=timezone.localdate())
    assert not record.met
    return application, record, incident


def test_threshold_letter_has_no_internal_codes_but_the_case_file_keeps_them(
    area: Any, application_data: Any, persona: Any, make_incident: Any
) -> None:
    application, record, incident = _not_met(area, application_data, persona, make_incident)
    letter = services.letter_send(
        actor=persona("avbc_caseworker"), application=application, kind=LetterKind.THRESHOLD_DECISION
    )
    text = re.sub(r"<[^>]+>", " ", letter.html)
    assert not INTERNAL.search(text), INTERNAL.findall(text)
    assert "may still decide to hold a review" not in text
    assert "Amber Valley Borough Council" in text  # the agency the complaint was made to, by name
    assert "is not met" in text and "can count" in text
    # The staff record is unchanged: references and versions stay in the case file.
    assert incident.reference in record.explanation
    assert rules.STATUTORY_POLICY.version in record.explanation
    assert "may still decide to hold a review" in record.explanation


def test_a_discretionary_letter_gives_the_partnership_reason_not_the_engine_verdict(
    area: Any, application_data: Any, persona: Any, make_incident: Any
) -> None:
    staff = persona("avbc_caseworker")
    application = services.application_submit(actor=None, area=area, **application_data())
    services.threshold_decide(
        actor=staff,
        application=application,
        decided_on=timezone.localdate(),
        discretionary_met=True,
        discretion_reason="Persistent harassment with serious harm to the victim's health",
    )
    html = services.letter_render(application, kind=LetterKind.THRESHOLD_DECISION, dated=timezone.localdate())
    assert "using its discretion: Persistent harassment" in html
    assert "is not met" not in html and not INTERNAL.search(html)


def test_the_letter_on_staff_pages_is_not_a_second_h1(
    area: Any, application_data: Any, persona: Any, make_incident: Any, client_as: Any
) -> None:
    application, _, _ = _not_met(area, application_data, persona, make_incident)
    staff = client_as("avbc_caseworker")
    preview = staff.get(
        reverse("casereviews:letter_send", args=[application.reference, LetterKind.THRESHOLD_DECISION])
    )
    assert preview.status_code == 200
    assert preview.content.decode().count("<h1") == 1
    letter = services.letter_send(
        actor=persona("avbc_caseworker"), application=application, kind=LetterKind.THRESHOLD_DECISION
    )
    page = staff.get(reverse("casereviews:letter", args=[application.reference, letter.pk])).content.decode()
    assert page.count("<h1") == 1


def test_demo_staff_names_carry_no_agency_code() -> None:
    for persona in demo_personas():
        assert "(" not in persona.last_name and persona.last_name.isalpha(), persona
