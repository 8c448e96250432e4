"""People pages: every page that names a person records that it was shown."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from csphub.audit.models import AuditEvent
from csphub.people.services import person_create

pytestmark = pytest.mark.django_db


def test_who_has_seen_this_person_is_itself_a_recorded_view(persona: Any, client_as: Any) -> None:
    person = person_create(actor=persona("avbc_caseworker"), given_name="Seen", family_name="Bywho")
    response = client_as("avbc_administrator").get(reverse("people:seen_by", args=[person.pk]))
    assert response.status_code == 200
    assert "Seen Bywho" in response.content.decode()
    event = AuditEvent.objects.get(verb="person.viewed", target_id=str(person.pk))
    assert event.actor.username == "avbc_administrator"
    assert event.justification == "who has seen this person"


def test_the_change_page_links_back_to_the_person(persona: Any, client_as: Any) -> None:
    """New-user review item 33: /people/<id>/change/ had no back link."""
    person = person_create(actor=persona("avbc_caseworker"), given_name="Back", family_name="Linkton")
    page = client_as("avbc_caseworker").get(reverse("people:edit", args=[person.pk])).content.decode()
    detail = reverse("people:detail", args=[person.pk])
    assert f'<a href="{detail}" class="govuk-back-link">Back to Back Linkton</a>' in page


def test_who_has_seen_this_person_names_the_changed_details_in_words(persona: Any, client_as: Any) -> None:
    """New-user review item 21: the audit showed the fields changed as "date_of_birth, family_name"."""
    import datetime as dt

    from csphub.people.services import person_update

    worker = persona("avbc_caseworker")
    person = person_create(actor=worker, given_name="Field", family_name="Namesake")
    person_update(actor=worker, person=person, family_name="Namesakes", date_of_birth=dt.date(1990, 1, 2))
    page = client_as("avbc_administrator").get(reverse("people:seen_by", args=[person.pk])).content.decode()
    assert "date_of_birth" not in page and "family_name" not in page
    assert "date of birth, family name" in page.lower()
