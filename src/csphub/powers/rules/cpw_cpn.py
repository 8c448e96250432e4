"""Community protection warnings and notices (ss.43-58): issue, appeal, compliance, breach and expiry."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from csphub.powers.rules.dates import UK_TZ, period_last_day
from csphub.powers.rules.issuers import IssuerCapacity, issuer_blockers
from csphub.powers.rules.recipients import Recipient, _age_blockers
from csphub.powers.rules.ruleset import RuleSet, rules_in_force
from csphub.powers.rules.states import POWER_LABELS, Power, Status, can_transition

# --------------------------------------------------------------------------------------------
# CPW and CPN (ss.43-58)
# --------------------------------------------------------------------------------------------


def normalise_conduct(conduct: str) -> str:
    """Conduct text compared case- and whitespace-insensitively (the CPN must mirror the CPW)."""
    return " ".join(conduct.lower().split())


def cpw_blockers(
    *,
    rules: RuleSet,
    recipient: Recipient,
    conduct: str,
    requirements: str,
    comply_by: datetime | None,
    issued_at: datetime,
    issuer: IssuerCapacity | str | None,
) -> list[str]:
    """Reasons a Community Protection Warning cannot be issued yet (empty list: it can)."""
    reasons = issuer_blockers(Power.CPW, issuer)
    reasons += _age_blockers(recipient, issued_at.date(), min_age=rules.cpn_min_age, what="warning")
    if not conduct.strip():
        reasons.append("Describe the conduct that must stop or change")
    if not requirements.strip():
        reasons.append("Say what the recipient must do or stop doing")
    if comply_by is None:
        reasons.append("Give the date by which the recipient must comply")
    elif comply_by <= issued_at:
        reasons.append("The time to comply must end after the warning is issued")
    return reasons


@dataclass(frozen=True, slots=True)
class WarningFacts:
    """What a CPN guard needs to know about the preceding warning."""

    recipient_key: str
    conduct: str
    issued_at: datetime
    comply_by: datetime
    status: Status


def cpn_blockers(
    *,
    rules: RuleSet,
    cpw: WarningFacts | None,
    recipient: Recipient,
    conduct: str,
    now: datetime,
    issuer: IssuerCapacity | str | None,
    conduct_persists: bool,
    informed_parties: Sequence[str] = (),
    same_conduct_confirmed: bool = False,
) -> list[str]:
    """Reasons a Community Protection Notice cannot be issued (rule 11.1; s.43(1), (5), (6)).

    ``conduct_persists`` records the issuer's finding that, despite the time to comply, the
    conduct is still having the detrimental effect. ``informed_parties`` is the s.43(6) list.
    s.43(5) needs the same conduct in substance, not the same words: when the wording differs
    from the warning's, the issuer confirms it is the same conduct (``same_conduct_confirmed``).
    """
    reasons = issuer_blockers(Power.CPN, issuer)
    reasons += _age_blockers(
        recipient, now.date(), min_age=rules.cpn_min_age, what="community protection notice"
    )
    if cpw is None:
        reasons.append("Issue a community protection warning first: a notice needs a prior written warning")
    else:
        if cpw.status not in (Status.ISSUED, Status.ESCALATED):
            reasons.append(f"The warning is {cpw.status.value}: only an issued warning can lead to a notice")
        if cpw.recipient_key != recipient.key:
            reasons.append("The warning was given to a different recipient")
        if normalise_conduct(cpw.conduct) != normalise_conduct(conduct) and not same_conduct_confirmed:
            reasons.append(
                "The notice must be about the same conduct as the warning: confirm it is the same "
                "conduct described in other words, or use the warning's wording"
            )
        if now < cpw.comply_by:
            reasons.append(
                "The time to comply with the warning has not passed: you can issue the notice from "
                f"{cpw.comply_by.astimezone(UK_TZ):%-d %B %Y at %H:%M}"
            )
    if not conduct_persists:
        reasons.append("Confirm that the conduct has continued despite the warning")
    if not [p for p in informed_parties if p.strip()]:
        reasons.append("Record who you informed before issuing the notice (s.43(6))")
    return reasons


def cpn_appeal_deadline(issued_on: date, *, rules: RuleSet | None = None) -> date:
    """Last day to appeal to the magistrates: 21-day period beginning with the day of issue."""
    r = rules or rules_in_force(issued_on)
    return period_last_day(issued_on, r.cpn_appeal_days)


class RequirementKind(StrEnum):
    STOP = "stop"  # stop doing specified things
    DO = "do"  # do specified things
    ACHIEVE = "achieve"  # take reasonable steps to achieve specified results


def requirement_in_effect(
    kind: RequirementKind | str, *, appeal_pending: bool, suspended_by_court: bool = False
) -> bool:
    """s.46(3): while an appeal is pending only the "stop doing" requirements have effect, and
    those too stop having effect when the court so orders ("unless the court orders otherwise")."""
    if not appeal_pending:
        return True
    return RequirementKind(kind) is RequirementKind.STOP and not suspended_by_court


def cpn_breach_blockers(
    *,
    status: Status | str,
    breached_requirement: RequirementKind | str | None,
    suspended_by_court: bool = False,
) -> list[str]:
    """Can a breach of a CPN (s.48) be recorded, and a fixed penalty (s.52) follow?

    While an appeal is pending (status APPEALED) only a "stop" requirement is in force (s.46(3)),
    unless the court suspended it; at any other live status every requirement is in force.
    """
    st = Status(status)
    if st is not Status.APPEALED:
        return []
    if breached_requirement is None:
        return [
            "An appeal is pending: record which requirement was breached, because only the "
            "requirements to stop doing things stay in force (s.46(3))"
        ]
    if RequirementKind(breached_requirement) is not RequirementKind.STOP:
        return [
            "An appeal is pending: the requirements to do things or to achieve results have no "
            "effect until it is decided (s.46(3))"
        ]
    if suspended_by_court:
        return ["The court ordered that the requirement has no effect while the appeal is pending"]
    return []


def cpn_enforceable(
    status: Status | str,
    *,
    breached_requirement: RequirementKind | str | None = None,
    suspended_by_court: bool = False,
) -> bool:
    """True when a breach of the notice is an offence now, so a fixed penalty may be offered."""
    st = Status(status)
    if st not in (Status.ISSUED, Status.UPHELD, Status.VARIED, Status.BREACHED, Status.APPEALED):
        return False
    return not cpn_breach_blockers(
        status=st, breached_requirement=breached_requirement, suspended_by_court=suspended_by_court
    )


# --------------------------------------------------------------------------------------------
# CPW / CPN compliance, breach and expiry
# --------------------------------------------------------------------------------------------

# What may be recorded about a warning or notice once issued. A warning that is not complied with
# is not itself an offence: it leads to a CPN (ESCALATED, through ``cpn_blockers``). A breach of
# a CPN is an offence (s.48) and opens the fixed penalty / prosecution path (s.52).
COMPLIANCE_OUTCOMES: dict[Power, tuple[Status, ...]] = {
    Power.CPW: (Status.COMPLIED, Status.EXPIRED),
    Power.CPN: (Status.COMPLIED, Status.BREACHED, Status.EXPIRED),
}


def compliance_blockers(
    *,
    power: Power | str,
    status: Status | str,
    outcome: Status | str,
    issued_on: date,
    on: date,
    today: date,
    breached_requirement: RequirementKind | str | None = None,
    suspended_by_court: bool = False,
) -> list[str]:
    """Recording that a warning or notice was complied with, breached or has expired, on ``on``.

    A breach of a CPN under appeal is recordable for a "stop" requirement only (s.46(3))."""
    p, st, to = Power(power), Status(status), Status(outcome)
    label = POWER_LABELS[p].lower()
    allowed = COMPLIANCE_OUTCOMES.get(p, ())
    if to not in allowed:
        return [f"A {label} can be recorded as " + " or ".join(s.value for s in allowed)]
    reasons = []
    if not can_transition(p, st, to):
        reasons.append(f"A {label} that is {st.value} cannot be recorded as {to.value}")
    elif to is Status.BREACHED:
        reasons += cpn_breach_blockers(
            status=st, breached_requirement=breached_requirement, suspended_by_court=suspended_by_court
        )
    if on < issued_on:
        reasons.append(f"The date cannot be before the {label} was issued")
    if on > today:
        reasons.append("The date must be today or in the past")
    return reasons
