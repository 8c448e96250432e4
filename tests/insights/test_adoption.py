"""The partnership adopts one Strategic Assessment as its official one (national-geography issue,
item 4): who and when, audited, history kept; the home page and priority setting read the adopted
run, never merely the most recent one."""

from __future__ import annotations

from typing import Any

import pytest

from csphub.agencies.models import Partnership, PartnershipKind
from csphub.audit.models import AuditEvent
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.insights import selectors
from csphub.insights.models import AssessmentAdoption
from csphub.insights.services import assessment_adopt, assessment_run

pytestmark = pytest.mark.django_db


def test_the_board_adopts_a_run_and_it_is_the_official_one(amber_valley_run: Any, persona: Any) -> None:
    board = persona("avbc_board_member")
    assert selectors.adopted_assessment(board) is None
    adoption = assessment_adopt(actor=board, run=amber_valley_run, note="Board, 12 March, minute 7")
    run, assessment = selectors.adopted_assessment(persona("avbc_analyst"))  # type: ignore[misc]
    assert run == amber_valley_run and assessment.area.name == "Amber Valley"
    assert adoption.created_by == board and adoption.note == "Board, 12 March, minute 7"
    assert AuditEvent.objects.filter(verb="assessment.adopted", target_id=str(run.pk)).count() == 1
    with pytest.raises(ApplicationError, match="already the partnership's official"):
        assessment_adopt(actor=persona("avbc_partnership_coordinator"), run=amber_valley_run)


def test_a_newer_run_is_not_official_until_adopted(amber_valley_run: Any, persona: Any) -> None:
    assessment_adopt(actor=persona("avbc_board_member"), run=amber_valley_run)
    newer = assessment_run(
        actor=persona("avbc_analyst"), area="Amber Valley", date_from="2024-04", date_to="2024-09"
    )
    analyst = persona("avbc_analyst")
    assert selectors.adopted_assessment(analyst)[0] == amber_valley_run  # type: ignore[index]
    assert selectors.home_context(analyst)["adoption"].run == amber_valley_run  # type: ignore[index]
    assessment_adopt(actor=persona("avbc_partnership_coordinator"), run=newer)
    assert selectors.adopted_assessment(analyst)[0] == newer  # type: ignore[index]
    assert AssessmentAdoption.objects.count() == 2  # the history is kept


@pytest.mark.parametrize("username", ["avbc_analyst", "avbc_team_manager", "avbc_caseworker"])
def test_only_the_board_and_the_coordinator_adopt(username: str, amber_valley_run: Any, persona: Any) -> None:
    with pytest.raises(PermissionDeniedError):
        assessment_adopt(actor=persona(username), run=amber_valley_run)


def test_adopting_on_the_page(amber_valley_run: Any, client_as: Any) -> None:
    board = client_as("avbc_board_member")
    page = board.get(f"/insights/{amber_valley_run.pk}/").content.decode()
    assert "has not adopted an official Strategic Assessment yet" in page and "Adopt this assessment" in page
    response = board.post(f"/insights/{amber_valley_run.pk}/adopt/", {"note": "Board minute 7"}, follow=True)
    page = response.content.decode()
    assert "is now the partnership&#x27;s official Strategic Assessment" in page
    assert "Adopted" in page and "Board minute 7" in page and "Adopt this assessment" not in page
    home = client_as("avbc_analyst").get("/home/").content.decode()
    assert "Adopted assessment:" in home
    assert client_as("avbc_analyst").post(f"/insights/{amber_valley_run.pk}/adopt/").status_code == 403
    assert AssessmentAdoption.objects.count() == 1  # the analyst's post was refused


def test_adoption_is_per_partnership_and_the_board_sees_its_districts(
    amber_valley_run: Any, persona: Any, client_as: Any
) -> None:
    assessment_adopt(actor=persona("avbc_board_member"), run=amber_valley_run)
    dcc_board = client_as("dcc_board_member")
    # dcc works in Amber Valley by default (the installation's partnership): the adoption is theirs too
    assert selectors.current_adoption(persona("dcc_board_member")).run == amber_valley_run  # type: ignore[union-attr]
    board = Partnership.objects.get(kind=PartnershipKind.BOARD)
    dcc_board.post("/accounts/partnership/", {"partnership": board.pk})
    page = dcc_board.get("/insights/partnerships/").content.decode()
    assert "Amber Valley Community Safety Partnership" in page and "adopted" in page
    assert page.count("None adopted yet") == 7
    # in the board, Amber Valley's adoption is not the board's own
    assert "has not adopted an official Strategic Assessment yet" in dcc_board.get("/home/").content.decode()
    assert client_as("avbc_board_member").get("/insights/partnerships/").status_code == 404
