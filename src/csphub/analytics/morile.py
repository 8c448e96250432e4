"""Thematic priority scoring in the MoRiLE style: a configurable framework, pure arithmetic.

MoRiLE (Management of Risk in Law Enforcement) scores each theme in three sections, harm,
likelihood and organisational position, with a confidence rating beside them. Its column names are
public; its numeric scales, confidence values and banding are not (see docs/planning.md). So the
arithmetic here is driven entirely by a :class:`Framework`, versioned configuration that a
partnership imports and exports as JSON:

- every cell (:data:`CELLS`) has a section, a weight and a scale of points; a point has the level
  the assessor picks (``value``) and the number the arithmetic uses (``score``, by default the
  level), so a force's "none / low / medium / high" can be mapped to its own numbers;
- the formula says how each section's cells combine (``sum``, ``mean`` or ``max`` of weight ×
  score), whether risk is harm × likelihood or harm + likelihood, and whether confidence multiplies
  the risk score or is only shown beside it;
- bands turn the (confidence-adjusted) risk score into a priority band.

Assessors' raw levels are what is stored, so every score recomputes under a new version. This module
imports nothing from Django: data in, scores out.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from statistics import median_high
from typing import Any

FORMAT = "csphub-scoring-framework"
FORMAT_VERSION = 1

HARM = "harm"
LIKELIHOOD = "likelihood"
CONFIDENCE = "confidence"
ORGANISATIONAL = "organisational"
SECTIONS: tuple[tuple[str, str], ...] = (
    (HARM, "Harm"),
    (LIKELIHOOD, "Likelihood"),
    (CONFIDENCE, "Confidence"),
    (ORGANISATIONAL, "Organisational position"),
)

# The cells of the thematic matrix, in the order the MoRiLE columns are published, with the
# section each sits in unless a framework says otherwise.
CELLS: tuple[tuple[str, str, str], ...] = (
    ("physical", "Physical harm", HARM),
    ("psychological", "Psychological harm", HARM),
    ("financial", "Financial harm", HARM),
    ("community", "Community harm", HARM),
    ("environment", "Environmental harm", HARM),
    ("victim_vulnerability", "Victim vulnerability", LIKELIHOOD),
    ("geographic_scope", "Geographic scope", HARM),
    ("likelihood", "Likelihood", LIKELIHOOD),
    ("confidence", "Confidence", CONFIDENCE),
    ("capacity", "Capacity", ORGANISATIONAL),
    ("capability", "Capability", ORGANISATIONAL),
    ("reputation", "Reputation and public expectation", ORGANISATIONAL),
    ("partnership", "Partnership", ORGANISATIONAL),
    ("opportunity", "Opportunity", ORGANISATIONAL),
)
CELL_KEYS: tuple[str, ...] = tuple(key for key, _, _ in CELLS)
CELL_LABELS: dict[str, str] = {key: label for key, label, _ in CELLS}
DEFAULT_SECTIONS: dict[str, str] = {key: section for key, _, section in CELLS}

AGGREGATIONS = ("sum", "mean", "max")
RISK_FORMULAS = ("product", "sum")
CONFIDENCE_USES = ("multiplier", "shown")


class FrameworkError(ValueError):
    """A framework file that cannot be used, with a plain-English reason."""


@dataclass(frozen=True)
class Point:
    value: int  # the level an assessor picks
    label: str
    score: float  # the number the arithmetic uses
    description: str = ""


@dataclass(frozen=True)
class CellRule:
    key: str
    section: str
    weight: float
    points: tuple[Point, ...]  # empty: the partnership has still to fill this scale in

    @property
    def label(self) -> str:
        return CELL_LABELS[self.key]

    def point(self, value: int) -> Point | None:
        for point in self.points:
            if point.value == value:
                return point
        return None

    @property
    def levels(self) -> tuple[int, ...]:
        return tuple(sorted(p.value for p in self.points))


@dataclass(frozen=True)
class Band:
    label: str
    low: float
    high: float


@dataclass(frozen=True)
class Formula:
    harm: str = "sum"
    likelihood: str = "sum"
    risk: str = "product"
    confidence: str = "shown"
    organisational: str = "sum"


@dataclass(frozen=True)
class Framework:
    name: str
    version: str
    source: str
    formula: Formula
    cells: tuple[CellRule, ...]  # the cells this framework uses, in CELLS order
    bands: tuple[Band, ...]
    organisational_bands: tuple[Band, ...] = ()
    description: str = ""

    def cell(self, key: str) -> CellRule | None:
        for rule in self.cells:
            if rule.key == key:
                return rule
        return None

    @property
    def cell_keys(self) -> tuple[str, ...]:
        return tuple(rule.key for rule in self.cells)

    def unfilled(self) -> tuple[str, ...]:
        """The cells whose scale the partnership has still to fill in (empty: ready to score)."""
        return tuple(rule.key for rule in self.cells if not rule.points)

    @property
    def ready(self) -> bool:
        return not self.unfilled() and bool(self.bands)

    # --- JSON ----------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "name": self.name,
            "version": self.version,
            "source": self.source,
            "description": self.description,
            "formula": {
                "harm": self.formula.harm,
                "likelihood": self.formula.likelihood,
                "risk": self.formula.risk,
                "confidence": self.formula.confidence,
                "organisational": self.formula.organisational,
            },
            "cells": {
                rule.key: {
                    "section": rule.section,
                    "weight": rule.weight,
                    "scale": [
                        {"value": p.value, "label": p.label, "score": p.score, "description": p.description}
                        for p in rule.points
                    ],
                }
                for rule in self.cells
            },
            "bands": [{"label": b.label, "min": b.low, "max": b.high} for b in self.bands],
            "organisational_bands": [
                {"label": b.label, "min": b.low, "max": b.high} for b in self.organisational_bands
            ],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | bytes) -> Framework:
        try:
            data = json.loads(text)
        except (ValueError, UnicodeDecodeError) as exc:
            raise FrameworkError("The file is not valid JSON.") from exc
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: Any) -> Framework:
        if not isinstance(data, Mapping) or data.get("format") != FORMAT:
            raise FrameworkError("The file is not a CSP Hub scoring framework.")
        if data.get("format_version") != FORMAT_VERSION:
            raise FrameworkError(
                f"The file is format version {data.get('format_version')}; this is version 1."
            )
        name = _text(data, "name")
        version = _text(data, "version")
        source = _text(data, "source")
        formula_data = data.get("formula") or {}
        if not isinstance(formula_data, Mapping):
            raise FrameworkError("The formula must be a set of named choices.")
        formula = Formula(
            harm=_choice(formula_data, "harm", AGGREGATIONS, "sum"),
            likelihood=_choice(formula_data, "likelihood", AGGREGATIONS, "sum"),
            risk=_choice(formula_data, "risk", RISK_FORMULAS, "product"),
            confidence=_choice(formula_data, "confidence", CONFIDENCE_USES, "shown"),
            organisational=_choice(formula_data, "organisational", AGGREGATIONS, "sum"),
        )
        cells_data = data.get("cells")
        if not isinstance(cells_data, Mapping) or not cells_data:
            raise FrameworkError("The framework must name the cells it scores.")
        unknown = sorted(set(cells_data) - set(CELL_KEYS))
        if unknown:
            raise FrameworkError(f"Unknown cells: {', '.join(unknown)}.")
        rules = [_cell_rule(key, cells_data[key]) for key in CELL_KEYS if key in cells_data]
        sections = {rule.section for rule in rules}
        for needed, label in ((HARM, "harm"), (LIKELIHOOD, "likelihood")):
            if needed not in sections:
                raise FrameworkError(f"The framework must score at least one {label} cell.")
        if formula.confidence == "multiplier" and CONFIDENCE not in sections:
            raise FrameworkError("Confidence is a multiplier but no cell is in the confidence section.")
        return cls(
            name=name,
            version=version,
            source=source,
            description=str(data.get("description") or ""),
            formula=formula,
            cells=tuple(rules),
            bands=_bands(data.get("bands"), "bands"),
            organisational_bands=_bands(data.get("organisational_bands") or [], "organisational bands"),
        )


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise FrameworkError(f"The framework must have a {key}.")
    return value.strip()


def _choice(data: Mapping[str, Any], key: str, allowed: Sequence[str], default: str) -> str:
    value = data.get(key, default)
    if value not in allowed:
        raise FrameworkError(f"The formula's {key} must be one of: {', '.join(allowed)}.")
    return str(value)


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise FrameworkError(f"{what} must be a number.")
    return float(value)


def _cell_rule(key: str, data: Any) -> CellRule:
    label = CELL_LABELS[key]
    if not isinstance(data, Mapping):
        raise FrameworkError(f"{label}: the cell must have a section, a weight and a scale.")
    section = data.get("section", DEFAULT_SECTIONS[key])
    if section not in dict(SECTIONS):
        raise FrameworkError(f"{label}: the section must be one of {', '.join(dict(SECTIONS))}.")
    weight = _number(data.get("weight", 1), f"{label}: the weight")
    points: list[Point] = []
    for item in data.get("scale") or []:
        if not isinstance(item, Mapping):
            raise FrameworkError(f"{label}: each point of the scale needs a value and a label.")
        raw = item.get("value")
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise FrameworkError(f"{label}: each point's value must be a whole number.")
        point_label = item.get("label")
        if not isinstance(point_label, str) or not point_label.strip():
            raise FrameworkError(f"{label}: each point of the scale needs a label.")
        score = _number(item.get("score", raw), f"{label}: a point's score")
        points.append(Point(raw, point_label.strip(), score, str(item.get("description") or "")))
    if len({p.value for p in points}) != len(points):
        raise FrameworkError(f"{label}: two points of the scale have the same value.")
    return CellRule(key, str(section), weight, tuple(sorted(points, key=lambda p: p.value)))


def _bands(data: Any, what: str) -> tuple[Band, ...]:
    if not isinstance(data, list):
        raise FrameworkError(f"The {what} must be a list.")
    bands = []
    for item in data:
        if not isinstance(item, Mapping) or not isinstance(item.get("label"), str):
            raise FrameworkError(f"Each of the {what} needs a label, a minimum and a maximum.")
        low = _number(item.get("min"), f"{item['label']}: the minimum")
        high = _number(item.get("max"), f"{item['label']}: the maximum")
        if low > high:
            raise FrameworkError(f"{item['label']}: the minimum is above the maximum.")
        bands.append(Band(item["label"], low, high))
    ordered = sorted(bands, key=lambda b: b.low)
    for before, after in itertools.pairwise(ordered):
        if after.low <= before.high:
            raise FrameworkError(f"The {what} {before.label} and {after.label} overlap.")
    return tuple(sorted(bands, key=lambda b: -b.high))


# ---------------------------------------------------------------- scoring


@dataclass(frozen=True)
class ThemeScore:
    harm: float | None
    likelihood: float | None
    risk: float | None  # harm ∘ likelihood
    confidence: float | None
    adjusted_risk: float | None  # risk × confidence when confidence is a multiplier, else risk
    organisational: float | None
    band: str
    organisational_band: str
    missing: tuple[str, ...] = ()  # cells not scored
    invalid: tuple[str, ...] = ()  # cells whose level is not on this framework's scale

    @property
    def complete(self) -> bool:
        return not self.missing and not self.invalid and self.adjusted_risk is not None


def _aggregate(how: str, parts: Sequence[float]) -> float | None:
    if not parts:
        return None
    if how == "sum":
        return float(sum(parts))
    if how == "mean":
        return float(sum(parts)) / len(parts)
    return float(max(parts))


def _band(bands: Iterable[Band], value: float | None) -> str:
    if value is None:
        return ""
    for band in bands:
        if band.low <= value <= band.high:
            return band.label
    return ""


def score(framework: Framework, values: Mapping[str, int | None]) -> ThemeScore:
    """One theme's scores from one set of raw levels (cell key → level picked)."""
    by_section: dict[str, list[float]] = {key: [] for key, _ in SECTIONS}
    missing: list[str] = []
    invalid: list[str] = []
    for rule in framework.cells:
        level = values.get(rule.key)
        if level is None:
            missing.append(rule.key)
            continue
        point = rule.point(level)
        if point is None:
            invalid.append(rule.key)
            continue
        by_section[rule.section].append(rule.weight * point.score)
    complete_section = {
        section: not any(framework.cell(k).section == section for k in (*missing, *invalid))  # type: ignore[union-attr]
        for section, _ in SECTIONS
    }
    formula = framework.formula
    harm = _aggregate(formula.harm, by_section[HARM]) if complete_section[HARM] else None
    likelihood = (
        _aggregate(formula.likelihood, by_section[LIKELIHOOD]) if complete_section[LIKELIHOOD] else None
    )
    confidence = _aggregate("mean", by_section[CONFIDENCE]) if complete_section[CONFIDENCE] else None
    organisational = (
        _aggregate(formula.organisational, by_section[ORGANISATIONAL])
        if complete_section[ORGANISATIONAL]
        else None
    )
    risk: float | None = None
    if harm is not None and likelihood is not None:
        risk = harm * likelihood if formula.risk == "product" else harm + likelihood
    adjusted = risk
    if formula.confidence == "multiplier":
        adjusted = risk * confidence if risk is not None and confidence is not None else None
    if adjusted is not None:
        adjusted = round(adjusted, 6)
    return ThemeScore(
        harm=harm,
        likelihood=likelihood,
        risk=risk,
        confidence=confidence,
        adjusted_risk=adjusted,
        organisational=organisational,
        band=_band(framework.bands, adjusted),
        organisational_band=_band(framework.organisational_bands, organisational),
        missing=tuple(missing),
        invalid=tuple(invalid),
    )


# ---------------------------------------------------------------- several assessors


@dataclass(frozen=True)
class CellAgreement:
    cell: str
    values: dict[str, int]  # assessor → level
    spread: int  # highest minus lowest level
    consensus: int | None  # the median level (the higher middle one when the count is even)

    @property
    def flagged(self) -> bool:
        """Assessors differ by more than one point: talk it through before adopting."""
        return self.spread > 1


@dataclass(frozen=True)
class ThemeAgreement:
    theme: str
    assessors: tuple[str, ...]
    cells: tuple[CellAgreement, ...]

    @property
    def flagged(self) -> tuple[CellAgreement, ...]:
        return tuple(c for c in self.cells if c.flagged)

    @property
    def agreement(self) -> float | None:
        """The share of cells scored by two or more assessors on which all are within one point."""
        compared = [c for c in self.cells if len(c.values) >= 2]
        if not compared:
            return None
        return sum(1 for c in compared if not c.flagged) / len(compared)

    def consensus_values(self) -> dict[str, int | None]:
        return {c.cell: c.consensus for c in self.cells}


def agreement(
    framework: Framework, theme: str, sheets: Mapping[str, Mapping[str, int | None]]
) -> ThemeAgreement:
    """How far the assessors of one theme agree, cell by cell (``sheets``: assessor → levels)."""
    cells = []
    for key in framework.cell_keys:
        values = {who: level for who, levels in sheets.items() if (level := levels.get(key)) is not None}
        if values:
            spread = max(values.values()) - min(values.values())
            consensus: int | None = int(median_high(sorted(values.values())))
        else:
            spread, consensus = 0, None
        cells.append(CellAgreement(key, values, spread, consensus))
    return ThemeAgreement(theme, tuple(sorted(sheets)), tuple(cells))


@dataclass(frozen=True)
class Ranked:
    theme: str
    score: ThemeScore


def rank(framework: Framework, values_by_theme: Mapping[str, Mapping[str, int | None]]) -> tuple[Ranked, ...]:
    """Themes by adjusted risk score, highest first (then harm, then name); unscorable themes last."""
    scored = [Ranked(theme, score(framework, values)) for theme, values in values_by_theme.items()]

    def key(item: Ranked) -> tuple[int, float, float, str]:
        s = item.score
        if s.adjusted_risk is None or not s.complete:
            return (1, 0.0, 0.0, item.theme)
        return (0, -s.adjusted_risk, -(s.harm or 0.0), item.theme)

    return tuple(sorted(scored, key=key))


def top(ranked: Sequence[Ranked], n: int = 3) -> tuple[str, ...]:
    return tuple(r.theme for r in ranked if r.score.complete)[:n]


@dataclass(frozen=True)
class Perturbation:
    theme: str
    cell: str
    change: int  # -1 or +1 (one level down or up the scale)
    top: tuple[str, ...]  # the top themes after the change


@dataclass(frozen=True)
class Sensitivity:
    top: tuple[str, ...]
    tried: int
    changes: tuple[Perturbation, ...] = field(default=())  # the perturbations that change the top set

    @property
    def robust(self) -> bool:
        return not self.changes


def sensitivity(
    framework: Framework, values_by_theme: Mapping[str, Mapping[str, int | None]], n: int = 3
) -> Sensitivity:
    """Does the top ``n`` survive moving any one cell of any theme one level up or down its scale?

    The top ``n`` is compared as a set (a swap of places within it is not a change of priorities).
    A level at the end of its scale is not moved past it.
    """
    base = top(rank(framework, values_by_theme), n)
    changes: list[Perturbation] = []
    tried = 0
    for theme, values in values_by_theme.items():
        for rule in framework.cells:
            level = values.get(rule.key)
            if level is None or level not in rule.levels:
                continue
            position = rule.levels.index(level)
            for step in (-1, 1):
                if not 0 <= position + step < len(rule.levels):
                    continue
                tried += 1
                moved = {**values, rule.key: rule.levels[position + step]}
                after = top(rank(framework, {**values_by_theme, theme: moved}), n)
                if set(after) != set(base):
                    changes.append(Perturbation(theme, rule.key, step, after))
    return Sensitivity(base, tried, tuple(changes))
