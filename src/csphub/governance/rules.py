"""Retention rules: pure Python (no Django).

A record is kept for its retention period after its trigger date (for a case, the day it closed):
"6 years after the case closes" keeps it up to and including the sixth anniversary of that day, and
it may be disposed of from the next day (UK GDPR Art 5(1)(e), storage limitation: no longer than
necessary for the purpose). A record on legal hold is never disposed of, whatever its date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum

from csphub.core.calendar import add_months, next_working_day

DEFAULT_YEARS = 6
# Incidents not on any case, and people on no case or incident, are kept for the same default
# period after their last activity (an incident: the day it happened; a person: the day their record
# last changed).
DEFAULT_REASON = "Partnership default: closed ASB case records are kept for 6 years after closure."
DEFAULT_REASONS = {
    "case": DEFAULT_REASON,
    "incident": "Partnership default: an incident on no case is kept for 6 years after it happened.",
    "person": "Partnership default: a person on no case or incident is kept for 6 years after their "
    "record last changed.",
    "rights_request": "Partnership default: a data subject's request, the records found for it, the "
    "decisions and the disclosure log are kept for 6 years after the request is completed, the time "
    "in which a claim about the response may be brought.",
    "case_review": "Partnership default: an ASB Case Review application, its letters, decisions, review, "
    "appeal and linked complaints are kept for 6 years after the application is closed or withdrawn "
    "(or its appeal decided, if later), the time in which a claim or complaint about the decision may "
    "be brought.",
    "slavery_concern": "Partnership default: a modern slavery concern is kept for 6 years after the "
    "Home Office was notified.",
    "prevent_referral": "Partnership default: a Prevent referral and its Channel case are kept for 6 "
    "years after the referral is closed (no further action or signposted), consent to Channel "
    "declined, or the last post-exit review completed.",
    "dhr": "Partnership default: a Domestic Homicide Review (or Abuse Related Death Review) file is kept "
    "for 20 years after the report is published or the decision not to hold a review: a later "
    "review, an inquest or criminal proceedings may need it, and no statute sets a shorter period.",
}
DEFAULT_SOURCE = "Partnership information sharing agreement, retention clause"
# Why 6 years for a data subject's request: a claim about the response (UK GDPR Art 82; DPA 2018
# s.168-169) may be brought within 6 years (Limitation Act 1980 s.2), and the controller must be able
# to show what it disclosed, withheld and why (UK GDPR Art 5(2); DPA 2018 s.45(7) for a Part 3
# restriction). The ICO's right of access guidance sets no fixed period.
DEFAULT_SOURCES = {
    "case": DEFAULT_SOURCE,
    "incident": DEFAULT_SOURCE,
    "person": DEFAULT_SOURCE,
    "rights_request": "Limitation Act 1980 s.2 (UK GDPR Art 82, DPA 2018 s.168-169 claims); record of "
    "processing activities",
    "case_review": "Partnership information sharing agreement, retention clause; Limitation Act 1980 s.2",
    # The duty registers: no statute sets a period and none was found in the statutory guidance
    # (docs/governance.md, "Why these periods", lists the sources read); each default is the
    # partnership's decision, and says so on the Retention periods page.
    "slavery_concern": "No statutory period: the Modern Slavery Act 2015 s.52 sets none, and none was found in "
    "the Home Office's guidance (it keeps referral data only as long as necessary). Partnership decision: 6 years, "
    "the limitation period of a claim (Limitation Act 1980 s.2)",
    "prevent_referral": "No statutory period: the Counter-Terrorism and Security Act 2015 s.36 sets none, and "
    "none was found in the Channel Duty Guidance. Partnership decision: 6 years, the limitation period of a "
    "claim (Limitation Act 1980 s.2), as councils' published schedules keep Channel records (Darlington: 6 "
    "years after the case leaves the programme; Devon: 6 years)",
    "dhr": "No statutory period: the Domestic Violence, Crime and Victims Act 2004 s.9 sets none, and "
    "none was found in the Home Office's statutory guidance. Partnership decision: 20 years, longer than the "
    "6-year limitation period because a later review, an inquest or criminal proceedings may need the file "
    "(councils differ: Devon keeps a review 6 years after it closes, as its own decision)",
}
# The default period of each record type (DEFAULT_YEARS where not named).
DEFAULT_YEARS_BY_TYPE = {"dhr": 20}

# Where the law leaves the period to the controller, an agency may set its own (no statute fixes a
# period for ASB case files: local schedules range from 3 to 6 years). A data subject's request is
# kept at least for the limitation period of a claim about the response (6 years, Limitation Act
# 1980 s.2): an agency may keep it longer, never shorter.
# The statutory reviews and duty registers are kept at least for the limitation period (6 years): a
# claim or complaint about the decision, or a later review or inquiry, may need them.
MINIMUM_YEARS = {
    "case": 1,
    "incident": 1,
    "person": 1,
    "rights_request": 6,
    "case_review": 6,
    "slavery_concern": 6,
    "prevent_referral": 6,
    "dhr": 6,
}
MAXIMUM_YEARS = 100


def default_years(record_type: str) -> int:
    """The partnership default period of ``record_type`` (6 years, a DHR file 20)."""
    return DEFAULT_YEARS_BY_TYPE.get(record_type, DEFAULT_YEARS)


def period_allowed(record_type: str, years: int) -> bool:
    """Whether an agency may choose ``years`` for ``record_type`` (its minimum up to 100 years)."""
    return MINIMUM_YEARS[record_type] <= years <= MAXIMUM_YEARS


def retained_until(trigger: dt.date, years: int) -> dt.date:
    """The last day the record is kept: the anniversary ``years`` after ``trigger`` (29 February
    becomes 28 February in a year that has none)."""
    if years < 1:
        raise ValueError("A retention period is at least one year.")
    return add_months(trigger, 12 * years)


def is_due(trigger: dt.date, years: int, today: dt.date) -> bool:
    """Whether the retention period has ended: true from the day after ``retained_until``."""
    return today > retained_until(trigger, years)


class Action(Enum):
    DISPOSE = "dispose"
    HOLD = "hold"
    KEEP = "keep"


@dataclass(frozen=True)
class Decision:
    action: Action
    retained_until: dt.date
    reason: str


def decide(*, trigger: dt.date, years: int, today: dt.date, holds: tuple[str, ...]) -> Decision:
    """Dispose of, keep, or hold one record, with the reason in words."""
    until = retained_until(trigger, years)
    if not is_due(trigger, years, today):
        return Decision(Action.KEEP, until, f"kept until {until:%d %B %Y} ({years} years)")
    if holds:
        return Decision(Action.HOLD, until, "past its date but on legal hold: " + "; ".join(holds))
    return Decision(Action.DISPOSE, until, f"retention of {years} years ended on {until:%d %B %Y}")


# --- Subject access and the other rights requests ---------------------------------------------------
# UK GDPR Art 12(3): the controller answers "without undue delay and in any event within one month of
# receipt of the request"; the period "may be extended by two further months where necessary, taking
# into account the complexity and number of the requests", the data subject being told within the
# first month with the reasons. DPA 2018 s.45 (law-enforcement processing, Part 3) and s.54 set the
# same one month (the "applicable time period") for a request to a police force acting for a
# law-enforcement purpose.
#
# How the month is counted (the ICO's guidance on the right of access, "time limits"): from the day
# the request is received (or, when the controller asked for proof of identity, the day that proof
# arrived) to the corresponding calendar date in the next month; when that month has no
# corresponding date (31 January), the last day of that month; when the date falls on a weekend or a
# bank holiday, the next working day. ``core.calendar.add_months`` gives the corresponding date
# (clamped to the month's end) and ``next_working_day`` the working day.

SAR_MONTHS = 1
MAX_EXTENSION_MONTHS = 2


def clock_starts(received_on: dt.date, identity_verified_on: dt.date | None) -> dt.date:
    """The day the one month starts: receipt, or the later day the requester's identity was proved."""
    if identity_verified_on is not None and identity_verified_on > received_on:
        return identity_verified_on
    return received_on


def response_due(
    received_on: dt.date, *, identity_verified_on: dt.date | None = None, extension_months: int = 0
) -> dt.date:
    """The last day to respond (Art 12(3); DPA 2018 s.45/s.54): one month from the start of the clock,
    plus up to two further months; moved to the next working day when it falls on a non-working day."""
    if not 0 <= extension_months <= MAX_EXTENSION_MONTHS:
        raise ValueError("A response may be extended by at most two further months (Art 12(3)).")
    start = clock_starts(received_on, identity_verified_on)
    return next_working_day(add_months(start, SAR_MONTHS + extension_months))


def is_overdue(due: dt.date, today: dt.date, responded_on: dt.date | None = None) -> bool:
    """Late from the day after the due day (a response on the due day is in time)."""
    return (responded_on or today) > due


def extension_allowed(received_on: dt.date, *, identity_verified_on: dt.date | None, today: dt.date) -> bool:
    """Art 12(3): the data subject must be told of an extension within one month of receipt, so an
    extension may be recorded up to and including the (unextended) due day."""
    return today <= response_due(received_on, identity_verified_on=identity_verified_on)


# The grounds on which an item may be withheld. UK GDPR requests: the exemptions of DPA 2018
# Schedule 2 and Schedule 3 (paragraph numbers of the Act as enacted). Law-enforcement requests
# (Part 3): the restrictions of s.45(4). The code is stored with the decision; the label is shown.
EXEMPTIONS: tuple[tuple[str, str], ...] = (
    ("sch2-p2", "DPA 2018 Sch 2 para 2: crime and taxation (prevention or detection of crime)"),
    ("sch2-p5", "DPA 2018 Sch 2 para 5: disclosure required by law or in connection with legal proceedings"),
    ("sch2-p7", "DPA 2018 Sch 2 para 7: functions designed to protect the public"),
    ("sch2-p16", "DPA 2018 Sch 2 para 16: protection of the rights of others (third-party information)"),
    ("sch2-p19", "DPA 2018 Sch 2 para 19: legal professional privilege"),
    ("sch2-p24", "DPA 2018 Sch 2 para 24: confidential references"),
    ("sch3-p5", "DPA 2018 Sch 3 para 5: health data, serious harm"),
    ("sch3-p10", "DPA 2018 Sch 3 para 10: social work data, serious harm"),
    ("sch3-p21", "DPA 2018 Sch 3 para 21: child abuse data"),
    (
        "s45-4a",
        "DPA 2018 s.45(4)(a): to avoid obstructing an official or legal inquiry, investigation or procedure",
    ),
    (
        "s45-4b",
        "DPA 2018 s.45(4)(b): to avoid prejudicing the prevention, detection, investigation or prosecution of criminal offences",
    ),
    ("s45-4c", "DPA 2018 s.45(4)(c): to protect public security"),
    ("s45-4d", "DPA 2018 s.45(4)(d): to protect national security"),
    ("s45-4e", "DPA 2018 s.45(4)(e): to protect the rights and freedoms of others"),
)
LAW_ENFORCEMENT_ONLY = frozenset(code for code, _ in EXEMPTIONS if code.startswith("s45"))


def exemptions_for(regime: str) -> tuple[tuple[str, str], ...]:
    """The grounds open to a request: Part 3 requests (``law_enforcement``) use s.45(4), the others
    Schedules 2 and 3."""
    if regime == "law_enforcement":
        return tuple(e for e in EXEMPTIONS if e[0] in LAW_ENFORCEMENT_ONLY)
    return tuple(e for e in EXEMPTIONS if e[0] not in LAW_ENFORCEMENT_ONLY)


def exemption_label(code: str) -> str:
    return dict(EXEMPTIONS).get(code, "")


# --- Neither confirm nor deny (DPA 2018 Part 3, law-enforcement processing) --------------------------
# s.45(1)(a) gives the data subject the right to confirmation whether personal data about them is
# processed. s.45(4) lets the controller restrict that right "wholly or partly" where necessary and
# proportionate for one of the grounds (a)-(e); restricting it wholly is neither confirming nor
# denying. s.45(5) requires the controller to tell the data subject that their rights were restricted
# and why, but s.45(6) lifts (5)(a) and (b) so far as telling them would undermine the purpose of the
# restriction: the letter then says neither, and still tells them of their rights to ask the
# Commissioner to check the restriction (s.51), to complain to the Commissioner and to apply to a
# court (s.167). s.45(7): the controller records the reasons, for the Commissioner.
# UK GDPR requests have no such provision in the Act: the exemptions of Schedules 2 and 3 are
# applied item by item, and the response says what was withheld.


def ncnd_allowed(regime: str) -> bool:
    """A response may neither confirm nor deny only to a Part 3 (law-enforcement) request (s.45(4))."""
    return regime == "law_enforcement"


def item_decisions_for(regime: str, choices: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The decisions open on one item: a silent restriction only on a Part 3 request (s.45(4), (6))."""
    return [c for c in choices if c[0] != "restrict" or ncnd_allowed(regime)]


def ncnd_grounds() -> tuple[tuple[str, str], ...]:
    """The s.45(4)(a)-(e) grounds on which the response may neither confirm nor deny."""
    return exemptions_for("law_enforcement")


# --- Subject access: is a Case Review applicant the data subject? ------------------------------------
# An ASB Case Review applicant is not a person record: the application keeps the name and the contact
# details the applicant gave. A name alone is not enough (two residents may share one); the name must
# match and at least one contact detail must match too. The handler sees why an application was found
# and confirms it is the subject's before deciding on it: nothing found this way is disclosed unless
# the handler decides so.

_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "rev", "sir", "dame"})
_POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b", re.IGNORECASE)


def _squash(text: str) -> str:
    """Lower case, with every space and punctuation mark removed ("O'Brien-Smith" = "obrien smith")."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def name_key(name: str) -> str:
    """A name compared case- and space-insensitively, without a leading title ("Mrs")."""
    words = name.replace(".", " ").split()
    if len(words) > 1 and words[0].casefold() in _TITLES:
        words = words[1:]
    return _squash(" ".join(words))


def phone_key(phone: str) -> str:
    """The digits of a UK phone number, +44 written as 0 (fewer than 10 digits: not comparable)."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if digits.startswith("44") and len(digits) >= 12:
        digits = "0" + digits[2:]
    if digits.startswith("00"):
        return ""
    return digits if len(digits) >= 10 else ""


def postcodes_in(text: str) -> set[str]:
    """The UK postcodes written in a free-text address, without spaces, in capitals."""
    return {(outward + inward).upper() for outward, inward in _POSTCODE.findall(text)}


@dataclass(frozen=True)
class SubjectDetails:
    names: tuple[str, ...]
    date_of_birth: dt.date | None = None
    email: str = ""
    phone: str = ""
    # (first line, town, postcode) of each of the subject's addresses
    addresses: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class ApplicantDetails:
    name: str
    email: str = ""
    phone: str = ""
    address: str = ""
    date_of_birth: dt.date | None = None


def applicant_match(subject: SubjectDetails, applicant: ApplicantDetails) -> tuple[str, ...]:
    """Why the applicant is taken to be the subject: the name and each contact detail that matches,
    in words; empty when the name differs or no contact detail matches."""
    wanted = {name_key(n) for n in subject.names if name_key(n)}
    if not wanted or name_key(applicant.name) not in wanted:
        return ()
    reasons: list[str] = []
    if subject.date_of_birth is not None and applicant.date_of_birth == subject.date_of_birth:
        reasons.append("date of birth")
    if (
        subject.email
        and applicant.email
        and subject.email.strip().casefold() == applicant.email.strip().casefold()
    ):
        reasons.append("e-mail address")
    if phone_key(subject.phone) and phone_key(subject.phone) == phone_key(applicant.phone):
        reasons.append("phone number")
    applied_postcodes = postcodes_in(applicant.address)
    applied_address = _squash(applicant.address)
    for _line_1, _town, postcode in subject.addresses:
        postcode_key = _squash(postcode).upper()
        if postcode_key and postcode_key in applied_postcodes:
            reasons.append("postcode")
            break
    for line_1, town, _postcode in subject.addresses:
        if (
            _squash(line_1)
            and _squash(town)
            and _squash(line_1) in applied_address
            and _squash(town) in applied_address
        ):
            reasons.append("address")
            break
    if not reasons:
        return ()
    return ("name", *reasons)


@dataclass(frozen=True)
class PersonAffected:
    """The person affected named in someone else's application (a third-party application: a carer,
    a relative, a councillor applying for them). The application records their name only; the details
    that can be theirs too are those the applicant gave (a household member shares the address, the
    phone and sometimes the e-mail) and the place where the behaviour happens (often their home)."""

    name: str
    applicant_email: str = ""
    applicant_phone: str = ""
    applicant_address: str = ""
    behaviour_location: str = ""


def person_affected_match(subject: SubjectDetails, affected: PersonAffected) -> tuple[str, ...]:
    """Why the person affected is taken to be the subject, as strict as ``applicant_match``: the name
    must match and at least one detail the application holds must match the subject's (a contact
    detail the applicant gave, or the subject's postcode or address as the place of the behaviour).
    Empty when only the name agrees."""
    given = applicant_match(
        subject,
        ApplicantDetails(
            name=affected.name,
            email=affected.applicant_email,
            phone=affected.applicant_phone,
            address=affected.applicant_address,
        ),
    )
    place = applicant_match(
        subject, ApplicantDetails(name=affected.name, address=affected.behaviour_location)
    )
    reasons = [f"{reason} given by the applicant" for reason in given[1:]]
    reasons += [f"{reason} of where the behaviour happens" for reason in place[1:]]
    if not reasons:
        return ()
    return ("name", *reasons)


def person_affected_reason(reasons: tuple[str, ...]) -> str:
    """The reasons in words for the handler, saying the subject is the person affected, not the
    applicant, whose own details in the application are a third party's."""
    if not reasons:
        return ""
    return (
        f"Named as the person affected in someone else's application. {match_reason(reasons)}. "
        "The applicant's own details are a third party's"
    )


def match_reason(reasons: tuple[str, ...]) -> str:
    """The reasons in a sentence for the handler ("Name and e-mail address match the request's subject")."""
    if not reasons:
        return ""
    words = list(reasons)
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    return f"{listed[0].upper()}{listed[1:]} match the data subject's"
