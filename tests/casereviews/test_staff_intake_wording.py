"""Review item 28: the staff intake form is filled in by staff about the applicant, so it says
"the applicant", never "your" or "we"; the public journey keeps speaking to the applicant."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.casereviews.test_casereviews_pages import _d

pytestmark = pytest.mark.django_db


def _visible_text(body: str) -> str:
    main = body[body.index("<main") : body.index("</main>")]
    return html.unescape(re.sub(r"<[^>]+>", " ", main))


def test_staff_intake_speaks_about_the_applicant(client_as: Any, area: Any) -> None:
    staff = client_as("avbc_caseworker")
    text = _visible_text(staff.get(reverse("casereviews:intake")).content.decode())
    assert "Applicant's full name" in text and "How does the applicant want to be contacted?" in text
    assert not re.search(r"\b(Your|your|we|We)\b", text), re.findall(
        r".{30}\b(?:Your|your|we|We)\b.{30}", text
    )
    today = timezone.localdate()
    response = staff.post(
        reverse("casereviews:intake"),
        {
            "channel": "phone",
            "received_on": _d(today),
            "applicant_name": "",
            "contact_preference": "email",
            "behaviour_description": "Threats",
            "behaviour_location": "Park",
            "behaviour_first_on": _d(today - dt.timedelta(days=20)),
            "behaviour_last_on": _d(today - dt.timedelta(days=1)),
            "reports_described": "Council",
        },
    )
    errors = _visible_text(response.content.decode())
    assert "Enter the applicant's full name" in errors
    assert "Enter your full name" not in errors


def test_the_public_form_still_speaks_to_the_applicant(client: Any, area: Any) -> None:
    from tests.casereviews.test_casereviews_pages import walk_journey

    walk_journey(client)
    text = _visible_text(client.get(reverse("casereviews:apply_about_you")).content.decode())
    assert "Your full name" in text
