"""Priority setting: scoring frameworks, scoring sessions, assessors' score sheets, adopted priorities.

Aggregate data only: nothing here names a member of the public. The arithmetic lives in
``csphub.analytics.morile``; these models keep the configuration and the raw levels each assessor
picked, so that every score recomputes under any framework version.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from csphub.agencies.models import PartnershipRecord
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


class ScoringSession(PartnershipRecord, BaseModel):
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


# --- The CSP Plan: priorities → key areas of work → actions → measures (issue 13) ---------------


class PlanLevel(models.TextChoices):
    DISTRICT = "district", "District Community Safety Partnership plan"
    COUNTY = "county", "County board plan (community safety agreement)"


class PriorityKind(models.TextChoices):
    PRIORITY = "priority", "Priority"
    EVERYDAY = "everyday", "Everyday business"
    GOLDEN_THREAD = "golden_thread", "Golden thread"


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    STOPPED = "stopped", "Stopped"


class Rag(models.TextChoices):
    GREEN = "green", "Green: on track"
    AMBER = "amber", "Amber: at risk"
    RED = "red", "Red: off track"


class MeasureSource(models.TextChoices):
    """Where a measure's figure comes from: computed from the data, never typed in."""

    ASSESSMENT_CRIME = (
        "assessment_crime",
        "Recorded crime excluding ASB (police.uk, the adopted Strategic Assessment)",
    )
    ASSESSMENT_ASB = (
        "assessment_asb",
        "Anti-social behaviour incidents (police.uk, the adopted Strategic Assessment)",
    )
    ASSESSMENT_ASB_RATE = (
        "assessment_asb_rate",
        "Anti-social behaviour incidents per 1,000 residents (police.uk, the adopted Strategic "
        "Assessment; Census 2021 population)",
    )
    CASES_OPENED = "cases_opened", "ASB cases opened in the plan year (case records)"
    CASE_REVIEWS = "case_reviews", "ASB Case Review applications received in the plan year"
    CASE_REVIEW_SERVICE_LEVELS = (
        "case_review_service_levels",
        "ASB Case Review: per cent of applications received in the plan year that met every service level",
    )
    POWERS_USED = (
        "powers_used",
        "Tools and powers used in the plan year (notices, orders and injunctions issued)",
    )
    REPEAT_VICTIMS = (
        "repeat_victims",
        "Repeat victims in the plan year, under the partnership's repeat-victim rule (as in the board pack)",
    )
    SLAVERY_NOTIFICATIONS = (
        "slavery_notifications",
        "Modern slavery: notifications made to the Home Office in the plan year (s.52)",
    )
    PREVENT_REFERRALS = "prevent_referrals", "Prevent referrals made in the plan year"
    S17_ASSESSMENTS = "s17_assessments", "Section 17 due-regard assessments of decisions in the plan year"


class Direction(models.TextChoices):
    REDUCE = "reduce", "Reduce"
    INCREASE = "increase", "Increase"
    MAINTAIN = "maintain", "Keep at or below the baseline"


class CspPlan(BaseModel):
    """A partnership's plan for a period. The narrative sections are edited (each edit is a new
    narrative version); publishing freezes the whole document as it stands (PlanPublication)."""

    partnership = models.ForeignKey("agencies.Partnership", on_delete=models.PROTECT, related_name="plans")
    title = models.CharField(max_length=200)
    level = models.CharField(max_length=10, choices=PlanLevel.choices, default=PlanLevel.DISTRICT)
    starts_on = models.DateField()
    ends_on = models.DateField()
    county_plan = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="district_plans"
    )
    pcc_plan_title = models.CharField(max_length=200, blank=True)
    foreword = models.TextField(blank=True)
    about = models.TextField(blank=True)
    governance = models.TextField(blank=True)
    contacts = models.TextField(blank=True)
    narrative_version = models.PositiveIntegerField(default=1)

    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | frozenset(
        {"partnership", "title", "level", "starts_on", "ends_on", "county_plan", "pcc_plan_title",
         "foreword", "about", "governance", "contacts", "narrative_version"}
    )  # fmt: skip

    class Meta:
        ordering = ["-starts_on", "title"]

    def __str__(self) -> str:
        return self.title


class PccObjective(BaseModel):
    """An objective of the Police and Crime Commissioner's plan, to which the partnership must have
    regard (Police Reform and Social Responsibility Act 2011 s.10; Crime and Disorder Act 1998 s.6)."""

    plan = models.ForeignKey(CspPlan, on_delete=models.CASCADE, related_name="pcc_objectives")
    title = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | frozenset({"plan", "title", "order"})

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class PlanPriority(BaseModel):
    """A priority of the plan, an area of everyday business, or a golden thread that runs through
    every priority. A district priority can name the county priority and the PCC objectives it serves."""

    plan = models.ForeignKey(CspPlan, on_delete=models.CASCADE, related_name="priorities")
    kind = models.CharField(max_length=16, choices=PriorityKind.choices, default=PriorityKind.PRIORITY)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    theme = models.CharField(max_length=30, choices=Theme.choices, blank=True)  # the MoRiLE theme, if any
    county_priority = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="district_priorities"
    )
    pcc_objectives = models.ManyToManyField(PccObjective, blank=True, related_name="priorities")
    regard = models.TextField(blank=True)  # how the priority has regard to the PCC's objectives
    lead_agency = models.ForeignKey(  # the partner that leads an area of everyday business
        "agencies.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | frozenset(
        {"plan", "kind", "title", "description", "order", "theme", "county_priority", "pcc_objectives",
         "regard", "lead_agency"}
    )  # fmt: skip

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class KeyArea(BaseModel):
    """A key area of work under a priority ("Hot spot response")."""

    priority = models.ForeignKey(PlanPriority, on_delete=models.CASCADE, related_name="key_areas")
    title = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | frozenset({"priority", "title", "order"})

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class PlanAction(BaseModel):
    """What a partner will do, by when, and how it is going (RAG, with the reason when not green)."""

    key_area = models.ForeignKey(KeyArea, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(max_length=300)
    owner_agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    lead = models.CharField(
        max_length=150, help_text="The post that leads it, for example 'ASB team leader'."
    )
    due_on = models.DateField()
    status = models.CharField(max_length=12, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED)
    rag = models.CharField(max_length=5, choices=Rag.choices, default=Rag.GREEN)
    rag_reason = models.TextField(blank=True)
    assessment_finding = models.CharField(max_length=300, blank=True)
    golden_threads = models.ManyToManyField(  # the plan's golden threads the action carries (tags)
        PlanPriority, blank=True, related_name="tagged_actions"
    )

    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | frozenset(
        {
            "golden_threads",
            "key_area",
            "title",
            "owner_agency",
            "lead",
            "due_on",
            "status",
            "rag",
            "rag_reason",
            "assessment_finding",
        }
    )

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class PlanMeasure(BaseModel):
    """How a priority is measured: a figure computed from the data against a baseline."""

    priority = models.ForeignKey(PlanPriority, on_delete=models.CASCADE, related_name="measures")
    title = models.CharField(max_length=200)
    source = models.CharField(max_length=32, choices=MeasureSource.choices)
    baseline = models.PositiveIntegerField()
    baseline_label = models.CharField(
        max_length=100, help_text="What the baseline is, for example '2019/20'."
    )
    direction = models.CharField(max_length=10, choices=Direction.choices, default=Direction.REDUCE)
    target = models.PositiveIntegerField(null=True, blank=True)  # the figure aimed for, if one is set
    target_label = models.CharField(max_length=100, blank=True)  # by when, for example '2022/23'

    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | frozenset(
        {"priority", "title", "source", "baseline", "baseline_label", "direction", "target", "target_label"}
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class PlanPublication(BaseModel):
    """A published version of the plan document: the HTML as it stood, never changed afterwards."""

    plan = models.ForeignKey(CspPlan, on_delete=models.PROTECT, related_name="publications")
    number = models.PositiveIntegerField()
    narrative_version = models.PositiveIntegerField()
    published_on = models.DateField()
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    html = models.TextField()

    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | frozenset(
        {"plan", "number", "narrative_version", "published_on", "published_by", "html"}
    )

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_publication_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.plan} version {self.number}"


# Problem solving, partners' counts and board packs live in modules of their own (issue 13);
# importing them here registers their models with the planning app.
from csphub.planning.boardpack import BoardPack  # noqa: E402, F401
from csphub.planning.partner_data import PartnerCount, PartnerDataUpload, PartnerUploadStatus  # noqa: E402, F401
from csphub.planning.problem_solving import (  # noqa: E402, F401
    ProblemResponse,
    ProblemSolvingPlan,
    ResponseStatus,
    Stage,
)
