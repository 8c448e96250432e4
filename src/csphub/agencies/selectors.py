"""Reading agencies, memberships and agreements."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet
from django.utils import timezone

from csphub.agencies.models import (
    Agency,
    InformationSharingAgreement,
    Membership,
    Notification,
    Partnership,
    PartnershipKind,
)
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


def notifications_for(user: User, *, limit: int = 50) -> list[Notification]:
    """The user's newest notifications (their own only)."""
    return list(Notification.objects.filter(user=user)[:limit])


def unread_notification_count(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def partnerships_of(agency: Agency | None) -> list[Partnership]:
    """The partnerships ``agency`` sits in: district CSPs first (by name), then boards."""
    if agency is None:
        return []
    found = list(agency.partnerships.select_related("parent"))
    return sorted(found, key=lambda p: (p.kind != PartnershipKind.CSP, p.name))


def default_partnership(options: list[Partnership], chosen_id: int | None = None) -> Partnership | None:
    """The one chosen, if offered; else the installation's (``CSPHUB_PARTNERSHIP_CODE``); else the first."""
    if not options:
        return None
    chosen = next((p for p in options if p.pk == chosen_id), None)
    if chosen is not None:
        return chosen
    code = getattr(settings, "CSPHUB_PARTNERSHIP_CODE", "")
    return next((p for p in options if code and p.code == code), options[0])


def partnership_for(actor: Actor) -> Partnership | None:
    """The partnership ``actor`` acts in (registered with core.actor; see ``Actor.partnership``)."""
    return default_partnership(partnerships_of(actor.agency), actor.partnership_id)


def partnership_session(agency: Agency | None, chosen_id: int | None = None) -> dict[str, object] | None:
    """What the session keeps about the partnership acted in: its id and name, and how many the
    acting ``agency`` sits in (the header offers a switch when there are several)."""
    options = partnerships_of(agency)
    chosen = default_partnership(options, chosen_id)
    if chosen is None:
        return None
    return {"id": chosen.pk, "name": chosen.name, "choices": len(options)}


def installation_partnership() -> Partnership | None:
    """The installation's own partnership (``CSPHUB_PARTNERSHIP_CODE``), when it is set up."""
    code = getattr(settings, "CSPHUB_PARTNERSHIP_CODE", "")
    return Partnership.objects.filter(code=code).first() if code else None


def partnership_for_area(name: str) -> Partnership | None:
    """The district partnership whose area is ``name`` (e.g. "Amber Valley"), else the installation's."""
    found = Partnership.objects.filter(kind=PartnershipKind.CSP, area__iexact=name.strip()).first()
    return found or installation_partnership()
