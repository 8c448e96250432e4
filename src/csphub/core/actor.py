"""Who is acting: one value per request, passed to services, selectors and the audit trail.

An :class:`Actor` is a signed-in user *in* one membership (an agency and a role). The agencies
middleware builds it once per request and sets it as ``request.actor``; an anonymous request has
no actor. ``actor.policy`` is the permission policy bound to this actor (built on first use and
kept for the request, so that a page asks the database for the actor's shares once, not once per
question).

This module sits on the ground floor and imports nothing above it at run time: the agencies app
registers how to find a user's acting membership and how to build a policy
(:func:`register_agencies`) when Django starts. The names of the agencies types appear here for
the type checker only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, TypeAlias, cast

from django.http import HttpRequest

if TYPE_CHECKING:  # types only: at run time core never imports agencies
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser, User

    from csphub.agencies.models import Agency, Membership, Partnership
    from csphub.agencies.policies import Policy

# Attribute on the request's user object that holds the request's Actor, so that code still
# passing ``request.user`` reaches the same (cached) policy as code passing ``request.actor``.
USER_ACTOR_ATTR = "_csphub_actor"


@dataclass(frozen=True, eq=False)
class Actor:
    """A user acting in one membership (or in none, which the policy treats as "may do nothing").

    ``partnership`` is the partnership acted in (``agencies.Partnership``): the one chosen in the
    session (``partnership_id``) if the acting agency sits in it, else the installation's default;
    None when no partnership is set up (the installation's name from the settings stands for it).
    It is looked up on first use only, so pages that do not ask pay no query.
    """

    user: User
    membership: Membership | None
    partnership_id: int | None = None
    # Every active membership of the user (the agencies they may switch to), when the middleware
    # fetched them with the acting one; None when not fetched (an Actor built outside a request).
    memberships: tuple[Membership, ...] | None = None

    @property
    def agency(self) -> Agency | None:
        return self.membership.agency if self.membership is not None else None

    @property
    def role(self) -> str:
        return self.membership.role if self.membership is not None else ""

    @property
    def pk(self) -> int:
        """The user's primary key (so that ``created_by=actor.user`` and ``actor.pk`` agree)."""
        return self.user.pk

    @cached_property
    def partnership(self) -> Partnership | None:
        return _partnership_resolver(self) if _partnership_resolver is not None else None

    @cached_property
    def policy(self) -> Policy:
        if _policy_factory is None:  # pragma: no cover - the agencies app registers it at start-up
            raise RuntimeError("No permission policy is registered (is csphub.agencies installed?).")
        return _policy_factory(self)

    def __repr__(self) -> str:
        membership = self.membership
        where = f"{membership.agency_id}/{membership.role}" if membership is not None else "no membership"
        return f"Actor(user={self.user.pk}, {where})"


_policy_factory: Callable[[Actor], Policy] | None = None
_partnership_resolver: Callable[[Actor], Partnership | None] | None = None
_membership_resolver: Callable[[User], Membership | None] | None = None


def register_agencies(
    *, policy: Callable[[Actor], Policy], acting_membership: Callable[[User], Membership | None]
) -> None:
    """Called by the agencies app when Django starts (the ground floor's one upward hook)."""
    global _policy_factory, _membership_resolver
    _policy_factory = policy
    _membership_resolver = acting_membership


def register_partnerships(resolver: Callable[[Actor], Partnership | None]) -> None:
    """Called by the agencies app when Django starts: how an Actor finds its partnership."""
    global _partnership_resolver
    _partnership_resolver = resolver


def as_actor(user_or_actor: Actor | AbstractBaseUser | AnonymousUser | None) -> Actor | None:
    """The Actor for an Actor, a signed-in user, or None.

    A user object carries its request's Actor (set by the middleware). Outside a request (commands,
    services called from tests) a fresh Actor is built from the user's acting membership on each
    call, so that a question asked there is answered from the database as it is now.
    """
    if user_or_actor is None or isinstance(user_or_actor, Actor):
        return user_or_actor
    user = user_or_actor
    if not getattr(user, "is_authenticated", False):
        return None
    attached = getattr(user, USER_ACTOR_ATTR, None)
    if isinstance(attached, Actor):
        return attached
    signed_in = cast("User", user)  # AUTH_USER_MODEL is Django's User
    membership = _membership_resolver(signed_in) if _membership_resolver is not None else None
    return Actor(user=signed_in, membership=membership)


def user_of(user_or_actor: Actor | User | None) -> User | None:
    """The user behind an Actor (or the user itself)."""
    if isinstance(user_or_actor, Actor):
        return user_or_actor.user
    return user_or_actor


# What a service's ``actor`` is: the request's Actor (views pass ``request.actor``), or a user
# where there is no request (the demo loader, commands, tests), resolved by :func:`as_actor`.
ActorOrUser: TypeAlias = "Actor | User"


def acting_user(actor: Actor | User) -> User:
    """The user to record as ``created_by``/``modified_by`` (or owner, issuer...) of a write."""
    return actor.user if isinstance(actor, Actor) else actor


class ActorRequest(HttpRequest):
    """The type of a request that passed the agencies middleware: ``request.actor`` is set.

    ``actor`` is None for an anonymous request; views behind sign-in annotate their request with
    :class:`SignedInRequest`, where it is always an Actor.
    """

    actor: Actor | None


class SignedInRequest(HttpRequest):
    """A request from a signed-in user (every staff page): ``request.actor`` is always an Actor."""

    user: User
    actor: Actor
