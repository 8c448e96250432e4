"""The register of information sharing agreements: the rules (both sides of each date), the
services (who may, what is audited) and what an agreement's review or end does to sharing."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

import pytest
from django.utils import timezone

from csphub.agencies.models import InformationSharingAgreement
from csphub.audit.models import AuditEvent
from csphub.core.actor import as_actor
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.governance.agreements import rules, selectors, services
from csphub.governance.agreements.rules import Standing

D = dt.date


# --- rules -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2026, 3, 31), Standing.NOT_YET),  # the day before it starts
        (D(2026, 4, 1), Standing.IN_FORCE),  # its first day
        (D(2027, 1, 30), Standing.IN_FORCE),  # 61 days before review
        (D(2027, 1, 31), Standing.REVIEW_DUE),  # 60 days before review
        (D(2027, 4, 1), Standing.REVIEW_DUE),  # the review date itself: still in force
        (D(2027, 4, 2), Standing.LAPSED),  # the day after: lapsed
    ],
)
def test_standing_on_each_side_of_each_date(today: dt.date, expected: Standing) -> None:
    assert rules.standing(start=D(2026, 4, 1), review=D(2027, 4, 1), ended=None, today=today) is expected


def test_an_ended_agreement_is_in_force_on_its_last_day_only() -> None:
    kw = {"start": D(2026, 4, 1), "review": D(2027, 4, 1), "ended": D(2026, 9, 30)}
    assert rules.standing(today=D(2026, 9, 30), **kw) is Standing.IN_FORCE
    assert rules.standing(today=D(2026, 10, 1), **kw) is Standing.ENDED


def test_record_problems() -> None:
    ok = {"parties": {1, 2}, "acting_agency": 1, "partnerships": set(), "acting_partnership": 7}
    assert rules.record_problems(start=D(2026, 1, 1), review=D(2026, 1, 2), **ok) == []
    assert rules.record_problems(start=D(2026, 1, 1), review=D(2026, 1, 1), **ok)[0][0] == "review_date"
    one = {**ok, "parties": {1}}
    assert rules.record_problems(start=D(2026, 1, 1), review=D(2027, 1, 1), **one)[0][0] == "parties"
    not_mine = {**ok, "parties": {2, 3}}
    assert "Your agency" in rules.record_problems(start=D(2026, 1, 1), review=D(2027, 1, 1), **not_mine)[0][1]
    other = {**ok, "partnerships": {8}}
    assert rules.record_problems(start=D(2026, 1, 1), review=D(2027, 1, 1), **other)[0][0] == "partnerships"
    both = {**ok, "partnerships": {7, 8}}
    assert rules.record_problems(start=D(2026, 1, 1), review=D(2027, 1, 1), **both) == []


def test_review_and_end_dates() -> None:
    today = D(2026, 6, 1)
    assert rules.review_problems(new_review=today, ended=None, today=today)
    assert rules.review_problems(new_review=D(2026, 6, 2), ended=None, today=today) == []
    assert rules.review_problems(new_review=D(2027, 6, 2), ended=D(2026, 5, 31), today=today)
    assert rules.end_problems(ends_on=D(2026, 5, 31), start=D(2026, 1, 1), ended=None, today=today)
    assert rules.end_problems(ends_on=today, start=D(2026, 1, 1), ended=None, today=today) == []
    assert rules.end_problems(ends_on=D(2026, 6, 30), start=D(2026, 7, 1), ended=None, today=today)


# --- services ----------------------------------------------------------------------------------


def _actor(user: Any) -> Any:
    actor = as_actor(user)
    assert actor is not None
    return actor


def _record(actor: Any, world: Any, **over: Any) -> InformationSharingAgreement:
    today = timezone.localdate()
    values: dict[str, Any] = {
        "reference": "AV-ISA-TEST-09",
        "name": "Youth diversion",
        "purpose": "Referrals of young people at risk of exploitation",
        "parties": [world.agencies["avbc"], world.agencies["police"]],
        "lawful_basis": "6_1_e",
        "start_date": today,
        "review_date": today + dt.timedelta(days=365),
        "gateway": "Crime and Disorder Act 1998 s.115",
    }
    values.update(over)
    return services.agreement_record(actor=actor, **values)


@pytest.mark.django_db
def test_a_coordinator_records_reviews_and_ends_an_agreement(persona: Any, world: Any) -> None:
    actor = _actor(persona("avbc_partnership_coordinator"))
    agreement = _record(actor, world)
    assert agreement.is_in_force()
    assert set(agreement.parties.values_list("slug", flat=True)) == {"avbc", "police"}
    assert [r.agreement for r in selectors.register_of(actor)].count(agreement) == 1
    today = timezone.localdate()
    services.agreement_review(
        actor=actor, agreement=agreement, review_date=today + dt.timedelta(days=700), note="Reviewed at board"
    )
    services.agreement_end(actor=actor, agreement=agreement, ends_on=today, reason="Service decommissioned")
    agreement.refresh_from_db()
    assert agreement.ended_on == today
    assert agreement.is_in_force(today) and not agreement.is_in_force(today + dt.timedelta(days=1))
    verbs = list(
        AuditEvent.objects.filter(target_id=str(agreement.pk), verb__startswith="isa.").values_list(
            "verb", flat=True
        )
    )
    assert sorted(verbs) == ["isa.ended", "isa.recorded", "isa.reviewed"]
    with pytest.raises(ApplicationError):
        services.agreement_review(
            actor=actor,
            agreement=agreement,
            review_date=today + dt.timedelta(days=800),
            note="x",
            today=today + dt.timedelta(days=1),
        )


@pytest.mark.django_db
def test_refusals(persona: Any, world: Any) -> None:
    coordinator = _actor(persona("avbc_partnership_coordinator"))
    caseworker = _actor(persona("avbc_caseworker"))
    with pytest.raises(PermissionDeniedError):
        _record(caseworker, world)
    with pytest.raises(ApplicationError) as error:
        _record(coordinator, world, parties=[world.agencies["police"], world.agencies["fire"]])
    assert error.value.field == "parties"
    _record(coordinator, world)
    with pytest.raises(ApplicationError) as error:
        _record(coordinator, world, reference="av-isa-test-09")
    assert error.value.field == "reference"
    assert InformationSharingAgreement.objects.filter(reference__iexact="AV-ISA-TEST-09").count() == 1


@pytest.mark.django_db
def test_only_a_party_may_review_or_end(persona: Any, world: Any) -> None:
    police = _actor(persona("police_team_manager"))
    today = timezone.localdate()
    agreement = InformationSharingAgreement.objects.create(
        reference="PF-ISA-1",
        name="Police and fire",
        purpose="Arson",
        lawful_basis="6_1_e",
        start_date=today,
        review_date=today + dt.timedelta(days=90),
    )
    agreement.parties.set([world.agencies["police"], world.agencies["fire"]])
    coordinator = _actor(persona("avbc_partnership_coordinator"))
    assert selectors.agreement_for(coordinator, agreement.pk) is None
    with pytest.raises(PermissionDeniedError):
        services.agreement_end(actor=coordinator, agreement=agreement, ends_on=today, reason="no")
    assert selectors.agreement_for(police, agreement.pk) == agreement


@pytest.mark.django_db
def test_ending_an_agreement_stops_the_sharing_under_it(persona: Any, world: Any) -> None:
    """The policy reads the register: a case shared under an agreement that has ended is no longer
    visible to the partner (deny by default)."""
    from csphub.agencies.policies import Action, can
    from csphub.agencies.services import share_record
    from csphub.cases import services as cases

    owner = _actor(persona("avbc_caseworker"))
    coordinator = _actor(persona("avbc_partnership_coordinator"))
    partner = persona("police_caseworker")
    agreement = _record(coordinator, world)
    now = timezone.now()
    incident = cases.incident_record(
        actor=owner,
        occurred_at=now - dt.timedelta(days=2),
        reported_at=now - dt.timedelta(days=1),
        channel="phone",
        asb_type="nuisance",
        category="noise",
        description="Shouting in the stairwell",
    )
    case = cases.case_open(actor=owner, incidents=[incident], summary="Stairwell noise")
    share_record(
        actor=owner, obj=case, agency=world.agencies["police"], agreement=agreement, reason="Joint work"
    )
    assert can(partner, Action.VIEW, case)
    today = timezone.localdate()
    services.agreement_end(actor=coordinator, agreement=agreement, ends_on=today, reason="Ended early")
    assert can(partner, Action.VIEW, case), "in force on its last day"
    with mock.patch.object(timezone, "localdate", return_value=today + dt.timedelta(days=1)):
        assert not can(partner, Action.VIEW, case), "the day after it ends, nothing is shared under it"
