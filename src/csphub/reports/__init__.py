"""Render an Assessment as documents: self-contained HTML, CSV tables, optional PDF.

No computation here beyond layout: figures come from the Assessment. No Django.

The names below are loaded on first use (PEP 562), not when the package is imported: the web apps
import ``csphub.reports.pdf`` alone (letters, notices, board packs), and importing the renderer
would pull NumPy, PyArrow and DuckDB into every process's start-up.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from csphub.reports.render import ReportFiles, render_report, write_csvs
    from csphub.reports.run import RenderedAssessment, assess_and_render

__all__ = ["RenderedAssessment", "ReportFiles", "assess_and_render", "render_report", "write_csvs"]

_HOME = {
    "ReportFiles": "csphub.reports.render",
    "render_report": "csphub.reports.render",
    "write_csvs": "csphub.reports.render",
    "RenderedAssessment": "csphub.reports.run",
    "assess_and_render": "csphub.reports.run",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value  # later look-ups find it directly
    return value
