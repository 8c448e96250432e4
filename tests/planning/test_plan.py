"""The CSP Plan (issue 13): priorities → key areas of work → actions → measures, computed from the
data; the county plan and the PCC's plan a district plan has regard to (Police Reform and Social
Responsibility Act 2011 s.10); the narrative versioned; a published version frozen."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse

from csphub.audit.models import AuditEvent
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.planning import rules
from csphub.planning.demo import load_demo
from csphub.planning.models import CspPlan, MeasureSource, PlanAction, PlanMeasure, PriorityKind
from csphub.planning.plan import selectors, services

START, END = dt.date(2020, 4, 1), dt.date(2023, 3, 31)


# --- rules (pure) ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due_on", "ok"),
    [
        (dt.date(2020, 3, 31), False),  # the day before the plan starts
        (dt.date(2020, 4, 1), True),  # its first day
        (dt.date(2023, 3, 31), True),  # its last day
        (dt.date(2023, 4, 1), False),  # the day after
    ],
)
def test_an_action_is_due_within_the_plans_period(due_on: dt.date, ok: bool) -> None:
    problems = rules.action_problems(rag="green", rag_reason="", due_on=due_on, starts_on=START, ends_on=END)
    assert (problems == []) is ok


@pytest.mark.parametrize(
    ("rag", "reason", "ok"),
    [("green", "", True), ("amber", "", False), ("red", " ", False), ("red", "Staff moved", True)],
)
def test_amber_and_red_need_their_reason(rag: str, reason: str, ok: bool) -> None:
    problems = rules.action_problems(rag=rag, rag_reason=reason, due_on=None, starts_on=START, ends_on=END)
    assert (problems == []) is ok


def test_an_action_is_overdue_the_day_after_its_due_date_unless_done() -> None:
    due = dt.date(2021, 3, 31)
    assert not rules.action_is_overdue(due_on=due, status="in_progress", today=due)
    assert rules.action_is_overdue(due_on=due, status="in_progress", today=due + dt.timedelta(days=1))
    assert not rules.action_is_overdue(due_on=due, status="done", today=due + dt.timedelta(days=1))


@pytest.mark.parametrize(
    ("value", "direction", "on_track"),
    [(99, "reduce", True), (100, "reduce", False), (101, "increase", True), (100, "increase", False),
     (100, "maintain", True), (101, "maintain", False), (None, "reduce", None)],
)  # fmt: skip
def test_a_measure_is_on_track_when_it_moves_the_planned_way(
    value: Any, direction: str, on_track: Any
) -> None:
    assert rules.measure_reading(value=value, baseline=100, direction=direction).on_track is on_track


# --- the demo plan and its page --------------------------------------------------------------------


@pytest.fixture
def plan(world: Any) -> CspPlan:
    load_demo()
    return CspPlan.objects.get(level="district")


def test_the_demo_loads_amber_valleys_plan_under_the_county_board(plan: CspPlan) -> None:
    load_demo()  # idempotent
    assert CspPlan.objects.count() == 2
    assert plan.county_plan is not None and plan.county_plan.level == "county"
    priorities = list(plan.priorities.filter(kind=PriorityKind.PRIORITY).values_list("title", flat=True))
    assert priorities == ["Anti-Social Behaviour (ASB)", "Protecting those most at risk", "Organised Crime"]
    asb = plan.priorities.get(title="Anti-Social Behaviour (ASB)")
    assert "Hot spot response" in asb.key_areas.values_list("title", flat=True)
    assert asb.county_priority is not None and asb.county_priority.title == "Anti-social behaviour"
    assert set(plan.priorities.filter(kind=PriorityKind.GOLDEN_THREAD).values_list("title", flat=True)) == {
        "Mental health", "Community engagement",
    }  # fmt: skip
    # the nine areas of everyday business, each with what the published plan says about it
    everyday = plan.priorities.filter(kind=PriorityKind.EVERYDAY)
    assert everyday.count() == 9 and not everyday.filter(description="").exists()
    document = services.plan_document_html(plan)
    assert "alongside Community Trigger applications" in document.split('id="everyday"', 1)[1]
    # each with the partner that leads it: Probation for re-offending, the borough council the rest
    leads = dict(everyday.values_list("title", "lead_agency__slug"))
    assert leads.pop("Reducing re-offending") == "probation" and set(leads.values()) == {"avbc"}
    everyday_text = document.split('id="everyday"', 1)[1].split("<h2", 1)[0]
    assert everyday_text.count("<p>Led by Amber Valley Borough Council.</p>") == 8
    assert everyday_text.count("<p>Led by Probation Service (Derbyshire).</p>") == 1


def test_cases_opened_is_counted_in_the_plan_year_both_sides_of_1_april(
    plan: CspPlan, make_case: Any
) -> None:
    measure = PlanMeasure.objects.get(source=MeasureSource.CASES_OPENED)
    march = make_case()
    march.opened_at = dt.datetime(2021, 3, 31, 12, tzinfo=dt.UTC)
    march.save()
    april = make_case(family="Other")
    april.opened_at = dt.datetime(2021, 4, 1, 12, tzinfo=dt.UTC)
    april.save()
    assert selectors.measure_value(measure, today=dt.date(2021, 3, 31)) == 1  # the 2020/21 year
    assert selectors.measure_value(measure, today=dt.date(2021, 4, 1)) == 1  # the 2021/22 year


def test_the_plan_page_counts_rag_and_lists_overdue_actions(plan: CspPlan) -> None:
    page = selectors.plan_page(plan, today=dt.date(2022, 1, 1))
    assert page.rag_counts == {"green": 3, "amber": 1, "red": 1}
    assert [a.title for a in page.overdue] == [
        "Use community protection warnings before notices in every suitable case, and report their use quarterly"
    ] or all(a.status not in ("done", "stopped") for a in page.overdue)
    assert len(page.priorities) == 3 and len(page.golden_threads) == 2 and len(page.everyday) == 9


# --- writing it ----------------------------------------------------------------------------------


def test_only_the_coordinator_changes_actions_and_every_change_is_audited(
    plan: CspPlan, persona: Any
) -> None:
    action = PlanAction.objects.filter(rag="green").first()
    assert action is not None
    with pytest.raises(PermissionDeniedError):
        services.action_update(actor=persona("avbc_analyst"), action=action, status="done")
    with pytest.raises(ApplicationError, match="amber or red"):
        services.action_update(actor=persona("avbc_partnership_coordinator"), action=action, rag="amber")
    services.action_update(
        actor=persona("avbc_partnership_coordinator"), action=action, rag="amber", rag_reason="Staff shortage"
    )
    event = AuditEvent.objects.get(verb="plan.action_changed")
    assert set(event.changed_fields) == {"rag", "rag_reason"}


def test_publishing_freezes_the_document(plan: CspPlan, persona: Any) -> None:
    coordinator = persona("avbc_partnership_coordinator")
    first = services.plan_publish(actor=coordinator, plan=plan)
    assert "Hot spot response" in first.html and first.number == 1
    services.narrative_update(actor=coordinator, plan=plan, foreword="A new foreword for 2021.")
    plan.refresh_from_db()
    assert plan.narrative_version == 2
    first.refresh_from_db()
    assert "A new foreword for 2021." not in first.html  # the published version does not change
    second = services.plan_publish(actor=coordinator, plan=plan)
    assert second.number == 2 and "A new foreword for 2021." in second.html
    assert AuditEvent.objects.filter(verb="plan.published").count() == 2


def test_the_pages_read_and_write_through_the_flow(plan: CspPlan, client_as: Any) -> None:
    page = (
        client_as("avbc_board_member").get(reverse("planning:plan_detail", args=[plan.pk])).content.decode()
    )
    assert "Hot spot response" in page and "Update<span" not in page
    coordinator = client_as("avbc_partnership_coordinator")
    area = plan.priorities.get(title="Organised Crime").key_areas.get(title="Rural crime")
    url = reverse("planning:plan_action_new", args=[area.pk])
    police = area.priority.plan.partnership.agencies.get(slug="police")
    answers = {
        "title": "Farm watch meetings each quarter", "owner_agency": police.pk, "lead": "Rural crime officer",
        "due_on_day": "30", "due_on_month": "9", "due_on_year": "2022", "status": "not_started", "rag": "green",
    }  # fmt: skip
    check = coordinator.post(url, answers).content.decode()
    assert "Check the action before you add it" in check, re.findall(r'error-message">(.*?)</p>', check, re.S)
    assert not PlanAction.objects.filter(title="Farm watch meetings each quarter").exists()
    coordinator.post(url, {**answers, "step": "confirm"})
    assert PlanAction.objects.get(title="Farm watch meetings each quarter").key_area == area
    late = coordinator.post(url, {**answers, "due_on_year": "2024"}).content.decode()
    assert "within the plan&#x27;s period" in late or "within the plan's period" in late


def test_the_document_is_a_tagged_pdf(plan: CspPlan, client_as: Any) -> None:
    response = client_as("avbc_analyst").get(
        reverse("planning:plan_document", args=[plan.pk]) + "?format=pdf"
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"/StructTreeRoot" in _inflated(response.content) and b"/Marked true" in _inflated(
        response.content
    )


def _inflated(pdf: bytes) -> bytes:
    """The PDF with its compressed streams (object streams included) inflated, to look for tags."""
    import zlib

    out = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"".join(out)
