"""The public-sector pages: privacy notice, accessibility statement and cookies. No sign-in."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from csphub.frontend.language import bilingual
from csphub.governance import selectors


@bilingual
@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "governance/privacy.html",
        {
            "privacy": selectors.privacy_settings(),
            "controllers": selectors.controllers(),
            "bases": selectors.lawful_bases(),
        },
    )


@bilingual
@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "governance/accessibility.html", {"statement": selectors.accessibility_settings()})


@bilingual
@require_GET
def cookies(request: HttpRequest) -> HttpResponse:
    return render(request, "governance/cookies.html", {"cookies": selectors.essential_cookies()})
