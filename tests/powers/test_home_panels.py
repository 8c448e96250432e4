"""The home page's powers panel and deadlines panel: one read of the running powers serves both."""

from __future__ import annotations

from typing import Any

import pytest

from tests.powers.test_pages import cpn_for, make_setup

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(persona: Any, client_as: Any) -> Any:
    return make_setup(persona, client_as)


def test_home_panels_share_one_read_of_the_powers_and_show_what_each_query_gives(setup: Any) -> None:
    """The powers panel and the deadlines panel read the running powers once (core.memo) and each
    shows exactly the rows of its own query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from csphub.core.actor import as_actor
    from csphub.core.memo import page_memo
    from csphub.powers import selectors

    s = setup
    cpn_for(s, days_ago=10)  # appeal deadline in 10 days
    actor = as_actor(s.officer)
    assert actor is not None
    due_soon = list(selectors.powers_due_soon(actor, today=selectors.today())[:10])
    own = list(selectors.powers_with_dates(actor).filter(issuer=actor.user, next_date__isnull=False)[:200])
    assert due_soon and own
    assert selectors.due_soon_for_home(actor) == due_soon
    assert selectors.issued_with_dates(actor) == own
    with page_memo():
        with CaptureQueriesContext(connection) as first:
            assert selectors.due_soon_for_home(actor) == due_soon
        with CaptureQueriesContext(connection) as second:
            assert selectors.issued_with_dates(actor) == own
    assert len(first.captured_queries) >= 1 and len(second.captured_queries) == 0
