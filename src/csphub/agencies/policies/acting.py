"""The acting membership: the agency and role a user acts in, one at a time, and the actor built from it."""

from __future__ import annotations

from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import models

from csphub.agencies.models import Membership
from csphub.core.actor import USER_ACTOR_ATTR, Actor

UserOrActor = Actor | AbstractBaseUser | AnonymousUser | None

M = TypeVar("M", bound=models.Model)

ACTING_ATTR = "_csphub_acting_membership"


# --- acting membership ------------------------------------------------------------------------


def acting_membership(user: UserOrActor) -> Membership | None:
    """The membership ``user`` acts in now, or None (which denies everything).

    Given an :class:`Actor`, its membership (while active). Given a user: set per request by the
    middleware from the session; outside a request (commands, services called from tests) a user
    with exactly one active membership acts in it.
    """
    if isinstance(user, Actor):
        return _effective_membership(user)
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    membership: Membership | None = getattr(user, ACTING_ATTR, None)
    if membership is not None:
        return membership if membership.is_active else None
    memberships = list(
        Membership.objects.filter(user_id=user.pk, is_active=True).select_related("agency")[:2]
    )
    if len(memberships) == 1:
        setattr(user, ACTING_ATTR, memberships[0])
        return memberships[0]
    return None


def _effective_membership(actor: Actor) -> Membership | None:
    membership = actor.membership
    if membership is None or not membership.is_active or not actor.user.is_active:
        return None
    return membership


def set_acting_membership(user: AbstractBaseUser, membership: Membership | None) -> None:
    """Make ``user`` act in ``membership`` for the rest of this request or command."""
    if membership is not None and (membership.user_id != user.pk or not membership.is_active):
        raise ValueError("A user can only act in one of their own active memberships.")
    setattr(user, ACTING_ATTR, membership)
    if hasattr(user, USER_ACTOR_ATTR):  # the request's Actor was for the previous membership
        delattr(user, USER_ACTOR_ATTR)


def actor_for(
    user: User,
    membership: Membership | None,
    *,
    memberships: tuple[Membership, ...] | None = None,
    partnership_id: int | None = None,
) -> Actor:
    """The request's Actor: ``user`` acting in ``membership`` (``memberships``: all their active ones).

    The user object carries the Actor too, so that code that still passes ``request.user`` asks
    the same (cached) policy as code that passes ``request.actor``.
    """
    set_acting_membership(user, membership)
    actor = Actor(user=user, membership=membership, memberships=memberships, partnership_id=partnership_id)
    setattr(user, USER_ACTOR_ATTR, actor)
    return actor
