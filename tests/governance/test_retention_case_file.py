"""A case goes with its whole file (docs/governance.md, "Disposal"): its tools and powers, risk
assessments and MARAC referrals are disposed of with it, and the retention period runs from the
latest of the case's closure and the day the last of them had effect (UK GDPR Art 5(1)(e), storage
limitation). A Criminal Behaviour Order or other power still in force keeps the case, whatever its
closing date. Each date is checked on both sides: the last day kept and the first day due."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from csphub.cases.models import Case
from csphub.governance import services
from csphub.governance.models import Tombstone
from csphub.powers import rules as power_rules
from csphub.powers.models import PowerUse
from csphub.powers.rules import Status

pytestmark = pytest.mark.django_db


def _at(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _actions(today: dt.date) -> dict[str, tuple[str, str]]:
    result = services.retention_purge(actor=None, today=today, dry_run=True)
    return {i.reference: (i.action, i.why) for i in result.items}


# --- The rule: when a use of a power stopped having effect ------------------------------------------


D = dt.date


@pytest.mark.parametrize(
    ("status", "ends_on", "last_change", "today", "expected"),
    [
        (Status.DRAFT, None, D(2020, 3, 1), D(2026, 1, 1), D(2020, 3, 1)),
        (Status.COMPLIED, D(2030, 1, 1), D(2020, 3, 1), D(2026, 1, 1), D(2020, 3, 1)),
        (Status.DISCHARGED, None, D(2021, 5, 4), D(2026, 1, 1), D(2021, 5, 4)),
        # A granted order with no end date (an adult CBO may be indefinite: Sentencing Act 2020 s.335)
        (Status.GRANTED, None, D(2020, 3, 1), D(2040, 1, 1), None),
        # An order whose end date was never recorded as "expired": in force up to its end day ...
        (Status.GRANTED, D(2023, 6, 30), D(2020, 3, 1), D(2023, 6, 30), None),
        # ... and stopped on it from the next day.
        (Status.GRANTED, D(2023, 6, 30), D(2020, 3, 1), D(2023, 7, 1), D(2023, 6, 30)),
        # A later change (a breach recorded after the end) dates it instead.
        (Status.BREACHED, D(2023, 6, 30), D(2023, 8, 2), D(2024, 1, 1), D(2023, 8, 2)),
        (Status.APPLIED, None, D(2020, 3, 1), D(2026, 1, 1), None),  # a court has not decided yet
    ],
)
def test_when_a_power_stopped_having_effect(
    status: Status, ends_on: dt.date | None, last_change: dt.date, today: dt.date, expected: dt.date | None
) -> None:
    assert (
        power_rules.stopped_on(status, ends_on=ends_on, last_change_on=last_change, today=today) == expected
    )


# --- Disposal of a case with its file --------------------------------------------------------------


@pytest.fixture
def closed_case(world: Any, persona: Any) -> Any:
    """A council case opened in 2019 on an adult perpetrator and a victim, closed on a given day."""
    from csphub.cases.services import case_open, incident_record
    from csphub.people.services import person_create

    officer = persona("avbc_caseworker")

    def make(*, closed_on: dt.date, with_parties: bool = True) -> Any:
        adult = person_create(
            actor=officer, given_name="Alex", family_name="Perpetrator", date_of_birth=dt.date(1980, 1, 1)
        )
        victim = person_create(actor=officer, given_name="Vic", family_name="Tim")
        incident = incident_record(
            actor=officer,
            occurred_at=_at(dt.date(2019, 1, 10)),
            reported_at=_at(dt.date(2019, 1, 10)),
            channel="phone",
            asb_type="personal",
            category="noise",
            description="Loud music and threats",
            location_description="Example Street, Ripley",
            parties=[(adult, "alleged_perpetrator"), (victim, "victim")] if with_parties else [],
        )
        case = case_open(actor=officer, incidents=[incident], summary="Noise and threats")

        def close() -> Case:
            Case.objects.filter(pk=case.pk).update(
                status="closed", outcome="resolved", closed_at=_at(closed_on)
            )
            return Case.objects.get(pk=case.pk)

        return case, adult, victim, officer, close

    return make


def _cpw(case: Any, adult: Any, officer: Any, *, on: dt.date) -> PowerUse:
    from csphub.powers import services as powers

    return powers.cpw_issue(
        actor=officer,
        case=case,
        recipient=adult,
        issuer_capacity="local_authority",
        conduct="Playing loud music after 11pm",
        requirements="Stop playing amplified music after 11pm",
        comply_by=_at(on + dt.timedelta(days=14)),
        now=_at(on),
    )


def test_a_warning_withdrawn_after_the_case_closed_dates_the_case_from_its_withdrawal(
    closed_case: Any,
) -> None:
    from csphub.powers import services as powers

    case, adult, _victim, officer, close = closed_case(closed_on=dt.date(2019, 6, 1))
    cpw = _cpw(case, adult, officer, on=dt.date(2019, 3, 1))
    powers.power_withdraw(actor=officer, power=cpw, reason="Issued in error", now=_at(dt.date(2019, 9, 1)))
    case = close()

    # Closed 1 June 2019, but the warning was withdrawn on 1 September 2019: kept 6 years from then.
    assert case.reference not in _actions(dt.date(2025, 9, 1))
    action, why = _actions(dt.date(2025, 9, 2))[case.reference]
    assert action == "dispose"
    assert "ended on 01 September 2025" in why and f"{cpw.reference} stopped having effect" in why

    result = services.retention_purge(actor=None, today=dt.date(2025, 9, 2), dry_run=False)
    assert [i.reference for i in result.disposed] == [case.reference]
    assert not PowerUse.objects.filter(pk=cpw.pk).exists()
    tombstone = Tombstone.objects.get(reference=case.reference)
    assert tombstone.power_counts == {"cpw": 1}
    assert tombstone.closed_on == dt.date(2019, 6, 1) and tombstone.retained_until == dt.date(2025, 9, 1)


def test_an_order_in_force_keeps_the_case_until_it_is_discharged(closed_case: Any) -> None:
    from csphub.powers import services as powers

    case, adult, _victim, officer, close = closed_case(closed_on=dt.date(2019, 6, 1))
    cbo = powers.cbo_grant(
        actor=officer,
        case=case,
        recipient=adult,
        convicted_on=dt.date(2019, 3, 1),
        disposal="sentence",
        applied_on=dt.date(2019, 3, 15),
        starts_on=dt.date(2019, 4, 1),
        ends_on=None,  # an adult's order may be indefinite
        yot_views_on=None,
        requirements="Not to enter Example Street",
        now=_at(dt.date(2019, 4, 1)),
    )
    case = close()

    action, why = _actions(dt.date(2026, 11, 26))[case.reference]
    assert action == "blocked" and "still in force" in why and cbo.reference in why
    services.retention_purge(actor=None, today=dt.date(2026, 11, 26), dry_run=False)
    assert Case.objects.filter(pk=case.pk).exists()

    powers.cbo_change(
        actor=officer,
        cbo=cbo,
        outcome="discharged",
        decided_on=dt.date(2027, 2, 1),
        note="Discharged on application",
        now=_at(dt.date(2027, 2, 1)),
    )
    assert case.reference not in _actions(dt.date(2033, 2, 1))  # six years from the discharge
    assert _actions(dt.date(2033, 2, 2))[case.reference][0] == "dispose"


def test_risk_assessments_and_marac_referrals_go_with_the_case_and_are_counted_on_its_tombstone(
    closed_case: Any,
) -> None:
    from csphub.risk import services as risk
    from csphub.risk.models import Assessment, MaracReferral, Questionnaire

    case, _adult, victim, officer, close = closed_case(closed_on=dt.date(2019, 6, 1))
    dash = Questionnaire.objects.get(code="dash", version=1)
    assessment = risk.assessment_complete(
        actor=officer,
        case=case,
        subject=victim,
        questionnaire=dash,
        answers=dict.fromkeys(dash.questions.values_list("code", flat=True), "yes"),
        children_present="no",
        victim_16_or_over=True,
        now=_at(dt.date(2019, 2, 1)),
    )
    referral = risk.marac_referral_record(
        actor=officer, assessment=assessment, referred_on=dt.date(2019, 2, 2), today=dt.date(2019, 2, 2)
    )
    # The MARAC met after the case closed: the file is dated from the meeting.
    MaracReferral.objects.filter(pk=referral.pk).update(meeting_on=dt.date(2019, 7, 4))
    case = close()

    assert case.reference not in _actions(dt.date(2025, 7, 4))
    assert _actions(dt.date(2025, 7, 5))[case.reference][0] == "dispose"
    services.retention_purge(actor=None, today=dt.date(2025, 7, 5), dry_run=False)

    assert not Case.objects.filter(pk=case.pk).exists()
    assert not Assessment.objects.filter(pk=assessment.pk).exists()
    assert not MaracReferral.objects.filter(pk=referral.pk).exists()
    tombstone = Tombstone.objects.get(reference=case.reference)
    assert (tombstone.risk_assessment_count, tombstone.marac_referral_count) == (1, 1)
    assert tombstone.power_counts == {}


def test_a_dry_run_lists_exactly_what_a_real_run_disposes_of(closed_case: Any) -> None:
    from csphub.powers import services as powers

    kept, adult, _v, officer, close_kept = closed_case(closed_on=dt.date(2019, 6, 1))
    powers.cbo_grant(
        actor=officer,
        case=kept,
        recipient=adult,
        convicted_on=dt.date(2019, 3, 1),
        disposal="sentence",
        applied_on=dt.date(2019, 3, 15),
        starts_on=dt.date(2019, 4, 1),
        ends_on=None,
        yot_views_on=None,
        requirements="Not to enter Example Street",
        now=_at(dt.date(2019, 4, 1)),
    )
    close_kept()
    gone, *_rest, close_gone = closed_case(closed_on=dt.date(2019, 6, 1), with_parties=False)
    close_gone()

    today = dt.date(2026, 11, 26)
    dry = services.retention_purge(actor=None, today=today, dry_run=True)
    assert Case.objects.filter(pk__in=[kept.pk, gone.pk]).count() == 2  # the dry run undid its tries
    assert not Tombstone.objects.exists()
    real = services.retention_purge(actor=None, today=today, dry_run=False)
    assert [(i.reference, i.action) for i in dry.items] == [(i.reference, i.action) for i in real.items]
    assert [i.reference for i in real.disposed] == [gone.reference]


def test_the_retention_page_shows_a_data_protection_officer_their_own_agencys_records_only(
    world: Any, persona: Any, client_as: Any
) -> None:
    from tests.governance.test_legal_holds import _closed_case

    def closed(by: str) -> Case:
        return _closed_case(persona(by), dt.date(2019, 1, 2))

    council, police = closed("avbc_caseworker"), closed("police_caseworker")
    page = client_as("avbc_team_manager").get("/data-protection/retention/")
    assert page.status_code == 200
    body = page.content.decode()
    assert council.reference in body  # the other side: the council's own case is listed
    assert police.reference not in body


def test_disposal_removes_the_case_documents_files_after_commit(
    closed_case: Any, settings: Any, tmp_path: Any, django_capture_on_commit_callbacks: Any
) -> None:
    import io

    from csphub.cases.selectors import document_stored_path
    from csphub.cases.services import document_upload

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    case, _adult, _victim, officer, close = closed_case(closed_on=dt.date(2019, 6, 1))
    data = b"%PDF-1.4 diary sheets"
    document = document_upload(
        actor=officer,
        case=case,
        file=io.BytesIO(data),
        filename="diary.pdf",
        size_bytes=len(data),
        title="Diary",
    )
    path = document_stored_path(document.stored_name)
    assert path.read_bytes() == data and path.is_relative_to(tmp_path)
    close()
    with django_capture_on_commit_callbacks(execute=True):
        services.retention_purge(actor=None, today=dt.date(2025, 6, 1), dry_run=False)  # last day kept
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.retention_purge(actor=None, today=dt.date(2025, 6, 2), dry_run=False)
    assert not Case.objects.filter(pk=case.pk).exists() and not path.exists()
