"""MoRiLE-style scoring arithmetic, checked against sheets worked by hand (docs/planning.md).

Two themes (anti-social behaviour, hate crime) under two framework versions: the shipped 4×4
impact × likelihood grid, and a MoRiLE-style template filled in with one force's (illustrative)
values. Then agreement between assessors and the sensitivity of the top three.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from csphub.analytics import morile

FRAMEWORKS = Path(__file__).resolve().parents[2] / "src" / "csphub" / "planning" / "frameworks"


def grid() -> morile.Framework:
    return morile.Framework.from_json((FRAMEWORKS / "grid-4x4.json").read_text(encoding="utf-8"))


def template() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FRAMEWORKS / "morile-style-template.json").read_text(encoding="utf-8"))
    return data


def filled() -> morile.Framework:
    """The template filled in as a force might: harm levels 1-4 score 1, 2, 4, 8 (physical weighs
    double); vulnerability 1-3; likelihood 1-4; confidence 1-3 multiplies by 0.6, 0.8, 1.0."""
    data = template()
    data["version"] = "force-2026-1"
    harm_scale = [
        {"value": v, "label": f"Level {v}", "score": s} for v, s in ((1, 1), (2, 2), (3, 4), (4, 8))
    ]
    for key in ("physical", "psychological", "financial", "community", "environment", "geographic_scope"):
        data["cells"][key]["scale"] = harm_scale
    data["cells"]["physical"]["weight"] = 2
    data["cells"]["victim_vulnerability"]["scale"] = [{"value": v, "label": f"V{v}"} for v in (1, 2, 3)]
    data["cells"]["likelihood"]["scale"] = [{"value": v, "label": f"L{v}"} for v in (1, 2, 3, 4)]
    data["cells"]["confidence"]["scale"] = [
        {"value": 1, "label": "Low", "score": 0.6},
        {"value": 2, "label": "Medium", "score": 0.8},
        {"value": 3, "label": "High", "score": 1.0},
    ]
    for key in ("capacity", "capability", "reputation", "partnership", "opportunity"):
        data["cells"][key]["scale"] = [{"value": v, "label": f"O{v}"} for v in (1, 2, 3, 4)]
    data["bands"] = [
        {"label": "High", "min": 100, "max": 1024},
        {"label": "Medium", "min": 40, "max": 99.99},
        {"label": "Low", "min": 0, "max": 39.99},
    ]
    data["organisational_bands"] = [
        {"label": "Adequate", "min": 9, "max": 14},
        {"label": "Strong", "min": 15, "max": 20},
    ]
    return morile.Framework.from_dict(data)


# Hand-worked sheets.
ASB = {
    "physical": 2, "psychological": 3, "financial": 1, "community": 4, "environment": 3,
    "geographic_scope": 2, "victim_vulnerability": 2, "likelihood": 4, "confidence": 2,
    "capacity": 2, "capability": 3, "reputation": 4, "partnership": 3, "opportunity": 2,
}  # fmt: skip
HATE = {
    "physical": 1, "psychological": 4, "financial": 1, "community": 3, "environment": 1,
    "geographic_scope": 1, "victim_vulnerability": 3, "likelihood": 2, "confidence": 1,
    "capacity": 1, "capability": 2, "reputation": 3, "partnership": 2, "opportunity": 1,
}  # fmt: skip


def test_asb_under_the_filled_morile_style_version() -> None:
    # harm: physical 2 -> 2 x weight 2 = 4; psychological 3 -> 4; financial 1 -> 1; community 4 -> 8;
    # environment 3 -> 4; geographic scope 2 -> 2; sum 23. Likelihood: vulnerability 2 + likelihood 4 = 6.
    # Risk 23 x 6 = 138; confidence Medium x 0.8 = 110.4 -> High. Organisational 2+3+4+3+2 = 14 -> Adequate.
    s = morile.score(filled(), ASB)
    assert (s.harm, s.likelihood, s.risk, s.confidence) == (23, 6, 138, 0.8)
    assert s.adjusted_risk == pytest.approx(110.4)
    assert s.band == "High"
    assert (s.organisational, s.organisational_band) == (14, "Adequate")
    assert s.complete


def test_hate_crime_under_the_filled_morile_style_version() -> None:
    # harm: 1x2=2 + 8 + 1 + 4 + 1 + 1 = 17; likelihood 3 + 2 = 5; risk 85; x 0.6 = 51 -> Medium.
    # Organisational 1+2+3+2+1 = 9 -> Adequate.
    s = morile.score(filled(), HATE)
    assert (s.harm, s.likelihood, s.risk) == (17, 5, 85)
    assert s.adjusted_risk == pytest.approx(51.0)
    assert s.band == "Medium"
    assert (s.organisational, s.organisational_band) == (9, "Adequate")


def test_the_same_raw_levels_under_the_4x4_grid() -> None:
    # Grid: impact is the highest harm cell; vulnerability and geographic scope are not in the grid.
    # ASB: impact max(2,3,1,4,3) = 4, likelihood 4 -> 16 High. Hate crime: max(1,4,1,3,1) = 4, x 2 = 8 Medium.
    asb, hate = morile.score(grid(), ASB), morile.score(grid(), HATE)
    assert (asb.harm, asb.likelihood, asb.adjusted_risk, asb.band) == (4, 4, 16, "High")
    assert (hate.harm, hate.likelihood, hate.adjusted_risk, hate.band) == (4, 2, 8, "Medium")
    assert asb.confidence == 2 and asb.adjusted_risk == asb.risk  # confidence is shown, not applied


@pytest.mark.parametrize(
    ("impact", "likelihood", "band"),
    [
        (1, 1, "Low"),
        (2, 2, "Low"),
        (1, 4, "Low"),
        (2, 3, "Medium"),
        (2, 4, "Medium"),
        (3, 3, "High"),
        (4, 4, "High"),
    ],
)
def test_grid_bands_either_side_of_each_edge(impact: int, likelihood: int, band: str) -> None:
    # 9-16 high, 5-8 medium, 1-4 low: 4 is low, 6 and 8 medium, 9 high (5 and 7 cannot occur on a 4x4 grid).
    values = {**dict.fromkeys(morile.CELL_KEYS, 1), "physical": impact, "likelihood": likelihood}
    s = morile.score(grid(), values)
    assert s.adjusted_risk == impact * likelihood
    assert s.band == band


def test_missing_and_off_scale_levels_are_reported_not_scored() -> None:
    s = morile.score(grid(), {**ASB, "likelihood": None, "physical": 7})
    assert s.missing == ("likelihood",) and s.invalid == ("physical",)
    assert s.adjusted_risk is None and s.band == "" and not s.complete


def test_framework_round_trips_through_json_and_versions_are_kept_apart() -> None:
    framework = filled()
    assert morile.Framework.from_json(framework.to_json()) == framework
    assert framework.version == "force-2026-1" and grid().version == "1"


def test_the_template_is_labelled_and_cannot_score_until_filled_in() -> None:
    t = morile.Framework.from_dict(template())
    assert not t.ready
    assert set(t.unfilled()) == set(morile.CELL_KEYS)
    assert "not public" in t.source and "MoRiLE" in t.source
    assert "Fife" in grid().source and grid().ready


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": "something-else"}, "not a CSP Hub scoring framework"),
        ({"version": ""}, "must have a version"),
        ({"formula": {"risk": "power"}}, "risk must be one of"),
        ({"cells": {"shoe_size": {}}}, "Unknown cells: shoe_size"),
        ({"bands": [{"label": "A", "min": 1, "max": 5}, {"label": "B", "min": 5, "max": 9}]}, "overlap"),
        ({"cells": {"likelihood": {"section": "likelihood", "scale": []}}}, "at least one harm cell"),
    ],
)
def test_bad_framework_files_are_refused_with_a_reason(change: dict[str, Any], message: str) -> None:
    data = {**grid().to_dict(), **change}
    with pytest.raises(morile.FrameworkError, match=message):
        morile.Framework.from_dict(data)


def test_agreement_flags_cells_that_differ_by_more_than_one_point() -> None:
    sheets = {
        "Alex": {**ASB, "physical": 1, "likelihood": 4},
        "Billie": {**ASB, "physical": 3, "likelihood": 3},
        "Chris": {**ASB, "physical": 2, "likelihood": 4},
    }
    agreed = morile.agreement(grid(), "asb", sheets)
    cells = {c.cell: c for c in agreed.cells}
    assert cells["physical"].spread == 2 and cells["physical"].flagged  # 1 and 3: more than one point
    assert cells["likelihood"].spread == 1 and not cells["likelihood"].flagged  # one point apart: fine
    assert cells["physical"].consensus == 2 and cells["likelihood"].consensus == 4  # the medians
    assert [c.cell for c in agreed.flagged] == ["physical"]
    assert agreed.agreement == pytest.approx(11 / 12)  # 12 cells in the grid, 1 flagged
    # two assessors: the higher of the two middle levels
    two = morile.agreement(grid(), "asb", {"Alex": {"likelihood": 2}, "Billie": {"likelihood": 3}})
    assert {c.cell: c.consensus for c in two.cells}["likelihood"] == 3


def _grid_theme(impact: int, likelihood: int) -> dict[str, int | None]:
    return {**dict.fromkeys(grid().cell_keys, 1), **dict.fromkeys(
        ("physical", "psychological", "financial", "community", "environment"), impact
    ), "likelihood": likelihood}  # fmt: skip


def test_sensitivity_robust_top_three() -> None:
    themes = {"a": _grid_theme(4, 4), "b": _grid_theme(4, 3), "c": _grid_theme(3, 3), "d": _grid_theme(1, 1)}
    result = morile.sensitivity(grid(), themes)
    assert result.top == ("a", "b", "c")
    assert result.robust and result.tried > 0


def test_sensitivity_names_the_cell_that_would_change_the_top_three() -> None:
    # c: 3 x 2 = 6 ranks third; d: 2 x 2 = 4 fourth. c's likelihood one level down (3 x 1 = 3) lets d in.
    themes = {"a": _grid_theme(4, 4), "b": _grid_theme(4, 3), "c": _grid_theme(3, 2), "d": _grid_theme(2, 2)}
    result = morile.sensitivity(grid(), themes)
    assert result.top == ("a", "b", "c")
    assert not result.robust
    assert morile.Perturbation("c", "likelihood", -1, ("a", "b", "d")) in result.changes
    # raising one of d's harm cells to 3 gives 3 x 2 = 6, tied with c on score and harm; c stays (by name)
    assert not any(p.theme == "d" and p.cell == "physical" for p in result.changes)


def test_rank_puts_unscorable_themes_last() -> None:
    ranked = morile.rank(grid(), {"x": {"likelihood": 4}, "y": _grid_theme(1, 1)})
    assert [r.theme for r in ranked] == ["y", "x"]
    assert morile.top(ranked) == ("y",)
