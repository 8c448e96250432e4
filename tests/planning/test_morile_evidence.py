"""A scoring session's evidence pre-filled from the adopted assessment (issue 13): each theme's
incidents in the assessment's hot-spot cells, the assessment's repeat locations, and CSP Hub's
casework over the assessment's period for the themes casework records. Checked against counts made
here independently (the stored Gi* cells; the incidents and cases in the database)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from csphub.insights import selectors as insights_selectors
from csphub.insights.services import assessment_adopt
from csphub.planning import services
from csphub.planning.evidence import hot_spot_concentration
from tests.planning.test_planning import grid_framework

pytestmark = pytest.mark.django_db


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def test_evidence_carries_hot_spots_repeats_and_casework(amber_valley_run: Any, persona: Any) -> None:
    from csphub.cases import services as cases
    from csphub.cases.models import Case, Incident

    officer = persona("avbc_caseworker")
    for day in (dt.date(2023, 12, 31), dt.date(2024, 1, 1), dt.date(2024, 12, 31), dt.date(2025, 1, 1)):
        cases.incident_record(
            actor=officer, occurred_at=_at(day), reported_at=_at(day) + dt.timedelta(hours=1),
            channel="phone", asb_type="personal", category="noise", description="Shouting", parties=[],
        )  # fmt: skip
    coordinator = persona("avbc_partnership_coordinator")
    assessment_adopt(actor=persona("avbc_board_member"), run=amber_valley_run)
    opened = services.session_open(actor=coordinator, title="Workshop", framework=grid_framework())
    _run, assessment = insights_selectors.adopted_assessment(coordinator)  # type: ignore[misc]
    assert (assessment.period.first, assessment.period.last) == ("2024-01", "2024-12")

    asb = opened.evidence["asb"]
    # Casework: the incidents and cases of 2024 in the database, counted here.
    in_2024 = [i for i in Incident.objects.all() if i.occurred_at.year == 2024]
    assert asb["casework"] == {
        "incidents": len(in_2024),
        "cases_opened": sum(1 for c in Case.objects.all() if c.opened_at.year == 2024),
    }
    assert len(in_2024) == 2
    assert (
        "casework" not in opened.evidence["acquisitive"] or opened.evidence["acquisitive"]["casework"] is None
    )

    # Hot spots: for the crime types the hot spots were found from, the store's count in the hot
    # cells equals the stored Gi* cells' own counts.
    assert assessment.hotspots is not None
    cells = assessment.hotspots.gistar.cells
    hot_types = list(assessment.parameters.hotspots.crime_types)
    all_crime = hot_spot_concentration(assessment, hot_types)
    assert all_crime is not None
    assert all_crime["in_hot_spots"] == sum(n for n, h in zip(cells.count, cells.is_hot, strict=True) if h)
    assert all_crime["total"] == sum(cells.count)
    assert all_crime["hot_cells"] == assessment.hotspots.gistar.n_hot > 0
    h = asb["hot_spots"]
    assert h is not None and h["hot_cells"] == all_crime["hot_cells"]
    assert 0 <= h["in_hot_spots"] <= h["total"] <= asb["volume"]
    assert h["share"] == (round(h["in_hot_spots"] / h["total"], 3) if h["total"] else None)

    # Repeats: the assessment's repeat-location output.
    assert assessment.repeats is not None
    r = asb["repeats"]
    assert r["events"] == assessment.repeats.n_events
    assert r["events_at_repeat_places"] == assessment.repeats.n_events_at_repeat_places
    assert r["covers"] == "all crime excluding anti-social behaviour"  # the hot spots' default types
    assert not opened.evidence["prevent"]["available"]
