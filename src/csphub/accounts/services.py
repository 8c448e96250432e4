"""Sign-in events and TOTP device management, audited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from csphub.audit.services import audit_record
from csphub.core.actor import user_of


def record_login(*, user: Any) -> None:
    with transaction.atomic():
        audit_record(actor=user, verb="user.logged_in", target=user)


def record_logout(*, user: Any) -> None:
    with transaction.atomic():
        audit_record(actor=user, verb="user.logged_out", target=user)


def record_password_changed(*, user: Any) -> None:
    with transaction.atomic():
        audit_record(actor=user, verb="user.password_changed", target=user)


def record_session_timeout(*, user: Any) -> None:
    with transaction.atomic():
        audit_record(actor=user, verb="user.session_timed_out", target=user)


def record_login_failed(*, username: str, stage: str) -> None:
    """A failed password or code. The attempted username is not stored (it may be a mistyped name)."""
    user = get_user_model().objects.filter(username=username).first()
    with transaction.atomic():
        audit_record(
            actor=None,
            verb="user.login_failed",
            target=user,
            justification=f"failed at {stage}",
        )


def record_locked_out(*, username: str) -> None:
    user = get_user_model().objects.filter(username=username).first()
    with transaction.atomic():
        audit_record(actor=None, verb="user.locked_out", target=user)


def totp_device_for(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def totp_device_start(*, user: Any) -> TOTPDevice:
    """An unconfirmed device for the user to add to their authenticator app."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def totp_device_confirm(*, user: Any, device: TOTPDevice) -> None:
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(actor=user, verb="user.two_factor_enrolled", target=user)


# --- user administration (administrators of an agency) -------------------------------------


def _require_manage_users(actor: Any) -> Any:
    from csphub.agencies.policies import Capability, acting_membership, has_capability
    from csphub.core.errors import PermissionDeniedError

    if not has_capability(actor, Capability.MANAGE_USERS):
        raise PermissionDeniedError("Only administrators manage accounts.")
    membership = acting_membership(actor)
    assert membership is not None
    return membership.agency


def staff_member_add(
    *, actor: Any, username: str, first_name: str, last_name: str, email: str, role: str, password: str
) -> Any:
    """Add a member of staff to the administrator's agency (a new account, or a role for an existing one)."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from csphub.agencies.models import Membership
    from csphub.core.errors import ApplicationError

    agency = _require_manage_users(actor)
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.filter(username=username).first()
        if user is None:
            candidate = User(username=username, first_name=first_name, last_name=last_name, email=email)
            try:
                validate_password(password, candidate)
            except ValidationError as exc:
                raise ApplicationError(" ".join(exc.messages), field="password") from exc
            candidate.set_password(password)
            candidate.save()
            user = candidate
            audit_record(actor=actor, verb="user.created", target=user, changed_fields=["username", "email"])
        membership, created = Membership.objects.get_or_create(
            user=user,
            agency=agency,
            role=role,
            defaults={"created_by": user_of(actor), "modified_by": user_of(actor)},
        )
        if not created and membership.is_active:
            raise ApplicationError(f"{username} already has this role in {agency.short_name}", field="role")
        if not membership.is_active:
            membership.is_active = True
            membership.save(update_fields=["is_active", "modified_at"])
        audit_record(actor=actor, verb="membership.granted", target=membership, changed_fields=["role"])
    return membership


def membership_deactivate(*, actor: Any, membership: Any) -> None:
    agency = _require_manage_users(actor)
    from csphub.core.errors import ApplicationError

    if membership.agency_id != agency.pk:
        raise ApplicationError("You can only manage your own agency's staff")
    if membership.user_id == actor.pk:
        raise ApplicationError("You cannot remove your own administrator role")
    with transaction.atomic():
        type(membership).objects.filter(pk=membership.pk).update(is_active=False)
        audit_record(actor=actor, verb="membership.revoked", target=membership)


def two_factor_reset(*, actor: Any, membership: Any) -> None:
    """Remove a colleague's authenticator: they set up a new one at their next sign-in."""
    agency = _require_manage_users(actor)
    from csphub.core.errors import ApplicationError

    if membership.agency_id != agency.pk:
        raise ApplicationError("You can only manage your own agency's staff")
    with transaction.atomic():
        TOTPDevice.objects.filter(user_id=membership.user_id).delete()
        audit_record(actor=actor, verb="user.two_factor_reset", target=membership.user)


def lockout_clear(*, actor: Any, membership: Any) -> None:
    """Unlock an account that django-axes locked after repeated failures."""
    from axes.utils import reset

    agency = _require_manage_users(actor)
    from csphub.core.errors import ApplicationError

    if membership.agency_id != agency.pk:
        raise ApplicationError("You can only manage your own agency's staff")
    with transaction.atomic():
        reset(username=membership.user.get_username())
        audit_record(actor=actor, verb="user.unlocked", target=membership.user)
