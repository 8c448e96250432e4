"""Fixtures for the duty registers: actors and compartment members."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from csphub.core.actor import Actor, as_actor


@pytest.fixture
def actor(persona: Callable[[str], Any]) -> Callable[[str], Actor]:
    """``actor("avbc_caseworker")`` -> that persona acting in their (only) membership."""

    def _actor(username: str) -> Actor:
        found = as_actor(persona(username))
        assert found is not None
        return found

    return _actor


@pytest.fixture
def make_member(persona: Callable[[str], Any]) -> Callable[..., Any]:
    """Make a persona a member of a compartment in their agency (as the operator would)."""
    from csphub.agencies.models import Membership
    from csphub.duties.services.compartments import compartment_member_add

    def _make(username: str, compartment: Any, role: str = "lead") -> Any:
        user = persona(username)
        membership = Membership.objects.get(user=user, is_active=True)
        return compartment_member_add(
            actor=None, compartment=compartment, user=user, agency=membership.agency, role=role
        )

    return _make
