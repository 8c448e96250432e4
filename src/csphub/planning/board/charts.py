"""The board pack's charts: each CSP Plan measure against its baseline and target, and the Plan's
actions by RAG. Drawn as SVG with the report's own helpers (``csphub.reports.charts``: no plotting
library, text stays text, deterministic); the pack prints each chart's figures in a table beside it,
which is the chart's text alternative."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from csphub.reports.charts import BLUE, GREY, INK, MUTED, _f, _nice_ticks, _text, _tick_label, _uri

GREEN, AMBER, RED = "#00703c", "#f47738", "#d4351c"
TARGET = "#0b0c0c"


def measure_chart(measure: Mapping[str, Any]) -> str:
    """Horizontal bars: the baseline, the target (when set) and the latest figure, on one scale; the
    target is also drawn as a dashed line across the bars so the eye reads the latest against it."""
    rows: list[tuple[str, float, str]] = [
        (f"Baseline ({measure['baseline_label']})", float(measure["baseline"]), GREY)
    ]
    if measure.get("target") is not None:
        rows.append((f"Target ({measure.get('target_label') or 'set'})", float(measure["target"]), MUTED))
    if measure.get("value") is not None:
        on_track = measure.get("on_track")
        rows.append(
            ("Latest", float(measure["value"]), GREEN if on_track else RED if on_track is False else BLUE)
        )
    width, row_h, top, bottom = 560.0, 26.0, 8.0, 30.0
    left = 8.0 + 6.4 * max(len(label) for label, _, _ in rows)
    right = 60.0
    pw = width - left - right
    height = top + bottom + row_h * len(rows)
    ticks = _nice_ticks(max(v for _, v, _ in rows))
    xmax = ticks[-1]

    def px(v: float) -> float:
        return left + max(v, 0.0) / xmax * pw

    base = top + row_h * len(rows)
    body: list[str] = []
    for t in ticks:
        body.append(
            f'<line x1="{_f(px(t))}" y1="{_f(top)}" x2="{_f(px(t))}" y2="{_f(base)}" stroke="#e5e5e5"/>'
        )
        body.append(_text(px(t), base + 15, _tick_label(t), anchor="middle", size=11))
    for i, (label, value, colour) in enumerate(rows):
        y = top + i * row_h + 4
        body.append(
            f'<rect x="{_f(left)}" y="{_f(y)}" width="{_f(px(value) - left)}" height="{_f(row_h - 8)}" '
            f'fill="{colour}"><title>{escape(label)}: {escape(_tick_label(value))}</title></rect>'
        )
        body.append(_text(left - 6, y + row_h / 2, label, anchor="end", size=11))
        body.append(_text(px(value) + 4, y + row_h / 2, _tick_label(value), size=11))
    if measure.get("target") is not None:
        x = px(float(measure["target"]))
        body.append(
            f'<line x1="{_f(x)}" y1="{_f(top)}" x2="{_f(x)}" y2="{_f(base)}" stroke="{TARGET}" '
            'stroke-width="1.5" stroke-dasharray="4 3"/>'
        )
    body.append(f'<line x1="{_f(left)}" y1="{_f(top)}" x2="{_f(left)}" y2="{_f(base)}" stroke="{INK}"/>')
    return _uri(width, height, body, measure_chart_title(measure))


def measure_chart_title(measure: Mapping[str, Any]) -> str:
    parts = [f"baseline {measure['baseline']} ({measure['baseline_label']})"]
    if measure.get("target") is not None:
        parts.append(f"target {measure['target']} ({measure.get('target_label') or 'set'})")
    parts.append("no figure yet" if measure.get("value") is None else f"latest {measure['value']}")
    return f"{measure['title']}: " + ", ".join(parts)


def rag_chart(rows: Sequence[Mapping[str, Any]]) -> str:
    """One stacked bar per priority: its actions green, amber and red, with the counts written in."""
    width, row_h, top, bottom = 640.0, 28.0, 8.0, 40.0
    left = 8.0 + 6.4 * max([len(str(r["priority"])) for r in rows] + [8])
    left = min(left, 300.0)
    pw = width - left - 16.0
    height = top + bottom + row_h * max(len(rows), 1)
    total = max([r["green"] + r["amber"] + r["red"] for r in rows] + [1])
    ticks = _nice_ticks(float(total))
    xmax = ticks[-1]
    base = top + row_h * len(rows)
    body: list[str] = []
    for t in ticks:
        x = left + t / xmax * pw
        body.append(f'<line x1="{_f(x)}" y1="{_f(top)}" x2="{_f(x)}" y2="{_f(base)}" stroke="#e5e5e5"/>')
        body.append(_text(x, base + 15, _tick_label(t), anchor="middle", size=11))
    for i, r in enumerate(rows):
        y = top + i * row_h + 4
        x = left
        label = str(r["priority"])
        body.append(
            _text(
                left - 6,
                y + row_h / 2,
                label if len(label) <= 44 else label[:43] + "…",
                anchor="end",
                size=11,
            )
        )
        for key, colour, word in (("green", GREEN, "green"), ("amber", AMBER, "amber"), ("red", RED, "red")):
            n = int(r[key])
            if not n:
                continue
            w = n / xmax * pw
            body.append(
                f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(w)}" height="{_f(row_h - 8)}" fill="{colour}">'
                f"<title>{escape(label)}: {n} {word}</title></rect>"
            )
            ink = INK if key == "amber" else "#ffffff"
            body.append(_text(x + w / 2, y + row_h / 2, str(n), anchor="middle", size=11, fill=ink))
            x += w
    body.append(f'<line x1="{_f(left)}" y1="{_f(top)}" x2="{_f(left)}" y2="{_f(base)}" stroke="{INK}"/>')
    body.append(_text(left + pw / 2, base + 32, "actions", anchor="middle", size=11))
    return _uri(width, height, body, "The CSP Plan's actions by RAG status, per priority")
