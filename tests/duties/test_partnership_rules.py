"""Rules of the partnership registers, each test naming the provision it implements and checking both
sides of every date boundary."""

from __future__ import annotations

import datetime as dt

import pytest

from csphub.duties.rules import remedy, s17, scrutiny

D = dt.date
POLICE = s17.categories_for("police")
HEADER = list(s17.COLUMNS)
Q2 = s17.quarter_of(D(2026, 5, 14))  # 1 April to 30 June 2026


def _row(**changes: str) -> list[str]:
    row = {
        "category": "burglary",
        "subcategory": "Dwelling",
        "occurred_on": "2026-05-02",
        "time_band": "18:00-23:59",
        "outward_postcode": "DE5",
        "count": "3",
    }
    row.update(changes)
    return [row[c] for c in s17.COLUMNS]


# --- s.17(1) themes ---------------------------------------------------------------------------


def test_s17_serious_violence_theme_applies_from_31_january_2023() -> None:
    """CDA 1998 s.17(1) as amended by PCSC Act 2022: serious violence from 31 January 2023."""
    before = [code for code, _ in s17.themes_in_force(D(2023, 1, 30))]
    on = [code for code, _ in s17.themes_in_force(D(2023, 1, 31))]
    assert "serious_violence" not in before
    assert "serious_violence" in on
    assert len(on) == 5


def test_s17_every_theme_in_force_must_be_considered() -> None:
    """CDA 1998 s.17(1): each theme is considered in writing, even to say there is no likely effect."""
    written = {code: "No likely effect" for code, _ in s17.THEMES}
    assert s17.missing_themes(written, D(2026, 1, 1)) == []
    assert s17.missing_themes({**written, "reoffending": "  "}, D(2026, 1, 1)) == ["Re-offending"]
    assert s17.missing_themes({**written, "serious_violence": ""}, D(2023, 1, 30)) == []


# --- s.17A information periods (SI 2007/1831) -------------------------------------------------


@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        (D(2026, 3, 31), D(2026, 1, 1), D(2026, 3, 31)),
        (D(2026, 4, 1), D(2026, 4, 1), D(2026, 6, 30)),
        (D(2026, 12, 31), D(2026, 10, 1), D(2026, 12, 31)),
        (D(2007, 7, 1), D(2007, 7, 1), D(2007, 9, 30)),
    ],
)
def test_s17a_information_periods_are_consecutive_quarters(
    day: dt.date, start: dt.date, end: dt.date
) -> None:
    """SI 2007/1831 reg. 2: consecutive three-month periods beginning 1 July 2007."""
    quarter = s17.quarter_of(day)
    assert (quarter.start, quarter.end) == (start, end)


def test_s17a_no_period_before_1_july_2007() -> None:
    with pytest.raises(ValueError):
        s17.quarter_of(D(2007, 6, 30))


def test_s17a_return_due_by_the_end_of_the_following_period_both_sides() -> None:
    """SI 2007/1831 reg. 3(2): disclosed by the end of the period following the one it relates to."""
    assert s17.return_due(D(2026, 4, 1)) == D(2026, 9, 30)
    assert not s17.is_late(D(2026, 4, 1), D(2026, 9, 30))  # the last day: on time
    assert s17.is_late(D(2026, 4, 1), D(2026, 10, 1))  # the day after: late
    # Across a year end: October-December is due by 31 March.
    assert s17.return_due(D(2026, 10, 1)) == D(2027, 3, 31)
    assert not s17.is_late(D(2026, 10, 1), D(2027, 3, 31))
    assert s17.is_late(D(2026, 10, 1), D(2027, 4, 1))


def test_s17a_returns_expected_are_the_completed_periods() -> None:
    expected = s17.returns_expected(D(2026, 7, 1), count=2)
    assert [q.start for q in expected] == [D(2026, 4, 1), D(2026, 1, 1)]
    expected = s17.returns_expected(D(2026, 6, 30), count=1)
    assert [q.start for q in expected] == [D(2026, 1, 1)]


# --- depersonalisation ------------------------------------------------------------------------


def test_s17a_clean_return_is_accepted_and_postcode_normalised() -> None:
    """SI 2007/1831 reg. 2: depersonalised; location by the outward part of the postcode."""
    rows, leaks = s17.validate_return(HEADER, [_row(outward_postcode="de56")], quarter=Q2, categories=POLICE)
    assert leaks == []
    assert rows[0]["outward_postcode"] == "DE56"


@pytest.mark.parametrize("column", ["name", "date_of_birth", "address", "surname", "dob"])
def test_s17a_identifying_column_is_refused_by_name(column: str) -> None:
    rows, leaks = s17.validate_return([*HEADER, column], [], quarter=Q2, categories=POLICE)
    assert rows == []
    assert leaks[0].field == column
    assert "would identify a person" in leaks[0].message()


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("outward_postcode", "DE5 3TA", "full postcode"),
        ("outward_postcode", "DE53TA", "full postcode"),
        ("subcategory", "At 12 High Street", "street address"),
        ("subcategory", "Caller on 07700 900123", "telephone"),
        ("subcategory", "contact jo@example.org", "e-mail"),
        ("outward_postcode", "Ripley", "not the outward part"),
    ],
)
def test_s17a_leak_is_refused_naming_row_and_field(field: str, value: str, words: str) -> None:
    rows, leaks = s17.validate_return(HEADER, [_row(), _row(**{field: value})], quarter=Q2, categories=POLICE)
    assert rows == []  # nothing of a leaking return is accepted
    assert [(leak.row, leak.field) for leak in leaks] == [(2, field)]
    message = leaks[0].message()
    assert message.startswith(f"Row 2, {s17.COLUMN_LABELS[field]}:")
    assert words in message


def test_s17a_dates_outside_the_period_are_refused_both_sides() -> None:
    _, inside = s17.validate_return(
        HEADER,
        [_row(occurred_on="2026-04-01"), _row(occurred_on="2026-06-30")],
        quarter=Q2,
        categories=POLICE,
    )
    assert inside == []
    _, outside = s17.validate_return(
        HEADER,
        [_row(occurred_on="2026-03-31"), _row(occurred_on="2026-07-01")],
        quarter=Q2,
        categories=POLICE,
    )
    assert [(leak.row, leak.field) for leak in outside] == [(1, "occurred_on"), (2, "occurred_on")]


def test_s17a_category_must_be_prescribed_for_the_authority() -> None:
    """SI 2007/1831 Schedule: a fire service returns fires, not burglaries."""
    _, leaks = s17.validate_return(
        HEADER, [_row()], quarter=Q2, categories=s17.categories_for("fire_and_rescue")
    )
    assert [(leak.row, leak.field) for leak in leaks] == [(1, "category")]
    assert s17.categories_for("housing_provider") == {}


# --- scrutiny (PJA 2006 s.19; SI 2009/942 reg. 6) ---------------------------------------------


def test_scrutiny_response_due_28_days_beginning_with_receipt_both_sides() -> None:
    """SI 2009/942 reg. 6: a written response within 28 days of receiving the recommendation."""
    received = D(2026, 2, 10)
    assert scrutiny.response_due(received) == D(2026, 3, 9)
    assert not scrutiny.response_late(received, D(2026, 3, 9))
    assert scrutiny.response_late(received, D(2026, 3, 10))


# --- Community Remedy (ASBCPA 2014 s.102) -----------------------------------------------------


def _refusals(**kw: object) -> list[str]:
    args: dict[str, object] = {
        "views_status": remedy.VIEWS_GIVEN,
        "views_sought_on": D(2026, 3, 1),
        "chosen_on": D(2026, 3, 1),
        "victim_preferred": True,
        "not_preferred_reason": "",
    }
    args.update(kw)
    return remedy.choice_refusals(**args)  # type: ignore[arg-type]


def test_remedy_victim_views_sought_on_or_before_the_choice_both_sides() -> None:
    """ASBCPA 2014 s.102(2)-(3): the victim's views are sought before the action is chosen."""
    assert _refusals(views_sought_on=D(2026, 3, 1), chosen_on=D(2026, 3, 1)) == []
    assert _refusals(views_sought_on=D(2026, 2, 28), chosen_on=D(2026, 3, 1)) == []
    after = _refusals(views_sought_on=D(2026, 3, 2), chosen_on=D(2026, 3, 1))
    assert after == ["The victim's views must be sought before the action is chosen, not after"]


def test_remedy_views_must_be_sought_unless_there_is_no_victim() -> None:
    """s.102: reasonable efforts to obtain the views (declined or unreachable still needs the date)."""
    for status in (remedy.VIEWS_GIVEN, remedy.VIEWS_DECLINED, remedy.VIEWS_UNREACHABLE):
        assert _refusals(views_status=status, views_sought_on=None)
    assert _refusals(views_status=remedy.NO_VICTIM, views_sought_on=None) == []


def test_remedy_victims_choice_overridden_only_with_a_reason() -> None:
    """s.102(4): the victim's preferred action is chosen unless it seems inappropriate (say why)."""
    assert _refusals(victim_preferred=False) == [
        "Say why the action the victim asked for was not appropriate"
    ]
    assert _refusals(victim_preferred=False, not_preferred_reason="Victim asked for a payment") == []
