"""Issue 11 item 3: "who has seen this person" includes every page that showed the person: case pages
(full or summary, with the scope), incidents, panel agendas, notices, exports and API reads."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from csphub.agencies.models import RecordShare, ShareScope
from csphub.cases import services as cases
from csphub.cases.models import PanelKind, PartyRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def victim_case(make_case: Any, persona: Any, world: Any) -> Any:
    """An AVBC case (victim "Quillfeather") on a panel agenda that Police attend (a summary share)."""
    manager = persona("avbc_team_manager")
    case = make_case(family="Quillfeather")
    panel = cases.panel_create(
        actor=manager, name="ASB panel", kind=PanelKind.HIGH_RISK, agreement=world.asb_isa
    )
    meeting = cases.panel_meeting_schedule(
        actor=manager, panel=panel, held_at=timezone.now(), attending_agencies=[world.agencies["police"]]
    )
    cases.panel_agenda_add(actor=manager, meeting=meeting, case=case, reason="Repeat victim")
    assert (
        RecordShare.objects.get(object_id=case.pk, agency=world.agencies["police"]).scope
        == ShareScope.SUMMARY
    )
    victim = case.parties.get(role=PartyRole.VICTIM).person
    return case, victim, meeting


def _rows(page: str) -> list[str]:
    body = page.split("<tbody", 1)[1].split("</tbody>", 1)[0]
    return body.split("<tr")[1:]


def test_views_through_a_case_are_listed_with_their_scope(victim_case: Any, client_as: Any) -> None:
    case, victim, meeting = victim_case
    police = client_as("police_caseworker")
    assert police.get(reverse("cases:case_detail", args=[case.pk])).status_code == 200
    worker = client_as("avbc_caseworker")
    assert worker.get(reverse("cases:case_detail", args=[case.pk])).status_code == 200
    incident = case.case_incidents.get().incident
    assert worker.get(reverse("cases:incident_detail", args=[incident.pk])).status_code == 200
    assert worker.get(reverse("cases:meeting_detail", args=[meeting.pk])).status_code == 200
    assert worker.get(f"/api/v1/cases/{case.pk}").status_code == 200

    page = client_as("avbc_administrator").get(reverse("people:seen_by", args=[victim.pk])).content.decode()
    rows = _rows(page)
    police_case_views = [r for r in rows if "Police" in r and "Viewed a case" in r]
    assert police_case_views and "Summary shared for a panel" in police_case_views[0]
    assert f"Case {case.reference}" in police_case_views[0]
    worker_rows = [r for r in rows if "Viewed a case" in r and "Full record" in r]
    assert worker_rows  # the caseworker's own full view
    assert any(f"Incident {incident.reference}" in r for r in rows)
    assert any("On a panel meeting&#x27;s agenda" in r or "On a panel meeting's agenda" in r for r in rows)
    assert any("Read through the API" in r for r in rows)
    assert "scope=summary" not in page and "scope=full" not in page  # the internal code is not shown


def test_an_export_of_the_case_is_listed(victim_case: Any, persona: Any, client_as: Any) -> None:
    case, victim, _ = victim_case
    from csphub.cases.models import Case

    cases.case_export_csv(
        actor=persona("avbc_caseworker"), cases=Case.objects.filter(pk=case.pk), filters_description="all"
    )
    page = client_as("avbc_administrator").get(reverse("people:seen_by", args=[victim.pk])).content.decode()
    assert any("Exported a case" in r and "In a CSV export" in r for r in _rows(page))


def test_the_date_filter_still_applies_to_views_through_records(victim_case: Any, client_as: Any) -> None:
    case, victim, _ = victim_case
    client_as("avbc_caseworker").get(reverse("cases:case_detail", args=[case.pk]))
    admin = client_as("avbc_administrator")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    page = admin.get(
        reverse("people:seen_by", args=[victim.pk]),
        {
            "date_from_day": tomorrow.day,
            "date_from_month": tomorrow.month,
            "date_from_year": tomorrow.year,
            "date_from": tomorrow.isoformat(),
        },
    ).content.decode()
    assert "Viewed a case" not in page
