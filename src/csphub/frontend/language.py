"""Welsh on the public pages (Welsh Language Act 1993; the partnership decides whether to offer it).

A view marked ``@bilingual`` is shown in the language the visitor chose with the switch on the page
(``?lang=cy`` / ``?lang=en-gb``, remembered in the session); every other page, and every staff page,
is English. Each partnership chooses whether to offer Welsh (``Partnership.offer_welsh``, set on its
public pages settings page); until it chooses, ``CSPHUB_OFFER_WELSH`` decides for the deployment. The
partnership is the one the public page serves (governance.selectors.public_partnership: the Case
Review area the visitor chose, or the only one).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

SESSION_KEY = "public_language"
# The slug of the Case Review area a visitor chose on a public page: it decides which partnership's
# public pages (privacy notice, Welsh offer) they see.
PUBLIC_AREA_KEY = "public_area"
F = TypeVar("F", bound=Callable[..., Any])


def bilingual(view: F) -> F:
    """Mark a public view as offered in Welsh as well as English (apply it outermost)."""
    view.bilingual = True  # type: ignore[attr-defined]
    return view


def _offers_welsh(request: HttpRequest | None) -> bool:
    from django.apps import apps

    if request is None or not apps.is_installed("csphub.governance"):
        return bool(settings.CSPHUB_OFFER_WELSH)
    from csphub.governance.selectors.public import offers_welsh, public_partnership

    return offers_welsh(public_partnership(request))


def offered_languages(request: HttpRequest | None = None) -> list[tuple[str, str]]:
    """The languages the public pages offer: English, and Welsh if the partnership the page serves
    offers it (without a request: if the deployment does)."""
    if not _offers_welsh(request):
        return [(settings.LANGUAGE_CODE, "English")]
    return list(settings.LANGUAGES)


class PublicLanguageMiddleware:
    """English everywhere, except the visitor's chosen language on a ``@bilingual`` view."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        try:
            response = self.get_response(request)
            if getattr(request, "language_switch", None):
                response.headers["Content-Language"] = request.LANGUAGE_CODE
            return response
        finally:
            translation.deactivate()

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], args: Any, kwargs: Any
    ) -> None:
        if not getattr(view_func, "bilingual", False):
            return None
        offered = offered_languages(request)
        codes = [code for code, _name in offered]
        if len(codes) < 2:
            return None
        chosen = request.GET.get("lang")
        if chosen in codes and hasattr(request, "session"):
            request.session[SESSION_KEY] = chosen
        language = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
        if language not in codes:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        request.language_switch = [  # type: ignore[attr-defined]
            {"code": code, "name": name, "current": code == language} for code, name in offered
        ]
        return None
