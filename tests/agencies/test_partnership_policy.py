"""The policy's partnership gate (ADR 0008): ``can`` and ``visible`` agree; being named on a record
or holding a share does not carry it across partnerships; an agreement crosses only while it is in
force and names both partnerships and the viewer's agency; a county board crosses never."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from csphub.agencies.models import Membership, Partnership, PartnershipKind, RecordNamedUser
from csphub.agencies.policies import Action, actor_for
from csphub.agencies.services import share_record
from csphub.core.errors import PermissionDeniedError
from csphub.people.models import Person
from csphub.people.services import person_create

pytestmark = pytest.mark.django_db


def _acting(user: Any, code: str | None = None, *, board: bool = False) -> Any:
    membership = Membership.objects.select_related("agency").get(user=user, is_active=True)
    if board:
        partnership = Partnership.objects.get(kind=PartnershipKind.BOARD)
    else:
        partnership = Partnership.objects.get(code=code or "E22000037")
    return actor_for(user, membership, partnership_id=partnership.pk)


def _sees(actor: Any, person: Person) -> bool:
    by_list = actor.policy.visible(Action.VIEW, Person).filter(pk=person.pk).exists()
    assert by_list == actor.policy.can(Action.VIEW, person)  # the two questions agree
    return by_list


def test_a_record_of_another_partnership_is_not_seen_even_by_its_own_agency(persona: Any) -> None:
    police = persona("police_caseworker")
    in_bolsover = person_create(actor=_acting(police, "E22000038"), given_name="Bo", family_name="Sover")
    assert in_bolsover.partnership.code == "E22000038"
    assert _sees(_acting(persona("police_caseworker"), "E22000038"), in_bolsover)
    assert not _sees(_acting(persona("police_caseworker"), "E22000037"), in_bolsover)


def test_a_share_or_a_name_on_the_record_does_not_cross_partnerships(persona: Any, world: Any) -> None:
    police = persona("police_caseworker")
    record = person_create(actor=_acting(police, "E22000038"), given_name="Bo", family_name="Sover")
    share_record(
        actor=_acting(persona("police_caseworker"), "E22000038"),
        obj=record,
        agency=world.agencies["avbc"],
        agreement=world.asb_isa,
        reason="joint case",
    )
    caseworker = persona("avbc_caseworker")  # the borough council sits in Amber Valley only
    RecordNamedUser.objects.create(record=record, user=caseworker, reason="named")
    assert not _sees(_acting(caseworker), record)
    assert not _acting(persona("avbc_caseworker")).policy.share_scope(record)


def test_an_agreement_crosses_only_in_force_and_naming_both_partnerships_and_the_agency(
    persona: Any, world: Any
) -> None:
    amber, bolsover = (Partnership.objects.get(code=c) for c in ("E22000037", "E22000038"))
    record = person_create(actor=_acting(persona("police_caseworker")), given_name="Am", family_name="Ber")
    isa = world.panel_isa  # parties: avbc, police, dcc, nhs, housing (not fire)
    isa.partnerships.set([amber, bolsover])
    assert _sees(_acting(persona("police_caseworker"), "E22000038"), record)
    # fire is not a party to the agreement: its staff in Bolsover do not see Amber Valley's records
    # (and fire's own Amber Valley records stay in Amber Valley for them too)
    fire_in_bolsover = _acting(persona("fire_caseworker"), "E22000038")
    assert fire_in_bolsover.policy.partnership_ids() == frozenset({bolsover.pk})
    assert _acting(persona("police_caseworker"), "E22000038").policy.partnership_ids() == {
        amber.pk,
        bolsover.pk,
    }
    # the agreement lapses at its review date: the gate closes the day after
    isa.review_date = dt.date.today() - dt.timedelta(days=1)
    isa.save()
    assert not _sees(_acting(persona("police_caseworker"), "E22000038"), record)


def test_a_county_board_sees_no_personal_record_and_records_none(persona: Any, world: Any) -> None:
    board = Partnership.objects.get(kind=PartnershipKind.BOARD)
    record = person_create(actor=_acting(persona("police_caseworker")), given_name="Am", family_name="Ber")
    world.asb_isa.partnerships.set([board, record.partnership])
    in_board = _acting(persona("police_caseworker"), board=True)
    assert in_board.policy.partnership_ids() == frozenset({board.pk})
    assert not _sees(in_board, record)
    with pytest.raises(PermissionDeniedError, match="county board"):
        person_create(actor=in_board, given_name="No", family_name="Record")


def test_an_agency_in_no_partnership_sees_nothing_and_records_nothing(persona: Any) -> None:
    record = person_create(actor=_acting(persona("avbc_caseworker")), given_name="Am", family_name="Ber")
    caseworker = persona("avbc_caseworker")
    for partnership in Partnership.objects.all():
        partnership.agencies.remove(caseworker.memberships.get().agency)
    actor = actor_for(caseworker, caseworker.memberships.select_related("agency").get())
    assert actor.partnership is None
    assert not _sees(actor, record)
    with pytest.raises(PermissionDeniedError, match="not part of a community safety partnership"):
        person_create(actor=actor, given_name="No", family_name="Where")
