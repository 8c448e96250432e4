"""What the public pages about the service say: read from the agencies, the information sharing
agreements and the deployment's settings. None of it is personal data, so no policy question arises:
anyone may read it, signed in or not."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from csphub.agencies.models import Agency, InformationSharingAgreement


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


def privacy_settings() -> dict[str, Any]:
    """The partnership's privacy notice settings (``CSPHUB_PRIVACY``)."""
    return dict(settings.CSPHUB_PRIVACY)


def accessibility_settings() -> dict[str, Any]:
    """The partnership's accessibility statement settings (``CSPHUB_ACCESSIBILITY``)."""
    return dict(settings.CSPHUB_ACCESSIBILITY)


def controllers() -> list[Agency]:
    """The partnership's agencies: each is a controller of the records it holds."""
    return list(Agency.objects.order_by("name"))


def lawful_bases(on: dt.date | None = None) -> list[LawfulBasisRow]:
    """The agreements in force on a day (today by default), with their lawful bases in words."""
    on = on or timezone.localdate()
    rows = []
    for isa in InformationSharingAgreement.objects.prefetch_related("parties").order_by("name"):
        if not isa.is_in_force(on):
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
