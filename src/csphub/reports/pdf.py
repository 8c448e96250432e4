"""HTML → PDF: the one place the service calls WeasyPrint (issue 8: it was called four ways).

Pure of Django, so the analytics report (``reports.render``), the report the web app renders
(``insights``) and every letter, notice, bundle and plan document (``frontend.documents``) share it.
WeasyPrint is imported when a PDF is made: it needs pango at the system level and most requests,
and every assessment without ``--pdf``, never make one.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def html_to_pdf(
    html: str,
    *,
    base_url: str | None = None,
    stylesheets: Iterable[Path | str] = (),
    tagged: bool = True,
) -> bytes:
    """``html`` as PDF bytes. ``base_url`` resolves relative links (images, the report's charts);
    ``stylesheets`` are CSS files; ``tagged`` (the default) makes a tagged PDF (headings, lists and tables
    marked up for screen readers): letters go to members of the public, some of whom use one, and
    tagging costs a few milliseconds (PSBAR 2018; WCAG 2.2 1.3.1)."""
    from weasyprint import CSS, HTML

    css = [CSS(filename=str(path)) for path in stylesheets]
    options = {"pdf_tags": True} if tagged else {}
    return bytes(HTML(string=html, base_url=base_url).write_pdf(stylesheets=css, **options))


def write_pdf(html: str, target: Path, *, base_url: str | None = None, tagged: bool = True) -> Path:
    """Write ``html`` as PDF to ``target`` by way of a staging file beside it, so that a reader never
    sees half a PDF (a crash leaves the earlier file, or none)."""
    staging = target.with_name(target.name + ".tmp")
    staging.write_bytes(html_to_pdf(html, base_url=base_url, tagged=tagged))
    staging.replace(target)
    return target
