"""API tokens for partner systems: bound to one membership (and the partnership it was issued in),
stored hashed, expiring, revocable."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from csphub.core.models import BaseModel


class ApiToken(BaseModel):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    membership = models.ForeignKey("agencies.Membership", on_delete=models.CASCADE, related_name="+")
    # The partnership its user acted in when it was issued: the token sees that partnership's
    # records only (None: the membership's default partnership, for tokens issued before issue 12).
    partnership = models.ForeignKey(
        "agencies.Partnership", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    PERSONAL_DATA = frozenset({"user"})
    NOT_PERSONAL_DATA = frozenset(
        {
            "membership",
            "partnership",
            "name",
            "prefix",
            "key_hash",
            "expires_at",
            "revoked_at",
            "last_used_at",
        }
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
