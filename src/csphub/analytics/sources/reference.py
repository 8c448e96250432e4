"""Load the national reference (every LSOA 2021 in England and Wales) shipped with the package.

Files (in ``csphub/analytics/data``; rebuilt by ``data/reference/build_reference.py``; see
``PROVENANCE.md`` there for sources, vintages and licence)::

    lsoa21_england_wales.parquet          lsoa21_code, lsoa21_name, lad_code/name (Dec 2024),
                                          lad22_code/name, ward_code/name (2024), csp_code/name,
                                          pfa_code/name, population (Census 2021), centroid_x_m/y_m
    lsoa11_lsoa21_england_wales.parquet   ONS exact 2011 → 2021 LSOA lookup (lsoa11_code, lsoa21_code,
                                          change_code)
    lsoa21_boundaries_bng.npz             LSOA 2021 BSC boundaries and area outlines, BNG metres
    cchi_weights_by_category.csv          crime_type, cchi_days

A reference folder given instead (``--reference-dir``) must hold files of the same names. Finer
boundaries imported with ``csphub geography import`` (``<data_dir>/geography/``) override the shipped
ones for the LSOAs they hold.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterator, Mapping
from pathlib import Path

import numpy as np

from csphub.analytics.geography import Geography, LsoaChange, LsoaTable, Rings

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
LSOA_FILE = "lsoa21_england_wales.parquet"
CHANGES_FILE = "lsoa11_lsoa21_england_wales.parquet"
BOUNDARIES_FILE = "lsoa21_boundaries_bng.npz"
WEIGHTS_FILE = "cchi_weights_by_category.csv"
IMPORTED_BOUNDARIES = Path("geography") / "lsoa21_boundaries_imported.npz"

SOURCE = {
    "name": "England and Wales small-area reference (LSOA 2021)",
    "publisher": "Office for National Statistics",
    "vintage": (
        "LSOA December 2021 boundaries (super-generalised, clipped); local authority districts "
        "December 2024 (and 2022); electoral wards 2024 (ONS best fit); Community Safety Partnerships "
        "2024; police force areas; population: Census 2021 usual residents (21 March 2021); LSOA "
        "2011 → 2021 exact lookup (version 2)"
    ),
    "licence": "Open Government Licence v3.0",
    "attribution": (
        "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
        "Contains OS data © Crown copyright and database right 2024."
    ),
}


def reference_root(root: Path | str | None = None) -> Path:
    """The folder holding the reference files: ``root`` if given, else the shipped national data."""
    return Path(root) if root else DATA_DIR


def load_reference(
    root: Path | str | None = None, *, boundaries: bool = True, data_dir: Path | str | None = None
) -> Geography:
    """The national reference as a :class:`Geography` (tables cached per process).

    ``boundaries=False`` skips the outlines (only maps need them; ingest does not). ``data_dir``: where
    ``csphub geography import`` put finer boundaries, which then take precedence."""
    folder = reference_root(root)
    lsoas, changes = _tables(
        str(folder), _mtime(folder / LSOA_FILE), _mtime(folder / CHANGES_FILE, optional=True)
    )
    sources = {**SOURCE, "reference_dir": str(folder)}
    geo = Geography(lsoas=lsoas, changes=changes, sources=sources)
    if boundaries:
        path = folder / BOUNDARIES_FILE
        shipped = _boundaries(str(path), _mtime(path)) if path.exists() else ({}, {}, "")
        imported: tuple[Mapping[str, list[np.ndarray]], ...] = ()
        if data_dir is not None:
            path = Path(data_dir) / IMPORTED_BOUNDARIES
            if path.exists():
                imp = _boundaries(str(path), _mtime(path))
                imported = (imp[0],)
                geo.sources["boundaries_imported"] = imp[2] or str(path.name)
        geo.lsoa_rings = Rings(*imported, shipped[0])
        geo.district_rings = Rings(shipped[1])
    return geo


def _mtime(path: Path, *, optional: bool = False) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError as exc:
        if optional:
            return 0.0
        raise FileNotFoundError(f"reference file missing: {path.name} (in {path.parent})") from exc


@functools.lru_cache(maxsize=4)
def _tables(folder: str, _m1: float, _m2: float) -> tuple[LsoaTable, list[LsoaChange]]:
    import pyarrow.parquet as pq

    t = pq.ParquetFile(Path(folder) / LSOA_FILE).read()
    rename = {"code": "lsoa21_code", "name": "lsoa21_name"}
    n = t.num_rows
    lsoas = LsoaTable(
        {
            f: (t.column(rename.get(f, f)).to_pylist() if rename.get(f, f) in t.column_names else [""] * n)
            for f in LsoaTable.FIELDS
        }
    )
    changes: list[LsoaChange] = []
    path = Path(folder) / CHANGES_FILE
    if path.exists():
        c = pq.ParquetFile(path).read(columns=["lsoa11_code", "lsoa21_code", "change_code"])
        old, new, rel = (c.column(i).to_pylist() for i in range(3))
        # only 2011 codes that are not also 2021 codes need mapping (most are unchanged: "U")
        keep = [i for i, (o, nw) in enumerate(zip(old, new, strict=True)) if o != nw or o not in lsoas]
        old, new, rel = ([v[i] for i in keep] for v in (old, new, rel))
        # share of each 2021 LSOA in the Census 2021 population of its 2011 parent's successors
        totals: dict[str, int] = {}
        for o, nw in zip(old, new, strict=True):
            totals[o] = totals.get(o, 0) + (int(lsoas[nw].population) if nw in lsoas else 0)
        changes = [
            LsoaChange(o, nw, r, (lsoas[nw].population / totals[o]) if nw in lsoas and totals[o] else 0.0)
            for o, nw, r in zip(old, new, rel, strict=True)
        ]
    return lsoas, changes


class _PackedRings(Mapping[str, list[np.ndarray]]):
    """Rings stored as one delta-encoded vertex array (see ``build_reference.py``), decoded per code."""

    def __init__(self, codes: np.ndarray, ring_counts: np.ndarray, ring_lengths: np.ndarray, xy: np.ndarray):
        first = np.cumsum(ring_counts, dtype=np.int64) - ring_counts  # index of each code's first ring
        self._first = dict(zip(codes.tolist(), first.tolist(), strict=True))
        self._count = dict(zip(codes.tolist(), ring_counts.tolist(), strict=True))
        self._starts = np.concatenate([[0], np.cumsum(ring_lengths, dtype=np.int64)])
        self._cum = np.cumsum(xy.astype(np.int64), axis=0)

    def __getitem__(self, code: str) -> list[np.ndarray]:
        first = self._first[code]
        out = []
        for r in range(first, first + self._count[code]):
            s, e = int(self._starts[r]), int(self._starts[r + 1])
            base = self._cum[s - 1] if s > 0 else 0
            out.append((self._cum[s:e] - base).astype(np.float64))
        return out

    def __contains__(self, code: object) -> bool:
        return code in self._first

    def __iter__(self) -> Iterator[str]:
        return iter(self._first)

    def __len__(self) -> int:
        return len(self._first)


@functools.lru_cache(maxsize=4)
def _boundaries(path: str, _mtime: float) -> tuple[_PackedRings, _PackedRings, str]:
    with np.load(path) as z:
        lsoa = _PackedRings(z["codes"], z["ring_counts"], z["ring_lengths"], z["xy_delta"])
        if "outline_codes" in z:
            outline = _PackedRings(
                z["outline_codes"], z["outline_ring_counts"], z["outline_ring_lengths"], z["outline_xy_delta"]
            )
        else:
            empty = np.zeros(0, dtype=np.int32)
            outline = _PackedRings(empty.astype(str), empty, empty, np.zeros((0, 2), np.int32))
        source = str(z["source"]) if "source" in z else ""
    return lsoa, outline, source


def pack_rings(rings: Mapping[str, list[np.ndarray]]) -> dict[str, np.ndarray]:
    """The arrays ``_PackedRings`` reads, for rings in BNG metres (rounded to 0.1 m ... 1 m: int32)."""
    codes = sorted(rings)
    counts = [len(rings[c]) for c in codes]
    flat = [np.round(np.asarray(r, dtype=np.float64)).astype(np.int64) for c in codes for r in rings[c]]
    lengths = [len(r) for r in flat]
    xy = np.concatenate(flat) if flat else np.zeros((0, 2), np.int64)
    starts = (
        np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64) if flat else np.zeros(0, np.int64)
    )
    delta = np.diff(xy, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
    if flat:
        delta[starts] = xy[starts]
    return {
        "codes": np.array(codes),
        "ring_counts": np.array(counts, dtype=np.int32),
        "ring_lengths": np.array(lengths, dtype=np.int32),
        "xy_delta": delta.astype(np.int32),
    }


def default_weights_path(root: Path | str | None = None) -> Path:
    return reference_root(root) / WEIGHTS_FILE


def load_weights(path: Path) -> dict[str, float]:
    """A harm weight table: CSV with ``crime_type`` and a weight column (``cchi_days`` or ``weight``)."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if not rows:
        return {}
    col = "weight" if "weight" in rows[0] else next(c for c in rows[0] if c != "crime_type")
    return {r["crime_type"]: float(r[col]) for r in rows if r[col] not in ("", None)}
