"""In a real browser: a Domestic Homicide Review from the police notification to publication and the
action plan; the Serious Violence Duty's strategy, versioned and published; an administrator giving
and ending access to a restricted register. axe-core finds no serious or critical problem on any page
walked."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from tests.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _fill_date(page: Any, name: str, day: dt.date) -> None:
    page.fill(f"#id_{name}_day", str(day.day))
    page.fill(f"#id_{name}_month", str(day.month))
    page.fill(f"#id_{name}_year", str(day.year))


def _continue_and_confirm(page: Any, confirm_label: str) -> None:
    with page.expect_navigation():  # axe runs on the check-answers page, not the one being left
        page.click("main button[type=submit]")
    assert_accessible(page)  # the check-answers page
    with page.expect_navigation():
        page.click(f"button:has-text('{confirm_label}')")


def _step(page: Any, slug: str) -> None:
    with page.expect_navigation():  # axe runs on the question page, not the one being left
        page.click(f"[data-testid=step-{slug}]")
    assert_accessible(page)  # the question page


def test_dhr_notification_to_publication_blocked_until_home_office_approval(
    browser_page: Any, persona: Any, sign_in: Any, make_member: Any
) -> None:
    from csphub.agencies.policies import Compartment
    from csphub.audit.models import AuditEvent
    from csphub.duties.rules import dhr as rules

    make_member("avbc_partnership_coordinator", Compartment.DOMESTIC_HOMICIDE_REVIEW)
    make_member("police_caseworker", Compartment.DOMESTIC_HOMICIDE_REVIEW, "panel_member")
    today = timezone.localdate()
    notified = today - dt.timedelta(days=20)
    lead = persona("avbc_partnership_coordinator")

    page = browser_page
    sign_in(page, lead)
    page.goto("/home/")
    page.click("[data-testid=dhr-register]")
    assert_accessible(page)
    page.click("[data-testid=dhr-new]")
    assert_accessible(page)
    _fill_date(page, "notified_on", notified)
    page.fill("#id_notifying_force", "Derbyshire Constabulary")
    page.fill("#id_deceased_name", "Morwenna Browsertest")
    page.fill("#id_deceased_age", "41")
    page.check("input[name=relationship][value=partner]")
    page.check("input[name=suspected_suicide][value=no]")
    page.fill("#id_circumstances", "Found at home; her former partner has been charged.")
    _continue_and_confirm(page, "Open the review record")
    page.wait_for_url(re.compile(r"/duties/domestic-homicide-reviews/\d+/$"))
    assert_accessible(page)
    due = rules.decision_due(notified)
    assert f"decide whether to hold a review: by {due:%-d %B %Y}" in page.inner_text(
        "[data-testid=dhr-deadlines]"
    )

    _step(page, "decision")
    page.check("input[name=decision][value=conduct]")
    _fill_date(page, "decided_on", today)
    page.fill("#id_reasons", "The criteria in section 9 are met")
    _continue_and_confirm(page, "Record the decision")
    assert "Review in progress" in page.inner_text("[data-testid=dhr-status]")
    assert f"{rules.report_due(today):%-d %B %Y}" in page.inner_text("[data-testid=report-due]")

    _step(page, "home-office")
    _fill_date(page, "told_on", today)
    _continue_and_confirm(page, "Record it")
    assert f"{today:%-d %B %Y}" in page.inner_text("[data-testid=home-office]")

    _step(page, "chair")
    page.fill("#id_chair_name", "Dr Independent Chair")
    _fill_date(page, "appointed_on", today)
    page.fill("#id_independence", "No role in any agency under review")
    _continue_and_confirm(page, "Appoint the chair")

    _step(page, "panel")
    page.fill("#id_agency_name", "Derbyshire Constabulary")
    page.fill("#id_representative", "DI Panel")
    _fill_date(page, "joined_on", today)
    _continue_and_confirm(page, "Add to the panel")
    assert "DI Panel" in page.inner_text("[data-testid=dhr-panel]")

    _step(page, "extension")
    new_due = rules.report_due(today) + dt.timedelta(days=60)
    _fill_date(page, "agreed_on", today)
    _fill_date(page, "new_due_on", new_due)
    page.fill("#id_reason", "Criminal trial listed for next spring")
    _continue_and_confirm(page, "Record the extension")
    assert "Criminal trial listed" in page.inner_text("[data-testid=dhr-extensions]")
    assert f"{new_due:%-d %B %Y}" in page.inner_text("[data-testid=report-due]")

    _step(page, "recommendation")
    page.fill("#id_text", "Train call handlers to recognise coercive control")
    page.fill("#id_agency_name", "Derbyshire Constabulary")
    _continue_and_confirm(page, "Add the recommendation")
    _step(page, "action")
    page.check("input[name=recommendation] >> nth=0")
    page.fill("#id_description", "Deliver coercive control training")
    page.fill("#id_owner", "Insp Owner, Derbyshire Constabulary")
    _fill_date(page, "due_on", today + dt.timedelta(days=90))
    _continue_and_confirm(page, "Add the action")
    assert "Insp Owner" in page.inner_text("[data-testid=dhr-actions-1]")

    _step(page, "report")
    _fill_date(page, "completed_on", today)
    _continue_and_confirm(page, "Record it")
    # Publication is blocked: there is no step to publish, and the page says why.
    assert "step-publish" not in page.content()
    assert "Quality Assurance Panel has not said" in page.inner_text("[data-testid=publication]")

    _step(page, "qa-submit")
    _fill_date(page, "submitted_on", today)
    _continue_and_confirm(page, "Record it")
    assert "step-publish" not in page.content()
    _step(page, "qa-outcome")
    page.check("input[name=outcome][value=approved]")
    _fill_date(page, "outcome_on", today)
    _continue_and_confirm(page, "Record the outcome")

    # Approved: publish, but only anonymised.
    _step(page, "publish")
    _fill_date(page, "published_on", today)
    page.fill("#id_publication_url", "https://www.ambervalley.gov.uk/dhr-1")
    page.check("input[name=anonymised][value=no]")
    page.click("main button[type=submit]")
    assert "Confirm that the report is anonymised" in page.inner_text(".govuk-error-summary")
    assert_accessible(page)
    page.check("input[name=anonymised][value=yes]")
    _continue_and_confirm(page, "Record the publication")
    assert "Published" in page.inner_text("[data-testid=dhr-status]")
    assert "anonymised" in page.inner_text("[data-testid=publication]")
    reference = page.inner_text("h1")

    # A panel member in another agency records progress on the action.
    police_context = page.context.browser.new_context(base_url=page.base_url)
    police_page = police_context.new_page()
    police_page.set_default_timeout(15_000)
    police = persona("police_caseworker")
    sign_in(police_page, police)
    police_page.goto("/home/")
    police_page.click("[data-testid=dhr-register]")
    police_page.click(f"[data-testid=dhr-reviews] a:has-text('{reference}')")
    police_page.wait_for_selector(f"h1:has-text('{reference}')")
    assert "dhr-steps" not in police_page.content()  # panel members take no lead steps
    police_page.click("a:has-text('Record progress')")
    assert_accessible(police_page)
    police_page.check("input[name=status][value=complete]")
    _fill_date(police_page, "completed_on", today)
    police_page.fill("#id_progress", "All call handlers trained")
    _continue_and_confirm(police_page, "Record progress")
    assert "Complete" in police_page.inner_text("[data-testid=dhr-actions-1]")
    police_context.close()

    viewers = set(
        AuditEvent.objects.filter(verb="domestichomicidereview.viewed").values_list(
            "actor__username", flat=True
        )
    )
    assert viewers == {"avbc_partnership_coordinator", "police_caseworker"}


def test_svd_strategy_versioned_and_published(browser_page: Any, persona: Any, sign_in: Any) -> None:
    from csphub.duties.rules import svd as rules

    today = timezone.localdate()
    page = browser_page
    sign_in(page, persona("avbc_partnership_coordinator"))
    page.goto("/home/")
    page.click("[data-testid=svd-register]")
    assert_accessible(page)
    assert "Chief officer of police" in page.inner_text("[data-testid=svd-missing]")
    for title in ("Serious violence strategy 2026", "Serious violence strategy 2026 (refreshed)"):
        page.click("[data-testid=svd-new-document]")
        assert_accessible(page)
        page.check("input[name=kind][value=strategy]")
        page.fill("#id_title", title)
        page.fill("#id_summary", "Early intervention with young people at risk")
        _fill_date(page, "agreed_on", today)
        _continue_and_confirm(page, "Record the version")
        if "refreshed" not in title:
            page.click("a:has-text('Back to the Serious Violence Duty')")
    assert_accessible(page)
    assert "Version 1" in page.inner_text("[data-testid=svd-versions]")
    page.click("[data-testid=svd-publish]")
    _fill_date(page, "published_on", today)
    page.fill("#id_publication_url", "https://www.ambervalley.gov.uk/svd-strategy")
    _continue_and_confirm(page, "Record the publication")
    assert f"{rules.review_due(today):%-d %B %Y}" in page.inner_text("[data-testid=review-due]")

    page.goto("/duties/serious-violence/")
    page.click("[data-testid=svd-new-authority]")
    page.check("input[name=authority_type][value=police]")
    page.fill("#id_name", "Derbyshire Constabulary")
    page.check("input[name=taking_part][value=yes]")
    page.fill("#id_contribution", "Analysts and data")
    _continue_and_confirm(page, "Record the authority")
    assert "Derbyshire Constabulary" in page.inner_text("[data-testid=svd-authorities]")
    assert "Chief officer of police" not in page.inner_text("[data-testid=svd-missing]")
    assert "Review the serious violence strategy (version 2)" in page.inner_text(
        "[data-testid=svd-deadlines]"
    )


def test_administrator_gives_and_ends_access_to_a_restricted_register(
    browser_page: Any, persona: Any, sign_in: Any
) -> None:
    from csphub.agencies.models import Membership
    from csphub.audit.models import AuditEvent

    caseworker = persona("avbc_caseworker")
    name = caseworker.get_full_name() or caseworker.username
    membership = Membership.objects.get(user=caseworker, is_active=True)
    page = browser_page
    sign_in(page, persona("avbc_administrator"))
    page.goto("/duties/restricted-registers/")
    assert_accessible(page)
    page.click("[data-testid=compartment-add]")
    assert_accessible(page)
    page.check("input[name=compartment][value=dhr]")
    page.select_option("#id_membership", str(membership.pk))
    page.check("input[name=role][value=panel_member]")
    _continue_and_confirm(page, "Give access")
    assert name in page.inner_text("[data-testid=compartment-dhr]")
    assert_accessible(page)
    page.click(f"a:has-text('End access for {name}')")
    page.fill("#id_reason", "Left the review panel")
    _continue_and_confirm(page, "End their access")
    assert "compartment-dhr" not in page.content()
    assert AuditEvent.objects.filter(
        verb="compartmentmember.ended", justification="Left the review panel"
    ).exists()
    # The administrator still cannot open the register.
    response = page.goto("/duties/domestic-homicide-reviews/")
    assert response is not None and response.status == 403


def test_dhr_anonymised_report_pseudonyms_reviewed_then_produced(
    browser_page: Any, persona: Any, sign_in: Any
) -> None:
    """The chair's pseudonyms, agreed through the lead, then the anonymised publication version as a
    page and a PDF (2016 statutory guidance): nothing of the real name is left in it."""
    from pathlib import Path

    from csphub.duties.demo_dhr import load_demo
    from csphub.duties.models import DomesticHomicideReview

    load_demo()
    review = DomesticHomicideReview.objects.get()
    page = browser_page
    sign_in(page, persona("avbc_partnership_coordinator"))
    page.goto(f"/duties/domestic-homicide-reviews/{review.pk}/")
    page.click("[data-testid=dhr-anonymised-report]")
    assert "Agree a pseudonym for the person who died" in page.inner_text(
        "[data-testid=publication-problems]"
    )
    assert page.locator("[data-testid=publication-pdf]").count() == 0
    assert_accessible(page)

    page.click("[data-testid=pseudonym-add]")
    assert_accessible(page)
    page.check("input[name=role][value=victim]")
    page.fill("#id_real_name", review.deceased_name)
    page.fill("#id_pseudonym", "Person")  # a part of the real name: refused
    page.click("main button[type=submit]")
    assert "must not contain a real name" in page.inner_text(".govuk-error-summary")
    assert_accessible(page)
    page.fill("#id_pseudonym", "Adult K")
    _continue_and_confirm(page, "Agree the pseudonym")
    page.wait_for_url(re.compile(rf"/duties/domestic-homicide-reviews/{review.pk}/anonymised-report/$"))
    assert "Adult K" in page.inner_text("[data-testid=pseudonyms]")
    assert "into the death of Adult K" in page.inner_text("[data-testid=publication-preview]")
    assert_accessible(page)

    page.click("[data-testid=publication-html]")
    text = page.inner_text("main")
    assert "into the death of Adult K" in text and review.deceased_name not in text
    assert_accessible(page)
    page.go_back()
    with page.expect_download() as download_info:
        page.click("[data-testid=publication-pdf]")
    assert Path(download_info.value.path()).read_bytes().startswith(b"%PDF")
