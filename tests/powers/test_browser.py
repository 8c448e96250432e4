"""In Chromium: record an incident, open a case, assess risk, issue a CPW, be blocked from a CPN
until the time to comply has passed (the clock is advanced, never slept), issue it, and see the
appeal deadline on the task list."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from csphub.powers import clock
from tests.axe import assert_accessible
from tests.dates import fill_date_time

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def reset_clock() -> Iterator[None]:
    clock.reset()
    yield
    clock.reset()


def test_caseworker_cpw_then_cpn_after_time_to_comply(
    browser_page: Any, persona: Any, sign_in: Any, reset_clock: None
) -> None:
    page = browser_page
    user = persona("avbc_caseworker")
    sign_in(page, user)

    # 1. Record an incident (the cases app's page).
    now = dt.datetime.now(dt.UTC).astimezone(dt.timezone(dt.timedelta(0)))
    page.goto("/cases/incidents/new/")
    for name, moment in (
        ("occurred_at", now - dt.timedelta(days=2)),
        ("reported_at", now - dt.timedelta(days=1)),
    ):
        local = timezone.localtime(moment)  # the three date fields and the time field
        page.fill(f"#id_{name}_day", str(local.day))
        page.fill(f"#id_{name}_month", str(local.month))
        page.fill(f"#id_{name}_year", str(local.year))
        page.fill(f"#id_{name}_time", f"{local:%H:%M}")
    page.select_option("#id_channel", "phone")
    page.check("input[name=asb_type][value=nuisance]")
    page.select_option("#id_category", "noise")
    page.fill("#id_description", "Amplified music from flat 3 every night after midnight")
    page.fill("#id_victim_given_name", "Vera")
    page.fill("#id_victim_family_name", "Browsertest")
    page.fill("#id_perpetrator_given_name", "Paul")
    page.fill("#id_perpetrator_family_name", "Browserperp")
    page.click("main button[type=submit]")
    page.click("button:has-text('Record incident')")  # the check-answers page
    page.wait_for_url(re.compile(r"/cases/incidents/\d+/$"))

    # 2. Open a case from it.
    page.click("text=Open a new case from this incident")
    page.fill("#id_summary", "Night-time noise from a neighbouring flat")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/cases/\d+/$"))
    case_pk = int(re.search(r"/cases/(\d+)/$", page.url).group(1))  # type: ignore[union-attr]

    # The perpetrator's date of birth is needed for the CPW age check (16 or over).
    from csphub.cases.models import Case, PartyRole

    perp = Case.objects.get(pk=case_pk).parties.get(role=PartyRole.ALLEGED_PERPETRATOR).person
    page.goto(f"/people/{perp.pk}/change/")
    page.fill("#id_date_of_birth_day", "12")
    page.fill("#id_date_of_birth_month", "4")
    page.fill("#id_date_of_birth_year", "1988")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(rf"/people/{perp.pk}/$"))

    # 3. Complete an ASB victim risk assessment.
    page.goto(f"/risk/case/{case_pk}/")
    page.click("[data-testid=start-asb-victim]")
    victim = Case.objects.get(pk=case_pk).parties.get(role=PartyRole.VICTIM).person
    page.select_option("#id_subject", str(victim.pk))
    for radio in page.locator("input[type=radio][value=no]").all():
        radio.check()
    page.check("input[name=harm_threat][value=yes]")
    page.click("main button:has-text('Continue')")
    assert "High" in page.locator("[data-testid=band-preview]").inner_text()
    page.click("main button:has-text('Complete assessment')")
    page.wait_for_url(re.compile(r"/risk/\d+/$"))
    assert "High" in page.locator("[data-testid=final-band]").inner_text()

    # 4. Issue a CPW with 14 days to comply, through the check-answers page.
    page.goto(f"/powers/case/{case_pk}/")
    page.click("[data-testid=issue-cpw]")
    page.select_option("#id_recipient", str(perp.pk))
    page.select_option("#id_issuer_capacity", "local_authority")
    page.fill("#id_conduct", "Playing amplified music after 11pm")
    page.fill("#id_requirements", "Stop playing amplified music between 11pm and 7am")
    fill_date_time(page, "comply_by", dt.datetime.now() + dt.timedelta(days=14))
    page.fill("#id_informed_parties", "Vera Browsertest (victim)")
    page.click("main button:has-text('Continue')")
    page.click("main button:has-text('Issue warning')")
    page.wait_for_url(re.compile(r"/powers/\d+/$"))
    assert "Issued" in page.locator("[data-testid=power-status]").inner_text()
    cpw_url = page.url

    # 5. Too early: the warning's page says why a notice cannot follow yet, and offers no button.
    assert page.locator("[data-testid=issue-cpn]").count() == 0
    waiting = page.locator("[data-testid=cpn-waiting]")
    assert "time to comply with the warning has not passed" in waiting.inner_text()
    # Reached by its address anyway, the notice page says why in an inset, not an error summary.
    cpw_pk = int(re.search(r"/powers/(\d+)/$", cpw_url).group(1))  # type: ignore[union-attr]
    page.goto(reverse("powers:cpn_new", args=[cpw_pk]))
    blocked = page.locator("[data-testid=step-blocked]")
    assert "You cannot issue a notice yet" in blocked.inner_text()
    assert page.locator(".govuk-error-summary").count() == 0 and not page.title().startswith("Error")
    assert_accessible(page)

    # 6. Fifteen days later: issue the CPN through the check-answers page.
    clock.advance(dt.timedelta(days=15))
    page.goto(cpw_url)
    page.click("[data-testid=issue-cpn]")
    page.select_option("#id_issuer_capacity", "local_authority")
    page.check("#id_conduct_persists")
    page.fill("#id_informed_parties", "Vera Browsertest (victim)\nAmber Valley Housing")
    page.click("main button:has-text('Continue')")
    page.click("main button:has-text('Issue notice')")
    page.wait_for_url(re.compile(r"/powers/\d+/$"))
    deadline = page.locator("[data-testid=appeal-deadline]").inner_text().strip()
    expected = clock.now().astimezone(dt.UTC).date() + dt.timedelta(days=20)
    assert deadline == f"{expected.day} {expected:%B %Y}"

    # 7. The task list shows the appeal deadline.
    page.goto("/cases/tasks/")
    body = page.locator("main").inner_text()
    assert "CPN appeal deadline" in body
    assert f"{expected.day} {expected:%B %Y}" in body
