"""The duty registers' records belong to one partnership (issue 12, ADR 0008): someone working in
Bolsover, even in a county-wide agency that sits in Amber Valley too and even as a member of the
register's restricted compartment, neither sees Amber Valley's referrals, Channel cases, slavery
concerns, Domestic Homicide Reviews, s.17 assessments, s.17A returns, scrutiny recommendations or
Serious Violence Duty documents in a list nor opens them by their address; a record made while
working in Bolsover is Bolsover's."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from csphub.agencies.models import Membership, Partnership
from csphub.agencies.policies import Compartment, actor_for
from csphub.core.errors import PermissionDeniedError
from csphub.duties.models import (
    ChannelCase,
    DomesticHomicideReview,
    PreventReferral,
    S17AReturn,
    S17Assessment,
    ScrutinyRecommendation,
    SvdAuthority,
    SvdDocument,
)
from csphub.duties.rules import s17 as s17_rules

pytestmark = pytest.mark.django_db

AMBER_VALLEY, BOLSOVER = "E22000037", "E22000038"


def _in(code: str, user: Any) -> Any:
    """``user`` (with one membership) acting in the partnership with this code."""
    membership = Membership.objects.select_related("agency").get(user=user, is_active=True)
    return actor_for(user, membership, partnership_id=Partnership.objects.get(code=code).pk)


def _switch(client: Any, code: str) -> None:
    response = client.post("/accounts/partnership/", {"partnership": Partnership.objects.get(code=code).pk})
    assert response.status_code == 302


@pytest.fixture
def amber_valley_registers(world: Any, persona: Any, make_member: Any) -> dict[str, Any]:
    """The demo's records of every register (all made in Amber Valley) and a slavery concern."""
    from csphub.duties import demo, demo_dhr, demo_partnership
    from csphub.duties.services.slavery import slavery_concern_record

    demo.load_demo()
    demo_dhr.load_demo()
    demo_partnership.load_partnership_demo()
    concern = slavery_concern_record(
        actor=_in(AMBER_VALLEY, persona("police_team_manager")),
        grounds_date=timezone.localdate() - dt.timedelta(days=1),
        grounds="Found sleeping at a car wash; says his pay goes to the manager.",
        exploitation="labour",
        exploitation_area="Alfreton",
        age_basis="adult",
        consent="refused",
    )
    return {
        "referral": PreventReferral.objects.get(),
        "channel": ChannelCase.objects.get(),
        "concern": concern,
        "review": DomesticHomicideReview.objects.get(),
        "s17": S17Assessment.objects.get(),
        "s17a": S17AReturn.objects.get(),
        "scrutiny": ScrutinyRecommendation.objects.get(),
        "svd": SvdDocument.objects.order_by("pk").first(),
    }


def test_existing_and_demo_records_belong_to_amber_valley(amber_valley_registers: dict[str, Any]) -> None:
    amber = Partnership.objects.get(code=AMBER_VALLEY)
    for name, record in amber_valley_registers.items():
        assert record.partnership_id == amber.pk, name
    assert set(SvdAuthority.objects.values_list("partnership_id", flat=True)) == {amber.pk}


# (persona, the register's list, the record) -- each persona sits in Amber Valley and Bolsover.
PAGES = (
    ("dcc_team_manager", "/duties/prevent/", "referral", "/duties/prevent/referrals/{pk}/"),
    ("police_caseworker", "/duties/prevent/", "channel", "/duties/prevent/channel/{pk}/"),
    ("police_team_manager", "/duties/modern-slavery/", "concern", "/duties/modern-slavery/{pk}/"),
    (
        "police_team_manager",
        "/duties/domestic-homicide-reviews/",
        "review",
        "/duties/domestic-homicide-reviews/{pk}/",
    ),
    ("police_team_manager", "/duties/section-17a/", "s17a", "/duties/section-17a/{pk}/"),
    ("police_team_manager", "/duties/scrutiny/", "scrutiny", "/duties/scrutiny/{pk}/"),
    (
        "police_partnership_coordinator",
        "/duties/serious-violence/",
        "svd",
        "/duties/serious-violence/documents/{pk}/",
    ),
)


@pytest.mark.parametrize(("username", "listing", "key", "detail"), PAGES)
def test_another_partnerships_register_records_are_not_listed_or_opened(
    amber_valley_registers: dict[str, Any], client_as: Any, username: str, listing: str, key: str, detail: str
) -> None:
    record = amber_valley_registers[key]
    url = detail.format(pk=record.pk)
    client = client_as(username)
    _switch(client, AMBER_VALLEY)
    assert client.get(url).status_code == 200
    assert url in client.get(listing).content.decode()

    _switch(client, BOLSOVER)
    assert client.get(url).status_code == 404
    response = client.get(listing)
    assert response.status_code == 200
    assert url not in response.content.decode()


def test_s17_register_lists_only_the_partnerships_assessments(
    amber_valley_registers: dict[str, Any], client_as: Any
) -> None:
    title = amber_valley_registers["s17"].title
    client = client_as("police_team_manager")
    _switch(client, AMBER_VALLEY)
    assert title in client.get("/duties/section-17/").content.decode()
    _switch(client, BOLSOVER)
    assert title not in client.get("/duties/section-17/").content.decode()


def test_another_partnerships_return_cannot_be_downloaded(
    amber_valley_registers: dict[str, Any], client_as: Any
) -> None:
    export = f"/duties/section-17a/{amber_valley_registers['s17a'].pk}/return.csv"
    client = client_as("police_team_manager")
    _switch(client, AMBER_VALLEY)
    assert client.get(export).status_code == 200
    _switch(client, BOLSOVER)
    assert client.get(export).status_code == 404


def test_scrutiny_pack_counts_only_the_partnerships_records(
    amber_valley_registers: dict[str, Any], client_as: Any
) -> None:
    recommendation = amber_valley_registers["scrutiny"].recommendation.removeprefix("[demo] ")
    client = client_as("police_partnership_coordinator")
    _switch(client, AMBER_VALLEY)
    assert recommendation in client.get("/duties/scrutiny/pack/").content.decode()
    _switch(client, BOLSOVER)
    assert recommendation not in client.get("/duties/scrutiny/pack/").content.decode()


def test_records_made_in_bolsover_are_bolsovers(world: Any, persona: Any, make_member: Any) -> None:
    from csphub.duties.services import dhr, partnership, prevent, svd
    from csphub.duties.services.slavery import slavery_concern_record

    bolsover = Partnership.objects.get(code=BOLSOVER)
    today = timezone.localdate()
    make_member("police_team_manager", Compartment.MODERN_SLAVERY)
    make_member("police_caseworker", Compartment.PREVENT)
    make_member("police_team_manager", Compartment.DOMESTIC_HOMICIDE_REVIEW)
    manager = _in(BOLSOVER, persona("police_team_manager"))
    concern = slavery_concern_record(
        actor=manager,
        grounds_date=today,
        grounds="Cuckooed flat on the estate.",
        exploitation="criminal",
        exploitation_area="Shirebrook",
        age_basis="adult",
        consent="refused",
    )
    referral = prevent.prevent_referral_make(
        actor=_in(BOLSOVER, persona("police_caseworker")),
        referred_on=today,
        referrer_name="A Teacher",
        referrer_role="Teacher",
        referrer_contact="school office",
        subject_name="A Pupil",
        concern_type="mixed_unclear",
        concerns="Watching extremist videos in class.",
    )
    review = dhr.dhr_notification_record(
        actor=manager,
        notified_on=today,
        notifying_force="Derbyshire Constabulary",
        deceased_name="A Person",
        relationship="partner",
        circumstances="Found at home.",
    )
    quarter = s17_rules.quarter_of(today).previous()
    text = "category,subcategory,occurred_on,time_band,outward_postcode,count\n"
    text += f"asb,,{(quarter.start + dt.timedelta(days=3)).isoformat()},18:00-23:59,S44,7\n"
    returned = partnership.s17a_return_submit(actor=manager, quarter_start=quarter.start, text=text)
    coordinator = _in(BOLSOVER, persona("police_partnership_coordinator"))
    document = svd.svd_document_record(
        actor=coordinator, kind="strategy", title="Bolsover strategy", summary="Summary", agreed_on=today
    )
    for record in (concern, referral, review, returned, document):
        assert record.partnership_id == bolsover.pk, record

    # The same authority's return for the same quarter to Amber Valley is a second, separate return.
    amber_return = partnership.s17a_return_submit(
        actor=_in(AMBER_VALLEY, persona("police_team_manager")), quarter_start=quarter.start, text=text
    )
    assert amber_return.partnership.code == AMBER_VALLEY
    # Each partnership numbers its own versions of its documents.
    amber_document = svd.svd_document_record(
        actor=_in(AMBER_VALLEY, persona("police_partnership_coordinator")),
        kind="strategy",
        title="Amber Valley strategy",
        summary="Summary",
        agreed_on=today,
    )
    assert (document.version, amber_document.version) == (1, 1)
    # A coordinator working in Amber Valley cannot publish Bolsover's document.
    with pytest.raises(PermissionDeniedError):
        svd.svd_document_publish(
            actor=_in(AMBER_VALLEY, persona("police_partnership_coordinator")),
            document=document,
            published_on=today,
            publication_url="",
        )


def test_a_county_board_records_no_personal_duty_records(world: Any, persona: Any, make_member: Any) -> None:
    from csphub.agencies.models import PartnershipKind
    from csphub.duties.services.slavery import slavery_concern_record

    make_member("police_team_manager", Compartment.MODERN_SLAVERY)
    board = Partnership.objects.get(kind=PartnershipKind.BOARD)
    user = persona("police_team_manager")
    membership = Membership.objects.get(user=user, is_active=True)
    with pytest.raises(PermissionDeniedError):
        slavery_concern_record(
            actor=actor_for(user, membership, partnership_id=board.pk),
            grounds_date=timezone.localdate(),
            grounds="Seen at a car wash.",
            exploitation="labour",
            exploitation_area="Matlock",
            age_basis="adult",
            consent="refused",
        )
