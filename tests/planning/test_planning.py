"""Priority setting: sessions with the assessment's evidence, independent scoring, comparison,
recomputation under another framework version, and the board's adoption (audited)."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.utils import timezone

from csphub.analytics import morile
from csphub.audit.models import AuditEvent, PlanningVerb
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.insights import selectors as insights_selectors
from csphub.insights.services import assessment_adopt
from csphub.planning import selectors, services
from csphub.planning.models import PriorityAdoption, ScoreSheet, ScoringFramework
from tests.analytics.test_morile import filled
from tests.versions import with_version

pytestmark = pytest.mark.django_db


def grid_framework() -> ScoringFramework:
    return ScoringFramework.objects.get(name="4×4 impact × likelihood grid", version="1")


def levels(**overrides: int) -> dict[str, dict[str, Any]]:
    base = dict.fromkeys(grid_framework().framework.cell_keys, 2)
    base.update(overrides)
    return {
        key: {"value": v, "evidence": f"evidence for {key}", "rationale": f"why {key}"}
        for key, v in base.items()
    }


@pytest.fixture
def session(persona: Any) -> Any:
    return services.session_open(
        actor=persona("avbc_partnership_coordinator"), title="Workshop", framework=grid_framework()
    )


def test_presets_are_shipped_and_labelled_with_their_source(db: None) -> None:
    names = {(f.name, f.version): f for f in ScoringFramework.objects.all()}
    assert ("4×4 impact × likelihood grid", "1") in names
    template = names[("MoRiLE-style thematic matrix (to be filled in)", "template-1")]
    assert "not public" in template.source
    assert not template.framework.ready


def test_session_carries_each_themes_evidence_from_the_adopted_assessment(
    amber_valley_run: Any, persona: Any
) -> None:
    coordinator = persona("avbc_partnership_coordinator")
    before = services.session_open(actor=coordinator, title="Before", framework=grid_framework())
    assert before.assessment_run_id is None and before.evidence == {}  # a run alone is not official
    assessment_adopt(actor=persona("avbc_board_member"), run=amber_valley_run)
    opened = services.session_open(actor=coordinator, title="Workshop", framework=grid_framework())
    _run, assessment = insights_selectors.adopted_assessment(coordinator)  # type: ignore[misc]
    asb_row = next(r for r in assessment.by_crime_type if r.crime_type == "Anti-social behaviour")
    asb = opened.evidence["asb"]
    assert asb["available"] and asb["volume"] == asb_row.count
    assert asb["rate_per_1000"] == round(asb_row.count / assessment.area.population * 1000, 2)
    assert asb["categories"][0]["p_adj"] == asb_row.p_adj
    acquisitive = opened.evidence["acquisitive"]
    assert acquisitive["volume"] == sum(c["count"] for c in acquisitive["categories"])
    assert acquisitive["harm"] is not None
    assert not opened.evidence["domestic_abuse"]["available"]  # police.uk cannot identify it
    assert "police.uk does not identify" in opened.evidence["prevent"]["note"]
    assert opened.assessment_run_id == amber_valley_run.pk
    assert AuditEvent.objects.filter(
        verb=PlanningVerb.SCORINGSESSION_OPENED, target_id=str(opened.pk)
    ).exists()


def test_a_session_needs_a_framework_whose_scales_are_filled_in(persona: Any) -> None:
    template = ScoringFramework.objects.get(version="template-1")
    with pytest.raises(ApplicationError, match="cannot be used yet"):
        services.session_open(actor=persona("avbc_analyst"), title="W", framework=template)


def test_only_coordinators_and_analysts_score(session: Any, persona: Any) -> None:
    for username in ("avbc_board_member", "avbc_caseworker", "avbc_team_manager"):
        with pytest.raises(PermissionDeniedError):
            services.sheet_submit(actor=persona(username), session=session, theme="asb", cells=levels())
    services.sheet_submit(actor=persona("avbc_analyst"), session=session, theme="asb", cells=levels())


def test_a_sheet_needs_every_cell_on_its_scale(session: Any, persona: Any) -> None:
    cells = levels(likelihood=9)
    del cells["physical"]
    with pytest.raises(ApplicationError) as refusal:
        services.sheet_submit(actor=persona("avbc_analyst"), session=session, theme="asb", cells=cells)
    assert "Score physical harm" in refusal.value.message
    assert "Likelihood: choose a level on the scale" in refusal.value.message
    assert not ScoreSheet.objects.exists()


def test_two_assessors_compared_and_a_rescore_is_kept(session: Any, persona: Any) -> None:
    analyst, coordinator = persona("avbc_analyst"), persona("avbc_partnership_coordinator")
    services.sheet_submit(actor=analyst, session=session, theme="asb", cells=levels(physical=1))
    services.sheet_submit(actor=analyst, session=session, theme="asb", cells=levels(physical=4, likelihood=4))
    services.sheet_submit(
        actor=coordinator, session=session, theme="asb", cells=levels(physical=2, likelihood=3)
    )
    services.sheet_submit(actor=analyst, session=session, theme="hate_crime", cells=levels())
    assert ScoreSheet.objects.filter(theme="asb").count() == 3  # the re-score appended
    summary = selectors.session_summary(session)
    asb = next(r for r in summary.rows if r.theme == "asb")
    cells = {c.cell: c for c in asb.agreement.cells}
    assert sorted(cells["physical"].values.values()) == [2, 4]  # the analyst's latest sheet counts
    assert cells["physical"].flagged and not cells["likelihood"].flagged
    # consensus: the higher middle of two -> physical 4, likelihood 4 -> 16, High
    assert asb.consensus.adjusted_risk == 16 and asb.consensus.band == "High"
    assert [r.theme for r in summary.ranked] == ["asb", "hate_crime"]
    assert "Prevent" in summary.unscored
    assert AuditEvent.objects.filter(verb=PlanningVerb.SCORESHEET_SUBMITTED).count() == 4


def test_recomputed_from_raw_levels_under_another_framework_version(session: Any, persona: Any) -> None:
    analyst = persona("avbc_analyst")
    services.sheet_submit(actor=analyst, session=session, theme="asb", cells=levels(physical=4, likelihood=4))
    other_version = services.framework_import(actor=analyst, text=filled().to_json())
    summary = selectors.session_summary(session, other_version)
    asb = summary.rows[0].consensus
    # the grid does not score vulnerability or geographic scope: under the force's version they are missing
    assert set(asb.missing) == {"victim_vulnerability", "geographic_scope"}
    assert asb.adjusted_risk is None
    # the same raw levels under the session's own version still give 16
    assert selectors.session_summary(session).rows[0].consensus.adjusted_risk == 16


def test_framework_import_keeps_versions_apart_and_is_audited(persona: Any) -> None:
    analyst = persona("avbc_analyst")
    saved = services.framework_import(actor=analyst, text=filled().to_json())
    assert saved.framework == filled()
    assert AuditEvent.objects.filter(
        verb=PlanningVerb.SCORINGFRAMEWORK_IMPORTED, target_id=str(saved.pk)
    ).exists()
    with pytest.raises(ApplicationError, match="already has a version force-2026-1"):
        services.framework_import(actor=analyst, text=filled().to_json())
    with pytest.raises(ApplicationError, match="not valid JSON"):
        services.framework_import(actor=analyst, text="{")
    with pytest.raises(PermissionDeniedError):
        services.framework_import(actor=persona("avbc_board_member"), text=json.dumps({}))


def test_board_adopts_in_ranking_order_audited(session: Any, persona: Any) -> None:
    analyst, board = persona("avbc_analyst"), persona("avbc_board_member")
    services.sheet_submit(actor=analyst, session=session, theme="asb", cells=levels(physical=3, likelihood=3))
    services.sheet_submit(
        actor=analyst, session=session, theme="acquisitive", cells=levels(physical=4, likelihood=4)
    )
    today = timezone.localdate()
    with pytest.raises(PermissionDeniedError):
        services.priorities_adopt(
            actor=persona("avbc_partnership_coordinator"), session=session, themes=["asb"], adopted_on=today,
            minutes_reference="Board 1",
        )  # fmt: skip
    with pytest.raises(ApplicationError, match="today or in the past"):
        services.priorities_adopt(
            actor=board, session=session, themes=["asb"], adopted_on=today + datetime.timedelta(days=1),
            minutes_reference="Board 1",
        )  # fmt: skip
    with pytest.raises(ApplicationError, match="have been scored"):
        services.priorities_adopt(
            actor=board,
            session=session,
            themes=["asb", "prevent"],
            adopted_on=today,
            minutes_reference="Board 1",
        )
    adoption = services.priorities_adopt(
        actor=board,
        session=session,
        themes=["asb", "acquisitive"],
        adopted_on=today,
        minutes_reference="Board 1",
    )
    assert adoption.themes == ["acquisitive", "asb"]  # kept in ranking order
    assert adoption.adopted_by == board and adoption.minutes_reference == "Board 1"
    assert [r["score"] for r in adoption.ranking] == [16, 9]
    event = AuditEvent.objects.get(verb=PlanningVerb.PRIORITIES_ADOPTED)
    assert event.target_id == str(adoption.pk) and event.actor == board
    assert selectors.latest_adoption(board) == adoption


def test_pages_walk_through_scoring_comparing_and_adopting(session: Any, client_as: Any) -> None:
    analyst = client_as("avbc_analyst")
    page = analyst.get(f"/priorities/sessions/{session.pk}/themes/asb/score/")
    assert page.status_code == 200 and "Score anti-social behaviour" in page.content.decode()
    form = {key: str(v["value"]) for key, v in levels(physical=1).items()}
    response = analyst.post(f"/priorities/sessions/{session.pk}/themes/asb/score/", form)
    assert response.status_code == 302
    coordinator = client_as("avbc_partnership_coordinator")
    form = {key: str(v["value"]) for key, v in levels(physical=4).items()}
    assert coordinator.post(f"/priorities/sessions/{session.pk}/themes/asb/score/", form).status_code == 302
    detail = coordinator.get(f"/priorities/sessions/{session.pk}/").content.decode()
    assert "Differ by 3 points" in detail and "Would the top three change?" in detail
    board = client_as("avbc_board_member")
    today = timezone.localdate()
    answers = {
        "themes": ["asb"],
        "adopted_on_day": str(today.day),
        "adopted_on_month": str(today.month),
        "adopted_on_year": str(today.year),
        "minutes_reference": "Board minutes, item 5",
    }
    answers = with_version(board, f"/priorities/sessions/{session.pk}/adopt/", answers)
    check = board.post(f"/priorities/sessions/{session.pk}/adopt/", answers)
    assert check.status_code == 200 and "Check the board" in check.content.decode()
    assert not PriorityAdoption.objects.exists()  # the check page rehearsed and rolled back
    done = board.post(f"/priorities/sessions/{session.pk}/adopt/", {**answers, "step": "confirm"})
    assert done.status_code == 302
    assert PriorityAdoption.objects.get().themes == ["asb"]
    assert "Anti-social behaviour" in board.get("/priorities/").content.decode()


def test_framework_export_is_the_versioned_file(client_as: Any) -> None:
    framework = grid_framework()
    response = client_as("avbc_board_member").get(f"/priorities/frameworks/{framework.pk}/export/")
    assert response.status_code == 200
    assert morile.Framework.from_json(response.content) == framework.framework


def test_framework_import_page_adds_a_version_and_shows_a_refusal(client_as: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    analyst = client_as("avbc_analyst")
    upload = SimpleUploadedFile("force.json", filled().to_json().encode(), content_type="application/json")
    response = analyst.post("/priorities/frameworks/import/", {"file": upload})
    saved = ScoringFramework.objects.get(version="force-2026-1")
    assert response.status_code == 302 and response["Location"] == f"/priorities/frameworks/{saved.pk}/"
    bad = SimpleUploadedFile("bad.json", b'{"format": "x"}', content_type="application/json")
    page = analyst.post("/priorities/frameworks/import/", {"file": bad}).content.decode()
    assert "not a CSP Hub scoring framework" in page


def test_the_session_page_shows_who_scored_when_and_why(session: Any, persona: Any, client_as: Any) -> None:
    """Partner scoring sessions are recorded (who, when, the rationale for each score): the
    coordinator comparing the scores reads each assessor's reasons and evidence beside their levels."""
    from django.utils.dateformat import format as date_format

    services.sheet_submit(
        actor=persona("avbc_analyst"), session=session, theme="asb", cells=levels(physical=3)
    )
    sheet = ScoreSheet.objects.get()
    page = (
        client_as("avbc_partnership_coordinator").get(f"/priorities/sessions/{session.pk}/").content.decode()
    )
    section = page.split('data-testid="reasons-asb"', 1)[1].split("</details>", 1)[0]
    assert selectors.assessor_name(sheet.assessor) in section
    assert date_format(timezone.localtime(sheet.scored_at), "j F Y, H:i") in section
    assert "Physical harm: level 3" in section
    assert "why physical" in section and "evidence for physical" in section
