"""Tasks on a case, their reminders and the labels of automatic tasks' origins."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from csphub.agencies.models import OwnedRecord, PartnershipRecord
from csphub.cases.models.casework import Case
from csphub.core.models import BaseModel

# --------------------------------------------------------------------------------------------
# Tasks
# --------------------------------------------------------------------------------------------


class TaskStatus(models.TextChoices):
    OPEN = "open", "To do"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class Task(PartnershipRecord, OwnedRecord):
    """Something an officer must do by a date. ``owning_agency`` is the owner's agency (team and
    agency dashboards); a task on a case is also visible to whoever may see the case in full.
    ``source`` says which rule created an automatic task (e.g. ``powers.closure_notice.hearing``);
    ``linked_type``/``linked_id`` point at a power or other record that the task is about."""

    title = models.CharField(max_length=200)
    details = models.TextField(blank=True)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.CASCADE, related_name="tasks")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(db_index=True)
    status = models.CharField(max_length=16, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    completed_at = models.DateTimeField(null=True, blank=True)
    # Why an automatic task was cancelled ("The case was closed"), shown to its owner.
    cancelled_reason = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=80, default="manual")
    linked_type = models.CharField(max_length=80, blank=True)
    linked_id = models.PositiveBigIntegerField(null=True, blank=True)
    rule_version = models.CharField(max_length=80, blank=True)

    PERSONAL_DATA = frozenset({"owner"})
    SPECIAL_CATEGORY_DATA = frozenset({"title", "details"})
    NOT_PERSONAL_DATA = frozenset(
        {
            "case",
            "due_on",
            "status",
            "completed_at",
            "cancelled_reason",
            "source",
            "linked_type",
            "linked_id",
            "rule_version",
        }
    )

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["owner", "status", "due_on"], name="task_owner_due"),
            models.Index(fields=["owning_agency", "status", "due_on"], name="task_agency_due"),
        ]

    def __str__(self) -> str:
        return f"Task {self.pk}"

    @property
    def source_label(self) -> str:
        """Where an automatic task came from, in words (the stored ``source`` is a code)."""
        app = self.source.split(".", 1)[0]
        return TASK_SOURCE_LABELS.get(app, "Set automatically") if self.source != "manual" else ""


# Plain-English origins of automatic tasks, by the app that set them (Task.source_label).
TASK_SOURCE_LABELS = {
    "powers": "Set automatically: a deadline of a tool or power",
    "risk": "Set automatically: a risk assessment",
    "panel": "Set automatically: a panel decision",
    "casereviews": "Set automatically: an ASB Case Review",
    "duties": "Set automatically: a statutory duty",
    "cases": "Set automatically: the case",
}


class TaskReminder(BaseModel):
    """One reminder e-mail per task, kind and day: the unique constraint makes sending idempotent."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=16)  # "due_soon" | "overdue"
    sent_on = models.DateField()

    NOT_PERSONAL_DATA = frozenset({"task", "kind", "sent_on"})

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task", "kind", "sent_on"], name="taskreminder_once")]
