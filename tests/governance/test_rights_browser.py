"""A subject access request in a real browser (UK GDPR Art 15): the team manager records it, searches
the agency's records, decides each item, downloads the bundle and records the disclosure; then the
disclosure log, the retention page and the record of processing activities. axe-core finds no
serious or critical problem on any of these pages."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from tests.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_subject_access_request_from_receipt_to_disclosure(
    browser_page: Any, persona: Any, sign_in: Any
) -> None:
    from csphub.cases import services as cases
    from csphub.people.services import person_create

    officer = persona("avbc_caseworker")
    subject = person_create(actor=officer, given_name="Zebedee", family_name="Quillfeather")
    now = timezone.now()
    incident = cases.incident_record(
        actor=officer,
        occurred_at=now - dt.timedelta(days=2),
        reported_at=now - dt.timedelta(days=1),
        channel="phone",
        asb_type="personal",
        category="noise",
        description="Music at 3am",
        parties=[(subject, "victim")],
    )
    cases.case_open(actor=officer, incidents=[incident], summary="Noise at the flats")

    page = browser_page
    sign_in(page, persona("avbc_team_manager"))
    page.goto("/data-protection/requests/")
    assert_accessible(page)
    page.click("[data-testid=request-new]")
    page.fill("#q", "Quillfeather")
    page.click("[data-testid=subject-search] button")
    assert_accessible(page)
    page.check("input[name=kind][value=access]")
    page.check("input[name=regime][value=uk_gdpr]")
    page.check(f"input[name=subject][value='{subject.pk}']")
    page.fill("#id_requester_name", "Zebedee Quillfeather")
    page.fill("#id_requester_contact", "zebedee@example.org")
    today = timezone.localdate()
    page.fill("#id_received_on_day", str(today.day))
    page.fill("#id_received_on_month", str(today.month))
    page.fill("#id_received_on_year", str(today.year))
    page.fill("#id_identity_evidence", "Passport seen at the front desk")
    page.click("main form[method=post] button[type=submit]")
    assert_accessible(page)
    page.click("button:has-text('Record the request')")
    page.wait_for_url(re.compile(r"/data-protection/requests/\d+/$"))
    assert "Passport" in page.inner_text("[data-testid=identity]")
    assert_accessible(page)

    page.click("[data-testid=search]")
    rows = page.locator("[data-testid=items] tbody tr")
    assert rows.count() >= 3  # the person, the incident, the case
    assert "Incident INC-" in page.inner_text("[data-testid=items]")
    first = True
    for _ in range(30):  # bounded: a page that never changes must fail, not loop
        undecided = page.locator("[data-testid=items] tbody tr:has(td:has-text('Not decided')) a")
        if not undecided.count():
            break
        undecided.first.click()
        if first:
            assert_accessible(page)
        page.check("input[name=decision][value=disclose]")
        page.click("main form button[type=submit]")
        if first:
            assert_accessible(page)
            first = False
        page.click("button:has-text('Record the decision')")
        page.wait_for_url(re.compile(r"/data-protection/requests/\d+/$"))
    else:
        raise AssertionError("items were still undecided after 30 decisions")

    with page.expect_download() as download_info:
        page.click("[data-testid=bundle-json]")
    exported = json.loads(Path(download_info.value.path()).read_text(encoding="utf-8"))
    assert exported["data_subject"] == "Zebedee Quillfeather"
    assert any(["Description", "Music at 3am"] in item["data"] for item in exported["items"])

    page.click("[data-testid=disclose]")
    page.fill("#id_disclosed_on_day", str(today.day))
    page.fill("#id_disclosed_on_month", str(today.month))
    page.fill("#id_disclosed_on_year", str(today.year))
    page.fill("#id_method", "Secure e-mail")
    page.click("main form button[type=submit]")
    page.click("button:has-text('Record the disclosure')")
    page.wait_for_url(re.compile(r"/data-protection/requests/\d+/$"))
    assert "Completed" in page.inner_text("[data-testid=status]")

    for url, testid in (
        ("/data-protection/disclosure-log/", "disclosures"),
        ("/data-protection/retention/", "schedule"),
        ("/data-protection/processing/", "activity"),
    ):
        page.goto(url)
        assert page.locator(f"[data-testid={testid}]").count(), url
        assert_accessible(page)
