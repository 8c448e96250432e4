"""The signed-in user's own API tokens (the token pages list and revoke only one's own)."""

from __future__ import annotations

from django.db.models import QuerySet

from csphub.api.models import ApiToken
from csphub.core.actor import ActorOrUser, acting_user


def tokens_of(actor: ActorOrUser) -> QuerySet[ApiToken]:
    """The actor's tokens (revoked and expired included), each with the agency it acts for."""
    return ApiToken.objects.filter(user_id=acting_user(actor).pk).select_related("membership__agency")


def token_of(actor: ActorOrUser, pk: int) -> ApiToken | None:
    """One of the actor's tokens, or None (someone else's token is not found, not refused)."""
    return tokens_of(actor).filter(pk=pk).first()
