"""Charts as hand-written SVG, returned as ``data:`` URIs (the maps are in ``reports.maps``).

The report's figures (monthly series, counts by type, harm shares, seasonality, comparators; the
maps) are drawn directly as SVG elements: lines, bars, text and, for the maps, one rectangle per
run of equal-coloured grid cells plus boundary polylines. No plotting library is imported, which
saves about two seconds of start-up and drawing per report, and the output is crisp at any zoom and
in the PDF. Text stays text (searchable, selectable). Output is deterministic for the same input.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Sequence
from html import escape

from csphub.analytics.assessment import (
    Comparators,
    CrimeTypeRow,
    HarmRow,
    RollingMonth,
    SeasonalitySection,
)

BLUE, GREY, RED, ORANGE = "#1d70b8", "#b1b4b6", "#d4351c", "#f47738"
INK, MUTED, COLD, NEUTRAL = "#0b0c0c", "#505a5f", "#5694ca", "#f3f2f1"
FONT = 12  # px
# ColorBrewer YlOrRd (9 classes), interpolated for the density map
YLORRD = ("#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#bd0026", "#800026")
N_SHADES = 64


def _f(v: float) -> str:
    """Compact coordinate text (one decimal, no trailing zeros)."""
    s = f"{v:.1f}"
    return s[:-2] if s.endswith(".0") else s


def _text(
    x: float, y: float, s: str, *, anchor: str = "start", size: int = FONT, fill: str = INK, extra: str = ""
) -> str:
    return (
        f'<text x="{_f(x)}" y="{_f(y)}" font-size="{size}" fill="{fill}" text-anchor="{anchor}"{extra}>'
        f"{escape(s)}</text>"
    )


def _uri(width: float, height: float, body: Sequence[str], title: str) -> str:
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_f(width)}" height="{_f(height)}" '
        f'viewBox="0 0 {_f(width)} {_f(height)}" font-family="Arial, Helvetica, sans-serif" role="img">'
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg>"
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _nice_ticks(vmax: float, n: int = 5) -> list[float]:
    """Round tick values from 0 to at least ``vmax``."""
    if not (vmax > 0 and math.isfinite(vmax)):
        return [0.0, 1.0]
    raw = vmax / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    k = math.ceil(vmax / step - 1e-9)
    return [i * step for i in range(k + 1)]


def _tick_label(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")


def _legend(x: float, y: float, items: Sequence[tuple[str, str, str]]) -> list[str]:
    """Legend rows at (x, y): (kind 'box'|'line', colour, label)."""
    out = []
    for i, (kind, col, lab) in enumerate(items):
        yy = y + i * 16
        if kind == "line":
            out.append(
                f'<line x1="{_f(x)}" y1="{_f(yy)}" x2="{_f(x + 18)}" y2="{_f(yy)}" stroke="{col}" '
                'stroke-width="2"/>'
                f'<circle cx="{_f(x + 9)}" cy="{_f(yy)}" r="2.5" fill="{col}"/>'
            )
        else:
            out.append(
                f'<rect x="{_f(x)}" y="{_f(yy - 5)}" width="12" height="10" fill="{col}" stroke="#d0d0d0" '
                'stroke-width="0.5"/>'
            )
        out.append(_text(x + 24, yy + 4, lab, size=FONT - 1))
    return out


# ---------------------------------------------------------------- line chart


def monthly_chart(rolling: Sequence[RollingMonth], study_from: str) -> str:
    months = [r.month for r in rolling]
    series = [
        ([float(r.all_crime or 0) for r in rolling], BLUE, "Recorded crime (excl. ASB)"),
        ([float(r.asb or 0) for r in rolling], ORANGE, "Anti-social behaviour"),
    ]
    width, height = 720.0, 290.0
    left, right, top, bottom = 70.0, 12.0, 12.0, 62.0
    pw, ph = width - left - right, height - top - bottom
    vmax = max([max(s) if s else 0 for s, _, _ in series] + [1.0])
    ticks = _nice_ticks(vmax)
    ymax = ticks[-1]
    n = max(len(months), 1)

    def px(i: float) -> float:
        return left + (i + 0.5) * pw / n

    def py(v: float) -> float:
        return top + ph - v / ymax * ph

    body = []
    for t in ticks:
        body.append(
            f'<line x1="{_f(left)}" y1="{_f(py(t))}" x2="{_f(left + pw)}" y2="{_f(py(t))}" '
            'stroke="#e5e5e5" stroke-width="1"/>'
        )
        body.append(_text(left - 6, py(t) + 4, _tick_label(t), anchor="end", size=FONT - 1))
    body.append(f'<line x1="{_f(left)}" y1="{_f(top)}" x2="{_f(left)}" y2="{_f(top + ph)}" stroke="{INK}"/>')
    body.append(
        f'<line x1="{_f(left)}" y1="{_f(top + ph)}" x2="{_f(left + pw)}" y2="{_f(top + ph)}" stroke="{INK}"/>'
    )
    if study_from in months:
        xs = px(months.index(study_from) - 0.5)
        body.append(
            f'<line x1="{_f(xs)}" y1="{_f(top)}" x2="{_f(xs)}" y2="{_f(top + ph)}" stroke="{GREY}" '
            'stroke-dasharray="5 3"/>'
        )
        body.append(_text(xs + 4, top + 12, "study period →", size=FONT - 1, fill=MUTED))
    step = max(1, len(months) // 12)
    for i in range(0, len(months), step):
        x, y = px(i), top + ph + 14
        body.append(
            _text(
                x,
                y,
                str(months[i]),
                anchor="end",
                size=FONT - 1,
                extra=f' transform="rotate(-45 {_f(x)} {_f(y)})"',
            )
        )
    body.append(
        _text(
            16,
            top + ph / 2,
            "incidents per month",
            anchor="middle",
            size=FONT - 1,
            extra=f' transform="rotate(-90 16 {_f(top + ph / 2)})"',
        )
    )
    for vals, col, _ in series:
        if not vals:
            continue
        pts = " ".join(f"{_f(px(i))},{_f(py(v))}" for i, v in enumerate(vals))
        body.append(f'<polyline points="{pts}" fill="none" stroke="{col}" stroke-width="2"/>')
        body.extend(
            f'<circle cx="{_f(px(i))}" cy="{_f(py(v))}" r="2.5" fill="{col}"/>' for i, v in enumerate(vals)
        )
    body.extend(_legend(left + 10, top + ph - 28, [("line", c, lab) for _, c, lab in series]))
    return _uri(width, height, body, "Incidents per month, crime and ASB")


# ---------------------------------------------------------------- bar charts


def _hbar_chart(
    labels: list[str],
    a: list[float],
    b: list[float],
    *,
    a_col: str,
    a_lab: str,
    b_col: str,
    b_lab: str,
    xlabel: str,
    title: str,
) -> str:
    """Horizontal grouped bars: ``a`` (upper bar) and ``b`` (lower bar) per label, first label at the
    bottom (as matplotlib draws ``barh`` with increasing y)."""
    row_h = 27.0
    width = 720.0
    left = 8.0 + 6.4 * max([len(s) for s in labels] + [4])
    right, top, bottom = 16.0, 10.0, 46.0
    height = top + bottom + row_h * max(len(labels), 1)
    pw = width - left - right
    vmax = max([*a, *b, 1e-12])
    ticks = _nice_ticks(vmax)
    xmax = ticks[-1]

    def px(v: float) -> float:
        return left + max(v, 0.0) / xmax * pw

    body = []
    base = top + row_h * len(labels)
    for t in ticks:
        body.append(
            f'<line x1="{_f(px(t))}" y1="{_f(top)}" x2="{_f(px(t))}" y2="{_f(base)}" stroke="#e5e5e5"/>'
        )
        body.append(_text(px(t), base + 15, _tick_label(t), anchor="middle", size=FONT - 1))
    for i, lab in enumerate(labels):
        y0 = base - (i + 1) * row_h + 3  # row i from the bottom
        bh = (row_h - 6) / 2
        body.append(
            f'<rect x="{_f(left)}" y="{_f(y0)}" width="{_f(px(a[i]) - left)}" height="{_f(bh)}" '
            f'fill="{a_col}"><title>{escape(lab)}: {escape(_tick_label(a[i]))}</title></rect>'
        )
        body.append(
            f'<rect x="{_f(left)}" y="{_f(y0 + bh)}" width="{_f(px(b[i]) - left)}" height="{_f(bh)}" '
            f'fill="{b_col}"><title>{escape(lab)}: {escape(_tick_label(b[i]))}</title></rect>'
        )
        body.append(_text(left - 6, y0 + bh + 4, lab, anchor="end", size=FONT - 1))
    body.append(f'<line x1="{_f(left)}" y1="{_f(top)}" x2="{_f(left)}" y2="{_f(base)}" stroke="{INK}"/>')
    body.append(
        f'<line x1="{_f(left)}" y1="{_f(base)}" x2="{_f(left + pw)}" y2="{_f(base)}" stroke="{INK}"/>'
    )
    body.append(_text(left + pw / 2, base + 36, xlabel, anchor="middle", size=FONT - 1))
    body.extend(_legend(left + pw - 150, base - 30, [("box", a_col, a_lab), ("box", b_col, b_lab)]))
    return _uri(width, height, body, title)


def type_chart(by_type: Sequence[CrimeTypeRow]) -> str:
    rows = sorted(by_type, key=lambda r: r.count)
    return _hbar_chart(
        [str(r.crime_type) for r in rows],
        [float(r.count_previous or 0) for r in rows],
        [float(r.count or 0) for r in rows],
        a_col=GREY,
        a_lab="previous period",
        b_col=BLUE,
        b_lab="study period",
        xlabel="incidents",
        title="Incidents by crime type, this period and the previous one",
    )


def comparator_chart(comp: Comparators) -> str:
    """Dot plot: crime (excl. ASB) and ASB per 1,000 residents of each district of the force area,
    the force area as dashed lines, the study area's row in bold."""
    rows = sorted((r for r in comp.rows if r.kind == "district"), key=lambda r: r.crime_per_1000 or 0.0)
    force = next((r for r in comp.rows if r.kind == "force area"), None)
    row_h, width = 22.0, 720.0
    left = 8.0 + 6.4 * max([len(r.name) for r in rows] + [4])
    right, top, bottom = 16.0, 10.0, 50.0
    height = top + bottom + row_h * max(len(rows), 1)
    pw = width - left - right
    vmax = max([*(r.crime_per_1000 or 0.0 for r in rows), *(r.asb_per_1000 or 0.0 for r in rows), 1e-9])
    ticks = _nice_ticks(vmax)

    def px(v: float) -> float:
        return left + max(v, 0.0) / ticks[-1] * pw

    base = top + row_h * len(rows)
    body = []
    for t in ticks:
        body.append(
            f'<line x1="{_f(px(t))}" y1="{_f(top)}" x2="{_f(px(t))}" y2="{_f(base)}" stroke="#e5e5e5"/>'
        )
        body.append(_text(px(t), base + 15, _tick_label(t), anchor="middle", size=FONT - 1))
    if force is not None:
        for v, col in ((force.crime_per_1000, BLUE), (force.asb_per_1000, RED)):
            if v is not None:
                body.append(
                    f'<line x1="{_f(px(v))}" y1="{_f(top)}" x2="{_f(px(v))}" y2="{_f(base)}" stroke="{col}" '
                    'stroke-dasharray="4 3"/>'
                )
    for i, r in enumerate(rows):
        y = base - (i + 0.5) * row_h
        body.append(
            f'<line x1="{_f(left)}" y1="{_f(y)}" x2="{_f(left + pw)}" y2="{_f(y)}" stroke="#f3f2f1"/>'
        )
        for v, col in ((r.crime_per_1000, BLUE), (r.asb_per_1000, RED)):
            if v is not None:
                body.append(
                    f'<circle cx="{_f(px(v))}" cy="{_f(y)}" r="{5 if r.is_study_area else 4}" fill="{col}">'
                    f"<title>{escape(r.name)}: {v:,.1f} per 1,000</title></circle>"
                )
        weight = ' font-weight="bold"' if r.is_study_area else ""
        body.append(_text(left - 6, y + 4, r.name, anchor="end", size=FONT - 1, extra=weight))
    body.append(
        _text(left + pw / 2, base + 34, "per 1,000 residents, study period", anchor="middle", size=FONT - 1)
    )
    items = [("box", BLUE, "crime (excl. ASB)"), ("box", RED, "anti-social behaviour")]
    body.extend(_legend(left + pw - 170, top + 4, items))
    return _uri(width, height, body, f"Rates in the districts of {comp.force_area}")


def harm_chart(harm_rows: Sequence[HarmRow]) -> str:
    rows = [r for r in harm_rows if r.harm is not None and r.count > 0][:10][::-1]
    return _hbar_chart(
        [str(r.crime_type) for r in rows],
        [100 * (r.share_of_count or 0) for r in rows],
        [100 * (r.share_of_harm or 0) for r in rows],
        a_col=GREY,
        a_lab="share of crimes",
        b_col=RED,
        b_lab="share of harm",
        xlabel="% of total",
        title="Share of crimes and share of harm by type",
    )


def seasonality_chart(season: SeasonalitySection) -> str:
    names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    series = []
    for s, col, lab in ((season.all_crime, BLUE, "crime"), (season.asb, ORANGE, "ASB")):
        idx = s.index_by_calendar_month
        series.append(([float(idx.get(m) or 0) for m in range(1, 13)], col, lab))
    width, height = 720.0, 215.0
    left, right, top, bottom = 64.0, 12.0, 10.0, 28.0
    pw, ph = width - left - right, height - top - bottom
    ticks = _nice_ticks(max([v for s, _, _ in series for v in s] + [1.0]), 4)
    ymax = ticks[-1]

    def py(v: float) -> float:
        return top + ph - max(v, 0.0) / ymax * ph

    slot = pw / 12
    body = []
    for t in ticks:
        body.append(
            f'<line x1="{_f(left)}" y1="{_f(py(t))}" x2="{_f(left + pw)}" y2="{_f(py(t))}" stroke="#e5e5e5"/>'
        )
        body.append(_text(left - 6, py(t) + 4, _tick_label(t), anchor="end", size=FONT - 1))
    for m in range(12):
        for k, (vals, col, lab) in enumerate(series):
            x = left + m * slot + slot * (0.1 + 0.4 * k)
            body.append(
                f'<rect x="{_f(x)}" y="{_f(py(vals[m]))}" width="{_f(slot * 0.4)}" '
                f'height="{_f(py(0) - py(vals[m]))}" fill="{col}"><title>{names[m]} {lab}: '
                f"{vals[m]:.2f}</title></rect>"
            )
        body.append(_text(left + (m + 0.5) * slot, top + ph + 16, names[m], anchor="middle", size=FONT - 1))
    body.append(
        f'<line x1="{_f(left)}" y1="{_f(py(1.0))}" x2="{_f(left + pw)}" y2="{_f(py(1.0))}" '
        f'stroke="{INK}" stroke-width="1"/>'
    )
    body.append(f'<line x1="{_f(left)}" y1="{_f(top)}" x2="{_f(left)}" y2="{_f(top + ph)}" stroke="{INK}"/>')
    body.append(
        f'<line x1="{_f(left)}" y1="{_f(top + ph)}" x2="{_f(left + pw)}" y2="{_f(top + ph)}" stroke="{INK}"/>'
    )
    body.append(
        _text(
            14,
            top + ph / 2,
            "index (1 = average month)",
            anchor="middle",
            size=FONT - 1,
            extra=f' transform="rotate(-90 14 {_f(top + ph / 2)})"',
        )
    )
    body.extend(_legend(left + pw - 70, top + 10, [("box", c, lab) for _, c, lab in series]))
    return _uri(width, height, body, "Seasonal index by calendar month")
