"""Who may open a restricted register: named members of its compartment, in one agency each."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from csphub.agencies.policies import Compartment
from csphub.core.models import BaseModel

COMPARTMENT_LABELS: dict[str, str] = {
    Compartment.MODERN_SLAVERY: "Modern slavery duty to notify",
    Compartment.PREVENT: "Prevent and Channel",
    Compartment.DOMESTIC_HOMICIDE_REVIEW: "Domestic Homicide Reviews",
}


class CompartmentRole(models.TextChoices):
    LEAD = "lead", "Lead (single point of contact)"
    PANEL_MEMBER = "panel_member", "Panel member"


class CompartmentMember(BaseModel):
    """``user``, acting in ``agency``, may open ``compartment`` (until ``ended_at``)."""

    compartment = models.CharField(max_length=32, choices=[(c, COMPARTMENT_LABELS[c]) for c in Compartment])
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=16, choices=CompartmentRole.choices, default=CompartmentRole.LEAD)
    ended_at = models.DateTimeField(null=True, blank=True)

    PERSONAL_DATA = frozenset({"user"})
    NOT_PERSONAL_DATA = frozenset({"compartment", "agency", "role", "ended_at"})

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["compartment", "user", "agency"],
                condition=models.Q(ended_at__isnull=True),
                name="compartment_member_once",
            )
        ]
