"""From stored powers to the facts the pure rules take, and the few date helpers both the
services and the selectors need (rules in force on a day, UK local dates, the caller's ``now``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from csphub.core.errors import ApplicationError
from csphub.people.models import Person, PersonKind
from csphub.powers import clock, rules
from csphub.powers.models import PowerUse
from csphub.powers.rules import Recipient, RuleSet, Status

UK = rules.UK_TZ


def now_or(now: dt.datetime | None) -> dt.datetime:
    """``now`` when the caller passed one, else :func:`csphub.powers.clock.now`."""
    return now if now is not None else clock.now()


def local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(UK).date()


def detail_date(use: PowerUse, key: str) -> dt.date | None:
    value = use.details.get(key)
    return dt.date.fromisoformat(value) if value else None


def clean_lines(values: Iterable[str] | str) -> str:
    """Non-blank lines, stripped, one per line (how lists typed into a textarea are stored)."""
    items = values.splitlines() if isinstance(values, str) else list(values)
    return "\n".join(v.strip() for v in items if v.strip())


def rules_for(moment: dt.datetime) -> RuleSet:
    try:
        return rules.rules_in_force(local_date(moment))
    except rules.NoRulesInForce as exc:
        raise ApplicationError(str(exc)) from exc


def recipient_facts(person: Person | None) -> Recipient:
    if person is None:
        return Recipient(key="", is_body=False)
    return Recipient(
        key=str(person.pk),
        is_body=person.kind == PersonKind.ORGANISATION,
        date_of_birth=person.date_of_birth,
    )


def warning_facts(cpw: PowerUse) -> rules.WarningFacts:
    assert cpw.comply_by is not None and cpw.issued_at is not None
    return rules.WarningFacts(
        recipient_key=str(cpw.recipient_id),
        conduct=cpw.conduct,
        issued_at=cpw.issued_at,
        comply_by=cpw.comply_by,
        status=Status(cpw.status),
    )
