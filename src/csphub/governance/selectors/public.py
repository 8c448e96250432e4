"""What the public pages about the service say: read from the partnership the page serves (its
agencies, its own settings), the information sharing agreements and the deployment's settings. It is
what the partnership publishes (a Data Protection Officer's published contact at most), so no policy
question arises: anyone may read it, signed in or not."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from csphub.agencies.models import Agency, InformationSharingAgreement, Partnership


@dataclass(frozen=True)
class LawfulBasisRow:
    """One information sharing agreement as the privacy notice states it."""

    name: str
    purpose: str
    lawful_basis: str
    special_category_condition: str
    criminal_offence_condition: str
    gateway: str
    parties: tuple[str, ...]


# --- Which partnership a public page serves -----------------------------------------------------------
# An installation may host several partnerships, each with its own agencies, privacy notice and Welsh
# offer. A public page serves the partnership of the Case Review area the visitor is dealing with,
# chosen as the Case Review journey chooses it: the area the visitor picked (on the first question
# of the journey, or from the list on the privacy notice: remembered in the session), else the only
# partnership whose areas take applications here, else, when no area takes applications, the
# installation's own partnership (CSPHUB_PARTNERSHIP_CODE). With several and none chosen the visitor
# is asked (None).

_UNSET = object()


def public_areas() -> list[Any]:
    """The Case Review areas that take applications here (none if the app is not installed)."""
    from django.apps import apps

    if not apps.is_installed("csphub.casereviews"):
        return []
    from csphub.casereviews.selectors import area_list_public

    return list(area_list_public().select_related("partnership"))


def area_partnership(area: Any) -> Partnership | None:
    """The partnership whose records an area's applications are (as the application service decides)."""
    from csphub.agencies.selectors import partnership_for_area

    return area.partnership or partnership_for_area(area.name)


def public_area(request: HttpRequest) -> Any:
    """The area the visitor chose (``?area=<slug>`` on a public page, or in the Case Review journey)."""
    from csphub.frontend.language import PUBLIC_AREA_KEY

    areas = {a.slug: a for a in public_areas()}
    session = getattr(request, "session", None)
    asked = request.GET.get("area")
    if asked in areas and session is not None:
        session[PUBLIC_AREA_KEY] = asked
    slug = asked if asked in areas else (session.get(PUBLIC_AREA_KEY) if session is not None else None)
    return areas.get(slug) if slug else None


def public_partnership(request: HttpRequest) -> Partnership | None:
    """The partnership the public page serves (see above); worked out once per request."""
    from csphub.agencies.selectors import installation_partnership

    cached = getattr(request, "_csphub_public_partnership", _UNSET)
    if cached is not _UNSET:
        return cached  # type: ignore[return-value]
    chosen = public_area(request)
    if chosen is not None:
        found = area_partnership(chosen)
    else:
        areas = public_areas()
        partnerships = {p.pk: p for p in (area_partnership(a) for a in areas) if p is not None}
        if len(partnerships) == 1:
            found = next(iter(partnerships.values()))
        elif not areas:
            found = installation_partnership()
        else:
            found = None
    request._csphub_public_partnership = found  # type: ignore[attr-defined]
    return found


def offers_welsh(partnership: Partnership | None) -> bool:
    """Whether the partnership offers its public pages in Welsh (its own choice, else the deployment's)."""
    if partnership is not None and partnership.offer_welsh is not None:
        return partnership.offer_welsh
    return bool(settings.CSPHUB_OFFER_WELSH)


def privacy_settings(partnership: Partnership | None = None) -> dict[str, Any]:
    """The partnership's privacy notice settings: what it set itself, else the deployment's
    (``CSPHUB_PRIVACY``), part by part."""
    values = dict(settings.CSPHUB_PRIVACY)
    if partnership is None:
        return values
    own = {
        "dpo_name": partnership.dpo_name,
        "dpo_email": partnership.dpo_email,
        "dpo_address": partnership.dpo_address,
        "retention": partnership.privacy_retention,
        "last_updated": partnership.privacy_updated_on,
    }
    values.update({key: value for key, value in own.items() if value})
    return values


def accessibility_settings() -> dict[str, Any]:
    """The partnership's accessibility statement settings (``CSPHUB_ACCESSIBILITY``)."""
    return dict(settings.CSPHUB_ACCESSIBILITY)


def controllers(partnership: Partnership | None = None) -> list[Agency]:
    """The partnership's agencies: each is a controller of the records it holds. Without a
    partnership (an installation that has set none up) every agency of the installation."""
    if partnership is None:
        return list(Agency.objects.order_by("name"))
    return list(partnership.agencies.order_by("name"))


def lawful_bases(on: dt.date | None = None, partnership: Partnership | None = None) -> list[LawfulBasisRow]:
    """The agreements in force on a day (today by default), with their lawful bases in words. For a
    partnership, the agreements that cover it: those naming it, and those naming no partnership
    (sharing within one) whose parties all sit in it."""
    on = on or timezone.localdate()
    agreements = InformationSharingAgreement.objects.prefetch_related("parties", "partnerships").order_by(
        "name"
    )
    members = set(partnership.agencies.values_list("pk", flat=True)) if partnership is not None else set()
    rows = []
    for isa in agreements:
        if not isa.is_in_force(on):
            continue
        if partnership is not None:
            named = {p.pk for p in isa.partnerships.all()}
            parties = {a.pk for a in isa.parties.all()}
            if partnership.pk not in named and (named or not parties or not parties <= members):
                continue
        rows.append(
            LawfulBasisRow(
                name=isa.name,
                purpose=isa.purpose,
                lawful_basis=isa.get_lawful_basis_display(),
                special_category_condition=isa.special_category_condition,
                criminal_offence_condition=isa.criminal_offence_condition,
                gateway=isa.gateway,
                parties=tuple(sorted(p.name for p in isa.parties.all())),
            )
        )
    return rows


@dataclass(frozen=True)
class Cookie:
    name: str
    purpose: str
    expiry: str


def _duration(seconds: int) -> str:
    hours = seconds // 3600
    if hours and hours % (24 * 365) == 0:
        years = hours // (24 * 365)
        return ngettext("%(count)d year", "%(count)d years", years) % {"count": years}
    if hours and hours % 24 == 0:
        days = hours // 24
        return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
    return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}


def essential_cookies() -> list[Cookie]:
    """The cookies the service sets, read from the settings that control them (so the page is true)."""
    if settings.SESSION_EXPIRE_AT_BROWSER_CLOSE:
        session_expiry = _("When you close your browser, and at most %(duration)s after you sign in") % {
            "duration": _duration(settings.SESSION_COOKIE_AGE)
        }
    else:
        session_expiry = _duration(settings.SESSION_COOKIE_AGE)
    cookies = [
        Cookie(
            settings.SESSION_COOKIE_NAME,
            _(
                "Keeps you signed in, and remembers your answers as you fill in a form and the language you chose"
            ),
            session_expiry,
        ),
        Cookie(
            settings.CSRF_COOKIE_NAME,
            _("Stops other websites sending forms to this service in your name (security)"),
            _("When you close your browser")
            if settings.CSRF_COOKIE_AGE is None
            else _duration(int(settings.CSRF_COOKIE_AGE)),
        ),
    ]
    return cookies
