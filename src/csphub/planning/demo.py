"""Demo data for the CSP Plan: the Amber Valley plan 2020-2023 (priorities, key areas, golden
threads, everyday business, narrative) under the Derbyshire board's priorities, with made-up
example actions and measures so that progress reporting shows (idempotent: found by title)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from csphub.agencies.models import Agency, Partnership
from csphub.planning.data import amber_valley_plan as av
from csphub.planning.models import (
    CspPlan,
    KeyArea,
    PlanAction,
    PlanLevel,
    PlanMeasure,
    PlanPriority,
    PriorityKind,
)


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def load_demo(*, rng_seed: int = 2026) -> None:
    district = Partnership.objects.filter(code="E22000037").first()
    board = district.parent if district is not None else None
    if district is None or board is None or CspPlan.objects.filter(title=av.TITLE).exists():
        return
    with transaction.atomic():
        county = CspPlan.objects.create(
            partnership=board, title=av.COUNTY_TITLE, level=PlanLevel.COUNTY,
            starts_on=_date(av.STARTS), ends_on=_date(av.ENDS), pcc_plan_title=av.PCC_PLAN,
        )  # fmt: skip
        county_priorities = {
            title: PlanPriority.objects.create(plan=county, title=title, order=i)
            for i, title in enumerate(av.COUNTY_PRIORITIES)
        }
        plan = CspPlan.objects.create(
            partnership=district, title=av.TITLE, level=PlanLevel.DISTRICT, county_plan=county,
            starts_on=_date(av.STARTS), ends_on=_date(av.ENDS), pcc_plan_title=av.PCC_PLAN,
            foreword=av.FOREWORD, about=av.ABOUT, governance=av.GOVERNANCE, contacts=av.CONTACTS,
        )  # fmt: skip
        priorities: list[PlanPriority] = []
        areas: list[list[KeyArea]] = []
        for i, (title, description, theme, county_title, key_areas) in enumerate(av.PRIORITIES):
            priority = PlanPriority.objects.create(
                plan=plan, title=title, description=description, order=i, theme=theme,
                county_priority=county_priorities.get(county_title),
            )  # fmt: skip
            priorities.append(priority)
            areas.append(
                [KeyArea.objects.create(priority=priority, title=t, order=j) for j, t in enumerate(key_areas)]
            )
        threads = {
            title: PlanPriority.objects.create(
                plan=plan, title=title, order=100 + i, kind=PriorityKind.GOLDEN_THREAD
            )
            for i, title in enumerate(av.GOLDEN_THREADS)
        }
        agencies = {a.slug: a for a in Agency.objects.all()}
        for i, (title, description) in enumerate(av.EVERYDAY_BUSINESS):
            lead = av.EVERYDAY_LEADS.get(title, av.EVERYDAY_DEFAULT_LEAD)
            PlanPriority.objects.create(
                plan=plan, title=title, description=description, order=200 + i, kind=PriorityKind.EVERYDAY,
                lead_agency=agencies.get(lead),
            )  # fmt: skip
        actions: dict[int, PlanAction] = {}
        for n, (p, a, title, slug, lead, due, status, rag, reason, finding) in enumerate(av.DEMO_ACTIONS):
            if slug in agencies:
                actions[n] = PlanAction.objects.create(
                    key_area=areas[p][a], title=title, owner_agency=agencies[slug], lead=lead,
                    due_on=_date(due), status=status, rag=rag, rag_reason=reason, assessment_finding=finding,
                )  # fmt: skip
        for n, thread in av.DEMO_THREAD_TAGS:
            if n in actions:
                actions[n].golden_threads.add(threads[thread])
        for p, title, source, baseline, label, direction, target, target_label in av.DEMO_MEASURES:
            PlanMeasure.objects.create(
                priority=priorities[p], title=title, source=source, baseline=baseline,
                baseline_label=label, direction=direction, target=target, target_label=target_label,
            )  # fmt: skip
