"""What django-axes stores for a failed sign-in: the username only if it is a real account.

Axes keeps every attempt (``axes_accessattempt`` / ``axes_accessfailurelog``) and locks out by
username. A mistyped or invented username is not a member of staff and may be someone's name or
another password, so it is stored as a keyed digest instead: lock-out still counts attempts per
name, but the name itself is not kept (as the app's own audit never keeps it).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.utils.crypto import salted_hmac

UNKNOWN_PREFIX = "unknown-account:"


def axes_username(request: Any, credentials: dict[str, Any] | None) -> str:
    username = ""
    if credentials:
        username = str(credentials.get("username") or "")
    elif request is not None and getattr(request, "POST", None) is not None:
        username = str(request.POST.get("username") or "")
    if not username or get_user_model().objects.filter(username=username).exists():
        return username
    return UNKNOWN_PREFIX + salted_hmac("csphub.accounts.axes", username).hexdigest()[:24]
