"""Root URL configuration. Each app is included under its prefix; optional apps only when installed."""

from __future__ import annotations

from django.apps import apps
from django.urls import include, path

from csphub.config.lazy_urls import LazyNamespaceResolver

handler403 = "csphub.frontend.views.error_403"
handler404 = "csphub.frontend.views.error_404"
handler500 = "csphub.frontend.views.error_500"

urlpatterns = [
    path("", include("csphub.frontend.urls")),
    path("accounts/", include("csphub.accounts.urls")),
    path("people/", include("csphub.people.urls")),
]

# (app label, prefix, urls module) of apps built on the core.
_OPTIONAL = (
    ("cases", "cases/", "csphub.cases.urls"),
    ("powers", "powers/", "csphub.powers.urls"),
    ("risk", "risk/", "csphub.risk.urls"),
    ("casereviews", "case-reviews/", "csphub.casereviews.urls"),
    ("insights", "insights/", "csphub.insights.urls"),
    ("planning", "priorities/", "csphub.planning.urls"),
    ("api", "api/", "csphub.api.urls"),
    ("duties", "duties/", "csphub.duties.urls"),
    ("governance", "about/", "csphub.governance.urls"),
    ("governance", "data-protection/", "csphub.governance.staff_urls"),
)
for _label, _prefix, _module in _OPTIONAL:
    if apps.is_installed(f"csphub.{_label}"):
        urlpatterns.append(path(_prefix, include(_module)))

if apps.is_installed("csphub.api"):
    # The API's own namespace ("api_v1") sits at the root so the schema view can reverse itself.
    # Mounted lazily (what ``path("api/v1/", api.urls)`` mounted eagerly): csphub.api.v1_urls, with
    # django-ninja and Pydantic (~0.15 s), loads on the first API request or api_v1: reverse, not
    # in every process that serves a page.
    urlpatterns.append(
        LazyNamespaceResolver("api/v1/", "csphub.api.v1_urls", app_name="ninja", namespace="api_v1")
    )
