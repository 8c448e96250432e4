"""Root URL configuration. Each app is included under its prefix; optional apps only when installed."""

from __future__ import annotations

from django.apps import apps
from django.urls import include, path

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
    from csphub.api.api import api as _api

    # The API's own namespace ("api_v1") sits at the root so the schema view can reverse itself.
    urlpatterns.append(path("api/v1/", _api.urls))
