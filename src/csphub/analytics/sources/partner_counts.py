"""Partners' own counts for the Strategic Assessment: a CSV of counts against a published dictionary.

A partner (the fire service, the NHS trust's A&E, the youth service, a housing provider) sends a
file of counts, one row per month, area and measure; nothing in it names a person. The data
dictionary below is what the partnership publishes (the page shows it and offers it as a template);
:func:`parse_counts` checks a file against it and reports every problem with the file's name, the
line and the field, so the partner can correct the file. Pure: text in, rows and problems out.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

COLUMNS = ("month", "area_code", "measure", "value")
MAX_PROBLEMS = 200
MAX_VALUE = 1_000_000
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
# 2021 LSOA (E01/W01), a district or unitary (E06, E07, E08, E09, W06) or a county (E10)
_AREA = re.compile(r"^(E01|W01|E06|E07|E08|E09|W06|E10)\d{6}$")


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    unit: str
    typical_source: str
    definition: str


MEASURES: tuple[Measure, ...] = (
    Measure(
        "deliberate_primary_fires", "Deliberate primary fires", "fires", "Fire and rescue service",
        "Fires in buildings, vehicles or outdoor structures, or with casualties, that the fire and rescue "
        "service recorded as started deliberately (Home Office fire incident categories).",
    ),
    Measure(
        "deliberate_secondary_fires", "Deliberate secondary fires", "fires", "Fire and rescue service",
        "Outdoor fires not involving property (refuse, grassland, derelict buildings or vehicles) "
        "recorded as started deliberately.",
    ),
    Measure(
        "ae_assault_attendances", "A&E attendances for assault", "attendances", "NHS trust (A&E)",
        "Emergency department attendances where the patient reported an assault (Information Sharing to "
        "Tackle Violence data set), counted by where the assault took place.",
    ),
    Measure(
        "youth_service_referrals", "Youth service referrals", "referrals", "Youth service or youth justice",
        "Referrals accepted by the youth service or youth justice team for anti-social behaviour or "
        "offending, counted by the young person's home area.",
    ),
    Measure(
        "housing_asb_reports", "Housing ASB reports", "reports", "Housing provider",
        "Anti-social behaviour reports received by a housing provider from its tenants or neighbours.",
    ),
    Measure(
        "environmental_asb_reports", "Environmental ASB reports", "reports", "Council environmental services",
        "Reports of fly-tipping, graffiti, noise nuisance and similar environmental anti-social behaviour.",
    ),
)  # fmt: skip
MEASURE_KEYS = {m.key: m for m in MEASURES}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    required: bool
    allowed: str
    example: str


DICTIONARY: tuple[Column, ...] = (
    Column("month", "text, YYYY-MM", True, "A calendar month, not in the future", "2024-03"),
    Column(
        "area_code", "text", True,
        "A 2021 LSOA code (E01…, W01…) or a district, unitary or county code (E06, E07, E08, E09, E10, W06)",
        "E01019432",
    ),
    Column("measure", "text", True, "One of the measure names listed below", "deliberate_secondary_fires"),
    Column("value", "whole number", True, f"0 to {MAX_VALUE:,}", "4"),
)  # fmt: skip


@dataclass(frozen=True)
class CountRow:
    line: int
    month: str
    area_code: str
    measure: str
    value: int


@dataclass(frozen=True)
class Parsed:
    rows: tuple[CountRow, ...]
    problems: tuple[str, ...]  # "file, line N, field: what to do"


def template_csv() -> str:
    """The header and one example row: what a partner fills in."""
    return ",".join(COLUMNS) + "\n" + ",".join(c.example for c in DICTIONARY) + "\n"


def parse_counts(data: bytes, *, file_name: str, latest_month: str) -> Parsed:
    """Check a partner's CSV against the dictionary. Every problem names the file, the line (the
    header is line 1) and the field; a (month, area, measure) given twice is a problem, because
    the file would then not say which value is right. ``latest_month``: the last month a count
    may be for (the current month, YYYY-MM)."""
    problems: list[str] = []

    def problem(line: int, column: str, message: str) -> None:
        if len(problems) < MAX_PROBLEMS:
            problems.append(f"{file_name}, line {line}, {column}: {message}")

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Parsed(
            (), (f"{file_name}: the file is not a CSV file saved as UTF-8 text. Save it as “CSV UTF-8”.",)
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        return Parsed((), (f"{file_name}: the file is empty. Its first line must be: {','.join(COLUMNS)}",))
    names = [h.strip().lower() for h in header]
    missing = [c for c in COLUMNS if c not in names]
    extra = [h for h in names if h not in COLUMNS]
    if missing or extra:
        said = []
        if missing:
            said.append("it has no column " + ", ".join(f"“{c}”" for c in missing))
        if extra:
            said.append("it has columns the dictionary does not list: " + ", ".join(f"“{c}”" for c in extra))
        return Parsed(
            (),
            (f"{file_name}, line 1, header: {'; '.join(said)}. The first line must be: {','.join(COLUMNS)}",),
        )
    index = {name: names.index(name) for name in COLUMNS}
    rows: list[CountRow] = []
    seen: dict[tuple[str, str, str], int] = {}
    for line_no, record in enumerate(reader, start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(names):
            problem(line_no, "row", f"it has {len(record)} fields, the header has {len(names)}")
            continue
        cell = {name: record[i].strip() for name, i in index.items()}
        ok = True
        month = cell["month"]
        m = _MONTH.match(month)
        if not m or not 1 <= int(m.group(2)) <= 12:
            problem(line_no, "month", f"“{month}” is not a month: write it as YYYY-MM, for example 2024-03")
            ok = False
        elif month > latest_month:
            problem(line_no, "month", f"{month} is in the future")
            ok = False
        area = cell["area_code"].upper()
        if not _AREA.match(area):
            problem(
                line_no, "area_code",
                f"“{cell['area_code']}” is not a 2021 LSOA, district or county code (for example E01019432)",
            )  # fmt: skip
            ok = False
        measure = cell["measure"].lower()
        if measure not in MEASURE_KEYS:
            problem(line_no, "measure", f"“{cell['measure']}” is not a measure the data dictionary lists")
            ok = False
        raw = cell["value"].replace(",", "")
        if not raw.isdigit():
            problem(line_no, "value", f"“{cell['value']}” is not a whole number of 0 or more")
            ok = False
        elif int(raw) > MAX_VALUE:
            problem(line_no, "value", f"{raw} is more than {MAX_VALUE:,}: check the figure")
            ok = False
        if not ok:
            continue
        key = (month, area, measure)
        if key in seen:
            problem(
                line_no, "row",
                f"{measure} for {area} in {month} is already given on line {seen[key]}: give each count once",
            )  # fmt: skip
            continue
        seen[key] = line_no
        rows.append(CountRow(line_no, month, area, measure, int(raw)))
    if not rows and not problems:
        problems.append(f"{file_name}: the file has a header but no counts.")
    return Parsed(tuple(rows), tuple(problems))
