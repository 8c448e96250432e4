"""``Cache-Control: no-store`` on every page the application itself answers (finding 12).

Person, case and search pages, CSV exports, the JSON API, evidence downloads and the public Case
Review journey all hold personal data; a browser on a shared council or police PC must not keep them
in its disk cache, where Back after sign-out would show them again. Static files are served by
WhiteNoise above this middleware and keep their long-lived caching. A view that already set its own
Cache-Control (``never_cache``) keeps it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, no_store=True, private=True)
        elif "no-store" not in response["Cache-Control"]:
            patch_cache_control(response, no_store=True)
        return response
