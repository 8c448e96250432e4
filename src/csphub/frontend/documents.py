"""HTML → PDF for the web apps: letters and notices (WeasyPrint), and an HTML-or-PDF response.

One renderer for every app (casereviews letters, powers notices, ...); the analytics report renders
its own PDF in ``reports`` (it has no Django). WeasyPrint is imported when a PDF is made, because it
needs pango at the system level and most requests never make one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string

PDF = "pdf"
HTML = "html"


def html_to_pdf(html: str, *, stylesheets: Iterable[str] = (), tagged: bool = False) -> bytes:
    """``html`` as PDF; ``stylesheets`` are static paths ("powers/letter.css"); missing ones are skipped.
    ``tagged``: a tagged PDF (headings, lists and tables marked up for screen readers), for documents
    the partnership publishes."""
    from weasyprint import CSS
    from weasyprint import HTML as WeasyHTML

    found = [finders.find(path) for path in stylesheets]
    css = [CSS(filename=str(path)) for path in found if path]
    options = {"pdf_tags": True} if tagged else {}
    return bytes(WeasyHTML(string=html).write_pdf(stylesheets=css, **options))


def render_pdf(template: str, context: Mapping[str, Any], *, stylesheets: Iterable[str] = ()) -> bytes:
    """The template rendered to HTML, then to PDF."""
    return html_to_pdf(render_to_string(template, dict(context)), stylesheets=stylesheets)


def pdf_response(pdf: bytes, *, filename: str) -> HttpResponse:
    """A PDF download named ``filename``. Every PDF here carries personal data (letters, notices,
    case bundles), so no browser or proxy may keep a copy: ``Cache-Control: no-store``."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def document_response(
    template: str,
    context: Mapping[str, Any],
    *,
    fmt: str,
    filename: str,
    stylesheets: Iterable[str] = (),
) -> HttpResponse:
    """The document as an HTML page (``fmt="html"``) or a PDF download (``fmt="pdf"``)."""
    if fmt == PDF:
        return pdf_response(render_pdf(template, context, stylesheets=stylesheets), filename=filename)
    if fmt != HTML:
        raise ValueError(f"unknown document format: {fmt}")
    return HttpResponse(render_to_string(template, dict(context)))
