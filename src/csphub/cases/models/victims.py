"""The victim's single point of contact, the updates given and the closure survey."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from csphub.cases.models.casework import Case
from csphub.core.models import BaseModel

# --------------------------------------------------------------------------------------------
# The victim's single point of contact (ASB statutory guidance, 2025 revision)
# --------------------------------------------------------------------------------------------


class ContactMethod(models.TextChoices):
    PHONE = "phone", "Phone"
    EMAIL = "email", "E-mail"
    VISIT = "visit", "Visit"
    LETTER = "letter", "Letter"
    TEXT = "text", "Text message"


class VictimContact(BaseModel):
    """Who keeps a victim on a case updated, and how often, as agreed with the victim; and when the
    victim was consulted on the action plan before it was finalised."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="victim_contacts")
    victim = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    spoc = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agreed_on = models.DateField()
    update_every_days = models.PositiveSmallIntegerField()
    method = models.CharField(max_length=8, choices=ContactMethod.choices)
    action_plan_consulted_on = models.DateField(null=True, blank=True)
    action_plan_views = models.TextField(blank=True)

    PERSONAL_DATA = frozenset({"victim", "spoc", "method"})
    SPECIAL_CATEGORY_DATA = frozenset({"action_plan_views"})
    NOT_PERSONAL_DATA = frozenset({"case", "agreed_on", "update_every_days", "action_plan_consulted_on"})

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["case", "victim"], name="victimcontact_unique")]


class VictimUpdate(BaseModel):
    """One update given to the victim by their single point of contact."""

    contact = models.ForeignKey(VictimContact, on_delete=models.CASCADE, related_name="updates")
    given_on = models.DateField()
    method = models.CharField(max_length=8, choices=ContactMethod.choices)
    summary = models.TextField()

    PERSONAL_DATA = frozenset({"method"})
    SPECIAL_CATEGORY_DATA = frozenset({"summary"})
    NOT_PERSONAL_DATA = frozenset({"contact", "given_on"})

    class Meta:
        ordering = ["-given_on", "-id"]


class SurveyAnswer(models.TextChoices):
    VERY_SATISFIED = "very_satisfied", "Very satisfied"
    SATISFIED = "satisfied", "Satisfied"
    NEUTRAL = "neutral", "Neither satisfied nor dissatisfied"
    DISSATISFIED = "dissatisfied", "Dissatisfied"
    VERY_DISSATISFIED = "very_dissatisfied", "Very dissatisfied"
    DECLINED = "declined", "Did not want to answer"


class ClosureSurvey(BaseModel):
    """The victim's answer to the optional satisfaction question when their case closed."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="closure_surveys")
    victim = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    asked_on = models.DateField()
    answer = models.CharField(max_length=20, choices=SurveyAnswer.choices)
    comments = models.TextField(blank=True)

    PERSONAL_DATA = frozenset({"victim", "answer"})
    SPECIAL_CATEGORY_DATA = frozenset({"comments"})
    NOT_PERSONAL_DATA = frozenset({"case", "asked_on"})

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["case", "victim"], name="closuresurvey_unique")]
