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


def test_s17_assessment_question_check_change_and_confirm(
    browser_page: Any, persona: Any, sign_in: Any
) -> None:
    """The s.17 due-regard journey: a theme left blank is named, the answers are checked, one is
    changed from the check page, and the assessment is recorded and counted for the authority."""
    today = timezone.localdate()
    page = browser_page
    sign_in(page, persona("avbc_team_manager"))

    page.goto("/duties/section-17/")
    assert "No assessment has been recorded yet" in page.inner_text("main")
    assert_accessible(page)
    page.click("[data-testid=s17-new]")
    assert_accessible(page)
    page.fill("#id_title", "Town centre CCTV replacement")
    page.fill("#id_decision_by", "Cabinet")
    _date(page, "decision_on", today)
    _date(page, "assessed_on", today - dt.timedelta(days=3))
    for code, label in rules.THEMES:
        if code != "reoffending":
            page.fill(f"#id_{code}", f"Considered: {label.lower()}")
    page.click("main button[type=submit]")
    assert "Say how the decision may affect re-offending" in page.inner_text(".govuk-error-summary")
    _no_internal(page)
    assert_accessible(page)

    page.fill("#id_reoffending", "No likely effect")
    page.click("main button[type=submit]")
    assert "Check the assessment before you record it" in page.inner_text("h1")
    assert "Town centre CCTV replacement" in page.inner_text("main")
    _no_internal(page)
    assert_accessible(page)

    # Change the title from the check page: the question comes back with every answer kept.
    page.locator("button:has-text('Change')").first.click()
    assert page.input_value("#id_reoffending") == "No likely effect"
    page.fill("#id_title", "Town centre CCTV cameras replaced")
    page.click("main button[type=submit]")
    assert "Town centre CCTV cameras replaced" in page.inner_text("main")
    page.click("button:has-text('Record it')")
    # (the Change button's anchor stays on the address: the browser keeps it across the redirect)
    page.wait_for_url(re.compile(r"/duties/section-17/(#[a-z_]+)?$"))
    assert "Section 17 assessment recorded" in page.inner_text("main")
    assert "Town centre CCTV cameras replaced" in page.inner_text("[data-testid=s17-assessments]")
    assert "Amber Valley Borough Council: 1" in page.inner_text("[data-testid=s17-counts]")
    _no_internal(page)
    assert_accessible(page)


def test_scrutiny_response_recorded_after_checking(browser_page: Any, persona: Any, sign_in: Any) -> None:
    """The partnership's written response to the committee (PJA 2006 s.19): refused before the
    recommendation arrived, then checked and recorded; the recommendation leaves the deadlines."""
    from csphub.agencies.models import Membership
    from csphub.core.actor import as_actor
    from csphub.duties.services.partnership import scrutiny_recommendation_record

    coordinator = persona("avbc_partnership_coordinator")
    today = timezone.localdate()
    received = today - dt.timedelta(days=10)
    actor = as_actor(coordinator)
    assert actor is not None
    rec = scrutiny_recommendation_record(
        actor=actor,
        committee="Crime and Disorder Committee",
        meeting_on=received - dt.timedelta(days=1),
        received_on=received,
        recommendation="Publish the section 17 register each year.",
        owner_membership=Membership.objects.get(user=coordinator, is_active=True).pk,
    )
    page = browser_page
    sign_in(page, coordinator)

    page.goto("/duties/deadlines/")
    assert "Respond to the Crime and Disorder Committee recommendation" in page.inner_text("main")
    page.goto(f"/duties/scrutiny/{rec.pk}/")
    assert_accessible(page)
    page.click("[data-testid=scrutiny-respond]")
    assert "Publish the section 17 register each year." in page.inner_text("main")
    assert_accessible(page)
    page.click("main button[type=submit]")  # nothing answered
    errors = page.inner_text(".govuk-error-summary")
    assert "Select whether the partnership accepts it" in errors and "Enter the response" in errors
    assert_accessible(page)

    page.check("input[name=accepted][value=yes]")
    page.fill("#id_response", "Agreed: the register will be published each April.")
    _date(page, "responded_on", received - dt.timedelta(days=1))
    page.click("main button[type=submit]")  # refused on the question, before the check page
    assert "cannot be before the recommendation arrived" in page.inner_text(".govuk-error-summary")
    _no_internal(page)
    assert_accessible(page)

    _date(page, "responded_on", today)
    page.click("main button[type=submit]")
    assert "Check the response" in page.inner_text("h1")
    assert_accessible(page)
    page.click("button:has-text('Record the response')")
    page.wait_for_url(re.compile(rf"/duties/scrutiny/{rec.pk}/$"))
    assert "Agreed: the register will be published each April." in page.inner_text("[data-testid=response]")
    summary = page.inner_text("[data-testid=recommendation-summary]")
    assert "After the 28 days" not in summary and "Yes" in summary
    assert page.locator("[data-testid=scrutiny-respond]").count() == 0
    _no_internal(page)
    assert_accessible(page)
    page.goto("/duties/deadlines/")
    assert "Respond to the Crime and Disorder Committee recommendation" not in page.inner_text("main")
