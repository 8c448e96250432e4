"""The audit event: one row of the append-only trail.

No code path edits or deletes an event: ``save`` refuses an update and ``delete`` refuses, and on
PostgreSQL a trigger rejects UPDATE and DELETE (migration 0002). Events carry field *names*,
never personal values.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from csphub.audit.models.verbs import AuditVerb


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Audit events are append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events are append-only.")


class AuditEvent(models.Model):
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acting_agency = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acting_role = models.CharField(max_length=32, blank=True)
    verb = models.CharField(max_length=80, db_index=True)
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    target_id = models.CharField(max_length=64, blank=True)
    justification = models.TextField(blank=True)
    changed_fields = models.JSONField(default=list, blank=True)
    # Tamper evidence (audit/chain.py): the previous event's hash and this event's own.
    prev_hash = models.CharField(max_length=64, blank=True, default="", editable=False)
    row_hash = models.CharField(max_length=64, blank=True, default="", editable=False)

    objects = AuditEventQuerySet.as_manager()

    PERSONAL_DATA = frozenset({"actor"})
    NOT_PERSONAL_DATA = frozenset(
        {
            "id",
            "occurred_at",
            "acting_agency",
            "acting_role",
            "verb",
            "target_type",
            "target_id",
            "justification",
            "changed_fields",
            "prev_hash",
            "row_hash",
        }
    )

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["target_type", "target_id", "occurred_at"], name="audit_target_time"),
            models.Index(fields=["actor", "occurred_at"], name="audit_actor_time"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.verb}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise PermissionError("Audit events are append-only.")
        from csphub.audit.chain import seal

        # The chain lock lasts until this (or the outer) transaction ends. No savepoint: inside a
        # caller's transaction a failed audit write fails the whole change (as audit_record says),
        # and a page that records a view does not pay two statements for a savepoint it never uses.
        with transaction.atomic(savepoint=False):
            seal([self])
            super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events are append-only.")

    @property
    def verb_label(self) -> str:
        """What happened, in plain English (the label of the verb; the code only if unknown)."""
        try:
            return str(AuditVerb(self.verb).label)
        except ValueError:
            return self.verb
