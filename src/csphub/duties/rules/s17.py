"""Crime and Disorder Act 1998 s.17 (due regard) and s.17A (sharing depersonalised information): pure rules.

- s.17(1): each responsible authority exercises its functions with due regard to the likely effect on,
  and the need to do all it reasonably can to prevent, crime and disorder (including anti-social and
  other behaviour adversely affecting the local environment), the misuse of drugs, alcohol and other
  substances, re-offending, and (since 31 January 2023, PCSC Act 2022) serious violence.
- s.17A and the Crime and Disorder (Prescribed Information) Regulations 2007 (SI 2007/1831): each
  relevant authority discloses *depersonalised* information of the prescribed descriptions to the other
  responsible authorities, for consecutive three-month information periods beginning 1 July 2007, by the
  end of the information period following the one it relates to. "Depersonalised" means it is not
  personal data: a location may be given by the outward part of the postcode ("DE5"), no finer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from csphub.core.calendar import add_months

RULE_VERSION = "cda1998-s17A/si2007-1831"

# s.17(1) themes (codes shared with the models' choices).
THEMES: tuple[tuple[str, str], ...] = (
    ("crime_disorder", "Crime and disorder"),
    ("asb_environment", "Anti-social behaviour and behaviour harming the local environment"),
    ("substance_misuse", "Misuse of drugs, alcohol and other substances"),
    ("reoffending", "Re-offending"),
    ("serious_violence", "Serious violence"),
)
SERIOUS_VIOLENCE_FROM = dt.date(2023, 1, 31)  # PCSC Act 2022 s.20 amended s.17 from this date


def themes_in_force(on: dt.date) -> list[tuple[str, str]]:
    """The s.17(1) themes an assessment made on ``on`` must consider (serious violence from 31 Jan 2023)."""
    return [
        (code, label) for code, label in THEMES if code != "serious_violence" or on >= SERIOUS_VIOLENCE_FROM
    ]


def missing_themes(considered: Mapping[str, str], on: dt.date) -> list[str]:
    """The labels of the themes in force on ``on`` for which no consideration is written."""
    return [label for code, label in themes_in_force(on) if not considered.get(code, "").strip()]


# ---------------------------------------------------------------------------------------------
# s.17A information periods
# ---------------------------------------------------------------------------------------------

FIRST_PERIOD_START = dt.date(2007, 7, 1)  # SI 2007/1831 reg 3: periods begin 1 July 2007


@dataclass(frozen=True, order=True)
class Quarter:
    """A three-month information period of SI 2007/1831, named by its first day."""

    start: dt.date

    @property
    def end(self) -> dt.date:
        return add_months(self.start, 3) - dt.timedelta(days=1)

    @property
    def due(self) -> dt.date:
        """The last day of the following information period: the return must be disclosed by then."""
        return self.next().end

    def next(self) -> Quarter:
        return Quarter(add_months(self.start, 3))

    def previous(self) -> Quarter:
        return Quarter(add_months(self.start, -3))

    @property
    def label(self) -> str:
        return f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"


def quarter_of(day: dt.date) -> Quarter:
    """The information period ``day`` falls in (periods start on 1 January, April, July, October)."""
    if day < FIRST_PERIOD_START:
        raise ValueError("s.17A information periods begin on 1 July 2007")
    return Quarter(dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1))


def return_due(quarter_start: dt.date) -> dt.date:
    """Due date of the return for the period beginning ``quarter_start``: the end of the next period."""
    return quarter_of(quarter_start).due


def is_late(quarter_start: dt.date, submitted_on: dt.date) -> bool:
    """A return disclosed after the last day of the following period is late (on that day is on time)."""
    return submitted_on > return_due(quarter_start)


def returns_expected(today: dt.date, *, count: int = 4) -> list[Quarter]:
    """The last ``count`` complete periods before ``today``, latest first (the returns that are or were due)."""
    quarter = quarter_of(today).previous()
    out: list[Quarter] = []
    while len(out) < count and quarter.start >= FIRST_PERIOD_START:
        out.append(quarter)
        quarter = quarter.previous()
    return out


# ---------------------------------------------------------------------------------------------
# Depersonalisation
# ---------------------------------------------------------------------------------------------

# The columns of a return, in order. Nothing else is accepted: a column of any other name is refused.
COLUMNS: tuple[str, ...] = (
    "category",
    "subcategory",
    "occurred_on",
    "time_band",
    "outward_postcode",
    "count",
)
COLUMN_LABELS: dict[str, str] = {
    "category": "Category",
    "subcategory": "Sub-category",
    "occurred_on": "Date",
    "time_band": "Time of day",
    "outward_postcode": "Outward postcode",
    "count": "Count",
}
TIME_BANDS = ("00:00-05:59", "06:00-11:59", "12:00-17:59", "18:00-23:59", "unknown")

# The outward part of a UK postcode (the "general postcode" of SI 2007/1831 reg 2).
OUTWARD_RE = re.compile(r"^(GIR|[A-Z]{1,2}[0-9][0-9A-Z]?)$")
# A full postcode anywhere in a value ("DE5 3TA", "DE53TA").
FULL_POSTCODE_RE = re.compile(r"\b[A-Z]{1,2}[0-9][0-9A-Z]?\s*[0-9][A-Z]{2}\b", re.IGNORECASE)
# A house number and street, or a named street ("12 High Street", "Flat 3").
ADDRESS_RE = re.compile(
    r"\b(\d+[A-Z]?\s+[A-Za-z]+\s+(street|st|road|rd|lane|ln|avenue|ave|close|drive|dr|way|court|crescent|"
    r"place|terrace|grove|gardens|walk|row|hill|green|square)\b|flat\s+\d+)",
    re.IGNORECASE,
)
EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
PHONE_RE = re.compile(r"(\+44\s?|\b0)\d[\d\s]{8,}\d\b")
# Words in a column name that say it carries a person's details.
IDENTIFYING_COLUMN_WORDS = (
    "name",
    "surname",
    "forename",
    "birth",
    "dob",
    "address",
    "street",
    "house",
    "email",
    "phone",
    "telephone",
    "mobile",
    "nhs",
    "nino",
    "national_insurance",
    "pnc",
    "crn",
    "reference",
    "person",
    "age",
)


@dataclass(frozen=True)
class Leak:
    """One reason a return is not depersonalised: the row (1 = the first data row) and the field."""

    row: int
    field: str
    reason: str

    def message(self) -> str:
        where = f"Row {self.row}" if self.row else "The header"
        return f"{where}, {COLUMN_LABELS.get(self.field, self.field)}: {self.reason}"


def outward_only(value: str) -> bool:
    return bool(OUTWARD_RE.match(value.strip().upper()))


def validate_return(
    header: Sequence[str], rows: Iterable[Sequence[str]], *, quarter: Quarter, categories: Mapping[str, str]
) -> tuple[list[dict[str, str]], list[Leak]]:
    """Check a return is depersonalised and well-formed (SI 2007/1831): the clean rows, or the leaks.

    ``categories`` maps each allowed category code to its label. Every problem is reported with the
    row and field it is in, so the authority can put it right; a return with any problem is refused.
    """
    leaks: list[Leak] = []
    names = [h.strip().lower() for h in header]
    for name in names:
        if name not in COLUMNS:
            identifying = any(word in name for word in IDENTIFYING_COLUMN_WORDS)
            reason = (
                "this column would identify a person: a return carries no names, dates of birth or addresses"
                if identifying
                else f"this column is not part of a return (the columns are: {', '.join(COLUMNS)})"
            )
            leaks.append(Leak(0, name or "(blank)", reason))
    for column in COLUMNS:
        if column not in names:
            leaks.append(Leak(0, column, "this column is missing"))
    if leaks:
        return [], leaks
    clean: list[dict[str, str]] = []
    for number, raw in enumerate(rows, start=1):
        if not any(cell.strip() for cell in raw):
            continue
        if len(raw) != len(names):
            leaks.append(Leak(number, "count", f"the row has {len(raw)} values, not {len(names)}"))
            continue
        row = {name: cell.strip() for name, cell in zip(names, raw, strict=True)}
        leaks.extend(_row_leaks(number, row, quarter=quarter, categories=categories))
        row["outward_postcode"] = row["outward_postcode"].upper()
        clean.append(row)
    return (clean if not leaks else []), leaks


def _row_leaks(
    number: int, row: dict[str, str], *, quarter: Quarter, categories: Mapping[str, str]
) -> list[Leak]:
    leaks = []
    for field, value in row.items():
        if FULL_POSTCODE_RE.search(value):
            leaks.append(
                Leak(number, field, "a full postcode identifies a few addresses: give the outward part only")
            )
        elif EMAIL_RE.search(value) or PHONE_RE.search(value):
            leaks.append(Leak(number, field, "an e-mail address or telephone number identifies a person"))
        elif ADDRESS_RE.search(value):
            leaks.append(
                Leak(number, field, "a street address identifies a person: give the outward postcode only")
            )
    if any(leak.field == "outward_postcode" for leak in leaks):
        return leaks
    postcode = row["outward_postcode"]
    if postcode and not outward_only(postcode):
        leaks.append(Leak(number, "outward_postcode", f"'{postcode}' is not the outward part of a postcode"))
    if row["category"] not in categories:
        leaks.append(Leak(number, "category", f"'{row['category']}' is not a category of this return"))
    try:
        day = dt.date.fromisoformat(row["occurred_on"])
    except ValueError:
        leaks.append(Leak(number, "occurred_on", "give the date as YYYY-MM-DD"))
    else:
        if not quarter.start <= day <= quarter.end:
            leaks.append(Leak(number, "occurred_on", f"the date is outside the period {quarter.label}"))
    if row["time_band"] not in TIME_BANDS:
        leaks.append(Leak(number, "time_band", f"give one of {', '.join(TIME_BANDS)}"))
    if not row["count"].isdigit() or int(row["count"]) < 1:
        leaks.append(Leak(number, "count", "give a whole number of 1 or more"))
    return leaks


# The prescribed descriptions of SI 2007/1831's Schedule, by the kind of authority that returns them.
_POLICE = {
    "asb": "Anti-social behaviour incident",
    "transport": "Transport incident",
    "public_safety": "Public safety and welfare incident",
    "burglary": "Burglary",
    "criminal_damage": "Criminal damage",
    "drugs": "Drug offences",
    "fraud_forgery": "Fraud and forgery",
    "robbery": "Robbery",
    "sexual_offences": "Sexual offences",
    "theft_handling": "Theft and handling stolen goods",
    "violence": "Violence against the person",
    "other_crime": "Other offences",
}
_FIRE = {
    "deliberate_primary_vehicle": "Deliberate primary fire (vehicle)",
    "deliberate_primary_other": "Deliberate primary fire (not a vehicle)",
    "deliberate_secondary_vehicle": "Deliberate secondary fire (vehicle)",
    "deliberate_secondary_other": "Deliberate secondary fire (not a vehicle)",
    "violence_against_staff": "Violence against fire and rescue staff",
    "dwelling_fire_no_alarm": "Dwelling fire without a working smoke alarm",
}
_COUNCIL = {
    "asb": "Anti-social behaviour incident",
    "criminal_damage": "Criminal damage",
    "fly_tipping": "Fly-tipping",
    "graffiti": "Graffiti",
    "abandoned_vehicles": "Abandoned vehicles",
    "noise": "Noise complaint",
}
_HEALTH = {
    "assault_admission": "Hospital admission for assault",
    "alcohol_admission": "Alcohol-related hospital admission",
    "drug_admission": "Drug-related hospital admission",
}
_PROBATION = {
    "reoffending": "Proven re-offending",
}
CATEGORIES_BY_AGENCY_TYPE: dict[str, dict[str, str]] = {
    "police": _POLICE,
    "fire_and_rescue": _FIRE,
    "district_council": _COUNCIL,
    "county_council": _COUNCIL,
    "health": _HEALTH,
    "probation": _PROBATION,
}


def categories_for(agency_type: str) -> dict[str, str]:
    """The categories an authority of ``agency_type`` returns (an empty dict: it makes no return)."""
    return dict(CATEGORIES_BY_AGENCY_TYPE.get(agency_type, {}))
