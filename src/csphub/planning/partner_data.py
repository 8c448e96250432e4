"""Partners' own counts brought into the Strategic Assessment (see ``analytics.sources.partner_counts``).

An upload is checked whole against the published data dictionary and stored all or nothing in one
transaction; each count is keyed by (agency, measure, month, area), so loading the same file again
changes nothing and a corrected file replaces the figures it gives. Aggregate counts: no person.
"""

from __future__ import annotations

from django.db import models

from csphub.agencies.models import Agency
from csphub.core.models import BaseModel


class PartnerUploadStatus(models.TextChoices):
    DONE = "done", "Loaded"
    UNCHANGED = "unchanged", "Already loaded"
    FAILED = "failed", "Not loaded"


class PartnerDataUpload(BaseModel):
    """One file of counts a partner agency supplied, with what loading it did.

    The upload belongs to the partnership it was loaded in (its list shows only that partnership's
    files; a county board's, its districts'). The counts themselves are keyed by agency and area, so
    a county-wide partner's file serves each partnership whose area it covers.
    """

    partnership = models.ForeignKey("agencies.Partnership", on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=PartnerUploadStatus.choices)
    rows_read = models.PositiveIntegerField(default=0)
    counts_added = models.PositiveIntegerField(default=0)
    counts_replaced = models.PositiveIntegerField(default=0)
    counts_unchanged = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list)  # "file, line N, field: ..." worded for the partner

    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | frozenset(
        {
            "partnership", "agency", "file_name", "sha256", "status", "rows_read", "counts_added", "counts_replaced",
            "counts_unchanged", "problems",
        }
    )  # fmt: skip

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"


class PartnerCount(BaseModel):
    """One count: ``value`` of ``measure`` in ``area_code`` in ``month``, as ``agency`` supplied it."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    measure = models.CharField(max_length=60)
    month = models.CharField(max_length=7)  # YYYY-MM
    area_code = models.CharField(max_length=9)
    value = models.PositiveIntegerField()
    upload = models.ForeignKey(PartnerDataUpload, on_delete=models.PROTECT, related_name="counts")

    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | frozenset(
        {"agency", "measure", "month", "area_code", "value", "upload"}
    )

    class Meta:
        ordering = ["measure", "month", "area_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "measure", "month", "area_code"], name="partner_count_unique"
            )
        ]
