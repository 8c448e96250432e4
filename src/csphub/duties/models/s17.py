"""Crime and Disorder Act 1998 s.17 due-regard register and s.17A quarterly returns.

Neither holds personal data: an assessment is about a decision or policy of an authority, and a
return is depersonalised (SI 2007/1831) before it is stored: the rules refuse one that would leak.
"""

from __future__ import annotations

from django.db import models

from csphub.agencies.models import PartnershipRecord
from csphub.core.models import BaseModel


class S17Assessment(PartnershipRecord, BaseModel):
    """One authority's consideration of a decision or policy against the s.17(1) themes."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    decision_by = models.CharField(max_length=200, help_text="The body or post that decides (e.g. Cabinet).")
    decision_on = models.DateField()
    assessed_on = models.DateField()
    crime_disorder = models.TextField(blank=True)
    asb_environment = models.TextField(blank=True)
    substance_misuse = models.TextField(blank=True)
    reoffending = models.TextField(blank=True)
    serious_violence = models.TextField(blank=True)
    mitigation = models.TextField(blank=True)
    rule_version = models.CharField(max_length=80)

    NOT_PERSONAL_DATA = frozenset(
        {
            "agency",
            "title",
            "decision_by",
            "decision_on",
            "assessed_on",
            "crime_disorder",
            "asb_environment",
            "substance_misuse",
            "reoffending",
            "serious_violence",
            "mitigation",
            "rule_version",
        }
    )

    class Meta:
        ordering = ["-decision_on", "-id"]

    def __str__(self) -> str:
        return self.title


class S17AReturn(PartnershipRecord, BaseModel):
    """One relevant authority's depersonalised return for one three-month information period, to the
    other responsible authorities of one partnership (an authority in several makes one to each)."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    quarter_start = models.DateField()
    submitted_on = models.DateField()
    row_count = models.PositiveIntegerField()
    rule_version = models.CharField(max_length=80)

    NOT_PERSONAL_DATA = frozenset({"agency", "quarter_start", "submitted_on", "row_count", "rule_version"})

    class Meta:
        ordering = ["-quarter_start", "agency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "agency", "quarter_start"], name="s17a_return_once_per_quarter"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.quarter_start:%Y-%m}"


class S17ARow(BaseModel):
    """A depersonalised line of a return: what, when (date and time band), where (outward postcode)."""

    s17a_return = models.ForeignKey(S17AReturn, on_delete=models.CASCADE, related_name="rows")
    category = models.CharField(max_length=40)
    subcategory = models.CharField(max_length=100, blank=True)
    occurred_on = models.DateField()
    time_band = models.CharField(max_length=16)
    outward_postcode = models.CharField(max_length=4, blank=True)
    count = models.PositiveIntegerField()

    NOT_PERSONAL_DATA = frozenset(
        {"s17a_return", "category", "subcategory", "occurred_on", "time_band", "outward_postcode", "count"}
    )

    class Meta:
        ordering = ["occurred_on", "id"]
