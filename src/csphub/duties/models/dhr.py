"""Domestic Homicide Reviews (DVCVA 2004 s.9), in the Domestic Homicide Review compartment.

The person who died is described inside the review, never as a person record of the people app, so
that nothing about them reaches a page outside the compartment. The panel, the extensions, the
recommendations and their actions hang off the review and are seen exactly when it is.
"""

from __future__ import annotations

from django.db import models

from csphub.agencies.models import OwnedRecord, PartnershipRecord
from csphub.core.models import BaseModel
from csphub.duties.rules import dhr as rules


class Relationship(models.TextChoices):
    PARTNER = rules.RELATIONSHIP_PARTNER, "A current or former intimate partner"
    RELATIVE = rules.RELATIONSHIP_RELATIVE, "A relative"
    HOUSEHOLD = rules.RELATIONSHIP_HOUSEHOLD, "A member of the same household"
    NONE = rules.RELATIONSHIP_NONE, "None of these"


class DhrStatus(models.TextChoices):
    AWAITING_DECISION = "awaiting_decision", "Decision whether to hold a review due"
    NOT_HELD = "not_held", "No review: decision recorded"
    IN_PROGRESS = "in_progress", "Review in progress"
    REPORT_COMPLETE = "report_complete", "Report complete; not yet sent to the Home Office"
    WITH_QA_PANEL = "with_qa_panel", "With the Home Office Quality Assurance Panel"
    APPROVED = "approved", "Approved for publication by the Home Office"
    PUBLISHED = "published", "Published"


class Decision(models.TextChoices):
    CONDUCT = rules.DECISION_CONDUCT, "Hold a review"
    NOT_CONDUCT = rules.DECISION_NOT_CONDUCT, "Do not hold a review"


class QaOutcome(models.TextChoices):
    APPROVED = rules.QA_APPROVED, "Approved: the report may be published"
    RESUBMIT = rules.QA_RESUBMIT, "Changes asked for: resubmit the report"


class DomesticHomicideReview(PartnershipRecord, OwnedRecord):
    """One death notified by the police, from the decision to the action plan.

    The partnership that commissions the review (DVCVA 2004 s.9(4)): the one the lead who records
    the notification acts in. Its panel, extensions, recommendations and actions are seen with it.
    """

    notified_on = models.DateField()
    notifying_force = models.CharField(max_length=200)
    deceased_name = models.CharField(max_length=200)
    deceased_age = models.PositiveSmallIntegerField(null=True, blank=True)
    died_on = models.DateField(null=True, blank=True)
    relationship = models.CharField(max_length=16, choices=Relationship.choices)
    suspected_suicide = models.BooleanField(default=False)
    circumstances = models.TextField()
    status = models.CharField(max_length=20, choices=DhrStatus.choices, default=DhrStatus.AWAITING_DECISION)
    decision = models.CharField(max_length=16, choices=Decision.choices, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decision_reasons = models.TextField(blank=True)
    home_office_told_on = models.DateField(null=True, blank=True)
    chair_name = models.CharField(max_length=200, blank=True)
    chair_appointed_on = models.DateField(null=True, blank=True)
    chair_independence = models.TextField(blank=True)
    report_due_on = models.DateField(null=True, blank=True)  # six months after the decision, or extended
    report_completed_on = models.DateField(null=True, blank=True)
    qa_submitted_on = models.DateField(null=True, blank=True)
    qa_outcome = models.CharField(max_length=16, choices=QaOutcome.choices, blank=True)
    qa_outcome_on = models.DateField(null=True, blank=True)
    anonymised = models.BooleanField(default=False)
    published_on = models.DateField(null=True, blank=True)
    publication_url = models.URLField(blank=True)
    rule_version = models.CharField(max_length=80)

    PERSONAL_DATA = frozenset({"deceased_name", "deceased_age", "died_on", "chair_name", "notifying_force"})
    SPECIAL_CATEGORY_DATA = frozenset(
        {"relationship", "suspected_suicide", "circumstances", "decision_reasons", "chair_independence"}
    )
    NOT_PERSONAL_DATA = frozenset(
        {
            "notified_on",
            "status",
            "decision",
            "decided_on",
            "home_office_told_on",
            "chair_appointed_on",
            "report_due_on",
            "report_completed_on",
            "qa_submitted_on",
            "qa_outcome",
            "qa_outcome_on",
            "anonymised",
            "published_on",
            "publication_url",
            "rule_version",
        }
    )

    class Meta:
        ordering = ["-notified_on", "-id"]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"DHR-{self.pk:05d}" if self.pk else "DHR-new"

    @property
    def review_name(self) -> str:
        return rules.review_name(self.rule_version)


class DhrPanelMember(BaseModel):
    """An agency's representative on the review panel."""

    review = models.ForeignKey(DomesticHomicideReview, on_delete=models.CASCADE, related_name="panel")
    agency_name = models.CharField(max_length=200)
    representative = models.CharField(max_length=200)
    role = models.CharField(max_length=200, blank=True)
    joined_on = models.DateField()

    PERSONAL_DATA = frozenset({"representative"})
    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | frozenset(
        {"review", "agency_name", "role", "joined_on"}
    )

    class Meta:
        ordering = ["agency_name", "id"]


class DhrExtension(BaseModel):
    """The report's target moved later, and why (the guidance: record the reason)."""

    review = models.ForeignKey(DomesticHomicideReview, on_delete=models.CASCADE, related_name="extensions")
    agreed_on = models.DateField()
    previous_due_on = models.DateField()
    new_due_on = models.DateField()
    reason = models.TextField()

    SPECIAL_CATEGORY_DATA = frozenset({"reason"})
    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | frozenset(
        {"review", "agreed_on", "previous_due_on", "new_due_on"}
    )

    class Meta:
        ordering = ["agreed_on", "id"]


class DhrRecommendation(BaseModel):
    """One recommendation of the overview report, with the actions that carry it out."""

    review = models.ForeignKey(
        DomesticHomicideReview, on_delete=models.CASCADE, related_name="recommendations"
    )
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    agency_name = models.CharField(max_length=200)

    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | frozenset({"review", "number", "text", "agency_name"})

    class Meta:
        ordering = ["number", "id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="dhr_recommendation_number_once")
        ]


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"


class DhrAction(BaseModel):
    """An action of the action plan: what, who owns it, by when, and how far it has got."""

    recommendation = models.ForeignKey(DhrRecommendation, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.CharField(max_length=200)
    due_on = models.DateField()
    status = models.CharField(max_length=16, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED)
    completed_on = models.DateField(null=True, blank=True)
    progress = models.TextField(blank=True)

    PERSONAL_DATA = frozenset({"owner"})
    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | frozenset(
        {"recommendation", "description", "due_on", "status", "completed_on", "progress"}
    )

    class Meta:
        ordering = ["due_on", "id"]


class PseudonymRole(models.TextChoices):
    VICTIM = rules.PSEUDONYM_VICTIM, "The person who died"
    PERPETRATOR = rules.PSEUDONYM_PERPETRATOR, "The perpetrator"
    FAMILY = rules.PSEUDONYM_FAMILY, "A member of the family"
    OTHER = rules.PSEUDONYM_OTHER, "Someone else named in the report"


class DhrPseudonym(BaseModel):
    """A pseudonym the chair agreed for one real name, used in the anonymised publication."""

    review = models.ForeignKey(DomesticHomicideReview, on_delete=models.CASCADE, related_name="pseudonyms")
    role = models.CharField(max_length=16, choices=PseudonymRole.choices)
    real_name = models.CharField(max_length=200)
    pseudonym = models.CharField(max_length=100)

    PERSONAL_DATA = frozenset({"real_name"})
    SPECIAL_CATEGORY_DATA = frozenset({"role"})
    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | frozenset({"review", "pseudonym"})

    class Meta:
        ordering = ["role", "pseudonym", "id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "real_name"], name="dhr_pseudonym_real_name_once"),
            models.UniqueConstraint(fields=["review", "pseudonym"], name="dhr_pseudonym_once"),
        ]
