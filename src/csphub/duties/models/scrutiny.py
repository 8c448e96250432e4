"""The crime and disorder committee's recommendations and the partnership's responses (PJA 2006 s.19)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from csphub.agencies.models import PartnershipRecord
from csphub.core.models import BaseModel


class ScrutinyRecommendation(PartnershipRecord, BaseModel):
    """A recommendation of the council's crime and disorder committee, and the written response."""

    committee = models.CharField(max_length=200)
    meeting_on = models.DateField()
    received_on = models.DateField()
    recommendation = models.TextField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Who drafts the response.",
    )
    due_on = models.DateField()
    response = models.TextField(blank=True)
    accepted = models.BooleanField(null=True)
    responded_on = models.DateField(null=True, blank=True)
    rule_version = models.CharField(max_length=80)

    PERSONAL_DATA = frozenset({"owner"})
    NOT_PERSONAL_DATA = frozenset(
        {
            "committee",
            "meeting_on",
            "received_on",
            "recommendation",
            "due_on",
            "response",
            "accepted",
            "responded_on",
            "rule_version",
        }
    )

    class Meta:
        ordering = ["responded_on", "due_on", "id"]

    def __str__(self) -> str:
        return f"Recommendation of {self.meeting_on:%d %B %Y}"
