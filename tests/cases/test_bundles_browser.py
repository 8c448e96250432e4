"""In headless Chromium: a case officer downloads the chronology and the summary from the case
page, prints the page (the print stylesheet leaves the record only), and takes the agenda pack
and minutes from the meeting page; axe finds nothing serious on either page."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from csphub.cases import services
from csphub.cases.models import PanelKind
from tests.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_case_and_meeting_pdfs_and_print(
    browser_page: Any, persona: Any, sign_in: Any, make_case: Any, world: Any
) -> None:
    page = browser_page
    owner = persona("avbc_caseworker")
    case = make_case(family="Thistlewood", summary="Noise from the flat above")
    panel = services.panel_create(
        actor=owner, name="ASB risk panel", kind=PanelKind.HIGH_RISK, agreement=world.asb_isa
    )
    meeting = services.panel_meeting_schedule(
        actor=owner, panel=panel, held_at=timezone.now(), attending_agencies=[]
    )
    services.panel_agenda_add(actor=owner, meeting=meeting, case=case, reason="Escalating noise")
    services.panel_minutes_record(actor=owner, meeting=meeting, minutes="Agreed a joint visit.")
    sign_in(page, owner)

    page.goto(reverse("cases:case_detail", args=[case.pk]))
    assert_accessible(page)
    for link, name in (
        ("Chronology for a court bundle (PDF)", "chronology"),
        ("Case summary for a panel (PDF)", "summary"),
    ):
        with page.expect_download() as download:
            page.get_by_role("link", name=link).click()
        assert download.value.suggested_filename.startswith(f"{case.reference}-{name}-")
        with open(download.value.path(), "rb") as fh:
            assert fh.read(5) == b"%PDF-"
    page.emulate_media(media="print")
    assert not page.locator("header.govuk-header").is_visible()
    assert not page.locator("[data-testid=case-downloads]").is_visible()
    assert page.get_by_role("heading", name=f"{case.reference}: Noise from the flat above").is_visible()
    page.emulate_media(media="screen")

    page.goto(reverse("cases:meeting_detail", args=[meeting.pk]))
    assert_accessible(page)
    for link in ("Agenda pack with case summaries (PDF)", "Minutes and decisions (PDF)"):
        with page.expect_download() as download:
            page.get_by_role("link", name=link).click()
        with open(download.value.path(), "rb") as fh:
            assert fh.read(5) == b"%PDF-"
