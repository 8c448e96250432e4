"""The partnership registers in a real browser, with axe-core on every page walked: a section 17A
return refused for a full postcode (the row and field named) then submitted and downloaded; the
deadlines page; a scrutiny recommendation and its pack; a community resolution with the victim's
views sought first."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from csphub.duties.rules import s17 as rules
from tests.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# What a person must never see on these pages: internal codes, server paths or commands.
INTERNAL = ("csphub ", "s17a_", "duties:", "rule_version", "/src/", "Traceback", "cda1998", "views_status")


def _no_internal(page: Any) -> None:
    text = page.inner_text("main")
    for word in INTERNAL:
        assert word not in text, f"{word!r} shown on {page.url}"


def _date(page: Any, name: str, day: dt.date) -> None:
    page.fill(f"#id_{name}_day", str(day.day))
    page.fill(f"#id_{name}_month", str(day.month))
    page.fill(f"#id_{name}_year", str(day.year))


def _return_csv(quarter: rules.Quarter, postcode: str) -> bytes:
    day = (quarter.start + dt.timedelta(days=5)).isoformat()
    return (
        "category,subcategory,occurred_on,time_band,outward_postcode,count\n"
        f"burglary,Dwelling,{day},18:00-23:59,DE5,2\n"
        f"robbery,Personal,{day},12:00-17:59,{postcode},1\n"
    ).encode()


def test_s17a_return_refused_for_a_leak_then_submitted_and_downloaded(
    browser_page: Any, persona: Any, sign_in: Any
) -> None:
    manager = persona("police_team_manager")
    quarter = rules.quarter_of(timezone.localdate()).previous()
    page = browser_page
    sign_in(page, manager)

    page.goto("/duties/deadlines/")
    assert "information sharing return" in page.inner_text("main")
    _no_internal(page)
    assert_accessible(page)

    page.goto("/duties/section-17a/")
    assert_accessible(page)
    page.click("[data-testid=s17a-new]")
    page.check(f"input[name=quarter][value='{quarter.start.isoformat()}']")
    page.set_input_files(
        "#id_file",
        files=[{"name": "return.csv", "mimeType": "text/csv", "buffer": _return_csv(quarter, "DE5 3TA")}],
    )
    page.click("main button[type=submit]")
    errors = page.inner_text(".govuk-error-summary")
    assert "Row 2, Outward postcode: a full postcode" in errors, errors
    _no_internal(page)
    assert_accessible(page)

    page.check(f"input[name=quarter][value='{quarter.start.isoformat()}']")
    page.set_input_files(
        "#id_file",
        files=[{"name": "return.csv", "mimeType": "text/csv", "buffer": _return_csv(quarter, "DE56")}],
    )
    page.click("main button[type=submit]")
    totals = page.inner_text("[data-testid=return-totals]")
    assert "Burglary" in totals and "Robbery" in totals
    assert_accessible(page)
    page.click("button:has-text('Submit the return')")
    page.wait_for_url(re.compile(r"/duties/section-17a/\d+/$"))
    assert "Submitted" in page.inner_text("[data-testid=return-summary]")
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.click("[data-testid=s17a-download]")
    exported = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert "DE56" in exported and "DE5 3TA" not in exported

    page.goto("/duties/section-17a/")
    assert "Submitted" in page.inner_text("[data-testid=s17a-status]")


def test_scrutiny_recommendation_pack_and_community_resolution(
    browser_page: Any, persona: Any, sign_in: Any
) -> None:
    from csphub.cases import services as cases
    from csphub.cases.models import PartyRole
    from csphub.people.services import person_create

    coordinator = persona("avbc_partnership_coordinator")
    today = timezone.localdate()
    page = browser_page
    sign_in(page, coordinator)

    # The committee's recommendation: the 28-day response date is shown before it is recorded.
    page.goto("/duties/scrutiny/")
    assert_accessible(page)
    page.click("[data-testid=scrutiny-new]")
    _date(page, "meeting_on", today - dt.timedelta(days=21))
    _date(page, "received_on", today - dt.timedelta(days=20))
    page.fill("#id_recommendation", "Report ASB Case Review figures to the committee each quarter.")
    page.locator("input[name=owner_membership]").first.check()
    page.click("main button[type=submit]")
    due = today - dt.timedelta(days=20) + dt.timedelta(days=27)
    assert f"{due.day} {due:%B %Y}" in page.inner_text("[data-testid=response-due]")
    assert_accessible(page)
    page.click("button:has-text('Record the recommendation')")
    page.wait_for_url(re.compile(r"/duties/scrutiny/\d+/$"))
    assert_accessible(page)

    page.goto("/duties/deadlines/")
    assert "Respond to the Crime and Disorder Committee recommendation" in page.inner_text(
        "[data-testid=deadlines-upcoming]"
    )
    _no_internal(page)

    page.goto("/duties/scrutiny/pack/")
    pack = page.inner_text("main")
    assert "Crime and disorder scrutiny pack" in pack and "Report ASB Case Review figures" in pack
    assert_accessible(page)

    # The Community Remedy document, then a resolution offered on a case.
    page.goto("/duties/community-remedy/")
    page.click("[data-testid=remedy-new]")
    page.fill("#id_title", "Repair the damage")
    page.fill("#id_description", "Clean or repair what was damaged")
    page.check("input[name=purpose][value=repair]")
    _date(page, "published_on", today - dt.timedelta(days=30))
    page.click("main button[type=submit]")
    page.click("button:has-text('Add the action')")
    assert "Repair the damage" in page.inner_text("[data-testid=remedy-actions]")
    assert_accessible(page)

    victim = person_create(actor=coordinator, given_name="Sam", family_name="Ashbrook")
    now = timezone.now()
    incident = cases.incident_record(
        actor=coordinator,
        occurred_at=now - dt.timedelta(days=3),
        reported_at=now - dt.timedelta(days=2),
        channel="phone",
        asb_type="personal",
        category="noise",
        description="Fence sprayed with graffiti",
        parties=[(victim, PartyRole.VICTIM)],
    )
    case = cases.case_open(actor=coordinator, incidents=[incident], summary="Graffiti")
    page.goto(f"/cases/{case.pk}/")
    page.click("[data-testid=case-resolution-new]")
    page.check("input[name=views_status][value=given]")
    _date(page, "views_sought_on", today)
    page.fill("#id_victim_views", "They should clean the fence")
    page.locator("input[name=action]").first.check()
    page.check("input[name=victim_preferred][value=yes]")
    _date(page, "chosen_on", today - dt.timedelta(days=1))  # chosen before the victim was asked
    page.click("main button[type=submit]")
    assert "must be sought before the action is chosen" in page.inner_text(".govuk-error-summary")
    assert_accessible(page)
    _date(page, "chosen_on", today)
    page.click("main button[type=submit]")
    assert_accessible(page)
    page.click("button:has-text('Record it')")
    page.wait_for_url(re.compile(rf"/cases/{case.pk}/$"))
    page.click("[data-testid=case-resolution-new]")
    assert "Repair the damage" in page.inner_text("[data-testid=case-resolutions]")
    assert_accessible(page)
