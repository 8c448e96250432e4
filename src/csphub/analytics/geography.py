"""Areas, LSOA vintages and populations: plain data in, plain data out (no I/O here).

A :class:`Geography` is built by ``sources.reference.load_reference`` from the national reference
shipped with the package (every LSOA 2021 in England and Wales); ``analytics.areas`` answers "which
LSOAs make up this area?" and this module maps 2011 LSOA codes to 2021 codes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

LSOA_RE = re.compile(r"^[EW]01[0-9]{6}$")
DISTRICT_RE = re.compile(r"^[EW]0[6-9][0-9]{6}$")
WARD_RE = re.compile(r"^[EW]05[0-9]{6}$")
CSP_RE = re.compile(r"^(E22|W14)[0-9]{6}$")  # Community Safety Partnerships (Wales: W14)
PFA_RE = re.compile(r"^(E23|W15)[0-9]{6}$")  # police force areas (Wales: W15)
GSS_RE = re.compile(r"^[EW][0-9]{8}$")  # any ONS (GSS) area code

if TYPE_CHECKING:
    from csphub.analytics.areas import AreaIndex


@dataclass(frozen=True, slots=True)
class Lsoa:
    code: str
    name: str
    lad_code: str
    lad_name: str
    ward_code: str
    ward_name: str
    population: int
    centroid_x_m: float
    centroid_y_m: float
    lad22_code: str = ""
    lad22_name: str = ""
    csp_code: str = ""
    csp_name: str = ""
    pfa_code: str = ""
    pfa_name: str = ""


@dataclass(frozen=True)
class LsoaChange:
    """One link of a 2011 LSOA to a 2021 LSOA in the ONS exact lookup (U unchanged, S split,
    M merged, X irregular). ``share`` is the 2021 LSOA's share of the Census 2021 population of all
    the 2021 LSOAs the 2011 one links to (1.0 unless split or irregular)."""

    old_code: str
    new_code: str
    relationship: str
    share: float


class LsoaTable(Mapping[str, Lsoa]):
    """The LSOAs of the reference held as columns (one list per field of :class:`Lsoa`), with an
    :class:`Lsoa` built on first access: the national table has 35,672 rows and an assessment
    looks at a few hundred of them."""

    FIELDS = tuple(Lsoa.__dataclass_fields__)

    def __init__(self, columns: Mapping[str, Sequence[object]]) -> None:
        self.columns = {f: list(columns[f]) for f in self.FIELDS}
        self._row: dict[str, int] = {str(code): i for i, code in enumerate(self.columns["code"])}
        self._cache: dict[str, Lsoa] = {}
        self.area_index: AreaIndex | None = None

    def __getitem__(self, code: str) -> Lsoa:
        hit = self._cache.get(code)
        if hit is None:
            i = self._row[code]
            hit = self._cache[code] = Lsoa(*(self.columns[f][i] for f in self.FIELDS))  # type: ignore[arg-type]
        return hit

    def __contains__(self, code: object) -> bool:
        return code in self._row

    def __iter__(self) -> Iterator[str]:
        return iter(self._row)

    def __len__(self) -> int:
        return len(self._row)


class Rings(Mapping[str, list[np.ndarray]]):
    """Boundary rings in BNG metres keyed by code, decoded on access (the national boundaries hold
    ~420k vertices; an assessment needs a few thousand). ``layers`` are searched in order, so an
    imported finer boundary file overrides the shipped one for the codes it holds."""

    def __init__(self, *layers: Mapping[str, list[np.ndarray]]) -> None:
        self.layers = [layer for layer in layers if layer]

    def __getitem__(self, code: str) -> list[np.ndarray]:
        for layer in self.layers:
            if code in layer:
                return layer[code]
        raise KeyError(code)

    def __contains__(self, code: object) -> bool:
        return any(code in layer for layer in self.layers)

    def __iter__(self) -> Iterator[str]:
        seen: set[str] = set()
        for layer in self.layers:
            for code in layer:
                if code not in seen:
                    seen.add(code)
                    yield code

    def __len__(self) -> int:
        return sum(1 for _ in self)


@dataclass
class Geography:
    lsoas: Mapping[str, Lsoa]  # 2021 codes
    changes: list[LsoaChange]
    # Boundary rings in BNG metres (optional: maps only), keyed by LSOA code; ``district_rings`` holds
    # the outlines of districts (current and 2022), CSPs and police force areas, keyed by their code.
    lsoa_rings: Mapping[str, list[np.ndarray]] = field(default_factory=dict)
    district_rings: Mapping[str, list[np.ndarray]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    _index: AreaIndex | None = field(default=None, repr=False, compare=False)

    def districts(self) -> dict[str, str]:
        if isinstance(self.lsoas, LsoaTable):
            c = self.lsoas.columns
            return dict(zip(c["lad_code"], c["lad_name"], strict=True))  # type: ignore[arg-type]
        return {lsoa.lad_code: lsoa.lad_name for lsoa in self.lsoas.values()}

    def column(self, name: str) -> list[object]:
        """One field of every LSOA, in the order of ``lsoas``."""
        if isinstance(self.lsoas, LsoaTable):
            return self.lsoas.columns[name]
        return [getattr(lsoa, name) for lsoa in self.lsoas.values()]

    def area_index(self) -> AreaIndex:
        """The name/code index over this reference (built once, on first use)."""
        if self._index is None:
            from csphub.analytics.areas import AreaIndex

            # the shipped tables are cached per process; so is their index (built in ~0.3 s)
            owner = self.lsoas if isinstance(self.lsoas, LsoaTable) else None
            cached = getattr(owner, "area_index", None)
            if cached is not None and cached.geo.changes is self.changes:
                self._index = cached
            else:
                self._index = AreaIndex(self)
                if owner is not None:
                    owner.area_index = self._index
        return self._index


@dataclass(frozen=True)
class Area:
    name: str
    kind: str  # csp | district | district_2022 | pfa | ward | lsoa_list | all
    lsoa_codes: tuple[str, ...]
    district_codes: tuple[str, ...]
    population: int
    code: str = ""  # the CSP, district, force area or ward code ("" for LSOA lists)
    description: str = ""  # e.g. "Community Safety Partnership", "ward in Derby"
    csp_codes: tuple[str, ...] = ()
    pfa_codes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "kind": self.kind,
            "code": self.code,
            "description": self.description,
            "lsoa_codes": list(self.lsoa_codes),
            "district_codes": list(self.district_codes),
            "csp_codes": list(self.csp_codes),
            "pfa_codes": list(self.pfa_codes),
            "population": self.population,
        }


class AreaNotFound(ValueError):
    """No area of that name or code; ``suggestions`` holds the nearest names ("did you mean")."""

    def __init__(self, message: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.suggestions = list(suggestions)


class AreaAmbiguous(AreaNotFound):
    """The name denotes several areas (a ward name used in several districts); ``choices`` lists
    each one as a name that resolves to it alone."""

    def __init__(self, message: str, choices: Sequence[str]) -> None:
        super().__init__(message, choices)
        self.choices = list(choices)


def resolve_area(geo: Geography, area: str | Sequence[str]) -> Area:
    """An area by name or code: a CSP, a district (current or 2022), a police force area, a ward, or
    LSOA codes (2011 or 2021; a sequence, or one string separated by commas/spaces). Names are matched
    ignoring case and punctuation. Raises :class:`AreaNotFound` (with the nearest names) or
    :class:`AreaAmbiguous` (with the choices)."""
    return geo.area_index().resolve(area)


def all_area(geo: Geography, name: str = "All areas") -> Area:
    codes = tuple(sorted(geo.lsoas))
    return Area(name, "all", codes, tuple(sorted(geo.districts())), _pop(geo, codes))


def _pop(geo: Geography, codes: Sequence[str]) -> int:
    return int(sum(geo.lsoas[c].population for c in codes))


def map_lsoa_2011_to_2021(
    codes: pa.ChunkedArray | pa.Array, x_m: np.ndarray, y_m: np.ndarray, geo: Geography
) -> tuple[pa.Array, int]:
    """Replace 2011-only LSOA codes by their 2021 successor.

    The rule (ONS exact lookup): one-to-one and merges map directly; for a split (or an irregular
    change), each row goes to the 2021 LSOA whose population-weighted centroid is nearest the row's
    point; a row without a point goes to the 2021 LSOA with the largest Census 2021 population
    among them. Codes that are already 2021 codes, or have no lookup row, are kept as published.
    Returns (codes, number of rows changed).
    """
    import pyarrow.compute as pc  # only when reading 2011 codes: not with the module

    if isinstance(codes, pa.ChunkedArray):
        codes = codes.combine_chunks()
    old = sorted({c.old_code for c in geo.changes if c.old_code not in geo.lsoas})
    if not old:
        return codes, 0
    mask = pc.is_in(codes, value_set=pa.array(old, pa.string())).fill_null(False)
    n = int(pc.sum(mask).as_py() or 0)
    if n == 0:
        return codes, 0
    out = np.array(codes.to_pylist(), dtype=object)
    idx = np.flatnonzero(mask.to_numpy(zero_copy_only=False))
    by_old: dict[str, list[LsoaChange]] = {}
    for ch in geo.changes:
        by_old.setdefault(ch.old_code, []).append(ch)
    for code in set(out[idx]):
        rows = idx[out[idx] == code]
        children = [c for c in by_old[code] if c.new_code in geo.lsoas] or by_old[code]
        if len(children) == 1:
            out[rows] = children[0].new_code
            continue
        cx = np.array(
            [geo.lsoas[c.new_code].centroid_x_m if c.new_code in geo.lsoas else np.nan for c in children]
        )
        cy = np.array(
            [geo.lsoas[c.new_code].centroid_y_m if c.new_code in geo.lsoas else np.nan for c in children]
        )
        d2 = (x_m[rows, None] - cx[None, :]) ** 2 + (y_m[rows, None] - cy[None, :]) ** 2
        best_share = int(np.argmax([c.share for c in children]))
        pick = np.where(
            np.isnan(d2).all(axis=1), best_share, np.nanargmin(np.where(np.isnan(d2), np.inf, d2), axis=1)
        )
        out[rows] = np.array([c.new_code for c in children], dtype=object)[pick]
    return pa.array(out, pa.string()), n
