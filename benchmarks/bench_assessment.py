"""Benchmark: police.uk CSV → store → Strategic Assessment, against a naive baseline, same run.

    python benchmarks/bench_assessment.py --scale national|county|quick [--skip-baseline]

Each measured step runs in a fresh Python process (so imports and caches count) and reports wall time
and peak resident memory. The baseline is what an analyst would write without this project:
pandas ``read_csv`` + pandas validation and group-bys, pyproj, scikit-learn ``KernelDensity``
(Epanechnikov, tree-based; scikit-learn has no quartic kernel) evaluated at the same grid-cell centres,
and esda ``G_Local`` (star=True, binary distance-band weights from libpysal, no permutations) on the
same grid counts. It produces the same kind of numbers (counts by month × type × LSOA, KDE surface, Gi*)
but no report.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate_police_uk import generate  # noqa: E402

OURS = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from csphub.analytics import pipeline
mode, data_dir, gen_root, report_dir = sys.argv[1:5]
t_import = time.perf_counter() - t0
out = {}
if mode in ("ingest+assess", "ingest+assess+report"):
    s = pipeline.ingest_paths([gen_root + "/police_uk"], data_dir=data_dir, reference_dir=gen_root)
    out["rows_input"] = s.rows_input; out["rows_stored"] = s.rows_stored; out["rows_quarantined"] = s.rows_quarantined
t1 = time.perf_counter()
a = pipeline.run_assessment(None, date_from="2024-01", date_to="2024-12", data_dir=data_dir, reference_dir=gen_root)
t2 = time.perf_counter()
if mode.endswith("report") or mode == "assess+report":
    from csphub.reports import render_report
    render_report(a, report_dir)
t3 = time.perf_counter()
out.update(seconds=time.perf_counter() - t0, import_s=t_import, ingest_s=t1 - t0 - t_import, assess_s=t2 - t1,
           report_s=t3 - t2, peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
           cell_size_m=a.hotspots["grid"]["cell_size_m"] if a.hotspots else None,
           bandwidth_m=a.hotspots["kde"]["bandwidth_m"] if a.hotspots else None,
           distance_m=a.hotspots["gistar"]["distance_m"] if a.hotspots else None,
           n_cells=a.hotspots["grid"]["n_cells_in_mask"] if a.hotspots else None,
           hotspot_points=a.data["hotspot_points"], timings=a.data["timings_s"])
print("RESULT " + json.dumps(out))
"""

BASELINE = r"""
import glob, json, resource, sys, time, warnings
warnings.filterwarnings("ignore")
t0 = time.perf_counter()
import numpy as np, pandas as pd, pyproj
from sklearn.neighbors import KernelDensity
import esda, libpysal
gen_root, cell, bw, dist = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
files = sorted(glob.glob(gen_root + "/police_uk/*/*.csv"))
df = pd.concat([pd.read_csv(f) for f in files], ignore_index=True)
ok = df["Longitude"].isna() == df["Latitude"].isna()
ok &= df["Longitude"].isna() | df["Longitude"].between(-8.7, 2.1) & df["Latitude"].between(49.8, 61.0)
ok &= df["Month"].astype(str).str.fullmatch(r"\d{4}-\d{2}")
df = df[ok]
counts = df.groupby(["Month", "Crime type", "LSOA code"]).size()
pts = df[(df["Crime type"] != "Anti-social behaviour") & df["Longitude"].notna()]
x, y = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True).transform(
    pts["Longitude"].to_numpy(), pts["Latitude"].to_numpy())
x = np.asarray(x); y = np.asarray(y)
x0 = np.floor(x.min() / cell) * cell; y0 = np.floor(y.min() / cell) * cell
nx = int(np.ceil((x.max() - x0) / cell)) + 1; ny = int(np.ceil((y.max() - y0) / cell)) + 1
H, _, _ = np.histogram2d(y, x, bins=[ny, nx], range=[[y0, y0 + ny * cell], [x0, x0 + nx * cell]])
cx, cy = np.meshgrid(x0 + (np.arange(nx) + 0.5) * cell, y0 + (np.arange(ny) + 0.5) * cell)
centres = np.column_stack([cx.ravel(), cy.ravel()])
t_kde = time.perf_counter()
kde = KernelDensity(kernel="epanechnikov", bandwidth=bw).fit(np.column_stack([x, y]))
dens = np.exp(kde.score_samples(centres)) * len(x)
t_kde = time.perf_counter() - t_kde
t_gi = time.perf_counter()
w = libpysal.weights.DistanceBand(centres, threshold=dist, binary=True, silence_warnings=True)
g = esda.G_Local(H.ravel(), w, star=True, permutations=0, transform="B")
t_gi = time.perf_counter() - t_gi
print("RESULT " + json.dumps({"seconds": time.perf_counter() - t0, "kde_s": t_kde, "gistar_s": t_gi,
      "rows": int(len(df)), "groups": int(len(counts)), "cells": int(nx * ny),
      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


TARGETS = {  # (result key, seconds) per scale, from the issue; 2-core machine
    "national": [("ours_cold", 6.0), ("ours_store", 3.0)],
    "county": [("ours_store_report", 2.0), ("ours_cold_report", 2.0)],
}


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.2f}/{five:.2f} (1/5 min) on {os.cpu_count()} CPUs"


def run(code: str, *args: str) -> dict[str, object]:
    load_before = os.getloadavg()[0]
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"benchmark step failed:\n{proc.stderr[-3000:]}")
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT "))
    res = json.loads(line[7:])
    res["wall_s"] = wall
    res["load_1min"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", choices=["quick", "county", "national"], default="quick")
    ap.add_argument("--quick", action="store_true", help="same as --scale quick (CI smoke)")
    ap.add_argument("--skip-baseline", action="store_true")
    ap.add_argument("--out", type=Path, default=HERE / "out")
    args = ap.parse_args()
    scale = "quick" if args.quick else args.scale
    gen_root = generate(scale, args.out)
    work = Path(tempfile.mkdtemp(prefix=f"csphub-bench-{scale}-", dir=args.out))
    try:
        data_dir = work / "data"
        print(f"== {scale}: data in {gen_root}; {load()}")
        cold = run(OURS, "ingest+assess", str(data_dir), str(gen_root), str(work / "report"))
        print(
            f"ours, CSV → ingest + full assessment (no report), fresh process: {cold['wall_s']:.2f} s "
            f"(ingest {cold['ingest_s']:.2f} s, assess {cold['assess_s']:.2f} s, imports {cold['import_s']:.2f} s), "
            f"peak RSS {cold['peak_rss_mb']:.0f} MB; rows {cold['rows_input']:,} "
            f"({cold['rows_quarantined']:,} quarantined); load {cold['load_1min']}"
        )
        warm = run(OURS, "assess", str(data_dir), str(gen_root), str(work / "report"))
        print(
            f"ours, from the Parquet store, full assessment: {warm['wall_s']:.2f} s "
            f"(assess {warm['assess_s']:.2f} s), peak RSS {warm['peak_rss_mb']:.0f} MB; load {warm['load_1min']}"
        )
        rep = run(OURS, "assess+report", str(data_dir), str(gen_root), str(work / "report"))
        print(
            f"ours, from the store, assessment + HTML report, fresh process: {rep['wall_s']:.2f} s "
            f"(imports {rep['import_s']:.2f} s, assess {rep['assess_s']:.2f} s, report {rep['report_s']:.2f} s), "
            f"peak RSS {rep['peak_rss_mb']:.0f} MB; load {rep['load_1min']}"
        )
        shutil.rmtree(data_dir)
        full = run(OURS, "ingest+assess+report", str(data_dir), str(gen_root), str(work / "report"))
        print(
            f"ours, CSV → ingest + assessment + HTML report, fresh process: {full['wall_s']:.2f} s "
            f"(imports {full['import_s']:.2f} s, ingest {full['ingest_s']:.2f} s, assess {full['assess_s']:.2f} s, "
            f"report {full['report_s']:.2f} s), peak RSS {full['peak_rss_mb']:.0f} MB; load {full['load_1min']}"
        )
        print(
            f"   grid cell {cold['cell_size_m']} m, {cold['n_cells']} cells, KDE bandwidth "
            f"{cold['bandwidth_m']:.0f} m, Gi* distance {cold['distance_m']} m, {cold['hotspot_points']:,} points"
        )
        result = {
            "scale": scale,
            "ours_cold": cold,
            "ours_store": warm,
            "ours_store_report": rep,
            "ours_cold_report": full,
        }
        if not args.skip_baseline:
            base = run(
                BASELINE,
                str(gen_root),
                str(cold["cell_size_m"]),
                str(cold["bandwidth_m"]),
                str(cold["distance_m"]),
            )
            result["baseline"] = base
            print(
                f"baseline (pandas + scikit-learn KDE + esda G_Local), fresh process: {base['wall_s']:.2f} s "
                f"(KDE {base['kde_s']:.2f} s, Gi* {base['gistar_s']:.2f} s), peak RSS {base['peak_rss_mb']:.0f} MB; "
                f"load {base['load_1min']}"
            )
            print(
                f"ratio baseline / ours (CSV → assessment): {base['wall_s'] / cold['wall_s']:.1f}×; "
                f"baseline / ours from store: {base['wall_s'] / warm['wall_s']:.1f}×"
            )
        for key, limit in TARGETS.get(scale, []):
            secs = float(result[key]["wall_s"])  # type: ignore[index]
            extra = ""
            if key == "ours_cold" and "baseline" in result:
                ratio = float(result["baseline"]["wall_s"]) / secs  # type: ignore[index]
                extra = f", {ratio:.1f}× baseline (target ≥ 50×): {'met' if ratio >= 50 else 'MISSED'}"
            if key == "ours_cold":
                mb = float(result[key]["peak_rss_mb"])  # type: ignore[index]
                extra += f", peak RSS {mb:.0f} MB (target ≤ 2048 MB): {'met' if mb <= 2048 else 'MISSED'}"
            print(
                f"target {key}: {secs:.2f} s (target ≤ {limit:g} s): {'met' if secs <= limit else 'MISSED'}{extra}"
            )
        result["load_end"] = load()
        (args.out / f"result-{scale}.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
