"""The PDFs read back as text (pypdf): the Plan document's PDF carries the plan's priorities, their key
areas of work and measures, each duty's Act and the ASB Case Review sentences with their figures
counted from the records (s.104(10) of the Anti-social Behaviour, Crime and Policing Act 2014); the
board pack's PDF carries the Plan's measures, the actions by RAG, the repeat victims under the
partnership's rule and the registers' counts (issue 13)."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from csphub.casereviews.rules import ReportingYear
from csphub.planning.models import CspPlan, PlanMeasure, PlanPriority
from tests.planning.test_plan_document import WORDS

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world: Any) -> CspPlan:
    from csphub.casereviews.demo import load_demo as load_case_reviews
    from csphub.planning.demo import load_demo

    load_demo()
    load_case_reviews(rng_seed=2026)
    return CspPlan.objects.get(level="district")


def pdf_text(content: bytes) -> str:
    """Every page's text, whitespace (line and page breaks included) run together into single spaces."""
    from pypdf import PdfReader

    assert content[:5] == b"%PDF-"
    reader = PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))


def test_the_plan_documents_pdf_text_has_the_priorities_measures_and_statutory_sentences(
    plan: CspPlan, client_as: Any
) -> None:
    from csphub.casereviews.models import Application, ReviewMeeting

    response = client_as("avbc_analyst").get(
        reverse("planning:plan_document", args=[plan.pk]) + "?format=pdf"
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)

    assert plan.title in text and plan.partnership.name in text
    priorities = list(PlanPriority.objects.filter(plan=plan, kind="priority"))
    assert len(priorities) >= 3
    for number, priority in enumerate(priorities, start=1):
        assert f"{number}. {priority.title}" in text, priority.title
        for area in priority.key_areas.all():
            assert area.title in text, area.title
    measures = list(PlanMeasure.objects.filter(priority__plan=plan))
    assert measures, "the demo plan has measures"
    for measure in measures:
        assert measure.title in text, measure.title
        aim = f"{measure.get_direction_display()} from {measure.baseline} ({measure.baseline_label})"
        assert aim in text, aim
    for agency in plan.partnership.agencies.all():  # the partners, and the narrative's history
        assert agency.name in text, agency.name
    assert f"Document history This is version {plan.narrative_version} of the plan's narrative" in text
    everyday = PlanPriority.objects.filter(plan=plan, kind="everyday").select_related("lead_agency")
    for business in everyday:
        assert business.title in text, business.title

    for act in (
        "Crime and Disorder Act 1998",
        "Anti-social Behaviour, Crime and Policing Act 2014",
        "Counter-Terrorism and Security Act 2015",
        "Domestic Violence, Crime and Victims Act 2004",
        "Modern Slavery Act 2015",
    ):
        assert act in text, act
    # The Case Review figures of the latest reporting year ended by today, counted here from the records.
    year = ReportingYear(ReportingYear.containing(timezone.localdate()).start_year - 1)
    ours = Application.objects.filter(area__partnership=plan.partnership)
    received = ours.filter(received_on__gte=year.start, received_on__lte=year.end).count()
    held = sum(
        1
        for meeting in ReviewMeeting.objects.filter(application__in=ours)
        for day in (meeting.held_on.isoformat(), *(e["held_on"] for e in meeting.earlier_reviews))
        if year.start.isoformat() <= day <= year.end.isoformat()
    )
    assert received > 0
    applications = "application was" if received == 1 else "applications were"
    assert (
        f"{WORDS[received]} ASB Case Review {applications} received in Amber Valley during {year.label}"
        in text
    )
    reviews = "Review was" if held == 1 else "Reviews were"
    assert f"{WORDS[held]} ASB Case {reviews} conducted in {year.label}" in text


def test_the_board_packs_pdf_text_has_the_measures_rag_and_casework(
    plan: CspPlan, persona: Any, client_as: Any
) -> None:
    import datetime as dt

    from csphub.planning.board import services

    pack = services.board_pack_generate(
        actor=persona("avbc_partnership_coordinator"), quarter="2022-Q4", today=dt.date(2023, 1, 10)
    )
    client = client_as("avbc_board_member")
    response = client.get(reverse("planning:pack_pdf", args=[pack.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)

    assert f"Board pack: {pack.quarter_label}" in text
    csp_plan = pack.figures["csp_plan"]
    assert csp_plan["measures"], "the demo plan's measures are in the 2022-Q4 pack"
    for measure in csp_plan["measures"]:
        assert measure["title"] in text, measure["title"]
    titles = set(PlanMeasure.objects.filter(priority__plan=plan).values_list("title", flat=True))
    assert {m["title"] for m in csp_plan["measures"]} == titles
    rag = csp_plan["rag"]
    assert (
        f"{rag['green']} green (on track), {rag['amber']} amber (at risk), {rag['red']} red (off track)."
        in text
    )
    casework = pack.figures["casework"]
    assert (
        f"Repeat victims this quarter (people the repeat-victim rule flagged: {casework['repeat_victim_rule']})"
        in text
    )
    for label, _count in pack.figures["registers"]:
        assert label in text, label
    assert "Where the figures come from" in text
