"""The JSON API (OpenAPI at /api/v1/openapi.json). Every endpoint reads through the policy and
audits what it shows, exactly as the pages do.

Authentication: the signed-in (password + TOTP) browser session, with CSRF on writes, or an API
token (``Authorization: Bearer csph_…``) issued to one membership. No Swagger UI is served: it would
load from a CDN, and the service works offline; the schema is plain JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.apps import apps
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI, Query
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from csphub.agencies.policies import Action, role_allows
from csphub.api import schemas
from csphub.api.services import api_token_authenticate
from csphub.audit.services import audit_listed, audit_viewed
from csphub.core.actor import Actor, as_actor
from csphub.people import selectors as people_selectors

MAX_LIMIT = 200


def _actor(request: HttpRequest) -> Actor:
    """The request's Actor: set by the agencies middleware (session) or by TokenAuth (token)."""
    actor = getattr(request, "actor", None)
    if not isinstance(actor, Actor):  # pragma: no cover - both authentications set it
        raise HttpError(401, "Sign in or send a token.")
    return actor


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
            request.actor = as_actor(user)  # type: ignore[attr-defined]  # the token's membership
        return user


class VerifiedSessionAuth(SessionAuth):
    """A browser session counts only when it passed both factors."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any | None:
        user = super().authenticate(request, key)
        if user is not None and getattr(user, "is_verified", lambda: False)():
            return user
        return None


def signed_in_api_client(request: HttpRequest) -> Any | None:
    """The API client making ``request``: a verified (password + TOTP) session, or a valid token."""
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return api_token_authenticate(header.removeprefix("Bearer ").strip())
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and getattr(user, "is_verified", lambda: False)():
        return user
    return None


def api_clients_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The OpenAPI schema is for signed-in API clients: it maps what the API can reveal."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if signed_in_api_client(request) is None:
            return JsonResponse(
                {"detail": "Sign in, or send your API token, to read the API schema."}, status=401
            )
        return view(request, *args, **kwargs)

    return wrapped


api = NinjaAPI(
    title="CSP Hub API",
    version="1",
    description="Partner systems read what their agency may see. Every response that shows personal "
    "data is recorded in the audit trail.",
    auth=[TokenAuth(), VerifiedSessionAuth()],
    docs_url=None,
    docs_decorator=api_clients_only,
    urls_namespace="api_v1",
)


MAX_OFFSET = 10**9  # beyond any table here; keeps OFFSET inside a database integer
# Search text: no control characters (the middleware refuses them with a 400), at most 100 characters.
SEARCH_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"


def _search() -> Any:
    return Query("", max_length=100, pattern=SEARCH_PATTERN, description="Words that must all match")


def _page(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(limit, MAX_LIMIT)), max(0, min(offset, MAX_OFFSET))


def _require(request: HttpRequest, action: Action) -> None:
    if not role_allows(_actor(request), action):
        from ninja.errors import HttpError

        raise HttpError(403, "Your role does not give access to personal records.")


@api.get("/people", response={200: schemas.PeoplePage, 400: schemas.ErrorOut}, tags=["people"])
def list_people(
    request: HttpRequest, search: str = _search(), limit: int = 50, offset: int = 0
) -> dict[str, Any]:
    """People your acting agency may see (own, shared under an ISA in force, or named)."""
    _require(request, Action.VIEW)
    limit, offset = _page(limit, offset)
    qs = people_selectors.person_list_visible_to(_actor(request), search=search)
    rows = list(qs[offset : offset + limit])
    audit_listed(actor=_actor(request), targets=rows, justification="API")
    return {
        "count": qs.count(),
        "offset": offset,
        "limit": limit,
        "results": [_person(p) for p in rows],
    }


@api.get("/people/{person_id}", response={200: schemas.PersonOut, 404: schemas.ErrorOut}, tags=["people"])
def get_person(request: HttpRequest, person_id: int) -> Any:
    person = people_selectors.person_get_visible(_actor(request), person_id)
    audit_viewed(actor=_actor(request), target=person, justification="API")
    return _person(person)


def _person(person: Any) -> dict[str, Any]:
    return {
        "id": person.pk,
        "kind": person.kind,
        "display_name": person.display_name,
        "date_of_birth": person.date_of_birth,
        "owning_agency": person.owning_agency.short_name,
    }


if apps.is_installed("csphub.cases"):
    from csphub.cases import selectors as case_selectors

    @api.get("/cases", response={200: schemas.CasePage, 400: schemas.ErrorOut}, tags=["cases"])
    def list_cases(
        request: HttpRequest,
        status: str = Query("", max_length=40, pattern=SEARCH_PATTERN),
        search: str = _search(),
        limit: int = 50,
        offset: int = 0,
    ) -> dict[str, Any]:
        """Cases your acting agency may see; a case shared for a panel shows summary fields only."""
        _require(request, Action.VIEW)
        limit, offset = _page(limit, offset)
        qs = case_selectors.case_list_visible_to(_actor(request), status=status, search=search)
        rows = list(qs[offset : offset + limit])
        audit_listed(actor=_actor(request), targets=rows, justification="API")
        return {
            "count": qs.count(),
            "offset": offset,
            "limit": limit,
            "results": [_case(_actor(request), c) for c in rows],
        }

    @api.get("/cases/{case_id}", response={200: schemas.CaseOut, 404: schemas.ErrorOut}, tags=["cases"])
    def get_case(request: HttpRequest, case_id: int) -> Any:
        case = case_selectors.case_get_visible(_actor(request), case_id)
        audit_viewed(actor=_actor(request), target=case, justification="API")
        return _case(_actor(request), case)

    @api.get("/incidents", response=schemas.IncidentPage, tags=["cases"])
    def list_incidents(request: HttpRequest, limit: int = 50, offset: int = 0) -> dict[str, Any]:
        """Incidents your acting agency may see, newest first."""
        _require(request, Action.VIEW)
        limit, offset = _page(limit, offset)
        qs = (
            case_selectors.incident_list_visible_to(_actor(request))
            .select_related("reporting_agency", "owning_agency")
            .order_by("-occurred_at", "-id")
        )
        rows = list(qs[offset : offset + limit])
        audit_listed(actor=_actor(request), targets=rows, justification="API")
        return {
            "count": qs.count(),
            "offset": offset,
            "limit": limit,
            "results": [
                {
                    "id": i.pk,
                    "occurred_at": i.occurred_at,
                    "reported_at": i.reported_at,
                    "asb_type": i.asb_type,
                    "category": i.category,
                    "is_hate_motivated": i.is_hate_motivated,
                    "lsoa_code": i.lsoa_code,
                    "reporting_agency": i.reporting_agency.short_name,
                    "owning_agency": i.owning_agency.short_name,
                }
                for i in rows
            ],
        }

    def _case(user: Any, case: Any) -> dict[str, Any]:
        scope = case_selectors.case_scope(user, case) or "summary"
        return {
            "id": case.pk,
            "reference": case.reference,
            "summary": case.summary,  # the panel summary shares it too (the case page shows it)
            "status": case.status,
            "asb_type": case.asb_type,
            "opened_at": case.opened_at,
            "owning_agency": case.owning_agency.short_name,
            "scope": scope,
        }
