"""Build the national reference shipped inside the package (``src/csphub/analytics/data``).

Input: the England and Wales LSOA 2021 tables assembled from ONS releases (folder with
``lsoa21_england_wales.csv.gz``, ``lsoa11_lsoa21_england_wales.csv.gz`` and
``lsoa21_bsc_england_wales.geojson.gz``; see that folder's PROVENANCE.md). Output::

    lsoa21_england_wales.parquet          one row per LSOA 2021 (35,672): names, district (current and
                                          2022), ward, CSP, police force area, Census 2021 population,
                                          population-weighted centroid (WGS84 and BNG metres)
    lsoa11_lsoa21_england_wales.parquet   the ONS exact 2011 → 2021 LSOA lookup
    lsoa21_boundaries_bng.npz             super-generalised clipped LSOA 2021 boundaries (BSC) in
                                          British National Grid metres, rounded to 1 m, delta-encoded;
                                          plus outlines of every district, 2022 district, CSP and police
                                          force area (union of their LSOAs, simplified to 25 m)

Run: ``python data/reference/build_reference.py SOURCE_DIR`` (needs pandas, pyproj and shapely, which
the package itself does not need at run time).
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from pyproj import Transformer
from shapely import MultiPolygon, Polygon, simplify, union_all

OUT = Path(__file__).resolve().parents[2] / "src" / "csphub" / "analytics" / "data"
TO_BNG = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)


def _write(df: pd.DataFrame, path: Path) -> None:
    t = pa.Table.from_pandas(df, preserve_index=False).replace_schema_metadata(None)
    # plain string columns, no pandas metadata: reading must not import pandas (≈0.3 s)
    t = t.cast(
        pa.schema(
            [pa.field(f.name, pa.string() if pa.types.is_large_string(f.type) else f.type) for f in t.schema]
        )
    )
    pq.write_table(
        t,
        path,
        compression="zstd",
        compression_level=19,
        use_dictionary=True,
    )


def build(src: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    lsoa = pd.read_csv(src / "lsoa21_england_wales.csv.gz", dtype=str, keep_default_na=False)
    for c in ("population", "population_household", "population_communal"):
        lsoa[c] = lsoa[c].astype("int32")
    lat = lsoa["lat"].astype(float).to_numpy()
    lon = lsoa["lon"].astype(float).to_numpy()
    x, y = TO_BNG.transform(lon, lat)
    lsoa["lat"], lsoa["lon"] = lat, lon
    lsoa["centroid_x_m"] = np.round(x, 1)
    lsoa["centroid_y_m"] = np.round(y, 1)
    lsoa = lsoa.sort_values("lsoa21_code").reset_index(drop=True)
    _write(lsoa, OUT / "lsoa21_england_wales.parquet")

    look = pd.read_csv(src / "lsoa11_lsoa21_england_wales.csv.gz", dtype=str, keep_default_na=False)
    look["is_ons_best_fit"] = look["is_ons_best_fit"].str.lower() == "true"
    _write(look.sort_values(["lsoa11_code", "lsoa21_code"]), OUT / "lsoa11_lsoa21_england_wales.parquet")

    with gzip.open(src / "lsoa21_bsc_england_wales.geojson.gz", "rt", encoding="utf-8") as fh:
        feats = json.load(fh)["features"]
    codes: list[str] = []
    ring_counts: list[int] = []
    ring_lengths: list[int] = []
    xy_parts: list[np.ndarray] = []
    shapes: dict[str, MultiPolygon] = {}
    for f in sorted(feats, key=lambda f: f["properties"]["LSOA21CD"]):
        code = f["properties"]["LSOA21CD"]
        g = f["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        n = 0
        shp = []
        for poly in polys:
            rings_bng = []
            for ring in poly:
                a = np.asarray(ring, dtype=np.float64)
                rx, ry = TO_BNG.transform(a[:, 0], a[:, 1])
                r = np.column_stack([np.round(rx), np.round(ry)]).astype(np.int64)
                xy_parts.append(r)
                ring_lengths.append(len(r))
                rings_bng.append(r)
                n += 1
            shp.append(Polygon(rings_bng[0], rings_bng[1:]))
        codes.append(code)
        ring_counts.append(n)
        shapes[code] = MultiPolygon(shp).buffer(0)
    xy = np.concatenate(xy_parts)
    starts = np.cumsum([0, *ring_lengths[:-1]])
    delta = np.diff(xy, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
    delta[starts] = xy[starts]  # each ring starts absolute
    outlines: dict[str, list[np.ndarray]] = {}
    for col in ("lad_code", "lad22_code", "csp_code", "pfa_code"):
        for code, grp in lsoa.groupby(col):
            u = simplify(union_all([shapes[c] for c in grp["lsoa21_code"] if c in shapes]), 25)
            polys = list(u.geoms) if hasattr(u, "geoms") else [u]
            rings = []
            for p in polys:
                if p.is_empty or p.area < 250_000:  # drop slivers under 0.25 km²
                    continue
                rings.append(np.round(np.asarray(p.exterior.coords)).astype(np.int64))
                rings.extend(np.round(np.asarray(i.coords)).astype(np.int64) for i in p.interiors)
            outlines[str(code)] = rings
    o_codes = sorted(outlines)
    o_counts = [len(outlines[c]) for c in o_codes]
    o_rings = [r for c in o_codes for r in outlines[c]]
    o_xy = np.concatenate(o_rings)
    o_len = [len(r) for r in o_rings]
    o_starts = np.cumsum([0, *o_len[:-1]])
    o_delta = np.diff(o_xy, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
    o_delta[o_starts] = o_xy[o_starts]
    np.savez_compressed(
        OUT / "lsoa21_boundaries_bng.npz",
        codes=np.array(codes),
        ring_counts=np.array(ring_counts, dtype=np.int32),
        ring_lengths=np.array(ring_lengths, dtype=np.int32),
        xy_delta=delta.astype(np.int32),
        outline_codes=np.array(o_codes),
        outline_ring_counts=np.array(o_counts, dtype=np.int32),
        outline_ring_lengths=np.array(o_len, dtype=np.int32),
        outline_xy_delta=o_delta.astype(np.int32),
    )
    for p in sorted(OUT.glob("*")):
        print(f"{p.name}: {p.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    build(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/geography_england_wales"))
