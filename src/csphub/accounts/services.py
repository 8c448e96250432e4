"""Sign-in events and TOTP device management, audited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from csphub.audit.services import audit_record


def record_login(*, user: Any) -> None:
    with transaction.atomic():
        audit_record(actor=user, verb="user.logged_in", target=user)


def record_logout(*, user: Any) -> None:
    with transaction.atomic():
        audit_record(actor=user, verb="user.logged_out", target=user)


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
