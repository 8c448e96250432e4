"""The public Case Review journey: limits per client behind the proxy (finding 9) and bounded free
text before anything is kept in the session or stored (finding 10)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from tests.casereviews.test_casereviews_pages import submit, walk_journey


@pytest.mark.django_db
def test_public_form_limit_is_per_client_behind_the_proxy(client: Any, area: Any, settings: Any) -> None:
    """Two residents behind one proxy each get their own allowance; one cannot block the other."""
    caches["default"].clear()
    settings.CSPHUB_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.CASEREVIEWS_MIN_FORM_SECONDS = 0
    settings.CASEREVIEWS_SUBMISSIONS_PER_IP_PER_HOUR = 1
    a = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.1"}
    b = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.2"}
    client.defaults.update(a)
    assert submit(client, walk_journey(client)).status_code == 302
    assert submit(client, walk_journey(client)).status_code == 429
    client.defaults.update(b)
    assert submit(client, walk_journey(client)).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("step", "field", "limit"),
    [
        ("casereviews:apply_about_you", "applicant_address", 1000),
        ("casereviews:apply_about_you", "support_needs", 2000),
        ("casereviews:apply_behaviour", "behaviour_description", 5000),
        ("casereviews:apply_behaviour", "reports_described", 2000),
    ],
)
def test_public_text_over_the_limit_is_refused_and_not_kept(
    client: Any, area: Any, step: str, field: str, limit: int
) -> None:
    today = timezone.localdate()
    client.post(reverse("casereviews:apply_who"), {"who": "self"})
    about = {
        "applicant_name": "Jo Resident",
        "contact_preference": "email",
        "applicant_email": "jo@example.org",
    }
    behaviour = {
        "behaviour_description": "Loud music",
        "behaviour_location": "Example Street",
        "behaviour_first_on": f"{(today - dt.timedelta(days=60)):%d/%m/%Y}",
        "behaviour_last_on": f"{(today - dt.timedelta(days=2)):%d/%m/%Y}",
        "reports_described": "Police",
    }
    if step.endswith("behaviour"):
        assert client.post(reverse("casereviews:apply_about_you"), about).status_code == 302
    data = about if step.endswith("about_you") else behaviour
    at_limit = client.post(reverse(step), {**data, field: "x" * limit})
    assert at_limit.status_code == 302  # exactly the limit is accepted
    over = client.post(reverse(step), {**data, field: "y" * (limit + 1)})
    assert over.status_code == 200
    assert f"{limit:,} characters or fewer" in over.content.decode()
    assert "y" * (limit + 1) not in str(dict(client.session))
