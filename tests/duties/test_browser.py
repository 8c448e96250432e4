"""The modern slavery journey in a real browser: an adult who does not consent, from the case page
to the notification task to an anonymous export and the recorded Home Office reference.

The repository has no axe-core wiring (no package.json, no axe in tests/), so these tests do not
run an accessibility scan."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from csphub.cases import services as cases
from csphub.cases.models import PartyRole
from csphub.people.services import person_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_adult_without_consent_task_then_anonymous_export(
    browser_page: Any, persona: Any, sign_in: Any
) -> None:
    officer = persona("avbc_caseworker")
    victim = person_create(
        actor=officer, given_name="Zebedee", family_name="Quillfeather", date_of_birth=dt.date(1990, 4, 17)
    )
    now = timezone.now()
    incident = cases.incident_record(
        actor=officer,
        occurred_at=now - dt.timedelta(days=2),
        reported_at=now - dt.timedelta(days=1),
        channel="phone",
        asb_type="nuisance",
        category="other",
        description="Flat taken over (cuckooing)",
        parties=[(victim, PartyRole.VICTIM)],
    )
    case = cases.case_open(actor=officer, incidents=[incident], summary="Cuckooing at the flat")

    page = browser_page
    sign_in(page, officer)
    page.goto(f"/cases/{case.pk}/")
    page.click("[data-testid=case-slavery-record]")
    page.check(f"input[name=person][value='{victim.pk}']")
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    page.fill("#id_grounds_date_day", str(yesterday.day))
    page.fill("#id_grounds_date_month", str(yesterday.month))
    page.fill("#id_grounds_date_year", str(yesterday.year))
    page.fill("#id_grounds", "Quillfeather works unpaid for the people using his flat")
    page.check("input[name=exploitation][value=criminal]")
    page.fill("#id_nationality", "British")
    page.check("input[name=age_basis][value=adult]")
    page.check("input[name=consent][value=refused]")
    page.click("main button[type=submit]")
    assert "Anonymous duty to notify" in page.inner_text("[data-testid=route-preview]")
    page.click("button:has-text('Record the concern')")
    page.wait_for_url(re.compile(r"/duties/modern-slavery/\d+/$"))
    reference = page.inner_text("h1")
    assert "Home Office not yet notified" in page.inner_text("[data-testid=concern-status]")

    # The mandatory task is on the officer's task list, and the due notification on the home page.
    page.goto("/cases/tasks/")
    tasks = page.inner_text("main")
    assert f"Make the modern slavery notification for {reference}" in tasks, tasks
    page.goto("/home/")
    page.click(f"[data-testid=slavery-due] a:has-text('{reference}')")

    # The anonymous export: nothing that identifies him.
    with page.expect_download() as download_info:
        page.click("[data-testid=export]")
    exported = Path(download_info.value.path()).read_text(encoding="utf-8")
    for identifier in ("Zebedee", "Quillfeather", "1990", case.reference):
        assert identifier not in exported
    assert "Anonymous duty to notify" in exported and "British" in exported

    # Record the Home Office reference: the task is done.
    page.click("[data-testid=record-notification]")
    today = timezone.localdate()
    page.fill("#id_notified_on_day", str(today.day))
    page.fill("#id_notified_on_month", str(today.month))
    page.fill("#id_notified_on_year", str(today.year))
    page.fill("#id_home_office_reference", "DTN-2026-0099")
    page.click("main button[type=submit]")
    page.click("button:has-text('Record the notification')")
    assert "DTN-2026-0099" in page.inner_text("[data-testid=home-office-reference]")
    page.goto("/cases/tasks/")
    assert f"Make the modern slavery notification for {reference}" not in page.inner_text("main")


def _fill_date(page: Any, name: str, day: dt.date) -> None:
    page.fill(f"#id_{name}_day", str(day.day))
    page.fill(f"#id_{name}_month", str(day.month))
    page.fill(f"#id_{name}_year", str(day.year))


def _continue_and_confirm(page: Any, confirm_label: str) -> None:
    page.click("main button[type=submit]")
    page.click(f"button:has-text('{confirm_label}')")


def test_channel_case_referral_panel_consent_plan_exit_reviews(
    browser_page: Any, persona: Any, sign_in: Any, make_member: Any
) -> None:
    from csphub.agencies.policies import Compartment

    make_member("police_caseworker", Compartment.PREVENT)
    make_member("dcc_team_manager", Compartment.PREVENT, "panel_member")
    today = timezone.localdate()

    # The police Prevent lead: referral, screening, referral to the Channel panel.
    page = browser_page
    sign_in(page, persona("police_caseworker"))
    page.goto("/duties/prevent/")
    page.click("[data-testid=prevent-refer]")
    _fill_date(page, "referred_on", today)
    page.fill("#id_referrer_name", "Sam Teacher")
    page.fill("#id_referrer_role", "Safeguarding lead, Ripley School")
    page.fill("#id_referrer_contact", "01773 000000")
    page.fill("#id_subject_name", "Alex Browsertest")
    page.check("input[name=concern_type][value=extreme_right_wing]")
    page.fill("#id_concerns", "Sharing extremist material in class")
    page.check("input[name=discussed_with_person][value=no]")
    _continue_and_confirm(page, "Send the referral")
    page.click("[data-testid=prevent-referrals] a")
    page.click("[data-testid=screen]")
    page.check("input[name=outcome][value=adopted]")
    _fill_date(page, "screened_on", today)
    page.fill("#id_notes", "Meets the threshold for Channel")
    _continue_and_confirm(page, "Record the screening")
    page.click("[data-testid=open-channel]")
    page.check("input[name=chair] >> nth=0")
    _fill_date(page, "first_panel_on", today)
    _continue_and_confirm(page, "Refer to the Channel panel")
    page.click("[data-testid=channel-case-link]")
    assert "consent not yet recorded" in page.inner_text("[data-testid=channel-status]")

    # The local authority chair: consent, support plan, exit; the post-exit reviews are set.
    chair_context = page.context.browser.new_context(base_url=page.base_url)
    chair_page = chair_context.new_page()
    chair_page.set_default_timeout(15_000)
    sign_in(chair_page, persona("dcc_team_manager"))
    chair_page.goto("/duties/prevent/")
    chair_page.click("[data-testid=channel-cases] a")
    chair_page.click("[data-testid=next-step]")
    chair_page.check("input[name=consent_given][value=yes]")
    _fill_date(chair_page, "consent_on", today)
    chair_page.check("input[name=given_by][value=person]")
    _continue_and_confirm(chair_page, "Record consent")
    chair_page.click("[data-testid=next-step]")
    chair_page.fill("#id_support_plan", "Mentoring with an intervention provider")
    _fill_date(chair_page, "support_starts_on", today)
    _continue_and_confirm(chair_page, "Record the plan")
    chair_page.click("[data-testid=next-step]")
    _fill_date(chair_page, "exited_on", today)
    chair_page.fill("#id_exit_reason", "Vulnerability reduced")
    _continue_and_confirm(chair_page, "Record the exit")
    reviews = chair_page.inner_text("[data-testid=reviews]")
    from csphub.duties.rules.prevent import post_exit_review_dates

    six, twelve = post_exit_review_dates(today)
    assert f"6-month review, due {six:%-d %B %Y}" in reviews
    assert f"12-month review, due {twelve:%-d %B %Y}" in reviews
    chair_page.goto("/home/")
    assert "6-month post-exit review due" in chair_page.inner_text("[data-testid=prevent-due]")
    chair_context.close()
