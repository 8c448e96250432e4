"""A case whose officer is not (or no longer) set renders; found by the load test on seeded data,
where it answered HTTP 500 (VariableDoesNotExist in the template's ``default:`` argument)."""

from __future__ import annotations

from typing import Any

import pytest

from csphub.cases.models import Case

pytestmark = pytest.mark.django_db


def test_case_page_without_a_case_officer(make_case: Any, client_as: Any) -> None:
    case = make_case()
    Case.objects.filter(pk=case.pk).update(case_officer=None)
    response = client_as("avbc_caseworker").get(f"/cases/{case.pk}/")
    assert response.status_code == 200
    assert "Not assigned" in response.content.decode()
