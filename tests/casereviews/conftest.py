"""Fixtures for the ASB Case Review tests: the Amber Valley procedure and helpers to make incidents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone


@pytest.fixture
def area(world: Any, persona: Callable[[str], Any]) -> Any:
    from csphub.casereviews.services import area_configure

    agencies = world.agencies
    return area_configure(
        actor=None,
        name="Amber Valley",
        slug="amber-valley",
        managing_agency=agencies["avbc"],
        contact_team="Community Safety Team",
        contact_email="community.safety@example.gov.uk",
        contact_phone="01773 000000",
        appeal_body_name="the Derbyshire Police and Crime Commissioner",
        appeal_body_contact="Office of the PCC, Butterley Hall, Ripley",
        relevant_bodies=[agencies[s] for s in ("avbc", "police", "nhs", "housing")],
        sharing_agreement=world.asb_isa,
        default_spoc=persona("avbc_caseworker"),
    )


def aware(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


@pytest.fixture
def make_incident(persona: Callable[[str], Any]) -> Callable[..., Any]:
    from csphub.cases.services import incident_record

    def _make(
        *,
        by: str = "police_caseworker",
        occurred: dt.date,
        reported: dt.date | None = None,
        victim: Any = None,
        hate: bool = False,
    ) -> Any:
        return incident_record(
            actor=persona(by),
            occurred_at=aware(occurred),
            reported_at=aware(reported or occurred, 15),
            channel="phone",
            asb_type="personal",
            category="noise",
            description="Loud music and shouting late at night",
            is_hate_motivated=hate,
            location_description="Example Street, Ripley",
            parties=[(victim, "victim")] if victim is not None else [],
        )

    return _make


@pytest.fixture
def application_data() -> Callable[..., dict[str, Any]]:
    def _data(**overrides: Any) -> dict[str, Any]:
        today = timezone.localdate()
        data: dict[str, Any] = {
            "channel": "online",
            "received_on": today,
            "applicant_name": "Jo Resident",
            "contact_preference": "email",
            "applicant_email": "jo@example.org",
            "behaviour_description": "Neighbours play loud music every night and shout at me in the street",
            "behaviour_location": "Example Street, Ripley",
            "behaviour_first_on": today - dt.timedelta(days=90),
            "behaviour_last_on": today - dt.timedelta(days=3),
            "reports_described": "Police 3 times; council once",
        }
        data.update(overrides)
        return data

    return _data


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    """Per-IP counters and used form tokens live in the cache: start each test clean."""
    from django.core.cache import cache

    cache.clear()
