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


def test_admin_deactivates_then_reactivates_a_colleagues_account(client_as: Any, persona: Any) -> None:
    """New-user review item 31: the staff list had no way to switch an account off. Deactivating
    stops sign-in and ends an open session; reactivating restores the roles it had; both audited."""
    from csphub.api.services import api_token_authenticate, api_token_issue
    from csphub.demo.personas import DEMO_PASSWORD

    admin = client_as("avbc_administrator")
    colleague = persona("avbc_caseworker")
    their_session = client_as("avbc_caseworker")
    _token, secret = api_token_issue(actor=colleague, name="Housing CRM")
    deactivate = f"/accounts/users/{colleague.pk}/deactivate/"
    listing = admin.get("/accounts/users/").content.decode()
    assert f'href="{deactivate}"' in listing
    page = admin.get(deactivate).content.decode()
    assert "they can no longer sign in" in page.lower() or "no longer be able to sign in" in page
    response = admin.post(deactivate, follow=True)
    assert "account is deactivated: they can no longer sign in" in response.content.decode()
    colleague.refresh_from_db()
    assert not colleague.is_active
    assert AuditEvent.objects.filter(verb="user.deactivated", target_id=str(colleague.pk)).count() == 1
    # The open session ends at their next click; signing in again is refused.
    assert "/accounts/sign-in/" in their_session.get("/home/")["Location"]
    signin = Client().post("/accounts/sign-in/", {"username": colleague.username, "password": DEMO_PASSWORD})
    assert signin.status_code == 200 and "/code/" not in signin.get("Location", "")
    assert api_token_authenticate(secret) is None  # nor do their API tokens work
    # Their roles are kept, and the list offers to reactivate the account.
    assert Membership.objects.filter(user=colleague, is_active=True).exists()
    listing = admin.get("/accounts/users/").content.decode()
    assert 'data-testid="deactivated"' in listing
    reactivate = f"/accounts/users/{colleague.pk}/reactivate/"
    assert f'href="{reactivate}"' in listing and f'href="{deactivate}"' not in listing
    assert admin.post(reactivate).status_code == 302
    colleague.refresh_from_db()
    assert colleague.is_active and api_token_authenticate(secret) is not None
    assert AuditEvent.objects.filter(verb="user.reactivated", target_id=str(colleague.pk)).count() == 1


def test_an_administrator_cannot_deactivate_their_own_account(client_as: Any, persona: Any) -> None:
    admin = client_as("avbc_administrator")
    me = persona("avbc_administrator")
    own = f"/accounts/users/{me.pk}/deactivate/"
    assert f'href="{own}"' not in admin.get("/accounts/users/").content.decode()
    response = admin.post(own)
    page = response.content.decode()
    assert response.status_code == 200 and "<title>Error: " in page
    assert "You cannot deactivate your own account. Ask another administrator." in page
    me.refresh_from_db()
    assert me.is_active
    assert not AuditEvent.objects.filter(verb="user.deactivated").exists()


def test_account_deactivation_stays_within_the_administrators_agency(
    client_as: Any, persona: Any, world: Any
) -> None:
    admin = client_as("avbc_administrator")
    elsewhere = persona("police_caseworker")
    assert admin.post(f"/accounts/users/{elsewhere.pk}/deactivate/").status_code == 404
    # Someone who also works for another agency: one agency's administrator alone cannot lock
    # them out of the other's work.
    analyst = persona("police_analyst")
    Membership.objects.create(user=analyst, agency=world.agencies["avbc"], role="analyst")
    page = admin.post(f"/accounts/users/{analyst.pk}/deactivate/").content.decode()
    assert "also works for another agency" in page
    elsewhere.refresh_from_db()
    analyst.refresh_from_db()
    assert elsewhere.is_active and analyst.is_active
    assert not AuditEvent.objects.filter(verb="user.deactivated").exists()


@pytest.mark.parametrize(
    ("username", "accepted"),
    [("jo.smith", True), ("jo_smith", True), ("jo-smith2", True), ("Jo Smith", False), ("jo", False)],
)
def test_the_username_hint_and_the_check_agree(username: str, accepted: bool) -> None:
    """New-user review item 31: the hint left out underscores, which every demo username has."""
    from csphub.accounts.forms import StaffMemberForm

    answers = {"username": username, "first_name": "Jo", "last_name": "Smith", "email": "jo@example.gov.uk",
               "role": "caseworker", "password": "quartz meadow lantern"}  # fmt: skip
    form = StaffMemberForm(answers)
    assert "dots, hyphens or underscores" in str(form.fields["username"].help_text)
    assert form.is_valid() is accepted, form.errors
