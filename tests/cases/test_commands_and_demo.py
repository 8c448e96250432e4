"""The reminders command (click and manage.py) and the demo loader."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from click.testing import CliRunner
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from csphub.cases import services
from csphub.cases.commands import reminders
from csphub.cases.models import Case, Incident, Panel, TaskReminder

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_reminders_send_is_idempotent(make_case: Any, persona: Any) -> None:
    case = make_case()
    officer = persona("avbc_caseworker")
    services.task_create(
        actor=officer,
        case=case,
        owner=officer,
        title="Visit",
        due_on=timezone.localdate() - dt.timedelta(days=2),
    )
    dry = CliRunner().invoke(reminders, ["send", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "Would send reminders to 1 officer(s) covering 1 task(s)" in dry.output
    assert TaskReminder.objects.count() == 0
    first = CliRunner().invoke(reminders, ["send"])
    assert "Sent reminders to 1 officer(s) covering 1 task(s); 0 already" in first.output
    assert len(mail.outbox) == 1 and "OVERDUE" in mail.outbox[0].body
    out = StringIO()
    call_command("reminders_send", stdout=out)
    assert "Sent reminders to 0 officer(s) covering 0 task(s); 1 already reminded today." in out.getvalue()
    assert len(mail.outbox) == 1


def test_demo_loader_is_idempotent(world: Any) -> None:
    from csphub.cases.demo import load_demo

    load_demo(rng_seed=1, n_incidents=40)
    counts = (Incident.objects.count(), Case.objects.count(), Panel.objects.count())
    assert counts[0] == 40 and counts[1] > 0
    assert Incident.objects.exclude(lsoa_code="").count() == 40  # every point in a real LSOA
    load_demo(rng_seed=1, n_incidents=40)
    assert (Incident.objects.count(), Case.objects.count(), Panel.objects.count()) == counts


def test_demo_rerun_never_touches_a_case_a_user_opened(world: Any, make_case: Any) -> None:
    """New-user review problem 2: a re-run of the demo attached demo closure notices and risk
    assessments to cases users had opened. The demo builds only on the cases it tagged as its own."""
    from csphub.cases.demo import load_demo
    from csphub.core.models import demo_only
    from csphub.powers import demo as powers_demo
    from csphub.powers.models import PowerUse
    from csphub.risk import demo as risk_demo
    from csphub.risk.models import Assessment

    users_case = make_case(family="Userown", summary="Opened by a user trying the demo")
    assert users_case.case_officer_id is not None  # a candidate for every demo loader
    load_demo(rng_seed=1, n_incidents=40)
    for _ in range(2):  # the first run and a re-run
        powers_demo.load_demo(rng_seed=1)
        risk_demo.load_demo(rng_seed=1)
    assert not PowerUse.objects.filter(case=users_case).exists()
    assert not Assessment.objects.filter(case=users_case).exists()
    demo_cases = demo_only(Case.objects.all())
    assert users_case not in demo_cases and demo_cases.count() > 0
    assert Assessment.objects.filter(case__in=demo_cases).exists()  # the demo still builds its own
