"""HTML → PDF for the web apps: letters and notices (WeasyPrint), and an HTML-or-PDF response.

One renderer for every app (casereviews letters, powers notices, ...): the static stylesheets are
found here, and the PDF is made by ``reports.pdf``, which the analytics report uses too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string

from csphub.reports import pdf

PDF = "pdf"
HTML = "html"


def html_to_pdf(html: str, *, stylesheets: Iterable[str] = (), tagged: bool = True) -> bytes:
    """``html`` as PDF; ``stylesheets`` are static paths ("powers/letter.css"); missing ones are skipped.
    Every PDF is tagged (headings, lists and tables marked up for screen readers) unless ``tagged`` is
    False: letters and notices go to members of the public."""
    found = [finders.find(path) for path in stylesheets]
    return pdf.html_to_pdf(html, stylesheets=[str(path) for path in found if path], tagged=tagged)


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
