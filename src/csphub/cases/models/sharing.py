"""Requests to share a case with another agency, and their answers."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from csphub.core.models import BaseModel


class ShareRequestStatus(models.TextChoices):
    OPEN = "open", "Waiting for an answer"
    ANSWERED = "answered", "Answered"


class ShareRequestDecision(models.TextChoices):
    SHARED = "shared", "Shared"
    DECLINED = "declined", "Declined"


class ShareRequest(BaseModel):
    """A partner's request that another agency share its record about a person, made from the
    record locator (the requester learned only that the agency holds a record about someone of
    that name, under an agreement that allows it)."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    holding_agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    requesting_agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    agreement = models.ForeignKey(
        "agencies.InformationSharingAgreement", on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField()
    status = models.CharField(
        max_length=10, choices=ShareRequestStatus.choices, default=ShareRequestStatus.OPEN
    )
    # The holding agency's answer: which cases it shared (RecordShare rows name them), or why not.
    decision = models.CharField(max_length=10, choices=ShareRequestDecision.choices, blank=True)
    answer_reason = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    PERSONAL_DATA = frozenset({"person"})
    SPECIAL_CATEGORY_DATA = frozenset({"reason", "answer_reason"})
    NOT_PERSONAL_DATA = frozenset(
        {
            "holding_agency",
            "requesting_agency",
            "agreement",
            "status",
            "decision",
            "answered_at",
            "answered_by",
        }
    )

    class Meta:
        ordering = ["-created_at", "-id"]
