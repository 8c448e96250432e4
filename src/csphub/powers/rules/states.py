"""The powers, their statuses and the state machine of each power."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

# --------------------------------------------------------------------------------------------
# Powers and their state machines
# --------------------------------------------------------------------------------------------


class Power(StrEnum):
    CPW = "cpw"
    CPN = "cpn"
    FPN = "fpn"
    INJUNCTION = "injunction"
    CBO = "cbo"
    DISPERSAL_AUTHORISATION = "dispersal_authorisation"
    DISPERSAL_DIRECTION = "dispersal_direction"
    PSPO = "pspo"
    CLOSURE_NOTICE = "closure_notice"
    CLOSURE_ORDER = "closure_order"
    ABSOLUTE_GROUND = "absolute_ground"


POWER_LABELS: dict[Power, str] = {
    Power.CPW: "Community Protection Warning",
    Power.CPN: "Community Protection Notice",
    Power.FPN: "Fixed penalty notice",
    Power.INJUNCTION: "Civil injunction",
    Power.CBO: "Criminal Behaviour Order",
    Power.DISPERSAL_AUTHORISATION: "Dispersal authorisation",
    Power.DISPERSAL_DIRECTION: "Dispersal direction",
    Power.PSPO: "Public Spaces Protection Order",
    Power.CLOSURE_NOTICE: "Closure notice",
    Power.CLOSURE_ORDER: "Closure order",
    Power.ABSOLUTE_GROUND: "Absolute ground for possession",
}


# The prefix of a power's reference ("CN-00016"): short and of one kind for every power (new-user
# review, point 33: "CLOSURE-NOTICE-00016" beside "CPW-00015"). A reference is worked out from the
# power and the record's number, never stored, so changing a prefix needs no data migration.
POWER_REFERENCE_PREFIXES: dict[Power, str] = {
    Power.CPW: "CPW",
    Power.CPN: "CPN",
    Power.FPN: "FPN",
    Power.INJUNCTION: "INJ",
    Power.CBO: "CBO",
    Power.DISPERSAL_AUTHORISATION: "DA",
    Power.DISPERSAL_DIRECTION: "DD",
    Power.PSPO: "PSPO",
    Power.CLOSURE_NOTICE: "CN",
    Power.CLOSURE_ORDER: "CO",
    Power.ABSOLUTE_GROUND: "AG",
}

POWER_SECTIONS: dict[Power, str] = {
    Power.CPW: "s.43(5) Anti-social Behaviour, Crime and Policing Act 2014",
    Power.CPN: "s.43 Anti-social Behaviour, Crime and Policing Act 2014",
    Power.FPN: "s.52 (CPN) or s.68 (PSPO) Anti-social Behaviour, Crime and Policing Act 2014",
    Power.INJUNCTION: "s.1 Anti-social Behaviour, Crime and Policing Act 2014",
    Power.CBO: "Sentencing Act 2020 s.331 (s.22 Anti-social Behaviour, Crime and Policing Act 2014 before December 2020)",
    Power.DISPERSAL_AUTHORISATION: "s.34 Anti-social Behaviour, Crime and Policing Act 2014",
    Power.DISPERSAL_DIRECTION: "s.35 Anti-social Behaviour, Crime and Policing Act 2014",
    Power.PSPO: "s.59 Anti-social Behaviour, Crime and Policing Act 2014",
    Power.CLOSURE_NOTICE: "s.76 Anti-social Behaviour, Crime and Policing Act 2014",
    Power.CLOSURE_ORDER: "s.80 Anti-social Behaviour, Crime and Policing Act 2014",
    Power.ABSOLUTE_GROUND: "s.84A Housing Act 1985 (inserted by s.94 of the 2014 Act)",
}


class Status(StrEnum):
    DRAFT = "draft"
    ISSUED = "issued"  # CPW, CPN, FPN, closure notice, dispersal direction, absolute-ground notice
    AUTHORISED = "authorised"  # dispersal authorisation
    APPLIED = "applied"  # injunction, CBO, closure order: application made to court
    ADJOURNED = "adjourned"  # injunction: hearing adjourned, with or without an interim injunction (s.6, s.7)
    GRANTED = "granted"  # court made the order
    REFUSED = "refused"
    MADE = "made"  # PSPO
    APPEALED = "appealed"
    VARIED = "varied"
    EXTENDED = "extended"
    COMPLIED = "complied"
    BREACHED = "breached"
    PAID = "paid"
    PROSECUTED = "prosecuted"
    REVIEW_REQUESTED = "review_requested"
    UPHELD = "upheld"
    QUASHED = "quashed"
    ESCALATED = "escalated"  # CPW followed by a CPN
    WITHDRAWN = "withdrawn"
    DISCHARGED = "discharged"
    EXPIRED = "expired"


TERMINAL: frozenset[Status] = frozenset(
    {
        Status.REFUSED,
        Status.QUASHED,
        Status.WITHDRAWN,
        Status.DISCHARGED,
        Status.EXPIRED,
        Status.PAID,
        Status.PROSECUTED,
        Status.ESCALATED,
        Status.COMPLIED,
    }
)

S = Status
TRANSITIONS: dict[Power, dict[Status, frozenset[Status]]] = {
    Power.CPW: {
        S.DRAFT: frozenset({S.ISSUED, S.WITHDRAWN}),
        S.ISSUED: frozenset({S.COMPLIED, S.ESCALATED, S.WITHDRAWN, S.EXPIRED}),
    },
    Power.CPN: {
        S.DRAFT: frozenset({S.ISSUED, S.WITHDRAWN}),
        S.ISSUED: frozenset({S.APPEALED, S.COMPLIED, S.BREACHED, S.WITHDRAWN, S.EXPIRED}),
        # s.46(3): while the appeal is pending the "stop" requirements stay in force, so a breach
        # of one can be recorded (see ``cpn_breach_blockers``); the appeal is then still decided.
        S.APPEALED: frozenset({S.UPHELD, S.VARIED, S.QUASHED, S.BREACHED}),
        S.UPHELD: frozenset({S.COMPLIED, S.BREACHED, S.WITHDRAWN, S.EXPIRED}),
        S.VARIED: frozenset({S.COMPLIED, S.BREACHED, S.WITHDRAWN, S.EXPIRED}),
        S.BREACHED: frozenset({S.COMPLIED, S.EXPIRED, S.WITHDRAWN, S.UPHELD, S.VARIED, S.QUASHED}),
    },
    Power.FPN: {
        S.DRAFT: frozenset({S.ISSUED, S.WITHDRAWN}),
        S.ISSUED: frozenset({S.PAID, S.PROSECUTED, S.WITHDRAWN}),
    },
    Power.INJUNCTION: {
        S.DRAFT: frozenset({S.APPLIED, S.WITHDRAWN}),
        S.APPLIED: frozenset({S.ADJOURNED, S.GRANTED, S.REFUSED, S.WITHDRAWN}),
        # s.6(2)(a)-(b), s.7: adjourned, with or without an interim injunction, until the final hearing.
        S.ADJOURNED: frozenset({S.ADJOURNED, S.GRANTED, S.REFUSED, S.WITHDRAWN}),
        S.GRANTED: frozenset({S.VARIED, S.BREACHED, S.DISCHARGED, S.EXPIRED}),
        S.VARIED: frozenset({S.VARIED, S.BREACHED, S.DISCHARGED, S.EXPIRED}),
        S.BREACHED: frozenset({S.VARIED, S.DISCHARGED, S.EXPIRED}),
    },
    Power.CBO: {
        S.DRAFT: frozenset({S.APPLIED, S.WITHDRAWN}),
        S.APPLIED: frozenset({S.GRANTED, S.REFUSED, S.WITHDRAWN}),
        S.GRANTED: frozenset({S.VARIED, S.BREACHED, S.DISCHARGED, S.EXPIRED}),
        S.VARIED: frozenset({S.VARIED, S.BREACHED, S.DISCHARGED, S.EXPIRED}),
        S.BREACHED: frozenset({S.VARIED, S.DISCHARGED, S.EXPIRED}),
    },
    Power.DISPERSAL_AUTHORISATION: {
        S.DRAFT: frozenset({S.AUTHORISED, S.WITHDRAWN}),
        S.AUTHORISED: frozenset({S.WITHDRAWN, S.EXPIRED}),
    },
    Power.DISPERSAL_DIRECTION: {
        S.DRAFT: frozenset({S.ISSUED, S.WITHDRAWN}),
        S.ISSUED: frozenset({S.VARIED, S.COMPLIED, S.BREACHED, S.WITHDRAWN, S.EXPIRED}),
        S.VARIED: frozenset({S.VARIED, S.COMPLIED, S.BREACHED, S.WITHDRAWN, S.EXPIRED}),
        S.BREACHED: frozenset({S.EXPIRED}),
    },
    Power.PSPO: {
        S.DRAFT: frozenset({S.MADE, S.WITHDRAWN}),
        S.MADE: frozenset({S.VARIED, S.EXTENDED, S.DISCHARGED, S.EXPIRED, S.QUASHED}),
        S.VARIED: frozenset({S.VARIED, S.EXTENDED, S.DISCHARGED, S.EXPIRED, S.QUASHED}),
        S.EXTENDED: frozenset({S.VARIED, S.EXTENDED, S.DISCHARGED, S.EXPIRED, S.QUASHED}),
    },
    Power.CLOSURE_NOTICE: {
        S.DRAFT: frozenset({S.ISSUED, S.WITHDRAWN}),
        # A closure notice is followed by the closure-order application (ESCALATED) unless it is
        # cancelled (WITHDRAWN, s.78); EXTENDED is the court continuing it on adjournment (s.81).
        # EXTENDED covers the s.77(4) extension notice and the s.81 continuation; VARIED is a
        # s.78 variation notice (a cancellation notice is WITHDRAWN).
        S.ISSUED: frozenset({S.ESCALATED, S.WITHDRAWN, S.EXTENDED, S.VARIED, S.EXPIRED}),
        S.EXTENDED: frozenset({S.ESCALATED, S.WITHDRAWN, S.EXTENDED, S.VARIED, S.EXPIRED}),
        S.VARIED: frozenset({S.ESCALATED, S.WITHDRAWN, S.EXTENDED, S.VARIED, S.EXPIRED}),
    },
    Power.CLOSURE_ORDER: {
        S.DRAFT: frozenset({S.APPLIED, S.WITHDRAWN}),
        S.APPLIED: frozenset({S.GRANTED, S.REFUSED, S.WITHDRAWN}),
        # s.84(1): an appeal to the Crown Court against the order or an extension, by the occupier
        # or anyone with an interest in the premises.
        S.GRANTED: frozenset({S.EXTENDED, S.DISCHARGED, S.EXPIRED, S.APPEALED}),
        S.EXTENDED: frozenset({S.EXTENDED, S.DISCHARGED, S.EXPIRED, S.APPEALED}),
        # s.84(2)(a), (3)(a): the police or council that applied may appeal the magistrates'
        # refusal; the only way out of REFUSED. The Crown Court may then make the order (GRANTED,
        # s.84(6)) or dismiss the appeal (REFUSED again; ``closure_refusal_appeal_blockers``
        # allows one appeal).
        S.REFUSED: frozenset({S.APPEALED}),
        S.APPEALED: frozenset({S.UPHELD, S.QUASHED, S.VARIED, S.GRANTED, S.REFUSED}),
        S.UPHELD: frozenset({S.EXTENDED, S.DISCHARGED, S.EXPIRED}),
        S.VARIED: frozenset({S.EXTENDED, S.DISCHARGED, S.EXPIRED}),
    },
    Power.ABSOLUTE_GROUND: {
        S.DRAFT: frozenset({S.ISSUED, S.WITHDRAWN}),
        S.ISSUED: frozenset({S.REVIEW_REQUESTED, S.ESCALATED, S.WITHDRAWN}),
        S.REVIEW_REQUESTED: frozenset({S.UPHELD, S.WITHDRAWN}),
        S.UPHELD: frozenset({S.ESCALATED, S.WITHDRAWN}),
    },
}
del S


def allowed_transitions(power: Power, from_status: Status) -> frozenset[Status]:
    return TRANSITIONS[Power(power)].get(Status(from_status), frozenset())


def can_transition(power: Power, from_status: Status, to_status: Status) -> bool:
    """True when the workflow table allows ``from_status`` → ``to_status`` for ``power``."""
    return Status(to_status) in allowed_transitions(power, from_status)


def statuses_of(power: Power) -> frozenset[Status]:
    table = TRANSITIONS[Power(power)]
    found: set[Status] = set(table)
    for targets in table.values():
        found |= targets
    return frozenset(found)


def stopped_on(
    status: Status, *, ends_on: dt.date | None, last_change_on: dt.date, today: dt.date
) -> dt.date | None:
    """The day a use of a power stopped having effect, from which its record's retention runs;
    ``None`` while it may still have effect (a granted order with no end date, an application not
    yet decided, a notice whose end date is today or later).

    A draft never had effect (its last change). A use in a final status (``TERMINAL``: refused,
    quashed, withdrawn, discharged, expired, paid, prosecuted, escalated, complied) stopped on its
    last change. Any other status stops on its end date once that day has passed (an order or notice
    whose expiry was not recorded as a status), or on its last change if that came later."""
    status = Status(status)
    if status is Status.DRAFT or status in TERMINAL:
        return last_change_on
    if ends_on is not None and ends_on < today:
        return max(ends_on, last_change_on)
    return None
