"""Areas, LSOA vintages and populations: plain data in, plain data out (no I/O here).

A :class:`Geography` is built by ``sources.reference.load_reference`` from the shipped reference
tables; this module answers "which LSOAs make up this area?" and maps 2011 LSOA codes to 2021 codes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

LSOA_RE = re.compile(r"^[EW]01[0-9]{6}$")
DISTRICT_RE = re.compile(r"^[EW]0[6-9][0-9]{6}$")
WARD_RE = re.compile(r"^[EW]05[0-9]{6}$")


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class LsoaChange:
    """One link of a 2011 LSOA to a 2021 LSOA (S split, M merge, U one-to-one)."""

    old_code: str
    new_code: str
    relationship: str
    area_share: float


@dataclass
class Geography:
    lsoas: dict[str, Lsoa]  # 2021 codes
    changes: list[LsoaChange]
    # Boundary rings in BNG metres, keyed by LSOA code / district code (optional: maps only).
    lsoa_rings: dict[str, list[np.ndarray]] = field(default_factory=dict)
    district_rings: dict[str, list[np.ndarray]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)

    def districts(self) -> dict[str, str]:
        return {lsoa.lad_code: lsoa.lad_name for lsoa in self.lsoas.values()}


@dataclass(frozen=True)
class Area:
    name: str
    kind: str  # district | ward | lsoa_list | all
    lsoa_codes: tuple[str, ...]
    district_codes: tuple[str, ...]
    population: int

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "kind": self.kind,
            "lsoa_codes": list(self.lsoa_codes),
            "district_codes": list(self.district_codes),
            "population": self.population,
        }


class AreaNotFound(ValueError):
    pass


def resolve_area(geo: Geography, area: str | Sequence[str]) -> Area:
    """An area by district name ("Amber Valley"), district code (E07000032), ward name or code,
    or a list of LSOA codes (a sequence, or one string separated by commas/spaces)."""
    if isinstance(area, str):
        parts = [p for p in re.split(r"[,\s]+", area.strip()) if p]
        if parts and all(LSOA_RE.match(p) for p in parts):
            return _lsoa_area(geo, parts)
        key = area.strip()
        if DISTRICT_RE.match(key.upper()):
            codes = tuple(sorted(c for c, lsoa in geo.lsoas.items() if lsoa.lad_code == key.upper()))
            if not codes:
                raise AreaNotFound(f"no LSOAs in the reference data for district {key}")
            name = geo.lsoas[codes[0]].lad_name
            return Area(name, "district", codes, (key.upper(),), _pop(geo, codes))
        if WARD_RE.match(key.upper()):
            codes = tuple(sorted(c for c, lsoa in geo.lsoas.items() if lsoa.ward_code == key.upper()))
            if codes:
                return Area(
                    geo.lsoas[codes[0]].ward_name,
                    "ward",
                    codes,
                    (geo.lsoas[codes[0]].lad_code,),
                    _pop(geo, codes),
                )
        low = key.casefold()
        codes = tuple(sorted(c for c, lsoa in geo.lsoas.items() if lsoa.lad_name.casefold() == low))
        if codes:
            lad = geo.lsoas[codes[0]]
            return Area(lad.lad_name, "district", codes, (lad.lad_code,), _pop(geo, codes))
        codes = tuple(sorted(c for c, lsoa in geo.lsoas.items() if lsoa.ward_name.casefold() == low))
        if codes:
            w = geo.lsoas[codes[0]]
            return Area(
                w.ward_name,
                "ward",
                codes,
                tuple(sorted({geo.lsoas[c].lad_code for c in codes})),
                _pop(geo, codes),
            )
        known = ", ".join(sorted(set(geo.districts().values())))
        raise AreaNotFound(
            f"area {area!r} is not a district, ward or LSOA list in the reference data (districts: {known})"
        )
    return _lsoa_area(geo, list(area))


def all_area(geo: Geography, name: str = "All areas") -> Area:
    codes = tuple(sorted(geo.lsoas))
    return Area(name, "all", codes, tuple(sorted(geo.districts())), _pop(geo, codes))


def _lsoa_area(geo: Geography, parts: list[str]) -> Area:
    unknown = [p for p in parts if p not in geo.lsoas]
    if unknown:
        raise AreaNotFound(f"LSOA codes not in the reference data (2021 codes expected): {unknown[:10]}")
    codes = tuple(sorted(set(parts)))
    lads = tuple(sorted({geo.lsoas[c].lad_code for c in codes}))
    return Area(f"{len(codes)} LSOAs", "lsoa_list", codes, lads, _pop(geo, codes))


def _pop(geo: Geography, codes: Sequence[str]) -> int:
    return int(sum(geo.lsoas[c].population for c in codes))


def map_lsoa_2011_to_2021(
    codes: pa.ChunkedArray | pa.Array, x_m: np.ndarray, y_m: np.ndarray, geo: Geography
) -> tuple[pa.Array, int]:
    """Replace 2011-only LSOA codes by their 2021 successor.

    One-to-one and merges map directly; for a split, the 2021 child whose centroid is nearest the
    row's point is chosen (without a point: the child holding most of the old area). Codes with no
    lookup row are kept as published. Returns (codes, number of rows changed).
    """
    if isinstance(codes, pa.ChunkedArray):
        codes = codes.combine_chunks()
    old = sorted({c.old_code for c in geo.changes})
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
        best_share = int(np.argmax([c.area_share for c in children]))
        pick = np.where(
            np.isnan(d2).all(axis=1), best_share, np.nanargmin(np.where(np.isnan(d2), np.inf, d2), axis=1)
        )
        out[rows] = np.array([c.new_code for c in children], dtype=object)[pick]
    return pa.array(out, pa.string()), n
