"""The baseline: the same Strategic Assessment written the straightforward way (pandas, SciPy, scikit-learn,
esda), for ``bench_assessment.py``. Not part of the package; run in a fresh process:

    python benchmarks/baseline_assessment.py GEN_ROOT OURS_REF.json DATE_FROM DATE_TO

It computes what ``pipeline.run_assessment(None, date_from=…, date_to=…)`` computes over every LSOA:
pandas ``read_csv`` of every street file, the ingest validation rules, 2011→2021 LSOA mapping by a merge
(when the reference has the table), counts by month × type × LSOA, year-on-year exact Poisson
(conditional binomial, ``scipy.stats.binomtest``) tests per crime type with Benjamini–Hochberg, the
monthly and 12-month rolling series and seasonality, rates per 1,000 and top LSOAs (merge with the
population), harm totals (merge with the weights), hot spots on the grid / bandwidth / distance our run
chose (read from OURS_REF): scikit-learn ``KernelDensity`` (Epanechnikov: scikit-learn has no quartic
kernel) at the in-mask cell centres, esda ``G_Local`` (star, binary distance band, one libpysal weights
object) for the study period and each month for the space-time classification, and repeat places by
pandas ``value_counts``.

The timed part ends before the checks: the script then asserts that its key figures equal ours (from
OURS_REF, written by an untimed run of our pipeline on the same store) and prints one RESULT line.
"""

from __future__ import annotations

import glob
import json
import math
import resource
import sys
import time
import warnings
from pathlib import Path

warnings.filterwarnings("ignore")
t0 = time.perf_counter()
import esda  # noqa: E402
import libpysal  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pyproj  # noqa: E402
from scipy import stats  # noqa: E402
from sklearn.neighbors import KernelDensity  # noqa: E402

t_import = time.perf_counter() - t0

TYPES = [
    "Anti-social behaviour", "Bicycle theft", "Burglary", "Criminal damage and arson", "Drugs", "Other theft",
    "Possession of weapons", "Public order", "Robbery", "Shoplifting", "Theft from the person", "Vehicle crime",
    "Violence and sexual offences", "Other crime",
]  # fmt: skip
ASB = TYPES[0]


def main() -> None:
    gen_root, ref_path, date_from, date_to = sys.argv[1:5]
    ours = json.loads(Path(ref_path).read_text(encoding="utf-8"))
    ref = Path(gen_root) / "reference"
    alpha, recent_periods = 0.05, 3
    tm: dict[str, float] = {}

    # ---- read + validate every file ----
    t = time.perf_counter()
    frames = []
    for f in sorted(glob.glob(gen_root + "/police_uk/*/*-street.csv")):
        d = pd.read_csv(f, dtype=str, keep_default_na=False, na_values=[""])
        name = Path(f).name
        d["file_month"] = name[:7]
        d["force"] = name[8 : -len("-street.csv")]
        frames.append(d)
    df = pd.concat(frames, ignore_index=True)
    del frames
    lon = pd.to_numeric(df["Longitude"], errors="coerce")
    lat = pd.to_numeric(df["Latitude"], errors="coerce")
    bad = df["Month"] != df["file_month"]
    bad |= ~df["Crime type"].isin(TYPES)
    bad |= df["Longitude"].isna() != df["Latitude"].isna()
    bad |= df["Longitude"].notna() & (lon.isna() | lat.isna())
    bad |= ~(lon.between(-8.7, 2.1) & lat.between(49.8, 61.0)) & lon.notna() & lat.notna()
    bad |= df["LSOA code"].notna() & ~df["LSOA code"].str.fullmatch(r"[EW]01[0-9]{6}").fillna(False)
    df = df[~bad].copy()
    df["lon"], df["lat"] = lon[~bad], lat[~bad]
    located = df["lon"].notna()
    tr = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
    x, y = tr.transform(df.loc[located, "lon"].to_numpy(), df.loc[located, "lat"].to_numpy())
    df.loc[located, "x_m"], df.loc[located, "y_m"] = x, y
    tm["read_validate_s"] = time.perf_counter() - t

    # ---- reference: LSOA lookup, 2011→2021 mapping by merge ----
    t = time.perf_counter()
    lookup = pd.read_csv(
        ref / "lsoa_lookup.csv", dtype={"lsoa_code": str, "lsoa_name": str, "ward_name": str}
    )
    changes_path = ref / "lsoa_2011_2021.csv"
    if changes_path.exists():
        chg = pd.read_csv(changes_path, dtype=str)
        old = df[~df["LSOA code"].isin(lookup["lsoa_code"]) & df["LSOA code"].isin(chg["lsoa11_code"])]
        cand = (
            old[["LSOA code", "x_m", "y_m"]]
            .reset_index()
            .merge(chg[["lsoa11_code", "lsoa21_code"]], left_on="LSOA code", right_on="lsoa11_code")
        )
        cand = cand.merge(lookup[["lsoa_code", "centroid_x_m", "centroid_y_m"]], left_on="lsoa21_code",
                          right_on="lsoa_code", how="left")  # fmt: skip
        cand["d2"] = (cand["x_m"] - cand["centroid_x_m"]) ** 2 + (cand["y_m"] - cand["centroid_y_m"]) ** 2
        cand["d2"] = cand["d2"].fillna(np.inf)  # no location / no centroid: first child
        best = cand.sort_values(["index", "d2", "lsoa21_code"]).drop_duplicates("index").set_index("index")
        df.loc[best.index, "LSOA code"] = best["lsoa21_code"]
    df = df.merge(lookup[["lsoa_code", "population"]], left_on="LSOA code", right_on="lsoa_code")  # the area
    tm["reference_s"] = time.perf_counter() - t

    # ---- counts by month × type × LSOA, year on year ----
    t = time.perf_counter()
    months = pd.period_range(date_from, date_to, freq="M").astype(str).tolist()
    n = len(months)
    p0 = pd.Period(date_from, freq="M")
    prev = pd.period_range(p0 - n, pd.Period(date_to, freq="M") - n, freq="M").astype(str).tolist()
    available = set(df["file_month"].unique())
    first_wanted = min(str(p0 - 11 - n), prev[0])
    counts = df[(df["Month"] >= first_wanted) & (df["Month"] <= months[-1])].groupby(
        ["Month", "Crime type", "LSOA code"]).size()  # fmt: skip
    by_type = (
        df.groupby(["Month", "Crime type"]).size().unstack(fill_value=0).reindex(columns=TYPES, fill_value=0)
    )
    now = by_type[by_type.index.isin(months)].sum()
    before = by_type[by_type.index.isin(prev)].sum()
    exp_now = sum(m in available for m in months)
    exp_prev = sum(m in available for m in prev)

    def test(k_now: int, k_before: int) -> dict[str, float | None]:
        if exp_prev == 0 or k_now + k_before == 0:
            return {"p_value": None, "rate_ratio": None}
        share = exp_now / (exp_now + exp_prev)
        r = stats.binomtest(int(k_now), int(k_now + k_before), share)
        ci = r.proportion_ci(method="exact")
        to_ratio = lambda q: (q / (1 - q)) * exp_prev / exp_now if q < 1 else math.inf  # noqa: E731
        rr = (k_now / exp_now) / (k_before / exp_prev) if k_before else math.inf
        return {
            "p_value": r.pvalue,
            "rate_ratio": rr,
            "ci_low": to_ratio(ci.low),
            "ci_high": to_ratio(ci.high),
        }

    yoy = pd.DataFrame({"count": now, "count_previous": before})
    tests = pd.DataFrame([test(a, b) for a, b in zip(yoy["count"], yoy["count_previous"], strict=True)],
                         index=yoy.index)  # fmt: skip
    yoy = yoy.join(tests)
    tested = yoy["p_value"].notna()
    yoy["p_adj"] = np.nan
    if tested.any():
        yoy.loc[tested, "p_adj"] = stats.false_discovery_control(yoy.loc[tested, "p_value"].astype(float))
    crime_now, crime_prev = int(now.drop(ASB).sum()), int(before.drop(ASB).sum())
    headline = [test(crime_now, crime_prev), test(int(now[ASB]), int(before[ASB])),
                test(crime_now + int(now[ASB]), crime_prev + int(before[ASB]))]  # fmt: skip
    tm["counts_yoy_s"] = time.perf_counter() - t

    # ---- monthly series, rolling 12 months, seasonality ----
    t = time.perf_counter()
    series = pd.DataFrame({"all_crime": by_type.drop(columns=ASB).sum(axis=1), "asb": by_type[ASB]})
    series = series.reindex(
        pd.period_range(series.index.min(), months[-1], freq="M").astype(str), fill_value=0
    )
    rolling = series.rolling(12).sum()
    in_data = series[series.index.isin(available)]
    cal = in_data.groupby(in_data.index.str[5:7].astype(int))
    seas = {}
    for col in ("all_crime", "asb"):
        idx = cal[col].mean() / cal[col].mean().mean()
        chi2 = p = None
        if len(idx) == 12 and cal.size().nunique() == 1 and cal[col].sum().sum() > 0:
            chi2, p = stats.chisquare(cal[col].sum())
        seas[col] = {"peak": int(idx.idxmax()), "trough": int(idx.idxmin()), "chi2": chi2, "p": p}
    tm["series_s"] = time.perf_counter() - t

    # ---- rates per 1,000, top LSOAs, harm ----
    t = time.perf_counter()
    study = df[df["Month"].isin(months)]
    by_lsoa = study[study["Crime type"] != ASB].groupby("LSOA code").size().rename("count").reset_index()
    by_lsoa = by_lsoa.merge(lookup[["lsoa_code", "population", "lsoa_name", "ward_name"]],
                            left_on="LSOA code", right_on="lsoa_code")  # fmt: skip
    by_lsoa["rate_per_1000"] = 1000 * by_lsoa["count"] / by_lsoa["population"]
    top_count = by_lsoa.sort_values(["count", "lsoa_code"], ascending=[False, True]).head(10)
    top_rate = by_lsoa[by_lsoa["population"] >= 500].sort_values(
        ["rate_per_1000", "lsoa_code"], ascending=[False, True]).head(10)  # fmt: skip
    weights_path = ref / "cchi_weights_by_category.csv"
    weights = (
        pd.read_csv(weights_path) if weights_path.exists() else pd.DataFrame(columns=["crime_type", "w"])
    )
    weights.columns = ["crime_type", "w"]
    harm_tbl = now.rename("count").reset_index().rename(columns={"Crime type": "crime_type"})
    harm_tbl = harm_tbl.merge(weights, on="crime_type", how="left")
    total_harm = float((harm_tbl["count"] * harm_tbl["w"].astype(float)).sum())
    tm["rates_harm_s"] = time.perf_counter() - t

    # ---- hot spots on our grid ----
    g = ours["grid"]
    cell, bw, dist = g["cell_size_m"], ours["bandwidth_m"], ours["distance_m"]
    pts = study[(study["Crime type"] != ASB) & study["x_m"].notna()]
    px, py = pts["x_m"].to_numpy(), pts["y_m"].to_numpy()
    col = np.floor((px - g["x_min_m"]) / cell)
    row = np.floor((py - g["y_min_m"]) / cell)
    mask_flat = np.array(g["mask_flat"], dtype=np.int64)
    in_ext = (col >= 0) & (col < g["n_cols"]) & (row >= 0) & (row < g["n_rows"])
    cells = pd.DataFrame({"flat": (row * g["n_cols"] + col)[in_ext].astype(np.int64),
                          "month": pts["Month"].to_numpy()[in_ext]})  # fmt: skip
    cells = cells[cells["flat"].isin(mask_flat)]
    centres = np.column_stack([g["x_min_m"] + (mask_flat % g["n_cols"] + 0.5) * cell,
                               g["y_min_m"] + (mask_flat // g["n_cols"] + 0.5) * cell])  # fmt: skip
    t = time.perf_counter()
    kde = KernelDensity(kernel="epanechnikov", bandwidth=bw).fit(np.column_stack([px, py]))
    density = np.exp(kde.score_samples(centres)) * len(px)
    tm["kde_s"] = time.perf_counter() - t
    t = time.perf_counter()
    w = libpysal.weights.DistanceBand(
        centres, threshold=dist * (1 + 1e-9), binary=True, silence_warnings=True
    )

    def gistar(y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        z = esda.G_Local(y.astype(float), w, star=True, permutations=0, transform="B").Zs
        p = 2 * stats.norm.sf(np.abs(z))
        p_adj = np.full(len(p), np.nan)
        ok = np.isfinite(p)
        p_adj[ok] = stats.false_discovery_control(p[ok])
        return z, (p_adj <= alpha) & (z > 0)

    cell_counts = cells.groupby("flat").size().reindex(mask_flat, fill_value=0).to_numpy()
    z_study, hot_study = gistar(cell_counts)
    by_month = cells.groupby(["month", "flat"]).size().unstack(fill_value=0).reindex(
        index=months, columns=mask_flat, fill_value=0)  # fmt: skip
    hot = np.zeros(by_month.shape, dtype=bool)
    for i, m in enumerate(months):
        yv = by_month.loc[m].to_numpy()
        if (yv != yv[0]).any():
            hot[i] = gistar(yv)[1]
    split = n - recent_periods
    n_all, n_old, n_rec = hot.sum(axis=0), hot[:split].sum(axis=0), hot[split:].sum(axis=0)
    hot_old = (n_old >= 1) & (n_old / split >= 0.1)
    hot_rec = (n_rec >= 1) & (n_rec / recent_periods >= 0.1)
    labels = np.full(len(mask_flat), "no pattern", dtype=object)
    labels[n_all >= 1] = "intermittent"
    labels[hot_old & ~hot_rec] = "former"
    labels[hot_rec & ~hot_old] = "emerging"
    labels[n_all / n >= 0.8] = "persistent"
    tm["gistar_s"] = time.perf_counter() - t

    # ---- repeat places ----
    t = time.perf_counter()
    places = pd.DataFrame(
        {"x": np.round(px).astype(np.int64), "y": np.round(py).astype(np.int64)}
    ).value_counts()
    ordered = places.to_numpy()  # value_counts: most first
    conc = {s: float(ordered[: max(1, math.ceil(s * len(ordered) - 1e-9))].sum() / ordered.sum())
            for s in (0.01, 0.05, 0.1)}  # fmt: skip
    tm["repeats_s"] = time.perf_counter() - t
    seconds = time.perf_counter() - t0

    # ---- checks: the baseline computed the same assessment ----
    checks = []

    def check(name: str, ok: bool) -> None:
        if not ok:
            raise AssertionError(f"baseline differs from ours: {name}")
        checks.append(name)

    check("counts total", int(counts.sum()) == ours["counts_total"])
    check("counts groups", len(counts) == ours["counts_rows"])
    check("per-type counts (study, comparison)", all(
        int(yoy.loc[ct, "count"]) == ours["by_type"][ct][0] and int(yoy.loc[ct, "count_previous"]) == ours["by_type"][ct][1]
        for ct in TYPES))  # fmt: skip
    check("per-type p-values (binomtest) and BH", all(
        (ours["by_type"][ct][2] is None and pd.isna(yoy.loc[ct, "p_value"]))
        or (abs(float(yoy.loc[ct, "p_value"]) - ours["by_type"][ct][2]) < 1e-9
        and abs(float(yoy.loc[ct, "p_adj"]) - ours["by_type"][ct][3]) < 1e-9) for ct in TYPES))  # fmt: skip
    check("headline p-values", all((h["p_value"] is None and o is None) or abs(h["p_value"] - o) < 1e-9  # type: ignore[operator]
                                   for h, o in zip(headline, ours["headline_p"], strict=True)))  # fmt: skip
    roll = rolling.loc[ours["rolling_months"]]
    check("12-month rolling series", [None if pd.isna(v) else int(v) for v in roll["all_crime"]] == ours["all_crime_12m"]
          and [None if pd.isna(v) else int(v) for v in roll["asb"]] == ours["asb_12m"])  # fmt: skip
    check("seasonality peak/trough", all(
        seas[c]["peak"] == ours["seasonality"][c][0] and seas[c]["trough"] == ours["seasonality"][c][1]
        for c in ("all_crime", "asb")))  # fmt: skip
    check("top LSOAs by count", top_count["lsoa_code"].tolist() == ours["top_by_count"])
    check("top LSOAs by rate", top_rate["lsoa_code"].tolist() == ours["top_by_rate"])
    check("harm total", abs(total_harm - ours["total_harm"]) <= 1e-9 * max(1.0, abs(total_harm)))
    check("hot-spot points", len(px) == ours["n_points"])
    check("grid cell counts", cell_counts.tolist() == ours["cell_counts"])
    zo = np.array([np.nan if v is None else v for v in ours["z"]], dtype=float)
    check("Gi* z, study period (1e-6)", bool(np.allclose(z_study, zo, rtol=0, atol=1e-6, equal_nan=True)))
    check("hot cells, study period", int(hot_study.sum()) == ours["n_hot"])
    check("hot cells per period", hot.sum(axis=1).tolist() == ours["hot_per_period"])
    check(
        "space-time labels",
        {lab: int((labels == lab).sum()) for lab in ours["label_counts"]} == ours["label_counts"],
    )
    check("repeat places", len(places) == ours["n_places"]
          and int(ordered[ordered >= 2].sum()) == ours["n_events_at_repeat_places"])  # fmt: skip
    check("concentration", all(abs(conc[s] - ours["concentration"][f"top_{int(s * 100)}pct_places"]) < 1e-12
                               for s in conc))  # fmt: skip
    print("RESULT " + json.dumps({
        "seconds": seconds, "import_s": t_import, **tm, "rows": len(df), "groups": len(counts),
        "cells": len(mask_flat), "periods": n, "kde_max": float(density.max()), "checks": checks,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))  # fmt: skip


if __name__ == "__main__":
    main()
