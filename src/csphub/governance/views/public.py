"""The public-sector pages (privacy notice, accessibility statement, cookies; no sign-in) and the page
where a partnership sets its privacy notice and Welsh offer."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from csphub.core.actor import SignedInRequest
from csphub.frontend import flows
from csphub.frontend.language import bilingual
from csphub.governance import accessibility as accessibility_checks
from csphub.governance import forms, selectors, services


@bilingual
@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    """The privacy notice of the partnership the page serves (its agencies, its Data Protection
    Officer); where the installation hosts several and the visitor has not chosen, they choose."""
    partnership = selectors.public_partnership(request)
    areas = selectors.public_areas()
    chosen = selectors.public_area(request)
    context: dict[str, Any] = {
        "areas": areas if len(areas) > 1 else [],
        "chosen_area": chosen,
        "choose": partnership is None and len(areas) > 1,
    }
    if not context["choose"]:
        context.update(
            privacy=selectors.privacy_settings(partnership),
            controllers=selectors.controllers(partnership),
            bases=selectors.lawful_bases(partnership=partnership),
        )
        if partnership is not None:
            context["partnership_name"] = partnership.name
    return render(request, "governance/privacy.html", context)


@bilingual
@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "governance/accessibility.html",
        {"statement": selectors.accessibility_settings(), "checks": accessibility_checks.load()},
    )


@bilingual
@require_GET
def cookies(request: HttpRequest) -> HttpResponse:
    return render(request, "governance/cookies.html", {"cookies": selectors.essential_cookies()})


# --- The partnership's public pages (capability CONFIGURE_PUBLIC_PAGES: coordinators, administrators)


@login_required
def public_pages(request: SignedInRequest) -> HttpResponse:
    """The acting partnership's privacy notice and Welsh offer; an empty part uses the service's default."""
    if not services.public_pages_can_configure(request.actor):
        raise PermissionDenied
    partnership = request.actor.partnership
    assert partnership is not None  # public_pages_can_configure
    defaults = selectors.privacy_settings(None)
    initial = {
        "dpo_name": partnership.dpo_name,
        "dpo_email": partnership.dpo_email,
        "dpo_address": partnership.dpo_address,
        "privacy_retention": partnership.privacy_retention,
        "offer_welsh": "yes" if selectors.offers_welsh(partnership) else "no",
    }

    def done(changed: Any) -> HttpResponse:
        messages.success(request, f"Public pages of the {changed.name} saved")
        return redirect("dataprotection:public_pages")

    return flows.question_check_confirm(
        request,
        forms.PublicPagesForm(flows.posted(request), initial=initial),
        perform=lambda data: services.public_pages_set(actor=request.actor, **data),
        done=done,
        question=flows.Page(
            "governance/staff/public_pages.html",
            {
                "heading": "Privacy notice and Welsh",
                "caption": partnership.name,
                "back": reverse("frontend:home"),
                "defaults": defaults,
                "welsh_default": selectors.offers_welsh(None),
                "partnership": partnership,
                "area": next(
                    (a for a in selectors.public_areas() if selectors.area_partnership(a) == partnership),
                    None,
                ),
                "continue_label": "Continue",
            },
        ),
        check=flows.Page(
            "governance/staff/check.html",
            {
                "heading": "Check the partnership's public pages",
                "caption": partnership.name,
                "back": reverse("dataprotection:public_pages"),
                "confirm_label": "Save",
                "explain": "The privacy notice and the language switch change for every visitor to this "
                "partnership's public pages as soon as you save.",
            },
        ),
    )
