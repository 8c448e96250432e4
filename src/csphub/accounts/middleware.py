"""Idle time-out and the two-factor requirement for every signed-in staff session."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

LAST_ACTIVITY_KEY = "csphub_last_activity"
SIGNED_IN_AT_KEY = "csphub_signed_in_at"
# The last activity is recorded at most once a minute: a user is signed out between N and N + 1
# minutes after their last request (N = CSPHUB_IDLE_TIMEOUT_MINUTES).
ACTIVITY_RESOLUTION_S = 60


class IdleTimeoutMiddleware:
    """Sign the user out after ``CSPHUB_IDLE_TIMEOUT_MINUTES`` without a request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            last = request.session.get(LAST_ACTIVITY_KEY)
            limit_s = settings.CSPHUB_IDLE_TIMEOUT_MINUTES * 60
            if last is not None and now - float(last) > limit_s:
                from csphub.accounts.services import record_session_timeout

                record_session_timeout(user=request.user)
                logout(request)
                messages.info(
                    request,
                    f"You were signed out because you had not done anything for "
                    f"{settings.CSPHUB_IDLE_TIMEOUT_MINUTES} minutes. Sign in again to carry on.",
                )
                return redirect(settings.LOGIN_URL)
            # Writing the session on every request is a database write (and a new cookie) per page;
            # the clock needs only minute precision against a 30-minute limit.
            if last is None or now - float(last) >= ACTIVITY_RESOLUTION_S:
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)


class SessionCapMiddleware:
    """A hard cap on a signed-in session: ``CSPHUB_SESSION_MAX_HOURS`` (12) after sign-in, however
    active it is. Activity moves the idle clock, never this one.

    The sign-in view records when the session signed in; a session without that record (one made
    before this cap existed) starts its clock at its first request. The cookie still ends when the
    browser closes (``SESSION_EXPIRE_AT_BROWSER_CLOSE``); the stored session row may outlive the
    cap, but it can no longer be used.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            signed_in_at = request.session.get(SIGNED_IN_AT_KEY)
            if signed_in_at is None:
                signed_in_at = request.session[SIGNED_IN_AT_KEY] = now
            cap_s = settings.CSPHUB_SESSION_MAX_HOURS * 60 * 60
            left = int(float(signed_in_at) + cap_s - now)
            if left <= 0:
                from csphub.accounts.services import record_session_cap

                record_session_cap(user=request.user)
                logout(request)
                messages.info(
                    request,
                    f"You were signed out because you signed in more than "
                    f"{settings.CSPHUB_SESSION_MAX_HOURS} hours ago. Sign in again to carry on.",
                )
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)


class RequireTwoFactorMiddleware:
    """A session that is signed in but not verified with a second factor is signed out.

    The sign-in view only logs a user in after both factors pass, so this is the belt to its
    braces: no code path can produce a half-authenticated staff session.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not getattr(user, "is_verified", lambda: False)():
            logout(request)
            return redirect(settings.LOGIN_URL)
        return self.get_response(request)
