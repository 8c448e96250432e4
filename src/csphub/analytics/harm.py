"""Harm-weighted crime totals (Cambridge Crime Harm Index by default; any weight table works).

Caveats carried with every result: police.uk's 14 categories are coarser than the offences the index
weights, so a category weight is an average over the offences it contains (volume-weighted); anti-social
behaviour is not a notifiable crime and has no weight; it is left out of harm totals (not given a floor).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

CCHI_SOURCE = (
    "Cambridge Crime Harm Index (Sherman, Neyroud & Neyroud 2016; CCHI 2026 update), median "
    "days of custody per Home Office offence subgroup, volume-weighted to police.uk categories "
    "(isthisben/cbl-realcrime, national weights)"
)
CCHI_CAVEAT = (
    "police.uk categories are coarser than the offences the index weights, so each category "
    "weight is an average; anti-social behaviour has no weight and is excluded from harm totals."
)


@dataclass(frozen=True)
class HarmWeights:
    name: str
    unit: str
    weights: Mapping[str, float]
    source: str = ""
    caveat: str = ""


@dataclass
class HarmResult:
    weights_name: str
    unit: str
    total_harm: float
    rows: list[dict[str, Any]]  # crime_type, count, weight, harm, share_of_harm, share_of_count
    unweighted_types: list[str] = field(default_factory=list)
    source: str = ""
    caveat: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "weights_name": self.weights_name,
            "unit": self.unit,
            "total_harm": self.total_harm,
            "rows": self.rows,
            "unweighted_types": self.unweighted_types,
            "source": self.source,
            "caveat": self.caveat,
        }


def harm_totals(counts_by_type: Mapping[str, int], weights: HarmWeights) -> HarmResult:
    """Σ count × weight per crime type; types without a weight are listed, not guessed."""
    rows: list[dict[str, Any]] = []
    unweighted: list[str] = []
    total_count = sum(int(v) for v in counts_by_type.values())
    total = 0.0
    for ct, count in sorted(counts_by_type.items()):
        w = weights.weights.get(ct)
        harm = None if w is None else float(w) * int(count)
        if w is None:
            unweighted.append(ct)
        else:
            total += float(harm or 0.0)
        rows.append(
            {"crime_type": ct, "count": int(count), "weight": None if w is None else float(w), "harm": harm}
        )
    for r in rows:
        r["share_of_harm"] = (r["harm"] / total) if (r["harm"] is not None and total > 0) else None
        r["share_of_count"] = (r["count"] / total_count) if total_count else None
    rows.sort(key=lambda r: -(r["harm"] if r["harm"] is not None else -1.0))
    return HarmResult(weights.name, weights.unit, total, rows, unweighted, weights.source, weights.caveat)
