"""Difference in differences for counts, checked against numbers worked by hand.

Worked example: treated cells 40 crimes in the 6 months before the response and 20 in the 6 months
after; comparison cells 100 before and 90 after.
- ratio = (20 / 40) / (90 / 100) = 0.5 / 0.9 = 0.555556
- expected treated after = 40 × 90 / 100 = 36; difference = 20 − 36 = −16
- se(log ratio) = sqrt(1/20 + 1/40 + 1/90 + 1/100) = sqrt(0.0961111) = 0.310018
- z = ln(0.555556) / 0.310018 = −0.587787 / 0.310018 = −1.895976
- p = 2 × (1 − Φ(1.895976)) = 0.05796
- 95% interval: exp(−0.587787 ± 1.959964 × 0.310018) = exp(−1.195420), exp(0.019846) = 0.30258, 1.02004
"""

from __future__ import annotations

import pytest

from csphub.analytics.diffindiff import FEW_COUNTS, REGRESSION_TO_MEAN, difference_in_differences


def test_hand_worked_example() -> None:
    r = difference_in_differences(
        treated_before=40, treated_after=20, comparison_before=100, comparison_after=90,
        months_before=6, months_after=6,
    )  # fmt: skip
    assert r.ratio == pytest.approx(0.555556, abs=1e-6)
    assert r.expected_treated_after == pytest.approx(36.0)
    assert r.difference == pytest.approx(-16.0)
    assert r.change_pct == pytest.approx(-44.4444, abs=1e-4)
    assert r.z == pytest.approx(-1.895976, abs=1e-5)
    assert r.p_value == pytest.approx(0.05796, abs=1e-5)
    assert r.ci_low == pytest.approx(0.30258, abs=1e-5)
    assert r.ci_high == pytest.approx(1.02004, abs=1e-5)
    # the interval includes 1: the wording must not claim the response worked
    assert "cannot tell this change from chance" in r.wording
    assert "20 against an expected 36.0" in r.wording
    # 20 is not fewer than FEW_COUNTS, so no few-counts caveat; regression to the mean is stated
    assert not any(c.startswith("Few counts") for c in r.caveats)
    assert REGRESSION_TO_MEAN in r.caveats


def test_a_clear_fall_excludes_one() -> None:
    # Tb=200, Ta=100, Cb=200, Ca=200: ratio 0.5, se = sqrt(1/100 + 3/200) = 0.158114,
    # z = ln 0.5 / 0.158114 = -4.383848, 95% interval exp(-0.693147 ± 0.309899) = 0.36676, 0.68164
    r = difference_in_differences(
        treated_before=200, treated_after=100, comparison_before=200, comparison_after=200,
        months_before=12, months_after=6, selected_for_high_counts=False,
    )  # fmt: skip
    assert r.ratio == pytest.approx(0.5)
    assert r.z == pytest.approx(-4.383848, abs=1e-5)
    assert r.ci_low == pytest.approx(0.36676, abs=1e-5) and r.ci_high == pytest.approx(0.68164, abs=1e-5)
    assert r.p_value is not None and r.p_value < 0.001
    assert "excludes 1" in r.wording and "50% less" in r.wording
    assert REGRESSION_TO_MEAN not in r.caveats


def test_few_counts_are_flagged_on_both_sides_of_the_threshold() -> None:
    at = difference_in_differences(
        treated_before=FEW_COUNTS, treated_after=FEW_COUNTS, comparison_before=50, comparison_after=50,
        months_before=3, months_after=3,
    )  # fmt: skip
    below = difference_in_differences(
        treated_before=FEW_COUNTS - 1, treated_after=FEW_COUNTS, comparison_before=50, comparison_after=50,
        months_before=3, months_after=3,
    )  # fmt: skip
    assert not any(c.startswith("Few counts") for c in at.caveats)
    assert below.caveats[0].startswith(f"Few counts: the smallest of the four counts is {FEW_COUNTS - 1}")


def test_a_zero_count_gives_counts_but_no_estimate() -> None:
    r = difference_in_differences(
        treated_before=5, treated_after=0, comparison_before=30, comparison_after=24,
        months_before=6, months_after=6,
    )  # fmt: skip
    assert r.ratio is None and r.p_value is None and not r.estimable
    assert r.expected_treated_after == pytest.approx(4.0) and r.difference == pytest.approx(-4.0)
    assert "cannot be estimated" in r.wording
    assert r.caveats[0].startswith("At least one of the four counts is zero")


def test_round_trip_and_bad_input() -> None:
    r = difference_in_differences(
        treated_before=40, treated_after=20, comparison_before=100, comparison_after=90,
        months_before=6, months_after=6,
    )  # fmt: skip
    assert type(r).from_dict(r.to_dict()) == r
    with pytest.raises(ValueError, match="must be a count"):
        difference_in_differences(
            treated_before=-1, treated_after=2, comparison_before=3, comparison_after=4,
            months_before=1, months_after=1,
        )  # fmt: skip
    with pytest.raises(ValueError, match="at least one month"):
        difference_in_differences(
            treated_before=1, treated_after=2, comparison_before=3, comparison_after=4,
            months_before=0, months_after=1,
        )  # fmt: skip


def test_comparison_cells_are_far_from_the_treated_and_closest_in_level() -> None:
    from csphub.analytics.diffindiff import choose_comparison_cells, monthly, total

    counts = {
        (5, 5): {"2024-01": 10, "2024-02": 10},  # treated: 20 before
        (6, 5): {"2024-01": 20},  # neighbour: excluded (displacement)
        (9, 9): {"2024-01": 19},  # closest in level
        (0, 0): {"2024-01": 12, "2024-03": 40},  # 12 before (after-months never count)
        (0, 9): {"2024-01": 1},
        (9, 0): {"2024-02": 21},
    }
    candidates = [(6, 5), (9, 9), (0, 0), (0, 9), (9, 0)]
    chosen = choose_comparison_cells(
        counts, treated=[(5, 5)], candidates=candidates, months_before=["2024-01", "2024-02"], per_treated=2
    )
    assert chosen == [(9, 0), (9, 9)]  # |19-20| = 1, |21-20| = 1 (tie: lower cell first), then 12
    assert total(counts, chosen, ["2024-01", "2024-02"]) == 40
    assert monthly(counts, [(0, 0), (9, 0)], ["2024-01", "2024-02", "2024-03"]) == [12, 21, 40]
