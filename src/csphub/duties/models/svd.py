"""Serious Violence Duty (PCSCA 2022 Part 2 Chapter 1): the partnership's documents and authorities.

Aggregate and strategic records only: nothing here names a member of the public, so they are not
policy-guarded records of one agency. Each belongs to the partnership it was recorded in (ADR 0008):
any signed-in member acting in that partnership reads them; its coordinators record and publish
them. Each document is a version: a new definition, needs assessment or strategy is a new row, and
earlier versions stay as they were.
"""

from __future__ import annotations

from django.db import models

from csphub.agencies.models import PartnershipRecord
from csphub.core.models import BaseModel
from csphub.duties.rules import svd as rules


class SvdDocumentKind(models.TextChoices):
    DEFINITION = rules.DEFINITION, "Local definition of serious violence"
    NEEDS_ASSESSMENT = rules.NEEDS_ASSESSMENT, "Strategic needs assessment"
    STRATEGY = rules.STRATEGY, "Serious violence strategy"


class SvdDocument(PartnershipRecord, BaseModel):
    """One version of one of the duty's documents, as the specified authorities agreed it."""

    kind = models.CharField(max_length=20, choices=SvdDocumentKind.choices)
    version = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    summary = models.TextField()
    agreed_on = models.DateField()
    published_on = models.DateField(null=True, blank=True)
    publication_url = models.URLField(blank=True)
    review_due_on = models.DateField(null=True, blank=True)  # set on publication
    rule_version = models.CharField(max_length=80)

    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | frozenset(
        {
            "kind",
            "version",
            "title",
            "summary",
            "agreed_on",
            "published_on",
            "publication_url",
            "review_due_on",
            "rule_version",
        }
    )

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "kind", "version"], name="svd_document_version_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, version {self.version}"

    @property
    def section(self) -> str:
        return rules.DOCUMENT_SECTIONS[self.kind]


class AuthorityType(models.TextChoices):
    POLICE = "police", "Chief officer of police"
    FIRE_AND_RESCUE = "fire_and_rescue", "Fire and rescue authority"
    HEALTH = "health", "Integrated Care Board (health)"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    YOUTH_OFFENDING = "youth_offending", "Youth offending team"
    PROBATION = "probation", "Probation service"
    EDUCATION = "education", "Educational authority (consulted)"
    PRISON = "prison", "Prison authority (consulted)"
    YOUTH_CUSTODY = "youth_custody", "Youth custody authority (consulted)"


class SvdAuthority(PartnershipRecord, BaseModel):
    """An authority of the area under the duty, and what it contributes."""

    authority_type = models.CharField(max_length=20, choices=AuthorityType.choices)
    name = models.CharField(max_length=200)
    taking_part = models.BooleanField(default=True)
    contribution = models.TextField(blank=True)

    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | frozenset(
        {"authority_type", "name", "taking_part", "contribution"}
    )

    class Meta:
        ordering = ["authority_type", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def specified(self) -> bool:
        return self.authority_type in rules.SPECIFIED
