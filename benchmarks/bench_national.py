"""Benchmark: one district's assessment with its HTML report from a national store, fresh process.

    python benchmarks/bench_national.py [--root DIR] [--rows-per-year 6500000] [--repeat 3]

1. Generates a synthetic national street store in the store's own layout (``street/force=<slug>/
   month=<YYYY-MM>/data.parquet`` + ``manifest.json``, as ``csphub ingest`` writes it): all 43 police
   force areas of England and Wales, 24 months (the study year and the comparison year), about
   ``--rows-per-year`` rows a year split by Census 2021 population; each row in a real LSOA 2021 of its
   force (chosen by population), at the LSOA's population-weighted centroid ± 150 m, a category drawn
   from fixed national shares. Crime IDs are left empty (the assessment never reads them; 64 random hex
   digits a row would only cost disk). Rows are written directly, not through CSV ingest (what is
   measured is the assessment).
2. Runs, each in a fresh Python process (imports count), the assessment of Amber Valley (a district of
   Derbyshire) for 2024 with its HTML report (``reports.assess_and_render``), with partition pruning
   (default) and without (``prune=False``: the same query over every force's files), ``--repeat``
   times each, alternating; prints the wall times (median) and checks both give the same figures.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from csphub.analytics.sources.police_uk import CRIME_TYPES, force_slug
from csphub.analytics.sources.reference import DATA_DIR, LSOA_FILE
from csphub.analytics.store import Store, write_partition
from csphub.analytics.trends import month_range

MONTHS = month_range("2023-01", "2024-12")
# rough national shares of the 14 police.uk categories (ASB and violence the largest)
SHARES = np.array([0.17, 0.01, 0.04, 0.08, 0.03, 0.07, 0.01, 0.09, 0.01, 0.07, 0.02, 0.06, 0.33, 0.01])
PFA_SLUGS = {"Metropolitan Police": "metropolitan", "London, City of": "city-of-london"}
STREETS = [
    f"On or near {n}" for n in ("High Street", "Station Road", "Church Lane", "Park Road", "Mill Lane")
]


def generate(root: Path, rows_per_year: int, seed: int = 7) -> dict[str, int]:
    ref = pq.ParquetFile(DATA_DIR / LSOA_FILE).read().to_pydict()
    codes = np.array(ref["lsoa21_code"])
    names = np.array(ref["lsoa21_name"])
    lads = np.array(ref["lad_code"])
    pfa = np.array(ref["pfa_name"])
    pop = np.array(ref["population"], dtype=np.float64)
    cx, cy = np.array(ref["centroid_x_m"]), np.array(ref["centroid_y_m"])
    lon, lat = np.array(ref["lon"]), np.array(ref["lat"])
    rng = np.random.default_rng(seed)
    store = Store(root / "analytics")
    manifest: dict[str, dict[str, object]] = {}
    per_month = rows_per_year / 12
    counts = {}
    for force in sorted(set(pfa)):
        idx = np.flatnonzero(pfa == force)
        slug = PFA_SLUGS.get(force) or force_slug(force.replace("&", "and"))
        w = pop[idx] / pop[idx].sum()
        n_force = int(per_month * pop[idx].sum() / pop.sum())
        for month in MONTHS:
            n = int(rng.poisson(n_force))
            pick = idx[rng.choice(len(idx), n, p=w)]
            ct = np.array(CRIME_TYPES)[rng.choice(len(CRIME_TYPES), n, p=SHARES / SHARES.sum())]
            dx, dy = rng.normal(0, 150, n), rng.normal(0, 150, n)
            table = pa.table(
                {
                    "crime_id": pa.nulls(n, pa.string()),
                    "month": pa.array([month] * n, pa.string()),
                    "reported_by": pa.array([force] * n, pa.string()),
                    "falls_within": pa.array([force] * n, pa.string()),
                    "location": pa.array(np.array(STREETS)[rng.integers(0, len(STREETS), n)]),
                    "lsoa_code": pa.array(codes[pick]),
                    "lsoa_name": pa.array(names[pick]),
                    "crime_type": pa.array(ct),
                    "last_outcome_category": pa.array(["Under investigation"] * n, pa.string()),
                    "context": pa.nulls(n, pa.string()),
                    "line": pa.array(np.arange(2, n + 2, dtype=np.int64)),
                    "longitude": pa.array(lon[pick] + dx / 70_000),
                    "latitude": pa.array(lat[pick] + dy / 111_000),
                    "x_m": pa.array(cx[pick] + dx),
                    "y_m": pa.array(cy[pick] + dy),
                    "lsoa_code_published": pa.array(codes[pick]),
                    "force": pa.array([slug] * n, pa.string()),
                }
            )
            path = store.partition_path("street", slug, month)
            path.parent.mkdir(parents=True, exist_ok=True)
            write_partition(table, path)
            manifest[f"street/{slug}/{month}"] = {
                "source": f"synthetic {slug} {month}",
                "sha256": f"synthetic-{seed}-{slug}-{month}",
                "rows_input": n,
                "rows_stored": n,
                "rows_quarantined": 0,
                "lsoa_2011_mapped": 0,
                "districts": sorted(set(lads[pick].tolist())),
            }
            counts[slug] = counts.get(slug, 0) + n
    (root / "analytics" / "manifest.json").write_text(
        json.dumps({"version": 1, "partitions": manifest}), encoding="utf-8"
    )
    return counts


CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from csphub.analytics import pipeline
from csphub.reports.render import render_report
data_dir, out_dir, prune, result = sys.argv[1], Path(sys.argv[2]), sys.argv[3] == "1", Path(sys.argv[4])
a = pipeline.run_assessment("Amber Valley", date_from="2024-01", date_to="2024-12", data_dir=data_dir, prune=prune)
render_report(a, out_dir)
result.write_text(json.dumps({"total_s": time.perf_counter() - t0, "timings": a.data.timings_s,
                  "headline": [[h.measure, h.count, h.count_previous] for h in a.headline],
                  "counts_rows": a.counts.num_rows}))
"""


def run_child(data_dir: Path, out_dir: Path, prune: bool) -> dict[str, object]:
    result = out_dir.with_suffix(".json")
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(data_dir), str(out_dir), "1" if prune else "0", str(result)],
        check=False,
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        raise RuntimeError(f"assessment process failed:\n{out.stderr[-3000:]}")
    res: dict[str, object] = json.loads(result.read_text(encoding="utf-8"))
    res["wall_s"] = time.perf_counter() - t0
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", type=Path, default=None, help="where to build the store (default: a temp dir)")
    ap.add_argument("--rows-per-year", type=int, default=6_500_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    root = args.root or Path(tempfile.mkdtemp(prefix="csphub-national-"))
    if not (root / "analytics" / "manifest.json").exists():
        t = time.perf_counter()
        counts = generate(root, args.rows_per_year)
        print(
            f"generated {sum(counts.values()):,} rows, {len(counts)} forces x {len(MONTHS)} months in "
            f"{time.perf_counter() - t:.1f} s at {root}"
        )
    runs: dict[bool, list[dict[str, object]]] = {True: [], False: []}
    for i in range(args.repeat):
        for prune in (True, False):
            runs[prune].append(run_child(root, root / f"out-{int(prune)}-{i}", prune))
    assert runs[True][0]["headline"] == runs[False][0]["headline"], "pruned and full queries differ"
    for prune in (True, False):
        walls = [float(r["wall_s"]) for r in runs[prune]]  # type: ignore[arg-type]
        inner = [float(r["total_s"]) for r in runs[prune]]  # type: ignore[arg-type]
        print(
            f"{'pruned' if prune else 'unpruned'}: process wall {statistics.median(walls):.2f} s "
            f"(runs {', '.join(f'{w:.2f}' for w in walls)}); in-process import+assess+HTML "
            f"{statistics.median(inner):.2f} s; pipeline timings {runs[prune][-1]['timings']}"
        )
    speedup = statistics.median(float(r["wall_s"]) for r in runs[False]) / statistics.median(  # type: ignore[arg-type]
        float(r["wall_s"])
        for r in runs[True]  # type: ignore[arg-type]
    )
    queries = {
        prune: statistics.median(float(r["timings"]["query"]) for r in runs[prune])  # type: ignore[index]
        for prune in (True, False)
    }
    wall = statistics.median(float(r["wall_s"]) for r in runs[True])  # type: ignore[arg-type]
    print(
        f"speed-up from pruning (process wall, median): {speedup:.1f}x; headline {runs[True][0]['headline']}"
    )
    # The target compares the query with and without the pruning; the process wall of both also holds
    # the same fixed start-up (imports, the reference tables, the HTML), which pruning cannot change.
    print(
        f"the district query: pruned {queries[True]:.3f} s, unpruned {queries[False]:.3f} s, "
        f"speed-up {queries[False] / queries[True]:.1f}x (target >= 3x: "
        f"{'met' if queries[False] >= 3 * queries[True] else 'MISSED'}); fresh process with the HTML "
        f"report {wall:.2f} s (target <= 1 s: {'met' if wall <= 1.0 else 'MISSED'})"
    )


if __name__ == "__main__":
    main()
