"""Multi-agency panels: the panel, its meetings and their agenda."""

from __future__ import annotations

from django.db import models

from csphub.agencies.models import OwnedRecord, PartnershipRecord
from csphub.cases.models.casework import Case
from csphub.core.models import BaseModel

# --------------------------------------------------------------------------------------------
# Multi-agency panels
# --------------------------------------------------------------------------------------------


class PanelKind(models.TextChoices):
    ASB_ACTION_GROUP = "asb_action_group", "ASB action group"
    HIGH_RISK = "high_risk", "High-risk panel"
    COMPLEX_CASE = "complex_case", "Complex case panel"


class Panel(PartnershipRecord, OwnedRecord):
    """A standing multi-agency meeting, run under one Information Sharing Agreement."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=24, choices=PanelKind.choices)
    agreement = models.ForeignKey(
        "agencies.InformationSharingAgreement", on_delete=models.PROTECT, related_name="+"
    )
    terms_of_reference = models.TextField(blank=True)

    NOT_PERSONAL_DATA = frozenset({"name", "kind", "agreement", "terms_of_reference"})

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PanelMeeting(BaseModel):
    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="meetings")
    held_at = models.DateTimeField()
    location = models.CharField(max_length=200, blank=True)
    minutes = models.TextField(blank=True)
    attending_agencies = models.ManyToManyField("agencies.Agency", related_name="+", blank=True)

    SPECIAL_CATEGORY_DATA = frozenset({"minutes"})
    NOT_PERSONAL_DATA = frozenset({"panel", "held_at", "location", "attending_agencies"})

    class Meta:
        ordering = ["-held_at", "-id"]


class AgendaItem(BaseModel):
    """A case on a meeting's agenda. Adding it shares the case's summary with attending agencies."""

    meeting = models.ForeignKey(PanelMeeting, on_delete=models.CASCADE, related_name="agenda_items")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="agenda_items")
    reason = models.CharField(max_length=500)
    decision = models.TextField(blank=True)

    SPECIAL_CATEGORY_DATA = frozenset({"reason", "decision"})
    NOT_PERSONAL_DATA = frozenset({"meeting", "case"})

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "case"], name="agendaitem_unique")]
