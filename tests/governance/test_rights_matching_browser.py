"""Subject access to the person affected named in someone else's Case Review application, in a real
browser: the team manager searches the council's records for Robin; the application Robin's mother
made for them (same home) is found, with why ("Named as the person affected in someone else's
application ... The applicant's own details are a third party's"); the handler discloses it with the
mother's details redacted. The neighbour's application about behaviour at Robin's door is found too,
and ruled out as another Robin's; the councillor's, where only the name agrees, is never listed.
axe-core finds no serious or critical problem on any page walked, and no page shows an internal code."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from tests.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _application(area: Any, reference: str, **details: Any) -> Any:
    from csphub.casereviews.models import Application

    today = timezone.localdate()
    return Application.objects.create(
        reference=reference,
        area=area,
        partnership=area.partnership,
        owning_agency=area.managing_agency,
        channel="online",
        received_on=today,
        contact_preference="email",
        is_third_party=True,
        victim_consent_given=True,
        victim_consent_how="In writing",
        behaviour_description=f"Behaviour described in {reference}",
        behaviour_first_on=today - dt.timedelta(days=30),
        behaviour_last_on=today - dt.timedelta(days=2),
        reports_described="Police twice",
        victim_name="Robin Affected-Person",
        **{"behaviour_location": "Market Place, Heanor", **details},
    )


def test_the_person_affected_is_found_redacted_and_a_namesakes_ruled_out(
    browser_page: Any, persona: Any, sign_in: Any, world: Any
) -> None:
    from csphub.agencies.models import Partnership
    from csphub.casereviews.models import CaseReviewArea
    from csphub.governance import services
    from csphub.governance.models import RequestItem
    from csphub.people.services import address_create, person_address_link, person_create

    caseworker = persona("avbc_caseworker")
    robin = person_create(actor=caseworker, given_name="Robin", family_name="Affected-Person")
    home = address_create(actor=caseworker, line_1="4 Quiet Close", town="Heanor", postcode="DE75 7AB")
    person_address_link(actor=caseworker, person=robin, address=home)
    area = CaseReviewArea.objects.create(
        name="Amber Valley",
        slug="amber-valley",
        managing_agency=world.agencies["avbc"],
        partnership=Partnership.objects.get(code="E22000037"),
        contact_team="Community Safety Team",
        contact_email="cs@example.org",
        contact_phone="01773 000000",
        appeal_body_name="the PCC",
    )
    mother = _application(
        area,
        "CR-AFF-1",
        applicant_name="Jo Affected-Person",
        applicant_email="jo.parent@example.org",
        applicant_address="4 Quiet Close, Heanor, DE75 7AB",
        relationship_to_victim="Mother, same household",
    )
    neighbour = _application(
        area,
        "CR-AFF-2",
        applicant_name="Pat Next-Door",
        applicant_email="pat@example.org",
        relationship_to_victim="Neighbour",
        behaviour_location="Outside 4 Quiet Close, Heanor DE75 7AB",
    )
    _application(
        area,
        "CR-AFF-3",
        applicant_name="Lee Member",
        applicant_email="lee.member@example.gov.uk",
        applicant_address="Town Hall, Ripley DE5 3BT",
        relationship_to_victim="Ward councillor",
    )
    handler = persona("avbc_team_manager")
    today = timezone.localdate()
    request = services.rights_request_receive(
        actor=handler,
        kind="access",
        regime="uk_gdpr",
        requester_name="Robin Affected-Person",
        requester_contact="4 Quiet Close, Heanor DE75 7AB",
        subject=robin,
        received_on=today,
        identity_verified_on=today,
        identity_evidence="Driving licence seen",
    )

    page = browser_page
    sign_in(page, handler)
    page.goto(f"/data-protection/requests/{request.pk}/")
    page.click("[data-testid=search]")
    page.wait_for_url(re.compile(r"/data-protection/requests/\d+/$"))
    items = page.inner_text("[data-testid=items]")
    assert "Case Review application CR-AFF-1" in items and "Case Review application CR-AFF-2" in items
    assert "CR-AFF-3" not in items  # only the name agrees
    assert "Check it is theirs: Named as the person affected in someone else's application" in items
    assert_accessible(page)

    # The mother's application: Robin's, with the mother's own details redacted.
    page.click("[data-testid=items] a:has-text('CR-AFF-1')")
    reason = page.inner_text("[data-testid=match-reason]")
    assert "Name, postcode given by the applicant and address given by the applicant match" in reason
    assert "The applicant's own details are a third party's" in reason
    assert "Robin Affected-Person" in page.inner_text("[data-testid=item-content]")
    assert_accessible(page)
    page.check("input[name=decision][value=redact]")
    for label in ("Applicant name", "Applicant email", "Applicant address"):
        page.check(f"input[name=redacted_fields][value='{label}']")
    page.fill("#id_notes", "The applicant's own details identify a third party (DPA 2018 Sch 2 para 16)")
    page.click("main form button[type=submit]")
    assert_accessible(page)
    page.click("button:has-text('Record the decision')")
    page.wait_for_url(re.compile(r"/data-protection/requests/\d+/$"))

    # The neighbour's: another Robin lives at 4a, so it is ruled out, saying which detail differs.
    page.click("[data-testid=items] a:has-text('CR-AFF-2')")
    page.check("input[name=decision][value=not_subject]")
    page.fill("#id_notes", "Behaviour at 4a Quiet Close: another Robin")
    page.click("main form button[type=submit]")
    page.click("button:has-text('Record the decision')")
    page.wait_for_url(re.compile(r"/data-protection/requests/\d+/$"))
    items = page.inner_text("[data-testid=items]")
    assert "Disclose with redactions" in items and "Not the data subject" in items
    text = page.inner_text("main")
    for internal in ("application:", "not_subject", "victim_name", "csphub ", ".py"):
        assert internal not in text, internal
    assert_accessible(page)
    decided = {i.record_key: i for i in RequestItem.objects.filter(request=request)}
    assert decided[f"application:{mother.pk}"].redacted_fields == [
        "Applicant name",
        "Applicant email",
        "Applicant address",
    ]
    assert decided[f"application:{neighbour.pk}"].decision == "not_subject"
    assert page.console_errors == []
