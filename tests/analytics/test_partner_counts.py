"""Partners' CSV of counts against the published data dictionary: every problem names file, line, field."""

from __future__ import annotations

from csphub.analytics.sources.partner_counts import COLUMNS, parse_counts, template_csv

GOOD = (
    "month,area_code,measure,value\n"
    "2024-01,E01019432,deliberate_secondary_fires,4\n"
    '2024-02,E07000032,ae_assault_attendances,"1,204"\n'
)


def parse(text: str, latest: str = "2024-06") -> tuple[list[tuple[int, str, str, str, int]], list[str]]:
    p = parse_counts(text.encode(), file_name="fire.csv", latest_month=latest)
    return [(r.line, r.month, r.area_code, r.measure, r.value) for r in p.rows], list(p.problems)


def test_a_good_file_gives_its_rows_with_their_lines() -> None:
    rows, problems = parse(GOOD)
    assert problems == []
    assert rows == [
        (2, "2024-01", "E01019432", "deliberate_secondary_fires", 4),
        (3, "2024-02", "E07000032", "ae_assault_attendances", 1204),
    ]


def test_each_bad_field_is_named_with_file_and_line() -> None:
    text = (
        "Month,Area_Code,Measure,Value\n"
        "2024-13,E01019432,deliberate_secondary_fires,4\n"
        "2024-01,X123,deliberate_secondary_fires,4\n"
        "2024-01,E01019432,bonfires,4\n"
        "2024-01,E01019432,deliberate_secondary_fires,-2\n"
        "2024-07,E01019432,deliberate_secondary_fires,1\n"
        "2024-01,E01019432\n"
    )
    rows, problems = parse(text)
    assert rows == []
    assert problems == [
        "fire.csv, line 2, month: “2024-13” is not a month: write it as YYYY-MM, for example 2024-03",
        "fire.csv, line 3, area_code: “X123” is not a 2021 LSOA, district or county code (for example E01019432)",
        "fire.csv, line 4, measure: “bonfires” is not a measure the data dictionary lists",
        "fire.csv, line 5, value: “-2” is not a whole number of 0 or more",
        "fire.csv, line 6, month: 2024-07 is in the future",
        "fire.csv, line 7, row: it has 2 fields, the header has 4",
    ]


def test_the_latest_month_itself_is_allowed() -> None:
    rows, problems = parse("month,area_code,measure,value\n2024-06,E01019432,housing_asb_reports,0\n")
    assert problems == [] and rows[0][1] == "2024-06"


def test_a_count_given_twice_is_refused_naming_both_lines() -> None:
    text = GOOD + "2024-01,e01019432,Deliberate_Secondary_Fires,5\n"
    _, problems = parse(text)
    assert problems == [
        "fire.csv, line 4, row: deliberate_secondary_fires for E01019432 in 2024-01 is already given on "
        "line 2: give each count once"
    ]


def test_header_problems_and_empty_files() -> None:
    _, problems = parse("month,area,measure,value,notes\n")
    assert problems == [
        "fire.csv, line 1, header: it has no column “area_code”; it has columns the dictionary does not "
        "list: “area”, “notes”. The first line must be: month,area_code,measure,value"
    ]
    assert parse("")[1] == [
        "fire.csv: the file is empty. Its first line must be: month,area_code,measure,value"
    ]
    assert parse("month,area_code,measure,value\n")[1] == ["fire.csv: the file has a header but no counts."]
    bad = parse_counts(b"\xff\xfe", file_name="fire.csv", latest_month="2024-06")
    assert "not a CSV file saved as UTF-8" in bad.problems[0]


def test_the_template_follows_the_dictionary() -> None:
    rows, problems = parse(template_csv())
    assert problems == [] and len(rows) == 1
    assert template_csv().splitlines()[0] == ",".join(COLUMNS)
