"""Strategic Assessment runs: aggregate, non-personal results of the analytics pipeline."""

from __future__ import annotations

from django.db import models

from csphub.core.models import BaseModel


class AssessmentRun(BaseModel):
    """One run of ``csphub.analytics.pipeline.run_assessment`` rendered by ``csphub.reports``.

    The files (assessment.json, report.html, CSVs, optional PDF) live under the data directory in
    ``output_dir``; ``headline`` keeps the board's headline figures for lists and the home page.
    """

    area_query = models.CharField(max_length=200)
    area_name = models.CharField(max_length=200)
    date_from = models.CharField(max_length=7)  # YYYY-MM
    date_to = models.CharField(max_length=7)
    output_dir = models.CharField(max_length=500)
    headline = models.JSONField(default=list)
    notes = models.JSONField(default=list)
    generated_at = models.DateTimeField()

    NOT_PERSONAL_DATA = frozenset(
        {"area_query", "area_name", "date_from", "date_to", "output_dir", "headline", "notes", "generated_at"}
    )

    class Meta:
        ordering = ["-generated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["area_query", "date_from", "date_to"], name="assessment_run_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.area_name} {self.date_from} to {self.date_to}"
