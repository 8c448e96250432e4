"""Issuing, revoking and checking API tokens. The secret is shown once and stored as SHA-256."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from csphub.agencies.policies import acting_membership, actor_for
from csphub.api.models import ApiToken
from csphub.audit.services import audit_record
from csphub.core.actor import ActorOrUser, acting_user, as_actor
from csphub.core.errors import ApplicationError, PermissionDeniedError

TOKEN_PREFIX = "csph_"  # noqa: S105 - a public prefix, not a secret
MAX_DAYS = 365


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def api_token_issue(*, actor: ActorOrUser, name: str, days: int = 90) -> tuple[ApiToken, str]:
    """A token acting in the actor's current membership. Returns (token, secret): show it once."""
    membership = acting_membership(actor)
    user = acting_user(actor)
    if membership is None:
        raise PermissionDeniedError("Choose the agency you are acting for first.")
    if not name.strip():
        raise ApplicationError(
            "Enter a name for the token, for example the system that will use it", field="name"
        )
    if not 1 <= days <= MAX_DAYS:
        raise ApplicationError(f"A token must expire within 1 to {MAX_DAYS} days", field="days")
    acting = as_actor(actor)
    partnership = acting.partnership if acting is not None else None
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            membership=membership,
            partnership=partnership,
            name=name.strip(),
            prefix=secret[:12],
            key_hash=_hash(secret),
            expires_at=timezone.now() + dt.timedelta(days=days),
            created_by=user,
            modified_by=user,
        )
        audit_record(actor=actor, verb="api_token.issued", target=token)
    return token, secret


def api_token_revoke(*, actor: ActorOrUser, token: ApiToken) -> None:
    if token.user_id != acting_user(actor).pk:
        raise PermissionDeniedError("You can only revoke your own tokens.")
    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
        audit_record(actor=actor, verb="api_token.revoked", target=token)


def api_token_authenticate(secret: str) -> Any | None:
    """The user the token acts for (with its membership set as acting), or None."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user", "membership__agency")
        .filter(key_hash=_hash(secret), revoked_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if token is None or not token.user.is_active or not token.membership.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    user = token.user
    # the user now carries the request's Actor (user._csphub_actor), in the token's partnership
    actor_for(user, token.membership, partnership_id=token.partnership_id)
    return user
