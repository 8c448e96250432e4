"""Security review finding 4: administrators administer, never read. No self-grant, no acting on
another agency's users, and a role exists only once a second person approves it (audited)."""

from __future__ import annotations

from typing import Any

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from csphub.accounts.models import GrantStatus, RoleGrantRequest
from csphub.agencies.models import Membership
from csphub.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

URL = "/accounts/users/"
GRANTS = "/accounts/users/role-requests/"


def _add(client: Any, username: str, role: str) -> Any:
    return client.post(
        URL,
        {
            "action": "add",
            "username": username,
            "first_name": "X",
            "last_name": "Y",
            "email": "x.y@example.gov.uk",
            "role": role,
            "password": "quartz meadow lantern",
        },
    )


def test_an_administrator_cannot_grant_themselves_a_casework_role(client_as: Any) -> None:
    admin = client_as("dcc_administrator")
    response = _add(admin, "dcc_administrator", "caseworker")
    assert response.status_code == 200 and "You cannot give yourself a role" in response.content.decode()
    assert not Membership.objects.filter(user__username="dcc_administrator", role="caseworker").exists()
    assert not RoleGrantRequest.objects.exists()
    assert "Caseworker, DCC" not in admin.get("/accounts/switch/").content.decode()
    assert admin.get("/cases/").status_code == 403


def test_an_administrator_cannot_attach_another_agencys_user(client_as: Any) -> None:
    admin = client_as("dcc_administrator")
    response = _add(admin, "police_analyst", "administrator")
    assert response.status_code == 200 and "already taken" in response.content.decode()
    assert not Membership.objects.filter(user__username="police_analyst", agency__slug="dcc").exists()
    assert TOTPDevice.objects.filter(user__username="police_analyst").exists()


def test_authenticator_reset_only_for_staff_who_work_for_no_other_agency(
    client_as: Any, persona: Any, world: Any
) -> None:
    # A user who (legitimately) holds roles in two agencies: DCC's administrator may not reset
    # their authenticator alone.
    analyst = persona("police_analyst")
    both = Membership.objects.create(user=analyst, agency=world.agencies["dcc"], role="analyst")
    TOTPDevice.objects.get_or_create(user=analyst, name="test", defaults={"confirmed": True})
    admin = client_as("dcc_administrator")
    response = admin.post(URL, {"action": "reset_2fa", "membership": both.pk}, follow=True)
    assert "also works for another agency" in response.content.decode()
    assert TOTPDevice.objects.filter(user=analyst).exists()
    assert not AuditEvent.objects.filter(verb="user.two_factor_reset").exists()


def test_a_role_needs_a_second_person_and_both_are_audited(client_as: Any, persona: Any) -> None:
    admin = client_as("avbc_administrator")
    assert _add(admin, "new.caseworker", "caseworker").status_code == 302
    grant = RoleGrantRequest.objects.get(user__username="new.caseworker")
    assert grant.status == GrantStatus.PENDING
    assert not Membership.objects.filter(user__username="new.caseworker").exists()
    assert AuditEvent.objects.filter(verb="membership.requested").count() == 1
    # The administrator who asked cannot approve it.
    page = admin.get(GRANTS).content.decode()
    assert "new.caseworker" in page and "Waiting for someone else to decide" in page
    admin.post(GRANTS, {"grant": grant.pk, "decision": "approve"})
    assert not Membership.objects.filter(user__username="new.caseworker").exists()
    # Another agency's coordinator cannot see or decide it.
    other = client_as("housing_partnership_coordinator")
    assert "new.caseworker" not in other.get(GRANTS).content.decode()
    assert other.post(GRANTS, {"grant": grant.pk, "decision": "approve"}).status_code == 404
    # Caseworkers cannot reach the page at all.
    assert client_as("avbc_caseworker").get(GRANTS).status_code == 403
    # The agency's partnership coordinator approves.
    coordinator = client_as("avbc_partnership_coordinator")
    assert coordinator.post(GRANTS, {"grant": grant.pk, "decision": "approve"}).status_code == 302
    assert Membership.objects.filter(
        user__username="new.caseworker", role="caseworker", is_active=True
    ).exists()
    event = AuditEvent.objects.get(verb="membership.granted")
    assert event.actor.username == "avbc_partnership_coordinator"
    assert "asked by avbc_administrator" in event.justification


def test_a_refused_request_grants_nothing(client_as: Any) -> None:
    _add(client_as("avbc_administrator"), "not.needed", "team_manager")
    grant = RoleGrantRequest.objects.get(user__username="not.needed")
    client_as("avbc_partnership_coordinator").post(GRANTS, {"grant": grant.pk, "decision": "refuse"})
    grant.refresh_from_db()
    assert grant.status == GrantStatus.REFUSED
    assert not Membership.objects.filter(user__username="not.needed").exists()
    assert AuditEvent.objects.filter(verb="membership.request_refused").count() == 1
