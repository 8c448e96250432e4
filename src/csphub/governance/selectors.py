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


# --- Retention ----------------------------------------------------------------------------------
# Read by the retention services, which the operator runs from the command line (no request, so no
# acting member's policy: the run sees every agency's records, as disposal must).


@dataclass(frozen=True)
class RuleInForce:
    years: int
    reason: str
    policy_source: str
    agency_specific: bool

    def describe(self) -> str:
        whose = "agency rule" if self.agency_specific else "partnership default"
        return f"{self.years} years ({whose}: {self.reason}; source: {self.policy_source})"


def retention_rules(record_type: str) -> dict[int | None, RuleInForce]:
    """The rules for one record type by agency id (``None``: the partnership default, always present)."""
    from csphub.governance import rules
    from csphub.governance.models import RetentionRule

    found: dict[int | None, RuleInForce] = {
        None: RuleInForce(rules.DEFAULT_YEARS, rules.DEFAULT_REASON, rules.DEFAULT_SOURCE, False)
    }
    for rule in RetentionRule.objects.filter(record_type=record_type):
        found[rule.agency_id] = RuleInForce(
            rule.years, rule.reason, rule.policy_source, rule.agency_id is not None
        )
    return found


def closed_cases() -> list[Any]:
    """Every closed case, oldest closure first, with its agency and incident count."""
    from django.db.models import Count

    from csphub.cases.models import Case, CaseStatus

    return list(
        Case.objects.filter(status=CaseStatus.CLOSED, closed_at__isnull=False)
        .select_related("owning_agency")
        .annotate(incident_count=Count("case_incidents"))
        .order_by("closed_at", "id")
    )


def holds_by_case(case_ids: list[int]) -> dict[int, list[str]]:
    """The active legal holds that keep each case: on the case itself, on a person party to it, or on
    one of its incidents (a hold on a record keeps the case that holds it)."""
    from django.contrib.contenttypes.models import ContentType

    from csphub.cases.models import Case, CaseIncident, CaseParty, Incident
    from csphub.governance.models import LegalHold
    from csphub.people.models import Person

    active = LegalHold.objects.filter(released_at__isnull=True)
    by_type: dict[int, dict[int, str]] = {}
    for hold in active:
        by_type.setdefault(hold.content_type_id, {})[hold.object_id] = hold.reason
    ct = ContentType.objects.get_for_model
    found: dict[int, list[str]] = {}
    on_cases = by_type.get(ct(Case).pk, {})
    for case_id in case_ids:
        if case_id in on_cases:
            found.setdefault(case_id, []).append(f"case hold: {on_cases[case_id]}")
    on_people = by_type.get(ct(Person).pk, {})
    if on_people:
        for case_id, person_id in CaseParty.objects.filter(
            case_id__in=case_ids, person_id__in=list(on_people)
        ).values_list("case_id", "person_id"):
            found.setdefault(case_id, []).append(f"person hold: {on_people[person_id]}")
    on_incidents = by_type.get(ct(Incident).pk, {})
    if on_incidents:
        for case_id, incident_id in CaseIncident.objects.filter(
            case_id__in=case_ids, incident_id__in=list(on_incidents)
        ).values_list("case_id", "incident_id"):
            found.setdefault(case_id, []).append(f"record hold: {on_incidents[incident_id]}")
    return found
