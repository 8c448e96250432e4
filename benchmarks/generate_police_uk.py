"""Seeded generator of police.uk-format street CSVs and a matching reference folder (synthetic).

    python benchmarks/generate_police_uk.py --scale county|national|quick [--out benchmarks/out] [--seed 0]

Writes ``<out>/<scale>/police_uk/YYYY-MM/YYYY-MM-<force>-street.csv`` (archive layout; 12 months of 2024)
and ``<out>/<scale>/reference/lsoa_lookup.csv`` (synthetic LSOAs, districts, populations, centroids).
Snap points, clustered LSOA intensities, the police.uk category mix, empty ASB crime IDs, a few
"No Location" rows and a few invalid rows are generated so ingest does its real work.
Scales: quick = 2 forces × 12 months × 2,000 rows; county = 1 force, 150,000 rows;
national = 43 forces, 6.5 million rows (≈1.4 GB). Existing output is reused (delete it to regenerate).
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import numpy as np
import pyproj

SCALES = {"quick": (2, 24_000), "county": (1, 150_000), "national": (43, 6_500_000)}
TYPES = [
    ("Violence and sexual offences", 0.33),
    ("Anti-social behaviour", 0.17),
    ("Public order", 0.08),
    ("Criminal damage and arson", 0.08),
    ("Other theft", 0.07),
    ("Shoplifting", 0.07),
    ("Vehicle crime", 0.05),
    ("Burglary", 0.04),
    ("Drugs", 0.025),
    ("Other crime", 0.02),
    ("Possession of weapons", 0.01),
    ("Robbery", 0.007),
    ("Theft from the person", 0.007),
    ("Bicycle theft", 0.011),
]
OUTCOMES = [
    "Investigation complete; no suspect identified",
    "Unable to prosecute suspect",
    "Under investigation",
    "Status update unavailable",
    "Local resolution",
]
STREETS = [
    "High Street",
    "Station Road",
    "Church Lane",
    "Park Road",
    "Supermarket",
    "Petrol Station",
    "Mill Lane",
    "Victoria Road",
    "Parking Area",
    "Sports/Recreation Area",
]
HEADER = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,"
    "Crime type,Last outcome category,Context"
)
LSOAS_PER_FORCE = 800
SNAPS_PER_LSOA = 12


def generate(scale: str, out: Path, seed: int = 0) -> Path:
    n_forces, n_rows = SCALES[scale]
    root = out / scale
    done = root / "DONE.json"
    if done.exists():
        return root
    rng = np.random.default_rng(seed)
    to_wgs = pyproj.Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)
    (root / "reference").mkdir(parents=True, exist_ok=True)
    probs = np.array([p for _, p in TYPES])
    probs /= probs.sum()
    type_names = np.array([t for t, _ in TYPES], dtype=object)
    lookup_rows = []
    per_file = n_rows // (n_forces * 12)
    code_no = 0
    for f in range(n_forces):
        force = f"force{f:02d}" if n_forces > 1 else "county"
        force_name = f"Force {f:02d} Police" if n_forces > 1 else "County Constabulary"
        # forces on a 7×7 lattice across England (BNG metres), each ~60×60 km
        cx0 = 150_000 + (f % 7) * 70_000
        cy0 = 100_000 + (f // 7) * 80_000
        lx = cx0 + rng.uniform(0, 60_000, LSOAS_PER_FORCE)
        ly = cy0 + rng.uniform(0, 60_000, LSOAS_PER_FORCE)
        codes = np.array([f"E01{code_no + i:06d}" for i in range(LSOAS_PER_FORCE)], dtype=object)
        code_no += LSOAS_PER_FORCE
        districts = (np.arange(LSOAS_PER_FORCE) * 8 // LSOAS_PER_FORCE).astype(int)
        names = np.array([f"F{f:02d} District {d} {i:03d}A" for i, d in enumerate(districts)], dtype=object)
        pops = rng.integers(1_200, 3_000, LSOAS_PER_FORCE)
        for i in range(LSOAS_PER_FORCE):
            lookup_rows.append(
                [
                    codes[i],
                    names[i],
                    f"E07{f:03d}{districts[i]:03d}",
                    f"F{f:02d} District {districts[i]}",
                    "",
                    "",
                    int(pops[i]),
                    "synthetic",
                    round(lx[i], 1),
                    round(ly[i], 1),
                ]
            )
        intensity = rng.lognormal(0, 1.0, LSOAS_PER_FORCE)
        intensity /= intensity.sum()
        sx = (lx[:, None] + rng.normal(0, 300, (LSOAS_PER_FORCE, SNAPS_PER_LSOA))).ravel()
        sy = (ly[:, None] + rng.normal(0, 300, (LSOAS_PER_FORCE, SNAPS_PER_LSOA))).ravel()
        slon, slat = to_wgs.transform(sx, sy)
        slon_s = np.array([f"{v:.6f}" for v in slon], dtype=object)
        slat_s = np.array([f"{v:.6f}" for v in slat], dtype=object)
        sname = np.array([f"On or near {STREETS[i % len(STREETS)]}" for i in range(len(sx))], dtype=object)
        for m in range(1, 13):
            month = f"2024-{m:02d}"
            n = per_file
            lsoa = rng.choice(LSOAS_PER_FORCE, n, p=intensity)
            snap = lsoa * SNAPS_PER_LSOA + rng.integers(0, SNAPS_PER_LSOA, n)
            ctype = type_names[rng.choice(len(TYPES), n, p=probs)]
            is_asb = ctype == "Anti-social behaviour"
            ids = rng.bytes(32 * n).hex()
            outcome = np.array(OUTCOMES, dtype=object)[rng.integers(0, len(OUTCOMES), n)]
            lines = []
            no_loc = rng.random(n) < 0.002
            for i in range(n):
                cid = "" if is_asb[i] else ids[64 * i : 64 * i + 64]
                oc = "" if is_asb[i] else outcome[i]
                if no_loc[i]:
                    lines.append(f"{cid},{month},{force_name},{force_name},,,No Location,,,{ctype[i]},{oc},")
                else:
                    s = snap[i]
                    lines.append(
                        f"{cid},{month},{force_name},{force_name},{slon_s[s]},{slat_s[s]},{sname[s]},"
                        f"{codes[lsoa[i]]},{names[lsoa[i]]},{ctype[i]},{oc},"
                    )
            # a couple of invalid rows per file (ingest must quarantine them)
            lines.append(f",{month},{force_name},{force_name},-1.5,,On or near Nowhere,E01000000,X,Drugs,,")
            d = root / "police_uk" / month
            d.mkdir(parents=True, exist_ok=True)
            (d / f"{month}-{force}-street.csv").write_text(
                HEADER + "\n" + "\n".join(lines) + "\n", encoding="utf-8"
            )
    with (root / "reference" / "lsoa_lookup.csv").open("w", encoding="utf-8", newline="") as fh:
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
        w.writerows(lookup_rows)
    _national_layout(root, lookup_rows)
    done.write_text(
        json.dumps({"scale": scale, "seed": seed, "forces": n_forces, "rows_per_file": per_file + 1}),
        encoding="utf-8",
    )
    return root


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", choices=sorted(SCALES), default="quick")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    root = generate(args.scale, args.out, args.seed)
    size = sum(p.stat().st_size for p in (root / "police_uk").rglob("*.csv"))
    print(f"{root}: {size / 1e6:.0f} MB of CSV")


def _national_layout(root: Path, lookup_rows: list[list[object]]) -> None:
    """The same synthetic LSOAs in the layout of the national reference the package ships
    (``lsoa21_england_wales.parquet`` + harm weights), so ``reference_dir=root`` loads them; no
    boundaries (the hot-spot mask then uses the points' box, as before for this generator)."""
    import shutil

    import pyarrow as pa
    import pyarrow.parquet as pq

    from csphub.analytics.sources.reference import DATA_DIR, WEIGHTS_FILE

    cols = list(zip(*lookup_rows, strict=True))
    table = pa.table(
        {
            "lsoa21_code": pa.array(cols[0], pa.string()),
            "lsoa21_name": pa.array(cols[1], pa.string()),
            "lad_code": pa.array(cols[2], pa.string()),
            "lad_name": pa.array(cols[3], pa.string()),
            "ward_code": pa.array(cols[4], pa.string()),
            "ward_name": pa.array(cols[5], pa.string()),
            "population": pa.array(cols[6], pa.int32()),
            "centroid_x_m": pa.array(cols[8], pa.float64()),
            "centroid_y_m": pa.array(cols[9], pa.float64()),
        }
    )
    pq.write_table(table, root / "lsoa21_england_wales.parquet")
    shutil.copyfile(DATA_DIR / WEIGHTS_FILE, root / WEIGHTS_FILE)
    shutil.copyfile(DATA_DIR / WEIGHTS_FILE, root / "reference" / WEIGHTS_FILE)


if __name__ == "__main__":
    main()
