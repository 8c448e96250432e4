"""Notes and documents on a case."""

from __future__ import annotations

from django.db import models

from csphub.cases.models.casework import Case
from csphub.core.models import BaseModel

# --------------------------------------------------------------------------------------------
# Notes and documents
# --------------------------------------------------------------------------------------------


class NoteVisibility(models.TextChoices):
    AGENCY = "agency", "My agency only"
    SHARED = "shared", "Agencies the case is fully shared with"


class Note(BaseModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author_agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    visibility = models.CharField(
        max_length=16, choices=NoteVisibility.choices, default=NoteVisibility.AGENCY
    )

    SPECIAL_CATEGORY_DATA = frozenset({"text"})
    NOT_PERSONAL_DATA = frozenset({"case", "author_agency", "visibility"})

    class Meta:
        ordering = ["-created_at", "-id"]


class Document(BaseModel):
    """Evidence stored under ``PRIVATE_MEDIA_ROOT`` (outside the web root) by a random name."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    author_agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    original_name = models.CharField(max_length=255)
    stored_name = models.CharField(max_length=80, unique=True)
    content_type = models.CharField(max_length=120)
    size_bytes = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    visibility = models.CharField(
        max_length=16, choices=NoteVisibility.choices, default=NoteVisibility.AGENCY
    )

    PERSONAL_DATA = frozenset({"original_name"})
    SPECIAL_CATEGORY_DATA = frozenset({"title"})
    NOT_PERSONAL_DATA = frozenset(
        {"case", "author_agency", "stored_name", "content_type", "size_bytes", "sha256", "visibility"}
    )

    class Meta:
        ordering = ["-created_at", "-id"]
