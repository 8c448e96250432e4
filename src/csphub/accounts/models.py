"""Role grants need two people: one administrator asks, a second administrator (or the agency's
partnership coordinator) approves. Until then the role does not exist."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from csphub.agencies.models import Agency, Role
from csphub.core.models import BaseModel


class GrantStatus(models.TextChoices):
    PENDING = "pending", "Waiting for approval"
    APPROVED = "approved", "Approved"
    REFUSED = "refused", "Refused"


class RoleGrantRequest(BaseModel):
    """An administrator's request to give ``user`` ``role`` in ``agency`` (``created_by`` asked)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=32, choices=Role.choices)
    status = models.CharField(max_length=16, choices=GrantStatus.choices, default=GrantStatus.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    PERSONAL_DATA = frozenset({"user", "decided_by"})
    NOT_PERSONAL_DATA = frozenset({"agency", "role", "status", "decided_at"})

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "role"],
                condition=models.Q(status="pending"),
                name="role_grant_one_pending_per_role",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}, {self.agency.short_name} ({self.get_status_display()})"
