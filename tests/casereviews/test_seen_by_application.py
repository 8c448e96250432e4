"""Issue 11 item 3: "who has seen this person" includes the ASB Case Review applications that name the
person as a complainant (the application page shows the complainants of its linked incidents)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from csphub.audit.services import audit_viewed
from csphub.casereviews import services
from csphub.people.services import person_create

pytestmark = pytest.mark.django_db


def test_a_view_of_an_application_naming_the_person_is_listed(
    area: Any, application_data: Any, persona: Any, make_incident: Any, client_as: Any
) -> None:
    staff = persona("avbc_caseworker")
    application = services.application_submit(actor=None, area=area, **application_data())
    person = person_create(actor=staff, given_name="Jo", family_name="Complainant")
    incident = make_incident(by="avbc_caseworker", occurred=timezone.localdate() - dt.timedelta(days=10))
    services.application_link_incident(
        actor=staff, application=application, incident=incident, complainant=person
    )
    audit_viewed(actor=staff, target=application)  # what the application's staff page records
    page = client_as("avbc_administrator").get(reverse("people:seen_by", args=[person.pk])).content.decode()
    assert "Viewed a Case Review application" in page and "ASB Case Review application" in page
