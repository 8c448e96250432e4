"""No lost updates in priority setting (security review finding 1).

Score sheets append (a re-score keeps the earlier sheet), so scoring cannot overwrite anything. The
board's adoption records the ranking the page showed: adopting from a page read before new scores
(or another adoption) changed that ranking is refused with a GOV.UK error, and nothing is recorded.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from csphub.core.concurrency import VERSION_FIELD
from csphub.planning import services
from csphub.planning.models import PriorityAdoption, ScoreSheet
from tests.planning.test_planning import levels, session  # noqa: F401  (the ``session`` fixture)
from tests.versions import form_version

pytestmark = pytest.mark.django_db


def _answers(themes: list[str]) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "themes": themes,
        "adopted_on_day": str(today.day),
        "adopted_on_month": str(today.month),
        "adopted_on_year": str(today.year),
        "minutes_reference": "Board minutes, item 5",
    }


def test_adopting_from_a_ranking_that_has_since_changed_is_refused(
    session: Any,  # noqa: F811
    persona: Any,
    client_as: Any,
) -> None:
    analyst = persona("avbc_analyst")
    services.sheet_submit(actor=analyst, session=session, theme="asb", cells=levels(physical=1))
    url = f"/priorities/sessions/{session.pk}/adopt/"
    board = client_as("avbc_board_member")
    stale = _answers(["asb"]) | {VERSION_FIELD: form_version(board, url)}
    # A second assessor scores another theme while the board's page is open.
    services.sheet_submit(
        actor=persona("avbc_partnership_coordinator"), session=session, theme="asb", cells=levels(physical=4)
    )
    response = board.post(url, stale | {"step": "confirm"})
    body = response.content.decode()
    assert response.status_code == 200 and 'data-testid="edit-conflict"' in body
    assert "Scores submitted" in body.split('data-testid="edit-conflict"', 1)[1].split("</ul>", 1)[0]
    assert not PriorityAdoption.objects.exists()
    assert ScoreSheet.objects.filter(session=session).count() == 2  # both kept: scoring appends
    # From the page as it is now, the adoption is recorded.
    fresh = _answers(["asb"]) | {VERSION_FIELD: form_version(board, url)}
    assert board.post(url, fresh | {"step": "confirm"}).status_code == 302
    assert PriorityAdoption.objects.get().themes == ["asb"]
