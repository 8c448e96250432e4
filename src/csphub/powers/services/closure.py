"""Closure notices (ss.76-81): the notice, its extension notice (s.77(4)), its cancellation or
variation (s.78) and the court's adjournment and continuation (s.81). The closure order that
follows it (ss.80, 82-84) lives in :mod:`csphub.powers.services.closure_order`, re-exported here so
that ``from csphub.powers.services.closure import X`` keeps working."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from csphub.cases.models import Case
from csphub.core.actor import ActorOrUser, acting_user
from csphub.core.errors import ApplicationError
from csphub.people.models import Address
from csphub.powers import rules
from csphub.powers.facts import clean_lines, local_date, now_or, rules_for
from csphub.powers.models import PowerUse
from csphub.powers.rules import Power, Status
from csphub.powers.services.closure_order import (
    CLOSURE_APPEAL_OUTCOMES,
    closure_order_appeal_decide,
    closure_order_appeal_lodge,
    closure_order_discharge,
    closure_order_extend,
    closure_order_grant,
)
from csphub.powers.services.common import (
    _block,
    _close_tasks,
    _create,
    _fmt_date,
    _fmt_dt,
    _move,
    _require_change,
    _require_power,
    _task,
)

__all__ = [
    "CLOSURE_APPEAL_OUTCOMES",
    "CLOSURE_NOTICE_CHANGES",
    "closure_extension_notice_issue",
    "closure_notice_change",
    "closure_notice_continue",
    "closure_notice_issue",
    "closure_order_appeal_decide",
    "closure_order_appeal_lodge",
    "closure_order_discharge",
    "closure_order_extend",
    "closure_order_grant",
]


def closure_notice_issue(
    *,
    actor: ActorOrUser,
    case: Case,
    premises: Address,
    issuer_capacity: str,
    duration_hours: int,
    senior_signoff: bool,
    conduct: str,
    served_at: dt.datetime,
    residents_informed: bool,
    excludes_residents_or_owner: bool,
    hearing_details: str,
    informed_parties: Iterable[str] | str = "",
    hearing_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> PowerUse:
    """Issue a closure notice (s.76) and create the magistrates' hearing task (s.80(3)-(4)). The
    hearing stated in the notice (``hearing_at``, asked on the page) must fall within 48 hours of
    service, Christmas Day not counted (A.10)."""
    moment = now_or(now)
    _require_change(actor, case)
    if premises is None:
        raise ApplicationError("Choose the premises", field="premises")
    if not conduct.strip():
        raise ApplicationError("Describe the nuisance or disorder", field="conduct")
    ruleset = rules_for(served_at)
    _block(
        rules.closure_notice_blockers(
            rules=ruleset,
            issuer=issuer_capacity,
            senior_signoff=senior_signoff,
            duration_hours=duration_hours,
            residents_informed=residents_informed,
            excludes_residents_or_owner=excludes_residents_or_owner,
            hearing_details_given=bool(hearing_details.strip()),
        ),
        field="duration_hours",
    )
    if hearing_at is not None:
        _block(
            rules.closure_hearing_time_blockers(served_at=served_at, hearing_at=hearing_at, rules=ruleset),
            field="hearing_at",
        )
    hearing_due = rules.closure_hearing_due(served_at, rules=ruleset)
    # A.1: only a notice under the 48-hour regime (s.77(2)-(3)) disregards Christmas Day.
    ends_at = rules.closure_notice_expiry(served_at, duration_hours, rules=ruleset)
    with transaction.atomic():
        notice = _create(
            actor=actor,
            case=case,
            power=Power.CLOSURE_NOTICE,
            to_status=Status.ISSUED,
            now=moment,
            ruleset=ruleset,
            issuer_capacity=issuer_capacity,
            premises=premises,
            conduct=conduct.strip(),
            issued_at=served_at,
            served_at=served_at,
            ends_at=ends_at,
            hearing_due_at=hearing_due,
            court=rules.Court.MAGISTRATES,
            informed_parties=clean_lines(informed_parties),
            details={
                "duration_hours": duration_hours,
                "senior_signoff": senior_signoff,
                "hearing_details": hearing_details.strip(),
                "hearing_at": hearing_at.isoformat() if hearing_at else None,
                "christmas_disregarded": rules.closure_notice_mentions_christmas(
                    served_at, duration_hours, ends_at
                ),
            },
        )
        _task(
            actor=actor,
            use=notice,
            title=f"Closure order hearing by {_fmt_dt(hearing_due)}: apply to the magistrates",
            due_on=local_date(hearing_due),
            source="powers.closure_notice.hearing",
            details=(
                "The application must be heard within 48 hours of service, Christmas Day not counted (s.80)."
            ),
        )
    return notice


def _require_notice_end(notice: PowerUse, doing: str) -> dt.datetime:
    _require_power(notice, Power.CLOSURE_NOTICE, f"Only a closure notice can be {doing}")
    if notice.ends_at is None:
        raise ApplicationError("The closure notice has no end recorded")
    return notice.ends_at


def closure_extension_notice_issue(
    *,
    actor: ActorOrUser,
    notice: PowerUse,
    issuer_capacity: str,
    extended_at: dt.datetime,
    extension_hours: int,
    now: dt.datetime | None = None,
) -> PowerUse:
    """s.77(4): a 24-hour closure notice extended by up to 24 hours by an extension notice signed by
    a superintendent (police notice) or the council's chief executive or designate, issued while the
    notice is in force. The extra hours run in plain hours: no disregard of Christmas Day is given
    for them (only "the period of 48 hours" of s.77(2)-(3) disregards it)."""
    moment = now_or(now)
    _require_change(actor, notice.case)
    ends_at = _require_notice_end(notice, "extended by an extension notice")
    if not rules.can_transition(Power.CLOSURE_NOTICE, Status(notice.status), Status.EXTENDED):
        raise ApplicationError(
            f"A closure notice that is {notice.get_status_display().lower()} cannot be extended"
        )
    ruleset = rules.rule_set(notice.rule_version)
    reasons = rules.closure_extension_notice_blockers(
        rules=ruleset,
        issuer=issuer_capacity or None,
        notice_issuer=notice.issuer_capacity,
        notice_ends_at=ends_at,
        extended_at=extended_at,
        extension_hours=extension_hours,
        notice_was_24_hour=(
            int(notice.details.get("duration_hours", 0)) <= ruleset.closure_notice_max_hours
            and not notice.details.get("extension_notice")
            and not notice.details.get("continuations")  # once the court has continued it, s.81 governs
        ),
    )
    if extended_at > moment:
        reasons.append("The extension notice must be dated now or in the past")
    _block(reasons, field="extension_hours")
    new_end = rules.add_hours(ends_at, extension_hours)
    with transaction.atomic():
        notice.details = {
            **notice.details,
            "extension_notice": {
                "issuer_capacity": issuer_capacity,
                "issued_by": acting_user(actor).pk,
                "extended_at": extended_at.isoformat(),
                "hours": extension_hours,
                "previous_ends_at": ends_at.isoformat(),
            },
        }
        notice.ends_at = new_end
        return _move(
            notice,
            Status.EXTENDED,
            actor=actor,
            now=moment,
            note=f"Extension notice (s.77(4)): {extension_hours} hours, until {_fmt_dt(new_end)}",
            changed=["details", "ends_at"],
        )


CLOSURE_NOTICE_CHANGES = {"cancel": "Cancel the notice", "vary": "Vary the notice"}


def closure_notice_change(
    *,
    actor: ActorOrUser,
    notice: PowerUse,
    issuer_capacity: str,
    action: str,
    changed_at: dt.datetime,
    what_changed: str,
    new_ends_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> PowerUse:
    """s.78: a closure notice in force cancelled by a cancellation notice (recorded as withdrawn),
    or varied by a variation notice (part of the premises, or a shorter period, never a longer
    one), from the body that issued it."""
    moment = now_or(now)
    _require_change(actor, notice.case)
    ends_at = _require_notice_end(notice, "cancelled or varied")
    if action not in CLOSURE_NOTICE_CHANGES:
        raise ApplicationError("Choose whether the notice is cancelled or varied", field="action")
    cancel = action == "cancel"
    to = Status.WITHDRAWN if cancel else Status.VARIED
    if not rules.can_transition(Power.CLOSURE_NOTICE, Status(notice.status), to):
        raise ApplicationError(
            f"A closure notice that is {notice.get_status_display().lower()} cannot be cancelled or varied"
        )
    reasons = rules.closure_notice_change_blockers(
        issuer=issuer_capacity or None,
        notice_issuer=notice.issuer_capacity,
        notice_ends_at=ends_at,
        changed_at=changed_at,
        cancel=cancel,
        new_ends_at=new_ends_at,
    )
    if changed_at > moment:
        reasons.append("The cancellation or variation notice must be dated now or in the past")
    if not cancel and new_ends_at is not None and new_ends_at <= changed_at:
        reasons.append("A variation notice that shortens the notice must end after it is given")
    if not what_changed.strip():
        reasons.append(
            "Say why the notice is cancelled" if cancel else "Say what the variation notice changes"
        )
    _block(reasons, field="what_changed")
    with transaction.atomic():
        notice.details = {
            **notice.details,
            "changes": [
                *notice.details.get("changes", []),
                {
                    "change": action,
                    "issuer_capacity": issuer_capacity,
                    "changed_at": changed_at.isoformat(),
                    "what_changed": what_changed.strip(),
                    "previous_ends_at": ends_at.isoformat(),
                    "new_ends_at": new_ends_at.isoformat() if (new_ends_at and not cancel) else None,
                },
            ],
        }
        changed = ["details"]
        if cancel:
            notice.ends_at = changed_at
            changed.append("ends_at")
        elif new_ends_at is not None:
            notice.ends_at = new_ends_at
            changed.append("ends_at")
        use = _move(
            notice,
            to,
            actor=actor,
            now=moment,
            note=("Cancellation notice (s.78): " if cancel else "Variation notice (s.78): ")
            + what_changed.strip(),
            changed=changed,
        )
        if cancel:
            _close_tasks(actor=actor, use=use, source="powers.closure_notice.hearing")
    return use


def closure_notice_continue(
    *,
    actor: ActorOrUser,
    notice: PowerUse,
    decided_at: dt.datetime,
    continued_until: dt.datetime,
    adjourned_to: dt.date | None = None,
    now: dt.datetime | None = None,
) -> PowerUse:
    """s.81: the court adjourns the hearing for at most 14 days (s.81(3)) and continues the notice
    until the end of the adjourned hearing (s.81(4)); or, making no order, continues it for at most
    48 hours (s.81(2)). Plain hours. An adjournment creates a task for the adjourned hearing."""
    moment = now_or(now)
    _require_change(actor, notice.case)
    _require_notice_end(notice, "continued by the court")
    if not rules.can_transition(Power.CLOSURE_NOTICE, Status(notice.status), Status.EXTENDED):
        raise ApplicationError(
            f"A closure notice that is {notice.get_status_display().lower()} cannot be continued"
        )
    ruleset = rules.rule_set(notice.rule_version)
    reasons = []
    assert notice.served_at is not None
    if decided_at < notice.served_at:
        reasons.append("The court's decision cannot be before the notice was served")
    if decided_at > moment:
        reasons.append("The court's decision must be now or in the past")
    if adjourned_to is not None:
        reasons += rules.closure_adjournment_blockers(
            rules=ruleset, hearing_on=local_date(decided_at), adjourned_to=adjourned_to
        )
    reasons += rules.closure_continuation_blockers(
        rules=ruleset, decided_at=decided_at, continued_until=continued_until, adjourned_to=adjourned_to
    )
    _block(reasons, field="continued_until")
    with transaction.atomic():
        notice.details = {
            **notice.details,
            "continuations": [
                *notice.details.get("continuations", []),
                {
                    "decided_at": decided_at.isoformat(),
                    "adjourned_to": adjourned_to.isoformat() if adjourned_to else None,
                    "continued_until": continued_until.isoformat(),
                },
            ],
        }
        notice.ends_at = continued_until
        use = _move(
            notice,
            Status.EXTENDED,
            actor=actor,
            now=moment,
            note=(
                f"Hearing adjourned to {_fmt_date(adjourned_to)} (s.81(3)); notice continued (s.81(4))"
                if adjourned_to
                else "Notice continued by the court (s.81(2))"
            ),
            changed=["details", "ends_at"],
        )
        if adjourned_to is not None:
            _close_tasks(actor=actor, use=use, source="powers.closure_notice.hearing")
            _task(
                actor=actor,
                use=use,
                title=f"Adjourned closure order hearing on {_fmt_date(adjourned_to)}",
                due_on=adjourned_to,
                source="powers.closure_notice.hearing",
                details="The court adjourned the application (s.81(3)); the notice continues until then.",
            )
    return use
