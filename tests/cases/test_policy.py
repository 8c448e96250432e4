"""Policy through the pages: another agency's caseworker cannot see, search, map or export an
unshared case (404 / absent); after a panel shares it they see exactly the summary; all audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from csphub.agencies.models import RecordShare, ShareScope
from csphub.audit.models import AuditEvent
from csphub.cases import services
from csphub.cases.models import Note, PanelKind

pytestmark = pytest.mark.django_db

SECRET = "Zanzibarquist"  # a surname that appears only in the police case


@pytest.fixture
def police_case(make_case: Any, persona: Any) -> Any:
    case = make_case("police_caseworker", family=SECRET, summary="Harassment of a resident")
    police = persona("police_caseworker")
    services.note_add(actor=police, case=case, text="Police-only intelligence note", visibility="agency")
    services.note_add(actor=police, case=case, text="Note for partners with full access", visibility="shared")
    incident = case.incidents.get()
    services.incident_update(actor=police, incident=incident, description="Detailed account of the threats")
    return case


def _share_via_panel(world: Any, persona: Any, case: Any) -> Any:
    police = persona("police_caseworker")
    panel = services.panel_create(
        actor=police, name="High-risk panel", kind=PanelKind.HIGH_RISK, agreement=world.asb_isa
    )
    meeting = services.panel_meeting_schedule(
        actor=police, panel=panel, held_at=timezone.now(), attending_agencies=[world.agencies["avbc"]]
    )
    return services.panel_agenda_add(actor=police, meeting=meeting, case=case, reason="Repeat victim")


def test_unshared_case_is_invisible_everywhere(police_case: Any, client_as: Any) -> None:
    client = client_as("avbc_caseworker")
    assert client.get(reverse("cases:case_detail", args=[police_case.pk])).status_code == 404
    incident = police_case.incidents.get()
    assert client.get(reverse("cases:incident_detail", args=[incident.pk])).status_code == 404
    listing = client.get(reverse("cases:case_list")).content.decode()
    assert police_case.reference not in listing
    search = client.get(reverse("cases:search"), {"q": SECRET}).content.decode()
    results = search.split('data-testid="search-cases"', 1)[1]  # after the echoed query
    assert SECRET not in results and police_case.reference not in results
    assert "Cases (0)" in search and "People (0)" in search
    by_reference = client.get(reverse("cases:case_list"), {"q": police_case.reference}).content.decode()
    assert "No cases you can see match." in by_reference
    export = client.get(reverse("cases:case_export")).content.decode()
    assert police_case.reference not in export
    map_page = client.get(reverse("cases:map"), {"days": 3650}).content.decode()
    assert reverse("cases:incident_detail", args=[incident.pk]) not in map_page
    person = police_case.parties.get().person
    assert client.get(reverse("cases:person_detail", args=[person.pk])).status_code == 404
    # The owner sees it all.
    owner = client_as("police_caseworker")
    assert owner.get(reverse("cases:case_detail", args=[police_case.pk])).status_code == 200
    assert police_case.reference in owner.get(reverse("cases:case_export")).content.decode()
    owner_search = owner.get(reverse("cases:search"), {"q": SECRET}).content.decode()
    assert "Cases (1)" in owner_search and "People (1)" in owner_search


def test_panel_share_shows_exactly_the_summary(
    police_case: Any, client_as: Any, world: Any, persona: Any
) -> None:
    _share_via_panel(world, persona, police_case)
    share = RecordShare.objects.get(object_id=police_case.pk, agency=world.agencies["avbc"])
    assert share.scope == ShareScope.SUMMARY and share.agreement == world.asb_isa
    client = client_as("avbc_caseworker")
    page = client.get(reverse("cases:case_detail", args=[police_case.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    # The summary: reference, status, type, people and roles, incident dates and categories.
    assert police_case.reference in body and SECRET in body and "Victim" in body
    assert 'data-testid="summary-share"' in body
    # Not shared: incident descriptions, notes (even "shared" ones), documents, addresses, officer.
    assert "Detailed account" not in body
    assert "intelligence note" not in body and "partners with full access" not in body
    assert "Example Row" not in body
    assert "Add a note" not in body
    incident = police_case.incidents.get()
    assert client.get(reverse("cases:incident_detail", args=[incident.pk])).status_code == 404
    assert client.get(reverse("cases:case_note_new", args=[police_case.pk])).status_code == 404
    assert client.get(reverse("cases:case_status", args=[police_case.pk])).status_code == 404
    # The shared case is now found by search and listed; export carries only header columns.
    assert police_case.reference in client.get(reverse("cases:search"), {"q": SECRET}).content.decode()
    export = client.get(reverse("cases:case_export")).content.decode()
    assert police_case.reference in export and SECRET not in export
    # An agency not attending still sees nothing.
    assert (
        client_as("housing_caseworker").get(reverse("cases:case_detail", args=[police_case.pk])).status_code
        == 404
    )
    # Audited: the share, the view (with its scope), the export.
    assert AuditEvent.objects.filter(verb="case.shared", target_id=str(police_case.pk)).exists()
    assert AuditEvent.objects.filter(verb="case.added_to_agenda", target_id=str(police_case.pk)).exists()
    viewed = AuditEvent.objects.filter(
        verb="case.viewed", target_id=str(police_case.pk), actor=persona("avbc_caseworker")
    ).get()
    assert viewed.justification == "scope=summary"
    # One event for the export, and one per exported case ("who has seen this person" finds it).
    assert (
        AuditEvent.objects.filter(
            verb="case.exported", actor=persona("avbc_caseworker"), target_id=""
        ).count()
        == 1
    )


def test_full_share_shows_shared_notes_only(
    police_case: Any, client_as: Any, world: Any, persona: Any
) -> None:
    from csphub.agencies.services import share_record

    share_record(
        actor=persona("police_caseworker"),
        obj=police_case,
        agency=world.agencies["avbc"],
        agreement=world.asb_isa,
        scope=ShareScope.FULL,
        reason="Joint case",
    )
    body = (
        client_as("avbc_caseworker").get(reverse("cases:case_detail", args=[police_case.pk])).content.decode()
    )
    assert "partners with full access" in body
    assert "intelligence note" not in body
    assert "Detailed account" in body
    assert Note.objects.filter(case=police_case).count() == 2


def test_views_are_audited(make_case: Any, client_as: Any, persona: Any) -> None:
    case = make_case()
    client = client_as("avbc_caseworker")
    client.get(reverse("cases:case_detail", args=[case.pk]))
    client.get(reverse("cases:incident_detail", args=[case.incidents.get().pk]))
    client.get(reverse("cases:person_detail", args=[case.parties.get().person_id]), follow=True)
    client.get(reverse("cases:search"), {"q": "Ashbrook"})
    client.get(reverse("cases:map"))
    user = persona("avbc_caseworker")
    got = set(AuditEvent.objects.filter(actor=user).values_list("verb", flat=True))
    assert {"case.viewed", "incident.viewed", "person.viewed", "search.performed", "incident.mapped"} <= got
    # The search query (a surname) is never written to the audit trail.
    assert not AuditEvent.objects.filter(justification__contains="Ashbrook").exists()


def test_summary_share_cannot_download_documents(
    police_case: Any, client_as: Any, world: Any, persona: Any, settings: Any, tmp_path: Any
) -> None:
    import io

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    data = b"%PDF-1.4 evidence"
    document = services.document_upload(
        actor=persona("police_caseworker"),
        case=police_case,
        file=io.BytesIO(data),
        filename="e.pdf",
        size_bytes=len(data),
        title="Statement",
        visibility="shared",
    )
    _share_via_panel(world, persona, police_case)
    url = reverse("cases:document_download", args=[document.pk])
    assert client_as("avbc_caseworker").get(url).status_code == 404
    owner = client_as("police_caseworker").get(url)
    assert owner.status_code == 200 and b"".join(owner.streaming_content) == data
    assert AuditEvent.objects.filter(verb="document.downloaded", target_id=str(document.pk)).count() == 1
