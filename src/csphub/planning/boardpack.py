"""The quarterly board pack: a frozen snapshot of the figures the board reads each quarter.

``figures`` holds everything the pack shows (aggregates only), computed once when the pack is made,
so the pack reads the same whenever it is opened; the HTML and the PDF are rendered from it.
"""

from __future__ import annotations

from django.db import models

from csphub.core.models import BaseModel


class BoardPack(BaseModel):
    partnership = models.CharField(max_length=200)
    quarter = models.CharField(max_length=7)  # "2024-Q3"
    period_start = models.DateField()
    period_end = models.DateField()
    figures = models.JSONField()
    generated_in_ms = models.PositiveIntegerField(default=0)

    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | frozenset(
        {"partnership", "quarter", "period_start", "period_end", "figures", "generated_in_ms"}
    )

    class Meta:
        ordering = ["-period_end", "-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Board pack {self.quarter_label}"

    @property
    def quarter_label(self) -> str:
        year, q = self.quarter.split("-Q")
        return f"quarter {q} of {year} ({self.period_start:%B} to {self.period_end:%B %Y})"
