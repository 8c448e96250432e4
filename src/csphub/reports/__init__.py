"""Render an Assessment as documents: self-contained HTML, CSV tables, optional PDF.

No computation here beyond layout: figures come from the Assessment. No Django.
"""

from csphub.reports.render import ReportFiles, render_report, write_csvs
from csphub.reports.run import RenderedAssessment, assess_and_render

__all__ = ["RenderedAssessment", "ReportFiles", "assess_and_render", "render_report", "write_csvs"]
