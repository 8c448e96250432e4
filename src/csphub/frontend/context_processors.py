"""Service name, the acting membership and the navigation, on every page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from csphub.agencies.middleware import PARTNERSHIP_SESSION_KEY
from csphub.agencies.policies import acting_membership
from csphub.agencies.selectors import memberships_of
from csphub.frontend.registry import NAV_ITEMS


def service(request: HttpRequest) -> dict[str, Any]:
    context: dict[str, Any] = {
        "service_name": settings.CSPHUB_SERVICE_NAME,
        "partnership_name": settings.CSPHUB_PARTNERSHIP_NAME,
    }
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return context
    membership = acting_membership(user)
    # The partnership acted in, as the session keeps it (set at sign-in and when switching): no query.
    partnership = getattr(request, "session", {}).get(PARTNERSHIP_SESSION_KEY) or {}
    if partnership.get("name"):
        context["partnership_name"] = partnership["name"]
    context["other_partnerships"] = int(partnership.get("choices", 1)) > 1
    nav = []
    for item in NAV_ITEMS:
        try:
            if item.visible(user):
                url = reverse(item.url_name)
                nav.append({"label": item.label, "url": url, "active": request.path.startswith(url)})
        except NoReverseMatch:
            continue
    context.update(
        {
            "acting_membership": membership,
            "other_memberships": [
                m for m in memberships_of(user) if membership is None or m.pk != membership.pk
            ],
            "nav_items": nav,
        }
    )
    return context
