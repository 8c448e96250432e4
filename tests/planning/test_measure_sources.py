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
    # A window that ends before the third incident: not yet a repeat victim in it.
    before_the_third = (today - dt.timedelta(days=30), today - dt.timedelta(days=2))
    assert _casework_or_duty_count(MeasureSource.REPEAT_VICTIMS, partnership, *before_the_third) == 0
    assert _casework_or_duty_count(MeasureSource.POWERS_USED, partnership, *year) == 0


def test_the_plans_repeat_victims_are_the_board_packs_count_under_the_partnerships_rule(
    world: Any, persona: Any
) -> None:
    """One count, one rule (the default: 3 similar incidents, i.e. of the same ASB type, within 3
    months; incidents before the period count towards it): the Plan's measure for the plan year equals
    the board pack's figure for the same days. A plain 'victim of 3 or more incidents in the year' would
    count Cat and Gus and miss Bob."""
    from django.utils import timezone

    from csphub.cases import services as cases
    from csphub.people.services import person_create
    from csphub.planning.board.selectors import board_figures
    from csphub.planning.models import CspPlan, PlanMeasure, PlanPriority
    from csphub.planning.plan.selectors import measure_value

    officer = persona("avbc_caseworker")
    partnership = Partnership.objects.get(code="E22000037").pk
    start, end = dt.date(2022, 4, 1), dt.date(2023, 3, 31)

    def victim_of(name: str, *incidents: tuple[dt.date, str]) -> None:
        person = person_create(actor=officer, given_name=name, family_name="Victim")
        for day, asb_type in incidents:
            at = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
            cases.incident_record(
                actor=officer, occurred_at=at, reported_at=at + dt.timedelta(hours=2), channel="phone",
                asb_type=asb_type, category="noise", description="Shouting", parties=[(person, "victim")],
            )  # fmt: skip

    p, d = "personal", dt.date
    victim_of("Ann", (d(2022, 6, 1), p), (d(2022, 6, 8), p), (d(2022, 6, 15), p))  # yes
    victim_of("Bob", (d(2022, 2, 20), p), (d(2022, 3, 10), p), (d(2022, 4, 1), p))  # yes: the first day
    victim_of("Cat", (d(2022, 7, 1), p), (d(2022, 7, 2), "nuisance"), (d(2022, 7, 3), "environmental"))  # no
    victim_of("Gus", (d(2022, 5, 1), p), (d(2022, 9, 1), p), (d(2023, 1, 1), p))  # no: too spread
    victim_of("Ivy", (d(2023, 3, 1), p), (d(2023, 3, 20), p), (d(2023, 3, 31), p))  # yes: the last day
    victim_of("Hal", (d(2023, 3, 20), p), (d(2023, 3, 31), p), (d(2023, 4, 1), p))  # no: the day after
    victim_of("Kim", (d(2022, 1, 1), p), (d(2022, 1, 20), p), (d(2022, 3, 31), p))  # no: the day before

    plan = CspPlan.objects.create(
        partnership_id=partnership, title="Test plan", starts_on=d(2022, 4, 1), ends_on=d(2025, 3, 31)
    )
    priority = PlanPriority.objects.create(plan=plan, title="Anti-social behaviour")
    measure = PlanMeasure.objects.create(
        priority=priority, title="Repeat victims", source=MeasureSource.REPEAT_VICTIMS, baseline=5,
        baseline_label="2021/22",
    )  # fmt: skip
    in_the_plan = measure_value(measure, today=d(2022, 10, 1))
    pack = board_figures(persona("avbc_partnership_coordinator"), start=start, end=end, today=d(2023, 4, 5))
    assert in_the_plan == pack["casework"]["repeat_victims"] == 3  # Ann, Bob, Ivy
    assert _casework_or_duty_count(MeasureSource.REPEAT_VICTIMS, partnership, start, end) == 3
    # Each side of each edge of the plan year: Bob's third incident and Ivy's are on the edges.
    assert _casework_or_duty_count(MeasureSource.REPEAT_VICTIMS, partnership, d(2022, 4, 2), end) == 2
    assert _casework_or_duty_count(MeasureSource.REPEAT_VICTIMS, partnership, start, d(2023, 3, 30)) == 2
