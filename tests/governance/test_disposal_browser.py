"""Retention disposal as the data protection staff see it, in a real browser: before the operator's
run, the retention page lists the agency's closed case past its date ("Disposed of at the next run"),
the one on legal hold ("Kept: legal hold") and counts the modern slavery concern due (never naming
it); after the run, the case is in "recently disposed of" with the rule that sent it, the held case is
still kept and the register's count is back to nought. axe-core finds no serious or critical problem
in either state, and the page shows no internal code, server path or command."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tests.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _closed_case(persona: Any, closed_on: dt.date) -> Any:
    from csphub.cases import services as cases
    from csphub.cases.models import Case

    officer = persona("avbc_caseworker")
    now = timezone.now()
    incident = cases.incident_record(
        actor=officer,
        occurred_at=now - dt.timedelta(days=3000),
        reported_at=now - dt.timedelta(days=3000),
        channel="phone",
        asb_type="personal",
        category="noise",
        description="Music at 3am",
    )
    case = cases.case_open(actor=officer, incidents=[incident], summary="Noise at the flats")
    case = cases.case_change_status(
        actor=officer, case=case, to_status="closed", reason="Behaviour stopped", outcome="resolved"
    )
    closed_at = timezone.make_aware(dt.datetime.combine(closed_on, dt.time(12, 0)))
    Case.objects.filter(pk=case.pk).update(closed_at=closed_at)
    return case


def _row(page: Any, table: str, reference: str) -> str:
    return str(page.inner_text(f"[data-testid={table}] tr:has-text('{reference}')"))


def test_the_retention_page_before_and_after_a_disposal_run(
    browser_page: Any, persona: Any, sign_in: Any, world: Any
) -> None:
    from csphub.agencies.models import Partnership
    from csphub.duties.models import SlaveryConcern
    from csphub.governance import services
    from csphub.governance.models import RecordType
    from csphub.people.services import person_create

    today = timezone.localdate()
    seven_years_ago = today - dt.timedelta(days=7 * 366)
    due = _closed_case(persona, seven_years_ago)
    held = _closed_case(persona, seven_years_ago)
    services.legal_hold_place(actor=None, target=held, reason="Civil claim for damages")
    person = person_create(actor=persona("avbc_caseworker"), given_name="Noor", family_name="Worker-Person")
    SlaveryConcern.objects.create(
        owning_agency=world.agencies["avbc"],
        partnership=Partnership.objects.get(code="E22000037"),
        person=person,
        grounds_date=seven_years_ago,
        grounds="Grounds to be kept out of the page",
        exploitation="labour",
        nationality="Unknown",
        age_basis="adult",
        consent="given",
        route="nrm",
        status="notified",
        notified_on=seven_years_ago,
        rule_version="msa2015-s52",
    )

    page = browser_page
    sign_in(page, persona("avbc_team_manager"))
    page.goto("/data-protection/retention/")
    assert "Disposed of at the next run" in _row(page, "due-1", due.reference)
    assert "Kept: legal hold" in _row(page, "due-1", held.reference)
    assert "Civil claim for damages" in _row(page, "due-1", held.reference)
    registers = page.inner_text("[data-testid=due-registers]")
    assert "Modern slavery" in registers and "\t1\t" in registers
    assert "Grounds to be kept out of the page" not in page.inner_text("main")
    assert not page.locator("[data-testid=tombstones]").count()
    assert_accessible(page)

    # The operator's run (what the command line does), for every record type.
    disposed = [
        item.reference
        for record_type in RecordType.values
        for item in services.retention_purge(actor=None, dry_run=False, record_type=record_type).disposed
    ]
    assert due.reference in disposed and held.reference not in disposed

    page.goto("/data-protection/retention/")
    gone = _row(page, "tombstones", due.reference)
    assert today.strftime("%-d %B %Y") in gone and "partnership default" in gone
    assert due.reference not in page.inner_text("[data-testid=due-1]")
    assert "Kept: legal hold" in _row(page, "due-1", held.reference)
    registers = page.inner_text("[data-testid=due-registers]")
    assert "\t1\t" not in registers and "Modern slavery" in registers
    text = page.inner_text("main")
    for internal in ("slavery_concern", "record_type", "csphub ", "--dry-run", "/srv/", "/home/", ".py"):
        assert internal not in text, internal
    assert_accessible(page)
    assert page.console_errors == []
