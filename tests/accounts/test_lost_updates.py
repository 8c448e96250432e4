"""No lost updates on the administrators' pages (security review finding 1).

A role request is decided once: a decision sent from a page read before someone else decided it
is refused and changes nothing (the request is re-read under a row lock and must still be
waiting). The other staff actions carry no values to overwrite: removing a role, resetting an
authenticator and unlocking act on the membership as it is.
"""

from __future__ import annotations

from typing import Any

import pytest

from csphub.accounts.models import GrantStatus, RoleGrantRequest
from csphub.agencies.models import Membership
from csphub.audit.models import AuditEvent
from tests.trust.test_administrators import GRANTS, _add

pytestmark = pytest.mark.django_db


def test_a_stale_approval_of_a_refused_request_changes_nothing(client_as: Any) -> None:
    assert _add(client_as("avbc_administrator"), "maybe.caseworker", "caseworker").status_code == 302
    grant = RoleGrantRequest.objects.get(user__username="maybe.caseworker")
    # The coordinator has the requests page open in two tabs; one refuses, the other approves.
    first, stale = client_as("avbc_partnership_coordinator"), client_as("avbc_partnership_coordinator")
    assert "maybe.caseworker" in stale.get(GRANTS).content.decode()
    assert first.post(GRANTS, {"grant": grant.pk, "decision": "refuse"}).status_code == 302
    assert stale.post(GRANTS, {"grant": grant.pk, "decision": "approve"}).status_code == 404
    grant.refresh_from_db()
    assert grant.status == GrantStatus.REFUSED
    assert not Membership.objects.filter(user__username="maybe.caseworker").exists()
    assert not AuditEvent.objects.filter(verb="membership.granted").exists()
