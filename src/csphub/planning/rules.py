"""Pure rules for priority setting: the evidence each theme brings from the Strategic Assessment.

police.uk categories identify some themes only roughly and others not at all. The categories used
for each theme are stated on the page beside the figures, and a theme police.uk cannot identify
says so instead of showing a number.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from csphub.analytics.assessment import Assessment
from csphub.analytics.sources.police_uk import CRIME_ONLY

# theme key -> police.uk categories counted as evidence for it (an indicator, not a definition)
THEME_CATEGORIES: dict[str, tuple[str, ...]] = {
    "asb": ("Anti-social behaviour",),
    "serious_violence": ("Violence and sexual offences", "Robbery", "Possession of weapons"),
    "organised_crime": ("Drugs", "Possession of weapons"),
    "acquisitive": (
        "Burglary",
        "Robbery",
        "Vehicle crime",
        "Theft from the person",
        "Shoplifting",
        "Bicycle theft",
        "Other theft",
    ),
}

NOT_IN_POLICE_UK = (
    "police.uk does not identify this theme (its categories carry no domestic abuse, exploitation, "
    "modern slavery, Prevent or hate crime flag). Bring the partners' own figures as evidence."
)


def repeats_evidence(assessment: Assessment) -> dict[str, Any] | None:
    """The assessment's repeat-location output: how many of the hot-spot incidents (the crime types
    it names) fell at places with two or more, and how concentrated they are. None without it."""
    repeats = assessment.repeats
    if repeats is None:
        return None
    types = tuple(assessment.parameters.hotspots.crime_types)
    top5 = float(repeats.concentration.get("top_5pct_places", math.nan))
    return {
        "covers": (
            "all crime excluding anti-social behaviour"
            if not types or set(types) == set(CRIME_ONLY)
            else ", ".join(types)
        ),
        "place": repeats.place_definition,
        "events": repeats.n_events,
        "places": repeats.n_places,
        "events_at_repeat_places": repeats.n_events_at_repeat_places,
        "share_at_repeat_places": round(repeats.share_events_at_repeat_places, 3),
        "top_5pct_places_share": None if not math.isfinite(top5) else round(top5, 3),
    }


def theme_evidence(
    assessment: Assessment,
    theme: str,
    *,
    hot_spots: dict[str, Any] | None = None,
    casework: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Volume, rate per 1,000 residents, trend (with each category's adjusted p) and harm for one
    theme; with the share of its incidents in the assessment's hot-spot cells (``hot_spots``, counted
    by :func:`csphub.planning.evidence.hot_spot_concentration`), the assessment's repeat locations,
    and CSP Hub's casework over the period (``casework``, for themes the casework records).

    Plain JSON-ready values, so that a scoring session keeps the evidence as it stood when it opened.
    Depersonalised counts only.
    """
    categories = THEME_CATEGORIES.get(theme, ())
    if not categories:
        out: dict[str, Any] = {"available": False, "note": NOT_IN_POLICE_UK}
        if casework is not None:
            out["casework"] = casework
        return out
    rows = {row.crime_type: row for row in assessment.by_crime_type}
    harm_rows = {row.crime_type: row for row in assessment.harm.rows}
    found = [rows[name] for name in categories if name in rows]
    if not found:
        return {
            "available": False,
            "note": "The latest assessment has no figures for this theme's categories.",
        }
    volume = sum(row.count for row in found)
    previous = sum(row.count_previous for row in found)
    population = assessment.area.population
    harm_values = [harm_rows[r.crime_type].harm for r in found if r.crime_type in harm_rows]
    harm_known = [h for h in harm_values if h is not None]
    return {
        "available": True,
        "categories": [
            {
                "crime_type": row.crime_type,
                "count": row.count,
                "count_previous": row.count_previous,
                "change_pct": row.change_pct,
                "p_adj": row.p_adj,
                "p_value": row.p_value,
                "wording": row.wording,
            }
            for row in found
        ],
        "volume": volume,
        "volume_previous": previous,
        "rate_per_1000": round(volume / population * 1000, 2) if population else None,
        "change_pct": round((volume - previous) / previous * 100, 1) if previous else None,
        "harm": round(sum(harm_known), 1) if harm_known else None,
        "harm_unit": assessment.harm.unit,
        "harm_source": assessment.harm.weights_name,
        "period": f"{assessment.period.first} to {assessment.period.last}",
        "hot_spots": hot_spots,
        "repeats": repeats_evidence(assessment),
        "casework": casework,
    }


# --- The Plan: actions and measures (pure) -------------------------------------------------------


def action_problems(
    *, rag: str, rag_reason: str, due_on: date | None, starts_on: date, ends_on: date
) -> list[tuple[str, str]]:
    """(field, message) for an action: amber and red need their reason; the due date falls within
    the plan's period (the first and last day included)."""
    problems: list[tuple[str, str]] = []
    if rag in ("amber", "red") and not rag_reason.strip():
        problems.append(("rag_reason", "Enter why the action is amber or red, and what is being done"))
    if due_on is not None and not (starts_on <= due_on <= ends_on):
        problems.append(
            (
                "due_on",
                f"The due date must be within the plan's period, {starts_on.day} {starts_on:%B %Y} to "
                f"{ends_on.day} {ends_on:%B %Y}",
            )
        )
    return problems


def action_is_overdue(*, due_on: date, status: str, today: date) -> bool:
    """Overdue the day after its due date, unless done or stopped."""
    return status not in ("done", "stopped") and today > due_on


def _figure(value: float) -> str:
    """A figure as people write it: a whole number without a decimal point, a rate to one place."""
    return f"{value:g}" if float(value).is_integer() else f"{value:.1f}"


@dataclass(frozen=True)
class MeasureReading:
    """A measure's figure against its baseline and target: the change and whether it goes the
    planned way (reaches the target, when the measure has one). A rate (per 1,000 residents) is
    a figure to one decimal place; the rest are whole numbers."""

    value: int | float | None
    baseline: int
    change: int | float | None
    on_track: bool | None
    target: int | None = None

    @property
    def wording(self) -> str:
        if self.value is None:
            return "No figure yet"
        if self.change == 0:
            return f"{_figure(self.value)}, the same as the baseline"
        direction = "up" if (self.change or 0) > 0 else "down"
        return (
            f"{_figure(self.value)}, {direction} {_figure(abs(self.change or 0))} on the baseline of "
            f"{self.baseline}"
        )


def measure_reading(
    *, value: int | float | None, baseline: int, direction: str, target: int | None = None
) -> MeasureReading:
    """Without a target: ``reduce`` is on track below the baseline, ``increase`` above it,
    ``maintain`` at or below it. With a target: ``increase`` is on track at or above the target,
    ``reduce`` and ``maintain`` at or below it (the target is the line the partnership set)."""
    if value is None:
        return MeasureReading(None, baseline, None, None, target)
    change = value - baseline if isinstance(value, int) else round(value - baseline, 1)
    if target is not None:
        on_track = value >= target if direction == "increase" else value <= target
    else:
        on_track = {"reduce": change < 0, "increase": change > 0, "maintain": change <= 0}[direction]
    return MeasureReading(value, baseline, change, on_track, target)


def measure_problems(*, baseline: int | None, target: int | None, direction: str) -> list[tuple[str, str]]:
    """(field, message) for a measure's target: a reduction's target is below the baseline, an
    increase's above it, and keeping a figure down means a target no higher than the baseline."""
    if baseline is None or target is None:
        return []
    if direction == "reduce" and not target < baseline:
        return [("target", f"A target to reduce must be below the baseline of {baseline}")]
    if direction == "increase" and not target > baseline:
        return [("target", f"A target to increase must be above the baseline of {baseline}")]
    if direction == "maintain" and target > baseline:
        return [
            ("target", f"A target to keep the figure down must be no higher than the baseline of {baseline}")
        ]
    return []


_YEAR_LABEL = re.compile(r"^\s*(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*$")


def target_date_of(label: str) -> date | None:
    """The day a measure's target falls due, read from when it is for: a financial year written
    "2022/23" (or "2022-23", "2022/2023") ends on 31 March 2023. Anything else ("each year") names
    no date, and None is returned."""
    match = _YEAR_LABEL.match(label or "")
    if match is None:
        return None
    first, second = int(match.group(1)), match.group(2)
    following = first + 1
    if int(second) != (following if len(second) == 4 else following % 100):
        return None
    return date(following, 3, 31)


def _day(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def period_problems(
    *,
    starts_on: date | None,
    ends_on: date | None,
    action_due: Sequence[tuple[str, date]] = (),
    measure_targets: Sequence[tuple[str, str]] = (),
) -> list[tuple[str, str]]:
    """(field, message) for a plan's period: it ends on or after the day it starts, and every
    action's due date and every measure's target date (a financial year, ``target_date_of``) stays
    within it, the first and last day included. Each entry left outside is named."""
    if starts_on is None or ends_on is None:
        return []
    if ends_on < starts_on:
        return [("ends_on", "The plan must end on or after the day it starts")]
    problems: list[tuple[str, str]] = []
    outside = [(t, d) for t, d in action_due if not starts_on <= d <= ends_on]
    if outside:
        named = "; ".join(f"'{t}' (due {_day(d)})" for t, d in outside)
        problems.append(
            (
                "ends_on" if all(d > ends_on for _, d in outside) else "starts_on",
                f"The period would leave {len(outside)} action{'s' if len(outside) != 1 else ''} due "
                f"outside it: {named}. Change their due dates first, or choose a period that includes them",
            )
        )
    targets = [(t, label, target_date_of(label)) for t, label in measure_targets]
    missed = [(t, label, d) for t, label, d in targets if d is not None and not starts_on <= d <= ends_on]
    if missed:
        named = "; ".join(f"'{t}' (target for {label}, {_day(d)})" for t, label, d in missed)
        problems.append(
            (
                "ends_on" if all(d > ends_on for _, _, d in missed) else "starts_on",
                f"The period would leave the target{'s' if len(missed) != 1 else ''} of {len(missed)} "
                f"measure{'s' if len(missed) != 1 else ''} outside it: {named}. Change the targets "
                "first, or choose a period that includes them",
            )
        )
    return problems


def target_date_problems(*, target_label: str, starts_on: date, ends_on: date) -> list[tuple[str, str]]:
    """(field, message) for when a measure's target is for: a financial year ("2022/23") must end
    within the plan's period, as a period change then keeps it (``period_problems``)."""
    due = target_date_of(target_label)
    if due is None or starts_on <= due <= ends_on:
        return []
    return [
        (
            "target_label",
            f"The target must be for a year that ends within the plan's period, {_day(starts_on)} to "
            f"{_day(ends_on)} ({target_label.strip()} ends on {_day(due)})",
        )
    ]
