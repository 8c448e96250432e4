"""Protection of the public form: signed, time-stamped token + honeypot + per-IP limit (no CAPTCHA)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils import timezone

from csphub.core.ratelimit import take_slot

FORM_TOKEN_SALT = "csphub.casereviews.apply"  # noqa: S105 - a signing namespace, not a secret


def form_token_issue() -> str:
    return signing.TimestampSigner(salt=FORM_TOKEN_SALT).sign(secrets.token_urlsafe(12))


def form_token_problem(token: str, *, honeypot: str) -> str | None:
    """Why a submission looks automated, or None. The token is single-use (kept in the cache)."""
    if honeypot.strip():
        return "honeypot"
    min_seconds = float(getattr(settings, "CASEREVIEWS_MIN_FORM_SECONDS", 3))
    max_seconds = int(getattr(settings, "CASEREVIEWS_MAX_FORM_SECONDS", 4 * 3600))
    signer = signing.TimestampSigner(salt=FORM_TOKEN_SALT)
    try:
        nonce = signer.unsign(token, max_age=max_seconds)
    except signing.SignatureExpired:
        return "expired"
    except signing.BadSignature:
        return "bad_token"
    timestamp = signing.b62_decode(token.split(":")[-2])
    if (timezone.now().timestamp() - timestamp) < min_seconds:
        return "too_fast"
    if not cache.add(f"casereviews:token:{nonce}", 1, timeout=int(max_seconds) + 60):
        return "reused"
    return None


def submission_allowed(ip: str) -> bool:
    """At most ``CASEREVIEWS_SUBMISSIONS_PER_IP_PER_HOUR`` online applications per IP address per hour."""
    limit = int(getattr(settings, "CASEREVIEWS_SUBMISSIONS_PER_IP_PER_HOUR", 5))
    return take_slot(f"casereviews:ip:{ip}", limit=limit, window_seconds=3600)


def status_check_allowed(ip: str) -> bool:
    limit = int(getattr(settings, "CASEREVIEWS_STATUS_CHECKS_PER_IP_PER_HOUR", 20))
    return take_slot(f"casereviews:status-ip:{ip}", limit=limit, window_seconds=3600)
