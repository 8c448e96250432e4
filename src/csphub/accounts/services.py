"""Sign-in events and TOTP device management, audited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from csphub.audit.services import audit_record
from csphub.core.actor import acting_user, user_of


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


def record_session_cap(*, user: Any) -> None:
    with transaction.atomic():
        audit_record(actor=user, verb="user.session_cap_reached", target=user)


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
    """Ask for a role for a member of staff in the administrator's agency (a new account, or a role
    for an existing one of this agency). The role exists once a second person approves it
    (:func:`role_grant_decide`); a new account can sign in but sees nothing until then."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from csphub.accounts.models import GrantStatus, RoleGrantRequest
    from csphub.agencies.models import Membership
    from csphub.core.errors import ApplicationError

    agency = _require_manage_users(actor)
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.filter(username=username).first()
        if user is not None and user.pk == actor.pk:
            # Administrators administer; they do not read case files, so they cannot give
            # themselves a role that does (or any other role: someone else grants it).
            raise ApplicationError(
                "You cannot give yourself a role. Ask another administrator.", field="username"
            )
        if user is not None and _works_elsewhere(user, agency):
            # Someone else's member of staff: attaching them here would let this agency's
            # administrator reset their authenticator and take over their account.
            raise ApplicationError("That username is already taken. Choose another.", field="username")
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
        if Membership.objects.filter(user=user, agency=agency, role=role, is_active=True).exists():
            raise ApplicationError(f"{username} already has this role in {agency.short_name}", field="role")
        request, created = RoleGrantRequest.objects.get_or_create(
            user=user,
            agency=agency,
            role=role,
            status=GrantStatus.PENDING,
            defaults={"created_by": user_of(actor), "modified_by": user_of(actor)},
        )
        if not created:
            raise ApplicationError(f"{username} is already waiting for approval of this role", field="role")
        audit_record(actor=actor, verb="membership.requested", target=user, changed_fields=["role"])
    return request


def pending_role_grants(*, actor: Any) -> Any:
    """Role requests the actor may decide: their agency's, not their own, not for themselves."""
    from csphub.accounts.models import GrantStatus, RoleGrantRequest

    agency = _require_role_approver(actor)
    return (
        RoleGrantRequest.objects.filter(agency=agency, status=GrantStatus.PENDING)
        .select_related("user", "agency", "created_by")
        .order_by("created_at")
    )


def _require_role_approver(actor: Any) -> Any:
    """An administrator, or the partnership coordinator, of the acting agency."""
    from csphub.agencies.models import Role
    from csphub.agencies.policies import acting_membership
    from csphub.core.errors import PermissionDeniedError

    membership = acting_membership(actor)
    if membership is None or membership.role not in (Role.ADMINISTRATOR, Role.PARTNERSHIP_COORDINATOR):
        raise PermissionDeniedError("Only administrators and the partnership coordinator approve roles.")
    return membership.agency


def role_grant_decide(*, actor: Any, grant: Any, approve: bool) -> Any:
    """A second person approves (the role is created) or refuses a role request; both audited."""
    from django.utils import timezone

    from csphub.accounts.models import GrantStatus, RoleGrantRequest
    from csphub.agencies.models import Membership
    from csphub.core.errors import ApplicationError

    agency = _require_role_approver(actor)
    user = user_of(actor)  # who decides: the person behind the Actor
    assert user is not None  # _require_role_approver refused an anonymous actor
    with transaction.atomic():
        grant = RoleGrantRequest.objects.select_for_update().get(pk=grant.pk)
        if grant.agency_id != agency.pk or grant.status != GrantStatus.PENDING:
            raise ApplicationError("This request is no longer waiting for approval")
        if grant.created_by_id == user.pk:
            raise ApplicationError("Someone other than the person who asked must approve a role")
        if grant.user_id == user.pk:
            raise ApplicationError("You cannot approve a role for yourself")
        grant.status = GrantStatus.APPROVED if approve else GrantStatus.REFUSED
        grant.decided_by = user
        grant.decided_at = timezone.now()
        grant.modified_by = user
        grant.save(update_fields=["status", "decided_by", "decided_at", "modified_by", "modified_at"])
        if not approve:
            audit_record(
                actor=actor, verb="membership.request_refused", target=grant.user, changed_fields=["role"]
            )
            return None
        membership, _ = Membership.objects.get_or_create(
            user=grant.user,
            agency=agency,
            role=grant.role,
            defaults={"created_by": grant.created_by, "modified_by": user},
        )
        if not membership.is_active:
            membership.is_active = True
            membership.modified_by = user
            membership.save(update_fields=["is_active", "modified_by", "modified_at"])
        asker = grant.created_by.get_username() if grant.created_by else "unknown"
        audit_record(
            actor=actor,
            verb="membership.granted",
            target=membership,
            changed_fields=["role"],
            justification=f"asked by {asker}, approved by {user.get_username()}",
        )
    return membership


def _works_elsewhere(user: Any, agency: Any) -> bool:
    """Has ``user`` a membership (active or not) in an agency other than ``agency``?"""
    from csphub.agencies.models import Membership

    return Membership.objects.filter(user=user).exclude(agency=agency).exists()


def _require_own_staff(actor: Any, membership: Any, *, whole_account: bool) -> Any:
    """The administrator's agency, if ``membership`` is in it (and, for actions on the whole
    account such as resetting the authenticator, the user works for no other agency)."""
    from csphub.core.errors import ApplicationError

    agency = _require_manage_users(actor)
    if membership.agency_id != agency.pk:
        raise ApplicationError("You can only manage your own agency's staff")
    if whole_account and _works_elsewhere(membership.user, agency):
        raise ApplicationError(
            "This person also works for another agency, so only that agency's administrator and yours "
            "together can change their sign-in. Contact the partnership coordinator."
        )
    return agency


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
    from csphub.core.errors import ApplicationError

    _require_own_staff(actor, membership, whole_account=True)
    if membership.user_id == actor.pk:
        raise ApplicationError("You cannot reset your own authenticator. Ask another administrator.")
    with transaction.atomic():
        TOTPDevice.objects.filter(user_id=membership.user_id).delete()
        audit_record(actor=actor, verb="user.two_factor_reset", target=membership.user)


def lockout_clear(*, actor: Any, membership: Any) -> None:
    """Unlock an account that django-axes locked after repeated failures."""
    from axes.utils import reset

    _require_own_staff(actor, membership, whole_account=True)
    with transaction.atomic():
        reset(username=membership.user.get_username())
        audit_record(actor=actor, verb="user.unlocked", target=membership.user)


def _require_account_in_own_agency(actor: Any, user: Any) -> Any:
    """The administrator's agency, if ``user`` has a role (active or not) in it and in no other
    agency: switching a whole account off or on would otherwise decide for another agency too."""
    from csphub.agencies.models import Membership
    from csphub.core.errors import ApplicationError

    agency = _require_manage_users(actor)
    if not Membership.objects.filter(user=user, agency=agency).exists():
        raise ApplicationError("You can only manage your own agency's staff")
    if _works_elsewhere(user, agency):
        raise ApplicationError(
            "This person also works for another agency, so only that agency's administrator and yours "
            "together can change their sign-in. Contact the partnership coordinator."
        )
    return agency


def user_deactivate(*, actor: Any, user: Any) -> None:
    """Switch a member of staff's account off: they cannot sign in, and a session they have open
    ends at their next request (Django refuses an inactive user's session). Their roles, records and
    audit trail are kept, so :func:`user_reactivate` restores the account as it was."""
    from csphub.core.errors import ApplicationError

    if user.pk == acting_user(actor).pk:
        raise ApplicationError("You cannot deactivate your own account. Ask another administrator.")
    _require_account_in_own_agency(actor, user)
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if not user.is_active:
            raise ApplicationError(f"{user.get_username()}'s account is already deactivated")
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit_record(actor=actor, verb="user.deactivated", target=user, changed_fields=["is_active"])


def user_reactivate(*, actor: Any, user: Any) -> None:
    """Switch a deactivated account back on, with the roles it had (audited)."""
    from csphub.core.errors import ApplicationError

    _require_account_in_own_agency(actor, user)
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.is_active:
            raise ApplicationError(f"{user.get_username()}'s account is already active")
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit_record(actor=actor, verb="user.reactivated", target=user, changed_fields=["is_active"])
