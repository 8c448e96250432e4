"""Pure rules for the Anti-social Behaviour, Crime and Policing Act 2014 tools and powers.

No Django, no database: rule tables (dated and versioned), per-power state machines, guards that
return the reasons a step is blocked, and the statutory clocks. Services call these functions and
store ``RuleSet.version`` with every decision so that a later change in the law (the Crime and
Policing Bill raises the fixed penalty to £500, for example) never rewrites an old decision.

Conventions (see docs/powers.md):

* "within the period of N days beginning with the day on which X" includes day X, so the last day
  is X + (N - 1) days (CPN appeal s.46(2); PSPO challenge s.66; absolute-ground review s.85ZA).
* Hour periods for closure notices and the closure-order hearing disregard Christmas Day
  (s.77(3), s.80(4)); Christmas Day is 25 December in UK local time (Europe/London).
* Months are calendar months with month-end clamping: 30 November + 3 months = 28/29 February.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

UK_TZ = ZoneInfo("Europe/London")


# --------------------------------------------------------------------------------------------
# Rule tables: dated, versioned data
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Every statutory number the powers use, in force from ``effective_from``.

    Units sit in the names. Values marked UNCONFIRMED in the research notes are still here,
    as configuration, so that a deployment can correct them with a new dated version.
    """

    version: str
    effective_from: date
    source: str
    cpn_appeal_days: int = 21
    cpn_min_age: int = 16
    fpn_max_gbp: int = 100
    fpn_no_prosecution_days: int = 14
    dispersal_max_hours: int = 48
    dispersal_min_age: int = 10
    dispersal_removal_under_age: int = 16
    pspo_max_years: int = 3
    pspo_challenge_weeks: int = 6
    pspo_review_lead_days: int = 90
    closure_notice_max_hours: int = 24
    closure_notice_extended_max_hours: int = 48
    closure_hearing_within_hours: int = 48
    closure_order_max_months: int = 3
    closure_order_total_max_months: int = 6
    closure_adjourn_max_days: int = 14
    injunction_min_age: int = 10
    injunction_youth_max_months: int = 12
    youth_under_age: int = 18
    cbo_youth_years: tuple[int, int] = (1, 3)
    cbo_adult_min_years: int = 2  # UNCONFIRMED in the research notes: kept configurable
    cbo_youth_review_months: int = 12
    absolute_ground_review_days: int = 7


RULE_SETS: tuple[RuleSet, ...] = (
    RuleSet(
        version="2014-act-2014-10",
        effective_from=date(2014, 10, 20),
        source="ASBCPA 2014 as commenced 20 October 2014",
    ),
    RuleSet(
        # The 2022/2023 statutory guidance revisions changed no number; a fresh version marks
        # the guidance the decisions were taken under.
        version="2014-act-2023-03",
        effective_from=date(2023, 3, 1),
        source="ASBCPA 2014; Home Office statutory guidance revised March 2023",
    ),
)


class NoRulesInForce(LookupError):
    """No rule set covers the date asked about (before the Act commenced)."""


def rules_in_force(on: date, *, rule_sets: Sequence[RuleSet] = RULE_SETS) -> RuleSet:
    """The rule set with the latest ``effective_from`` on or before ``on``."""
    candidates = [r for r in rule_sets if r.effective_from <= on]
    if not candidates:
        raise NoRulesInForce(f"no ASBCPA 2014 rule set in force on {on.isoformat()}")
    return max(candidates, key=lambda r: r.effective_from)


def rule_set(version: str, *, rule_sets: Sequence[RuleSet] = RULE_SETS) -> RuleSet:
    """The rule set with this version string (used to re-read a stored decision)."""
    for r in rule_sets:
        if r.version == version:
            return r
    raise NoRulesInForce(f"unknown rule set version {version!r}")


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
    Power.FPN: "Fixed penalty notice (CPN breach)",
    Power.INJUNCTION: "Civil injunction",
    Power.CBO: "Criminal Behaviour Order",
    Power.DISPERSAL_AUTHORISATION: "Dispersal authorisation",
    Power.DISPERSAL_DIRECTION: "Dispersal direction",
    Power.PSPO: "Public Spaces Protection Order",
    Power.CLOSURE_NOTICE: "Closure notice",
    Power.CLOSURE_ORDER: "Closure order",
    Power.ABSOLUTE_GROUND: "Absolute ground for possession",
}

POWER_SECTIONS: dict[Power, str] = {
    Power.CPW: "s.43(5) Anti-social Behaviour, Crime and Policing Act 2014",
    Power.CPN: "s.43 Anti-social Behaviour, Crime and Policing Act 2014",
    Power.FPN: "s.52 Anti-social Behaviour, Crime and Policing Act 2014",
    Power.INJUNCTION: "s.1 Anti-social Behaviour, Crime and Policing Act 2014",
    Power.CBO: "s.22 Anti-social Behaviour, Crime and Policing Act 2014 / Sentencing Act 2020 s.330",
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
        S.APPEALED: frozenset({S.UPHELD, S.VARIED, S.QUASHED}),
        S.UPHELD: frozenset({S.COMPLIED, S.BREACHED, S.WITHDRAWN, S.EXPIRED}),
        S.VARIED: frozenset({S.COMPLIED, S.BREACHED, S.WITHDRAWN, S.EXPIRED}),
        S.BREACHED: frozenset({S.COMPLIED, S.EXPIRED, S.WITHDRAWN}),
    },
    Power.FPN: {
        S.DRAFT: frozenset({S.ISSUED, S.WITHDRAWN}),
        S.ISSUED: frozenset({S.PAID, S.PROSECUTED, S.WITHDRAWN}),
    },
    Power.INJUNCTION: {
        S.DRAFT: frozenset({S.APPLIED, S.WITHDRAWN}),
        S.APPLIED: frozenset({S.GRANTED, S.REFUSED, S.WITHDRAWN}),
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
        S.ISSUED: frozenset({S.ESCALATED, S.WITHDRAWN, S.EXTENDED, S.EXPIRED}),
        S.EXTENDED: frozenset({S.ESCALATED, S.WITHDRAWN, S.EXPIRED}),
    },
    Power.CLOSURE_ORDER: {
        S.DRAFT: frozenset({S.APPLIED, S.WITHDRAWN}),
        S.APPLIED: frozenset({S.GRANTED, S.REFUSED, S.WITHDRAWN}),
        S.GRANTED: frozenset({S.EXTENDED, S.DISCHARGED, S.EXPIRED}),
        S.EXTENDED: frozenset({S.EXTENDED, S.DISCHARGED, S.EXPIRED}),
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


# --------------------------------------------------------------------------------------------
# Issuers: the capacity in which a person acts (recorded on each power, not the system role)
# --------------------------------------------------------------------------------------------


class IssuerCapacity(StrEnum):
    CONSTABLE = "constable"
    INSPECTOR = "inspector"  # inspector or chief inspector
    SUPERINTENDENT = "superintendent"  # superintendent or above
    PCSO_DESIGNATED = "pcso_designated"
    LOCAL_AUTHORITY = "local_authority"
    LA_CHIEF_EXECUTIVE = "la_chief_executive"  # chief executive or designate (s.77)
    LA_DESIGNATED_PERSON = "la_designated_person"  # s.53(1)(c), e.g. a social landlord's officer
    HOUSING_PROVIDER = "housing_provider"
    PROSECUTOR = "prosecutor"
    OTHER = "other"


ISSUER_LABELS: dict[IssuerCapacity, str] = {
    IssuerCapacity.CONSTABLE: "Police constable",
    IssuerCapacity.INSPECTOR: "Police inspector (or chief inspector)",
    IssuerCapacity.SUPERINTENDENT: "Police superintendent or above",
    IssuerCapacity.PCSO_DESIGNATED: "Designated PCSO",
    IssuerCapacity.LOCAL_AUTHORITY: "Local authority officer",
    IssuerCapacity.LA_CHIEF_EXECUTIVE: "Local authority chief executive or designate",
    IssuerCapacity.LA_DESIGNATED_PERSON: "Person designated by the local authority (s.53)",
    IssuerCapacity.HOUSING_PROVIDER: "Housing provider",
    IssuerCapacity.PROSECUTOR: "Prosecutor (CPS)",
    IssuerCapacity.OTHER: "Other",
}

_POLICE = {IssuerCapacity.CONSTABLE, IssuerCapacity.INSPECTOR, IssuerCapacity.SUPERINTENDENT}
_LA = {IssuerCapacity.LOCAL_AUTHORITY, IssuerCapacity.LA_CHIEF_EXECUTIVE}

# Who may take each step. Every police officer holds the office of constable, so inspectors and
# superintendents may do whatever a constable may.
AUTHORISED_ISSUERS: dict[Power, frozenset[IssuerCapacity]] = {
    Power.CPW: frozenset(
        _POLICE | _LA | {IssuerCapacity.PCSO_DESIGNATED, IssuerCapacity.LA_DESIGNATED_PERSON}
    ),
    Power.CPN: frozenset(
        _POLICE | _LA | {IssuerCapacity.PCSO_DESIGNATED, IssuerCapacity.LA_DESIGNATED_PERSON}
    ),
    Power.FPN: frozenset(
        _POLICE | _LA | {IssuerCapacity.PCSO_DESIGNATED, IssuerCapacity.LA_DESIGNATED_PERSON}
    ),
    Power.INJUNCTION: frozenset(_POLICE | _LA | {IssuerCapacity.HOUSING_PROVIDER}),
    Power.CBO: frozenset({IssuerCapacity.PROSECUTOR}),
    Power.DISPERSAL_AUTHORISATION: frozenset({IssuerCapacity.INSPECTOR, IssuerCapacity.SUPERINTENDENT}),
    Power.DISPERSAL_DIRECTION: frozenset(_POLICE | {IssuerCapacity.PCSO_DESIGNATED}),
    Power.PSPO: frozenset(_LA),
    Power.CLOSURE_NOTICE: frozenset({IssuerCapacity.INSPECTOR, IssuerCapacity.SUPERINTENDENT} | _LA),
    Power.CLOSURE_ORDER: frozenset(_POLICE | _LA),
    Power.ABSOLUTE_GROUND: frozenset({IssuerCapacity.HOUSING_PROVIDER, IssuerCapacity.LOCAL_AUTHORITY}),
}

# Closure notices longer than 24 hours need this seniority (s.77(2)).
CLOSURE_EXTENDED_SIGNOFF: frozenset[IssuerCapacity] = frozenset(
    {IssuerCapacity.SUPERINTENDENT, IssuerCapacity.LA_CHIEF_EXECUTIVE}
)


def issuer_blockers(power: Power, issuer: IssuerCapacity | str | None) -> list[str]:
    if not issuer:
        return ["Record the capacity in which the issuer acts"]
    if IssuerCapacity(issuer) not in AUTHORISED_ISSUERS[Power(power)]:
        label = ISSUER_LABELS[IssuerCapacity(issuer)]
        return [f"A {label.lower()} cannot issue a {POWER_LABELS[Power(power)].lower()}"]
    return []


# --------------------------------------------------------------------------------------------
# Calendar helpers
# --------------------------------------------------------------------------------------------


def add_months(start: date, months: int) -> date:
    """Calendar-month arithmetic, clamped to month end (31 Aug + 6 months = 28/29 Feb)."""
    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def add_months_dt(start: datetime, months: int) -> datetime:
    d = add_months(start.date(), months)
    return start.replace(year=d.year, month=d.month, day=d.day)


def add_years(start: date, years: int) -> date:
    return add_months(start, 12 * years)


def age_on(date_of_birth: date, on: date) -> int:
    """Completed years on ``on``; someone born on 29 February turns a year older on 1 March."""
    years = on.year - date_of_birth.year
    if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def period_last_day(start: date, days: int) -> date:
    """Last day of "the period of ``days`` days beginning with" ``start`` (start counts)."""
    if days < 1:
        raise ValueError("a period has at least one day")
    return start + timedelta(days=days - 1)


def _require_aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("statutory hour clocks need a timezone-aware datetime")
    return moment


def christmas_interval_utc(year: int) -> tuple[datetime, datetime]:
    """25 December of ``year`` in UK local time, as a half-open UTC interval."""
    start = datetime(year, 12, 25, tzinfo=UK_TZ).astimezone(UTC)
    end = datetime(year, 12, 26, tzinfo=UK_TZ).astimezone(UTC)
    return start, end


def add_hours_disregarding_christmas(start: datetime, hours: float) -> datetime:
    """``start`` + ``hours`` of elapsed time, where time on Christmas Day does not count.

    Used for s.77(3) (closure notice duration) and s.80(4) (hearing within 48 hours of service).
    Returns a datetime in the timezone of ``start``.
    """
    _require_aware(start)
    if hours < 0:
        raise ValueError("hours must not be negative")
    remaining = timedelta(hours=hours)
    t = start.astimezone(UTC)
    while True:
        xmas_start, xmas_end = christmas_interval_utc(t.astimezone(UK_TZ).year)
        if xmas_start <= t < xmas_end:
            t = xmas_end
            continue
        if t >= xmas_end:  # this year's Christmas has passed: look at next year's
            xmas_start, xmas_end = christmas_interval_utc(t.astimezone(UK_TZ).year + 1)
        if t + remaining <= xmas_start:
            return (t + remaining).astimezone(start.tzinfo)
        remaining -= xmas_start - t
        t = xmas_end
        if remaining <= timedelta(0):
            # Ends exactly at the start of Christmas Day; the deadline is that instant.
            return xmas_start.astimezone(start.tzinfo)


def hours_disregarding_christmas(start: datetime, end: datetime) -> float:
    """Elapsed hours from ``start`` to ``end`` not counting Christmas Day (inverse of the above)."""
    _require_aware(start)
    _require_aware(end)
    if end < start:
        raise ValueError("end is before start")
    total = end - start
    a, b = start.astimezone(UTC), end.astimezone(UTC)
    for year in range(a.astimezone(UK_TZ).year, b.astimezone(UK_TZ).year + 1):
        xs, xe = christmas_interval_utc(year)
        overlap = min(b, xe) - max(a, xs)
        if overlap > timedelta(0):
            total -= overlap
    return total.total_seconds() / 3600


# --------------------------------------------------------------------------------------------
# Recipients
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Recipient:
    """Who a notice or order is addressed to. ``key`` identifies the recipient (e.g. person id)."""

    key: str
    is_body: bool = False
    date_of_birth: date | None = None

    def age_on(self, on: date) -> int | None:
        return None if self.is_body or self.date_of_birth is None else age_on(self.date_of_birth, on)


def _age_blockers(recipient: Recipient, on: date, *, min_age: int, what: str) -> list[str]:
    if recipient.is_body:
        return []
    age = recipient.age_on(on)
    if age is None:
        return [f"Record the recipient's date of birth: a {what} needs them to be {min_age} or over"]
    if age < min_age:
        return [f"The recipient is {age}: a {what} can only be given to someone aged {min_age} or over"]
    return []


def is_youth(recipient: Recipient, on: date, rules: RuleSet) -> bool:
    age = recipient.age_on(on)
    return age is not None and age < rules.youth_under_age


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
) -> list[str]:
    """Reasons a Community Protection Notice cannot be issued (rule 11.1; s.43(1), (5), (6)).

    ``conduct_persists`` records the issuer's finding that, despite the time to comply, the
    conduct is still having the detrimental effect. ``informed_parties`` is the s.43(6) list.
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
        if normalise_conduct(cpw.conduct) != normalise_conduct(conduct):
            reasons.append("The notice must be about the same conduct as the warning")
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


def requirement_in_effect(kind: RequirementKind | str, *, appeal_pending: bool) -> bool:
    """s.46(3): while an appeal is pending only the "stop doing" requirements have effect."""
    return not appeal_pending or RequirementKind(kind) is RequirementKind.STOP


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


# --------------------------------------------------------------------------------------------
# Civil injunction (Part 1) and CBO
# --------------------------------------------------------------------------------------------


class Court(StrEnum):
    YOUTH = "youth_court"
    COUNTY = "county_court"
    HIGH = "high_court"
    MAGISTRATES = "magistrates_court"
    CROWN = "crown_court"


def injunction_court(recipient: Recipient, on: date, *, rules: RuleSet) -> Court:
    """s.1(8): youth court for an under-18 respondent, otherwise the county court."""
    return Court.YOUTH if is_youth(recipient, on, rules) else Court.COUNTY


def injunction_blockers(
    *,
    rules: RuleSet,
    recipient: Recipient,
    applied_on: date,
    issuer: IssuerCapacity | str | None,
    court: Court | str,
    ends_on: date | None,
    yot_consulted_on: date | None,
    without_notice: bool = False,
) -> list[str]:
    """Guard for an injunction application (s.1, s.14; rule 11.7).

    Youth: youth court; a fixed term of at most 12 months; the YOT consulted before applying
    (for a without-notice application, before the first on-notice hearing — recorded later).
    """
    reasons = issuer_blockers(Power.INJUNCTION, issuer)
    if recipient.is_body:
        reasons.append("A civil injunction is made against a person, not a body")
        return reasons
    reasons += _age_blockers(recipient, applied_on, min_age=rules.injunction_min_age, what="civil injunction")
    youth = is_youth(recipient, applied_on, rules)
    if youth:
        if Court(court) is not Court.YOUTH:
            reasons.append("The respondent is under 18: apply to the youth court")
        if ends_on is None:
            reasons.append("The respondent is under 18: the injunction needs an end date")
        elif ends_on > add_months(applied_on, rules.injunction_youth_max_months):
            reasons.append(
                f"The respondent is under 18: the injunction cannot last more than "
                f"{rules.injunction_youth_max_months} months"
            )
        if not without_notice and (yot_consulted_on is None or yot_consulted_on > applied_on):
            reasons.append("Record the youth offending team consultation before applying")
    elif Court(court) is Court.YOUTH:
        reasons.append("The respondent is 18 or over: apply to the county court or High Court")
    if ends_on is not None and ends_on <= applied_on:
        reasons.append("The end date must be after the application date")
    return reasons


class Disposal(StrEnum):
    SENTENCE = "sentence"
    CONDITIONAL_DISCHARGE = "conditional_discharge"
    ABSOLUTE_DISCHARGE = "absolute_discharge"
    BIND_OVER = "bind_over"


def cbo_blockers(
    *,
    rules: RuleSet,
    recipient: Recipient,
    applied_on: date,
    issuer: IssuerCapacity | str | None,
    convicted_on: date | None,
    disposal: Disposal | str | None,
    starts_on: date,
    ends_on: date | None,
    yot_views_on: date | None,
) -> list[str]:
    """Guard for a CBO application (s.22; Sentencing Act 2020 ss.330-342; rule 11.7).

    ``ends_on`` None means an indefinite order (adults only).
    """
    reasons = issuer_blockers(Power.CBO, issuer)
    if convicted_on is None:
        reasons.append("A criminal behaviour order needs a conviction: record the conviction date")
    elif convicted_on > applied_on:
        reasons.append("The conviction must come before the application")
    if disposal is None:
        reasons.append("Record the sentence or conditional discharge")
    elif Disposal(disposal) in (Disposal.ABSOLUTE_DISCHARGE, Disposal.BIND_OVER):
        reasons.append("A criminal behaviour order cannot follow an absolute discharge or a bind-over")
    youth = is_youth(recipient, applied_on, rules)
    low, high = rules.cbo_youth_years
    if youth:
        if ends_on is None:
            reasons.append("The offender is under 18: the order must be for a fixed period")
        elif not add_years(starts_on, low) <= ends_on <= add_years(starts_on, high):
            reasons.append(f"The offender is under 18: the order must last between {low} and {high} years")
        if yot_views_on is None or yot_views_on > applied_on:
            reasons.append("Record the youth offending team's views before applying")
    elif ends_on is not None and ends_on < add_years(starts_on, rules.cbo_adult_min_years):
        reasons.append(
            f"An adult's order must last at least {rules.cbo_adult_min_years} years, or be indefinite"
        )
    return reasons


def cbo_youth_review_dates(
    *, recipient: Recipient, starts_on: date, ends_on: date | None, rules: RuleSet
) -> list[date]:
    """Annual review dates while the offender is under 18 (Sentencing Act 2020 s.337).

    A review falls every 12 months from the start, for as long as the offender is still under
    18 on the review date and the order is still running.
    """
    if recipient.date_of_birth is None or recipient.is_body:
        return []
    eighteenth = add_years(recipient.date_of_birth, rules.youth_under_age)
    dates: list[date] = []
    n = 1
    while True:
        due = add_months(starts_on, rules.cbo_youth_review_months * n)
        if due >= eighteenth or (ends_on is not None and due >= ends_on):
            return dates
        dates.append(due)
        n += 1


def _decision_date_blockers(
    *, on: date, not_before: date, not_before_what: str, today: date, what: str
) -> list[str]:
    reasons = []
    if on < not_before:
        reasons.append(f"The {what} cannot be dated before {not_before_what}")
    if on > today:
        reasons.append(f"The date of the {what} must be today or in the past")
    return reasons


def injunction_outcome_blockers(
    *,
    rules: RuleSet,
    recipient: Recipient,
    applied_on: date,
    decided_on: date,
    granted: bool,
    ends_on: date | None,
    requirements: str,
    today: date,
) -> list[str]:
    """The court's decision on an application (s.1). Granted before the respondent is 18: a fixed
    period of at most 12 months from the grant (s.1(6)); adults: an end date or until further order."""
    reasons = _decision_date_blockers(
        on=decided_on,
        not_before=applied_on,
        not_before_what="the application",
        today=today,
        what="decision",
    )
    if not granted:
        return reasons
    if not requirements.strip():
        reasons.append("Record the prohibitions and requirements the court granted")
    if ends_on is not None and ends_on <= decided_on:
        reasons.append("The injunction must end after it is granted")
    elif is_youth(recipient, decided_on, rules):
        limit = add_months(decided_on, rules.injunction_youth_max_months)
        if ends_on is None:
            reasons.append("The respondent is under 18: the injunction must have an end date")
        elif ends_on > limit:
            reasons.append(
                f"The respondent is under 18: the injunction cannot last more than "
                f"{rules.injunction_youth_max_months} months (latest end {limit:%-d %B %Y})"
            )
    return reasons


def injunction_variation_blockers(
    *,
    rules: RuleSet,
    granted_on: date,
    granted_to_youth: bool,
    current_end: date | None,
    varied_on: date,
    new_end: date | None,
    requirements: str,
    today: date,
) -> list[str]:
    """s.8: the court varies an injunction in force. One granted to an under-18 keeps a fixed end
    no later than 12 months from the grant (s.1(6) read with s.8(3); a conservative reading kept as
    ``injunction_youth_max_months`` in the rule set)."""
    reasons = _decision_date_blockers(
        on=varied_on,
        not_before=granted_on,
        not_before_what="the injunction was granted",
        today=today,
        what="variation",
    )
    if current_end is not None and varied_on > current_end:
        reasons.append(f"The injunction ended on {current_end:%-d %B %Y}: it can no longer be varied")
    if not requirements.strip():
        reasons.append("Record the prohibitions and requirements as varied")
    if new_end is not None and new_end <= varied_on:
        reasons.append("The varied injunction must end after the variation")
    elif granted_to_youth:
        limit = add_months(granted_on, rules.injunction_youth_max_months)
        if new_end is None:
            reasons.append("The injunction was granted to someone under 18: it must keep an end date")
        elif new_end > limit:
            reasons.append(
                f"The injunction was granted to someone under 18: it cannot run beyond "
                f"{rules.injunction_youth_max_months} months from the grant (latest end {limit:%-d %B %Y})"
            )
    return reasons


def order_discharge_blockers(
    *, started_on: date, current_end: date | None, discharged_on: date, today: date, what: str
) -> list[str]:
    """The court discharged an order in force (injunction s.8, CBO Sentencing Act 2020 s.340,
    closure order s.83): on or after it started, not after it ended, not in the future."""
    reasons = _decision_date_blockers(
        on=discharged_on,
        not_before=started_on,
        not_before_what=f"the {what} started",
        today=today,
        what="discharge",
    )
    if current_end is not None and discharged_on > current_end:
        reasons.append(
            f"The {what} ended on {current_end:%-d %B %Y}: an order that has ended cannot be discharged"
        )
    return reasons


def cbo_duration_blockers(
    *, rules: RuleSet, made_on_youth: bool, starts_on: date, ends_on: date | None
) -> list[str]:
    """Youth order: a fixed 1-3 years; adult: at least 2 years, or indefinite (s.25 / SA 2020 s.333)."""
    low, high = rules.cbo_youth_years
    if made_on_youth:
        if ends_on is None:
            return ["The order was made on someone under 18: it must be for a fixed period"]
        if not add_years(starts_on, low) <= ends_on <= add_years(starts_on, high):
            return [f"An order made on someone under 18 must last between {low} and {high} years"]
        return []
    if ends_on is not None and ends_on < add_years(starts_on, rules.cbo_adult_min_years):
        return [f"An adult's order must last at least {rules.cbo_adult_min_years} years, or be indefinite"]
    return []


def cbo_variation_blockers(
    *,
    rules: RuleSet,
    made_on_youth: bool,
    starts_on: date,
    current_end: date | None,
    varied_on: date,
    new_end: date | None,
    requirements: str,
    today: date,
) -> list[str]:
    """Sentencing Act 2020 s.340: the court varies an order in force; the duration rules still hold."""
    reasons = _decision_date_blockers(
        on=varied_on,
        not_before=starts_on,
        not_before_what="the order started",
        today=today,
        what="variation",
    )
    if current_end is not None and varied_on > current_end:
        reasons.append(f"The order ended on {current_end:%-d %B %Y}: it can no longer be varied")
    if not requirements.strip():
        reasons.append("Record the prohibitions and requirements as varied")
    if new_end is not None and new_end <= varied_on:
        reasons.append("The varied order must end after the variation")
    else:
        reasons += cbo_duration_blockers(
            rules=rules, made_on_youth=made_on_youth, starts_on=starts_on, ends_on=new_end
        )
    return reasons


# --------------------------------------------------------------------------------------------
# Dispersal (ss.34-42)
# --------------------------------------------------------------------------------------------


def dispersal_authorisation_blockers(
    *,
    rules: RuleSet,
    issuer: IssuerCapacity | str | None,
    locality: str,
    grounds: str,
    starts_at: datetime,
    ends_at: datetime,
    human_rights_considered: str,
    signed: bool,
) -> list[str]:
    """s.34 / rule 11.4: inspector or above, written signed grounds, locality, ≤48 h, Arts 10/11."""
    reasons = issuer_blockers(Power.DISPERSAL_AUTHORISATION, issuer)
    if not locality.strip():
        reasons.append("Describe the locality the authorisation covers")
    if not grounds.strip():
        reasons.append("Give the grounds for the authorisation in writing")
    if not human_rights_considered.strip():
        reasons.append("Record how you had regard to the rights of freedom of expression and assembly")
    if not signed:
        reasons.append("The authorisation must be signed")
    if ends_at <= starts_at:
        reasons.append("The authorisation must end after it starts")
    elif ends_at - starts_at > timedelta(hours=rules.dispersal_max_hours):
        reasons.append(f"An authorisation cannot last more than {rules.dispersal_max_hours} hours")
    return reasons


S36_EXCLUSIONS: tuple[str, ...] = (
    "the place where the person lives",
    "work the person is required or expected to attend",
    "a court order or tribunal obligation",
    "education or training",
    "medical treatment",
    "peaceful picketing or a lawful public procession",
)


def dispersal_direction_blockers(
    *,
    rules: RuleSet,
    issuer: IssuerCapacity | str | None,
    recipient: Recipient,
    given_at: datetime,
    excluded_until: datetime,
    authorisation_window: tuple[datetime, datetime] | None,
    in_writing: bool,
    not_in_writing_reason: str = "",
    exclusions_checked: Iterable[str] = (),
) -> list[str]:
    """s.35-36 / rule 11.4: active authorisation, age ≥ 10, ≤ 48 h, written notice, s.36 check."""
    reasons = issuer_blockers(Power.DISPERSAL_DIRECTION, issuer)
    if authorisation_window is None:
        reasons.append("A direction needs a dispersal authorisation")
    else:
        a_start, a_end = authorisation_window
        if not a_start <= given_at < a_end:
            reasons.append("The dispersal authorisation is not in force at the time of the direction")
    if recipient.is_body:
        reasons.append("A dispersal direction is given to a person")
    else:
        age = recipient.age_on(given_at.date())
        if age is not None and age < rules.dispersal_min_age:
            reasons.append(f"A direction cannot be given to a child under {rules.dispersal_min_age}")
    if excluded_until <= given_at:
        reasons.append("The exclusion must end after the direction is given")
    elif excluded_until - given_at > timedelta(hours=rules.dispersal_max_hours):
        reasons.append(f"The exclusion cannot last more than {rules.dispersal_max_hours} hours")
    if not in_writing and not not_in_writing_reason.strip():
        reasons.append("Give the direction in writing, or say why that was not reasonably practicable")
    missing = set(S36_EXCLUSIONS) - set(exclusions_checked)
    if missing:
        reasons.append(
            "Confirm the direction does not stop the person reaching " + "; ".join(sorted(missing))
        )
    return reasons


def dispersal_removal_allowed(recipient: Recipient, on: date, *, rules: RuleSet) -> bool:
    """s.35(7): a person believed to be under 16 may be removed home or to a place of safety."""
    age = recipient.age_on(on)
    return age is not None and age < rules.dispersal_removal_under_age


def dispersal_variation_blockers(
    *, rules: RuleSet, first_given_at: datetime, new_excluded_until: datetime
) -> list[str]:
    """s.35(8): a variation cannot extend the exclusion beyond 48 h from when first given."""
    if new_excluded_until - first_given_at > timedelta(hours=rules.dispersal_max_hours):
        return [
            f"A variation cannot extend the exclusion beyond {rules.dispersal_max_hours} hours "
            "from the direction"
        ]
    return []


def dispersal_variation_step_blockers(
    *,
    rules: RuleSet,
    issuer: IssuerCapacity | str | None,
    first_given_at: datetime,
    current_excluded_until: datetime,
    varied_at: datetime,
    new_excluded_until: datetime,
    now: datetime,
    in_writing: bool,
    not_in_writing_reason: str = "",
) -> list[str]:
    """s.35(8)-(9): any constable may vary a direction still running; never beyond 48 hours from
    when it was first given; notice of the variation in writing unless not reasonably practicable."""
    reasons = issuer_blockers(Power.DISPERSAL_DIRECTION, issuer)
    if varied_at < first_given_at:
        reasons.append("The variation cannot be before the direction was given")
    if varied_at > now:
        reasons.append("The time of the variation must be now or in the past")
    if varied_at >= current_excluded_until:
        reasons.append(
            f"The exclusion ended {current_excluded_until.astimezone(UK_TZ):%-d %B %Y at %H:%M}: "
            "a direction that has ended cannot be varied"
        )
    if new_excluded_until <= varied_at:
        reasons.append("The varied exclusion must end after the variation")
    else:
        reasons += dispersal_variation_blockers(
            rules=rules, first_given_at=first_given_at, new_excluded_until=new_excluded_until
        )
    if not in_writing and not not_in_writing_reason.strip():
        reasons.append(
            "Give notice of the variation in writing, or say why that was not reasonably practicable"
        )
    return reasons


# --------------------------------------------------------------------------------------------
# PSPO (ss.59-75)
# --------------------------------------------------------------------------------------------

PSPO_CONSULTEES: tuple[str, ...] = (
    "chief_officer_of_police",
    "local_policing_body",
    "community_representatives",
    "owners_occupiers",
    "county_council_notified",
    "parish_council_notified",
)

PSPO_CONSULTEE_LABELS: dict[str, str] = {
    "chief_officer_of_police": "the chief officer of police",
    "local_policing_body": "the police and crime commissioner",
    "community_representatives": "community representatives",
    "owners_occupiers": "owners and occupiers of the land",
    "county_council_notified": "the county council (notified)",
    "parish_council_notified": "the parish or community council (notified)",
}


def pspo_blockers(
    *,
    rules: RuleSet,
    issuer: IssuerCapacity | str | None,
    made_on: date,
    expires_on: date,
    consultation_done: Iterable[str],
    publicised: bool,
    two_tier: bool = True,
    parished: bool = True,
) -> list[str]:
    """s.59, s.60, s.72 / rule 11.6: making, extending or varying a PSPO."""
    reasons = issuer_blockers(Power.PSPO, issuer)
    if expires_on <= made_on:
        reasons.append("The order must end after it is made")
    elif expires_on > add_years(made_on, rules.pspo_max_years):
        reasons.append(f"A PSPO cannot last more than {rules.pspo_max_years} years")
    reasons += pspo_consultation_blockers(
        consultation_done=consultation_done,
        publicised=publicised,
        two_tier=two_tier,
        parished=parished,
        doing="making",
    )
    return reasons


def pspo_consultation_blockers(
    *,
    consultation_done: Iterable[str],
    publicised: bool,
    two_tier: bool = True,
    parished: bool = True,
    doing: str = "making",
) -> list[str]:
    """s.72(3)-(5): before making, extending, varying or discharging, consult, notify, publicise."""
    reasons = []
    needed = set(PSPO_CONSULTEES)
    if not two_tier:
        needed.discard("county_council_notified")
    if not parished:
        needed.discard("parish_council_notified")
    missing = needed - set(consultation_done)
    if missing:
        reasons.append(
            "Complete the consultation record: "
            + "; ".join(PSPO_CONSULTEE_LABELS[m] for m in sorted(missing))
        )
    if not publicised:
        reasons.append(f"Publicise the proposal before {doing} the order")
    return reasons


def pspo_challenge_deadline(made_on: date, *, rules: RuleSet) -> date:
    """Last day for a High Court challenge: 6 weeks beginning with the day made or varied (s.66)."""
    return period_last_day(made_on, rules.pspo_challenge_weeks * 7)


def pspo_review_due(expires_on: date, *, rules: RuleSet) -> date:
    """When to review whether to extend (an extension must be made before expiry)."""
    return expires_on - timedelta(days=rules.pspo_review_lead_days)


def pspo_extension_blockers(
    *, rules: RuleSet, current_expiry: date, extended_on: date, new_expiry: date
) -> list[str]:
    """s.60(2)-(4): extended before it expires, each time for at most 3 years."""
    reasons = []
    if extended_on >= current_expiry:
        reasons.append("An order can only be extended before it expires")
    if new_expiry <= current_expiry:
        reasons.append("The new expiry must be later than the current one")
    elif new_expiry > add_years(extended_on, rules.pspo_max_years):
        reasons.append(f"An extension cannot be for more than {rules.pspo_max_years} years")
    return reasons


def pspo_extension_step_blockers(
    *,
    rules: RuleSet,
    issuer: IssuerCapacity | str | None,
    made_on: date,
    current_expiry: date,
    extended_on: date,
    new_expiry: date,
    today: date,
    consultation_done: Iterable[str],
    publicised: bool,
    two_tier: bool = True,
    parished: bool = True,
) -> list[str]:
    """Rule 11.6: an extension needs the issuer, the dates and a completed consultation record."""
    reasons = issuer_blockers(Power.PSPO, issuer)
    if extended_on < made_on:
        reasons.append("The extension cannot be dated before the order was made")
    if extended_on > today:
        reasons.append("The date of the extension must be today or in the past")
    reasons += pspo_extension_blockers(
        rules=rules, current_expiry=current_expiry, extended_on=extended_on, new_expiry=new_expiry
    )
    reasons += pspo_consultation_blockers(
        consultation_done=consultation_done,
        publicised=publicised,
        two_tier=two_tier,
        parished=parished,
        doing="extending",
    )
    return reasons


def pspo_variation_blockers(
    *,
    issuer: IssuerCapacity | str | None,
    made_on: date,
    current_expiry: date,
    varied_on: date,
    today: date,
    restrictions_changed: bool,
    consultation_done: Iterable[str],
    publicised: bool,
    two_tier: bool = True,
    parished: bool = True,
) -> list[str]:
    """s.61, s.72: a variation changes the restricted area or the requirements of an order in force;
    consultation first. (Changing how long it lasts is an extension, s.60.)"""
    reasons = issuer_blockers(Power.PSPO, issuer)
    if varied_on < made_on:
        reasons.append("The variation cannot be dated before the order was made")
    if varied_on > today:
        reasons.append("The date of the variation must be today or in the past")
    if varied_on >= current_expiry:
        reasons.append(f"The order expired on {current_expiry:%-d %B %Y}: it can no longer be varied")
    if not restrictions_changed:
        reasons.append("Change the restricted area or the prohibitions and requirements")
    reasons += pspo_consultation_blockers(
        consultation_done=consultation_done,
        publicised=publicised,
        two_tier=two_tier,
        parished=parished,
        doing="varying",
    )
    return reasons


# --------------------------------------------------------------------------------------------
# Closure notice and closure order (ss.76-93)
# --------------------------------------------------------------------------------------------


def closure_notice_max_hours(
    issuer: IssuerCapacity | str | None, *, senior_signoff: bool, rules: RuleSet
) -> int:
    """24 hours; 48 hours with superintendent or LA chief-executive (designate) sign-off (s.77)."""
    if senior_signoff or (issuer is not None and IssuerCapacity(issuer) in CLOSURE_EXTENDED_SIGNOFF):
        return rules.closure_notice_extended_max_hours
    return rules.closure_notice_max_hours


def closure_notice_blockers(
    *,
    rules: RuleSet,
    issuer: IssuerCapacity | str | None,
    senior_signoff: bool,
    duration_hours: int,
    residents_informed: bool,
    excludes_residents_or_owner: bool,
    hearing_details_given: bool,
) -> list[str]:
    """s.76-77 / rule 11.5."""
    reasons = issuer_blockers(Power.CLOSURE_NOTICE, issuer)
    limit = closure_notice_max_hours(issuer, senior_signoff=senior_signoff, rules=rules)
    if duration_hours <= 0:
        reasons.append("Enter how many hours the notice lasts")
    elif duration_hours > limit:
        if limit < rules.closure_notice_extended_max_hours:
            reasons.append(
                f"A closure notice lasts at most {rules.closure_notice_max_hours} hours; "
                f"up to {rules.closure_notice_extended_max_hours} hours needs superintendent or "
                "local authority chief executive sign-off"
            )
        else:
            reasons.append(f"A closure notice cannot last more than {limit} hours")
    if excludes_residents_or_owner:
        reasons.append("A closure notice cannot exclude people who live at the premises or the owner")
    if not residents_informed:
        reasons.append("Make reasonable efforts to inform residents and anyone with an interest first")
    if not hearing_details_given:
        reasons.append("State when and where the closure order application will be heard")
    return reasons


def closure_notice_expiry(served_at: datetime, duration_hours: int) -> datetime:
    """End of the notice, Christmas Day disregarded (s.77(3))."""
    return add_hours_disregarding_christmas(served_at, duration_hours)


def closure_hearing_due(served_at: datetime, *, rules: RuleSet | None = None) -> datetime:
    """Latest time for the magistrates' hearing: 48 h after service, not counting Christmas Day."""
    r = rules or rules_in_force(served_at.date())
    return add_hours_disregarding_christmas(served_at, r.closure_hearing_within_hours)


def closure_order_blockers(*, rules: RuleSet, made_on: date, ends_on: date) -> list[str]:
    if ends_on <= made_on:
        return ["The order must end after it is made"]
    if ends_on > add_months(made_on, rules.closure_order_max_months):
        return [f"A closure order cannot last more than {rules.closure_order_max_months} months"]
    return []


def closure_order_latest_end(first_made_on: date, *, rules: RuleSet) -> date:
    return add_months(first_made_on, rules.closure_order_total_max_months)


def closure_order_extension_blockers(
    *, rules: RuleSet, first_made_on: date, current_end: date, applied_on: date, new_end: date
) -> list[str]:
    """s.82: apply before expiry; the total, with extensions, never beyond 6 months."""
    reasons = []
    if applied_on > current_end:
        reasons.append("Apply for the extension before the order ends")
    if new_end <= current_end:
        reasons.append("The extension must end after the current order")
    latest = closure_order_latest_end(first_made_on, rules=rules)
    if new_end > latest:
        reasons.append(
            f"Extensions cannot take the order beyond {rules.closure_order_total_max_months} months in total "
            f"(latest end {latest:%-d %B %Y})"
        )
    return reasons


# --------------------------------------------------------------------------------------------
# Absolute ground for possession (HA 1985 s.84A, s.85ZA)
# --------------------------------------------------------------------------------------------


class AbsoluteCondition(StrEnum):
    SERIOUS_OFFENCE = "serious_offence"
    INJUNCTION_BREACH = "injunction_breach"
    CBO_BREACH = "cbo_breach"
    CLOSURE_ORDER = "closure_order"
    NOISE_ABATEMENT_BREACH = "noise_abatement_breach"


def absolute_ground_review_deadline(notice_served_on: date, *, rules: RuleSet) -> date:
    """Last day to request a review: 7 days beginning with service; no extension is possible."""
    return period_last_day(notice_served_on, rules.absolute_ground_review_days)


def absolute_ground_review_blockers(
    *, notice_served_on: date, requested_on: date, rules: RuleSet
) -> list[str]:
    deadline = absolute_ground_review_deadline(notice_served_on, rules=rules)
    if requested_on < notice_served_on:
        return ["A review request cannot be dated before the notice was served"]
    if requested_on > deadline:
        return [
            f"The review request was due by {deadline:%-d %B %Y}; the landlord has no power to extend the "
            f"{rules.absolute_ground_review_days}-day period"
        ]
    return []


def absolute_ground_blockers(
    *,
    issuer: IssuerCapacity | str | None,
    condition: AbsoluteCondition | str | None,
    closure_order_hours_in_force: float | None = None,
) -> list[str]:
    reasons = issuer_blockers(Power.ABSOLUTE_GROUND, issuer)
    if condition is None:
        reasons.append("Choose which of the five conditions is met")
    elif (
        AbsoluteCondition(condition) is AbsoluteCondition.CLOSURE_ORDER
        and (closure_order_hours_in_force or 0) <= 48
    ):
        reasons.append("The closure-order condition needs an order in force for more than 48 hours")
    return reasons


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
    *, power: Power | str, status: Status | str, outcome: Status | str, issued_on: date, on: date, today: date
) -> list[str]:
    """Recording that a warning or notice was complied with, breached or has expired, on ``on``."""
    p, st, to = Power(power), Status(status), Status(outcome)
    label = POWER_LABELS[p].lower()
    allowed = COMPLIANCE_OUTCOMES.get(p, ())
    if to not in allowed:
        return [f"A {label} can be recorded as " + " or ".join(s.value for s in allowed)]
    reasons = []
    if not can_transition(p, st, to):
        reasons.append(f"A {label} that is {st.value} cannot be recorded as {to.value}")
    if on < issued_on:
        reasons.append(f"The date cannot be before the {label} was issued")
    if on > today:
        reasons.append("The date must be today or in the past")
    return reasons
