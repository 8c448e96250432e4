"""The Serious Violence Duty's strategic needs assessment is fed by the Strategic Assessment (issue
14 item 1): the SVD page shows the adopted assessment's serious-violence categories with the same
figures as the assessment, and says so plainly when none has been adopted."""

from __future__ import annotations

from typing import Any

import pytest

from csphub.duties.selectors.svd import SERIOUS_VIOLENCE_CATEGORIES
from tests.insights.conftest import amber_valley_run, data_dir, sample_store

__all__ = ["amber_valley_run", "data_dir", "sample_store"]

pytestmark = pytest.mark.django_db


def test_the_adopted_assessment_feeds_the_needs_assessment(
    amber_valley_run: Any, persona: Any, client_as: Any
) -> None:
    from csphub.insights.selectors import read_assessment
    from csphub.insights.services import assessment_adopt

    client = client_as("avbc_partnership_coordinator")
    before = client.get("/duties/serious-violence/").content.decode()
    assert 'data-testid="svd-no-evidence"' in before and 'data-testid="svd-evidence"' not in before

    assessment_adopt(actor=persona("avbc_board_member"), run=amber_valley_run)
    page = client.get("/duties/serious-violence/").content.decode()
    table = page[page.index('data-testid="svd-evidence"') :]
    table = table[: table.index("</table>")]
    assessment = read_assessment(amber_valley_run)
    assert assessment is not None
    rows = [r for r in assessment.by_crime_type if r.crime_type in SERIOUS_VIOLENCE_CATEGORIES]
    assert rows, "the sample has violence and sexual offences"
    for row in rows:
        assert row.crime_type in table
        assert f">{row.count}<" in table and f">{row.count_previous}<" in table
    assert f">{sum(r.count for r in rows)}<" in table
    assert "Burglary" not in table and "Anti-social behaviour" not in table
