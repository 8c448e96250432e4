"""Difference in differences for counts: did a place change more than a comparable place?

The assessment step of a hot-spot problem-solving plan compares the crime count in the treated
cells before and after the response with the count in comparison cells over the same months. With
counts ``Tb, Ta`` (treated, before and after) and ``Cb, Ca`` (comparison), the estimate is the ratio
of ratios

    ratio = (Ta / Tb) / (Ca / Cb)

(below 1: the treated place fell relative to the comparison; the inverse is Farrington and Welsh's
"relative effect size" used in crime-prevention evaluations). The count the treated place would have
had had it changed like the comparison is ``Tb × Ca / Cb``; the difference is ``Ta`` minus that.
Period lengths cancel (both places cover the same months), so before and after may differ in length.

The test treats each count as Poisson: the variance of ``log(ratio)`` is ``1/Ta + 1/Tb + 1/Ca + 1/Cb``
(delta method), ``z = log(ratio) / se``, two-sided p from the normal distribution, and the interval is
``exp(log(ratio) ± z_crit × se)``. Counts of crime are over-dispersed (more variable than Poisson),
so the interval is if anything too narrow; that and the other caveats are returned with the result.
Pure: numbers in, numbers and words out.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from statistics import NormalDist

TEST_NAME = (
    "Ratio of the two places' before-to-after ratios; two-sided z-test on its logarithm, "
    "counts treated as Poisson (variance of the log ratio = 1/Ta + 1/Tb + 1/Ca + 1/Cb)"
)
COMPARISON_PER_TREATED = 5  # comparison cells chosen for each treated cell
COMPARISON_BUFFER_CELLS = 1  # cells this close to a treated cell are never comparison cells
FEW_COUNTS = 10  # below this in any of the four counts, the estimate is called fragile

PARALLEL_TRENDS = (
    "The estimate assumes the two places would have changed alike without the response (parallel "
    "trends): compare their monthly counts before the response, shown beside the estimate."
)
OVERDISPERSION = (
    "Crime counts vary more than the Poisson model assumes, so the interval is if anything too narrow "
    "and the p-value too small."
)
DISPLACEMENT = (
    "Crime may move to nearby streets (displacement) or fall there too (diffusion of benefit); neither "
    "is measured here."
)
LOCATIONS = (
    "police.uk moves each crime to the nearest of a set of anonymous map points, so a cell's count is "
    "approximate at its edges."
)
REGRESSION_TO_MEAN = (
    "The place was chosen because its count was high; such counts tend to fall back anyway (regression "
    "to the mean). The comparison helps only as far as its cells were also high before."
)


@dataclass(frozen=True)
class DiffInDiff:
    """The four counts, the estimate, its test and the caveats, in words a board can read."""

    treated_before: int
    treated_after: int
    comparison_before: int
    comparison_after: int
    months_before: int
    months_after: int
    expected_treated_after: float | None  # Tb × Ca / Cb: the treated count had it changed like the comparison
    difference: float | None  # Ta − expected
    ratio: float | None  # (Ta / Tb) / (Ca / Cb)
    change_pct: float | None  # (ratio − 1) × 100
    ci_low: float | None
    ci_high: float | None
    confidence: float
    z: float | None
    p_value: float | None
    test: str
    wording: str
    caveats: tuple[str, ...]

    @property
    def estimable(self) -> bool:
        return self.ratio is not None

    def to_dict(self) -> dict[str, object]:
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.__dict__.items()}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> DiffInDiff:
        values = dict(data)
        values["caveats"] = tuple(values.get("caveats") or ())  # type: ignore[arg-type]
        return cls(**values)  # type: ignore[arg-type]


def _check(name: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be a count (a whole number, 0 or more), not {value!r}")
    return value


def difference_in_differences(
    *,
    treated_before: int,
    treated_after: int,
    comparison_before: int,
    comparison_after: int,
    months_before: int,
    months_after: int,
    confidence: float = 0.95,
    selected_for_high_counts: bool = True,
) -> DiffInDiff:
    """Compare the treated place's change with the comparison place's over the same months.

    ``selected_for_high_counts``: the treated place was picked for its high count (a hot spot), so
    regression to the mean is among the caveats. No estimate (None) when a count is zero: the ratio
    is then 0 or undefined and its log has no finite variance; the counts are still returned.
    """
    tb = _check("treated_before", treated_before)
    ta = _check("treated_after", treated_after)
    cb = _check("comparison_before", comparison_before)
    ca = _check("comparison_after", comparison_after)
    if months_before < 1 or months_after < 1:
        raise ValueError("each period must cover at least one month")
    if not 0 < confidence < 1:
        raise ValueError("confidence must be between 0 and 1, e.g. 0.95")

    caveats: list[str] = []
    smallest = min(tb, ta, cb, ca)
    if smallest < FEW_COUNTS:
        caveats.append(
            f"Few counts: the smallest of the four counts is {smallest} (fewer than {FEW_COUNTS}), so the "
            "interval is wide and a real change can easily go undetected. Read the counts, not only the "
            "estimate."
        )
    caveats += [PARALLEL_TRENDS, OVERDISPERSION, DISPLACEMENT, LOCATIONS]
    if selected_for_high_counts:
        caveats.append(REGRESSION_TO_MEAN)

    expected = tb * ca / cb if cb else None
    difference = ta - expected if expected is not None else None
    pct = f"{round(confidence * 100)}%"
    if 0 in (tb, ta, cb, ca):
        caveats.insert(
            0,
            "At least one of the four counts is zero, so the change cannot be estimated as a ratio: "
            "read the counts.",
        )
        return DiffInDiff(
            tb, ta, cb, ca, months_before, months_after, expected, difference,
            None, None, None, None, confidence, None, None, TEST_NAME,
            "The change cannot be estimated (a count is zero).", tuple(caveats),
        )  # fmt: skip

    ratio = (ta / tb) / (ca / cb)
    log_ratio = math.log(ratio)
    se = math.sqrt(1 / ta + 1 / tb + 1 / ca + 1 / cb)
    z = log_ratio / se
    p_value = math.erfc(abs(z) / math.sqrt(2))
    z_crit = NormalDist().inv_cdf(0.5 + confidence / 2)
    ci_low, ci_high = math.exp(log_ratio - z_crit * se), math.exp(log_ratio + z_crit * se)
    change_pct = (ratio - 1) * 100
    direction = "fell" if ratio < 1 else "rose"
    relative = f"{abs(change_pct):.0f}% {'less' if ratio < 1 else 'more'} than the comparison cells"
    if ci_low <= 1 <= ci_high:
        verdict = (
            f"the {pct} interval ({ci_low:.2f} to {ci_high:.2f}) includes 1, so the data cannot tell this "
            "change from chance"
        )
    else:
        verdict = f"the {pct} interval ({ci_low:.2f} to {ci_high:.2f}) excludes 1 (p = {p_value:.3f})"
    wording = (
        f"Relative to the comparison cells the treated cells {direction}: {ta} against an expected "
        f"{expected:.1f} had they changed like the comparison ({relative}); {verdict}."
    )
    return DiffInDiff(
        tb, ta, cb, ca, months_before, months_after, expected, difference,
        ratio, change_pct, ci_low, ci_high, confidence, z, p_value, TEST_NAME, wording, tuple(caveats),
    )  # fmt: skip


Cell = tuple[int, int]  # (col, row) of the hot-spot grid


def total(counts: Mapping[Cell, Mapping[str, int]], cells: Iterable[Cell], months: Iterable[str]) -> int:
    """The count in ``cells`` over ``months``."""
    wanted = list(months)
    return sum(counts.get(c, {}).get(m, 0) for c in cells for m in wanted)


def monthly(
    counts: Mapping[Cell, Mapping[str, int]], cells: Iterable[Cell], months: Iterable[str]
) -> list[int]:
    """The count in ``cells`` for each of ``months``, in order (to compare the two places' trends)."""
    group = list(cells)
    return [sum(counts.get(c, {}).get(m, 0) for c in group) for m in months]


def choose_comparison_cells(
    counts: Mapping[Cell, Mapping[str, int]],
    *,
    treated: Iterable[Cell],
    candidates: Iterable[Cell],
    months_before: Sequence[str],
    per_treated: int = COMPARISON_PER_TREATED,
    buffer_cells: int = COMPARISON_BUFFER_CELLS,
) -> list[Cell]:
    """Comparison cells for a difference in differences: of ``candidates`` (the study area's cells
    that are not hot spots), those at least ``buffer_cells + 1`` cells from every treated cell (so
    displacement from the response hardly reaches them), whose count before the response is closest
    to the treated cells' average; ``per_treated`` of them for each treated cell. Ties go to the
    lower (col, row), so the choice is deterministic."""
    treated_set = set(treated)
    if not treated_set:
        return []
    target = total(counts, treated_set, months_before) / len(treated_set)

    def far(cell: Cell) -> bool:
        return all(max(abs(cell[0] - t[0]), abs(cell[1] - t[1])) > buffer_cells for t in treated_set)

    pool = sorted({c for c in candidates if c not in treated_set and far(c)})
    pool.sort(key=lambda c: abs(total(counts, [c], months_before) - target))
    return pool[: per_treated * len(treated_set)]
