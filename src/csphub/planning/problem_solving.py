"""Hot-spot problem solving (SARA: scanning, analysis, response, assessment).

A coordinator opens a place-based plan from a hot spot of the partnership's adopted Strategic
Assessment: the plan keeps the hot-spot grid it came from and the cells it covers, so that its
assessment step can count crimes in those cells and in comparison cells from the analytics store
(``csphub.analytics.diffindiff``). Partners' responses are actions of named agencies.

Place-based and aggregate: the free text describes places and patterns, never people (a person's
details belong in a case record), and the form says so.
"""

from __future__ import annotations

from django.db import models

from csphub.agencies.models import Agency, PartnershipRecord
from csphub.core.models import BaseModel


class Stage(models.TextChoices):
    SCANNING = "scanning", "Scanning"
    ANALYSIS = "analysis", "Analysis"
    RESPONSE = "response", "Response"
    ASSESSMENT = "assessment", "Assessment"


class ProblemSolvingPlan(PartnershipRecord, BaseModel):
    """One place-based problem: where it is (grid cells of the adopted assessment's hot spots) and
    the four SARA stages. ``assessment`` is the frozen result of the last assessment step."""

    title = models.CharField(max_length=200)
    area_name = models.CharField(max_length=200)
    assessment_run_id = models.IntegerField()  # insights.AssessmentRun the hot spot came from
    assessment_label = models.CharField(max_length=300)
    # the hot-spot grid: x_min_m, y_min_m, cell_size_m, n_cols, n_rows (EPSG:27700 metres)
    grid = models.JSONField()
    cells = models.JSONField()  # [[col, row], ...] the treated cells
    candidate_cells = models.JSONField(default=list)  # the area's cells that were not hot: comparison pool
    crime_types = models.JSONField(default=list)  # the hot spots' crime types (police.uk names)
    place_description = models.CharField(max_length=300)  # e.g. "On or near Market Place"
    scanning = models.TextField(blank=True)
    analysis = models.TextField(blank=True)
    response_started = models.CharField(max_length=7, blank=True)  # YYYY-MM: first month of the response
    assessment = models.JSONField(null=True, blank=True)
    assessed_at = models.DateTimeField(null=True, blank=True)

    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | frozenset(
        {
            "title", "area_name", "assessment_run_id", "assessment_label", "grid", "cells",
            "candidate_cells", "crime_types", "place_description", "scanning", "analysis",
            "response_started", "assessment", "assessed_at",
        }
    )  # fmt: skip

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def stage(self) -> Stage:
        """How far the plan has got: the first stage not yet written."""
        if not self.scanning:
            return Stage.SCANNING
        if not self.analysis:
            return Stage.ANALYSIS
        if not self.response_started:
            return Stage.RESPONSE
        return Stage.ASSESSMENT

    def cell_list(self) -> list[tuple[int, int]]:
        return [(int(c), int(r)) for c, r in self.cells]


class ResponseStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    UNDER_WAY = "under_way", "Under way"
    DONE = "done", "Done"
    DROPPED = "dropped", "Stopped"


class ProblemResponse(BaseModel):
    """One partner's action in the response stage."""

    plan = models.ForeignKey(ProblemSolvingPlan, on_delete=models.CASCADE, related_name="responses")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=300)
    due_on = models.DateField()
    status = models.CharField(max_length=12, choices=ResponseStatus.choices, default=ResponseStatus.PLANNED)

    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | frozenset(
        {"plan", "agency", "action", "due_on", "status"}
    )

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.agency}: {self.action}"
