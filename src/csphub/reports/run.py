"""One orchestration for a rendered Strategic Assessment, shared by ``csphub assess`` and the web app.

``assess_and_render`` checks the period (one validator), computes the assessment
(``analytics.pipeline.run_assessment``) and writes its files (``render_report``). The callers only
choose where the files go and how errors are shown.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from csphub.analytics import pipeline
from csphub.analytics.assessment import Assessment
from csphub.reports.render import ReportFiles, render_report


@dataclass(frozen=True)
class RenderedAssessment:
    assessment: Assessment
    files: ReportFiles


def default_out_dir(assessment: Assessment) -> Path:
    """``assessment-<area slug>-<from>-<to>`` in the working folder (the CLI's default)."""
    p = assessment.period
    return Path(f"assessment-{pipeline.area_slug(assessment.area.name)}-{p.first}-{p.last}")


def assess_and_render(
    area: str | Sequence[str] | None,
    *,
    date_from: str,
    date_to: str,
    out_dir: Path | None = None,
    replace: bool = False,
    pdf: bool = False,
    data_dir: Path | str | None = None,
    reference_dir: Path | str | None = None,
    weights_path: Path | str | None = None,
    cell_size_m: float | None = None,
    bandwidth_m: float | None = None,
    partnership: str | None = None,
    sources: Sequence[Mapping[str, str]] = (),
) -> RenderedAssessment:
    """Check the period, compute the assessment of ``area`` and write its files into ``out_dir``
    (default ``default_out_dir``). ``partnership`` and ``sources``: whom the report is made for and
    that partnership's own data sources, listed in the report (see ``render.render_html``).

    ``replace=True`` writes into a staging folder beside ``out_dir`` and then swaps it in, so a re-run
    replaces the earlier files and never leaves a half-written folder (the web app's runs); otherwise
    the files are written into ``out_dir`` (created if needed) beside whatever is there.

    Raises ``pipeline.PeriodError`` for a bad period, ``geography.AreaNotFound`` for an unknown area
    and ``ValueError`` when the store holds no data for the period.
    """
    pipeline.check_period(date_from, date_to)
    assessment = pipeline.run_assessment(
        area,
        date_from=date_from,
        date_to=date_to,
        data_dir=data_dir,
        reference_dir=reference_dir,
        weights_path=weights_path,
        cell_size_m=cell_size_m,
        bandwidth_m=bandwidth_m,
    )
    target = out_dir or default_out_dir(assessment)
    if not replace:
        return RenderedAssessment(
            assessment, render_report(assessment, target, pdf=pdf, partnership=partnership, sources=sources)
        )
    staging = target.with_name(target.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staged = render_report(assessment, staging, pdf=pdf, partnership=partnership, sources=sources)
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    files = ReportFiles(
        out_dir=target,
        json=target / staged.json.name,
        html=target / staged.html.name,
        csvs={name: target / path.name for name, path in staged.csvs.items()},
        pdf=None if staged.pdf is None else target / staged.pdf.name,
    )
    return RenderedAssessment(assessment, files)
