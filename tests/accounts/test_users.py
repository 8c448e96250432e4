"""Administrators manage their own agency's staff; every change is audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from csphub.accounts.models import RoleGrantRequest
from csphub.agencies.models import Membership
from csphub.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_admin_adds_a_member_who_then_enrols_two_factor(client_as: Any) -> None:
    admin = client_as("avbc_administrator")
    response = admin.post(
        "/accounts/users/",
        {
            "action": "add",
            "username": "j.smith",
            "first_name": "Jo",
            "last_name": "Smith",
            "email": "jo.smith@ambervalley.example.gov.uk",
            "role": "caseworker",
            "password": "quartz meadow lantern",
        },
    )
    assert response.status_code == 302
    # The role waits for a second person: the partnership coordinator approves it.
    assert not Membership.objects.filter(user__username="j.smith").exists()
    coordinator = client_as("avbc_partnership_coordinator")
    grant = RoleGrantRequest.objects.get(user__username="j.smith")
    assert (
        coordinator.post(
            "/accounts/users/role-requests/", {"grant": grant.pk, "decision": "approve"}
        ).status_code
        == 302
    )
    membership = Membership.objects.get(user__username="j.smith")
    assert membership.agency.slug == "avbc" and membership.role == "caseworker"
    assert AuditEvent.objects.filter(verb="membership.granted").count() == 1
    signin = Client().post("/accounts/sign-in/", {"username": "j.smith", "password": "quartz meadow lantern"})
    assert signin["Location"].endswith("/set-up-code/")


def test_weak_first_password_is_refused_and_nothing_saved(client_as: Any) -> None:
    response = client_as("avbc_administrator").post(
        "/accounts/users/",
        {
            "action": "add",
            "username": "weak.one",
            "first_name": "W",
            "last_name": "One",
            "email": "w@example.gov.uk",
            "role": "caseworker",
            "password": "password",
        },
    )
    assert response.status_code == 200 and "<title>Error: " in response.content.decode()
    assert not get_user_model().objects.filter(username="weak.one").exists()


def test_admin_resets_authenticator_and_removes_role_in_own_agency_only(client_as: Any, persona: Any) -> None:
    admin = client_as("avbc_administrator")
    own = Membership.objects.get(user__username="avbc_caseworker")
    other = Membership.objects.get(user__username="police_caseworker")
    admin.post("/accounts/users/", {"action": "reset_2fa", "membership": own.pk})
    assert not TOTPDevice.objects.filter(user=own.user).exists()
    assert admin.post("/accounts/users/", {"action": "deactivate", "membership": other.pk}).status_code == 404
    admin.post("/accounts/users/", {"action": "deactivate", "membership": own.pk})
    own.refresh_from_db()
    other.refresh_from_db()
    assert not own.is_active and other.is_active
    assert AuditEvent.objects.filter(verb__in=["user.two_factor_reset", "membership.revoked"]).count() == 2


def test_password_change_is_audited(client_as: Any) -> None:
    from csphub.demo.personas import DEMO_PASSWORD

    client = client_as("avbc_caseworker")
    response = client.post(
        "/accounts/password/",
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": "copper willow harbour",
            "new_password2": "copper willow harbour",
        },
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(verb="user.password_changed").count() == 1


def test_a_weak_password_is_named_with_the_other_problems_at_once(client_as: Any) -> None:
    """New-user review item 31: one round of errors, not the password only after the rest are fixed."""
    data = {"action": "add", "username": "x", "first_name": "", "last_name": "One", "email": "no",
            "role": "caseworker", "password": "password"}  # fmt: skip
    page = client_as("avbc_administrator").post("/accounts/users/", data).content.decode()
    for message in (
        "Use 3 or more lower case letters, numbers, dots, hyphens or underscores",
        "Enter their first name",
        "Enter an email address in the correct format",
        "This password is too short",
    ):
        assert message in page, message


def test_the_staff_list_shows_email_last_sign_in_and_unlock_only_for_the_locked(
    client_as: Any, persona: Any, settings: Any
) -> None:
    from axes.models import AccessAttempt
    from django.utils import timezone

    locked = persona("avbc_caseworker")
    AccessAttempt.objects.create(
        username=locked.username, ip_address="127.0.0.1", user_agent="t", failures_since_start=5,
        attempt_time=timezone.now(), get_data="", post_data="", http_accept="", path_info="/",
    )  # fmt: skip
    almost = persona("avbc_team_manager")
    AccessAttempt.objects.create(
        username=almost.username, ip_address="127.0.0.1", user_agent="t", failures_since_start=4,
        attempt_time=timezone.now(), get_data="", post_data="", http_accept="", path_info="/",
    )  # fmt: skip
    page = client_as("avbc_administrator").get("/accounts/users/").content.decode()
    assert "Work email" in page and "Last signed in" in page
    assert page.count('value="unlock"') == 1
    assert f'Unlock<span class="govuk-visually-hidden"> {locked.username}</span>' in page
    assert "Locked out" in page
