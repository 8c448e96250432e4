"""Configurable, versioned questionnaires and the assessments scored with them.

A questionnaire version is immutable once an assessment uses it: a change is a new version (new
row). Each assessment stores its scores, computed and final band, the judgement and its reason,
and the MARAC decision with the rule version applied.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from csphub.agencies.models import PartnershipRecord
from csphub.core.models import BaseModel
from csphub.risk.rules import ANSWER_LABELS, Band, Kind

BAND_CHOICES = [(b.value, b.label) for b in Band]
ANSWER_CHOICES = [(a.value, label) for a, label in ANSWER_LABELS.items()]
KIND_CHOICES = [(Kind.ASB_VICTIM.value, "ASB victim"), (Kind.DASH.value, "DASH (domestic abuse)")]


class Questionnaire(BaseModel):
    code = models.SlugField(max_length=40)
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=KIND_CHOICES)
    description = models.TextField(blank=True)
    effective_from = models.DateField()
    medium_from = models.PositiveIntegerField()
    high_from = models.PositiveIntegerField()
    indicator_min_band = models.CharField(max_length=16, choices=BAND_CHOICES, default=Band.HIGH)
    is_active = models.BooleanField(default=True)

    NOT_PERSONAL_DATA = frozenset(
        {
            "code",
            "version",
            "title",
            "kind",
            "description",
            "effective_from",
            "medium_from",
            "high_from",
            "indicator_min_band",
            "is_active",
        }
    )

    class Meta:
        ordering = ["code", "-version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="questionnaire_code_version")]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"


class Question(BaseModel):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveIntegerField()
    code = models.SlugField(max_length=40)
    text = models.TextField()
    help_text = models.TextField(blank=True)
    weight = models.PositiveIntegerField(default=1)
    high_risk_indicator = models.BooleanField(default=False)

    NOT_PERSONAL_DATA = frozenset(
        {"questionnaire", "order", "code", "text", "help_text", "weight", "high_risk_indicator"}
    )

    class Meta:
        ordering = ["questionnaire", "order"]
        constraints = [models.UniqueConstraint(fields=["questionnaire", "code"], name="question_code_unique")]


class Assessment(PartnershipRecord, BaseModel):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="risk_assessments")
    subject = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="risk_assessments",
        help_text="The victim (or witness) assessed.",
    )
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="assessments")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assessing_agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    assessed_at = models.DateTimeField()
    total = models.PositiveIntegerField()
    yes_count = models.PositiveIntegerField()
    no_count = models.PositiveIntegerField()
    dont_know_count = models.PositiveIntegerField()
    computed_band = models.CharField(max_length=16, choices=BAND_CHOICES)
    judgement_band = models.CharField(max_length=16, choices=BAND_CHOICES, blank=True)
    judgement_reason = models.TextField(blank=True)
    final_band = models.CharField(max_length=16, choices=BAND_CHOICES, db_index=True)
    children_present = models.CharField(max_length=16, choices=ANSWER_CHOICES, blank=True)
    marac_refer = models.BooleanField(default=False)
    marac_criteria = models.JSONField(default=list, blank=True)
    marac_reasons = models.TextField(blank=True)
    marac_rules_version = models.CharField(max_length=40, blank=True)
    incident_count = models.PositiveIntegerField(help_text="Incidents on the case when assessed.")

    PERSONAL_DATA = frozenset({"subject", "assessor"})
    SPECIAL_CATEGORY_DATA = frozenset(
        {
            "total",
            "yes_count",
            "no_count",
            "dont_know_count",
            "computed_band",
            "judgement_band",
            "judgement_reason",
            "final_band",
            "children_present",
            "marac_refer",
            "marac_criteria",
            "marac_reasons",
        }
    )
    NOT_PERSONAL_DATA = frozenset(
        {"case", "questionnaire", "assessing_agency", "assessed_at", "marac_rules_version", "incident_count"}
    )

    class Meta:
        ordering = ["-assessed_at", "-id"]

    def __str__(self) -> str:
        return f"Risk assessment {self.pk}"


class AssessmentAnswer(BaseModel):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(max_length=16, choices=ANSWER_CHOICES)

    SPECIAL_CATEGORY_DATA = frozenset({"answer"})
    NOT_PERSONAL_DATA = frozenset({"assessment", "question"})

    class Meta:
        ordering = ["question__order"]
        constraints = [models.UniqueConstraint(fields=["assessment", "question"], name="answer_once")]


class ReassessmentRequirement(BaseModel):
    """A new incident joined an open case: the risk must be assessed again (rule 13)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="reassessments_required")
    incident = models.ForeignKey("cases.Incident", on_delete=models.CASCADE, related_name="+")
    satisfied_by = models.ForeignKey(
        Assessment, null=True, blank=True, on_delete=models.SET_NULL, related_name="satisfied_requirements"
    )
    task_id_ref = models.PositiveBigIntegerField(null=True, blank=True)

    NOT_PERSONAL_DATA = frozenset({"case", "incident", "satisfied_by", "task_id_ref"})

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "incident"], name="reassessment_once")]


class MaracReferral(PartnershipRecord, BaseModel):
    """A referral made to MARAC (SafeLives): when, by which agency, the meeting and its outcome.

    The last referral of a victim, by any agency, starts the 12 months within which any further
    domestic abuse incident between the same people is a repeat (C.1). Who referred is shared only
    as far as the MARAC information sharing agreement allows: another agency sees that a referral
    exists, not its date or referrer (C.3).
    """

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="marac_referrals")
    subject = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="marac_referrals")
    perpetrator = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    assessment = models.ForeignKey(
        Assessment, null=True, blank=True, on_delete=models.SET_NULL, related_name="marac_referrals"
    )
    referring_agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    referred_on = models.DateField()
    repeat = models.BooleanField(default=False)
    meeting_on = models.DateField(null=True, blank=True)
    outcome = models.TextField(blank=True)
    idva_offered = models.BooleanField(default=False)
    rules_version = models.CharField(max_length=40)

    PERSONAL_DATA = frozenset({"subject", "perpetrator"})
    SPECIAL_CATEGORY_DATA = frozenset({"outcome", "repeat", "idva_offered"})
    NOT_PERSONAL_DATA = frozenset(
        {"case", "assessment", "referring_agency", "referred_on", "meeting_on", "rules_version"}
    )

    class Meta:
        ordering = ["-referred_on", "-id"]

    def __str__(self) -> str:
        return f"MARAC referral {self.pk}"
