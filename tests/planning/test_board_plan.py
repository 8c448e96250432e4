"""The board pack reads the CSP Plan (issue 13 item 7): each measure against its baseline and target,
with a chart and its table, and the Plan's actions by RAG, those at risk or off track named. The
figures equal an independent count of the Plan's records."""

from __future__ import annotations

import base64
import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse

from csphub.planning.board import charts, services
from csphub.planning.demo import load_demo
from csphub.planning.models import CspPlan, PlanAction, PlanMeasure


@pytest.fixture
def pack(world: Any, persona: Any) -> Any:
    load_demo()
    return services.board_pack_generate(
        actor=persona("avbc_partnership_coordinator"), quarter="2021-Q4", today=dt.date(2022, 1, 10)
    )


def test_the_pack_holds_the_plans_measures_against_their_targets(pack: Any) -> None:
    plan = CspPlan.objects.get(level="district")
    figures = pack.figures["csp_plan"]
    assert figures["title"] == plan.title and figures["as_at"] == "2021-12-31"
    by_title = {m["title"]: m for m in figures["measures"]}
    measures = PlanMeasure.objects.filter(priority__plan=plan)
    assert set(by_title) == {m.title for m in measures}
    for measure in measures:
        row = by_title[measure.title]
        assert (row["baseline"], row["target"], row["target_label"]) == (
            measure.baseline, measure.target, measure.target_label,
        )  # fmt: skip
    asb = by_title["Anti-social behaviour incidents recorded by the police"]
    assert asb["target"] == 3200 and asb["value"] is None and asb["on_track"] is None  # no assessment loaded
    cases = by_title["ASB cases opened by the partners"]
    assert cases["value"] == 0 and cases["on_track"] is True  # none opened, target 40 (keep at or below)


def test_the_pack_counts_the_plans_actions_by_rag(pack: Any) -> None:
    figures = pack.figures["csp_plan"]
    actions = list(PlanAction.objects.filter(key_area__priority__plan__level="district"))
    independent = {rag: sum(1 for a in actions if a.rag == rag) for rag in ("green", "amber", "red")}
    assert figures["rag"] == independent
    per_priority = {rag: sum(r[rag] for r in figures["rag_by_priority"]) for rag in ("green", "amber", "red")}
    assert per_priority == independent
    named = {a["title"] for a in figures["attention"]}
    not_green = {a.title for a in actions if a.rag != "green"}
    overdue = {
        a.title for a in actions if a.status not in ("done", "stopped") and a.due_on < dt.date(2021, 12, 31)
    }
    assert named == not_green | overdue
    assert figures["attention"][0]["rag"] == "red"  # red first


def test_the_pack_page_shows_each_chart_beside_its_table(pack: Any, client_as: Any) -> None:
    body = (
        client_as("avbc_board_member").get(reverse("planning:pack_detail", args=[pack.pk])).content.decode()
    )
    assert 'data-testid="pack-measures"' in body and 'data-testid="pack-rag"' in body
    images = re.findall(r'<img src="(data:image/svg\+xml;base64,[^"]+)" alt="([^"]+)"', body)
    assert len(images) == len(pack.figures["csp_plan"]["measures"]) + 1  # a chart per measure, one of RAG
    svg = base64.b64decode(images[0][0].split(",", 1)[1]).decode()
    assert "Target (2022/23)" in svg and "3,200" in svg and 'stroke-dasharray="4 3"' in svg
    assert "target 3200 (2022/23)" in images[0][1]


def test_a_pack_made_before_the_plan_was_counted_says_so(pack: Any, client_as: Any) -> None:
    del pack.figures["csp_plan"]
    pack.save(update_fields=["figures"])
    body = (
        client_as("avbc_board_member").get(reverse("planning:pack_detail", args=[pack.pk])).content.decode()
    )
    assert "made before board packs counted the CSP Plan" in body


def test_charts_without_a_target_or_a_figure() -> None:
    measure = {
        "title": "Applications",
        "baseline": 3,
        "baseline_label": "2019/20",
        "target": None,
        "value": None,
    }
    svg = base64.b64decode(charts.measure_chart(measure).split(",", 1)[1]).decode()
    assert "Baseline (2019/20)" in svg and "Target" not in svg and "Latest" not in svg
    assert charts.measure_chart_title(measure) == "Applications: baseline 3 (2019/20), no figure yet"
    rag = base64.b64decode(
        charts.rag_chart([{"priority": "1. ASB", "green": 2, "amber": 0, "red": 1}]).split(",", 1)[1]
    ).decode()
    assert "1. ASB: 2 green" in rag and "1. ASB: 1 red" in rag and "amber" not in rag.split("</title>", 1)[1]
