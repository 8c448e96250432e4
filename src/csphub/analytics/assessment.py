"""The Strategic Assessment result as typed, frozen sections (see docs/assessment-format.md).

The spatial sections (hot spots, repeat places, map outlines) live in
:mod:`csphub.analytics.assessment_spatial` and are re-exported here.

Every section is a frozen dataclass; the pipeline builds them (``analytics.sections``), the reports
read their attributes, and the dict/JSON form exists only at the edge: ``Assessment.to_dict()`` /
``to_json()`` write the documented format (schema 1.0: same keys, same order, tables column-wise) and
``Assessment.from_dict()`` / ``from_json()`` read it back (the web app and the tests read stored runs).
"""

from __future__ import annotations

import functools
import json
import types
import typing
from array import array
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from typing import Any, ClassVar

import pyarrow as pa

from csphub.analytics.assessment_spatial import (
    ClassifySection,
    Geometry,
    GiStarCells,
    GiStarSection,
    HotspotGrid,
    HotspotParametersUsed,
    HotspotPoints,
    Hotspots,
    KdeCells,
    KdeSection,
    RepeatPlace,
    Repeats,
)
from csphub.analytics.geography import Area
from csphub.analytics.trends import Seasonality

SCHEMA_VERSION = "1.0"


# ---------------------------------------------------------------- period and parameters


@dataclass(frozen=True)
class Period:
    """The study months and the same number of months just before (the comparison)."""

    JSON_KEYS: ClassVar[dict[str, str]] = {"first": "from", "last": "to"}

    first: str
    last: str
    months: tuple[str, ...]
    comparison_from: str
    comparison_to: str
    comparison_months: tuple[str, ...]


@dataclass(frozen=True)
class HotspotParameters:
    """Hot-spot parameters as requested (``None`` = automatic; what was used is in ``Hotspots``)."""

    crime_types: tuple[str, ...]
    cell_size_m: float | None
    bandwidth_m: float | None
    distance_m: float | None
    p_adjust: str
    alpha: float
    recent_periods: int
    period: str = "1 month"


@dataclass(frozen=True)
class Parameters:
    area: str | tuple[str, ...] | None
    date_from: str
    date_to: str
    comparison: str
    alpha: float
    change_test: str
    multiple_testing_by_crime_type: str
    rolling_window_months: int
    top_n: int
    top_min_population: int
    harm_weights: str
    hotspots: HotspotParameters


@dataclass(frozen=True)
class DataAccount:
    """Where the figures came from: store, reference, forces, months, rows, population, timings."""

    store_dir: str
    reference_dir: str
    forces: tuple[str, ...]
    months_available: tuple[str, ...]
    months_missing: tuple[str, ...]
    comparison_months_missing: tuple[str, ...]
    partitions_used: int
    rows_input_in_partitions: int
    rows_quarantined_in_partitions: int
    lsoa_2011_codes_mapped_in_partitions: int
    population_total: int
    population_source: str
    hotspot_points: int
    timings_s: dict[str, float]
    # the national reference: name, publisher, vintage, licence, attribution (and any imported boundaries)
    reference: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------- counts and changes


@dataclass(frozen=True)
class Headline:
    """One headline measure (crime excl. ASB, ASB, all incidents): counts, rate and change test.

    The change fields are ``None`` (and ``wording`` says "no comparison data") without comparison
    months."""

    measure: str
    count: int
    count_previous: int
    rate_per_1000: float | None
    change_pct: float | None
    rate_ratio: float | None
    p_value: float | None
    ratio_ci_low: float | None
    ratio_ci_high: float | None
    wording: str
    # what the change test compared when it was not the whole study period against the whole
    # comparison period: like for like without incomplete months, or the two halves of the period
    basis: str = ""
    compared_count: int | None = None
    compared_count_previous: int | None = None


@dataclass(frozen=True)
class CrimeTypeRow:
    """One police.uk category: as ``Headline``, plus the Benjamini–Hochberg adjusted p over the
    categories tested and the share of crime (excl. ASB; ``None`` for ASB)."""

    # The JSON keeps the order the format has always had (crime_type after the change fields).
    JSON_ORDER: ClassVar[tuple[str, ...]] = (
        "count",
        "count_previous",
        "rate_per_1000",
        "change_pct",
        "rate_ratio",
        "p_value",
        "ratio_ci_low",
        "ratio_ci_high",
        "wording",
        "crime_type",
        "p_adj",
        "share_of_crime",
        "basis",
        "compared_count",
        "compared_count_previous",
    )
    WHAT_CHANGED: ClassVar[tuple[str, ...]] = (
        "crime_type",
        "count",
        "count_previous",
        "change_pct",
        "p_value",
        "p_adj",
        "wording",
    )

    crime_type: str
    count: int
    count_previous: int
    rate_per_1000: float | None
    change_pct: float | None
    rate_ratio: float | None
    p_value: float | None
    ratio_ci_low: float | None
    ratio_ci_high: float | None
    wording: str
    p_adj: float | None
    share_of_crime: float | None
    basis: str = ""
    compared_count: int | None = None
    compared_count_previous: int | None = None


# ---------------------------------------------------------------- trends


@dataclass(frozen=True)
class MonthCount:
    month: str
    crime_type: str
    count: int


@dataclass(frozen=True)
class RollingMonth:
    """Crime (excl. ASB) and ASB in one month, and their trailing 12-month sums (``None`` until 12
    months of data)."""

    month: str
    all_crime: int
    asb: int
    all_crime_12m: float | None
    asb_12m: float | None


@dataclass(frozen=True)
class SeasonalitySection:
    all_crime: Seasonality
    asb: Seasonality
    months_used: tuple[str, ...]


@dataclass(frozen=True)
class TopPlace:
    code: str
    count: int
    population: int
    rate_per_1000: float | None
    name: str
    ward_name: str


@dataclass(frozen=True)
class TopPlaces:
    by_count: tuple[TopPlace, ...]
    by_rate: tuple[TopPlace, ...]
    measure: str


# ---------------------------------------------------------------- harm


@dataclass(frozen=True)
class HarmRow:
    crime_type: str
    count: int
    weight: float | None
    harm: float | None
    share_of_harm: float | None
    share_of_count: float | None


@dataclass(frozen=True)
class Harm:
    weights_name: str
    unit: str
    total_harm: float
    rows: tuple[HarmRow, ...]
    unweighted_types: tuple[str, ...]
    source: str
    caveat: str
    total_harm_previous: float
    change_pct: float | None
    harm_per_1000: float | None
    weights: dict[str, float]


# ---------------------------------------------------------------- comparators


@dataclass(frozen=True)
class ComparatorRow:
    """One area beside the study area: its population, crime (excl. ASB) and ASB in the study
    period and their rates per 1,000 residents."""

    name: str
    code: str
    kind: str  # "force area" | "district"
    population: int
    crime: int
    crime_per_1000: float | None
    asb: int
    asb_per_1000: float | None
    is_study_area: bool


@dataclass(frozen=True)
class Comparators:
    """The force area and each of its districts, when the store holds the whole force's data."""

    force_area: str
    rows: tuple[ComparatorRow, ...]
    note: str


# ---------------------------------------------------------------- the assessment


@dataclass(frozen=True)
class Assessment:
    area: Area
    period: Period
    parameters: Parameters
    data: DataAccount
    headline: tuple[Headline, ...]  # all crime / ASB / all incidents
    by_crime_type: tuple[CrimeTypeRow, ...]  # the 14 categories, most frequent first
    monthly: tuple[MonthCount, ...]  # area totals, every month present (comparison + study + history)
    rolling_12m: tuple[RollingMonth, ...]  # comparison and study months
    seasonality: SeasonalitySection
    top_lsoas: TopPlaces
    harm: Harm
    # month, crime_type, lsoa_code, count (the counts.csv contract): an Arrow table (large nationally)
    counts: pa.Table
    hotspots: Hotspots | None = None
    repeats: Repeats | None = None
    # the rows of by_crime_type whose change survives Benjamini–Hochberg, smallest p_adj first
    what_changed: tuple[CrimeTypeRow, ...] = ()
    geometry: Geometry | None = None
    notes: tuple[str, ...] = ()  # automatic choices and data caveats, plain words
    caveats: tuple[str, ...] = ()
    generated_at: str = ""
    schema_version: str = SCHEMA_VERSION
    comparators: Comparators | None = None

    def counts_rows(self) -> list[dict[str, Any]]:
        return list(self.counts.to_pylist())

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON form (docs/assessment-format.md)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "area":
                out["area"] = value.to_dict()
            elif f.name == "counts":
                out["counts"] = value.to_pydict()
            elif f.name == "what_changed":
                out["what_changed"] = [{k: getattr(r, k) for k in CrimeTypeRow.WHAT_CHANGED} for r in value]
            elif f.name in ("monthly", "rolling_12m"):
                out[f.name] = _columns(value, f.name)
            else:
                out[f.name] = to_plain(value)
        return out

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, allow_nan=False, **kwargs)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Assessment:
        """Read the JSON form back (unknown keys are ignored; missing optional sections are None)."""
        by_type = tuple(_load(CrimeTypeRow, r) for r in data["by_crime_type"])
        index = {r.crime_type: r for r in by_type}
        area = data["area"]
        return cls(
            area=Area(
                str(area["name"]),
                str(area["kind"]),
                tuple(area["lsoa_codes"]),
                tuple(area["district_codes"]),
                int(area["population"]),
                code=str(area.get("code", "")),
                description=str(area.get("description", "")),
                csp_codes=tuple(area.get("csp_codes", ())),
                pfa_codes=tuple(area.get("pfa_codes", ())),
            ),
            period=_load(Period, data["period"]),
            parameters=_load(Parameters, data["parameters"]),
            data=_load(DataAccount, data["data"]),
            headline=tuple(_load(Headline, r) for r in data["headline"]),
            by_crime_type=by_type,
            monthly=tuple(MonthCount(*r) for r in _rows(data["monthly"], MonthCount)),
            rolling_12m=tuple(RollingMonth(*r) for r in _rows(data["rolling_12m"], RollingMonth)),
            seasonality=_load(SeasonalitySection, data["seasonality"]),
            top_lsoas=_load(TopPlaces, data["top_lsoas"]),
            harm=_load(Harm, data["harm"]),
            counts=_counts_table(data.get("counts") or {}),
            hotspots=_load(Hotspots | None, data.get("hotspots")),
            repeats=_load(Repeats | None, data.get("repeats")),
            what_changed=tuple(index[r["crime_type"]] for r in data.get("what_changed", [])),
            geometry=_load(Geometry | None, data.get("geometry")),
            notes=tuple(data.get("notes", ())),
            caveats=tuple(data.get("caveats", ())),
            generated_at=str(data.get("generated_at", "")),
            schema_version=str(data.get("schema_version", SCHEMA_VERSION)),
            comparators=_load(Comparators | None, data.get("comparators")),
        )

    @classmethod
    def from_json(cls, text: str) -> Assessment:
        return cls.from_dict(json.loads(text))


COUNTS_COLUMNS = ("month", "crime_type", "lsoa_code", "count")


def _counts_table(columns: Mapping[str, list[Any]]) -> pa.Table:
    """The counts table from its JSON columns. Built with Arrow's string builder and an int64 buffer
    rather than ``pa.Table.from_pydict``: that (like ``pa.array``) imports pandas on its first call to
    check whether it was given a pandas object, about half a second in a fresh process for every
    page that reads an assessment (the board pack, the Plan, the home page), which never uses pandas."""
    schema = pa.schema(
        [
            ("month", pa.string()),
            ("crime_type", pa.string()),
            ("lsoa_code", pa.string()),
            ("count", pa.int64()),
        ]
    )
    arrays = []
    for name in COUNTS_COLUMNS[:-1]:
        builder = pa.lib.StringBuilder()
        builder.append_values([None if v is None else str(v) for v in columns.get(name, [])])
        arrays.append(builder.finish())
    counts = [int(v) for v in columns.get("count", [])]
    arrays.append(pa.Array.from_buffers(pa.int64(), len(counts), [None, pa.py_buffer(array("q", counts))]))
    lengths = {len(a) for a in arrays}
    if len(lengths) > 1:
        raise ValueError(f"the counts columns differ in length: {sorted(lengths)}")
    return pa.Table.from_arrays(arrays, schema=schema)


# ---------------------------------------------------------------- dict form


def to_plain(value: Any) -> Any:
    """A section as JSON-ready data: dataclasses → dicts (fields in order; ``JSON_KEYS`` renames,
    ``JSON_ORDER`` reorders; a ``None`` optional column is left out), tuples → lists, integer dict keys
    → strings (as JSON writes them)."""
    if is_dataclass(value) and not isinstance(value, type):
        names: tuple[str, ...] = getattr(value, "JSON_ORDER", ()) or tuple(f.name for f in fields(value))
        rename: dict[str, str] = getattr(value, "JSON_KEYS", {})
        out: dict[str, Any] = {}
        for name in names:
            v = getattr(value, name)
            if v is None and isinstance(value, GiStarCells):
                continue
            out[rename.get(name, name)] = to_plain(v)
        return out
    if isinstance(value, (list, tuple)):
        if value and isinstance(value[0], (str, int, float, bool, type(None))):
            return list(value)  # a column of scalars: copied, not visited one by one
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {(str(k) if isinstance(k, int) else k): to_plain(v) for k, v in value.items()}
    return value


def _columns(rows: tuple[Any, ...], name: str) -> dict[str, list[Any]]:
    cls = MonthCount if name == "monthly" else RollingMonth
    return {f.name: [getattr(r, f.name) for r in rows] for f in fields(cls)}


def _rows(columns: Mapping[str, list[Any]], cls: type) -> list[tuple[Any, ...]]:
    cols = [columns.get(f.name, []) for f in fields(cls)]
    return list(zip(*cols, strict=True))


def _load(tp: Any, value: Any) -> Any:
    """``value`` (parsed JSON) as the type ``tp``: dataclasses by field (``JSON_KEYS`` renames), tuples
    and dicts element-wise, optional types; scalars are kept as JSON gave them."""
    if value is None:
        return None
    kind, spec = _shape(tp)
    if kind == "union":
        for a, a_is_dataclass, a_is_tuple in spec:
            if a_is_dataclass and isinstance(value, Mapping):
                return _load(a, value)
            if a_is_tuple and isinstance(value, list):
                return _load(a, value)
        return value
    if kind == "dataclass":
        kwargs: dict[str, Any] = {}
        for name, key, hint, required in spec:
            if key in value:
                kwargs[name] = _load(hint, value[key])
            elif required:
                kwargs[name] = None
        return tp(**kwargs)
    if kind == "tuple":
        return tuple(_load(spec, v) for v in value)
    if kind == "list":
        return [_load(spec, v) for v in value]
    if kind == "dict":
        key_is_int, val_tp = spec
        return {(int(k) if key_is_int else k): _load(val_tp, v) for k, v in value.items()}
    return value


@functools.cache
def _shape(tp: Any) -> tuple[str, Any]:
    """How :func:`_load` reads a value of type ``tp``, worked out once per type: an assessment holds
    thousands of small dataclasses (hot-spot cells, places), and resolving their type hints for each
    one was most of the time it took to read an assessment back."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return "union", tuple((a, is_dataclass(a), typing.get_origin(a) is tuple) for a in inner)
    if isinstance(tp, type) and is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        rename: dict[str, str] = getattr(tp, "JSON_KEYS", {})
        return "dataclass", tuple(
            (
                f.name,
                rename.get(f.name, f.name),
                hints[f.name],
                f.default is MISSING and f.default_factory is MISSING,
            )
            for f in fields(tp)
        )
    if origin is tuple:
        (item, *_rest) = typing.get_args(tp)
        return "tuple", item
    if origin is list:
        (item,) = typing.get_args(tp)
        return "list", item
    if origin is dict:
        key_tp, val_tp = typing.get_args(tp)
        return "dict", (key_tp is int, val_tp)
    return "scalar", None


__all__ = [
    "SCHEMA_VERSION",
    "Assessment",
    "ClassifySection",
    "CrimeTypeRow",
    "DataAccount",
    "Geometry",
    "GiStarCells",
    "GiStarSection",
    "Harm",
    "HarmRow",
    "Headline",
    "HotspotGrid",
    "HotspotParameters",
    "HotspotParametersUsed",
    "HotspotPoints",
    "Hotspots",
    "KdeCells",
    "KdeSection",
    "MonthCount",
    "Parameters",
    "Period",
    "RepeatPlace",
    "Repeats",
    "RollingMonth",
    "SeasonalitySection",
    "TopPlace",
    "TopPlaces",
]
