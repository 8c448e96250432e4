"""Builds the request's Actor: the signed-in user in the membership chosen in the session."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from csphub.agencies.models import Membership
from csphub.agencies.policies import actor_for

SESSION_KEY = "csphub_acting_membership_id"


class ActingMembershipMiddleware:
    """Sets ``request.actor`` (an :class:`~csphub.core.actor.Actor`) once per request.

    An anonymous request has ``request.actor = None``. The API's token authentication sets it
    again for the token's membership.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        actor = None
        if user.is_authenticated:
            memberships = Membership.objects.filter(user=user, is_active=True).select_related("agency")
            chosen = None
            membership_id = request.session.get(SESSION_KEY)
            if membership_id is not None:
                chosen = memberships.filter(pk=membership_id).first()
            if chosen is None:
                chosen = memberships.order_by("agency__name", "role").first()
                if chosen is not None:
                    request.session[SESSION_KEY] = chosen.pk
            actor = actor_for(user, chosen)
        request.actor = actor  # type: ignore[attr-defined]  # read as ActorRequest.actor
        return self.get_response(request)
