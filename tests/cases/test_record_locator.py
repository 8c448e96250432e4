"""Review item 14 (section 6): where an information sharing agreement allows it, a partner who
searches for a person learns which agencies hold a record about someone of that name (never what
it says) and can ask them to share it; the holding agency sees the request."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from csphub.audit.models import AuditEvent
from csphub.cases.models import ShareRequest
from csphub.people.services import person_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def police_person(persona: Any) -> Any:
    return person_create(
        actor=persona("police_caseworker"), given_name="Robin", family_name="Quarrendon", phone="07700 900123"
    )


def _holders(client: Any, q: str) -> str:
    body = client.get(reverse("cases:search"), {"q": q}).content.decode()
    if 'data-testid="record-holders"' not in body:
        return ""
    start = body.index('data-testid="record-holders"')
    return body[start : body.index("</div>", start)]


def test_no_agreement_allowing_it_no_locator(police_person: Any, client_as: Any, world: Any) -> None:
    assert not world.asb_isa.allows_record_locator
    assert _holders(client_as("avbc_caseworker"), "Robin Quarrendon") == ""


def test_locator_names_the_agency_never_the_record_and_needs_a_full_name(
    police_person: Any, client_as: Any, world: Any
) -> None:
    world.asb_isa.allows_record_locator = True
    world.asb_isa.save(update_fields=["allows_record_locator"])
    client = client_as("avbc_caseworker")
    holders = _holders(client, "robin quarrendon")
    assert "Derbyshire Constabulary" in holders
    body = client.get(reverse("cases:search"), {"q": "Robin Quarrendon"}).content.decode()
    assert "07700 900123" not in body
    assert reverse("cases:person_detail", args=[police_person.pk]) not in body
    assert _holders(client, "Quarrendon") == ""  # a surname alone finds nothing
    # The owning agency sees its own record in the results, not in the locator.
    assert _holders(client_as("police_caseworker"), "Robin Quarrendon") == ""


def test_a_share_request_reaches_the_holding_agency(
    police_person: Any, client_as: Any, world: Any, persona: Any
) -> None:
    world.asb_isa.allows_record_locator = True
    world.asb_isa.save(update_fields=["allows_record_locator"])
    client = client_as("avbc_caseworker")
    url = reverse("cases:share_request")
    police = world.agencies["police"]
    missing_reason = client.post(
        url, {"q": "Robin Quarrendon", "agency": police.pk, "reason": ""}, follow=True
    )
    assert "Enter why your agency needs the record" in missing_reason.content.decode()
    response = client.post(
        url,
        {"q": "Robin Quarrendon", "agency": police.pk, "reason": "Victim of repeated ASB in Ripley"},
        follow=True,
    )
    assert "Request sent" in response.content.decode()
    request = ShareRequest.objects.get()
    assert (request.person, request.holding_agency, request.agreement) == (
        police_person,
        police,
        world.asb_isa,
    )
    assert AuditEvent.objects.filter(verb="sharerequest.made", actor=persona("avbc_caseworker")).count() == 1
    home = client_as("police_caseworker").get(reverse("frontend:home")).content.decode()
    assert "Requests to share your records" in home and "Victim of repeated ASB in Ripley" in home
    # Asking an agency that holds nothing (or is not under such an agreement) is refused.
    housing = world.agencies["housing"]
    refused = client.post(url, {"q": "Robin Quarrendon", "agency": housing.pk, "reason": "x"}, follow=True)
    assert "holds no record you can ask for" in refused.content.decode()
    assert ShareRequest.objects.count() == 1


def _requested(world: Any, client_as: Any) -> ShareRequest:
    world.asb_isa.allows_record_locator = True
    world.asb_isa.save(update_fields=["allows_record_locator"])
    client_as("avbc_caseworker").post(
        reverse("cases:share_request"),
        {"q": "Robin Quarrendon", "agency": world.agencies["police"].pk, "reason": "Victim of ASB in Ripley"},
    )
    return ShareRequest.objects.get()


@pytest.fixture
def police_case(police_person: Any, persona: Any, make_incident: Any) -> Any:
    from csphub.cases import services
    from csphub.cases.models import PartyRole

    incident = make_incident("police_caseworker", parties=[(police_person, PartyRole.VICTIM)])
    return services.case_open(
        actor=persona("police_caseworker"), incidents=[incident], summary="Threats in Ripley"
    )


def test_the_holding_agency_shares_the_chosen_case_and_the_requester_is_told(
    police_person: Any, police_case: Any, client_as: Any, world: Any, persona: Any
) -> None:
    from csphub.agencies.models import Notification
    from csphub.agencies.policies import Action, can

    request = _requested(world, client_as)
    police = client_as("police_caseworker")
    url = reverse("cases:share_request_answer", args=[request.pk])
    page = police.get(url).content.decode()
    assert police_case.reference in page and "Victim of ASB in Ripley" in page
    answers = {
        "decision": "shared",
        "cases": [police_case.pk],
        "scope": "full",
        "reason": "Joint working on ASB",
    }
    check = police.post(url, answers).content.decode()
    assert "Check your answer before you send it" in check
    assert not can(persona("avbc_caseworker"), Action.VIEW, police_case)  # nothing before confirm
    police.post(url, {**answers, "step": "confirm"})
    request.refresh_from_db()
    assert (request.status, request.decision, request.answered_by) == (
        "answered", "shared", persona("police_caseworker"),
    )  # fmt: skip
    assert can(persona("avbc_caseworker"), Action.VIEW, police_case)
    told = Notification.objects.filter(
        user=persona("avbc_caseworker"), subject__contains="answered your request to share a record"
    ).get()
    assert police_case.reference in told.body and "Quarrendon" not in told.body
    assert AuditEvent.objects.filter(verb="sharerequest.answered").count() == 1
    # Answered: it leaves the home panel and cannot be answered twice.
    assert police.get(url).status_code == 404


def test_declining_needs_a_reason_which_the_requester_is_told(
    police_person: Any, client_as: Any, world: Any, persona: Any
) -> None:
    from csphub.agencies.models import Notification

    request = _requested(world, client_as)
    police = client_as("police_caseworker")
    url = reverse("cases:share_request_answer", args=[request.pk])
    assert "Enter your reason" in police.post(url, {"decision": "declined", "reason": ""}).content.decode()
    sharing_nothing = police.post(url, {"decision": "shared", "reason": "ok"}).content.decode()
    assert "Select the cases to share" in sharing_nothing
    police.post(url, {"decision": "declined", "reason": "No current ASB involvement", "step": "confirm"})
    request.refresh_from_db()
    assert request.decision == "declined"
    told = Notification.objects.get(user=persona("avbc_caseworker"), subject__contains="answered")
    assert "declined" in told.body and told.link == reverse("cases:share_requests_made")
    mine = client_as("avbc_caseworker").get(told.link).content.decode()
    assert "No current ASB involvement" in mine


def test_only_the_holding_agency_may_answer(police_person: Any, client_as: Any, world: Any) -> None:
    request = _requested(world, client_as)
    url = reverse("cases:share_request_answer", args=[request.pk])
    for persona_name in ("avbc_caseworker", "housing_caseworker", "avbc_analyst"):
        assert client_as(persona_name).get(url).status_code == 404, persona_name


def test_the_requesting_agency_reads_the_answer_in_the_service_and_no_reason_leaves_by_email(
    police_person: Any, client_as: Any, world: Any, persona: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """A refusal's reason is free text about a person: the requester reads it on its requests page,
    while the notification (which is also e-mailed) only says that the request was declined."""
    from django.core import mail

    from csphub.agencies.models import Notification

    request = _requested(world, client_as)
    mine = reverse("cases:share_requests_made")
    avbc = client_as("avbc_caseworker")
    waiting = avbc.get(mine).content.decode()
    listed = waiting[waiting.index('data-testid="share-requests-made"') :]
    assert "Derbyshire Constabulary" in listed and "Robin Quarrendon" in listed and "Waiting" in listed
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client_as("police_caseworker").post(
            reverse("cases:share_request_answer", args=[request.pk]),
            {"decision": "declined", "reason": "Robin is a witness in a trial", "step": "confirm"},
        )
    told = Notification.objects.get(user=persona("avbc_caseworker"), subject__contains="answered")
    assert "declined" in told.body and "witness" not in told.body and told.link == mine
    assert mail.outbox and all("witness" not in m.body for m in mail.outbox)
    answered = avbc.get(mine).content.decode()
    listed = answered[answered.index('data-testid="share-requests-made"') :]
    assert "Declined" in listed and "Robin is a witness in a trial" in listed
    assert AuditEvent.objects.filter(
        verb="person.listed", actor=persona("avbc_caseworker"), target_id=str(police_person.pk)
    ).exists()
    # Another agency's requests are not listed, and the holding agency's own page does not show them.
    assert "Robin Quarrendon" not in client_as("police_caseworker").get(mine).content.decode()
    assert "Robin Quarrendon" not in client_as("housing_caseworker").get(mine).content.decode()
