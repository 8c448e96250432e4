"""Reading agencies, memberships and agreements."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet
from django.utils import timezone

from csphub.agencies.models import Agency, InformationSharingAgreement, Membership
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
    # In force until the day it ends, like the shares made under it (policies._active_shares).
    return (
        InformationSharingAgreement.objects.filter(
            parties=agency, start_date__lte=today, review_date__gte=today
        )
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .distinct()
    )
