"""Priority setting: scoring frameworks, scoring sessions, assessors' score sheets, adopted priorities.

Aggregate data only: nothing here names a member of the public. The arithmetic lives in
``csphub.analytics.morile``; these models keep the configuration and the raw levels each assessor
picked, so that every score recomputes under any framework version.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from csphub.analytics import morile
from csphub.core.models import BaseModel


class Theme(models.TextChoices):
    ASB = "asb", "Anti-social behaviour"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse and sexual violence"
    EXPLOITATION = "exploitation", "Exploitation"
    ORGANISED_CRIME = "organised_crime", "Organised crime and county lines"
    SERIOUS_VIOLENCE = "serious_violence", "Serious violence"
    MODERN_SLAVERY = "modern_slavery", "Modern slavery"
    PREVENT = "prevent", "Prevent"
    HATE_CRIME = "hate_crime", "Hate crime"
    ACQUISITIVE = "acquisitive", "Acquisitive crime"


class ScoringFramework(BaseModel):
    """One version of a scoring framework: never changed once saved (import a new version instead)."""

    name = models.CharField(max_length=200)
    version = models.CharField(max_length=50)
    source = models.TextField()
    config = models.JSONField()  # the framework file, as imported (morile.Framework.to_dict())

    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | frozenset({"name", "version", "source", "config"})

    class Meta:
        ordering = ["name", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="scoring_framework_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name}, version {self.version}"

    @property
    def framework(self) -> morile.Framework:
        return morile.Framework.from_dict(self.config)


class ScoringSession(BaseModel):
    """A partner engagement session: themes scored under one framework version, with the evidence
    from the Strategic Assessment as it stood when the session was opened."""

    title = models.CharField(max_length=200)
    framework = models.ForeignKey(ScoringFramework, on_delete=models.PROTECT, related_name="sessions")
    assessment_run_id = models.IntegerField(null=True, blank=True)  # insights.AssessmentRun, if any
    assessment_label = models.CharField(max_length=300, blank=True)
    evidence = models.JSONField(default=dict)  # theme key -> evidence (see services.theme_evidence)

    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | frozenset(
        {"title", "framework", "assessment_run_id", "assessment_label", "evidence"}
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def scores_submitted(self) -> int:
        """How many score sheets the session holds (what an adoption page's ranking was built on)."""
        return self.sheets.count()

    @property
    def adoptions_recorded(self) -> int:
        return self.adoptions.count()


class ScoreSheet(BaseModel):
    """One assessor's scores for one theme in a session. A re-score appends a new sheet; the latest
    sheet of each assessor counts, the earlier ones are kept."""

    session = models.ForeignKey(ScoringSession, on_delete=models.PROTECT, related_name="sheets")
    theme = models.CharField(max_length=40, choices=Theme.choices)
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    scored_at = models.DateTimeField()

    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | frozenset({"session", "theme", "assessor", "scored_at"})

    class Meta:
        ordering = ["-scored_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_theme_display()} by {self.assessor}"

    def levels(self) -> dict[str, int | None]:
        return {cell.cell: cell.value for cell in self.cells.all()}


class CellScore(BaseModel):
    """The raw level an assessor picked for one cell, with the evidence and the rationale."""

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="cells")
    cell = models.CharField(max_length=40, choices=[(k, label) for k, label, _ in morile.CELLS])
    value = models.IntegerField()
    evidence = models.TextField(blank=True)
    rationale = models.TextField(blank=True)

    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | frozenset(
        {"sheet", "cell", "value", "evidence", "rationale"}
    )

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["sheet", "cell"], name="cell_score_unique")]


class PriorityAdoption(BaseModel):
    """The board's decision: these themes are the partnership's priorities."""

    session = models.ForeignKey(ScoringSession, on_delete=models.PROTECT, related_name="adoptions")
    themes = models.JSONField()  # theme keys, in priority order
    ranking = models.JSONField(default=list)  # the ranking shown when adopted (theme, score, band)
    adopted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    adopted_on = models.DateField()
    minutes_reference = models.CharField(max_length=200)

    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | frozenset(
        {"session", "themes", "ranking", "adopted_by", "adopted_on", "minutes_reference"}
    )

    class Meta:
        ordering = ["-adopted_on", "-pk"]

    def __str__(self) -> str:
        return f"Priorities adopted {self.adopted_on}"

    def theme_labels(self) -> list[str]:
        return [Theme(key).label for key in self.themes]


# Problem solving, partners' counts and board packs live in modules of their own (issue 13);
# importing them here registers their models with the planning app.
from csphub.planning.boardpack import BoardPack  # noqa: E402
from csphub.planning.partner_data import PartnerCount, PartnerDataUpload, PartnerUploadStatus  # noqa: E402
from csphub.planning.problem_solving import (  # noqa: E402
    ProblemResponse,
    ProblemSolvingPlan,
    ResponseStatus,
    Stage,
)

__all__ = [
    "BoardPack",
    "CellScore",
    "PartnerCount",
    "PartnerDataUpload",
    "PartnerUploadStatus",
    "PriorityAdoption",
    "ProblemResponse",
    "ProblemSolvingPlan",
    "ResponseStatus",
    "ScoreSheet",
    "ScoringFramework",
    "ScoringSession",
    "Stage",
    "Theme",
]
