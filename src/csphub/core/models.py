"""BaseModel and the personal-data classification every model carries next to its fields.

Every concrete model declares, by field name, which fields hold personal data, special-category
(or criminal-offence) data, and which hold none. ``tests/core/test_classification.py`` fails
when a field is unclassified, so a new column cannot slip in without a decision about it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from django.conf import settings
from django.db import models


class DataClass(StrEnum):
    PERSONAL = "personal"
    SPECIAL_CATEGORY = "special_category"
    NOT_PERSONAL = "not_personal"


class BaseModel(models.Model):
    """Created/modified at and by, on every record."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    modified_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    PERSONAL_DATA: frozenset[str] = frozenset()
    SPECIAL_CATEGORY_DATA: frozenset[str] = frozenset()
    NOT_PERSONAL_DATA: frozenset[str] = frozenset(
        {"id", "created_at", "modified_at", "created_by", "modified_by"}
    )

    class Meta:
        abstract = True


def classification_of(model: type[models.Model]) -> dict[str, DataClass]:
    """Map each declared field name of ``model`` to its class, merging base classes' declarations."""
    result: dict[str, DataClass] = {}
    for klass in reversed(model.__mro__):
        for attr, data_class in (
            ("NOT_PERSONAL_DATA", DataClass.NOT_PERSONAL),
            ("PERSONAL_DATA", DataClass.PERSONAL),
            ("SPECIAL_CATEGORY_DATA", DataClass.SPECIAL_CATEGORY),
        ):
            for name in klass.__dict__.get(attr, ()):
                result[name] = data_class
    return result


def unclassified_fields(model: type[models.Model]) -> list[str]:
    """Concrete fields (and many-to-many fields) of ``model`` that carry no classification."""
    declared = classification_of(model)
    names = [
        f.name for f in model._meta.get_fields() if f.concrete or (f.many_to_many and not f.auto_created)
    ]
    return sorted(name for name in names if name not in declared and not name.endswith("_ptr"))


def personal_fields(model: type[models.Model]) -> set[str]:
    """Fields whose values must never be logged or shown in audit records."""
    return {
        name
        for name, data_class in classification_of(model).items()
        if data_class in (DataClass.PERSONAL, DataClass.SPECIAL_CATEGORY)
    }


_M = TypeVar("_M", bound=models.Model)


class DemoRecord(models.Model):
    """A record the demo loader created: the demo only ever builds on its own records.

    A re-run of ``csphub demo`` looks for demo cases here, so it never attaches demo powers, risk
    assessments or referrals to a case a user opened while trying the demo.
    """

    model = models.CharField(max_length=100)  # the model's label, e.g. "cases.case"
    object_id = models.PositiveBigIntegerField()

    NOT_PERSONAL_DATA = frozenset({"id", "model", "object_id"})

    class Meta:
        constraints = [models.UniqueConstraint(fields=["model", "object_id"], name="demo_record_once")]

    def __str__(self) -> str:
        return f"{self.model} {self.object_id}"


def demo_tag(*records: models.Model) -> None:
    """Mark ``records`` as made by the demo loader (idempotent)."""
    for record in records:
        DemoRecord.objects.get_or_create(model=record._meta.label_lower, object_id=record.pk)


def demo_only(queryset: models.QuerySet[_M]) -> models.QuerySet[_M]:
    """``queryset`` narrowed to the records the demo loader made."""
    label = queryset.model._meta.label_lower
    return queryset.filter(pk__in=DemoRecord.objects.filter(model=label).values("object_id"))
