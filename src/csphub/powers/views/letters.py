"""A power's letter or notice, on screen and as a PDF; producing either is audited."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from csphub.frontend.documents import pdf_response
from csphub.powers import letters, selectors, services


@login_required
def letter(request: HttpRequest, pk: int) -> HttpResponse:
    use = selectors.power_get(request.user, pk)
    services.power_letter_issued(actor=request.user, power=use, fmt="html")
    return HttpResponse(letters.letter_html(use))


@login_required
def letter_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    use = selectors.power_get(request.user, pk)
    pdf = letters.letter_pdf(use)
    services.power_letter_issued(actor=request.user, power=use, fmt="pdf")
    return pdf_response(pdf, filename=f"{use.reference}.pdf")
