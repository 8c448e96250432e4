"""A data subject's request has its own disposal schedule: kept 6 years after it is completed (the
limitation period of a claim about the response, Limitation Act 1980 s.2; rules.DEFAULT_REASONS),
then disposed of with the records found for it, the decisions and the disclosure log, leaving a
tombstone; a held request is kept. A Part 3 request may be answered by neither confirming nor denying
(DPA 2018 s.45(4), with s.45(6) lifting the duty of s.45(5)(a)-(b) to say so): the ground is kept
(s.45(7)), the letter names no record and no ground."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from csphub.audit.models import AuditEvent, GovernanceVerb
from csphub.core.errors import ApplicationError
from csphub.governance import rules, services
from csphub.governance.models import (
    Disclosure,
    Outcome,
    RequestItem,
    RequestStatus,
    RightsRequest,
    Tombstone,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def handler(persona: Any) -> Any:
    return persona("avbc_team_manager")


def _request(handler: Any, persona: Any, regime: str = "uk_gdpr") -> RightsRequest:
    from csphub.people.services import person_create

    subject = person_create(actor=persona("avbc_caseworker"), given_name="Morwenna", family_name="Tregarth")
    today = timezone.localdate()
    return services.rights_request_receive(
        actor=handler,
        kind="access",
        regime=regime,
        requester_name="Morwenna Tregarth",
        requester_contact="1 Example Street, Ripley",
        subject=subject,
        received_on=today,
        identity_verified_on=today,
        identity_evidence="Driving licence",
    )


def _completed(handler: Any, persona: Any, completed_on: dt.date) -> RightsRequest:
    request = _request(handler, persona)
    services.rights_request_search(actor=handler, request=request)
    for item in request.items.all():
        services.request_item_decide(actor=handler, item=item, decision="disclose")
    services.rights_request_disclose(
        actor=handler, request=request, disclosed_on=timezone.localdate(), method="Secure e-mail"
    )
    RightsRequest.objects.filter(pk=request.pk).update(
        received_on=completed_on - dt.timedelta(days=20), completed_on=completed_on
    )
    return RightsRequest.objects.get(pk=request.pk)


def test_a_completed_request_is_kept_six_years_then_disposed_of_with_its_items(
    handler: Any, persona: Any
) -> None:
    request = _completed(handler, persona, dt.date(2020, 3, 10))
    assert request.items.exists() and request.disclosures.exists()
    open_request = _request(handler, persona)  # never disposed of while open
    last_day = dt.date(2026, 3, 10)
    assert rules.retained_until(dt.date(2020, 3, 10), rules.DEFAULT_YEARS) == last_day

    kept = services.retention_purge(actor=None, today=last_day, dry_run=False, record_type="rights_request")
    assert kept.disposed == [] and RightsRequest.objects.filter(pk=request.pk).exists()

    gone = services.retention_purge(
        actor=None, today=last_day + dt.timedelta(days=1), dry_run=False, record_type="rights_request"
    )
    assert [i.reference for i in gone.disposed] == [request.reference]
    assert not RightsRequest.objects.filter(pk=request.pk).exists()
    assert not RequestItem.objects.filter(request_id=request.pk).exists()
    assert not Disclosure.objects.filter(request_id=request.pk).exists()
    assert RightsRequest.objects.filter(pk=open_request.pk).exists()
    tombstone = Tombstone.objects.get(record_type="rights_request")
    assert (tombstone.reference, tombstone.closed_on, tombstone.outcome) == (
        request.reference,
        dt.date(2020, 3, 10),
        Outcome.GRANTED,
    )
    assert "Limitation Act 1980 s.2" in tombstone.rule
    assert "Tregarth" not in str(tombstone.__dict__)
    assert AuditEvent.objects.filter(
        verb=GovernanceVerb.RIGHTSREQUEST_DISPOSED, target_id=str(tombstone.pk)
    ).exists()


def test_a_request_on_legal_hold_is_kept_past_its_date(handler: Any, persona: Any) -> None:
    request = _completed(handler, persona, dt.date(2019, 1, 15))
    services.legal_hold_place(actor=handler, target=request, reason="Complaint to the ICO open")
    result = services.retention_purge(
        actor=None, today=dt.date(2026, 11, 26), dry_run=False, record_type="rights_request"
    )
    assert [(i.reference, i.action) for i in result.items] == [(request.reference, "hold")]
    assert RightsRequest.objects.filter(pk=request.pk).exists()


def test_dpa_2018_s45_4_and_6_neither_confirm_nor_deny_a_part_3_request(handler: Any, persona: Any) -> None:
    request = _request(handler, persona, regime="law_enforcement")
    services.rights_request_search(actor=handler, request=request)
    labels = list(request.items.values_list("record_label", flat=True))
    assert labels  # the subject's records exist: the letter must not say so
    today = timezone.localdate()
    with pytest.raises(ApplicationError, match="ground of section 45"):
        services.rights_request_neither_confirm_nor_deny(
            actor=handler, request=request, ground="sch2-p2", reason="x", responded_on=today, method="Post"
        )
    with pytest.raises(ApplicationError, match="Commissioner"):
        services.rights_request_neither_confirm_nor_deny(
            actor=handler, request=request, ground="s45-4b", reason=" ", responded_on=today, method="Post"
        )
    services.rights_request_neither_confirm_nor_deny(
        actor=handler,
        request=request,
        ground="s45-4b",
        reason="The subject is a suspect in a live investigation; confirming would tip them off",
        responded_on=today,
        method="Recorded post",
    )
    request.refresh_from_db()
    assert (request.status, request.outcome, request.ncnd_ground) == (
        RequestStatus.COMPLETED,
        Outcome.NEITHER_CONFIRMED_NOR_DENIED,
        "s45-4b",
    )
    letter = "\n".join(services.ncnd_letter(request))
    assert "neither confirm nor deny" in letter
    assert "section 51" in letter and "section 167" in letter  # s.45(5)(c)-(e) still given
    for label in labels:
        assert label not in letter
    assert rules.exemption_label("s45-4b") not in letter and "45(4)" not in letter
    assert "investigation" not in letter.lower()
    log = Disclosure.objects.get(request=request)
    assert (log.disclosed, log.redacted, log.withheld) == (0, 0, 0)
    assert AuditEvent.objects.filter(
        verb=GovernanceVerb.RIGHTSREQUEST_NEITHER_CONFIRMED_NOR_DENIED, target_id=str(request.pk)
    ).exists()


def test_dpa_2018_s45_4_neither_confirm_nor_deny_is_refused_for_a_uk_gdpr_request(
    handler: Any, persona: Any
) -> None:
    request = _request(handler, persona, regime="uk_gdpr")
    with pytest.raises(ApplicationError, match="Part 3"):
        services.rights_request_neither_confirm_nor_deny(
            actor=handler,
            request=request,
            ground="s45-4b",
            reason="x",
            responded_on=timezone.localdate(),
            method="Post",
        )
    assert RightsRequest.objects.get(pk=request.pk).status == RequestStatus.OPEN


def test_dpa_2018_s45_4_the_reply_pages_check_then_record_and_the_letter_is_a_pdf(
    handler: Any, persona: Any, client_as: Any
) -> None:
    request = _request(handler, persona, regime="law_enforcement")
    client = client_as("avbc_team_manager")
    detail = client.get(f"/data-protection/requests/{request.pk}/").content.decode()
    assert 'data-testid="ncnd"' in detail
    url = f"/data-protection/requests/{request.pk}/neither-confirm-nor-deny/"
    assert client.get(url).status_code == 200
    today = timezone.localdate()
    answers = {
        "ground": "s45-4b",
        "reason": "Live investigation",
        "responded_on_day": str(today.day),
        "responded_on_month": str(today.month),
        "responded_on_year": str(today.year),
        "method": "Recorded post",
    }
    check = client.post(url, answers)
    assert check.status_code == 200 and "Record the reply" in check.content.decode()
    assert RightsRequest.objects.get(pk=request.pk).status == RequestStatus.OPEN  # rehearsed only
    done = client.post(url, {**answers, "step": "confirm"})
    assert done.status_code == 302
    assert RightsRequest.objects.get(pk=request.pk).outcome == Outcome.NEITHER_CONFIRMED_NOR_DENIED
    letter = client.get(f"/data-protection/requests/{request.pk}/reply.pdf")
    assert letter.status_code == 200 and letter["Content-Type"] == "application/pdf"
    assert letter.content.startswith(b"%PDF")


def _request_with_two_items(handler: Any, persona: Any, regime: str) -> RightsRequest:
    from csphub.cases.services import incident_record

    request = _request(handler, persona, regime=regime)
    moment = timezone.now() - dt.timedelta(days=3)
    incident_record(
        actor=persona("avbc_caseworker"),
        occurred_at=moment,
        reported_at=moment,
        channel="phone",
        asb_type="personal",
        category="noise",
        description="Reported loud music from the flat above",
        location_description="Example Street, Ripley",
        parties=[(request.subject, "reporter")],
    )
    services.rights_request_search(actor=handler, request=request)
    assert request.items.count() >= 2
    return request


def test_dpa_2018_s45_4_and_6_one_item_of_a_part_3_request_is_withheld_without_saying_so(
    handler: Any, persona: Any
) -> None:
    request = _request_with_two_items(handler, persona, "law_enforcement")
    restricted, *others = list(request.items.all())
    ground = rules.ncnd_grounds()[0][0]
    with pytest.raises(ApplicationError, match=r"s\.45"):  # the reasons are kept for the Commissioner
        services.request_item_decide(actor=handler, item=restricted, decision="restrict", exemption=ground)
    services.request_item_decide(
        actor=handler,
        item=restricted,
        decision="restrict",
        exemption=ground,
        notes="Telling the requester would reveal an investigation in progress",
    )
    for item in others:
        services.request_item_decide(actor=handler, item=item, decision="disclose")
    request.refresh_from_db()

    shown = services.bundle(request)
    assert [b.label for b in shown] == [i.record_label for i in others]
    exported = services.bundle_json(request)
    assert restricted.record_label not in exported and "withheld" not in exported.lower()
    assert rules.exemption_label(ground) not in exported

    disclosure = services.rights_request_disclose(
        actor=handler, request=request, disclosed_on=timezone.localdate(), method="Secure e-mail"
    )
    assert (disclosure.disclosed, disclosure.withheld, disclosure.restricted) == (len(others), 0, 1)
    request.refresh_from_db()
    assert request.outcome == Outcome.PARTLY  # the handler's record says what was held back


def test_a_uk_gdpr_request_cannot_withhold_an_item_without_saying_so(handler: Any, persona: Any) -> None:
    from csphub.governance.forms import ItemDecisionForm

    request = _request_with_two_items(handler, persona, "uk_gdpr")
    item = request.items.first()
    assert item is not None
    with pytest.raises(ApplicationError, match="law-enforcement request"):
        services.request_item_decide(
            actor=handler, item=item, decision="restrict", exemption="crime", notes="Investigation"
        )
    offered = dict(ItemDecisionForm(regime="uk_gdpr", labels=[]).fields["decision"].choices)  # type: ignore[attr-defined]
    assert "restrict" not in offered and "exempt" in offered
    offered = dict(ItemDecisionForm(regime="law_enforcement", labels=[]).fields["decision"].choices)  # type: ignore[attr-defined]
    assert "restrict" in offered
