"""Request hygiene and response headers that every page needs.

:class:`NoStoreMiddleware` sets ``Cache-Control: no-store`` on every page the application itself
answers (finding 12). Person, case and search pages, CSV exports, the JSON API, evidence downloads and
the public Case Review journey all hold personal data; a browser on a shared council or police PC must
not keep them in its disk cache, where Back after sign-out would show them again. Static files are
served by WhiteNoise above this middleware and keep their long-lived caching. A view that already set
its own Cache-Control (``never_cache``) keeps it.

:class:`InvalidCharactersMiddleware` refuses input that no field of CSP Hub can hold: a NUL byte
(PostgreSQL text cannot store it, so it would otherwise surface as a server error on some pages
and not others) and the other control characters that are never typed. It answers 400 with a plain
message, on both databases, for the address, the query string and form fields alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
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


# C0 controls except tab, line feed and carriage return; DEL; and the NUL byte above all.
INVALID_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

BAD_INPUT_MESSAGE = (
    "What you entered contains a character that CSP Hub cannot accept, such as a null or other "
    "control character. Remove it and try again."
)


def has_invalid_characters(value: str) -> bool:
    return INVALID_CHARACTERS.search(value) is not None


def _values(request: HttpRequest) -> Iterable[str]:
    yield request.path
    for key, values in request.GET.lists():
        yield key
        yield from values
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        for key, values in request.POST.lists():
            yield key
            yield from values
        for _key, uploads in request.FILES.lists():
            for upload in uploads:
                yield str(getattr(upload, "name", "") or "")


class DisallowedMethodsMiddleware:
    """TRACE and CONNECT are never served (TRACE used to answer 200: security review, note in 25)."""

    DISALLOWED = frozenset({"TRACE", "CONNECT"})

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in self.DISALLOWED:
            response = HttpResponse("Method not allowed", status=405, content_type="text/plain")
            response["Allow"] = "GET, HEAD, POST, OPTIONS"
            return response
        return self.get_response(request)


class InvalidCharactersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if any(has_invalid_characters(value) for value in _values(request)):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": BAD_INPUT_MESSAGE}, status=400)
            return render(request, "400.html", {"message": BAD_INPUT_MESSAGE}, status=400)
        return self.get_response(request)
