"""Rebuild ``data/sample`` from the shared development data (reproducible extract).

Run from the repository root:  ``python data/sample/make_sample.py [--shared PATH]``
(default PATH: ``../shared/data`` beside the repository). Needs shapely (a dev-only dependency,
pulled in by geopandas/libpysal in ``.[dev]``); the shipped sample itself needs nothing but the repo.

What it writes (all Open Government Licence v3.0 unless said otherwise; see PROVENANCE.md):
- ``police_uk/YYYY-MM/YYYY-MM-derbyshire-street.csv.gz``: every row of the real Derbyshire
  street files whose LSOA code belongs to Amber Valley (E07000032, 2011 or 2021 code), bytes of each
  kept line unchanged (header included), archive layout as data.police.uk distributes it.
- ``geography/lsoa2021.geojson``: Amber Valley 2021 LSOAs, coordinates rounded to 5 dp (~1 m).
- ``geography/districts.geojson``: the district outline (union of its 2021 LSOAs), simplified
  (both used by the casework map; the assessment uses the national reference in the package).
- ``geography/wards.geojson``: the district's May 2025 electoral wards (name, code, ONS label point),
  simplified like the outline: the casework map labels places with them and names the ward an
  incident is in (LSOA names such as "Amber Valley 001A" mean nothing to a caseworker).

The reference tables (LSOA lookup, 2011 → 2021 lookup, populations, harm weights) are no longer part
of the sample: the national reference ships inside the package (``src/csphub/analytics/data``, built by
``data/reference/build_reference.py``).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
from pathlib import Path

from shapely.geometry import mapping, shape
from shapely.ops import unary_union

REPO = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
DISTRICT = "E07000032"


def _features(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def _round(geom_json: dict, ndigits: int = 5) -> dict:
    def r(c):
        if isinstance(c[0], (int, float)):
            return [round(c[0], ndigits), round(c[1], ndigits)]
        return [r(x) for x in c]

    return {"type": geom_json["type"], "coordinates": r(geom_json["coordinates"])}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    args = ap.parse_args()
    shared: Path = args.shared
    ref = shared / "lsoa_reference_derbyshire"
    bnd = shared / "lsoa_boundaries_derbyshire"

    # ---- Amber Valley's LSOA codes (both vintages), to pick the police.uk rows ----
    with (ref / "lsoa_derbyshire_2011_2021.csv").open(encoding="utf-8") as fh:
        lookup = list(csv.DictReader(fh))
    av_codes = {r["lsoa_code"] for r in lookup if r["lad_code"] == DISTRICT}
    # ---- geography (Amber Valley only, to keep the sample small) ----
    geo_out = OUT / "geography"
    geo_out.mkdir(parents=True, exist_ok=True)
    feats = _features(bnd / "amber_valley_E07000032_lsoa2021.geojson")
    lsoa_fc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "lsoa_code": f["properties"]["LSOA21CD"],
                    "lsoa_name": f["properties"]["LSOA21NM"],
                    "lad_code": DISTRICT,
                },
                "geometry": _round(f["geometry"]),
            }
            for f in feats
        ],
    }
    (geo_out / "lsoa2021.geojson").write_text(json.dumps(lsoa_fc, separators=(",", ":")), encoding="utf-8")
    outline = unary_union([shape(f["geometry"]) for f in feats]).simplify(0.0002)
    dist_fc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"lad_code": DISTRICT, "lad_name": "Amber Valley"},
                "geometry": _round(mapping(outline)),
            }
        ],
    }
    (geo_out / "districts.geojson").write_text(json.dumps(dist_fc, separators=(",", ":")), encoding="utf-8")

    wards = _features(bnd / "amber_valley_E07000032_ward2025.geojson")
    ward_fc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "ward_code": f["properties"]["WD25CD"],
                    "ward_name": f["properties"]["WD25NM"],
                    "label_lon": round(f["properties"]["LONG"], 5),
                    "label_lat": round(f["properties"]["LAT"], 5),
                },
                "geometry": _round(mapping(shape(f["geometry"]).simplify(0.0002))),
            }
            for f in sorted(wards, key=lambda f: f["properties"]["WD25CD"])
        ],
    }
    (geo_out / "wards.geojson").write_text(json.dumps(ward_fc, separators=(",", ":")), encoding="utf-8")

    # ---- police.uk rows (byte-identical lines) ----
    src = shared / "police_uk_street_derbyshire_2023_2024"
    for path in sorted(src.glob("*-derbyshire-street.csv.gz")):
        month = path.name[:7]
        dest = OUT / "police_uk" / month / path.name
        dest.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(path, "rb") as fin:
            lines = fin.read().split(b"\n")
        header, body = lines[0], [ln for ln in lines[1:] if ln]
        kept = [ln for ln in body if ln.split(b",")[7].decode() in av_codes]
        with dest.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as fout:
            fout.write(b"\n".join([header, *kept]) + b"\n")
        print(f"{dest.relative_to(OUT)}: {len(kept)} rows")


if __name__ == "__main__":
    main()
