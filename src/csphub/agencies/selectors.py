"""Reading agencies, memberships and agreements."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.utils import timezone

from csphub.agencies.models import Agency, InformationSharingAgreement, Membership, Notification
from csphub.core.actor import Actor, as_actor, user_of


def agency_list() -> QuerySet[Agency]:
    return Agency.objects.all()


def memberships_of(user: Actor | User | AnonymousUser) -> list[Membership]:
    """The user's active memberships (agency name, role order); the request's, fetched once."""
    actor = as_actor(user)
    if actor is not None and actor.memberships is not None:
        return list(actor.memberships)
    return list(Membership.objects.filter(user=user_of(actor), is_active=True).select_related("agency"))


def agreements_in_force_for(agency: Agency) -> QuerySet[InformationSharingAgreement]:
    today = timezone.localdate()
    return InformationSharingAgreement.objects.filter(
        parties=agency, start_date__lte=today, review_date__gte=today, ended_on__isnull=True
    ).distinct()


def notifications_for(user: User, *, limit: int = 50) -> list[Notification]:
    """The user's newest notifications (their own only)."""
    return list(Notification.objects.filter(user=user)[:limit])


def unread_notification_count(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
