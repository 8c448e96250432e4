"""In headless Chromium, an applicant asks for a code, enters it, reads their status page and a letter,
and refreshes without re-posting (new-user review item 35); axe-core finds no serious or critical
problem on any of those pages, in English and in Welsh."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from tests.axe import assert_accessible
from tests.governance.test_public_pages_browser import _area

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_applicant_checks_their_status_and_reads_a_letter(
    browser_page: Any, world: Any, persona: Any, settings: Any
) -> None:
    from csphub.casereviews import services
    from csphub.casereviews.models import LetterKind

    settings.CSPHUB_OFFER_WELSH = True
    area = _area(world, persona)
    today = timezone.localdate()
    application = services.application_submit(
        actor=None, area=area, channel="online", received_on=today - dt.timedelta(days=2),
        applicant_name="Jo Applicant", contact_preference="email", applicant_email="jo@example.org",
        behaviour_description="Shouting at night", behaviour_location="Example Street",
        behaviour_first_on=today - dt.timedelta(days=40), behaviour_last_on=today - dt.timedelta(days=3),
        reports_described="Council twice",
    )  # fmt: skip
    staff = persona("avbc_caseworker")
    services.application_acknowledge(actor=staff, application=application, on=today)
    services.letter_send(actor=staff, application=application, kind=LetterKind.ACKNOWLEDGEMENT)
    page = browser_page
    mail.outbox.clear()
    page.goto("/case-reviews/status/")
    page.fill("#id_reference", application.reference)
    page.fill("#id_email", "jo@example.org")
    page.click("button.govuk-button")
    page.wait_for_url("**/status/code/")
    assert_accessible(page)
    code = mail.outbox[-1].body.split("Your code is ")[1][:6]
    page.fill("#id_code", code)
    page.click("button.govuk-button")
    page.wait_for_url("**/status/your-application/")
    assert application.reference in page.inner_text("h1")
    assert "whether the threshold for a review is met by" in page.inner_text("[data-testid=next-steps]")
    assert_accessible(page)
    response = page.reload()  # a refresh is a GET of the same page, not a re-post of the code
    assert response is not None and response.status == 200 and response.request.method == "GET"
    page.click("text=Acknowledgement of your application")
    page.wait_for_url("**/status/your-application/letters/*/")
    assert "Acknowledgement of your application" in page.inner_text("h1")
    assert_accessible(page)
    with page.expect_download() as download:
        page.click("text=Download this letter (PDF)")
    assert download.value.suggested_filename == f"{application.reference}-letter-{today:%Y-%m-%d}.pdf"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    page.click("text=Back to your application")
    page.goto("/case-reviews/status/your-application/?lang=cy")
    assert page.get_attribute("html", "lang") == "cy"
    assert "Llythyrau rydym wedi’u hanfon atoch" in page.content()
    assert_accessible(page)
    page.click("text=Cydnabyddiaeth o’ch cais")
    page.wait_for_url("**/status/your-application/letters/*/")
    assert "Lawrlwytho’r llythyr hwn (PDF)" in page.inner_text("[data-testid=letter] + p")
    assert_accessible(page)
    assert page.console_errors == []
