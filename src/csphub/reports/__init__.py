"""Render an Assessment as documents: self-contained HTML, CSV tables, optional PDF.

No computation here beyond layout: figures come from the Assessment. No Django.
"""

from csphub.reports.render import ReportFiles, render_report, write_csvs

__all__ = ["ReportFiles", "render_report", "write_csvs"]
