"""Powers services on a real database: guards, clocks, automatic tasks, audit, rule versions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from csphub.audit.models import AuditEvent
from csphub.cases import services as cases
from csphub.cases.models import PartyRole, Task
from csphub.core.errors import ApplicationError
from csphub.people.services import person_create
from csphub.powers import services
from csphub.powers.models import PowerEvent
from csphub.powers.rules import UK_TZ, Status

pytestmark = pytest.mark.django_db


def at(y: int, m: int, d: int, hh: int = 10) -> dt.datetime:
    return dt.datetime(y, m, d, hh, tzinfo=UK_TZ)


@pytest.fixture
def case_with_parties(persona: Any) -> Any:
    officer = persona("avbc_caseworker")
    victim = person_create(actor=officer, given_name="Vera", family_name="Testvictim")
    perp = person_create(
        actor=officer, given_name="Paul", family_name="Testperp", date_of_birth=dt.date(1990, 1, 1)
    )
    incident = cases.incident_record(
        actor=officer,
        occurred_at=at(2025, 5, 30),
        reported_at=at(2025, 5, 31),
        channel="phone",
        asb_type="nuisance",
        category="noise",
        description="Loud music every night",
        parties=[(victim, PartyRole.VICTIM), (perp, PartyRole.ALLEGED_PERPETRATOR)],
        now=at(2025, 6, 1),
    )
    case = cases.case_open(actor=officer, incidents=[incident], summary="Noise from flat 3")
    return officer, case, victim, perp


def _cpw(officer: Any, case: Any, perp: Any, now: dt.datetime) -> Any:
    return services.cpw_issue(
        actor=officer,
        case=case,
        recipient=perp,
        issuer_capacity="local_authority",
        conduct="Playing loud music after 11pm",
        requirements="Stop playing amplified music after 11pm",
        comply_by=now + dt.timedelta(days=14),
        informed_parties="Victim",
        now=now,
    )


def test_cpw_then_cpn_blocked_then_issued_with_appeal_task(case_with_parties: Any) -> None:
    officer, case, _victim, perp = case_with_parties
    t0 = at(2025, 6, 2)
    cpw = _cpw(officer, case, perp, t0)
    assert cpw.status == Status.ISSUED and cpw.rule_version == "2014-act-2023-03"
    assert AuditEvent.objects.filter(verb="cpw.issued", target_id=str(cpw.pk)).exists()

    with pytest.raises(ApplicationError, match="time to comply"):
        services.cpn_issue(
            actor=officer,
            cpw=cpw,
            issuer_capacity="local_authority",
            requirements="Stop",
            conduct_persists=True,
            informed_parties="Housing",
            now=t0 + dt.timedelta(days=13),
        )
    assert not case.powers.filter(power="cpn").exists()

    later = t0 + dt.timedelta(days=15)
    cpn = services.cpn_issue(
        actor=officer,
        cpw=cpw,
        issuer_capacity="local_authority",
        requirements="Stop",
        conduct_persists=True,
        informed_parties="Housing",
        now=later,
    )
    assert cpn.appeal_deadline == dt.date(2025, 7, 7)  # 17 June + 20 days
    cpw.refresh_from_db()
    assert cpw.status == Status.ESCALATED
    task = Task.objects.get(source="powers.cpn.appeal_deadline", linked_id=cpn.pk)
    assert task.due_on == dt.date(2025, 7, 7) and task.case == case
    assert AuditEvent.objects.filter(verb="cpn.issued", target_id=str(cpn.pk)).exists()
    assert list(PowerEvent.objects.filter(power=cpn).values_list("rule_version", flat=True)) == [
        "2014-act-2023-03"
    ]

    with pytest.raises(ApplicationError, match="already been issued"):
        services.cpn_issue(
            actor=officer,
            cpw=cpw,
            issuer_capacity="local_authority",
            requirements="Stop",
            conduct_persists=True,
            informed_parties="Housing",
            now=later,
        )


def test_cpn_guards_issuer_and_informed(case_with_parties: Any) -> None:
    officer, case, _victim, perp = case_with_parties
    cpw = _cpw(officer, case, perp, at(2025, 6, 2))
    with pytest.raises(ApplicationError) as e:
        services.cpn_issue(
            actor=officer,
            cpw=cpw,
            issuer_capacity="prosecutor",
            requirements="Stop",
            conduct_persists=False,
            informed_parties="",
            now=at(2025, 7, 1),
        )
    assert "continued" in e.value.message and "s.43(6)" in e.value.message


def test_cpw_refused_for_under_16(case_with_parties: Any) -> None:
    officer, case, _victim, _perp = case_with_parties
    young = person_create(
        actor=officer, given_name="Kid", family_name="Young", date_of_birth=dt.date(2012, 1, 1)
    )
    cases.case_add_party(actor=officer, case=case, person=young, role=PartyRole.ALLEGED_PERPETRATOR)
    with pytest.raises(ApplicationError, match="16 or over"):
        _cpw(officer, case, young, at(2025, 6, 2))


def test_fpn_amount_and_prosecution_bar(case_with_parties: Any) -> None:
    officer, case, _victim, perp = case_with_parties
    cpw = _cpw(officer, case, perp, at(2025, 6, 2))
    cpn = services.cpn_issue(
        actor=officer,
        cpw=cpw,
        issuer_capacity="local_authority",
        requirements="Stop",
        conduct_persists=True,
        informed_parties="Housing",
        now=at(2025, 6, 20),
    )
    with pytest.raises(ApplicationError, match="£100"):
        services.fpn_issue(
            actor=officer,
            cpn=cpn,
            issuer_capacity="local_authority",
            amount_gbp=150,
            breach="Music",
            now=at(2025, 7, 1),
        )
    fpn = services.fpn_issue(
        actor=officer,
        cpn=cpn,
        issuer_capacity="local_authority",
        amount_gbp=100,
        early_amount_gbp=75,
        early_period_days=10,
        breach="Music at 1am",
        now=at(2025, 7, 1),
    )
    with pytest.raises(ApplicationError, match="No proceedings"):
        services.fpn_prosecute(actor=officer, fpn=fpn, now=at(2025, 7, 15))
    services.fpn_prosecute(actor=officer, fpn=fpn, now=at(2025, 7, 16))
    fpn.refresh_from_db()
    assert fpn.status == Status.PROSECUTED


def test_closure_notice_hearing_task_skips_christmas(case_with_parties: Any, persona: Any) -> None:
    officer, case, _victim, _perp = case_with_parties
    from csphub.people.services import address_create

    address = address_create(actor=officer, line_1="3 Test Row", town="Ripley", postcode="DE5 3AA")
    notice = services.closure_notice_issue(
        actor=officer,
        case=case,
        premises=address,
        issuer_capacity="local_authority",
        duration_hours=24,
        senior_signoff=False,
        conduct="Drug dealing and disorder",
        served_at=at(2025, 12, 24, 18),
        residents_informed=True,
        excludes_residents_or_owner=False,
        hearing_details="Derby Magistrates' Court",
        now=at(2025, 12, 24, 18),
    )
    assert notice.hearing_due_at == at(2025, 12, 27, 18)
    # s.77(3) disregards Christmas Day only for the 48-hour period: a 24-hour notice served on
    # Christmas Eve at 18:00 ends on Christmas Day at 18:00 (A.1), and its letter says nothing of it.
    assert notice.ends_at == at(2025, 12, 25, 18)
    assert notice.details["christmas_disregarded"] is False
    task = Task.objects.get(source="powers.closure_notice.hearing", linked_id=notice.pk)
    assert task.due_on == dt.date(2025, 12, 27)
    with pytest.raises(ApplicationError, match="superintendent"):
        services.closure_notice_issue(
            actor=officer,
            case=case,
            premises=address,
            issuer_capacity="local_authority",
            duration_hours=36,
            senior_signoff=False,
            conduct="x",
            served_at=at(2025, 12, 1),
            residents_informed=True,
            excludes_residents_or_owner=False,
            hearing_details="x",
            now=at(2025, 12, 1),
        )
    order = services.closure_order_grant(
        actor=officer,
        notice=notice,
        made_on=dt.date(2025, 11, 30),
        ends_on=dt.date(2026, 2, 28),
        now=at(2025, 12, 27),
    )
    assert order.status == Status.GRANTED
    consulted = {"consulted": "Derbyshire Constabulary", "consulted_on": dt.date(2026, 1, 30)}
    with pytest.raises(ApplicationError, match="6 months"):
        services.closure_order_extend(
            actor=officer,
            order=order,
            applied_on=dt.date(2026, 2, 1),
            new_end=dt.date(2026, 6, 1),
            **consulted,
        )
    # s.82: each extension at most 3 months (to 28 May), 6 months in total (to 29 May).
    with pytest.raises(ApplicationError, match="at most 3 months"):
        services.closure_order_extend(
            actor=officer,
            order=order,
            applied_on=dt.date(2026, 2, 1),
            new_end=dt.date(2026, 5, 29),
            **consulted,
        )
    services.closure_order_extend(
        actor=officer, order=order, applied_on=dt.date(2026, 2, 1), new_end=dt.date(2026, 5, 28), **consulted
    )


def test_youth_cbo_creates_annual_review_tasks(case_with_parties: Any) -> None:
    officer, case, _victim, _perp = case_with_parties
    youth = person_create(
        actor=officer, given_name="Yan", family_name="Youth", date_of_birth=dt.date(2009, 9, 1)
    )
    cases.case_add_party(actor=officer, case=case, person=youth, role=PartyRole.ALLEGED_PERPETRATOR)
    cbo = services.cbo_grant(
        actor=officer,
        case=case,
        recipient=youth,
        convicted_on=dt.date(2025, 5, 1),
        disposal="sentence",
        applied_on=dt.date(2025, 6, 1),
        starts_on=dt.date(2025, 6, 1),
        ends_on=dt.date(2028, 6, 1),
        yot_views_on=dt.date(2025, 5, 20),
        requirements="Not to enter Market Place",
        now=at(2025, 6, 1),
    )
    dues = list(
        Task.objects.filter(source="powers.cbo.youth_review", linked_id=cbo.pk).values_list(
            "due_on", flat=True
        )
    )
    # s.337: before the end of each 12-month period while under 18 at its end.
    assert dues == [dt.date(2026, 5, 31), dt.date(2027, 5, 31)]


def test_pspo_review_task_and_challenge_window(case_with_parties: Any) -> None:
    officer, case, _victim, _perp = case_with_parties
    pspo = services.pspo_make(
        actor=officer,
        case=case,
        issuer_capacity="local_authority",
        locality="Ripley town centre",
        requirements="No consumption of alcohol when asked to stop",
        made_on=dt.date(2025, 6, 1),
        expires_on=dt.date(2028, 5, 31),
        consultation_done=[
            "chief_officer_of_police",
            "local_policing_body",
            "community_representatives",
            "owners_occupiers",
            "county_council_notified",
            "parish_council_notified",
        ],
        publicised=True,
        expression_assembly_regard="Dog walkers and street preachers are unaffected; gatherings are not banned",
        now=at(2025, 6, 1),
    )
    assert pspo.appeal_deadline == dt.date(2025, 7, 12)
    assert Task.objects.filter(source="powers.pspo.review", due_on=dt.date(2028, 3, 2)).exists()


def test_other_agency_cannot_use_powers_on_unshared_case(case_with_parties: Any, persona: Any) -> None:
    from csphub.core.errors import PermissionDeniedError

    _officer, case, _victim, perp = case_with_parties
    with pytest.raises(PermissionDeniedError):
        _cpw(persona("police_caseworker"), case, perp, at(2025, 6, 2))
