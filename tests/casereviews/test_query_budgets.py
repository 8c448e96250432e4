"""Query budget for the Case Review staff list (dashboard): fixed, whatever the number of applications."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from csphub.casereviews.services import application_submit

pytestmark = pytest.mark.django_db

REQUEST_OVERHEAD = 7  # as in tests/cases/test_query_budgets.py
DASHBOARD_BUDGET = 10


def _queries(client: Any, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_case_review_dashboard_is_constant_in_rows(
    area: Any, application_data: Callable[..., dict[str, Any]], client_as: Any
) -> None:
    client = client_as("avbc_caseworker")

    def add(n: int, tag: str) -> None:
        for i in range(n):
            application_submit(actor=None, area=area, **application_data(applicant_name=f"Jo {tag}{i}"))

    add(2, "a")
    few = _queries(client, "/case-reviews/staff/")
    add(4, "b")
    many = _queries(client, "/case-reviews/staff/")
    assert few == many, f"the dashboard makes a query per row: {few} with 2, {many} with 6"
    assert many - REQUEST_OVERHEAD <= DASHBOARD_BUDGET, many
