"""Casework PDFs (issue 11 item 11): the case chronology (court bundles) and summary (panels), a
panel meeting's agenda pack and minutes. One renderer (WeasyPrint through render_pdf); each PDF
shows no more than the page it comes from, every download is audited and never cached."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from csphub.audit.models import AuditEvent
from csphub.cases import services
from csphub.cases.models import PanelKind
from csphub.frontend import documents

pytestmark = pytest.mark.django_db


@pytest.fixture
def rendered(monkeypatch: Any) -> list[str]:
    """The HTML of every PDF made (the real PDF is still made from it)."""
    seen: list[str] = []
    real = documents.html_to_pdf

    def capture(html: str, **kwargs: Any) -> bytes:
        seen.append(html)
        return real(html, **kwargs)

    monkeypatch.setattr(documents, "html_to_pdf", capture)
    return seen


@pytest.fixture
def police_case_on_agenda(make_case: Any, persona: Any, world: Any) -> Any:
    """A police case with a note and a status change, on a panel agenda AVBC attends (so AVBC
    sees it as a summary), with minutes recorded."""
    police = persona("police_team_manager")
    case = make_case("police_caseworker", family="Quillfeather", summary="Harassment of a resident")
    services.note_add(actor=police, case=case, text="Spoke to the housing officer about the stairwell.")
    services.case_change_status(actor=police, case=case, to_status="investigating")
    panel = services.panel_create(
        actor=police, name="ASB risk panel", kind=PanelKind.HIGH_RISK, agreement=world.asb_isa
    )
    meeting = services.panel_meeting_schedule(
        actor=police, panel=panel, held_at=timezone.now(), attending_agencies=[world.agencies["avbc"]]
    )
    item = services.panel_agenda_add(actor=police, meeting=meeting, case=case, reason="Repeat victim")
    services.panel_minutes_record(actor=police, meeting=meeting, minutes="All agencies attended.")
    services.panel_decision_record(actor=police, item=item, decision="Housing to visit within a week")
    return case, meeting


def _pdf(response: Any) -> None:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"].startswith("attachment;")


def test_owner_downloads_the_chronology_oldest_first_with_notes_and_status(
    police_case_on_agenda: Any, client_as: Any, persona: Any, rendered: list[str]
) -> None:
    case, _ = police_case_on_agenda
    response = client_as("police_caseworker").get(reverse("cases:case_chronology_pdf", args=[case.pk]))
    _pdf(response)
    assert case.reference in response["Content-Disposition"]
    (html,) = rendered
    assert "Chronology" in html and "Quillfeather" in html
    assert "Spoke to the housing officer about the stairwell." in html
    assert "Loud music until 3am." in html  # the incident as recorded
    assert (
        html.index("Loud music")
        < html.index("Open to Investigating")
        < html.index("Discussed at ASB risk panel")
    )
    events = AuditEvent.objects.filter(actor=persona("police_caseworker"), target_id=str(case.pk))
    verbs = set(events.values_list("verb", flat=True))
    assert {"case.viewed", "case.exported"} <= verbs
    assert events.get(verb="case.exported").justification == "Case chronology (PDF, full)"


def test_a_summary_share_gets_the_summary_only_never_the_chronology(
    police_case_on_agenda: Any, client_as: Any, persona: Any, rendered: list[str]
) -> None:
    case, _ = police_case_on_agenda
    partner = client_as("avbc_caseworker")
    assert partner.get(reverse("cases:case_chronology_pdf", args=[case.pk])).status_code == 404
    response = partner.get(reverse("cases:case_summary_pdf", args=[case.pk]))
    _pdf(response)
    (html,) = rendered
    assert "Harassment of a resident" in html and "Quillfeather" in html
    # What the summary share keeps with the owner: incident descriptions, notes, addresses.
    for withheld in ("Loud music", "stairwell", "Example Row", "DE5 3ZZ"):
        assert withheld not in html, withheld
    event = AuditEvent.objects.get(actor=persona("avbc_caseworker"), verb="case.exported")
    assert event.justification == "Case summary (PDF, summary)"


def test_read_only_roles_and_other_agencies_get_no_pdf(police_case_on_agenda: Any, client_as: Any) -> None:
    case, meeting = police_case_on_agenda
    viewer = client_as("avbc_partner_viewer")
    assert viewer.get(reverse("cases:case_summary_pdf", args=[case.pk])).status_code == 403
    assert viewer.get(reverse("cases:meeting_agenda_pdf", args=[meeting.pk])).status_code == 403
    housing = client_as("housing_caseworker")  # not attending, nothing shared
    assert housing.get(reverse("cases:case_summary_pdf", args=[case.pk])).status_code == 404
    assert housing.get(reverse("cases:meeting_agenda_pdf", args=[meeting.pk])).status_code == 404


def test_agenda_pack_and_minutes(
    police_case_on_agenda: Any, client_as: Any, persona: Any, rendered: list[str]
) -> None:
    case, meeting = police_case_on_agenda
    owner = client_as("police_team_manager")
    pack = owner.get(reverse("cases:meeting_agenda_pdf", args=[meeting.pk]))
    _pdf(pack)
    minutes = owner.get(reverse("cases:meeting_minutes_pdf", args=[meeting.pk]))
    _pdf(minutes)
    pack_html, minutes_html = rendered
    assert "ASB risk panel" in pack_html and case.reference in pack_html and "Repeat victim" in pack_html
    # The pack is for the panel: the summary an attending agency sees, not the incident details.
    assert "Quillfeather" in pack_html and "Loud music" not in pack_html and "Example Row" not in pack_html
    assert "All agencies attended." in minutes_html and case.reference in minutes_html
    assert "Housing to visit within a week" in minutes_html and "Housing to visit within a week" in pack_html
    exported = AuditEvent.objects.filter(actor=persona("police_team_manager"), verb="panelmeeting.exported")
    assert sorted(exported.values_list("justification", flat=True)) == [
        "Agenda pack (PDF), 1 cases",
        "Minutes (PDF)",
    ]
    assert AuditEvent.objects.filter(
        actor=persona("police_team_manager"), verb="case.viewed", target_id=str(case.pk)
    ).exists()
    assert AuditEvent.objects.filter(
        actor=persona("police_team_manager"), verb="case.listed", target_id=str(case.pk)
    ).exists()


def test_the_packs_follow_the_meeting_page(police_case_on_agenda: Any, client_as: Any) -> None:
    """Whoever may open the meeting's page (with an exporting role) may take its pack, and nobody
    else: an attending partner exactly when the meeting page opens for them."""
    _, meeting = police_case_on_agenda
    for username in ("avbc_caseworker", "housing_caseworker", "police_caseworker"):
        client = client_as(username)
        page = client.get(reverse("cases:meeting_detail", args=[meeting.pk])).status_code
        for name in ("cases:meeting_agenda_pdf", "cases:meeting_minutes_pdf"):
            assert client.get(reverse(name, args=[meeting.pk])).status_code == page, (username, name)


def test_no_minutes_no_minutes_pdf(police_case_on_agenda: Any, client_as: Any) -> None:
    _, meeting = police_case_on_agenda
    meeting.minutes = ""
    meeting.save(update_fields=["minutes"])
    assert (
        client_as("police_caseworker")
        .get(reverse("cases:meeting_minutes_pdf", args=[meeting.pk]))
        .status_code
        == 404
    )


def test_case_and_meeting_pages_offer_the_pdfs_and_a_print_stylesheet(
    police_case_on_agenda: Any, client_as: Any
) -> None:
    case, meeting = police_case_on_agenda
    owner = client_as("police_caseworker")
    page = owner.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert reverse("cases:case_chronology_pdf", args=[case.pk]) in page
    assert reverse("cases:case_summary_pdf", args=[case.pk]) in page
    assert 'href="/static/cases/print.css" media="print"' in page
    meeting_page = owner.get(reverse("cases:meeting_detail", args=[meeting.pk])).content.decode()
    assert reverse("cases:meeting_agenda_pdf", args=[meeting.pk]) in meeting_page
    assert reverse("cases:meeting_minutes_pdf", args=[meeting.pk]) in meeting_page
    # A summary share is offered the summary, not the chronology.
    partner_page = (
        client_as("avbc_caseworker").get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    )
    assert reverse("cases:case_summary_pdf", args=[case.pk]) in partner_page
    assert reverse("cases:case_chronology_pdf", args=[case.pk]) not in partner_page


def test_every_pdf_download_is_not_cached() -> None:
    response = documents.pdf_response(b"%PDF-1.7", filename="x.pdf")
    assert response["Cache-Control"] == "no-store"


def test_arranging_a_meeting_confirms_it(persona: Any, client_as: Any, world: Any) -> None:
    """Review item 33: every other action has a success banner; "Arrange a meeting" had none."""
    panel = services.panel_create(
        actor=persona("avbc_caseworker"),
        name="ASB risk panel",
        kind=PanelKind.HIGH_RISK,
        agreement=world.asb_isa,
    )
    client = client_as("avbc_caseworker")
    response = client.post(
        reverse("cases:meeting_new", args=[panel.pk]),
        {
            "held_at": "2026-12-03T10:00",
            "location": "Town Hall",
            "attending_agencies": [world.agencies["police"].pk],
        },
        follow=True,
    )
    assert "Meeting arranged for 03/12/2026 at 10:00" in response.content.decode()
