"""Fixed penalty notices offered for a breach of a CPN (s.52) or a PSPO (s.68), and their clocks."""

from __future__ import annotations

from datetime import date, timedelta

from csphub.powers.rules.issuers import IssuerCapacity, issuer_blockers
from csphub.powers.rules.recipients import Recipient, _age_blockers
from csphub.powers.rules.ruleset import RuleSet
from csphub.powers.rules.states import POWER_LABELS, Power, Status

# The section under which a fixed penalty is offered, by the power breached.
FPN_SECTIONS: dict[Power, str] = {
    Power.CPN: "s.52 Anti-social Behaviour, Crime and Policing Act 2014",
    Power.PSPO: "s.68 Anti-social Behaviour, Crime and Policing Act 2014",
}


def fpn_section(breached: Power | str) -> str:
    """s.52 for a CPN breach; s.68 for a PSPO breach; no other power has a fixed penalty."""
    p = Power(breached)
    if p not in FPN_SECTIONS:
        raise ValueError(f"no fixed penalty for a breach of a {POWER_LABELS[p].lower()}")
    return FPN_SECTIONS[p]


def fpn_blockers(
    *,
    rules: RuleSet,
    amount_gbp: int,
    early_amount_gbp: int | None = None,
    early_period_days: int | None = None,
    issuer: IssuerCapacity | str | None,
    notice_in_force: bool,
) -> list[str]:
    """Fixed penalty (s.52 for a CPN; s.68 for a PSPO) amount and period checks (rule 11.3)."""
    reasons = issuer_blockers(Power.FPN, issuer)
    if not notice_in_force:
        reasons.append("A fixed penalty can only follow a breach of a notice that is in force")
    if amount_gbp <= 0:
        reasons.append("Enter the amount of the fixed penalty")
    elif amount_gbp > rules.fpn_max_gbp:
        reasons.append(f"The fixed penalty cannot be more than £{rules.fpn_max_gbp}")
    if (early_amount_gbp is None) != (early_period_days is None):
        reasons.append("Give both the early-payment amount and its period, or neither")
    elif early_amount_gbp is not None and early_period_days is not None:
        if early_period_days >= rules.fpn_no_prosecution_days or early_period_days < 1:
            reasons.append(
                f"An early-payment period must be shorter than {rules.fpn_no_prosecution_days} days"
            )
        if not 0 < early_amount_gbp < amount_gbp:
            reasons.append("The early-payment amount must be less than the full amount")
    return reasons


PSPO_IN_FORCE: frozenset[Status] = frozenset({Status.MADE, Status.VARIED, Status.EXTENDED})


def pspo_fpn_blockers(
    *,
    rules: RuleSet,
    recipient: Recipient,
    pspo_status: Status | str,
    made_on: date,
    current_expiry: date,
    breach_on: date,
    today: date,
) -> list[str]:
    """s.67-68: a fixed penalty may be offered to a person the officer has reason to believe has
    committed an offence under s.67 (or s.63) by breaching a PSPO. The order must have been in
    force on the day of the breach: on or after the day it was made and on or before its expiry.
    A child under 10 cannot commit an offence (Children and Young Persons Act 1933 s.50)."""
    reasons = []
    if Status(pspo_status) not in PSPO_IN_FORCE:
        reasons.append("A fixed penalty can only follow a breach of an order that is in force")
    if recipient.is_body:
        reasons.append("A fixed penalty for breach of a PSPO is given to a person, not a body")
    else:
        reasons += _age_blockers(
            recipient, breach_on, min_age=rules.criminal_responsibility_min_age, what="fixed penalty"
        )
    if breach_on < made_on:
        reasons.append(f"The order was made on {made_on:%-d %B %Y}: a breach before then is not an offence")
    if breach_on > current_expiry:
        reasons.append(
            f"The order expired on {current_expiry:%-d %B %Y}: a breach after then is not an offence"
        )
    if breach_on > today:
        reasons.append("The date of the breach must be today or in the past")
    return reasons


def fpn_payment_deadline(issued_on: date, *, rules: RuleSet) -> date:
    """Last day to pay: the 14 days following the date of the notice."""
    return issued_on + timedelta(days=rules.fpn_no_prosecution_days)


def fpn_prosecution_earliest(issued_on: date, *, rules: RuleSet) -> date:
    """First day proceedings may be taken (s.52(5): not before the end of the 14 days)."""
    return fpn_payment_deadline(issued_on, rules=rules) + timedelta(days=1)


def fpn_prosecution_blockers(
    *, issued_on: date, today: date, paid_on: date | None, rules: RuleSet
) -> list[str]:
    reasons = []
    deadline = fpn_payment_deadline(issued_on, rules=rules)
    if paid_on is not None and paid_on <= deadline:
        reasons.append("The fixed penalty was paid in time: nobody can be convicted of the offence")
    if today < fpn_prosecution_earliest(issued_on, rules=rules):
        reasons.append(f"No proceedings before the payment period ends on {deadline:%-d %B %Y}")
    return reasons
