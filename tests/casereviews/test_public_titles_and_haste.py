"""Review items 29 and 30: page titles say each thing once (no "CSP Hub – CSP Hub", no
"Error: Error:"), and pressing "Send application" too soon says to wait a moment."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.urls import reverse

from csphub.casereviews.models import Application
from tests.casereviews.test_casereviews_pages import submit, walk_journey

pytestmark = pytest.mark.django_db


def _title(response: Any) -> str:
    match = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
    assert match is not None
    return " ".join(match.group(1).split())


def test_the_landing_page_title_names_the_service_once(client: Any, world: Any) -> None:
    title = _title(client.get("/"))
    assert title.count("CSP Hub") == 1, title


def test_sending_too_soon_asks_the_applicant_to_wait_and_the_title_says_error_once(
    client: Any, area: Any, settings: Any
) -> None:
    settings.CASEREVIEWS_MIN_FORM_SECONDS = 60
    check = walk_journey(client)
    response = submit(client, check)
    body = html.unescape(response.content.decode())
    assert Application.objects.count() == 0
    assert "Wait a moment" in body and "press 'Send application' again" in body
    title = _title(response)
    assert title.startswith("Error: ") and title.count("Error") == 1, title
    # After the wait, the fresh token on the page sends the application.
    settings.CASEREVIEWS_MIN_FORM_SECONDS = 0
    token = response.context["form"]["form_token"].value()
    again = client.post(reverse("casereviews:apply_check"), {"form_token": token, "website": ""})
    assert again.status_code == 302 and Application.objects.count() == 1
