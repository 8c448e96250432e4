"""In headless Chromium: a caseworker agrees an update schedule with the victim, records an update
that consulted the victim on the action plan, closes the case and records the victim's answer to
the satisfaction question; axe finds nothing serious on any page of the journey."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from csphub.cases import services
from tests.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _date(page: Any, name: str, day: Any) -> None:
    page.fill(f"#id_{name}_day", str(day.day))
    page.fill(f"#id_{name}_month", str(day.month))
    page.fill(f"#id_{name}_year", str(day.year))


def test_victim_contact_journey(browser_page: Any, persona: Any, sign_in: Any, make_case: Any) -> None:
    page = browser_page
    case = make_case(family="Whitlock")
    officer = persona("avbc_caseworker")
    today = timezone.localdate()
    sign_in(page, officer)
    page.goto(reverse("cases:case_detail", args=[case.pk]))
    assert_accessible(page)
    page.get_by_role("link", name="Agree how to keep a victim updated").click()
    assert_accessible(page)
    page.fill("#id_update_every_days", "14")
    page.check("input[name=method][value=phone]")
    _date(page, "agreed_on", today)
    page.get_by_role("button", name="Save schedule").click()
    page.wait_for_selector("[data-testid=victim-contacts]")
    assert "Not yet consulted" in page.locator("[data-testid=victim-contacts]").inner_text()
    page.get_by_role("link", name="Record an update").click()
    assert_accessible(page)
    _date(page, "given_on", today)
    page.fill("#id_summary", "Talked through the plan.")
    page.check("#id_consulted_on_action_plan")
    page.fill("#id_action_plan_views", "Happy with the plan.")
    page.get_by_role("button", name="Save update").click()
    page.wait_for_selector("text=Victim consulted")
    services.case_change_status(
        actor=officer, case=case, to_status="closed", reason="Resolved", outcome="resolved"
    )
    page.goto(reverse("cases:case_detail", args=[case.pk]))
    page.get_by_role("link", name="Record the victim's answer").click()
    assert_accessible(page)
    page.check("input[name=answer][value=very_satisfied]")
    page.get_by_role("button", name="Save answer").click()
    page.wait_for_selector("[data-testid=closure-surveys]")
    assert "Very satisfied" in page.locator("[data-testid=closure-surveys]").inner_text()
    assert_accessible(page)


def test_record_locator_journey(browser_page: Any, persona: Any, sign_in: Any, world: Any) -> None:
    from csphub.people.services import person_create

    page = browser_page
    world.asb_isa.allows_record_locator = True
    world.asb_isa.save(update_fields=["allows_record_locator"])
    person_create(actor=persona("police_caseworker"), given_name="Robin", family_name="Quarrendon")
    sign_in(page, persona("avbc_caseworker"))
    page.goto(reverse("cases:search") + "?q=Robin+Quarrendon")
    holders = page.locator("[data-testid=record-holders]")
    assert "Derbyshire Constabulary" in holders.inner_text()
    assert_accessible(page)
    page.get_by_label("Why does your agency need the record?").fill("Victim of repeated ASB")
    page.get_by_role("button", name="Ask Derbyshire Constabulary to share it").click()
    page.wait_for_selector("text=Request sent")
    assert_accessible(page)
    page.click("text=Your agency's requests to share records and their answers")
    made = page.locator("[data-testid=share-requests-made]").inner_text()
    assert "Robin Quarrendon" in made and "Waiting" in made
    assert_accessible(page)


def test_the_holding_agency_answers_a_share_request(
    browser_page: Any, persona: Any, sign_in: Any, world: Any, make_incident: Any
) -> None:
    from csphub.cases import services
    from csphub.cases.models import PartyRole
    from csphub.people.services import person_create

    page = browser_page
    world.asb_isa.allows_record_locator = True
    world.asb_isa.save(update_fields=["allows_record_locator"])
    robin = person_create(actor=persona("police_caseworker"), given_name="Robin", family_name="Quarrendon")
    incident = make_incident("police_caseworker", parties=[(robin, PartyRole.VICTIM)])
    case = services.case_open(actor=persona("police_caseworker"), incidents=[incident], summary="Threats")
    services.share_request_make(
        actor=persona("avbc_caseworker"), query="Robin Quarrendon",
        holding_agency_id=world.agencies["police"].pk, reason="Victim of repeated ASB",
    )  # fmt: skip
    sign_in(page, persona("police_caseworker"))
    page.goto(reverse("frontend:home"))
    page.locator("[data-testid=home-share-requests] a:has-text('Answer')").click()
    assert "Victim of repeated ASB" in page.locator("[data-testid=share-request]").inner_text()
    assert_accessible(page)
    page.get_by_label("Yes, share cases about this person").check()
    page.get_by_label(f"{case.reference}: Threats").check()
    page.get_by_label("Your reason").fill("Joint working under the ASB agreement")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_selector("text=Check your answer before you send it")
    assert_accessible(page)
    page.get_by_role("button", name="Send answer").click()
    page.wait_for_selector("text=Answer sent to")
    assert_accessible(page)


def test_the_requester_reads_why_a_share_request_was_declined(
    browser_page: Any, persona: Any, sign_in: Any, world: Any
) -> None:
    from csphub.cases import services
    from csphub.cases.models import ShareRequest
    from csphub.people.services import person_create

    page = browser_page
    world.asb_isa.allows_record_locator = True
    world.asb_isa.save(update_fields=["allows_record_locator"])
    person_create(actor=persona("police_caseworker"), given_name="Robin", family_name="Quarrendon")
    services.share_request_make(
        actor=persona("avbc_caseworker"), query="Robin Quarrendon",
        holding_agency_id=world.agencies["police"].pk, reason="Victim of repeated ASB",
    )  # fmt: skip
    services.share_request_answer(
        actor=persona("police_caseworker"), share_request=ShareRequest.objects.get(),
        decision="declined", reason="No current ASB involvement",
    )  # fmt: skip
    sign_in(page, persona("avbc_caseworker"))
    page.goto(reverse("cases:share_requests_made"))
    made = page.locator("[data-testid=share-requests-made]").inner_text()
    assert "Declined" in made and "No current ASB involvement" in made
    assert_accessible(page)
