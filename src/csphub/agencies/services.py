"""Writes about agencies, memberships and sharing. Every write is audited in its transaction."""

from __future__ import annotations

import datetime as dt
import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import models, transaction
from django.utils import timezone

from csphub.agencies.models import (
    Agency,
    InformationSharingAgreement,
    Membership,
    Notification,
    Partnership,
    RecordNamedUser,
    RecordShare,
    Role,
    ShareScope,
)
from csphub.agencies.policies import Action, acting_membership, can, policy_facts_changed
from csphub.audit.services import audit_record
from csphub.core.actor import Actor, as_actor, user_of
from csphub.core.errors import ApplicationError, PermissionDeniedError

# The one acting (an Actor, or a user for callers not yet passing one), or None for the system.
ActorArg = Actor | User | None


def share_record(
    *,
    actor: ActorArg,
    obj: models.Model,
    agency: Agency,
    agreement: InformationSharingAgreement,
    scope: str = ShareScope.FULL,
    reason: str,
    check_permission: bool = True,
    expires_on: dt.date | None = None,
) -> RecordShare:
    """Share ``obj`` with ``agency`` under ``agreement``, until ``expires_on`` if given.

    The agreement must be in force and name both the owning and the receiving agency; a share may
    not outlast the agreement's review date. With ``check_permission`` False the caller has already
    decided (e.g. a panel the owner placed the case on); the share is still audited.
    """
    if check_permission and not can(actor, Action.SHARE, obj):
        raise PermissionDeniedError("You cannot share this record.")
    if not reason.strip():
        raise ApplicationError("Enter the reason for sharing", field="reason")
    if not agreement.is_in_force():
        raise ApplicationError(f"Information sharing agreement {agreement.reference} is not in force")
    if expires_on is not None:
        if expires_on < timezone.localdate():
            raise ApplicationError("The share cannot end before today", field="expires_on")
        if expires_on > agreement.review_date:
            raise ApplicationError(
                f"The share cannot outlast {agreement.reference}: it is due for review on "
                f"{agreement.review_date.day} {agreement.review_date:%B %Y}",
                field="expires_on",
            )
    party_ids = set(agreement.parties.values_list("pk", flat=True))
    owning_agency_id = getattr(obj, "owning_agency_id", None)
    if agency.pk not in party_ids or (owning_agency_id is not None and owning_agency_id not in party_ids):
        raise ApplicationError(
            f"{agency.short_name} and the owning agency must both be parties to {agreement.reference}"
        )
    content_type = ContentType.objects.get_for_model(type(obj))
    with transaction.atomic():
        share, created = RecordShare.objects.get_or_create(
            content_type=content_type,
            object_id=obj.pk,
            agency=agency,
            agreement=agreement,
            scope=scope,
            revoked_at=None,
            expires_on=expires_on,
            defaults={"reason": reason, "created_by": user_of(actor), "modified_by": user_of(actor)},
        )
        if created:
            until = f" until {expires_on.isoformat()}" if expires_on else ""
            audit_record(
                actor=actor,
                verb=f"{obj._meta.model_name}.shared",
                target=obj,
                justification=(
                    f"Shared with {agency.short_name} ({scope}){until} under {agreement.reference}: {reason}"
                ),
            )
    return share


def share_revoke(*, actor: ActorArg, share: RecordShare, reason: str) -> None:
    obj = share.record
    if obj is None or not can(actor, Action.SHARE, obj):
        raise PermissionDeniedError("You cannot change how this record is shared.")
    with transaction.atomic():
        RecordShare.objects.filter(pk=share.pk).update(revoked_at=timezone.now(), modified_by=user_of(actor))
        policy_facts_changed()  # update() sends no signal
        audit_record(
            actor=actor,
            verb=f"{obj._meta.model_name}.share_revoked",
            target=obj,
            justification=f"Sharing with {share.agency.short_name} revoked: {reason}",
        )


def name_user_on_record(
    *, actor: ActorArg, obj: models.Model, user: User, reason: str = ""
) -> RecordNamedUser:
    """Name ``user`` on ``obj`` so that they see it (the only way to see a restricted record)."""
    if actor is not None and user_of(actor) != user and not can(actor, Action.SHARE, obj):
        raise PermissionDeniedError("You cannot name users on this record.")
    content_type = ContentType.objects.get_for_model(type(obj))
    with transaction.atomic():
        named, created = RecordNamedUser.objects.get_or_create(
            content_type=content_type,
            object_id=obj.pk,
            user=user,
            defaults={"reason": reason, "created_by": user_of(actor), "modified_by": user_of(actor)},
        )
        if created:
            audit_record(
                actor=actor, verb=f"{obj._meta.model_name}.user_named", target=obj, justification=reason
            )
    return named


def membership_switch(*, actor: Actor | User, membership: Membership) -> Membership:
    """The actor chooses which of their memberships to act in; audited."""
    if membership.user_id != actor.pk or not membership.is_active:
        raise PermissionDeniedError("You can only act in one of your own memberships.")
    with transaction.atomic():
        audit_record(
            actor=actor,
            verb="membership.switched",
            target=membership,
            acting_agency=membership.agency,
        )
    return membership


def current_agency(actor: Actor | User | None) -> Agency:
    membership = acting_membership(actor)
    if membership is None:
        raise PermissionDeniedError("Choose the agency you are acting for.")
    return membership.agency


# Roles that act on records (and so are told when one is shared with their agency or needs them).
NOTIFIED_ROLES = (Role.CASEWORKER, Role.TEAM_MANAGER, Role.PARTNERSHIP_COORDINATOR)


def notify_agency(
    *, agency: Agency, subject: str, body: str = "", link: str = "", exclude: User | None = None
) -> list[Notification]:
    """Tell the staff of ``agency`` who work with records: a notification in the service, and an
    e-mail (Django's mail backend) after the transaction commits.

    ``subject`` and ``body`` name records by reference and agencies by name, never a person's details:
    the e-mail leaves the service. ``link`` is the page to open.
    """
    recipients = get_user_model().objects.filter(
        memberships__agency=agency,
        memberships__is_active=True,
        memberships__role__in=NOTIFIED_ROLES,
        is_active=True,
    )
    if exclude is not None:
        recipients = recipients.exclude(pk=exclude.pk)
    users = list(recipients.distinct().order_by("pk"))
    notes = Notification.objects.bulk_create(
        [Notification(user=user, subject=subject[:200], body=body, link=link[:300]) for user in users]
    )
    message = f"{body}\n\nSign in to CSP Hub: your Notifications page links to it."
    for user in users:
        if user.email:
            transaction.on_commit(functools.partial(send_mail, subject[:200], message, None, [user.email]))
    return notes


def notifications_mark_read(*, user: User) -> int:
    """Mark every unread notification of ``user`` as read (they have seen the list)."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def partnership_choose(*, actor: Actor | User, partnership: Partnership) -> Partnership:
    """The actor chooses which partnership to work in (one their acting agency sits in); audited."""
    who = as_actor(actor)
    agency = who.agency if who is not None else None
    if agency is None or not partnership.agencies.filter(pk=agency.pk).exists():
        raise PermissionDeniedError("You can only work in a partnership your agency sits in.")
    with transaction.atomic():
        audit_record(actor=actor, verb="partnership.chosen", target=partnership)
    return partnership
