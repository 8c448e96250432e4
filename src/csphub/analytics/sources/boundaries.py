"""Import finer LSOA 2021 boundaries (an ONS download) for the partnership's area.

The package ships the super-generalised (BSC) boundaries of every LSOA; an analyst may download a
finer generalisation from the ONS Open Geography Portal (BFC full resolution, BFE, BGC 20 m, or BSC)
for their own area, as GeoJSON (WGS84 or British National Grid) or GeoPackage, and import it::

    csphub geography import LSOA_2021_EW_BGC.gpkg

Checks (any failure raises :class:`BoundaryFileError` and changes nothing): the file is GeoJSON or a
GeoPackage; it has an LSOA 2021 code field (``LSOA21CD``); every code is an LSOA 2021 code of the
national reference; every geometry is a polygon or multipolygon with closed rings of at least four
points inside Great Britain. The rings are stored (BNG metres, 1 m) in
``<data_dir>/geography/lsoa21_boundaries_imported.npz``, merged with any earlier import (a code
imported again is replaced), written beside and moved into place atomically.
"""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
import struct
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from csphub.analytics.geography import LSOA_RE, Geography
from csphub.analytics.sources.crs import to_bng_transformer
from csphub.analytics.sources.reference import IMPORTED_BOUNDARIES, _boundaries, _mtime, pack_rings

CODE_FIELDS = ("lsoa21cd", "lsoa21_code", "lsoa_code")
# Great Britain in BNG metres, with a margin
BNG_X = (-10_000.0, 700_000.0)
BNG_Y = (-10_000.0, 1_250_000.0)


class BoundaryFileError(ValueError):
    """The file cannot be imported; nothing was changed."""


@dataclass
class ImportResult:
    file: str
    lsoas: int
    vertices: int
    districts: list[str]
    crs: str
    total_imported: int  # LSOAs with imported boundaries after this import


Rings = dict[str, list[np.ndarray]]


def import_boundaries(path: Path, *, data_dir: Path, geography: Geography) -> ImportResult:
    path = Path(path)
    if not path.is_file():
        raise BoundaryFileError(f"{path.name}: no such file")
    head = path.read_bytes()[:16]
    if head.startswith(b"SQLite format 3"):
        features, crs = _read_gpkg(path)
    else:
        features, crs = _read_geojson(path, head)
    rings, crs = _check(path.name, features, crs, geography)
    target = data_dir / IMPORTED_BOUNDARIES
    merged: Rings = {}
    if target.exists():
        old = _boundaries(str(target), _mtime(target))[0]
        merged = {c: old[c] for c in old}
    merged.update(rings)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.stem}-{uuid.uuid4().hex}.npz")
    try:
        with tmp.open("wb") as fh:
            arrays: dict[str, Any] = {**pack_rings(merged), "source": np.array(f"imported from {path.name}")}
            np.savez_compressed(fh, **arrays)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return ImportResult(
        file=path.name,
        lsoas=len(rings),
        vertices=int(sum(len(r) for rs in rings.values() for r in rs)),
        districts=sorted({geography.lsoas[c].lad_name for c in rings}),
        crs=crs,
        total_imported=len(merged),
    )


# ---------- GeoJSON ----------
def _read_geojson(path: Path, head: bytes) -> tuple[list[tuple[str, dict[str, Any]]], str]:
    raw = path.read_bytes()
    if head.startswith(b"\x1f\x8b"):
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            raise BoundaryFileError(f"{path.name}: the compressed file is damaged ({exc})") from exc
    try:
        doc = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BoundaryFileError(
            f"{path.name}: not a GeoJSON or GeoPackage file (it cannot be read as JSON: {exc})"
        ) from exc
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise BoundaryFileError(f"{path.name}: not a GeoJSON FeatureCollection")
    crs_name = str(((doc.get("crs") or {}).get("properties") or {}).get("name") or "")
    crs = "EPSG:27700" if "27700" in crs_name else ("EPSG:4326" if crs_name else "")
    feats: list[tuple[str, dict[str, Any]]] = []
    for i, f in enumerate(doc.get("features") or []):
        props = {str(k).lower(): v for k, v in ((f or {}).get("properties") or {}).items()}
        code = next((props[k] for k in CODE_FIELDS if k in props), None)
        if code is None:
            found = ", ".join(sorted(props)[:8]) or "none"
            raise BoundaryFileError(
                f"{path.name}: feature {i + 1} has no LSOA 2021 code field (LSOA21CD); its fields are "
                f"{found}. Download the LSOA (December 2021) boundaries."
            )
        feats.append((str(code), f.get("geometry") or {}))
    return feats, crs


# ---------- GeoPackage ----------
def _read_gpkg(path: Path) -> tuple[list[tuple[str, dict[str, Any]]], str]:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:  # pragma: no cover - sqlite opens nearly anything
        raise BoundaryFileError(f"{path.name}: cannot be opened as a GeoPackage ({exc})") from exc
    try:
        try:
            tables = con.execute(
                "SELECT c.table_name, c.column_name, c.srs_id FROM gpkg_geometry_columns c"
            ).fetchall()
        except sqlite3.DatabaseError as exc:
            raise BoundaryFileError(f"{path.name}: not a GeoPackage ({exc})") from exc
        if not tables:
            raise BoundaryFileError(f"{path.name}: the GeoPackage holds no layer with geometries")
        table, geom_col, srs_id = tables[0]
        cols = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
        code_col = next((c for c in cols if c.lower() in CODE_FIELDS), None)
        if code_col is None:
            raise BoundaryFileError(
                f"{path.name}: layer {table} has no LSOA 2021 code field (LSOA21CD); its fields are "
                f"{', '.join(cols[:8])}. Download the LSOA (December 2021) boundaries."
            )
        org = con.execute(
            "SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id = ?",
            (srs_id,),
        ).fetchone()
        crs = f"{org[0].upper()}:{org[1]}" if org else f"EPSG:{srs_id}"
        feats = []
        for code, blob in con.execute(f'SELECT "{code_col}", "{geom_col}" FROM "{table}"'):
            feats.append((str(code), _gpkg_geometry(path.name, str(code), blob)))
    except sqlite3.DatabaseError as exc:
        raise BoundaryFileError(f"{path.name}: the GeoPackage is damaged ({exc})") from exc
    finally:
        con.close()
    return feats, crs


def _gpkg_geometry(name: str, code: str, blob: bytes | None) -> dict[str, Any]:
    """GeoPackage binary (``GP`` header + envelope + WKB) → a GeoJSON-like geometry dict."""
    if not blob or blob[:2] != b"GP":
        raise BoundaryFileError(f"{name}: {code} has no GeoPackage geometry")
    flags = blob[3]
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}.get((flags >> 1) & 0x07)
    if envelope is None:
        raise BoundaryFileError(f"{name}: {code} has an invalid geometry header")
    try:
        geom, _ = _wkb(memoryview(blob)[8 + envelope :], 0)
    except (struct.error, ValueError, IndexError) as exc:
        raise BoundaryFileError(f"{name}: {code} has a damaged geometry ({exc})") from exc
    return geom


def _wkb(buf: memoryview, off: int) -> tuple[dict[str, Any], int]:
    little = buf[off] == 1
    order = "<" if little else ">"
    (gtype,) = struct.unpack_from(order + "I", buf, off + 1)
    off += 5
    has_z = bool(gtype & 0x80000000) or (gtype % 10000) // 1000 in (1, 3)
    has_m = bool(gtype & 0x40000000) or (gtype % 10000) // 1000 in (2, 3)
    base = (gtype & 0x0FFFFFFF) % 1000
    dims = 2 + int(has_z) + int(has_m)

    def ring(o: int) -> tuple[list[list[float]], int]:
        (n,) = struct.unpack_from(order + "I", buf, o)
        o += 4
        a = np.frombuffer(buf, dtype=np.dtype("<f8" if little else ">f8"), count=n * dims, offset=o)
        return a.reshape(n, dims)[:, :2].tolist(), o + 8 * n * dims

    def polygon(o: int) -> tuple[list[list[list[float]]], int]:
        (nr,) = struct.unpack_from(order + "I", buf, o)
        o += 4
        rings = []
        for _ in range(nr):
            r, o = ring(o)
            rings.append(r)
        return rings, o

    if base == 3:
        p, off = polygon(off)
        return {"type": "Polygon", "coordinates": p}, off
    if base == 6:
        (n,) = struct.unpack_from(order + "I", buf, off)
        off += 4
        polys = []
        for _ in range(n):
            g, off = _wkb(buf, off)
            if g["type"] != "Polygon":
                raise ValueError("a multipolygon part is not a polygon")
            polys.append(g["coordinates"])
        return {"type": "MultiPolygon", "coordinates": polys}, off
    raise ValueError(f"geometry type {base} is not a polygon")


# ---------- checks ----------
def _check(
    name: str, features: Iterable[tuple[str, Mapping[str, Any]]], crs: str, geo: Geography
) -> tuple[Rings, str]:
    features = list(features)
    if not features:
        raise BoundaryFileError(f"{name}: the file holds no boundaries")
    codes = [c.strip().upper() for c, _ in features]
    bad = [c for c in codes if not LSOA_RE.match(c)]
    if bad:
        raise BoundaryFileError(f"{name}: {len(bad)} values are not LSOA codes (e.g. {', '.join(bad[:3])})")
    unknown = [c for c in codes if c not in geo.lsoas]
    if unknown:
        raise BoundaryFileError(
            f"{name}: {len(unknown)} codes are not LSOA 2021 codes (e.g. {', '.join(unknown[:3])}); "
            "is this the 2011 edition? Download the LSOA (December 2021) boundaries."
        )
    dup = sorted({c for c in codes if codes.count(c) > 1}) if len(set(codes)) != len(codes) else []
    if dup:
        raise BoundaryFileError(f"{name}: LSOA codes appear more than once (e.g. {', '.join(dup[:3])})")
    parsed: dict[str, list[np.ndarray]] = {}
    for code, (_, geom) in zip(codes, features, strict=True):
        gtype = geom.get("type")
        coords: Any = geom.get("coordinates")
        polys: Any
        if gtype == "Polygon":
            polys = [coords]
        elif gtype == "MultiPolygon":
            polys = coords
        else:
            raise BoundaryFileError(f"{name}: {code} is a {gtype or 'missing'} geometry, not a polygon")
        rings = []
        try:
            for poly in polys or []:
                for r in poly:
                    a = np.asarray(r, dtype=np.float64)[:, :2]
                    if len(a) < 4 or not np.array_equal(a[0], a[-1]):
                        raise BoundaryFileError(
                            f"{name}: {code} has a ring that is not closed or has fewer than 4 points"
                        )
                    rings.append(a)
        except (TypeError, ValueError, IndexError) as exc:
            if isinstance(exc, BoundaryFileError):
                raise
            raise BoundaryFileError(f"{name}: {code} has malformed coordinates ({exc})") from exc
        if not rings:
            raise BoundaryFileError(f"{name}: {code} has an empty geometry")
        parsed[code] = rings
    if not crs:  # GeoJSON without a crs member is WGS84 (RFC 7946) unless the numbers say metres
        sample = np.concatenate([r for rs in list(parsed.values())[:50] for r in rs])
        crs = "EPSG:27700" if np.abs(sample).max() > 1_000 else "EPSG:4326"
    if crs not in ("EPSG:4326", "EPSG:27700", "OGC:CRS84"):
        raise BoundaryFileError(
            f"{name}: coordinates are in {crs}; use a download in British National Grid (EPSG:27700) or WGS84"
        )
    out: Rings = {}
    tr = to_bng_transformer()
    for code, rings in parsed.items():
        bng = []
        for a in rings:
            if crs != "EPSG:27700":
                x, y = tr.transform(a[:, 0], a[:, 1])
                a = np.column_stack([x, y])
            if not (
                np.isfinite(a).all()
                and a[:, 0].min() >= BNG_X[0]
                and a[:, 0].max() <= BNG_X[1]
                and a[:, 1].min() >= BNG_Y[0]
                and a[:, 1].max() <= BNG_Y[1]
            ):
                raise BoundaryFileError(f"{name}: {code} has coordinates outside Great Britain")
            bng.append(a)
        out[code] = bng
    return out, "EPSG:4326" if crs == "OGC:CRS84" else crs
