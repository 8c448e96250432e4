"""The report's maps as hand-written SVG ``data:`` URIs (see ``reports.charts``): Gi* hot and cold
spots, kernel density, and the space-time patterns (persistent, emerging, former, intermittent hot
spots), each over the district and LSOA outlines with ward names, a scale bar and a north arrow; and
their table alternatives (by ward)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from csphub.analytics.assessment import Geometry, Hotspots
from csphub.reports.charts import COLD, FONT, INK, N_SHADES, NEUTRAL, RED, YLORRD, _f, _legend, _text, _uri


def _grid_array(hot: Hotspots, values: Sequence[float | None]) -> np.ndarray:
    g = hot.grid
    cells = hot.gistar.cells
    arr = np.full((g.n_rows, g.n_cols), np.nan)
    size = g.cell_size_m
    cols = np.floor((np.asarray(cells.cell_x_m, dtype=np.float64) - g.x_min_m) / size).astype(int)
    rows = np.floor((np.asarray(cells.cell_y_m, dtype=np.float64) - g.y_min_m) / size).astype(int)
    arr[rows, cols] = np.asarray([np.nan if v is None else float(v) for v in values], dtype=np.float64)
    return arr


class _MapFrame:
    """Maps BNG metres to SVG pixels (north up) for a grid's extent."""

    def __init__(self, hot: Hotspots, width: float = 520.0) -> None:
        g = hot.grid
        self.x0 = float(g.x_min_m)
        self.y0 = float(g.y_min_m)
        self.size = float(g.cell_size_m)
        self.n_rows, self.n_cols = int(g.n_rows), int(g.n_cols)
        w_m, h_m = self.n_cols * self.size, self.n_rows * self.size
        self.scale = width / max(w_m, 1.0)
        height = width * h_m / max(w_m, 1.0)
        if height > 860:  # tall areas: fit the height instead
            self.scale *= 860 / height
        self.width, self.height = w_m * self.scale, h_m * self.scale

    def cells(self, idx: np.ndarray, colours: Sequence[str]) -> list[str]:
        """One rectangle per horizontal run of cells with the same colour index (-1 = blank)."""
        out = []
        cell = self.size * self.scale
        for r in range(self.n_rows):
            row = idx[r]
            change = np.flatnonzero(np.diff(row)) + 1
            starts = np.concatenate([[0], change])
            ends = np.concatenate([change, [len(row)]])
            y = (self.n_rows - 1 - r) * cell
            for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
                k = int(row[s])
                if k < 0:
                    continue
                out.append(
                    f'<rect x="{_f(s * cell)}" y="{_f(y)}" width="{_f((e - s) * cell + 0.3)}" '
                    f'height="{_f(cell + 0.3)}" fill="{colours[k]}"/>'
                )
        return out

    def rings(self, rings: Sequence[Any], colour: str, width: float) -> str:
        parts = []
        for ring in rings:
            a = np.asarray(ring, dtype=np.float64)
            if a.ndim != 2 or len(a) < 2:
                continue
            xs = np.round((a[:, 0] - self.x0) * self.scale, 1)
            ys = np.round(self.height - (a[:, 1] - self.y0) * self.scale, 1)
            parts.append(
                "M" + " L".join(f"{_f(x)} {_f(y)}" for x, y in zip(xs.tolist(), ys.tolist(), strict=True))
            )
        if not parts:
            return ""
        return (
            f'<path d="{" ".join(parts)}" fill="none" stroke="{colour}" stroke-width="{width}" '
            'stroke-linejoin="round"/>'
        )

    def outline(self, geometry: Geometry | None) -> list[str]:
        if not geometry:
            return []
        lsoa = [r for rs in geometry.lsoas.values() for r in rs]
        return [self.rings(lsoa, "#6f777b", 0.4), self.rings(geometry.district, INK, 1.3)]

    def px(self, x: float, y: float) -> tuple[float, float]:
        return (x - self.x0) * self.scale, self.height - (y - self.y0) * self.scale

    def labels(self, geometry: Geometry | None, max_labels: int = 40) -> list[str]:
        """Ward names at their centres (white halo, so they read over any colour); when there are
        many, those that would overlap a label already placed are left out (the table lists all)."""
        if not geometry or not geometry.labels:
            return []
        out: list[str] = []
        placed: list[tuple[float, float, float]] = []
        size = FONT - 2
        for name, x, y in geometry.labels:
            px, py = self.px(x, y)
            if not (0 <= px <= self.width and 0 <= py <= self.height):
                continue
            half = 0.3 * size * len(name)
            if any(abs(px - qx) < half + qh and abs(py - qy) < size + 2 for qx, qy, qh in placed):
                continue
            placed.append((px, py, half))
            out.append(
                _text(
                    px,
                    py + size / 3,
                    name,
                    anchor="middle",
                    size=size,
                    extra=' stroke="#ffffff" stroke-width="3" paint-order="stroke" stroke-linejoin="round"',
                )
            )
            if len(placed) >= max_labels:
                break
        return out

    def scale_bar_and_north(self) -> list[str]:
        """A scale bar (a round number of metres or kilometres, about a quarter of the width) at the
        bottom left and a north arrow at the top left (the map is drawn north up in BNG)."""
        target = self.width / 4 / self.scale
        nice = [100, 200, 250, 500, 1_000, 2_000, 2_500, 5_000, 10_000, 20_000, 25_000, 50_000, 100_000]
        length = max([n for n in nice if n <= target] or [nice[0]])
        w = length * self.scale
        x0, y0 = 8.0, self.height - 10.0
        label = f"{length / 1000:g} km" if length >= 1000 else f"{length} m"
        return [
            f'<rect x="{_f(x0)}" y="{_f(y0 - 4)}" width="{_f(w / 2)}" height="4" fill="{INK}"/>',
            f'<rect x="{_f(x0 + w / 2)}" y="{_f(y0 - 4)}" width="{_f(w / 2)}" height="4" fill="#ffffff" '
            f'stroke="{INK}" stroke-width="0.8"/>',
            _text(x0 + w + 4, y0, label, size=FONT - 2),
            f'<path d="M 16 8 L 22 26 L 16 22 L 10 26 Z" fill="{INK}"/>',
            _text(16, 38, "N", anchor="middle", size=FONT - 1),
        ]


def gistar_map(hot: Hotspots, geometry: Geometry | None) -> str:
    cells = hot.gistar.cells
    cls: list[float | None] = [
        1.0 if h else (-1.0 if c else 0.0) for h, c in zip(cells.is_hot, cells.is_cold, strict=True)
    ]
    arr = _grid_array(hot, cls)
    idx = np.where(np.isnan(arr), -1, np.nan_to_num(arr) + 1).astype(np.int64)  # 0 cold, 1 none, 2 hot
    fr = _MapFrame(hot)
    body = [
        *fr.cells(idx, (COLD, NEUTRAL, RED)),
        *fr.outline(geometry),
        *fr.labels(geometry),
        *fr.scale_bar_and_north(),
    ]
    legend = _legend(
        fr.width + 14,
        14,
        [
            ("box", RED, "hot spot (adjusted p ≤ α)"),
            ("box", COLD, "cold spot"),
            ("box", NEUTRAL, "not significant"),
        ],
    )
    return _uri(fr.width + 230, max(fr.height, 70), [*body, *legend], "Map of Gi* hot and cold spots")


def _ylorrd(n: int) -> list[str]:
    stops = np.array([[int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in YLORRD], dtype=np.float64)
    pos = np.linspace(0, len(stops) - 1, n)
    out = []
    for p in pos:
        i = min(int(p), len(stops) - 2)
        t = p - i
        rgb = stops[i] * (1 - t) + stops[i + 1] * t
        out.append("#" + "".join(f"{round(v):02x}" for v in rgb))
    return out


def kde_map(hot: Hotspots, geometry: Geometry | None) -> str:
    arr = _grid_array(hot, hot.kde.cells.density)
    finite = np.isfinite(arr)
    vmin = float(arr[finite].min()) if finite.any() else 0.0
    vmax = float(arr[finite].max()) if finite.any() else 1.0
    span = vmax - vmin if vmax > vmin else 1.0
    shade = np.clip(np.floor((np.nan_to_num(arr, nan=vmin) - vmin) / span * N_SHADES), 0, N_SHADES - 1)
    idx = np.where(finite, shade, -1).astype(np.int64)
    colours = _ylorrd(N_SHADES)
    fr = _MapFrame(hot)
    body = [*fr.cells(idx, colours), *fr.outline(geometry), *fr.labels(geometry), *fr.scale_bar_and_north()]
    # colour bar
    bx, by, bh = fr.width + 18, 14.0, min(max(fr.height * 0.6, 120.0), 300.0)
    step = bh / N_SHADES
    for k, col in enumerate(colours):
        body.append(
            f'<rect x="{_f(bx)}" y="{_f(by + bh - (k + 1) * step)}" width="14" height="{_f(step + 0.4)}" '
            f'fill="{col}"/>'
        )
    for t in np.linspace(vmin, vmax, 5):
        yy = by + bh - (t - vmin) / span * bh
        body.append(
            f'<line x1="{_f(bx + 14)}" y1="{_f(yy)}" x2="{_f(bx + 18)}" y2="{_f(yy)}" stroke="{INK}"/>'
        )
        body.append(_text(bx + 21, yy + 4, f"{t:,.1f}" if vmax < 100 else f"{t:,.0f}", size=FONT - 2))
    label_x = bx + 80
    body.append(
        _text(
            label_x,
            by + bh / 2,
            "crimes per km² (study period)",
            anchor="middle",
            size=FONT - 1,
            extra=f' transform="rotate(-90 {_f(label_x)} {_f(by + bh / 2)})"',
        )
    )
    return _uri(fr.width + 110, max(fr.height, bh + 28), body, "Kernel density map of crime")


def repeat_place_rows(places: Sequence[Any], geometry: Geometry | None) -> list[tuple[str, str, int, float]]:
    """The repeat-locations table: (place, ward, crimes, share). police.uk names many snap points
    alike ("On or near Supermarket"), so each is placed in a ward (the nearest ward centre); a snap
    point published without a street name says so."""
    labels = list(geometry.labels) if geometry and geometry.labels else []
    rows = []
    for p in places:
        name = (p.location or "").strip()
        if name in ("", "On or near"):
            name = "On or near (no street name published)"
        x, y = float(p.x_m), float(p.y_m)
        nearest = min(labels, key=lambda t: (t[1] - x) ** 2 + (t[2] - y) ** 2) if labels else None
        rows.append((name, nearest[0] if nearest else "", int(p.count), float(p.share)))
    return rows


def hotspot_table(hot: Hotspots, geometry: Geometry | None) -> list[tuple[str, int, int]]:
    """The map's table alternative: per ward (the nearest ward centre to each hot cell), the number of
    hot cells and the crimes counted in them, most crimes first."""
    cells = hot.gistar.cells
    hot_idx = [i for i, h in enumerate(cells.is_hot) if h]
    if not hot_idx:
        return []
    labels = list(geometry.labels) if geometry and geometry.labels else []
    out: dict[str, list[int]] = {}
    for i in hot_idx:
        x, y = float(cells.cell_x_m[i]), float(cells.cell_y_m[i])
        nearest = min(labels, key=lambda t: (t[1] - x) ** 2 + (t[2] - y) ** 2) if labels else None
        name = nearest[0] if nearest else f"cell at {x:,.0f} E, {y:,.0f} N"
        acc = out.setdefault(name, [0, 0])
        acc[0] += 1
        acc[1] += int(cells.count[i])
    return sorted(((k, v[0], v[1]) for k, v in out.items()), key=lambda t: (-t[2], t[0]))


# The space-time patterns, darkest for the ones a board acts on: a persistent hot spot (hot in most
# months), an emerging one (hot lately, not before), a former one (hot before, not lately).
PATTERNS = (
    ("persistent", "#942514", "persistent hot spot"),
    ("emerging", "#f47738", "emerging hot spot"),
    ("former", "#5694ca", "former hot spot"),
    ("intermittent", "#b1b4b6", "intermittent hot spot"),
)


def patterns_map(hot: Hotspots, geometry: Geometry | None) -> str | None:
    """Map of the cells by space-time pattern (None when the period was too short to classify)."""
    labels = hot.gistar.cells.label
    if not labels:
        return None
    keys = [p[0] for p in PATTERNS]
    values: list[float | None] = [float(keys.index(lab)) if lab in keys else -1.0 for lab in labels]
    arr = _grid_array(hot, values)
    # -1 outside the mask, 0 no pattern, 1.. the patterns
    idx = np.where(np.isnan(arr), -1, np.nan_to_num(arr, nan=-1.0) + 1).astype(np.int64)
    fr = _MapFrame(hot)
    colours = (NEUTRAL, *(c for _, c, _ in PATTERNS))
    body = [
        *fr.cells(idx, colours),
        *fr.outline(geometry),
        *fr.labels(geometry),
        *fr.scale_bar_and_north(),
    ]
    items = [("box", colour, label) for _, colour, label in PATTERNS]
    legend = _legend(fr.width + 14, 14, [*items, ("box", NEUTRAL, "no pattern")])
    return _uri(fr.width + 230, max(fr.height, 90), [*body, *legend], "Map of space-time hot-spot patterns")


def patterns_table(hot: Hotspots, geometry: Geometry | None) -> list[tuple[str, dict[str, int]]]:
    """The patterns map's table alternative: per ward (the nearest ward centre to each cell), the cells
    of each pattern; wards with a persistent or emerging cell first, most of them first."""
    cells = hot.gistar.cells
    labels = cells.label or ()
    keys = [p[0] for p in PATTERNS]
    wards = list(geometry.labels) if geometry and geometry.labels else []
    out: dict[str, dict[str, int]] = {}
    for i, lab in enumerate(labels):
        if lab not in keys:
            continue
        x, y = float(cells.cell_x_m[i]), float(cells.cell_y_m[i])
        nearest = min(wards, key=lambda t: (t[1] - x) ** 2 + (t[2] - y) ** 2) if wards else None
        name = nearest[0] if nearest else f"cell at {x:,.0f} E, {y:,.0f} N"
        row = out.setdefault(name, dict.fromkeys(keys, 0))
        row[lab] += 1
    return sorted(
        out.items(), key=lambda t: (-(t[1]["persistent"] + t[1]["emerging"]), -sum(t[1].values()), t[0])
    )
