"""The applicant's status page (new-user review item 35): a page of its own that a refresh does not
re-post, with the letters sent and the next step's date, open for 30 minutes after the code."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from csphub.audit.models import AuditEvent
from csphub.casereviews import services
from csphub.casereviews.models import LetterKind
from csphub.casereviews.views.public import STATUS_KEY
from csphub.core.calendar import add_working_days

pytestmark = pytest.mark.django_db


def _code_for(client: Any, application: Any, capture: Any) -> str:
    mail.outbox.clear()
    with capture(execute=True):
        client.post(
            reverse("casereviews:status_request"),
            {"reference": application.reference, "email": "jo@example.org"},
        )
    return str(mail.outbox[0].body.split("Your code is ")[1][:6])


def _open(client: Any, application: Any, capture: Any) -> Any:
    code = _code_for(client, application, capture)
    return client.post(reverse("casereviews:status_code"), {"reference": application.reference, "code": code})


@pytest.fixture
def applied(area: Any, application_data: Any, persona: Any) -> Any:
    today = timezone.localdate()
    application = services.application_submit(
        actor=None, area=area, **application_data(received_on=today - dt.timedelta(days=3))
    )
    services.application_acknowledge(
        actor=persona("avbc_caseworker"), application=application, on=today - dt.timedelta(days=2)
    )
    services.letter_send(
        actor=persona("avbc_caseworker"), application=application, kind=LetterKind.ACKNOWLEDGEMENT,
        sent_on=today - dt.timedelta(days=2),
    )  # fmt: skip
    application.refresh_from_db()
    return application


def test_the_right_code_redirects_to_a_page_a_refresh_does_not_repost(
    client: Any, applied: Any, django_capture_on_commit_callbacks: Any
) -> None:
    response = _open(client, applied, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response.url == reverse("casereviews:status_view")
    first = client.get(response.url).content.decode()
    again = client.get(response.url).content.decode()  # a refresh: a GET, the same page
    for page in (first, again):
        assert f"Your application {applied.reference}" in page
    assert AuditEvent.objects.filter(verb="casereviewapplication.status_viewed").count() == 2


def test_the_page_shows_the_letters_and_the_next_steps_date(
    client: Any, applied: Any, django_capture_on_commit_callbacks: Any
) -> None:
    _open(client, applied, django_capture_on_commit_callbacks)
    page = client.get(reverse("casereviews:status_view")).content.decode()
    assert "Acknowledgement of your application" in page
    due = add_working_days(applied.received_on, applied.area.service_levels.threshold_decision_wd)
    assert f"whether the threshold for a review is met by {due:%-d %B %Y}" in page
    letter = applied.letters.get()
    shown = client.get(reverse("casereviews:status_letter", args=[letter.pk]))
    assert shown.status_code == 200 and applied.reference in shown.content.decode()
    assert AuditEvent.objects.filter(verb="casereviewapplication.status_letter_viewed").count() == 1


def test_the_page_closes_30_minutes_after_the_code(
    client: Any, applied: Any, django_capture_on_commit_callbacks: Any
) -> None:
    before = timezone.now()
    _open(client, applied, django_capture_on_commit_callbacks)
    until = dt.datetime.fromisoformat(client.session[STATUS_KEY]["until"])
    assert before + dt.timedelta(minutes=30) <= until <= timezone.now() + dt.timedelta(minutes=30)

    def open_until(moment: dt.datetime) -> int:
        session = client.session
        session[STATUS_KEY] = {**session[STATUS_KEY], "until": moment.isoformat()}
        session.save()
        return int(client.get(reverse("casereviews:status_view")).status_code)

    assert open_until(timezone.now() + dt.timedelta(seconds=5)) == 200  # still open
    assert open_until(timezone.now() - dt.timedelta(seconds=1)) == 302  # just closed
    assert STATUS_KEY not in client.session


def test_without_a_code_there_is_no_page_and_no_letter(
    client: Any, applied: Any, area: Any, application_data: Any, django_capture_on_commit_callbacks: Any
) -> None:
    letter = applied.letters.get()
    assert client.get(reverse("casereviews:status_view")).status_code == 302
    assert client.get(reverse("casereviews:status_letter", args=[letter.pk])).status_code == 302
    # A code for another application does not open this one's letters.
    other = services.application_submit(actor=None, area=area, **application_data())
    _open(client, other, django_capture_on_commit_callbacks)
    assert client.get(reverse("casereviews:status_letter", args=[letter.pk])).status_code == 302


def test_a_letter_downloads_as_a_pdf_only_in_the_session_that_entered_the_code(
    client: Any, applied: Any, area: Any, application_data: Any, django_capture_on_commit_callbacks: Any
) -> None:
    letter = applied.letters.get()
    url = reverse("casereviews:status_letter_pdf", args=[letter.pk])
    assert client.get(url).status_code == 302  # no code entered: back to asking for one
    _open(client, applied, django_capture_on_commit_callbacks)
    shown = client.get(reverse("casereviews:status_letter", args=[letter.pk])).content.decode()
    assert f'href="{url}"' in shown
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and response["Cache-Control"] == "no-store"
    assert (
        f'filename="{applied.reference}-letter-{letter.sent_on:%Y-%m-%d}.pdf"'
        in response["Content-Disposition"]
    )
    downloads = AuditEvent.objects.filter(verb="casereviewapplication.status_letter_downloaded")
    assert downloads.count() == 1
    # Another applicant's code never opens this letter.
    other = services.application_submit(actor=None, area=area, **application_data())
    _open(client, other, django_capture_on_commit_callbacks)
    assert client.get(url).status_code == 302 and downloads.count() == 1


def test_every_kind_of_letter_has_a_name_the_applicant_reads() -> None:
    """The status page names letters in the applicant's words; a new kind without one would show
    its internal code."""
    from csphub.casereviews.views.public import LETTER_TITLE

    assert set(LETTER_TITLE) == set(LetterKind.values)
