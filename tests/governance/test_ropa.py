"""The record of processing activities (UK GDPR Art 30(1)): every installed app whose models hold
personal data has a declared activity with every Art 30(1) column filled; the CSV and HTML exports."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.apps import apps

from csphub.governance import ropa

# Apps of the platform core whose records are covered by another app's entry or hold only staff data.
COVERED_ELSEWHERE = {"agencies", "accounts", "audit", "core", "frontend", "api", "ops"}


def _holds_personal_data(config: Any) -> bool:
    return any(
        getattr(model, "PERSONAL_DATA", None) or getattr(model, "SPECIAL_CATEGORY_DATA", None)
        for model in config.get_models()
    )


def test_art_30_every_app_with_personal_data_has_an_activity() -> None:
    declared = {a.app for a in ropa.ACTIVITIES}
    missing = [
        c.label
        for c in apps.get_app_configs()
        if c.name.startswith("csphub.") and c.label not in COVERED_ELSEWHERE and _holds_personal_data(c)
    ]
    assert not [label for label in missing if label not in declared]


def test_art_30_1_every_column_is_filled() -> None:
    for activity in ropa.ACTIVITIES:
        for name, _label in ropa.COLUMNS:
            assert getattr(activity, name).strip(), (activity.app, name)


@pytest.mark.django_db
def test_ropa_csv_and_html(client_as: Any) -> None:
    http = client_as("avbc_partnership_coordinator")
    response = http.get("/data-protection/processing.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Controller" and "Lawful basis" in rows[0]
    assert len(rows) == 1 + len(ropa.activities({c.label for c in apps.get_app_configs()}))
    page = http.get("/data-protection/processing/").content.decode()
    assert "Record of processing activities" in page and "Art 6(1)(e)" in page
