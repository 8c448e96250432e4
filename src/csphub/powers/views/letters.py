"""A power's letter or notice, on screen and as a PDF; producing either is audited."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from csphub.core.actor import SignedInRequest
from csphub.frontend.documents import pdf_response
from csphub.powers import letters, selectors, services


@login_required
def letter(request: SignedInRequest, pk: int) -> HttpResponse:
    use = selectors.power_get(request.actor, pk)
    services.power_letter_issued(actor=request.actor, power=use, fmt="html")
    return HttpResponse(letters.letter_html(use))


@login_required
def letter_pdf(request: SignedInRequest, pk: int) -> HttpResponse:
    use = selectors.power_get(request.actor, pk)
    pdf = letters.letter_pdf(use)
    services.power_letter_issued(actor=request.actor, power=use, fmt="pdf")
    return pdf_response(pdf, filename=f"{use.reference}.pdf")
