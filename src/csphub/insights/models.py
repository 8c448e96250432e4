"""Strategic Assessment runs: aggregate, non-personal results of the analytics pipeline."""

from __future__ import annotations

from django.db import models

from csphub.core.models import BaseModel


class AssessmentRun(BaseModel):
    """One run of ``csphub.analytics.pipeline.run_assessment`` rendered by ``csphub.reports``.

    The files (assessment.json, report.html, CSVs, optional PDF) live under the data directory in
    ``output_dir``; ``headline`` keeps the board's headline figures for lists and the home page.
    A run belongs to the partnership it was made in: its report lists that partnership's own data
    sources, only that partnership (and a county board above it) sees it, and only a run of the
    partnership's area, or its own run within its area, may become its official assessment.
    """

    partnership = models.ForeignKey(
        "agencies.Partnership", on_delete=models.PROTECT, related_name="assessment_runs"
    )
    area_query = models.CharField(max_length=200)
    area_name = models.CharField(max_length=200)
    date_from = models.CharField(max_length=7)  # YYYY-MM
    date_to = models.CharField(max_length=7)
    output_dir = models.CharField(max_length=500)
    headline = models.JSONField(default=list)
    notes = models.JSONField(default=list)
    generated_at = models.DateTimeField()

    NOT_PERSONAL_DATA = frozenset(
        {
            "partnership",
            "area_query",
            "area_name",
            "date_from",
            "date_to",
            "output_dir",
            "headline",
            "notes",
            "generated_at",
        }
    )

    class Meta:
        ordering = ["-generated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "area_query", "date_from", "date_to"], name="assessment_run_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.area_name} {self.date_from} to {self.date_to}"


class UploadStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Loading"
    DONE = "done", "Loaded"
    FAILED = "failed", "Not loaded"


class DataUpload(BaseModel):
    """police.uk files an analyst uploaded, loaded into the analytics store by a background job.

    The job updates the counts as each file is read, so the page can show progress; at the end it
    records what was stored, what was quarantined (file, line and reason) and which months replaced
    earlier data. A failed load changes nothing in the store (the ingest is all or nothing) and
    keeps the reasons, worded for the analyst, in ``problems``. The police.uk store is shared by
    every partnership of the installation; the upload record belongs to the partnership the analyst
    loaded it in, and only that partnership's analysts (and its county board) list it.
    """

    partnership = models.ForeignKey("agencies.Partnership", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=UploadStatus.choices, default=UploadStatus.QUEUED)
    folder = models.CharField(max_length=100)  # under DATA_DIR/uploads, removed once loaded
    file_names = models.JSONField(default=list)
    files_total = models.PositiveIntegerField(default=0)
    files_done = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    rows_stored = models.PositiveIntegerField(default=0)
    rows_quarantined = models.PositiveIntegerField(default=0)
    files_unchanged = models.PositiveIntegerField(default=0)
    months_loaded = models.JSONField(default=list)  # "force month (dataset)" newly stored
    months_replaced = models.JSONField(default=list)  # ... that replaced earlier data
    quarantined = models.JSONField(default=list)  # {"file", "line", "reason"}, at most QUARANTINE_KEPT
    problems = models.JSONField(default=list)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    QUARANTINE_KEPT = 5000

    NOT_PERSONAL_DATA = frozenset(
        {
            "partnership",
            "status",
            "folder",
            "file_names",
            "files_total",
            "files_done",
            "rows_done",
            "rows_stored",
            "rows_quarantined",
            "files_unchanged",
            "months_loaded",
            "months_replaced",
            "quarantined",
            "problems",
            "started_at",
            "finished_at",
        }
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Upload {self.pk} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (UploadStatus.DONE, UploadStatus.FAILED)


class AssessmentAdoption(BaseModel):
    """A partnership's decision that one run is its official Strategic Assessment.

    Appended, never edited: the latest row of a partnership is the official assessment, the rows
    before it are its history (who adopted which run, and when). Home pages and the Plan read the
    adopted run, never merely the most recent one (an analyst's trial run is not the board's).
    """

    partnership = models.ForeignKey(
        "agencies.Partnership", on_delete=models.PROTECT, related_name="assessment_adoptions"
    )
    run = models.ForeignKey(AssessmentRun, on_delete=models.PROTECT, related_name="adoptions")
    note = models.CharField(max_length=500, blank=True)

    NOT_PERSONAL_DATA = frozenset({"partnership", "run", "note"})

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.run} adopted by {self.partnership}"
