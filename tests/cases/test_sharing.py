"""Sharing a case with a named partner (UK GDPR Art 5(1)(b),(c) and the Information Sharing Agreement;
Crime and Disorder Act 1998 s.115): only the owning agency shares, under an agreement in force naming
both agencies, for a stated reason and until an expiry date; it can withdraw the share and see who the
case is shared with; the partner is told (in the service and by e-mail). A partner attending a panel
meeting opens the meeting and the summaries on its agenda. A case summary that carries an address is
flagged to its writer (the agreement keeps addresses with the owner)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from csphub.agencies.models import Notification, RecordShare, ShareScope
from csphub.agencies.policies import Action, can, share_scope
from csphub.audit.models import AuditEvent
from csphub.cases import services
from csphub.cases.models import Case, PanelKind
from csphub.core.errors import ApplicationError, PermissionDeniedError

pytestmark = pytest.mark.django_db


@pytest.fixture
def council_case(make_case: Any) -> Any:
    return make_case("avbc_caseworker", summary="Noise and intimidation from a neighbour")


def _share(world: Any, persona: Any, case: Any, **kwargs: Any) -> RecordShare:
    return services.case_share(
        actor=persona("avbc_caseworker"),
        case=case,
        agency=world.agencies["police"],
        agreement=world.asb_isa,
        reason="Joint problem-solving with the neighbourhood team",
        **kwargs,
    )


def test_the_owner_shares_in_full_and_the_partner_is_told(
    world: Any, persona: Any, council_case: Any, django_capture_on_commit_callbacks: Any
) -> None:
    police = persona("police_caseworker")
    assert not can(police, Action.VIEW, council_case)
    with django_capture_on_commit_callbacks(execute=True):
        share = _share(world, persona, council_case, expires_on=timezone.localdate() + dt.timedelta(days=30))
    assert share.scope == ShareScope.FULL
    assert share_scope(police, Case.objects.get(pk=council_case.pk)) == ShareScope.FULL
    assert AuditEvent.objects.filter(verb="case.shared", target_id=str(council_case.pk)).exists()
    note = Notification.objects.get(user=police)
    assert council_case.reference in note.subject
    assert note.link == reverse("cases:case_detail", args=[council_case.pk])
    assert "Sam" not in note.body and "Example Row" not in note.body  # no personal details leave
    assert any(police.email in m.to for m in mail.outbox if police.email)
    # Nobody outside the receiving agency is told.
    assert not Notification.objects.filter(user=persona("housing_caseworker")).exists()


def test_only_the_owner_may_share_and_only_with_a_party(world: Any, persona: Any, council_case: Any) -> None:
    _share(world, persona, council_case)
    with pytest.raises(PermissionDeniedError):
        services.case_share(
            actor=persona("police_caseworker"),
            case=council_case,
            agency=world.agencies["housing"],
            agreement=world.asb_isa,
            reason="Passing it on",
        )
    with pytest.raises(ApplicationError, match="owns the case"):
        services.case_share(
            actor=persona("avbc_caseworker"),
            case=council_case,
            agency=world.agencies["avbc"],
            agreement=world.asb_isa,
            reason="x",
        )


def test_a_share_lasts_until_its_expiry_date_and_not_beyond_the_agreement(
    world: Any, persona: Any, council_case: Any
) -> None:
    today = timezone.localdate()
    police = persona("police_caseworker")
    # The last day: in force on it.
    _share(world, persona, council_case, expires_on=today)
    assert can(police, Action.VIEW, Case.objects.get(pk=council_case.pk))
    # The day after its expiry the share has lapsed (deny by default).
    RecordShare.objects.update(expires_on=today - dt.timedelta(days=1))
    assert not can(persona("police_caseworker"), Action.VIEW, Case.objects.get(pk=council_case.pk))
    with pytest.raises(ApplicationError, match="before today"):
        _share(world, persona, council_case, expires_on=today - dt.timedelta(days=1))
    review = world.asb_isa.review_date
    with pytest.raises(ApplicationError, match="cannot outlast"):
        _share(world, persona, council_case, expires_on=review + dt.timedelta(days=1))
    assert _share(world, persona, council_case, expires_on=review).expires_on == review


def test_the_sharing_page_shares_and_withdraws_with_check_answers(
    world: Any, persona: Any, council_case: Any, client_as: Any
) -> None:
    client = client_as("avbc_caseworker")
    detail = client.get(reverse("cases:case_detail", args=[council_case.pk])).content.decode()
    assert "Manage sharing" in detail and "Not shared with any partner agency" in detail
    new_url = reverse("cases:case_share_new", args=[council_case.pk])
    answers = {
        "agency": world.agencies["police"].pk,
        "agreement": world.asb_isa.pk,
        "scope": "full",
        "reason": "Joint visit planned",
    }
    check = client.post(new_url, answers)
    assert "Check before sharing" in check.content.decode()
    assert not RecordShare.objects.exists()
    assert client.post(new_url, {**answers, "step": "confirm"}).status_code == 302
    share = RecordShare.objects.get()
    page = client.get(reverse("cases:case_sharing", args=[council_case.pk])).content.decode()
    assert "Derbyshire Constabulary" in page and "Joint visit planned" in page

    withdraw_url = reverse("cases:case_share_withdraw", args=[council_case.pk, share.pk])
    assert (
        "Check before you stop sharing"
        in client.post(withdraw_url, {"reason": "Case closed"}).content.decode()
    )
    assert client.post(withdraw_url, {"reason": "Case closed", "step": "confirm"}).status_code == 302
    share.refresh_from_db()
    assert share.revoked_at is not None
    assert not can(persona("police_caseworker"), Action.VIEW, Case.objects.get(pk=council_case.pk))
    assert Notification.objects.filter(
        user=persona("police_caseworker"), subject__contains="no longer shared"
    ).exists()
    page = client.get(reverse("cases:case_sharing", args=[council_case.pk])).content.decode()
    assert "No longer shared" in page and "Withdrawn" in page


@pytest.mark.parametrize("who", ["police_caseworker", "avbc_partner_viewer", "housing_caseworker"])
def test_the_sharing_pages_are_the_owners_only(
    world: Any, persona: Any, council_case: Any, client_as: Any, who: str
) -> None:
    share = _share(world, persona, council_case)
    client = client_as(who)
    for url in (
        reverse("cases:case_sharing", args=[council_case.pk]),
        reverse("cases:case_share_new", args=[council_case.pk]),
        reverse("cases:case_share_withdraw", args=[council_case.pk, share.pk]),
    ):
        assert client.get(url).status_code == 404


def test_the_sharing_page_is_constant_in_shares(
    world: Any, persona: Any, council_case: Any, client_as: Any
) -> None:
    client = client_as("avbc_caseworker")
    url = reverse("cases:case_sharing", args=[council_case.pk])

    def queries() -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    _share(world, persona, council_case)
    few = queries()
    for slug in ("housing", "nhs", "fire"):
        if world.asb_isa.parties.filter(slug=slug).exists():
            services.case_share(
                actor=persona("avbc_caseworker"),
                case=council_case,
                agency=world.agencies[slug],
                agreement=world.asb_isa,
                scope=ShareScope.SUMMARY,
                reason="Panel",
            )
    assert RecordShare.objects.count() >= 3
    assert queries() == few


# --- panels: attending partners ---------------------------------------------------------------------


def _meeting(world: Any, persona: Any, case: Any, attending: list[str]) -> Any:
    owner = persona("avbc_caseworker")
    panel = services.panel_create(
        actor=owner, name="ASB Action Group", kind=PanelKind.ASB_ACTION_GROUP, agreement=world.asb_isa
    )
    meeting = services.panel_meeting_schedule(
        actor=owner,
        panel=panel,
        held_at=timezone.now() + dt.timedelta(days=7),
        attending_agencies=[world.agencies[s] for s in attending],
    )
    services.panel_agenda_add(actor=owner, meeting=meeting, case=case, reason="Escalating noise")
    return meeting


def test_a_partner_attending_opens_the_meeting_and_the_agenda_summaries(
    world: Any, persona: Any, council_case: Any, client_as: Any
) -> None:
    meeting = _meeting(world, persona, council_case, ["avbc", "police"])
    police = client_as("police_caseworker")
    page = police.get(reverse("cases:meeting_detail", args=[meeting.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert council_case.reference in body and "Escalating noise" in body
    assert reverse("cases:case_detail", args=[council_case.pk]) in body
    assert "Add a case to the agenda" not in body
    summary = police.get(reverse("cases:case_detail", args=[council_case.pk]))
    assert summary.status_code == 200 and summary.context["scope"] == ShareScope.SUMMARY
    # The panel itself (its other meetings) stays with its owner; the panel list offers the meeting.
    assert police.get(reverse("cases:panel_detail", args=[meeting.panel_id])).status_code == 404
    listing = police.get(reverse("cases:panel_list")).content.decode()
    assert reverse("cases:meeting_detail", args=[meeting.pk]) in listing
    # Told about it.
    assert Notification.objects.filter(
        user=persona("police_caseworker"), link=reverse("cases:meeting_detail", args=[meeting.pk])
    ).exists()
    # An agency not attending does not see the meeting.
    assert (
        client_as("housing_caseworker").get(reverse("cases:meeting_detail", args=[meeting.pk])).status_code
        == 404
    )
    # Nor may the attending partner change it.
    assert (
        police.post(
            reverse("cases:meeting_detail", args=[meeting.pk]), {"save_minutes": "1", "minutes": "x"}
        ).status_code
        == 404
    )


def test_meetings_attended_list_is_constant_in_meetings(
    world: Any, persona: Any, make_case: Any, client_as: Any
) -> None:
    police = client_as("police_caseworker")
    url = reverse("cases:panel_list")

    def queries() -> int:
        police.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert police.get(url).status_code == 200
        return len(ctx.captured_queries)

    _meeting(world, persona, make_case(summary="One"), ["avbc", "police"])
    few = queries()
    for n in range(3):
        _meeting(world, persona, make_case(family=f"Other{n}", summary=f"Case {n}"), ["avbc", "police"])
    assert queries() == few


# --- Case Reviews that need a partner's incidents ----------------------------------------------------


def test_relevant_bodies_are_told_a_case_review_needs_their_incidents(
    world: Any, persona: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from csphub.casereviews.services import application_submit, area_configure

    agencies = world.agencies
    area = area_configure(
        actor=None,
        name="Amber Valley",
        slug="amber-valley",
        managing_agency=agencies["avbc"],
        contact_team="Community Safety Team",
        contact_email="community.safety@example.gov.uk",
        contact_phone="01773 000000",
        appeal_body_name="the PCC",
        relevant_bodies=[agencies[s] for s in ("avbc", "police", "housing")],
        sharing_agreement=world.asb_isa,
    )
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        application = application_submit(
            actor=None,
            area=area,
            channel="online",
            received_on=today,
            applicant_name="Jo Resident",
            contact_preference="email",
            applicant_email="jo@example.org",
            behaviour_description="Noise every night",
            behaviour_location="Example Street",
            behaviour_first_on=today - dt.timedelta(days=60),
            behaviour_last_on=today - dt.timedelta(days=2),
            reports_described="Police twice",
        )
    for who in ("police_caseworker", "housing_caseworker"):
        note = Notification.objects.get(user=persona(who))
        assert application.reference in note.subject and "incidents" in note.subject
    assert not Notification.objects.filter(user=persona("avbc_caseworker")).exists()
    assert not Notification.objects.filter(user=persona("fire_caseworker")).exists()
    assert "jo@example.org" in [m.to[0] for m in mail.outbox]


# --- the notifications page ------------------------------------------------------------------------


def test_notifications_page_lists_only_mine_and_marks_read(
    world: Any, persona: Any, council_case: Any, client_as: Any
) -> None:
    _share(world, persona, council_case)
    client = client_as("police_caseworker")
    home = client.get(reverse("frontend:home")).content.decode()
    assert "1</strong> new notification" in home
    page = client.get(reverse("accounts:notifications"))
    assert council_case.reference in page.content.decode()
    assert client.post(reverse("accounts:notifications")).status_code == 302
    assert not Notification.objects.filter(user=persona("police_caseworker"), read_at__isnull=True).exists()
    other = client_as("avbc_caseworker").get(reverse("accounts:notifications")).content.decode()
    assert council_case.reference not in other


def test_notifications_page_is_constant_in_rows(
    world: Any, persona: Any, make_case: Any, client_as: Any
) -> None:
    client = client_as("police_caseworker")
    url = reverse("accounts:notifications")

    def queries() -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    _share(world, persona, make_case(summary="First"))
    few = queries()
    for n in range(4):
        _share(world, persona, make_case(family=f"F{n}", summary=f"Case {n}"))
    assert queries() == few


# --- the summary carries no address ------------------------------------------------------------------


def test_a_summary_with_an_address_is_flagged_to_its_writer(
    make_incident: Any, client_as: Any, persona: Any
) -> None:
    from csphub.people.services import address_create

    actor = persona("avbc_caseworker")
    address = address_create(actor=actor, line_1="Flat 2, 1 Market Place", town="Ripley", postcode="DE5 3BT")
    incident = make_incident(address=address)
    client = client_as("avbc_caseworker")
    url = reverse("cases:case_open") + f"?incident={incident.pk}"
    for summary, found in (
        ("Noise from the flat at 1 Market Place", "1 Market Place"),
        ("Noise near DE5 3BT", "DE5 3BT"),
        ("Noise and intimidation at Flat 3", "Flat 3"),
    ):
        page = client.post(url, {"incident": incident.pk, "summary": summary, "asb_type": "personal"})
        assert page.status_code == 200, summary
        assert f'The summary contains "{found}"' in page.content.decode()
    assert not Case.objects.exists()
    kept = client.post(
        url,
        {
            "incident": incident.pk,
            "summary": "Noise near DE5 3BT",
            "asb_type": "personal",
            "keep_summary": "Noise near DE5 3BT",
        },
    )
    assert kept.status_code == 302 and Case.objects.count() == 1
    plain = client.post(
        url, {"incident": incident.pk, "summary": "Noise from a neighbour", "asb_type": "personal"}
    )
    assert plain.status_code == 302 and Case.objects.count() == 2


def test_an_agenda_reason_with_an_address_is_flagged(
    world: Any, persona: Any, make_case: Any, client_as: Any
) -> None:
    owner = persona("avbc_caseworker")
    case = make_case(summary="Noise from a neighbour")  # its address is 12 Example Row, DE5 3ZZ
    panel = services.panel_create(
        actor=owner, name="ASB Action Group", kind=PanelKind.ASB_ACTION_GROUP, agreement=world.asb_isa
    )
    meeting = services.panel_meeting_schedule(
        actor=owner,
        panel=panel,
        held_at=timezone.now() + dt.timedelta(days=3),
        attending_agencies=[world.agencies["police"]],
    )
    client = client_as("avbc_caseworker")
    url = reverse("cases:meeting_detail", args=[meeting.pk])
    answers = {
        "add_agenda": "1",
        "case_reference": case.reference,
        "reason": "Repeat calls about 12 Example Row",
    }
    page = client.post(url, answers)
    assert page.status_code == 200
    assert 'The reason contains "12 Example Row"' in page.content.decode()
    assert not meeting.agenda_items.exists()
    assert client.post(url, {**answers, "keep_reason": answers["reason"]}).status_code == 302
    assert meeting.agenda_items.count() == 1
