"""The Plan's measures counted from casework and the duty registers (issues 13 item 4 and 14 item 7:
the registers' counts feed the Plan): each counts the plan partnership's records in the plan year,
on both sides of its first and last day."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from csphub.agencies.models import Partnership
from csphub.planning.models import MeasureSource
from csphub.planning.plan.selectors import _casework_or_duty_count

pytestmark = pytest.mark.django_db

START, END = dt.date(2025, 4, 1), dt.date(2026, 3, 31)


@pytest.fixture
def registers(world: Any) -> int:
    from csphub.duties import demo, demo_partnership

    demo.load_demo()
    demo_partnership.load_partnership_demo()
    return Partnership.objects.get(code="E22000037").pk


def _edges(model: Any, field: str, partnership: int) -> None:
    """The partnership's records of ``model``: one on each side of each edge of the plan year (copies
    of a demo record, with any unique reference made unique)."""
    template = model.objects.filter(partnership_id=partnership).order_by("pk").first()
    assert template is not None, f"the demo has no {model.__name__}"
    model.objects.filter(partnership_id=partnership).exclude(pk=template.pk).delete()
    days = (START - dt.timedelta(days=1), START, END, END + dt.timedelta(days=1))
    for i, day in enumerate(days):
        if i:
            template.pk = None
            template.id = None
            field_names = {f.name for f in model._meta.concrete_fields}
            if "reference" in field_names:
                template.reference = f"{template.reference[:30]}-{i}"
            template._state.adding = True
        setattr(template, field, day)
        template.save()


@pytest.mark.parametrize(
    ("source", "model_path", "field"),
    [
        (MeasureSource.PREVENT_REFERRALS, "csphub.duties.models.PreventReferral", "referred_on"),
        (MeasureSource.S17_ASSESSMENTS, "csphub.duties.models.S17Assessment", "decision_on"),
    ],
)
def test_a_register_count_takes_the_plan_year_inclusive(
    registers: int, source: str, model_path: str, field: str
) -> None:
    import importlib

    module, name = model_path.rsplit(".", 1)
    model = getattr(importlib.import_module(module), name)
    _edges(model, field, registers)
    inside = model.objects.filter(partnership_id=registers, **{f"{field}__gte": START, f"{field}__lte": END})
    assert inside.count() == 2
    assert _casework_or_duty_count(source, registers, START, END) == 2
    assert inside.filter(**{field: START}).exists() and inside.filter(**{field: END}).exists()
    outside = model.objects.filter(partnership_id=registers).exclude(pk__in=inside)
    assert outside.filter(**{field: START - dt.timedelta(days=1)}).exists()
    assert outside.filter(**{field: END + dt.timedelta(days=1)}).exists()
    other = Partnership.objects.get(code="E22000038").pk
    assert _casework_or_duty_count(source, other, START, END) == 0


def test_repeat_victims_and_powers(world: Any, persona: Any) -> None:
    from django.utils import timezone

    from csphub.cases import services as cases
    from csphub.people.services import person_create

    officer = persona("avbc_caseworker")
    partnership = Partnership.objects.get(code="E22000037").pk
    victim = person_create(actor=officer, given_name="Rita", family_name="Repeat")
    once = person_create(actor=officer, given_name="Olly", family_name="Once")
    now = timezone.now()
    for days, who in ((1, victim), (2, victim), (3, victim), (4, once)):
        cases.incident_record(
            actor=officer, occurred_at=now - dt.timedelta(days=days), reported_at=now - dt.timedelta(hours=days),
            channel="phone", asb_type="personal", category="noise", description="Shouting",
            parties=[(who, "victim")],
        )  # fmt: skip
    today = timezone.localdate()
    year = (today - dt.timedelta(days=30), today)
    assert _casework_or_duty_count(MeasureSource.REPEAT_VICTIMS, partnership, *year) == 1
    # Two of the three incidents only: no longer a repeat victim in that window.
    two_days = (today - dt.timedelta(days=2), today)
    assert _casework_or_duty_count(MeasureSource.REPEAT_VICTIMS, partnership, *two_days) == 0
    assert _casework_or_duty_count(MeasureSource.POWERS_USED, partnership, *year) == 0
