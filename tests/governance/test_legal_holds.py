"""Legal holds and retention periods set by an agency's data protection staff (docs/governance.md):
a hold is placed on the agency's own record only, with the reason and reference, audited; disposal
skips a held record and takes it once the hold is released with a reason; an agency sets its own
retention period where the law leaves the choice to it (UK GDPR Art 5(1)(e)), and a data subject's
request is kept at least 6 years (Limitation Act 1980 s.2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from csphub.audit.models import AuditEvent, GovernanceVerb
from csphub.cases.models import Case
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.governance import selectors, services
from csphub.governance.models import LegalHold

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 26)


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


def _closed_case(actor: Any, closed_on: dt.date) -> Case:
    from csphub.cases.services import case_change_status, case_open, incident_record

    incident = incident_record(
        actor=actor,
        occurred_at=_aware(dt.date(2018, 5, 1)),
        reported_at=_aware(dt.date(2018, 5, 1)),
        channel="phone",
        asb_type="personal",
        category="noise",
        description="Loud music",
        location_description="Example Street, Ripley",
        parties=[],
    )
    case = case_open(actor=actor, incidents=[incident], summary="Noise")
    case = case_change_status(
        actor=actor, case=case, to_status="closed", reason="Behaviour stopped", outcome="resolved"
    )
    Case.objects.filter(pk=case.pk).update(closed_at=_aware(closed_on))
    return Case.objects.get(pk=case.pk)


def _due(today: dt.date) -> dict[str, str]:
    return {
        i.reference: i.action for i in services.retention_purge(actor=None, today=today, dry_run=True).items
    }


def test_a_handler_holds_their_agencys_case_and_disposal_skips_it_until_released(persona: Any) -> None:
    handler = persona("avbc_team_manager")
    case = _closed_case(persona("avbc_caseworker"), dt.date(2020, 11, 25))  # 6 years ended 25 Nov 2026
    assert _due(TODAY)[case.reference] == "dispose"  # the other side: without the hold it would go

    found = selectors.hold_target_find(case.owning_agency, "case", case.reference)
    assert found == case
    hold = services.legal_hold_place(
        actor=handler, target=case, reason="Civil claim for damages", reference="County Court K00XY123"
    )
    assert (hold.owning_agency_id, hold.placed_by, hold.reference) == (
        case.owning_agency_id,
        handler,
        "County Court K00XY123",
    )
    placed = AuditEvent.objects.get(verb=GovernanceVerb.LEGAL_HOLD_PLACED, target_id=str(hold.pk))
    assert placed.actor == handler
    assert _due(TODAY)[case.reference] == "hold"
    services.retention_purge(actor=None, today=TODAY, dry_run=False)
    assert Case.objects.filter(pk=case.pk).exists()

    with pytest.raises(ApplicationError, match="already on legal hold"):
        services.legal_hold_place(actor=handler, target=case, reason="Again")
    with pytest.raises(ApplicationError, match="reason for releasing"):
        services.legal_hold_release(actor=handler, hold=hold, reason=" ")
    services.legal_hold_release(actor=handler, hold=hold, reason="Claim settled out of court")
    hold.refresh_from_db()
    assert (hold.released_by, hold.release_reason) == (handler, "Claim settled out of court")
    released = AuditEvent.objects.get(verb=GovernanceVerb.LEGAL_HOLD_RELEASED, target_id=str(hold.pk))
    assert "release_reason" in released.changed_fields

    result = services.retention_purge(actor=None, today=TODAY, dry_run=False)
    assert case.reference in [i.reference for i in result.disposed]
    assert not Case.objects.filter(pk=case.pk).exists()


def test_another_agencys_record_cannot_be_held_or_released(persona: Any, world: Any) -> None:
    handler = persona("avbc_team_manager")
    police_case = _closed_case(persona("police_caseworker"), dt.date(2020, 1, 1))
    avbc = world.agencies["avbc"]
    assert selectors.hold_target_find(avbc, "case", police_case.reference) is None
    assert selectors.hold_target_find(avbc, "incident", police_case.reference) is None  # wrong prefix
    with pytest.raises(ApplicationError, match="your agency holds"):
        services.legal_hold_place(actor=handler, target=police_case, reason="Claim")
    police_hold = services.legal_hold_place(actor=None, target=police_case, reason="Inquest")
    assert police_hold.owning_agency == world.agencies["police"]
    with pytest.raises(ApplicationError, match="not on your agency's records"):
        services.legal_hold_release(actor=handler, hold=police_hold, reason="Done")
    assert selectors.holds_for(avbc) == ([], [])


def test_a_caseworker_cannot_place_a_hold(persona: Any) -> None:
    case = _closed_case(persona("avbc_caseworker"), dt.date(2020, 1, 1))
    with pytest.raises(PermissionDeniedError):
        services.legal_hold_place(actor=persona("avbc_caseworker"), target=case, reason="Claim")
    assert not LegalHold.objects.exists()


def test_an_agency_sets_its_own_period_within_what_the_law_allows(persona: Any, world: Any) -> None:
    handler = persona("avbc_team_manager")
    avbc = world.agencies["avbc"]
    rule = services.retention_rule_set(
        actor=handler,
        record_type="case",
        agency=avbc,
        years=3,
        reason="ASB personal data kept 3 years after closure",
        policy_source="Council records retention schedule v4",
    )
    assert (
        AuditEvent.objects.filter(verb=GovernanceVerb.RETENTION_RULE_SET, target_id=str(rule.pk)).count() == 1
    )
    by_type = {row.record_type: row for row in selectors.agency_rules(avbc)}
    assert (by_type["case"].rule.years, by_type["case"].rule.agency_specific) == (3, True)
    assert by_type["incident"].rule.agency_specific is False

    # A data subject's request: at least 6 years (Limitation Act 1980 s.2), on both sides of it.
    with pytest.raises(ApplicationError, match="from 6 to 100 years"):
        services.retention_rule_set(
            actor=handler,
            record_type="rights_request",
            agency=avbc,
            years=5,
            reason="Shorter",
            policy_source="Local",
        )
    services.retention_rule_set(
        actor=handler,
        record_type="rights_request",
        agency=avbc,
        years=7,
        reason="Kept a year past the limitation period",
        policy_source="Council records retention schedule v4",
    )
    # Only their own agency's period, never the partnership default or another agency's.
    for agency in (None, world.agencies["police"]):
        with pytest.raises(ApplicationError, match="own agency's"):
            services.retention_rule_set(
                actor=handler, record_type="case", agency=agency, years=4, reason="x", policy_source="y"
            )
    with pytest.raises(PermissionDeniedError):
        services.retention_rule_set(
            actor=persona("avbc_caseworker"),
            record_type="case",
            agency=avbc,
            years=4,
            reason="x",
            policy_source="y",
        )


def test_the_command_line_places_a_hold_with_its_reference_and_releases_it_with_a_reason(
    persona: Any,
) -> None:
    from click.testing import CliRunner

    from csphub.governance.commands import retention

    case = _closed_case(persona("avbc_caseworker"), dt.date(2020, 1, 1))
    placed = CliRunner().invoke(
        retention, ["hold", "--case", case.reference, "--reason", "Inquest", "--reference", "INQ-7"]
    )
    assert placed.exit_code == 0, placed.output
    hold = LegalHold.objects.get()
    assert (hold.reference, hold.owning_agency_id) == ("INQ-7", case.owning_agency_id)
    refused = CliRunner().invoke(retention, ["release", str(hold.pk)])
    assert refused.exit_code != 0 and "--reason" in refused.output
    released = CliRunner().invoke(retention, ["release", str(hold.pk), "--reason", "Inquest closed"])
    assert released.exit_code == 0, released.output
    hold.refresh_from_db()
    assert hold.release_reason == "Inquest closed" and hold.released_by is None


def test_a_long_rule_in_words_still_fits_the_tombstone(persona: Any, world: Any) -> None:
    from csphub.governance.models import Tombstone

    case = _closed_case(persona("avbc_caseworker"), dt.date(2020, 1, 1))
    services.retention_rule_set(
        actor=persona("avbc_team_manager"),
        record_type="case",
        agency=world.agencies["avbc"],
        years=3,
        reason="r" * 500,
        policy_source="p" * 300,
    )
    services.retention_purge(actor=None, today=TODAY, dry_run=False)
    tombstone = Tombstone.objects.get(reference=case.reference)
    assert len(tombstone.rule) == 500 and tombstone.rule.startswith("3 years (agency rule: rrr")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["hold", "--case", "ASB-999999", "--reason", "x"], "No case ASB-999999."),
        (["hold", "--case", "ABC", "--reason", "x"], "No case ABC."),
        (["hold", "--person", "999999", "--reason", "x"], "No person 999999."),
        (["hold", "--incident", "999999", "--reason", "x"], "No incident 999999."),
        (["release", "999999", "--reason", "x"], "No legal hold 999999."),
        (
            ["rule", "--agency", "nosuch", "--years", "7", "--reason", "r", "--policy", "p"],
            "No agency nosuch.",
        ),
    ],
)
def test_the_command_line_names_a_record_that_does_not_exist(db: Any, args: list[str], message: str) -> None:
    from click.testing import CliRunner

    from csphub.governance.commands import retention

    out = CliRunner().invoke(retention, args)
    assert out.exit_code == 1 and f"Error: {message}" in out.output, out.output
    assert not isinstance(out.exception, Exception) or isinstance(out.exception, SystemExit)


def test_the_command_line_refuses_a_second_hold_and_an_empty_reason_without_a_traceback(
    persona: Any,
) -> None:
    from click.testing import CliRunner

    from csphub.governance.commands import retention

    case = _closed_case(persona("avbc_caseworker"), dt.date(2020, 1, 1))
    assert (
        CliRunner().invoke(retention, ["hold", "--case", case.reference, "--reason", "Claim"]).exit_code == 0
    )
    again = CliRunner().invoke(retention, ["hold", "--case", case.reference, "--reason", "Claim"])
    assert again.exit_code == 1 and "Error: This record is already on legal hold." in again.output
    assert isinstance(again.exception, SystemExit)
    other = _closed_case(persona("avbc_caseworker"), dt.date(2020, 1, 1))
    empty = CliRunner().invoke(retention, ["hold", "--case", other.reference, "--reason", "  "])
    assert empty.exit_code == 1 and "Error: Give the reason for the legal hold." in empty.output
    assert LegalHold.objects.count() == 1
