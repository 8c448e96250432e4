"""Benchmark: police.uk CSV → store → Strategic Assessment, against a naive baseline, same run.

    python benchmarks/bench_assessment.py --scale national|county|quick [--skip-baseline]

Each measured step runs in a fresh Python process (so imports and caches count) and reports wall time
and peak resident memory. The baseline (``baseline_assessment.py``, once per run) is the same assessment
as ``pipeline.run_assessment(None, …)`` written the way an analyst would without this project: pandas
``read_csv`` + validation + merges + group-bys, ``scipy.stats.binomtest`` + BH, pandas rolling series,
scikit-learn ``KernelDensity`` (Epanechnikov; scikit-learn has no quartic kernel) at the in-mask cell
centres and esda ``G_Local`` (star, binary distance band, one libpysal weights object) for the study
period and every month of the space-time classification, on the grid, bandwidth and distance our run
chose. Before it, an untimed run of our pipeline on the same store writes our key figures; the baseline
asserts that its figures equal them (counts, per-type counts and tests, rolling series, top LSOAs, Gi* z
to 1e-6, hot cells per period, labels, repeat places) and fails the benchmark otherwise.
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
from typing import Any

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
           cell_size_m=a.hotspots.grid.cell_size_m if a.hotspots else None,
           bandwidth_m=a.hotspots.kde.bandwidth_m if a.hotspots else None,
           distance_m=a.hotspots.gistar.distance_m if a.hotspots else None,
           n_cells=a.hotspots.grid.n_cells_in_mask if a.hotspots else None,
           hotspot_points=a.data.hotspot_points, timings=a.data.timings_s)
print("RESULT " + json.dumps(out))
"""

OURS_REF = r"""
import json, sys
import numpy as np
import pyarrow.compute as pc
from csphub.analytics import pipeline
from csphub.analytics.hotspots import classify as C, grid as G
data_dir, gen_root, out_path = sys.argv[1:4]
cap = {}
_cls, _grid = C.hotspot_classify, G.hotspot_grid
def rec_cls(*a, **k):
    cap["cls"] = _cls(*a, **k); return cap["cls"]
def rec_grid(*a, **k):
    g, notes = _grid(*a, **k); cap["grid"] = g; return g, notes
C.hotspot_classify, G.hotspot_grid = rec_cls, rec_grid
a = pipeline.run_assessment(None, date_from="2024-01", date_to="2024-12", data_dir=data_dir, reference_dir=gen_root)
hs, g, cls, rep = a.hotspots, cap["grid"], cap["cls"], a.repeats
r12 = a.rolling_12m
ours = {
    "counts_total": int(pc.sum(a.counts.column("count")).as_py()), "counts_rows": a.counts.num_rows,
    "by_type": {r.crime_type: [r.count, r.count_previous, r.p_value, r.p_adj] for r in a.by_crime_type},
    "headline_p": [h.p_value for h in a.headline],
    "rolling_months": [r.month for r in r12],
    "all_crime_12m": [None if r.all_crime_12m is None else int(r.all_crime_12m) for r in r12],
    "asb_12m": [None if r.asb_12m is None else int(r.asb_12m) for r in r12],
    "seasonality": {c: [getattr(a.seasonality, c).peak_month, getattr(a.seasonality, c).trough_month]
                    for c in ("all_crime", "asb")},
    "top_by_count": [r.code for r in a.top_lsoas.by_count],
    "top_by_rate": [r.code for r in a.top_lsoas.by_rate],
    "total_harm": a.harm.total_harm,
    "grid": {"x_min_m": g.x_min_m, "y_min_m": g.y_min_m, "cell_size_m": g.cell_size_m, "n_rows": g.n_rows,
             "n_cols": g.n_cols, "mask_flat": np.flatnonzero(g.mask).tolist()},
    "bandwidth_m": hs.kde.bandwidth_m, "distance_m": hs.gistar.distance_m,
    "n_points": hs.points.n_points, "cell_counts": list(hs.gistar.cells.count),
    "z": list(hs.gistar.cells.z), "n_hot": hs.gistar.n_hot,
    "hot_per_period": [int(v) for v in cls.hot_by_period[:, g.mask].sum(axis=1)],
    "label_counts": hs.classify.label_counts,
    "n_places": rep.n_places, "n_events_at_repeat_places": rep.n_events_at_repeat_places,
    "concentration": rep.concentration,
}
open(out_path, "w").write(json.dumps(ours))
print("RESULT {}")
"""

# Before/after timing of a code change (``--before-src``): the same steps with either source tree on the
# path, so only run_assessment and render_report are called (APIs both trees share).
TIMED = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from csphub.analytics import pipeline
from csphub.reports import render_report
data_dir, gen_root, report_dir, with_report = sys.argv[1:5]
t1 = time.perf_counter()
a = pipeline.run_assessment(None, date_from="2024-01", date_to="2024-12", data_dir=data_dir, reference_dir=gen_root)
t2 = time.perf_counter()
if with_report == "1":
    render_report(a, report_dir)
t3 = time.perf_counter()
ru = resource.getrusage(resource.RUSAGE_SELF)
print("RESULT " + json.dumps({"import_s": t1 - t0, "assess_s": t2 - t1, "report_s": t3 - t2,
                              "cpu_s": ru.ru_utime + ru.ru_stime}))
"""

# The same, repeated in one process (the first of the repeats warms the caches and is not counted): the
# CPU time of the process (all threads) per assessment and per report, which a loaded machine disturbs
# far less than wall time.
REPEATED = r"""
import json, sys, time
from csphub.analytics import pipeline
from csphub.reports import render_report
data_dir, gen_root, report_dir, repeats = sys.argv[1:5]
out = {"assess_cpu_s": [], "report_cpu_s": [], "assess_wall_s": [], "report_wall_s": []}
for i in range(int(repeats) + 1):
    a, ac = time.perf_counter(), time.process_time()
    x = pipeline.run_assessment(None, date_from="2024-01", date_to="2024-12", data_dir=data_dir, reference_dir=gen_root)
    b, bc = time.perf_counter(), time.process_time()
    render_report(x, report_dir)
    c, cc = time.perf_counter(), time.process_time()
    if i:
        out["assess_cpu_s"].append(bc - ac); out["report_cpu_s"].append(cc - bc)
        out["assess_wall_s"].append(b - a); out["report_wall_s"].append(c - b)
print("RESULT " + json.dumps(out))
"""

BASELINE = HERE / "baseline_assessment.py"


TARGETS = {  # (result key, seconds) per scale, from the issue; 2-core machine
    "national": [("ours_cold", 6.0), ("ours_store", 3.0)],
    "county": [("ours_store_report", 2.0), ("ours_cold_report", 2.0)],
}


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.2f}/{five:.2f} (1/5 min) on {os.cpu_count()} CPUs"


def run(code: str | Path, *args: str, src: Path | None = None) -> dict[str, Any]:
    """Run ``code`` (source text, or a script path) in a fresh Python process; its ``RESULT`` line.
    ``src``: a source tree to put first on ``PYTHONPATH`` (the "before" of a before/after run)."""
    load_before = os.getloadavg()[0]
    t = time.perf_counter()
    cmd = [sys.executable, str(code)] if isinstance(code, Path) else [sys.executable, "-c", code]
    env = None
    if src is not None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(src), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.run([*cmd, *args], capture_output=True, text=True, check=False, env=env)
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
    ap.add_argument(
        "--before-src",
        type=Path,
        default=None,
        help="a source tree (the src/ of an earlier commit) to time against this one, alternating",
    )
    ap.add_argument("--rounds", type=int, default=5, help="before/after rounds with --before-src")
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
        result: dict[str, Any] = {
            "scale": scale,
            "ours_cold": cold,
            "ours_store": warm,
            "ours_store_report": rep,
            "ours_cold_report": full,
        }
        if not args.skip_baseline:
            # untimed: our figures on the same store, for the baseline's equality checks
            ref_json = work / "ours_ref.json"
            run(OURS_REF, str(data_dir), str(gen_root), str(ref_json))
            base = run(BASELINE, str(gen_root), str(ref_json), "2024-01", "2024-12")
            result["baseline"] = base
            print(
                f"baseline (pandas + SciPy + scikit-learn KDE + esda G_Local, the same assessment), fresh process: "
                f"{base['wall_s']:.2f} s (imports {base['import_s']:.2f} s, read+validate {base['read_validate_s']:.2f} s, "
                f"KDE {base['kde_s']:.2f} s, Gi* ×{int(base['periods']) + 1} {base['gistar_s']:.2f} s), "
                f"peak RSS {base['peak_rss_mb']:.0f} MB; load {base['load_1min']}"
            )
            print(f"   baseline = ours, checked: {', '.join(base['checks'])}")
            print(
                f"ratio baseline / ours (CSV → assessment): {base['wall_s'] / cold['wall_s']:.1f}×; "
                f"baseline / ours from store: {base['wall_s'] / warm['wall_s']:.1f}×"
            )
        if args.before_src is not None:
            result["before_after"] = before_after(args.before_src, args.rounds, data_dir, gen_root, work)
        for key, limit in TARGETS.get(scale, []):
            secs = float(result[key]["wall_s"])
            extra = ""
            if key == "ours_cold" and "baseline" in result:
                ratio = float(result["baseline"]["wall_s"]) / secs
                extra = f", {ratio:.1f}× baseline (target ≥ 50×): {'met' if ratio >= 50 else 'MISSED'}"
            if key == "ours_cold":
                mb = float(result[key]["peak_rss_mb"])
                extra += f", peak RSS {mb:.0f} MB (target ≤ 2048 MB): {'met' if mb <= 2048 else 'MISSED'}"
            print(
                f"target {key}: {secs:.2f} s (target ≤ {limit:g} s): {'met' if secs <= limit else 'MISSED'}{extra}"
            )
        result["load_end"] = load()
        (args.out / f"result-{scale}.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def before_after(before_src: Path, rounds: int, data_dir: Path, gen_root: Path, work: Path) -> dict[str, Any]:
    """The assessment from the store (fresh process), without and with the HTML report, timed with
    ``before_src`` and with this tree in alternating order (before, after; then after, before; …) so
    that the load of a shared machine falls on both alike. Medians of wall time, CPU time (user + system,
    all threads: less sensitive to the load) and the in-process import, assessment and report times;
    the ratio after / before."""
    import statistics

    keys = ("wall_s", "cpu_s", "import_s", "assess_s", "report_s")
    times: dict[str, dict[str, dict[str, list[float]]]] = {
        m: {w: {k: [] for k in keys} for w in ("before", "after")} for m in ("assess", "assess+report")
    }
    src = {"before": before_src.resolve(), "after": None}
    for i in range(rounds):
        for mode, flag in (("assess", "0"), ("assess+report", "1")):
            for which in ("before", "after") if i % 2 == 0 else ("after", "before"):
                res = run(
                    TIMED, str(data_dir), str(gen_root), str(work / f"report-{which}"), flag, src=src[which]
                )
                for k in keys:
                    times[mode][which][k].append(float(res[k]))
    out: dict[str, Any] = {"rounds": rounds, "before_src": str(before_src), "times": times}
    for mode, t in times.items():
        med = {w: {k: statistics.median(v) for k, v in t[w].items()} for w in t}
        out[mode] = med
        parts = ", ".join(
            f"{k[:-2]} {med['before'][k]:.3f} → {med['after'][k]:.3f} s ({med['after'][k] / med['before'][k]:.3f})"
            for k in keys
            if med["before"][k] > 0
        )
        print(
            f"before → after, from the store, {mode} (fresh process, medians of {rounds} alternating rounds): {parts}"
        )
    rep: dict[str, dict[str, list[float]]] = {w: {} for w in ("before", "after")}
    for i in range(rounds):
        for which in ("before", "after") if i % 2 == 0 else ("after", "before"):
            res = run(
                REPEATED, str(data_dir), str(gen_root), str(work / f"report-{which}"), "5", src=src[which]
            )
            for k, v in res.items():
                if k.endswith("_s") and isinstance(v, list):
                    rep[which].setdefault(k, []).extend(float(x) for x in v)
    med = {w: {k: statistics.median(v) for k, v in rep[w].items()} for w in rep}
    out["in_process"] = {"times": rep, "medians": med}
    parts = ", ".join(
        f"{k[:-2]} {med['before'][k]:.3f} → {med['after'][k]:.3f} s ({med['after'][k] / med['before'][k]:.3f})"
        for k in med["before"]
    )
    print(f"before → after, in one process ({rounds} alternating processes × 5 repeats; medians): {parts}")
    print(f"   {load()}")
    return out


if __name__ == "__main__":
    main()
