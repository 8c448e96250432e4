"""Legal holds and retention periods in a real browser: the team manager (MANAGE_DATA_PROTECTION)
goes from the retention page to the legal holds, is told when a reference is not one of the
agency's records, places a hold on a case (question, check answers, confirm), sees it in force,
releases it with a reason, and changes the agency's retention period for cases. axe-core finds no
serious or critical problem on any of these pages."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from tests.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_place_and_release_a_legal_hold_and_change_a_retention_period(
    browser_page: Any, persona: Any, sign_in: Any
) -> None:
    from csphub.cases import services as cases
    from csphub.governance.models import LegalHold, RetentionRule

    officer = persona("avbc_caseworker")
    now = timezone.now()
    incident = cases.incident_record(
        actor=officer,
        occurred_at=now - dt.timedelta(days=2),
        reported_at=now - dt.timedelta(days=1),
        channel="phone",
        asb_type="personal",
        category="noise",
        description="Music at 3am",
    )
    case = cases.case_open(actor=officer, incidents=[incident], summary="Noise at the flats")

    page = browser_page
    sign_in(page, persona("avbc_team_manager"))
    page.goto("/data-protection/retention/")
    page.click("[data-testid=holds-link]")
    page.wait_for_url(re.compile(r"/data-protection/legal-holds/$"))
    assert "No legal hold is in force" in page.inner_text("main")
    assert_accessible(page)

    page.click("[data-testid=hold-new]")
    assert_accessible(page)
    page.check("input[name=kind][value=case]")
    page.fill("#id_record", "ASB-999999")  # not one of the agency's records
    page.fill("#id_reason", "Civil claim for damages")
    page.click("main form button[type=submit]")
    assert "No record with that reference" in page.inner_text(".govuk-error-summary")
    assert_accessible(page)
    page.fill("#id_record", case.reference)
    page.fill("#id_reference", "County Court K00XY123")
    page.click("main form button[type=submit]")
    assert case.reference in page.inner_text("main")
    assert_accessible(page)
    page.click("button:has-text('Place the hold')")
    page.wait_for_url(re.compile(r"/data-protection/legal-holds/$"))
    active = page.inner_text("[data-testid=holds-active]")
    assert case.reference in active and "County Court K00XY123" in active
    assert_accessible(page)

    page.click("[data-testid=holds-active] a:has-text('Release')")
    assert_accessible(page)
    page.fill("#id_reason", "Claim settled out of court")
    page.click("main form button[type=submit]")
    assert_accessible(page)
    page.click("button:has-text('Release the hold')")
    page.wait_for_url(re.compile(r"/data-protection/legal-holds/$"))
    assert "Claim settled out of court" in page.inner_text("[data-testid=holds-released]")
    assert not page.locator("[data-testid=holds-active]").count()
    hold = LegalHold.objects.get()
    assert hold.released_at is not None and hold.release_reason == "Claim settled out of court"

    page.goto("/data-protection/retention/")
    page.click("[data-testid=periods-link]")
    page.wait_for_url(re.compile(r"/data-protection/retention/periods/$"))
    assert_accessible(page)
    page.click("a[href$='/retention/periods/case/']")
    assert_accessible(page)
    page.fill("#id_years", "5")
    page.fill("#id_reason", "ASB case files kept 5 years after closure")
    page.fill("#id_policy_source", "Council records retention schedule v4")
    page.click("main form button[type=submit]")
    page.click("button:has-text('Set the period')")
    page.wait_for_url(re.compile(r"/data-protection/retention/periods/$"))
    assert "5 years" in page.inner_text("[data-testid=case]")
    rule = RetentionRule.objects.get(record_type="case")
    assert (rule.years, rule.agency_id) == (5, case.owning_agency_id)


def test_a_part_3_request_answered_neither_confirming_nor_denying(
    browser_page: Any, persona: Any, sign_in: Any
) -> None:
    """DPA 2018 s.45(4) and (6): the handler chooses the ground, checks the answers and records the
    reply; the request page shows the ground (kept, never sent) and links the reply letter."""
    from csphub.governance import services
    from csphub.people.services import person_create

    handler = persona("avbc_team_manager")
    subject = person_create(actor=persona("avbc_caseworker"), given_name="Ifor", family_name="Pennant")
    today = timezone.localdate()
    request = services.rights_request_receive(
        actor=handler,
        kind="access",
        regime="law_enforcement",
        requester_name="Ifor Pennant",
        requester_contact="ifor@example.org",
        subject=subject,
        received_on=today,
    )

    page = browser_page
    sign_in(page, handler)
    page.goto(f"/data-protection/requests/{request.pk}/")
    page.click("[data-testid=ncnd]")
    assert_accessible(page)
    page.click("main form button[type=submit]")  # nothing chosen: the errors say what to do
    assert "Select the ground that applies" in page.inner_text(".govuk-error-summary")
    assert_accessible(page)
    page.check("input[name=ground][value=s45-4b]")
    page.fill("#id_reason", "Confirming would alert a suspect in a live investigation")
    page.fill("#id_responded_on_day", str(today.day))
    page.fill("#id_responded_on_month", str(today.month))
    page.fill("#id_responded_on_year", str(today.year))
    page.fill("#id_method", "Recorded post")
    page.click("main form button[type=submit]")
    assert_accessible(page)
    page.click("button:has-text('Record the reply')")
    page.wait_for_url(re.compile(rf"/data-protection/requests/{request.pk}/$"))
    assert "Neither confirmed nor denied" in page.inner_text("[data-testid=status]")
    assert "45(4)(b)" in page.inner_text("[data-testid=ncnd-ground]")
    assert page.locator("[data-testid=reply-letter]").count() == 1
    assert_accessible(page)
