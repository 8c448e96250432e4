"""Builds the request's Actor: the signed-in user in the membership chosen in the session."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from csphub.agencies.models import Membership
from csphub.agencies.policies import actor_for

SESSION_KEY = "csphub_acting_membership_id"
# {"id", "name", "choices"} of the partnership acted in, set at sign-in and when switching, so that
# the header names it without a query on every page.
PARTNERSHIP_SESSION_KEY = "csphub_acting_partnership"


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
            # One query: every active membership, in the model's order (agency name, role), so
            # that the agency switcher on every page needs no query of its own.
            memberships = tuple(
                Membership.objects.filter(user=user, is_active=True)
                .select_related("agency")
                .order_by("agency__name", "role")
            )
            membership_id = request.session.get(SESSION_KEY)
            chosen = next((m for m in memberships if m.pk == membership_id), None)
            if chosen is None and memberships:
                chosen = memberships[0]
                request.session[SESSION_KEY] = chosen.pk
            partnership = request.session.get(PARTNERSHIP_SESSION_KEY) or {}
            actor = actor_for(user, chosen, memberships=memberships, partnership_id=partnership.get("id"))
        request.actor = actor  # type: ignore[attr-defined]  # read as ActorRequest.actor
        return self.get_response(request)
