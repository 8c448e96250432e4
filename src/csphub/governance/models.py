"""Retention schedule, legal holds, disposal runs and the depersonalised tombstones they leave."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from csphub.core.models import BaseModel


class RecordType(models.TextChoices):
    CASE = "case", "ASB case (with its notes, documents, tasks and links)"


class RetentionRule(BaseModel):
    """How long one agency keeps one type of record (``agency`` empty: the partnership default)."""

    record_type = models.CharField(max_length=32, choices=RecordType.choices)
    agency = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    years = models.PositiveSmallIntegerField()
    reason = models.CharField(max_length=500)
    policy_source = models.CharField(max_length=300, help_text="The policy the period comes from.")

    NOT_PERSONAL_DATA = frozenset({"record_type", "agency", "years", "reason", "policy_source"})

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["record_type", "agency"], name="retention_rule_per_agency"),
            models.UniqueConstraint(
                fields=["record_type"],
                condition=models.Q(agency__isnull=True),
                name="retention_rule_one_default",
            ),
            models.CheckConstraint(condition=models.Q(years__gte=1), name="retention_rule_at_least_a_year"),
        ]


class LegalHold(BaseModel):
    """Keeps a record, a person (every case they are party to) or a case past its retention date."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    reason = models.CharField(max_length=500)
    placed_at = models.DateTimeField()
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    SPECIAL_CATEGORY_DATA = frozenset({"reason"})
    NOT_PERSONAL_DATA = frozenset({"content_type", "object_id", "placed_at", "released_at", "released_by"})

    class Meta:
        indexes = [models.Index(fields=["content_type", "object_id"], name="legal_hold_target")]


class DisposalRun(BaseModel):
    """One run of ``csphub retention purge`` (a dry run or a real disposal)."""

    ran_on = models.DateField(help_text="The day the run acted as of.")
    dry_run = models.BooleanField()
    considered = models.PositiveIntegerField(default=0)
    disposed = models.PositiveIntegerField(default=0)
    held = models.PositiveIntegerField(default=0)

    NOT_PERSONAL_DATA = frozenset({"ran_on", "dry_run", "considered", "disposed", "held"})

    def __str__(self) -> str:
        return f"Retention run {self.pk} ({'dry run' if self.dry_run else 'disposal'}, {self.ran_on})"


class Tombstone(BaseModel):
    """What is left of a disposed record: no personal data, only what statistics and the audit need."""

    run = models.ForeignKey(DisposalRun, on_delete=models.PROTECT, related_name="tombstones")
    record_type = models.CharField(max_length=32, choices=RecordType.choices)
    reference = models.CharField(max_length=40)
    owning_agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    opened_on = models.DateField()
    closed_on = models.DateField()
    asb_type = models.CharField(max_length=16, blank=True)
    outcome = models.CharField(max_length=32, blank=True)
    incident_count = models.PositiveIntegerField(default=0)
    retained_until = models.DateField()
    rule = models.CharField(max_length=500, help_text="The retention rule applied, in words.")

    NOT_PERSONAL_DATA = frozenset(
        {
            "run",
            "record_type",
            "reference",
            "owning_agency",
            "opened_on",
            "closed_on",
            "asb_type",
            "outcome",
            "incident_count",
            "retained_until",
            "rule",
        }
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["record_type", "reference"], name="tombstone_once"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} (disposed)"
