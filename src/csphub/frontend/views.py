"""The home page and the error pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from csphub.agencies.policies import acting_membership
from csphub.core.actor import SignedInRequest
from csphub.core.memo import page_memo
from csphub.frontend.registry import HOME_PANELS


def root(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("frontend:home")
    return render(request, "frontend/start.html")


@login_required
def home(request: SignedInRequest) -> HttpResponse:
    """The signed-in user's work: each installed app contributes a panel that applies to them (each
    asked with the request's actor, so they share one policy, and inside one page memo, so they
    share what more than one of them reads)."""
    panels = []
    with page_memo():  # what two panels both read (the running powers) is read once
        for panel in HOME_PANELS:
            context = panel.context(request.actor)
            if context is not None:
                panels.append({"title": panel.title, "template": panel.template, "context": context})
    return render(
        request,
        "frontend/home.html",
        {"panels": panels, "membership": acting_membership(request.actor)},
    )


@login_required
def help_index(request: HttpRequest) -> HttpResponse:
    """How to use CSP Hub, where the law and guidance are, and what each power is."""
    from csphub.frontend import help as content

    return render(
        request,
        "frontend/help/index.html",
        {
            "powers": content.POWERS,
            "terms": content.TERMS,
            "asb_guidance": content.ASB_GUIDANCE,
            "case_review_guidance": content.CASE_REVIEW_GUIDANCE,
        },
    )


@login_required
def glossary(request: HttpRequest) -> HttpResponse:
    """The 2014 Act's powers and the partnership terms, each linked to the law and guidance."""
    from csphub.frontend import help as content

    return render(
        request,
        "frontend/help/glossary.html",
        {"powers": content.POWERS, "terms": content.TERMS, "asb_guidance": content.ASB_GUIDANCE},
    )


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on pages that name no icon (letters, reports): send the icon."""
    from django.templatetags.static import static

    return redirect(static("frontend/favicon.svg"), permanent=True)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    # No context processors: the database may be what failed.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render({}), status=500)
