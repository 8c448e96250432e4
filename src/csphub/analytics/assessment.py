"""The Strategic Assessment result: plain, JSON-serialisable data (see docs/assessment-format.md).

Tables are stored column-wise (``{"column": [values...]}``) to keep the JSON compact; every parameter
and automatic choice used to produce the figures is in ``parameters`` and ``notes``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCHEMA_VERSION = "1.0"

Table = dict[str, list[Any]]


def table_rows(table: Table) -> list[dict[str, Any]]:
    """Column-wise table → list of row dicts."""
    cols = list(table)
    n = len(table[cols[0]]) if cols else 0
    return [{c: table[c][i] for c in cols} for i in range(n)]


def rows_table(rows: list[dict[str, Any]], columns: list[str]) -> Table:
    return {c: [r.get(c) for r in rows] for c in columns}


@dataclass
class Assessment:
    area: dict[str, Any]
    period: dict[str, Any]  # from, to, months, comparison_from, comparison_to, comparison_months
    parameters: dict[str, Any]
    data: dict[str, Any]  # store, coverage, quarantine and mapping figures, sources
    headline: list[dict[str, Any]]  # all crime / ASB / all incidents: counts, change, test, wording
    by_crime_type: list[dict[str, Any]]
    monthly: Table  # month, crime_type, count (area totals; comparison + study months)
    rolling_12m: Table  # month, all_crime, asb
    seasonality: dict[str, Any]
    top_lsoas: dict[str, Any]
    harm: dict[str, Any]
    # month, crime_type, lsoa_code, count (the counts.csv contract). The pipeline leaves it as a
    # pyarrow.Table (large for national runs); to_dict()/to_json() turn it into lists.
    counts: Any
    hotspots: dict[str, Any] | None = None
    repeats: dict[str, Any] | None = None
    what_changed: list[dict[str, Any]] = field(default_factory=list)
    # Outlines for maps, BNG metres rounded to 1 m: {"district": [ring...], "lsoas": {code: [ring...]}}
    # where a ring is [[x, y], ...].
    geometry: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)  # automatic choices and data caveats, plain words
    caveats: list[str] = field(default_factory=list)
    generated_at: str = ""
    schema_version: str = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        counts = self.counts
        if hasattr(counts, "to_pydict"):  # a pyarrow.Table
            self.counts = {}
            try:
                out = asdict(self)
            finally:
                self.counts = counts
            out["counts"] = counts.to_pydict()
            return out
        return asdict(self)

    def counts_rows(self) -> list[dict[str, Any]]:
        if hasattr(self.counts, "to_pylist"):
            return list(self.counts.to_pylist())
        return table_rows(self.counts)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Assessment:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, allow_nan=False, **kwargs)

    @classmethod
    def from_json(cls, text: str) -> Assessment:
        return cls.from_dict(json.loads(text))
