"""Rebuild ``data/sample`` from the shared development data (reproducible extract).

Run from the repository root:  ``python data/sample/make_sample.py [--shared PATH]``
(default PATH: ``../shared/data`` beside the repository). Needs shapely (a dev-only dependency,
pulled in by geopandas/libpysal in ``.[dev]``); the shipped sample itself needs nothing but the repo.

What it writes (all Open Government Licence v3.0 unless said otherwise; see PROVENANCE.md):
- ``police_uk/YYYY-MM/YYYY-MM-derbyshire-street.csv.gz``: every row of the real Derbyshire
  street files whose LSOA code belongs to Amber Valley (E07000032, 2011 or 2021 code), bytes of each
  kept line unchanged (header included), archive layout as data.police.uk distributes it.
- ``geography/lsoa2021.geojson``: Amber Valley 2021 LSOAs, coordinates rounded to 5 dp (~1 m).
- ``geography/districts.geojson``: the district outline (union of its 2021 LSOAs), simplified.
- ``reference/lsoa_lookup.csv``: every 2021 LSOA of the Derbyshire force area → district, ward
  (2025 ward containing the LSOA's representative point), resident population (see PROVENANCE.md).
- ``reference/lsoa_2011_2021.csv``: 2011 codes → 2021 codes (unchanged, split, merged), by area overlap.
- ``reference/cchi_weights_by_category.csv``: CCHI category weights (licence caveat in PROVENANCE.md).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import shutil
from pathlib import Path

import pyproj
from shapely.geometry import mapping, shape
from shapely.ops import transform, unary_union

REPO = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
DISTRICT = "E07000032"
_BNG = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True).transform


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

    # ---- LSOA lookup for the whole force area (both vintages) ----
    with (ref / "lsoa_derbyshire_2011_2021.csv").open(encoding="utf-8") as fh:
        lookup = list(csv.DictReader(fh))
    av_codes = {r["lsoa_code"] for r in lookup if r["lad_code"] == DISTRICT}
    with (ref / "derbyshire_lsoa2011_population_area.csv").open(encoding="utf-8") as fh:
        pop11 = {r["LSOA"]: int(r["Population"]) for r in csv.DictReader(fh)}

    l11 = {
        f["properties"]["LSOA11CD"]: transform(_BNG, shape(f["geometry"]))
        for name in ("derbyshire_county_E10000007_lsoa2011", "derby_E06000015_lsoa2011")
        for f in _features(bnd / f"{name}.geojson")
    }
    l21 = {
        f["properties"]["LSOA21CD"]: transform(_BNG, shape(f["geometry"]))
        for name in ("derbyshire_county_E10000007_lsoa2021", "derby_E06000015_lsoa2021")
        for f in _features(bnd / f"{name}.geojson")
    }
    wards = [
        (f["properties"]["WD25CD"], f["properties"]["WD25NM"], transform(_BNG, shape(f["geometry"])))
        for name in ("derbyshire_county_E10000007_ward2025", "derby_E06000015_ward2025")
        for f in _features(bnd / f"{name}.geojson")
    ]

    # 2011 -> 2021 by area overlap (a share >= 1% of the 2011 area counts as a link)
    links: list[tuple[str, str, float]] = []
    for c11, g11 in l11.items():
        if c11 in l21:
            links.append((c11, c11, 1.0))
            continue
        for c21, g21 in l21.items():
            if g21.intersects(g11):
                share = g21.intersection(g11).area / g11.area
                if share >= 0.01:
                    links.append((c11, c21, share))
    n_children: dict[str, int] = {}
    n_parents: dict[str, int] = {}
    for c11, c21, _ in links:
        n_children[c11] = n_children.get(c11, 0) + 1
        n_parents[c21] = n_parents.get(c21, 0) + 1

    # 2021 populations: unchanged codes keep the 2011 figure; new codes get the area-weighted
    # share of each 2011 parent (an approximation, stated in PROVENANCE.md).
    pop21: dict[str, float] = {}
    method: dict[str, str] = {}
    for c11, c21, share in links:
        if c11 == c21:
            pop21[c21] = pop11[c11]
            method[c21] = "2011 LSOA figure (code unchanged)"
        else:
            total = sum(s for a, _b, s in links if a == c11)
            pop21[c21] = pop21.get(c21, 0.0) + pop11[c11] * share / total
            method[c21] = "area-weighted share of 2011 parent(s)"

    names = {r["lsoa_code"]: r for r in lookup}
    ref_out = OUT / "reference"
    ref_out.mkdir(parents=True, exist_ok=True)
    with (ref_out / "lsoa_lookup.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(
            [
                "lsoa_code",
                "lsoa_name",
                "lad_code",
                "lad_name",
                "ward_code",
                "ward_name",
                "population",
                "population_method",
                "centroid_x_m",
                "centroid_y_m",
            ]
        )
        for code in sorted(l21):
            g = l21[code]
            pt = g.representative_point()
            ward = next(((wc, wn) for wc, wn, wg in wards if wg.contains(pt)), ("", ""))
            r = names[code]
            w.writerow(
                [
                    code,
                    r["lsoa21_name"],
                    r["lad_code"],
                    r["lad_name"],
                    ward[0],
                    ward[1],
                    round(pop21[code]),
                    method[code],
                    round(g.centroid.x, 1),
                    round(g.centroid.y, 1),
                ]
            )
    with (ref_out / "lsoa_2011_2021.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["lsoa11_code", "lsoa21_code", "relationship", "area_share"])
        for c11, c21, share in sorted(links):
            if c11 == c21:
                continue  # unchanged codes need no row
            rel = "S" if n_children[c11] > 1 else ("M" if n_parents[c21] > 1 else "U")
            w.writerow([c11, c21, rel, round(share, 4)])
    shutil.copyfile(
        shared / "crime_harm_weights_cchi" / "cchi_weights_by_category.csv",
        ref_out / "cchi_weights_by_category.csv",
    )

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
