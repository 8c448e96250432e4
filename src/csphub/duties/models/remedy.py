"""The PCC's Community Remedy document and the community resolutions chosen from it (2014 Act ss.101-103)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from csphub.core.models import BaseModel
from csphub.duties.rules import remedy as rules


class RemedyPurpose(models.TextChoices):
    REPAIR = "repair", "Repair the harm caused"
    REHABILITATE = "rehabilitate", "Help the person change their behaviour"
    PUNISH = "punish", "Punish the person"


class CommunityRemedyAction(BaseModel):
    """One action on the community remedy document the PCC publishes (s.101)."""

    title = models.CharField(max_length=200)
    description = models.TextField()
    purpose = models.CharField(max_length=16, choices=RemedyPurpose.choices)
    published_on = models.DateField()
    withdrawn_on = models.DateField(null=True, blank=True)
    order = models.PositiveIntegerField(default=0)

    NOT_PERSONAL_DATA = frozenset(
        {"title", "description", "purpose", "published_on", "withdrawn_on", "order"}
    )

    class Meta:
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title


class VictimViews(models.TextChoices):
    GIVEN = rules.VIEWS_GIVEN, "The victim gave their view"
    DECLINED = rules.VIEWS_DECLINED, "The victim was asked and chose not to give a view"
    UNREACHABLE = rules.VIEWS_UNREACHABLE, "Reasonable efforts were made but the victim could not be reached"
    NO_VICTIM = rules.NO_VICTIM, "There is no identifiable victim"


class CommunityResolution(BaseModel):
    """A community resolution offered on an ASB case, with the victim's views sought first (s.102)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    action = models.ForeignKey(CommunityRemedyAction, on_delete=models.PROTECT, related_name="+")
    views_status = models.CharField(max_length=16, choices=VictimViews.choices)
    views_sought_on = models.DateField(null=True, blank=True)
    victim_views = models.TextField(blank=True)
    victim_preferred = models.BooleanField(default=True)
    not_preferred_reason = models.TextField(blank=True)
    chosen_on = models.DateField()
    rule_version = models.CharField(max_length=80)

    PERSONAL_DATA = frozenset({"case", "victim_views"})
    NOT_PERSONAL_DATA = frozenset(
        {
            "action",
            "views_status",
            "views_sought_on",
            "victim_preferred",
            "not_preferred_reason",
            "chosen_on",
            "rule_version",
        }
    )

    class Meta:
        ordering = ["-chosen_on", "-id"]


class DeadlineReminder(BaseModel):
    """One reminder e-mail per user, deadline and day: the unique constraint makes sending idempotent."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)
    sent_on = models.DateField()

    PERSONAL_DATA = frozenset({"user"})
    NOT_PERSONAL_DATA = frozenset({"key", "sent_on"})

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key", "sent_on"], name="deadline_reminder_once_a_day")
        ]
