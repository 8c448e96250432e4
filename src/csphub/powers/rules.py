"""Pure rules for the Anti-social Behaviour, Crime and Policing Act 2014 tools and powers.

No Django, no database: rule tables (dated and versioned), per-power state machines, guards that
return the reasons a step is blocked, and the statutory clocks. Services call these functions and
store ``RuleSet.version`` with every decision so that a later change in the law (the Crime and
Policing Bill raises the fixed penalty to £500, for example) never rewrites an old decision.

Conventions (see docs/powers.md):

* "within the period of N days beginning with the day on which X" includes day X, so the last day
  is X + (N - 1) days (CPN appeal s.46(2); PSPO challenge s.66; absolute-ground review s.85ZA).
* Only the 48-hour periods disregard Christmas Day: a closure notice under the 48-hour regime of
  s.77(2) (s.77(3)) and the hearing within 48 hours of service (s.80(4)). A 24-hour notice, its
  s.77(4) extension notice and the s.81 continuation run in plain elapsed hours. Christmas Day is
  25 December in UK local time (Europe/London).
* A period of N months "beginning with" a day ends on the day before the corresponding date N
  months later, or on the last day of that month when it has no corresponding date (3 months
  beginning with 30 November end on 28/29 February): ``months_period_last_day``;
  ``add_months`` (month-end clamping) is kept for "from" arithmetic such as review intervals.
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
    # Fields added by the 2026-11 corrections (legal review). They take the same values in every
    # version, because the law did not change; the version string marks which engine decided.
    closure_order_extension_max_months: int = 3  # s.82(7): each extension at most 3 months
    closure_extension_notice_max_hours: int = 24  # s.77(4): a 24-hour notice extended by ≤ 24 h
    closure_continuation_max_hours: int = 48  # s.81(2): notice continued when no order is made
    closure_order_appeal_days: int = 21  # s.84(5): appeal to the Crown Court (s.84(4))
    absolute_ground_notice_months_conviction: int = 12  # HA 1985 s.83ZA: conditions 1-3 and 5
    absolute_ground_notice_months_closure: int = 3  # HA 1985 s.83ZA: condition 4
    absolute_ground_closure_min_hours: int = 48  # s.84A(7): prohibited for more than 48 hours
    pspo_extension_max_years: int = 3  # s.60(3): each extension at most 3 years
    criminal_responsibility_min_age: int = 10  # CYPA 1933 s.50: a PSPO fixed penalty (s.68)
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
    RuleSet(
        # Corrections after the November 2026 legal review: the Christmas disregard applies to the
        # 48-hour periods only, youth CBO reviews fall before the end of each 12-month period, a
        # CPN's "stop" requirements can be breached while an appeal is pending, closure-order
        # extensions of at most 3 months each, the absolute ground's notice periods, PSPO
        # extensions of up to 3 years beyond the current expiry, and periods "beginning with".
        # Decisions taken before keep the version they were made under.
        version="2014-act-2026-11",
        effective_from=date(2026, 11, 26),
        source="ASBCPA 2014; Sentencing Act 2020 ss.331-337; corrections after the November 2026 legal review",
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


def is_local_authority(capacity: str) -> bool:
    """The council (or its chief executive), as opposed to the police: who applied for a closure
    order decides who may appeal a refusal (s.84(2) a constable, s.84(3) the council)."""
    return IssuerCapacity(capacity) in _LA


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


def months_period_last_day(start: date, months: int) -> date:
    """Last day of "the period of ``months`` months beginning with" ``start`` (start counts).

    Corresponding-date rule (Dodds v Walker [1981]): the day before the corresponding date
    ``months`` later; when that month has no corresponding date, its last day. 12 months beginning
    with 1 January 2025 end on 31 December 2025; 1 month beginning with 31 January ends 28/29 Feb.
    """
    if months < 1:
        raise ValueError("a period has at least one month")
    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    days_in_month = calendar.monthrange(year, month)[1]
    if start.day > days_in_month:
        return date(year, month, days_in_month)
    return date(year, month, start.day) - timedelta(days=1)


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


def add_hours(start: datetime, hours: float) -> datetime:
    """``start`` + ``hours`` of elapsed time (no disregard): a 24-hour closure notice (s.77(1)),
    its extension notice (s.77(4)) and a continuation by the court (s.81)."""
    _require_aware(start)
    if hours < 0:
        raise ValueError("hours must not be negative")
    return (start.astimezone(UTC) + timedelta(hours=hours)).astimezone(start.tzinfo)


def add_hours_disregarding_christmas(start: datetime, hours: float) -> datetime:
    """``start`` + ``hours`` of elapsed time, where time on Christmas Day does not count.

    Used only for the 48-hour periods: s.77(3) (a closure notice under the 48-hour regime of
    s.77(2)) and s.80(4) (hearing within 48 hours of service).
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
    (s.14(1)); for a without-notice application, before the first on-notice hearing (s.14(2),
    checked by ``injunction_on_notice_hearing_blockers``). Adults: the High Court or the county
    court only (s.1(8)).
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
    elif Court(court) not in (Court.COUNTY, Court.HIGH):
        reasons.append("The respondent is 18 or over: apply to the county court or High Court")
    if ends_on is not None and ends_on <= applied_on:
        reasons.append("The end date must be after the application date")
    return reasons


def injunction_applicant_blockers(
    issuer: IssuerCapacity | str | None, *, housing_management_related: bool
) -> list[str]:
    """s.5(3): a housing provider may apply for an injunction only where the application concerns
    anti-social behaviour that directly or indirectly relates to or affects its housing management
    functions. The council and the police (s.5(1)) have no such limit."""
    if (
        issuer is not None
        and IssuerCapacity(issuer) is IssuerCapacity.HOUSING_PROVIDER
        and not housing_management_related
    ):
        return [
            "A housing provider may apply only where the behaviour relates to or affects its housing "
            "management functions (s.5(3))"
        ]
    return []


def _yot_blockers(
    *, recipient: Recipient, rules: RuleSet, under_18_on: date, consulted_on: date | None, by: date, what: str
) -> list[str]:
    if not is_youth(recipient, under_18_on, rules):
        return []
    if consulted_on is None or consulted_on > by:
        return [f"The respondent is under 18: record the youth offending team consultation {what}"]
    return []


def injunction_on_notice_hearing_blockers(
    *, rules: RuleSet, recipient: Recipient, on_notice_hearing_on: date, yot_consulted_on: date | None
) -> list[str]:
    """s.14(2): a without-notice application adjourned — consult the YOT before the date of the
    first on-notice hearing (so on or before the day before it)."""
    return _yot_blockers(
        recipient=recipient,
        rules=rules,
        under_18_on=on_notice_hearing_on,
        consulted_on=yot_consulted_on,
        by=on_notice_hearing_on - timedelta(days=1),
        what="before the date of the first on-notice hearing (s.14(2))",
    )


def injunction_change_application_blockers(
    *, rules: RuleSet, recipient: Recipient, applied_on: date, yot_consulted_on: date | None
) -> list[str]:
    """s.14(3): before applying to vary or discharge an injunction, consult the YOT if the
    respondent will be under 18 when the application is made."""
    return _yot_blockers(
        recipient=recipient,
        rules=rules,
        under_18_on=applied_on,
        consulted_on=yot_consulted_on,
        by=applied_on,
        what="before applying to vary or discharge the injunction (s.14(3))",
    )


class InjunctionTerm(StrEnum):
    """The kind of term a court attaches (s.1(4)): a prohibition, or a requirement to do something;
    a positive requirement to participate in particular activities is the one s.4(1) excludes
    from a power of arrest."""

    PROHIBITION = "prohibition"
    REQUIREMENT = "requirement"
    PARTICIPATE_IN_ACTIVITIES = "participate_in_activities"


def power_of_arrest_blockers(*, term: InjunctionTerm | str, violence_or_significant_risk: bool) -> list[str]:
    """s.4(1): a power of arrest may be attached to a prohibition or requirement only where the
    conduct consisted of or included the use or threatened use of violence, or there is a
    significant risk of harm; never to a requirement to participate in particular activities."""
    reasons = []
    if InjunctionTerm(term) is InjunctionTerm.PARTICIPATE_IN_ACTIVITIES:
        reasons.append("A power of arrest cannot be attached to a requirement to participate in activities")
    if not violence_or_significant_risk:
        reasons.append(
            "A power of arrest needs violence or threatened violence, or a significant risk of harm (s.4)"
        )
    return reasons


def positive_requirement_blockers(*, supervisor: str, suitability_evidence: str) -> list[str]:
    """s.3: a positive requirement names the person responsible for supervising compliance, and
    the court receives evidence about its suitability and enforceability."""
    reasons = []
    if not supervisor.strip():
        reasons.append("Name the individual or organisation who will supervise the requirement (s.3(1))")
    if not suitability_evidence.strip():
        reasons.append(
            "Record the evidence about the suitability and enforceability of the requirement (s.3(2))"
        )
    return reasons


HOME_EXCLUSION_APPLICANTS: frozenset[IssuerCapacity] = frozenset(
    _POLICE | _LA | {IssuerCapacity.HOUSING_PROVIDER}
)


def home_exclusion_blockers(
    *,
    rules: RuleSet,
    recipient: Recipient,
    on: date,
    applicant: IssuerCapacity | str | None,
    violence_or_significant_risk: bool,
) -> list[str]:
    """s.13: an injunction may exclude the respondent from the place where they normally live only
    if they are 18 or over, the applicant is the local authority, the police or the housing
    provider, and there is violence or threatened violence or a significant risk of harm."""
    reasons = []
    if recipient.is_body or recipient.date_of_birth is None:
        reasons.append("Record the respondent's date of birth: exclusion from home is for adults only")
    elif is_youth(recipient, on, rules):
        reasons.append("The respondent is under 18: an injunction cannot exclude them from their home")
    if applicant is None or IssuerCapacity(applicant) not in HOME_EXCLUSION_APPLICANTS:
        reasons.append(
            "Only the local authority, the police or the housing provider can apply to exclude someone "
            "from their home"
        )
    if not violence_or_significant_risk:
        reasons.append(
            "Exclusion from home needs violence or threatened violence, or a significant risk of harm"
        )
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
    made_on: date | None = None,
) -> list[str]:
    """Guard for a CBO (Sentencing Act 2020 s.331; 2014 Act s.22 before December 2020; rule 11.7).

    ``ends_on`` None means an indefinite order (adults only). The YOT's views are needed when the
    offender is under 18 at the application (s.331(6)); the duration rule (s.334) depends on
    whether the offender is under 18 when the order is *made* (``made_on``, default ``starts_on``).
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
    if is_youth(recipient, applied_on, rules) and (yot_views_on is None or yot_views_on > applied_on):
        reasons.append("Record the youth offending team's views before applying")
    made_youth = is_youth(recipient, made_on or starts_on, rules)
    reasons += cbo_duration_blockers(
        rules=rules, made_on_youth=made_youth, starts_on=starts_on, ends_on=ends_on
    )
    return reasons


CBO_COURTS: frozenset[Court] = frozenset({Court.YOUTH, Court.MAGISTRATES, Court.CROWN})


def cbo_court_blockers(
    *, rules: RuleSet, recipient: Recipient, applied_on: date, court: Court | str
) -> list[str]:
    """SA 2020 s.330-331: a CBO is made by the court dealing with the offender for the offence: the
    Crown Court, a magistrates' court, or for someone under 18 a youth court (or the Crown Court when
    the youth was sent there for trial). Youth is taken on the day of the application."""
    c = Court(court)
    if c not in CBO_COURTS:
        return [
            "A criminal behaviour order is made by the Crown Court, a magistrates' court or a youth court"
        ]
    youth = is_youth(recipient, applied_on, rules)
    if youth and c is Court.MAGISTRATES:
        return ["The offender is under 18: the order is made by the youth court or the Crown Court"]
    if not youth and c is Court.YOUTH:
        return ["The offender is 18 or over: the order is made by a magistrates' court or the Crown Court"]
    return []


def cbo_youth_review_dates(
    *,
    recipient: Recipient,
    starts_on: date,
    ends_on: date | None,
    rules: RuleSet,
    varied_on: date | None = None,
) -> list[date]:
    """Last days by which each annual review must be carried out (Sentencing Act 2020 s.337).

    s.337(2): review periods are of 12 months beginning with the day the order takes effect or,
    once varied, the day it was varied. s.337(1): a review must be carried out before the end of
    a period when the offender will be under 18 at its end, the order runs to the end of the
    period or beyond, and it has not been discharged. The date returned is the period's last day.
    Reviews of the original cycle that fell due before the variation are kept.
    """
    if recipient.date_of_birth is None or recipient.is_body:
        return []
    dates = _cbo_review_cycle(recipient, starts_on, ends_on, rules)
    if varied_on is None:
        return dates
    kept = [d for d in dates if d <= varied_on]  # a review due on the day of variation stays due
    return kept + _cbo_review_cycle(recipient, varied_on, ends_on, rules)


def _cbo_review_cycle(recipient: Recipient, start: date, ends_on: date | None, rules: RuleSet) -> list[date]:
    assert recipient.date_of_birth is not None
    dates: list[date] = []
    n = 1
    while True:
        last_day = months_period_last_day(start, rules.cbo_youth_review_months * n)
        if ends_on is not None and ends_on < last_day:
            return dates
        if age_on(recipient.date_of_birth, last_day) >= rules.youth_under_age:
            return dates
        dates.append(last_day)
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
    """The court discharged an order in force (injunction s.8, CBO Sentencing Act 2020 s.336,
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


def order_breach_blockers(
    *,
    power: Power | str,
    status: Status | str,
    started_on: date,
    current_end: date | None,
    breached_on: date,
    found_on: date,
    today: date,
    court: Court | str | None,
) -> list[str]:
    """A court's finding that an injunction (s.9, Sch 2 for under-18s) or a CBO (Sentencing Act 2020
    s.339) was breached: the breach while the order was in force, the finding on or after the
    breach, not in the future. The finding feeds absolute-ground conditions 2 and 3."""
    p, st = Power(power), Status(status)
    label = POWER_LABELS[p].lower()
    if p not in (Power.INJUNCTION, Power.CBO):
        return ["Breach findings are recorded for injunctions and criminal behaviour orders"]
    reasons = []
    if not can_transition(p, st, Status.BREACHED):
        reasons.append(f"A {label} that is {st.value} cannot be recorded as breached")
    if breached_on < started_on:
        reasons.append(f"The breach cannot be before the {label} started")
    if current_end is not None and breached_on > current_end:
        reasons.append(f"The {label} ended on {current_end:%-d %B %Y}: a later act is not a breach")
    if found_on < breached_on:
        reasons.append("The court's finding cannot be before the breach")
    if found_on > today or breached_on > today:
        reasons.append("The dates must be today or in the past")
    if court is None:
        reasons.append("Record the court that found the breach")
    return reasons


def cbo_duration_blockers(
    *, rules: RuleSet, made_on_youth: bool, starts_on: date, ends_on: date | None
) -> list[str]:
    """Sentencing Act 2020 s.334 (2014 Act s.25): made on an offender under 18, a fixed 1-3 years;
    otherwise at least 2 years, or indefinite."""
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
    """Sentencing Act 2020 s.336: the court varies an order in force; the duration rules still hold."""
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


def dispersal_removal_allowed(
    recipient: Recipient, on: date, *, rules: RuleSet, believed_under_16: bool = False
) -> bool:
    """s.35(7): a person the officer reasonably believes to be under 16 may be removed home or to a
    place of safety. The officer's recorded belief decides (A.11); a recorded date of birth that
    makes them under 16 on the day is also a reasonable ground for the belief."""
    if believed_under_16:
        return True
    age = recipient.age_on(on)
    return age is not None and age < rules.dispersal_removal_under_age


def dispersal_uniform_blockers(in_uniform: bool) -> list[str]:
    """s.35(1): a direction is given by a constable in uniform (a designated PCSO likewise acts in
    uniform, Police Reform Act 2002 Sch 4)."""
    return [] if in_uniform else ["A dispersal direction is given by an officer in uniform (s.35(1))"]


def dispersal_surrender_blockers(
    *,
    given_at: datetime,
    excluded_until: datetime,
    surrendered_at: datetime,
    now: datetime,
    items: str,
    belief: str,
    in_writing: bool,
    not_in_writing_reason: str,
    told_offence: bool,
    not_told_reason: str,
) -> list[str]:
    """s.37: the constable who gives a s.35 direction may also direct the person to surrender any
    item in their possession or control that the constable reasonably believes has been used, or is
    likely to be used, in behaviour that harasses, alarms or distresses members of the public. The
    direction is in writing unless that is not reasonably practicable, and the person is told
    (unless not reasonably practicable) that failing without reasonable excuse to comply is an
    offence (s.39). It goes with a direction that is running: from when the s.35 direction is given
    until its exclusion period ends."""
    reasons = []
    if not items.strip():
        reasons.append("Describe each item surrendered")
    if not belief.strip():
        reasons.append(
            "Record why you believe the items have been or are likely to be used in behaviour that "
            "harasses, alarms or distresses members of the public (s.37)"
        )
    if surrendered_at < given_at:
        reasons.append("Items can only be asked for with a dispersal direction: not before it was given")
    elif surrendered_at >= excluded_until:
        reasons.append("The exclusion period has ended: items can only be asked for while the direction runs")
    if surrendered_at > now:
        reasons.append("The time the items were surrendered must be now or in the past")
    if not in_writing and not not_in_writing_reason.strip():
        reasons.append(
            "The direction to surrender must be in writing unless that is not reasonably practicable: "
            "say why it was not (s.37)"
        )
    if not told_offence and not not_told_reason.strip():
        reasons.append(
            "Tell the person that failing without reasonable excuse to comply is an offence, unless that is "
            "not reasonably practicable: say why they were not told (s.37, s.39)"
        )
    return reasons


def dispersal_item_return_blockers(
    *, excluded_until: datetime, surrendered_at: datetime, returned_at: datetime, now: datetime
) -> list[str]:
    """s.37: an item surrendered is not returned before the end of the exclusion period of the
    direction it went with (the exclusion period's last moment may be varied, s.35(8))."""
    reasons = []
    if returned_at < surrendered_at:
        reasons.append("An item cannot be returned before it was surrendered")
    elif returned_at < excluded_until:
        end = excluded_until.astimezone(UK_TZ)
        reasons.append(
            f"A surrendered item is not returned before the exclusion period ends, at {end:%H:%M} on "
            f"{end.day} {end:%B %Y} (s.37)"
        )
    if returned_at > now:
        reasons.append("The time the item was returned must be now or in the past")
    return reasons


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
    council_land_only: bool = False,
    expression_assembly_regard: str | None = None,
) -> list[str]:
    """s.59, s.60, s.72 / rule 11.6: making a PSPO.

    At most 3 years: the last day is the day before the third anniversary (a period "beginning
    with" the day made). ``expression_assembly_regard`` is the s.72(1) record of the particular
    regard had to the rights of freedom of expression and assembly (Arts 10 and 11); None means the
    caller does not collect it (decisions taken before the 2026-11 rule set).
    """
    reasons = issuer_blockers(Power.PSPO, issuer)
    if expires_on <= made_on:
        reasons.append("The order must end after it is made")
    elif expires_on > months_period_last_day(made_on, 12 * rules.pspo_max_years):
        reasons.append(f"A PSPO cannot last more than {rules.pspo_max_years} years")
    reasons += pspo_expression_regard_blockers(expression_assembly_regard)
    reasons += pspo_consultation_blockers(
        consultation_done=consultation_done,
        publicised=publicised,
        two_tier=two_tier,
        parished=parished,
        council_land_only=council_land_only,
        doing="making",
    )
    return reasons


def pspo_content_blockers(requirements: str) -> list[str]:
    """s.59(7)(a): the order must identify the activities it prohibits, or the things it requires
    people carrying on activities to do (s.59(2)-(4)): at least one line. The other content of
    s.59(7) (the effect of s.63 and s.67, the period) is in the letter the order is published as."""
    if not any(line.strip() for line in requirements.splitlines()):
        return [
            "The order must identify the activities it prohibits or the requirements it imposes (s.59(7))"
        ]
    return []


def pspo_prohibits_alcohol(requirements: str) -> bool:
    """Whether the order restricts drinking alcohol, so its text must explain s.63 (s.59(7)(b))."""
    return "alcohol" in requirements.lower()


def pspo_latest_decision(
    *, made_on: date, extended_on: Iterable[date], varied_on: Iterable[date], discharged_on: date | None
) -> tuple[str, date]:
    """The council's latest decision on an order (made, extended, varied or discharged) and its
    date: what must be published next (the PSPO publication regulations, review A.5). On one day a
    discharge is latest, then a variation, then an extension."""
    decisions = [("made", made_on)]
    decisions += [("extended", d) for d in extended_on]
    decisions += [("varied", d) for d in varied_on]
    if discharged_on is not None:
        decisions.append(("discharged", discharged_on))
    order = {"made": 0, "extended": 1, "varied": 2, "discharged": 3}
    return max(decisions, key=lambda d: (d[1], order[d[0]]))


def pspo_publication_blockers(
    *, decided_on: date, published_on: date, today: date, on_website: bool, notices_erected: bool
) -> list[str]:
    """The PSPO publication regulations (2014), review A.5: an order made, extended, varied or
    discharged is published on the council's website, and notices drawing attention to it are put
    up on or next to the restricted area. Not before the decision, not in the future."""
    reasons = []
    if not on_website:
        reasons.append("Publish the order on the council's website")
    if not notices_erected:
        reasons.append("Put up notices on or next to the restricted area drawing attention to the order")
    if published_on < decided_on:
        reasons.append(
            f"It cannot be published before the council's decision on {decided_on.day} {decided_on:%B %Y}"
        )
    if published_on > today:
        reasons.append("The date of publication must be today or in the past")
    return reasons


def pspo_expression_regard_blockers(regard: str | None) -> list[str]:
    """s.72(1): in deciding to make, extend, vary or discharge a PSPO the council must have
    particular regard to the rights of freedom of expression and assembly (ECHR Arts 10 and 11)."""
    if regard is not None and not regard.strip():
        return [
            "Record how the council had particular regard to the rights of freedom of expression "
            "and assembly (s.72(1))"
        ]
    return []


def pspo_consultation_blockers(
    *,
    consultation_done: Iterable[str],
    publicised: bool,
    two_tier: bool = True,
    parished: bool = True,
    council_land_only: bool = False,
    doing: str = "making",
) -> list[str]:
    """s.72(3)-(5): before making, extending, varying or discharging, consult, notify, publicise."""
    reasons = []
    needed = set(PSPO_CONSULTEES)
    if not two_tier:
        needed.discard("county_council_notified")
    if not parished:
        needed.discard("parish_council_notified")
    if council_land_only:
        # s.72(5): no owner or occupier to consult where the council owns and occupies the land.
        needed.discard("owners_occupiers")
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
    """Last day for a High Court challenge: 6 weeks beginning with the day made or varied (s.66).

    An extension (s.60) opens no s.66 window: keep the deadline of the order or last variation."""
    return period_last_day(made_on, rules.pspo_challenge_weeks * 7)


# s.66(1), (3): a challenge lies against the order or a variation; an extension opens no window.
PSPO_CHALLENGEABLE_STEPS: frozenset[Status] = frozenset({Status.MADE, Status.VARIED})


def pspo_review_due(expires_on: date, *, rules: RuleSet) -> date:
    """When to review whether to extend (an extension must be made before expiry)."""
    return expires_on - timedelta(days=rules.pspo_review_lead_days)


def pspo_extension_blockers(
    *, rules: RuleSet, current_expiry: date, extended_on: date, new_expiry: date
) -> list[str]:
    """s.60(2)-(4): extended before it expires, each time for at most 3 years beyond the expiry
    it replaces (s.60(3)); the order then runs to the day before that third anniversary."""
    reasons = []
    if extended_on >= current_expiry:
        reasons.append("An order can only be extended before it expires")
    if new_expiry <= current_expiry:
        reasons.append("The new expiry must be later than the current one")
    elif new_expiry > add_years(current_expiry, rules.pspo_extension_max_years):
        reasons.append(f"An extension cannot be for more than {rules.pspo_extension_max_years} years")
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
    council_land_only: bool = False,
    expression_assembly_regard: str | None = None,
) -> list[str]:
    """Rule 11.6: an extension needs the issuer, the dates, a completed consultation record and
    the s.72(1) regard to freedom of expression and assembly."""
    reasons = issuer_blockers(Power.PSPO, issuer)
    reasons += pspo_expression_regard_blockers(expression_assembly_regard)
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
        council_land_only=council_land_only,
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
    council_land_only: bool = False,
    expression_assembly_regard: str | None = None,
) -> list[str]:
    """s.61, s.72: a variation changes the restricted area or the requirements of an order in force;
    consultation first. (Changing how long it lasts is an extension, s.60.)"""
    reasons = issuer_blockers(Power.PSPO, issuer)
    reasons += pspo_expression_regard_blockers(expression_assembly_regard)
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
        council_land_only=council_land_only,
        doing="varying",
    )
    return reasons


def pspo_discharge_blockers(
    *,
    issuer: IssuerCapacity | str | None,
    made_on: date,
    current_expiry: date,
    discharged_on: date,
    today: date,
    consultation_done: Iterable[str],
    publicised: bool,
    expression_assembly_regard: str,
    two_tier: bool = True,
    parished: bool = True,
    council_land_only: bool = False,
) -> list[str]:
    """s.61(1)(b), s.72: the council discharges an order in force, after the s.72 consultation,
    publicity and notification, having had regard to freedom of expression and assembly."""
    reasons = issuer_blockers(Power.PSPO, issuer)
    reasons += _decision_date_blockers(
        on=discharged_on,
        not_before=made_on,
        not_before_what="the order was made",
        today=today,
        what="discharge",
    )
    if discharged_on > current_expiry:
        reasons.append(f"The order expired on {current_expiry:%-d %B %Y}: it can no longer be discharged")
    reasons += pspo_expression_regard_blockers(expression_assembly_regard)
    reasons += pspo_consultation_blockers(
        consultation_done=consultation_done,
        publicised=publicised,
        two_tier=two_tier,
        parished=parished,
        council_land_only=council_land_only,
        doing="discharging",
    )
    return reasons


# --------------------------------------------------------------------------------------------
# Closure notice and closure order (ss.76-93)
# --------------------------------------------------------------------------------------------


def closure_notice_max_hours(
    issuer: IssuerCapacity | str | None, *, senior_signoff: bool, rules: RuleSet
) -> int:
    """s.77(1)-(2): 24 hours; 48 hours when issued by a superintendent or above, or by the local
    authority with the notice signed by its chief executive or designate (``senior_signoff``).

    An inspector's notice is a 24-hour notice whatever sign-off is ticked: a superintendent extends
    it with an extension notice (s.77(4), ``closure_extension_notice_blockers``)."""
    if issuer is None:
        return rules.closure_notice_max_hours
    capacity = IssuerCapacity(issuer)
    if capacity in CLOSURE_EXTENDED_SIGNOFF or (senior_signoff and capacity in _LA):
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


def closure_notice_expiry(
    served_at: datetime,
    duration_hours: int,
    *,
    forty_eight_hour_regime: bool | None = None,
    rules: RuleSet | None = None,
) -> datetime:
    """End of the notice. Christmas Day is disregarded only for a notice under the 48-hour regime
    (s.77(3) "in calculating when the period of 48 hours ends"); a 24-hour notice (s.77(1)) runs in
    plain hours, so one served at 18:00 on 24 December ends at 18:00 on Christmas Day.

    ``forty_eight_hour_regime`` None: the regime follows the duration (more than 24 hours).
    """
    r = rules or rules_in_force(served_at.astimezone(UK_TZ).date())
    regime = (
        duration_hours > r.closure_notice_max_hours
        if forty_eight_hour_regime is None
        else forty_eight_hour_regime
    )
    if regime:
        return add_hours_disregarding_christmas(served_at, duration_hours)
    return add_hours(served_at, duration_hours)


def closure_notice_mentions_christmas(served_at: datetime, duration_hours: int, ends_at: datetime) -> bool:
    """True when the letter should say that Christmas Day is not counted: the notice disregarded
    it (48-hour regime) and Christmas Day fell inside the period."""
    return ends_at - served_at > timedelta(hours=duration_hours)


def closure_extension_notice_blockers(
    *,
    rules: RuleSet,
    issuer: IssuerCapacity | str | None,
    notice_issuer: IssuerCapacity | str | None,
    notice_ends_at: datetime,
    extended_at: datetime,
    extension_hours: int,
    notice_was_24_hour: bool,
) -> list[str]:
    """s.77(4): a 24-hour closure notice may be extended by up to 24 hours by an extension notice
    from a superintendent or above (a police notice) or signed by the local authority's chief
    executive or designate (a council notice), issued while the notice is in force."""
    reasons = []
    police_notice = notice_issuer is not None and IssuerCapacity(notice_issuer) in _POLICE
    if issuer is None:
        reasons.append("Record who issued the extension notice")
    elif police_notice and IssuerCapacity(issuer) is not IssuerCapacity.SUPERINTENDENT:
        reasons.append("An extension notice for a police closure notice needs a superintendent or above")
    elif not police_notice and IssuerCapacity(issuer) is not IssuerCapacity.LA_CHIEF_EXECUTIVE:
        reasons.append(
            "An extension notice for a council closure notice must be signed by the chief executive or designate"
        )
    if not notice_was_24_hour:
        reasons.append("Only a 24-hour closure notice can be extended by an extension notice")
    if extended_at >= notice_ends_at:
        reasons.append("The extension notice must be issued while the closure notice is in force")
    if extension_hours <= 0:
        reasons.append("Enter how many hours the extension adds")
    elif extension_hours > rules.closure_extension_notice_max_hours:
        reasons.append(
            f"An extension notice adds at most {rules.closure_extension_notice_max_hours} hours (s.77(4))"
        )
    return reasons


def closure_notice_change_blockers(
    *,
    issuer: IssuerCapacity | str | None,
    notice_issuer: IssuerCapacity | str | None,
    notice_ends_at: datetime,
    changed_at: datetime,
    cancel: bool,
    new_ends_at: datetime | None = None,
) -> list[str]:
    """s.78: a closure notice in force may be cancelled or varied by a cancellation or variation
    notice from the same body (police for a police notice, the council for a council one); a
    variation may reduce the premises or the period, never lengthen it (that is s.77(4))."""
    reasons = []
    police_notice = notice_issuer is not None and IssuerCapacity(notice_issuer) in _POLICE
    if issuer is None:
        reasons.append("Record who issued the cancellation or variation notice")
    elif police_notice and IssuerCapacity(issuer) not in _POLICE:
        reasons.append("A police closure notice is cancelled or varied by a police officer")
    elif not police_notice and IssuerCapacity(issuer) not in _LA:
        reasons.append("A council closure notice is cancelled or varied by the council")
    if changed_at >= notice_ends_at:
        reasons.append("The closure notice has ended: it can no longer be cancelled or varied")
    if not cancel and new_ends_at is not None and new_ends_at > notice_ends_at:
        reasons.append("A variation notice cannot lengthen the closure notice: use an extension notice")
    return reasons


def closure_adjournment_blockers(*, rules: RuleSet, hearing_on: date, adjourned_to: date) -> list[str]:
    """s.81(3): the court may adjourn the hearing for not more than 14 days."""
    if adjourned_to <= hearing_on:
        return ["The adjourned hearing must be after the first hearing"]
    if adjourned_to > hearing_on + timedelta(days=rules.closure_adjourn_max_days):
        return [f"The hearing can be adjourned for at most {rules.closure_adjourn_max_days} days (s.81(3))"]
    return []


def closure_continuation_blockers(
    *,
    rules: RuleSet,
    decided_at: datetime,
    continued_until: datetime,
    adjourned_to: date | None = None,
) -> list[str]:
    """s.81: the notice continues in force until the end of an adjourned hearing (s.81(4)), or, when
    the court makes no order, for a further period of at most 48 hours (s.81(2)), plain hours."""
    if continued_until <= decided_at:
        return ["The notice must be continued to a time after the court's decision"]
    if adjourned_to is not None:
        if continued_until.astimezone(UK_TZ).date() > adjourned_to:
            return ["On an adjournment the notice continues only until the adjourned hearing"]
        return []
    if continued_until - decided_at > timedelta(hours=rules.closure_continuation_max_hours):
        return [f"The court can continue the notice for at most {rules.closure_continuation_max_hours} hours"]
    return []


def closure_order_appeal_deadline(decided_on: date, *, rules: RuleSet) -> date:
    """s.84(5): an appeal to the Crown Court (s.84(4)) must be made within 21 days beginning with
    the date of the decision: the order or its extension (s.84(1)), or a refusal to make or extend
    it or to continue the notice (s.84(2), (3)). The decision day is day 1, so the last day is
    the decision day + 20."""
    return period_last_day(decided_on, rules.closure_order_appeal_days)


def closure_refusal_appeal_blockers(
    *,
    rules: RuleSet,
    refused_on: date,
    lodged_on: date,
    today: date,
    already_appealed: bool,
) -> list[str]:
    """s.84(2)(a) (police) and s.84(3)(a) (council): the body that applied may appeal to the
    Crown Court (s.84(4)) against the magistrates' decision not to make a closure order, within 21
    days beginning with the date of that decision (s.84(5)). The Act gives no power to extend the
    time (*Hampshire Police Authority v Smith* [2009] EWHC 174 (Admin), on the same words in the
    2003 Act); the appeal is made when notice reaches the court (*Crocker v Devon and Cornwall
    Police* [2020] EWHC 2838 (Admin)). One appeal per refusal."""
    reasons = []
    deadline = closure_order_appeal_deadline(refused_on, rules=rules)
    if already_appealed:
        reasons.append("The refusal has already been appealed to the Crown Court")
    if lodged_on < refused_on:
        reasons.append("The appeal cannot be dated before the magistrates refused the order")
    if lodged_on > today:
        reasons.append("The date of the appeal must be today or in the past")
    if lodged_on > deadline:
        reasons.append(
            f"The time to appeal ended on {deadline.day} {deadline:%B %Y}: an appeal must be made within "
            f"{rules.closure_order_appeal_days} days beginning with the day of the decision (s.84(5)), "
            "and the Crown Court cannot extend it"
        )
    return reasons


def closure_refusal_appeal_outcome_blockers(
    *,
    rules: RuleSet,
    made_order: bool,
    lodged_on: date,
    decided_on: date,
    today: date,
    ends_on: date | None,
) -> list[str]:
    """s.84(6): on the applicant's appeal the Crown Court "may make whatever order it thinks
    appropriate". A closure order it makes is still a closure order: at most 3 months from the day
    it is made (s.80(6))."""
    reasons = []
    if decided_on < lodged_on:
        reasons.append("The decision cannot be dated before the appeal was made")
    if decided_on > today:
        reasons.append("The date of the decision must be today or in the past")
    if made_order:
        if ends_on is None:
            reasons.append("Enter the date the closure order made by the Crown Court ends")
        else:
            reasons += closure_order_blockers(rules=rules, made_on=decided_on, ends_on=ends_on)
    return reasons


def closure_hearing_due(served_at: datetime, *, rules: RuleSet | None = None) -> datetime:
    """Latest time for the magistrates' hearing: 48 h after service, not counting Christmas Day."""
    r = rules or rules_in_force(served_at.date())
    return add_hours_disregarding_christmas(served_at, r.closure_hearing_within_hours)


def closure_hearing_time_blockers(*, served_at: datetime, hearing_at: datetime, rules: RuleSet) -> list[str]:
    """s.76: the notice states when and where the closure-order application will be heard; s.80(3)-(4):
    the hearing is within 48 hours of service, Christmas Day disregarded (A.10)."""
    due = closure_hearing_due(served_at, rules=rules)
    if hearing_at <= served_at:
        return ["The hearing must be after the notice is served"]
    if hearing_at > due:
        return [
            f"The hearing must be within 48 hours of service (Christmas Day not counted): by "
            f"{due.astimezone(UK_TZ):%-d %B %Y at %H:%M} (s.80(3))"
        ]
    return []


def closure_order_blockers(*, rules: RuleSet, made_on: date, ends_on: date) -> list[str]:
    """s.80(6): at most 3 months; the order's last day is the day before the corresponding date."""
    if ends_on <= made_on:
        return ["The order must end after it is made"]
    if ends_on > months_period_last_day(made_on, rules.closure_order_max_months):
        return [f"A closure order cannot last more than {rules.closure_order_max_months} months"]
    return []


def closure_order_latest_end(first_made_on: date, *, rules: RuleSet) -> date:
    """Last day of the 6 months beginning with the day the order was first made (s.82(8))."""
    return months_period_last_day(first_made_on, rules.closure_order_total_max_months)


def closure_order_extension_blockers(
    *, rules: RuleSet, first_made_on: date, current_end: date, applied_on: date, new_end: date
) -> list[str]:
    """s.82: apply before expiry; each extension at most 3 months beyond the current end (s.82(7));
    the total, with extensions, never beyond 6 months (s.82(8))."""
    reasons = []
    if applied_on > current_end:
        reasons.append("Apply for the extension before the order ends")
    if new_end <= current_end:
        reasons.append("The extension must end after the current order")
    elif new_end > add_months(current_end, rules.closure_order_extension_max_months):
        reasons.append(
            f"Each extension can add at most {rules.closure_order_extension_max_months} months (s.82(7))"
        )
    latest = closure_order_latest_end(first_made_on, rules=rules)
    if new_end > latest:
        reasons.append(
            f"Extensions cannot take the order beyond {rules.closure_order_total_max_months} months in total "
            f"(latest end {latest:%-d %B %Y})"
        )
    return reasons


def closure_order_extension_authority_blockers(
    *,
    applicant: IssuerCapacity | str | None,
    authorised_by: IssuerCapacity | str | None,
    consulted: str,
    consulted_on: date | None,
    applied_on: date,
) -> list[str]:
    """s.82(3)-(4): a police application to extend is authorised by a superintendent or above after
    consulting the local authority; a council application follows consultation of the chief
    officer of police. ``consulted`` names who was consulted, ``consulted_on`` when."""
    reasons = []
    if applicant is None:
        return ["Record who is applying for the extension"]
    capacity = IssuerCapacity(applicant)
    if capacity in _POLICE:
        if authorised_by is None or IssuerCapacity(authorised_by) is not IssuerCapacity.SUPERINTENDENT:
            reasons.append("A police application to extend needs a superintendent's (or above) authority")
        who = "the local authority"
    elif capacity in _LA:
        who = "the chief officer of police"
    else:
        return ["Only the police or the local authority can apply to extend a closure order"]
    if not consulted.strip() or consulted_on is None:
        reasons.append(f"Record the consultation of {who} before applying (s.82)")
    elif consulted_on > applied_on:
        reasons.append(f"{who[0].upper()}{who[1:]} must be consulted before the application")
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


class Landlord(StrEnum):
    """Who is seeking possession: the s.85ZA statutory review exists only for secure tenancies of a
    local housing authority or a housing action trust. A private registered provider (assured
    tenancy, HA 1988 Ground 7A) offers a review as good practice under Home Office guidance."""

    LOCAL_HOUSING_AUTHORITY = "local_housing_authority"
    HOUSING_ACTION_TRUST = "housing_action_trust"
    PRIVATE_REGISTERED_PROVIDER = "private_registered_provider"


STATUTORY_REVIEW_LANDLORDS: frozenset[Landlord] = frozenset(
    {Landlord.LOCAL_HOUSING_AUTHORITY, Landlord.HOUSING_ACTION_TRUST}
)


def absolute_ground_statutory_review(landlord: Landlord | str) -> bool:
    """s.85ZA: True for a local housing authority or a housing action trust only."""
    return Landlord(landlord) in STATUTORY_REVIEW_LANDLORDS


def absolute_ground_review_blockers(
    *, notice_served_on: date, requested_on: date, rules: RuleSet, statutory: bool = True
) -> list[str]:
    """s.85ZA(2): the request within 7 days beginning with service; no power to extend. For a
    landlord with no statutory review (``statutory`` False) a late request is a matter for its own
    good-practice procedure, so only the date order is checked."""
    deadline = absolute_ground_review_deadline(notice_served_on, rules=rules)
    if requested_on < notice_served_on:
        return ["A review request cannot be dated before the notice was served"]
    if statutory and requested_on > deadline:
        return [
            f"The review request was due by {deadline:%-d %B %Y}; the landlord has no power to extend the "
            f"{rules.absolute_ground_review_days}-day period"
        ]
    return []


def absolute_ground_notice_deadline(
    condition: AbsoluteCondition | str, trigger_on: date, *, rules: RuleSet
) -> date:
    """HA 1985 s.83ZA: the notice of proceedings is served within 12 months beginning with the
    conviction or finding (conditions 1-3 and 5), or within 3 months beginning with the closure
    order (condition 4)."""
    months = (
        rules.absolute_ground_notice_months_closure
        if AbsoluteCondition(condition) is AbsoluteCondition.CLOSURE_ORDER
        else rules.absolute_ground_notice_months_conviction
    )
    return months_period_last_day(trigger_on, months)


def absolute_ground_blockers(
    *,
    issuer: IssuerCapacity | str | None,
    condition: AbsoluteCondition | str | None,
    closure_order_hours_in_force: float | None = None,
    closure_notice_hours_before_order: float = 0,
    trigger_on: date | None = None,
    served_on: date | None = None,
    rules: RuleSet | None = None,
) -> list[str]:
    """HA 1985 s.84A: one of the five conditions, and the notice served in time (s.83ZA).

    Condition 4 needs access prohibited for a continuous period of more than 48 hours "under the
    closure order or under a closure notice" (s.84A(7)): the notice's hours before the order count.
    ``trigger_on`` is the date of the conviction, finding or closure order; with ``served_on`` the
    s.83ZA deadline is checked (both None: a caller from before the 2026-11 rule set).
    """
    reasons = issuer_blockers(Power.ABSOLUTE_GROUND, issuer)
    if condition is None:
        reasons.append("Choose which of the five conditions is met")
        return reasons
    cond = AbsoluteCondition(condition)
    r = rules or (rules_in_force(served_on) if served_on is not None else RULE_SETS[-1])
    prohibited = (closure_order_hours_in_force or 0) + closure_notice_hours_before_order
    if cond is AbsoluteCondition.CLOSURE_ORDER and prohibited <= r.absolute_ground_closure_min_hours:
        reasons.append(
            "The closure-order condition needs access prohibited, under the closure notice and order "
            f"together, for more than {r.absolute_ground_closure_min_hours} hours"
        )
    if served_on is not None or trigger_on is not None:
        if trigger_on is None or served_on is None:
            reasons.append("Record the date of the conviction, finding or closure order and of service")
        elif served_on < trigger_on:
            reasons.append("The notice cannot be served before the conviction, finding or closure order")
        else:
            deadline = absolute_ground_notice_deadline(cond, trigger_on, rules=r)
            if served_on > deadline:
                reasons.append(
                    f"The notice had to be served by {deadline:%-d %B %Y} (Housing Act 1985 s.83ZA)"
                )
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
