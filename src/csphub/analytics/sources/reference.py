"""Load the reference tables (LSOA lookup, 2011→2021 changes, boundaries, harm weights) from a folder.

Layout (as shipped in ``data/sample``)::

    reference/lsoa_lookup.csv          lsoa_code,lsoa_name,lad_code,lad_name,ward_code,ward_name,
                                       population,population_method,centroid_x_m,centroid_y_m
    reference/lsoa_2011_2021.csv       lsoa11_code,lsoa21_code,relationship,area_share
    reference/cchi_weights_by_category.csv   crime_type,cchi_days
    geography/lsoa2021.geojson         WGS84 polygons, property lsoa_code   (optional)
    geography/districts.geojson        WGS84 polygons, property lad_code    (optional)
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np

from csphub.analytics.geography import Geography, Lsoa, LsoaChange
from csphub.analytics.sources.crs import to_bng_transformer


def load_reference(root: Path, *, boundaries: bool = True) -> Geography:
    """Read a reference folder (see module docstring) into a :class:`Geography`.

    ``boundaries=False`` skips the GeoJSON outlines (only maps need them; ingest does not)."""
    ref = root / "reference"
    lsoas: dict[str, Lsoa] = {}
    with (ref / "lsoa_lookup.csv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            lsoas[r["lsoa_code"]] = Lsoa(
                code=r["lsoa_code"],
                name=r["lsoa_name"],
                lad_code=r["lad_code"],
                lad_name=r["lad_name"],
                ward_code=r.get("ward_code", "") or "",
                ward_name=r.get("ward_name", "") or "",
                population=int(float(r["population"] or 0)),
                centroid_x_m=float(r.get("centroid_x_m") or "nan"),
                centroid_y_m=float(r.get("centroid_y_m") or "nan"),
            )
    changes: list[LsoaChange] = []
    changes_path = ref / "lsoa_2011_2021.csv"
    if changes_path.exists():
        with changes_path.open(encoding="utf-8", newline="") as fh:
            changes = [
                LsoaChange(r["lsoa11_code"], r["lsoa21_code"], r["relationship"], float(r["area_share"] or 0))
                for r in csv.DictReader(fh)
            ]
    geo = Geography(lsoas=lsoas, changes=changes, sources={"reference_dir": str(root)})
    if boundaries:
        geo.lsoa_rings = _rings(root / "geography" / "lsoa2021.geojson", "lsoa_code")
        geo.district_rings = _rings(root / "geography" / "districts.geojson", "lad_code")
    return geo


def _rings(path: Path, key: str) -> dict[str, list[np.ndarray]]:
    """Outer and inner rings of each feature as (n, 2) arrays in BNG metres."""
    if not path.exists():
        return {}
    out: dict[str, list[np.ndarray]] = {}
    for feat in json.loads(path.read_text(encoding="utf-8"))["features"]:
        geom = feat["geometry"]
        polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        rings = []
        for poly in polys:
            for ring in poly:
                a = np.asarray(ring, dtype=np.float64)
                x, y = to_bng_transformer().transform(a[:, 0], a[:, 1])
                rings.append(np.column_stack([x, y]))
        out[feat["properties"][key]] = rings
    return out


def load_weights(path: Path) -> dict[str, float]:
    """A harm weight table: CSV with ``crime_type`` and a weight column (``cchi_days`` or ``weight``)."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if not rows:
        return {}
    col = "weight" if "weight" in rows[0] else next(c for c in rows[0] if c != "crime_type")
    return {r["crime_type"]: float(r[col]) for r in rows if r[col] not in ("", None)}
