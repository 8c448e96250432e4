"""Benchmark: grid Gi* (csphub) against PySAL esda ``G_Local`` on the same data, in the same run.

    python benchmarks/bench_gistar.py           # ~200k non-empty cells
    python benchmarks/bench_gistar.py --quick   # small smoke run

Both compute analytical Gi* z-scores with binary distance-band weights (self included) over the cells of
an irregular study area. esda gets libpysal ``DistanceBand`` weights built from the in-mask cell centres
(weight construction timed separately) and runs with ``permutations=0`` (analytical z only, its fastest
mode). Our figure includes Benjamini–Hochberg adjustment, which esda does not do. Asserts identical z.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings

import numpy as np

from csphub.analytics.hotspots.gistar import hotspot_gistar
from csphub.analytics.hotspots.grid import Grid


def make_data(side: int, seed: int) -> tuple[np.ndarray, Grid]:
    """A disc-shaped study area on a ``side``×``side`` grid of 100 m cells, Poisson counts + clusters."""
    rng = np.random.default_rng(seed)
    rr, cc = np.mgrid[0:side, 0:side]
    centre = (side - 1) / 2
    mask = (rr - centre) ** 2 + (cc - centre) ** 2 <= (0.5 * side) ** 2
    mask[int(0.4 * side) : int(0.45 * side), :] = False  # a river strip outside the study area
    counts = rng.poisson(3.0, (side, side)).astype(float)
    for _ in range(max(1, side // 10)):
        r0, c0 = rng.integers(0, side - 5, 2)
        counts[r0 : r0 + 4, c0 : c0 + 4] += rng.integers(5, 20)
    grid = Grid(400_000.0, 300_000.0, 100.0, side, side, mask)
    return counts, grid


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="small smoke size")
    ap.add_argument("--distance-m", type=float, default=150.0)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args(argv)
    side = 60 if args.quick else 540
    counts, grid = make_data(side, seed=12345)
    n_cells = grid.n_cells_in_mask
    n_nonempty = int((counts[grid.mask] > 0).sum())
    print(
        f"grid {side}×{side}, {n_cells:,} cells in the study area, {n_nonempty:,} non-empty; "
        f"distance {args.distance_m:g} m"
    )

    ours = []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        res = hotspot_gistar(counts, grid, distance_m=args.distance_m)
        ours.append(time.perf_counter() - t0)
    t_ours = min(ours)

    import libpysal
    from esda.getisord import G_Local

    cx, cy = grid.cell_centres()
    pts = np.column_stack([cx[grid.mask], cy[grid.mask]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t0 = time.perf_counter()
        w = libpysal.weights.DistanceBand(pts, threshold=args.distance_m, binary=True, silence_warnings=True)
        t_w = time.perf_counter() - t0
        t0 = time.perf_counter()
        lg = G_Local(counts[grid.mask], w, transform="B", star=True, permutations=0)
        t_esda = time.perf_counter() - t0

    max_dz = float(np.abs(np.asarray(lg.Zs) - res.z[grid.mask]).max())
    print(f"csphub hotspot_gistar (incl. BH adjustment): {t_ours * 1000:9.1f} ms (best of {args.repeats})")
    print(f"esda G_Local(star=True, transform='B', permutations=0): {t_esda * 1000:9.1f} ms")
    print(f"libpysal DistanceBand weights construction:  {t_w * 1000:9.1f} ms")
    print(f"ratio esda / csphub:                          {t_esda / t_ours:9.1f}×")
    print(f"ratio (esda + weights) / csphub:              {(t_esda + t_w) / t_ours:9.1f}×")
    print(f"max |Δz|:                                     {max_dz:.3e}")
    assert max_dz < 1e-9, "z-scores differ from esda"
    if not args.quick and t_esda / t_ours < 20:
        print("WARNING: below the 20× target", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
