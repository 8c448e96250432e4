"""Charts and maps drawn offline with matplotlib, returned as ``data:`` URIs (SVG, paths for text)."""

from __future__ import annotations

import base64
import io
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import ListedColormap

plt.rcParams.update(
    {
        "svg.fonttype": "none",
        "font.family": "sans-serif",
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "svg.hashsalt": "csphub",
    }
)

BLUE, GREY, RED, ORANGE = "#1d70b8", "#b1b4b6", "#d4351c", "#f47738"


def _uri(fig: Any) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def monthly_chart(rolling: dict[str, list[Any]], study_from: str) -> str:
    months = rolling["month"]
    fig, ax = plt.subplots(figsize=(7.5, 2.8))
    x = np.arange(len(months))
    ax.plot(x, rolling["all_crime"], color=BLUE, marker="o", ms=3, label="Recorded crime (excl. ASB)")
    ax.plot(x, rolling["asb"], color=ORANGE, marker="o", ms=3, label="Anti-social behaviour")
    if study_from in months:
        ax.axvline(months.index(study_from) - 0.5, color=GREY, lw=1, ls="--")
        ax.text(
            months.index(study_from) - 0.4,
            ax.get_ylim()[1] * 0.95,
            "study period →",
            color="#505a5f",
            va="top",
            fontsize=8,
        )
    step = max(1, len(months) // 12)
    ax.set_xticks(x[::step], list(months)[::step], rotation=45, ha="right")
    ax.set_ylabel("incidents per month")
    ax.set_ylim(bottom=0)
    ax.legend(frameon=False, loc="lower left", fontsize=8)
    return _uri(fig)


def type_chart(by_type: list[dict[str, Any]]) -> str:
    rows = sorted(by_type, key=lambda r: r["count"])
    fig, ax = plt.subplots(figsize=(7.5, 0.28 * len(rows) + 0.8))
    y = np.arange(len(rows))
    ax.barh(y + 0.2, [r["count_previous"] for r in rows], height=0.4, color=GREY, label="previous period")
    ax.barh(y - 0.2, [r["count"] for r in rows], height=0.4, color=BLUE, label="study period")
    ax.set_yticks(y, [r["crime_type"] for r in rows])
    ax.set_xlabel("incidents")
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    return _uri(fig)


def harm_chart(harm_rows: list[dict[str, Any]]) -> str:
    rows = [r for r in harm_rows if r.get("harm") is not None and r["count"] > 0][:10][::-1]
    fig, ax = plt.subplots(figsize=(7.5, 0.28 * len(rows) + 0.8))
    y = np.arange(len(rows))
    ax.barh(
        y + 0.2,
        [100 * (r["share_of_count"] or 0) for r in rows],
        height=0.4,
        color=GREY,
        label="share of crimes",
    )
    ax.barh(
        y - 0.2, [100 * (r["share_of_harm"] or 0) for r in rows], height=0.4, color=RED, label="share of harm"
    )
    ax.set_yticks(y, [r["crime_type"] for r in rows])
    ax.set_xlabel("% of total")
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    return _uri(fig)


def seasonality_chart(season: dict[str, Any]) -> str:
    names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    fig, ax = plt.subplots(figsize=(7.5, 2.2))
    x = np.arange(12)
    for off, key, col, lab in ((-0.2, "all_crime", BLUE, "crime"), (0.2, "asb", ORANGE, "ASB")):
        idx = season[key]["index_by_calendar_month"]
        vals = [idx.get(str(m)) or 0 for m in range(1, 13)]
        ax.bar(x + off, vals, width=0.4, color=col, label=lab)
    ax.axhline(1.0, color="#0b0c0c", lw=0.8)
    ax.set_xticks(x, names)
    ax.set_ylabel("index (1 = average month)")
    ax.legend(frameon=False, fontsize=8)
    return _uri(fig)


def _outline(ax: Any, geometry: dict[str, Any] | None) -> None:
    if not geometry:
        return
    lsoa_lines = [np.asarray(r) for rs in geometry.get("lsoas", {}).values() for r in rs]
    if lsoa_lines:
        ax.add_collection(LineCollection(lsoa_lines, colors="#6f777b", linewidths=0.3))
    dist = [np.asarray(r) for r in geometry.get("district", [])]
    if dist:
        ax.add_collection(LineCollection(dist, colors="#0b0c0c", linewidths=1.0))


def _grid_array(hot: dict[str, Any], values: list[Any]) -> np.ndarray:
    g = hot["grid"]
    cells = hot["gistar"]["cells"]
    arr = np.full((g["n_rows"], g["n_cols"]), np.nan)
    size = g["cell_size_m"]
    cols = np.floor((np.asarray(cells["cell_x_m"]) - g["x_min_m"]) / size).astype(int)
    rows = np.floor((np.asarray(cells["cell_y_m"]) - g["y_min_m"]) / size).astype(int)
    arr[rows, cols] = np.asarray([np.nan if v is None else float(v) for v in values])
    return arr


def _map_axes(hot: dict[str, Any]) -> tuple[Any, Any, list[float]]:
    g = hot["grid"]
    extent = [
        g["x_min_m"],
        g["x_min_m"] + g["n_cols"] * g["cell_size_m"],
        g["y_min_m"],
        g["y_min_m"] + g["n_rows"] * g["cell_size_m"],
    ]
    w, h = extent[1] - extent[0], extent[3] - extent[2]
    fig, ax = plt.subplots(figsize=(6.5, max(3.0, min(9.0, 6.5 * h / max(w, 1)))))
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    for s in ax.spines.values():
        s.set_visible(False)
    return fig, ax, extent


def gistar_map(hot: dict[str, Any], geometry: dict[str, Any] | None) -> str:
    cells = hot["gistar"]["cells"]
    cls = [1.0 if h else (-1.0 if c else 0.0) for h, c in zip(cells["is_hot"], cells["is_cold"], strict=True)]
    arr = _grid_array(hot, cls)
    fig, ax, extent = _map_axes(hot)
    cmap = ListedColormap(["#5694ca", "#f3f2f1", RED])
    ax.imshow(arr, origin="lower", extent=extent, cmap=cmap, vmin=-1.5, vmax=1.5, interpolation="nearest")
    _outline(ax, geometry)
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    from matplotlib.patches import Patch

    ax.legend(
        handles=[
            Patch(color=RED, label="hot spot (Gi*, adjusted p ≤ α)"),
            Patch(color="#5694ca", label="cold spot"),
            Patch(color="#f3f2f1", label="not significant"),
        ],
        frameon=False,
        fontsize=8,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
    )
    return _uri(fig)


def kde_map(hot: dict[str, Any], geometry: dict[str, Any] | None) -> str:
    arr = _grid_array(hot, hot["kde"]["cells"]["density"])
    fig, ax, extent = _map_axes(hot)
    im = ax.imshow(arr, origin="lower", extent=extent, cmap="YlOrRd", interpolation="nearest")
    _outline(ax, geometry)
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    cb = fig.colorbar(im, ax=ax, shrink=0.6)
    cb.set_label("crimes per km² (study period)")
    return _uri(fig)
