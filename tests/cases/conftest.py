"""Fixtures for casework tests: records created through the services, as the demo personas."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from csphub.cases import services
from csphub.cases.models import AsbType, Category, Channel, PartyRole
from csphub.people.services import address_create, person_create


@pytest.fixture
def make_incident(persona: Callable[[str], Any]) -> Callable[..., Any]:
    def _make(username: str = "avbc_caseworker", *, days_ago: float = 3, **overrides: Any) -> Any:
        actor = persona(username)
        occurred = timezone.now() - dt.timedelta(days=days_ago)
        values: dict[str, Any] = {
            "occurred_at": occurred,
            "reported_at": occurred + dt.timedelta(hours=2),
            "channel": Channel.PHONE,
            "asb_type": AsbType.PERSONAL,
            "category": Category.NOISE,
            "description": "Loud music until 3am.",
        }
        values.update(overrides)
        return services.incident_record(actor=actor, **values)

    return _make


@pytest.fixture
def make_person(persona: Callable[[str], Any]) -> Callable[..., Any]:
    def _make(username: str = "avbc_caseworker", given: str = "Alex", family: str = "Ashbrook") -> Any:
        return person_create(actor=persona(username), given_name=given, family_name=family)

    return _make


@pytest.fixture
def make_case(persona: Callable[[str], Any], make_incident: Any, make_person: Any) -> Callable[..., Any]:
    """A case with a victim (surname ``family``) and an address, owned by ``username``'s agency."""

    def _make(
        username: str = "avbc_caseworker", *, family: str = "Ashbrook", summary: str = "Noise at flat"
    ) -> Any:
        actor = persona(username)
        victim = make_person(username, "Sam", family)
        address = address_create(actor=actor, line_1="12 Example Row", town="Ripley", postcode="DE5 3ZZ")
        incident = make_incident(username, parties=[(victim, PartyRole.VICTIM)], address=address)
        return services.case_open(actor=actor, incidents=[incident], summary=summary)

    return _make
