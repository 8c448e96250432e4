"""Reporting years and the statutory publication (s.104(10)): the figures, their sentences and the
monthly breakdown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from csphub.casereviews.rules.threshold import earliest_qualifying_complaint_date
from csphub.casereviews.rules.wording import _count_start, _plural

# ---------------------------------------------------------------------------------------------------
# Reporting years and the statutory publication (s.104(10))
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class ReportingYear:
    """A reporting year, 1 April to 31 March, labelled like the plans do: "2019/20"."""

    start_year: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.start_year, 4, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.start_year + 1, 3, 31)

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    @property
    def slug(self) -> str:
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def months(self) -> list[dt.date]:
        """First day of each month in the year, April first."""
        return [dt.date(self.start_year + (m < 4), m, 1) for m in (*range(4, 13), *range(1, 4))]

    @classmethod
    def containing(cls, day: dt.date) -> ReportingYear:
        return cls(day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def parse(cls, text: str) -> ReportingYear:
        """Accept "2019/20", "2019-20" or "2019"; raise ValueError otherwise."""
        cleaned = text.strip().replace("-", "/")
        head, _, tail = cleaned.partition("/")
        if not head.isdigit() or len(head) != 4:
            raise ValueError("Enter a reporting year like 2019/20")
        year = cls(int(head))
        if tail and tail != year.label.split("/")[1]:
            raise ValueError("Enter a reporting year like 2019/20: the second year follows the first")
        return year


# s.104 and Sch 4 came into force on 20 October 2014 (SI 2014/2590): the first reporting year with
# Case Review figures is 2014/15, which it falls in.
CASE_REVIEW_IN_FORCE = dt.date(2014, 10, 20)
FIRST_REPORTING_YEAR = ReportingYear.containing(CASE_REVIEW_IN_FORCE)


def reporting_year_refusal(year: ReportingYear, *, today: dt.date) -> str | None:
    """Why there can be no s.104(10) figures for ``year``, or None when there can be.

    A year that ends before the ASB Case Review came into force (20 October 2014) had no Case
    Reviews; a year that has not begun has no figures yet. The year in progress has figures to date.
    """
    if year.end < CASE_REVIEW_IN_FORCE:
        return (
            f"There are no ASB Case Review figures for {year.label}: the Case Review began on "
            f"20 October 2014, so the first reporting year is {FIRST_REPORTING_YEAR.label}."
        )
    if year.start > today:
        return f"There are no figures for {year.label} yet: the year begins on {year.start.day} {year.start:%B %Y}."
    return None


class YearStatus(StrEnum):
    """How final a year's figures are: published by a coordinator, or provisional until then."""

    PUBLISHED = "published"
    YEAR_TO_DATE = "year_to_date"  # the year in progress: provisional, and still growing
    PROVISIONAL = "provisional"  # ended, but not yet checked and published by the partnership


def year_status(year: ReportingYear, *, today: dt.date, published: bool) -> YearStatus:
    if published:
        return YearStatus.PUBLISHED
    return YearStatus.YEAR_TO_DATE if year.contains(today) else YearStatus.PROVISIONAL


def publish_refusal(year: ReportingYear, *, today: dt.date, already_published: bool) -> str | None:
    """Why a coordinator may not publish ``year``'s figures now, or None: only a year that has ended,
    once, and not one before the Case Review began (s.104(10) figures are for a whole year)."""
    refusal = reporting_year_refusal(year, today=today)
    if refusal:
        return refusal
    if already_published:
        return f"The figures for {year.label} are already published."
    if today <= year.end:
        return (
            f"The year {year.label} ends on {year.end.day} {year.end:%B %Y}: publish its figures after then. "
            "Until then they are shown as year to date (provisional)."
        )
    return None


@dataclass(frozen=True)
class ReviewFacts:
    """One ASB Case Review carried out: when, and how many recommendations it made."""

    held_on: dt.date
    recommendation_count: int


@dataclass(frozen=True)
class ApplicationFacts:
    """What the publication needs to know about one application (built from the database).

    ``not_met_decided_on`` lists the dates on which the relevant bodies decided the threshold was
    not met (s.104(10)(b) counts decisions, by decision date); when empty, a ``threshold_met`` of
    False is read as one decision on ``threshold_decided_on`` (or, failing that, ``received_on``).
    ``reviews`` lists every review carried out (an upheld appeal leads to a further one); when
    empty, ``review_held_on`` and ``recommendation_count`` describe the only one.
    """

    reference: str
    received_on: dt.date
    threshold_met: bool | None  # None: not yet decided
    review_held_on: dt.date | None
    recommendation_count: int
    threshold_decided_on: dt.date | None = None
    not_met_decided_on: tuple[dt.date, ...] = ()
    reviews: tuple[ReviewFacts, ...] = ()

    def not_met_decisions(self) -> tuple[dt.date, ...]:
        if self.not_met_decided_on:
            return self.not_met_decided_on
        if self.threshold_met is False:
            return (self.threshold_decided_on or self.received_on,)
        return ()

    def all_reviews(self) -> tuple[ReviewFacts, ...]:
        if self.reviews:
            return self.reviews
        if self.review_held_on is not None:
            return (ReviewFacts(self.review_held_on, self.recommendation_count),)
        return ()


@dataclass(frozen=True)
class Figures:
    """The four statutory figures for one area and reporting year."""

    area: str
    year: ReportingYear
    applications: int
    threshold_not_met: int
    reviews_carried_out: int
    reviews_with_recommendations: int

    def as_rows(self) -> list[tuple[str, int]]:
        return [
            ("Applications for ASB Case Reviews", self.applications),
            ("Applications that did not meet the threshold", self.threshold_not_met),
            ("ASB Case Reviews carried out", self.reviews_carried_out),
            ("ASB Case Reviews that resulted in recommendations", self.reviews_with_recommendations),
        ]


def compute_figures(facts: Iterable[ApplicationFacts], *, area: str, year: ReportingYear) -> Figures:
    """The s.104(10) figures, counted from application facts.

    (a) applications received in the year; (b) the number of times the relevant bodies decided in
    the year that the threshold was not met (by decision date, B.5); (c) reviews carried out in the
    year, each review counted (an upheld appeal leads to a further review); (d) of those reviews, how
    many made at least one recommendation. (b), (c) and (d) count by the date of the decision or
    review, so an application received in March and decided or reviewed in April counts there.
    """
    items = list(facts)
    received = [f for f in items if year.contains(f.received_on)]
    not_met = [d for f in items for d in f.not_met_decisions() if year.contains(d)]
    reviews = [rv for f in items for rv in f.all_reviews() if year.contains(rv.held_on)]
    return Figures(
        area=area,
        year=year,
        applications=len(received),
        threshold_not_met=len(not_met),
        reviews_carried_out=len(reviews),
        reviews_with_recommendations=sum(1 for rv in reviews if rv.recommendation_count > 0),
    )


# The 2023 ASB Action Plan and the revised statutory guidance renamed the Community Trigger; the
# published figures use the new name from the 2023/24 reporting year.
ASB_CASE_REVIEW_NAME_FROM = 2023


def scheme_name(year: ReportingYear) -> str:
    """ "Community Trigger" up to 2022/23; "ASB Case Review" from 2023/24 (B.5)."""
    return "ASB Case Review" if year.start_year >= ASB_CASE_REVIEW_NAME_FROM else "Community Trigger"


def publication_sentences(figures: Figures) -> list[str]:
    """The four sentences in the form the Amber Valley CSP plan printed for 2019/20.

    The plan's wording (punctuation included) for 2019/20 was:
    "One Community Trigger application was received in Amber Valley during 2019/20",
    "One application was received that did not meet the threshold.",
    "No ASB Case Reviews were conducted in 2019/20",
    "No ASB Case Reviews took place which resulted in recommendations being made".
    """
    a, b, c, d = (
        figures.applications,
        figures.threshold_not_met,
        figures.reviews_carried_out,
        figures.reviews_with_recommendations,
    )
    label = figures.year.label
    return [
        f"{_count_start(a)} {scheme_name(figures.year)} {_plural(a, 'application was', 'applications were')} "
        f"received in {figures.area} during {label}",
        f"{_count_start(b)} {_plural(b, 'application was', 'applications were')} received that did not meet "
        "the threshold.",
        f"{_count_start(c)} ASB Case {_plural(c, 'Review was', 'Reviews were')} conducted in {label}",
        f"{_count_start(d)} ASB Case {_plural(d, 'Review took', 'Reviews took')} place which resulted in "
        "recommendations being made",
    ]


@dataclass(frozen=True)
class MonthRow:
    month: dt.date
    applications: int
    threshold_met: int
    threshold_not_met: int
    awaiting_decision: int
    reviews_carried_out: int
    reviews_with_recommendations: int


def monthly_breakdown(
    facts: Iterable[ApplicationFacts], *, year: ReportingYear, until: dt.date | None = None
) -> list[MonthRow]:
    """The data behind the figures: per month, applications by threshold outcome, and reviews.

    With ``until`` (today, for the year in progress) months that have not begun are left out: a
    month that has not happened has no figures, not zero.
    """
    items = list(facts)
    rows: list[MonthRow] = []
    for month in year.months():
        if until is not None and month > until:
            break

        def in_month(day: dt.date | None, month: dt.date = month) -> bool:
            return day is not None and (day.year, day.month) == (month.year, month.month)

        received = [f for f in items if in_month(f.received_on)]
        reviews = [rv for f in items for rv in f.all_reviews() if in_month(rv.held_on)]
        rows.append(
            MonthRow(
                month=month,
                applications=len(received),
                threshold_met=sum(1 for f in received if f.threshold_met is True),
                threshold_not_met=sum(1 for f in items for d in f.not_met_decisions() if in_month(d)),
                awaiting_decision=sum(1 for f in received if f.threshold_met is None),
                reviews_carried_out=len(reviews),
                reviews_with_recommendations=sum(1 for rv in reviews if rv.recommendation_count > 0),
            )
        )
    return rows


def second_report_within_six_months(report_dates: Sequence[dt.date], *, new_report_on: dt.date) -> bool:
    """True when ``new_report_on`` is a victim's second (or later) report within six months.

    2025 statutory guidance: explain the Case Review to every victim who makes a second report of ASB
    within six months, whether or not the threshold is met. ``report_dates`` are the victim's other
    reports (the new one excluded).
    """
    earliest = earliest_qualifying_complaint_date(new_report_on)
    return any(earliest <= day <= new_report_on for day in report_dates)
