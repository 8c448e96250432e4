"""Write DIR/assessment.json, DIR/report.html (self-contained), CSV tables and optionally DIR/report.pdf."""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, Undefined, select_autoescape

from csphub.analytics.assessment import COUNTS_COLUMNS, Assessment

TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass
class ReportFiles:
    out_dir: Path
    json: Path
    html: Path
    csvs: dict[str, Path] = field(default_factory=dict)
    pdf: Path | None = None
    geojson: Path | None = None  # hot and cold spot cells, WGS84, for GIS users


def write_hotspots_geojson(a: Assessment, path: Path) -> Path | None:
    """The significant Gi* cells (hot and cold) as WGS84 polygons (RFC 7946), with their counts,
    z-scores, p-values (raw and adjusted) and space-time pattern. None if no hot-spot analysis."""
    if not a.hotspots:
        return None
    import json

    import numpy as np
    from pyproj import Transformer

    gi = a.hotspots.gistar.cells
    half = float(a.hotspots.grid.cell_size_m) / 2
    keep = [i for i, (h, c) in enumerate(zip(gi.is_hot, gi.is_cold, strict=True)) if h or c]
    x = np.asarray([float(gi.cell_x_m[i]) for i in keep], dtype=np.float64)
    y = np.asarray([float(gi.cell_y_m[i]) for i in keep], dtype=np.float64)
    corners_x = np.stack([x - half, x + half, x + half, x - half, x - half], axis=1)
    corners_y = np.stack([y - half, y - half, y + half, y + half, y - half], axis=1)
    tr = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)
    lon, lat = tr.transform(corners_x.ravel(), corners_y.ravel())
    lon = np.round(np.asarray(lon).reshape(corners_x.shape), 6)
    lat = np.round(np.asarray(lat).reshape(corners_y.shape), 6)
    feats = []
    for k, i in enumerate(keep):
        props: dict[str, Any] = {
            "kind": "hot spot" if gi.is_hot[i] else "cold spot",
            "crimes": int(gi.count[i]),
            "z": gi.z[i],
            "p": gi.p[i],
            "p_adjusted": gi.p_adj[i],
            "cell_x_bng_m": float(gi.cell_x_m[i]),
            "cell_y_bng_m": float(gi.cell_y_m[i]),
        }
        if gi.label is not None:
            props["pattern"] = gi.label[i]
        ring = [[float(a_), float(b_)] for a_, b_ in zip(lon[k], lat[k], strict=True)]
        feats.append(
            {"type": "Feature", "properties": props, "geometry": {"type": "Polygon", "coordinates": [ring]}}
        )
    doc = {
        "type": "FeatureCollection",
        "name": f"Hot and cold spots, {a.area.name}, {a.period.first} to {a.period.last}",
        "features": feats,
    }
    path.write_text(json.dumps(doc, allow_nan=False, separators=(",", ":")), encoding="utf-8")
    return path


def _fmt_num(v: Any, digits: int = 0) -> str:
    if v is None or isinstance(v, Undefined) or (isinstance(v, float) and not math.isfinite(v)):
        return "–"
    return f"{v:,.{digits}f}"


def _fmt_p(v: Any) -> str:
    if v is None or isinstance(v, Undefined):
        return "–"
    return "< 0.001" if v < 0.001 else f"{v:.3f}"


def _fmt_pct(v: Any) -> str:
    if v is None or isinstance(v, Undefined):
        return "–"
    shown = f"{v:+.0f}%"
    return "0%" if shown in ("+0%", "-0%") else shown  # a change that rounds to nothing has no sign


def _write_csv(path: Path, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])
    return path


def _attrs(items: Iterable[Any], columns: Sequence[str]) -> Iterator[list[Any]]:
    """The ``columns`` attributes of each item, in order."""
    for item in items:
        yield [getattr(item, c) for c in columns]


GISTAR_COLUMNS = ("cell_x_m", "cell_y_m", "count", "z", "p", "p_adj", "is_hot", "is_cold")
KDE_COLUMNS = ("cell_x_m", "cell_y_m", "density")
BY_CRIME_TYPE_COLUMNS = (
    "crime_type",
    "count",
    "count_previous",
    "change_pct",
    "rate_ratio",
    "ratio_ci_low",
    "ratio_ci_high",
    "p_value",
    "p_adj",
    "rate_per_1000",
    "wording",
)
TOP_COLUMNS = ("code", "name", "ward_name", "count", "population", "rate_per_1000")


def write_csvs(a: Assessment, out_dir: Path) -> dict[str, Path]:
    """The CSV contract (snake_case headers; see docs/assessment-format.md)."""
    import pyarrow.csv as pacsv

    out: dict[str, Path] = {}
    counts_path = out_dir / "counts.csv"
    pacsv.write_csv(
        a.counts.select(list(COUNTS_COLUMNS)),
        counts_path,
        write_options=pacsv.WriteOptions(quoting_style="needed"),
    )
    out["counts"] = counts_path
    out["by_crime_type"] = _write_csv(
        out_dir / "by_crime_type.csv", BY_CRIME_TYPE_COLUMNS, _attrs(a.by_crime_type, BY_CRIME_TYPE_COLUMNS)
    )
    monthly = ("month", "crime_type", "count")
    out["monthly"] = _write_csv(out_dir / "monthly.csv", monthly, _attrs(a.monthly, monthly))
    rolling = ("month", "all_crime", "asb", "all_crime_12m", "asb_12m")
    out["rolling_12m"] = _write_csv(out_dir / "rolling_12m.csv", rolling, _attrs(a.rolling_12m, rolling))
    top = [
        [ranking, *row]
        for ranking, places in (("by_count", a.top_lsoas.by_count), ("by_rate", a.top_lsoas.by_rate))
        for row in _attrs(places, TOP_COLUMNS)
    ]
    out["top_lsoas"] = _write_csv(out_dir / "top_lsoas.csv", ("ranking", *TOP_COLUMNS), top)
    harm = ("crime_type", "count", "weight", "harm", "share_of_harm", "share_of_count")
    out["harm"] = _write_csv(out_dir / "harm.csv", harm, _attrs(a.harm.rows, harm))
    gistar_cols: tuple[str, ...] = GISTAR_COLUMNS
    gistar_rows: Iterable[Sequence[Any]] = []
    kde_rows: Iterable[Sequence[Any]] = []
    if a.hotspots:
        gi, kde = a.hotspots.gistar.cells, a.hotspots.kde.cells
        columns = [getattr(gi, c) for c in GISTAR_COLUMNS]
        if gi.label is not None:
            gistar_cols = (*GISTAR_COLUMNS, "label")
            columns.append(gi.label)
        gistar_rows = zip(*columns, strict=True)
        kde_rows = zip(kde.cell_x_m, kde.cell_y_m, kde.density, strict=True)
    out["hotspots_gistar"] = _write_csv(out_dir / "hotspots_gistar.csv", gistar_cols, gistar_rows)
    out["hotspots_kde"] = _write_csv(out_dir / "hotspots_kde.csv", KDE_COLUMNS, kde_rows)
    return out


def render_html(
    a: Assessment, *, partnership: str | None = None, sources: Sequence[Mapping[str, str]] = ()
) -> str:
    """The report as HTML. ``partnership``: whom it was made for; ``sources``: that partnership's
    own data sources for the period (each a ``source``, the ``figures`` it holds and its ``period``),
    listed under "Where the figures come from" (a report made with no partnership has no such part)."""
    from csphub.reports import charts, maps

    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(num=_fmt_num, p=_fmt_p, pct=_fmt_pct, plainwords=plain_words, once=_once)
    figs = {
        "monthly": charts.monthly_chart(a.rolling_12m, a.period.first),
        "types": charts.type_chart(a.by_crime_type),
        "harm": charts.harm_chart(a.harm.rows) if a.harm.rows else None,
        "season": charts.seasonality_chart(a.seasonality),
        "gistar": maps.gistar_map(a.hotspots, a.geometry) if a.hotspots else None,
        "kde": maps.kde_map(a.hotspots, a.geometry) if a.hotspots else None,
        "patterns": maps.patterns_map(a.hotspots, a.geometry) if a.hotspots else None,
        "comparators": charts.comparator_chart(a.comparators) if a.comparators else None,
    }
    hot_table = maps.hotspot_table(a.hotspots, a.geometry) if a.hotspots else []
    pattern_rows = maps.patterns_table(a.hotspots, a.geometry) if a.hotspots else []
    repeat_rows = maps.repeat_place_rows(a.repeats.top_places[:10], a.geometry) if a.repeats else []
    return env.get_template("report.html.j2").render(
        a=a,
        figs=figs,
        hot_table=hot_table,
        pattern_rows=pattern_rows,
        pattern_keys=[(key, label) for key, _, label in maps.PATTERNS],
        repeat_rows=repeat_rows,
        plain=PLAIN,
        partnership=partnership,
        sources=list(sources),
    )


# Technical terms as the report says them (the glossary explains each).
PLAIN = {
    "fdr_bh": "the Benjamini–Hochberg false discovery rate",
    "bonferroni": "the Bonferroni correction",
    "none": "no adjustment",
}


def render_report(
    assessment: Assessment,
    out_dir: Path | str,
    *,
    pdf: bool = False,
    html: bool = True,
    partnership: str | None = None,
    sources: Sequence[Mapping[str, str]] = (),
) -> ReportFiles:
    """Write ``assessment.json``, ``report.html`` and the CSVs into ``out_dir`` (created if needed);
    with ``pdf=True`` also ``report.pdf`` via WeasyPrint."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    json_path = out / "assessment.json"
    json_path.write_text(assessment.to_json(indent=None), encoding="utf-8")
    files = ReportFiles(
        out_dir=out, json=json_path, html=out / "report.html", csvs=write_csvs(assessment, out)
    )
    files.geojson = write_hotspots_geojson(assessment, out / "hotspots.geojson")
    if html or pdf:
        text = render_html(assessment, partnership=partnership, sources=sources)
        files.html.write_text(text, encoding="utf-8")
        if pdf:
            from csphub.reports.pdf import write_pdf

            files.pdf = write_pdf(text, out / "report.pdf", base_url=str(out))
    return files


def _once(items: Iterable[str]) -> list[str]:
    """Each item once, in order: the hot-spot steps each note the points outside the area and the
    neighbourhood chosen."""
    return list(dict.fromkeys(items))


def plain_words(text: str) -> str:
    """Notes from the analysis modules without their internal codes ("fdr_bh", "p_adj")."""
    for code, words in (
        (" (fdr_bh)", ""),
        ("fdr_bh", PLAIN["fdr_bh"]),
        ("p_adj", "adjusted p"),
        ("sfhotspot's rule", "the rule of the sfhotspot R package"),
        ("sfhotspot's cell × √2 rule", "the cell × √2 rule of the sfhotspot R package"),
        ("Gi* neighbourhood", "Hot-spot neighbourhood"),
        ("Gi* over", "Hot-spot test (Getis–Ord statistic) over"),
        ("Gi* per period", "the hot-spot test per period"),
        ("Gi*", "the hot-spot test (Getis–Ord statistic)"),
        ("KDE bandwidth", "Density-map radius"),
        ("KDE", "density map"),
    ):
        text = text.replace(code, words)
    return text
