"""Every field of every CSP Hub model is classified: personal, special category, or not personal."""

from __future__ import annotations

from django.apps import apps

from csphub.core.models import DataClass, classification_of, unclassified_fields


def _csphub_models() -> list[type]:
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith("csphub.") and not model._meta.abstract and not model._meta.proxy
    ]


def test_every_model_field_is_classified() -> None:
    missing = {m._meta.label: unclassified_fields(m) for m in _csphub_models()}
    missing = {label: fields for label, fields in missing.items() if fields}
    assert not missing, (
        f"Classify these fields (PERSONAL_DATA / SPECIAL_CATEGORY_DATA / NOT_PERSONAL_DATA): {missing}"
    )


def test_no_classification_names_a_field_that_does_not_exist() -> None:
    stale = {}
    for model in _csphub_models():
        names = {f.name for f in model._meta.get_fields()}
        extra = [n for n in classification_of(model) if n not in names]
        if extra:
            stale[model._meta.label] = extra
    assert not stale, f"Classified names that are not fields: {stale}"


def test_person_special_category_fields() -> None:
    from csphub.people.models import Person

    classes = classification_of(Person)
    assert classes["ethnicity"] is DataClass.SPECIAL_CATEGORY
    assert classes["date_of_birth"] is DataClass.PERSONAL
    assert classes["owning_agency"] is DataClass.NOT_PERSONAL
