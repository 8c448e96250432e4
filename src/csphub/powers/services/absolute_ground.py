"""Notice of possession on the absolute ground for anti-social behaviour (Housing Act 1985
s.84A, s.85ZA)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from csphub.cases.models import Case
from csphub.core.actor import ActorOrUser
from csphub.people.models import Person
from csphub.powers import rules
from csphub.powers.facts import now_or
from csphub.powers.models import PowerUse
from csphub.powers.rules import Power, Status
from csphub.powers.services.common import (
    _block,
    _create,
    _fmt_date,
    _move,
    _require_change,
    _start_against,
    _task,
)


def absolute_ground_notice_serve(
    *,
    actor: ActorOrUser,
    case: Case,
    recipient: Person,
    issuer_capacity: str,
    condition: str,
    served_on: dt.date,
    closure_order_hours_in_force: float | None = None,
    closure_notice_hours_before_order: float | None = None,
    trigger_on: dt.date | None = None,
    housing_action_trust: bool = False,
    now: dt.datetime | None = None,
) -> PowerUse:
    """Notice of proceedings on the absolute ground (HA 1985 s.83ZA, s.84A). With ``trigger_on`` (the
    conviction, finding or closure order) the 12- or 3-month service deadline is checked (A.6); the
    closure condition counts the closure notice's hours before the order; the 7-day statutory review
    (s.85ZA) is for a local housing authority or a housing action trust only."""
    moment, ruleset = _start_against(actor, case, recipient, now)
    _block(
        rules.absolute_ground_blockers(
            issuer=issuer_capacity,
            condition=condition,
            closure_order_hours_in_force=closure_order_hours_in_force,
            closure_notice_hours_before_order=closure_notice_hours_before_order or 0,
            trigger_on=trigger_on,
            served_on=served_on if trigger_on is not None else None,
            rules=ruleset,
        )
    )
    landlord = (
        rules.Landlord.HOUSING_ACTION_TRUST
        if housing_action_trust
        else rules.Landlord.LOCAL_HOUSING_AUTHORITY
        if issuer_capacity == rules.IssuerCapacity.LOCAL_AUTHORITY
        else rules.Landlord.PRIVATE_REGISTERED_PROVIDER
    )
    statutory = rules.absolute_ground_statutory_review(landlord)
    deadline = rules.absolute_ground_review_deadline(served_on, rules=ruleset)
    with transaction.atomic():
        use = _create(
            actor=actor,
            case=case,
            power=Power.ABSOLUTE_GROUND,
            to_status=Status.ISSUED,
            now=moment,
            ruleset=ruleset,
            issuer_capacity=issuer_capacity,
            recipient=recipient,
            starts_on=served_on,
            appeal_deadline=deadline,
            details={
                "condition": condition,
                "landlord": landlord.value,
                "statutory_review": statutory,
                **({"trigger_on": trigger_on.isoformat()} if trigger_on else {}),
            },
        )
        _task(
            actor=actor,
            use=use,
            title=(
                f"Absolute ground: tenant's review request window closes {_fmt_date(deadline)}"
                if statutory
                else f"Absolute ground: good-practice review window (guidance) closes {_fmt_date(deadline)}"
            ),
            due_on=deadline,
            source="powers.absolute_ground.review_window",
        )
    return use


def absolute_ground_review_request(
    *, actor: ActorOrUser, notice: PowerUse, requested_on: dt.date, now: dt.datetime | None = None
) -> PowerUse:
    _require_change(actor, notice.case)
    assert notice.starts_on is not None
    _block(
        rules.absolute_ground_review_blockers(
            notice_served_on=notice.starts_on,
            requested_on=requested_on,
            rules=rules.rule_set(notice.rule_version),
            statutory=bool(notice.details.get("statutory_review", True)),
        ),
        field="requested_on",
    )
    with transaction.atomic():
        notice.details = {**notice.details, "review_requested_on": requested_on.isoformat()}
        return _move(notice, Status.REVIEW_REQUESTED, actor=actor, now=now_or(now), changed=["details"])
