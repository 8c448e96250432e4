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
        None: RuleInForce(
            rules.DEFAULT_YEARS, rules.DEFAULT_REASONS[record_type], rules.DEFAULT_SOURCE, False
        )
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


@dataclass(frozen=True)
class Candidate:
    """A record that may be disposed of once its retention period ends."""

    record: Any
    reference: str
    agency_id: int
    agency_name: str
    trigger: dt.date
    holds: tuple[str, ...]


def person_reference(person: Any) -> str:
    return f"PER-{person.pk:06d}"


def _holds_on(model: Any) -> dict[int, str]:
    from django.contrib.contenttypes.models import ContentType

    from csphub.governance.models import LegalHold

    return dict(
        LegalHold.objects.filter(
            released_at__isnull=True, content_type=ContentType.objects.get_for_model(model)
        ).values_list("object_id", "reason")
    )


def disposal_candidates(record_type: str) -> list[Candidate]:
    """The records a retention run looks at, with their trigger date and the holds that keep them:
    closed cases (trigger: the closing day), incidents on no case (the day they happened) and people
    on no case or incident (the day their record last changed)."""
    from csphub.cases.models import Incident
    from csphub.people.models import Person

    if record_type == "case":
        cases = closed_cases()
        holds = holds_by_case([c.pk for c in cases])
        return [
            Candidate(
                c,
                c.reference,
                c.owning_agency_id,
                c.owning_agency.name,
                timezone.localdate(c.closed_at),
                tuple(holds.get(c.pk, ())),
            )
            for c in cases
        ]
    if record_type == "incident":
        held = _holds_on(Incident)
        incidents = (
            Incident.objects.filter(case_links__isnull=True)
            .select_related("owning_agency")
            .order_by("occurred_at", "id")
        )
        return [
            Candidate(
                i,
                i.reference,
                i.owning_agency_id,
                i.owning_agency.name,
                timezone.localdate(i.occurred_at),
                (f"record hold: {held[i.pk]}",) if i.pk in held else (),
            )
            for i in incidents
        ]
    if record_type == "person":
        held = _holds_on(Person)
        people = (
            Person.objects.filter(case_parties__isnull=True, incident_parties__isnull=True)
            .select_related("owning_agency")
            .order_by("modified_at", "id")
        )
        return [
            Candidate(
                p,
                person_reference(p),
                p.owning_agency_id,
                p.owning_agency.name,
                timezone.localdate(p.modified_at),
                (f"person hold: {held[p.pk]}",) if p.pk in held else (),
            )
            for p in people
        ]
    raise ValueError(f"Unknown record type {record_type!r}")


def active_holds() -> list[Any]:
    """The legal holds in force, newest first, with what each is on (in words)."""
    from csphub.governance.models import LegalHold

    return list(
        LegalHold.objects.filter(released_at__isnull=True)
        .select_related("content_type")
        .order_by("-placed_at")
    )


def hold_target_label(hold: Any) -> str:
    """What a hold is on, as staff read it: a case or incident reference, or a person's number."""
    model = hold.content_type.model
    if model == "case":
        return f"Case ASB-{hold.object_id:06d}"
    if model == "incident":
        return f"Incident INC-{hold.object_id:06d}"
    if model == "person":
        return f"Person PER-{hold.object_id:06d}"
    return f"{hold.content_type.name} {hold.object_id}"


def schedule_rows() -> list[tuple[str, str, RuleInForce]]:
    """The retention schedule: (record type label, agency or "Partnership default", rule)."""
    from csphub.agencies.models import Agency
    from csphub.governance.models import RecordType

    names = dict(Agency.objects.values_list("id", "name"))
    rows = []
    for record_type in RecordType:
        for agency_id, rule in sorted(
            retention_rules(record_type.value).items(),
            key=lambda kv: (kv[0] is not None, names.get(kv[0] or 0, "")),
        ):
            rows.append(
                (record_type.label, names.get(agency_id, "") if agency_id else "Partnership default", rule)
            )
    return rows


def tombstones_recent(limit: int = 50) -> list[Any]:
    from csphub.governance.models import Tombstone

    return list(
        Tombstone.objects.select_related("owning_agency", "run").order_by("-run__ran_on", "-id")[:limit]
    )


# --- Subject access: the search across the controller agency's records ------------------------------
# The controller is the agency that received the request (the acting agency). Its records are those
# it owns (people, incidents, cases), wrote (notes, documents), made (risk assessments, MARAC
# referrals, tools and powers) or holds (Case Review applications, modern slavery concerns). The
# search is not limited by what the handler could open as a caseworker: answering the request is the
# controller's duty, so the handler sees every record the agency controls about the subject, and the
# search itself is audited (docs/adr/0010-subject-access-by-controller.md).


@dataclass(frozen=True)
class Found:
    source: str
    key: str  # "model:id"
    label: str
    content: list[list[str]]
    record: Any


def _value(obj: Any, name: str) -> str:
    from django.db import models as dj_models

    field = obj._meta.get_field(name)
    value = getattr(obj, f"get_{name}_display")() if getattr(field, "choices", None) else getattr(obj, name)
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%d %B %Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d %B %Y")
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dj_models.Model):
        return str(value)
    return str(value)


def _content(obj: Any, fields: tuple[str, ...], extra: tuple[tuple[str, str], ...] = ()) -> list[list[str]]:
    from django.utils.text import capfirst

    rows = [[label, value] for label, value in extra if value]
    for name in fields:
        value = _value(obj, name)
        if value:
            rows.append([str(capfirst(obj._meta.get_field(name).verbose_name)), value])
    return rows


def _found(
    source: str, obj: Any, label: str, fields: tuple[str, ...], extra: tuple[tuple[str, str], ...] = ()
) -> Found:
    return Found(source, f"{obj._meta.model_name}:{obj.pk}", label, _content(obj, fields, extra), obj)


def subject_records(agency: Any, person: Any) -> list[Found]:
    """Every record the ``agency`` controls in which ``person`` appears (UK GDPR Art 15; DPA 2018
    s.45), and the log of who saw them. Records of other agencies are never returned: they are
    those agencies' to answer for."""
    from django.apps import apps

    from csphub.cases.models import Case, CaseParty, Document, Incident, IncidentParty, Note
    from csphub.people.models import PersonAddress

    found: list[Found] = []
    if person.owning_agency_id != agency.pk:
        return found
    found.append(
        _found(
            "Person record",
            person,
            f"Person record {person_reference(person)}",
            (
                "kind",
                "given_name",
                "family_name",
                "known_as",
                "date_of_birth",
                "gender",
                "ethnicity",
                "phone",
                "email",
                "vulnerability_notes",
                "created_at",
            ),
        )
    )
    for link in PersonAddress.objects.filter(person=person, address__owning_agency=agency).select_related(
        "address"
    ):
        found.append(
            _found(
                "Addresses",
                link,
                f"Address: {link.address}",
                ("is_current", "valid_from", "valid_to"),
                (("Address", str(link.address)),),
            )
        )
    roles: dict[int, list[str]] = {}
    for party in IncidentParty.objects.filter(person=person, incident__owning_agency=agency):
        roles.setdefault(party.incident_id, []).append(party.get_role_display())
    for incident in Incident.objects.filter(pk__in=list(roles)).order_by("occurred_at", "id"):
        found.append(
            _found(
                "Incidents",
                incident,
                f"Incident {incident.reference}",
                (
                    "occurred_at",
                    "reported_at",
                    "channel",
                    "asb_type",
                    "category",
                    "description",
                    "is_hate_motivated",
                    "police_reference",
                    "location_description",
                ),
                (("Your role", ", ".join(roles[incident.pk])),),
            )
        )
    case_roles: dict[int, list[str]] = {}
    for case_party in CaseParty.objects.filter(person=person, case__owning_agency=agency):
        case_roles.setdefault(case_party.case_id, []).append(case_party.get_role_display())
    cases = list(Case.objects.filter(pk__in=list(case_roles)).order_by("opened_at", "id"))
    for case in cases:
        found.append(
            _found(
                "Cases",
                case,
                f"Case {case.reference}",
                ("summary", "status", "asb_type", "opened_at", "closed_at", "closure_reason", "outcome"),
                (("Your role", ", ".join(case_roles[case.pk])),),
            )
        )
    for note in (
        Note.objects.filter(case__in=cases, author_agency=agency)
        .select_related("case")
        .order_by("created_at", "id")
    ):
        found.append(
            _found("Case notes", note, f"Note on case {note.case.reference}", ("text", "created_at"))
        )
    for document in (
        Document.objects.filter(case__in=cases, author_agency=agency)
        .select_related("case")
        .order_by("created_at", "id")
    ):
        found.append(
            _found(
                "Case documents",
                document,
                f"Document on case {document.case.reference}: {document.title}",
                ("title", "original_name", "created_at"),
            )
        )
    found += _victim_records(agency, person)
    if apps.is_installed("csphub.risk"):
        found += _risk_records(agency, person)
    if apps.is_installed("csphub.powers"):
        found += _power_records(agency, person)
    if apps.is_installed("csphub.casereviews"):
        found += _casereview_records(agency, person)
    if apps.is_installed("csphub.duties"):
        from csphub.duties.models import SlaveryConcern

        for concern in SlaveryConcern.objects.filter(person=person, owning_agency=agency):
            found.append(
                _found(
                    "Modern slavery",
                    concern,
                    f"Modern slavery concern {concern.reference}",
                    ("grounds_date", "grounds", "exploitation", "route", "status", "notified_on"),
                )
            )
    access = _access_log(person, [f.record for f in found])
    if access is not None:
        found.append(access)
    return found


def _victim_records(agency: Any, person: Any) -> list[Found]:
    from csphub.cases.models import ClosureSurvey, VictimContact

    found = []
    for contact in VictimContact.objects.filter(victim=person, case__owning_agency=agency).select_related(
        "case"
    ):
        updates = "; ".join(
            f"{u.given_on:%d %B %Y}: {u.summary}" for u in contact.updates.order_by("given_on")
        )
        found.append(
            _found(
                "Victim contact",
                contact,
                f"Contact agreement on case {contact.case.reference}",
                ("agreed_on", "update_every_days", "method", "action_plan_consulted_on", "action_plan_views"),
                (("Updates given", updates),),
            )
        )
    for survey in ClosureSurvey.objects.filter(victim=person, case__owning_agency=agency).select_related(
        "case"
    ):
        found.append(
            _found(
                "Victim contact",
                survey,
                f"Closure survey on case {survey.case.reference}",
                ("asked_on", "answer", "comments"),
            )
        )
    return found


def _risk_records(agency: Any, person: Any) -> list[Found]:
    from django.db.models import Q

    from csphub.risk.models import Assessment, MaracReferral

    found = []
    for assessment in Assessment.objects.filter(subject=person, assessing_agency=agency).select_related(
        "case"
    ):
        found.append(
            _found(
                "Risk assessments",
                assessment,
                f"Risk assessment on case {assessment.case.reference}",
                (
                    "assessed_at",
                    "computed_band",
                    "judgement_band",
                    "judgement_reason",
                    "final_band",
                    "marac_refer",
                    "marac_reasons",
                ),
            )
        )
    for referral in MaracReferral.objects.filter(
        Q(subject=person) | Q(perpetrator=person), referring_agency=agency
    ).select_related("case"):
        role = "Victim" if referral.subject_id == person.pk else "Person causing harm"
        found.append(
            _found(
                "Risk assessments",
                referral,
                f"MARAC referral on case {referral.case.reference}",
                ("referred_on", "repeat", "meeting_on", "outcome", "idva_offered"),
                (("Your role", role),),
            )
        )
    return found


def _power_records(agency: Any, person: Any) -> list[Found]:
    from csphub.powers.models import PowerUse

    return [
        _found(
            "Tools and powers",
            use,
            f"{use.get_power_display()} on case {use.case.reference}",
            (
                "power",
                "status",
                "conduct",
                "requirements",
                "issued_at",
                "served_at",
                "starts_on",
                "ends_at",
                "court",
            ),
        )
        for use in PowerUse.objects.filter(recipient=person, issuing_agency=agency).select_related("case")
    ]


def _casereview_records(agency: Any, person: Any) -> list[Found]:
    from csphub.casereviews.models import ApplicationIncident, ExplanationPrompt

    found = []
    for link in ApplicationIncident.objects.filter(
        complainant=person, application__owning_agency=agency
    ).select_related("application", "incident"):
        found.append(
            _found(
                "Case Reviews",
                link,
                f"Case Review {link.application.reference}: incident {link.incident.reference}",
                ("named_by_applicant", "note"),
                (("Application status", link.application.get_status_display()),),
            )
        )
    for prompt in ExplanationPrompt.objects.filter(
        victim=person, incident__owning_agency=agency
    ).select_related("incident"):
        found.append(
            _found(
                "Case Reviews",
                prompt,
                f"Case Review explained after incident {prompt.incident.reference}",
                ("earlier_report_on", "explained_on", "how_explained"),
            )
        )
    return found


def _access_log(person: Any, records: list[Any]) -> Found | None:
    """Who saw the subject's records (agency, role, when, what): the audit of consultation (DPA 2018
    s.62 logs; Art 15(1)(c) recipients)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    from csphub.audit.models import AuditEvent, AuditVerb

    query = Q()
    for record in records:
        if record._meta.model_name in {"person", "incident", "case"}:
            query |= Q(target_type=ContentType.objects.get_for_model(record), target_id=str(record.pk))
    if not query:
        return None
    labels = dict(AuditVerb.choices)
    events = (
        AuditEvent.objects.filter(query)
        .filter(
            Q(verb__endswith=".viewed")
            | Q(verb__endswith=".listed")
            | Q(verb__endswith=".exported")
            | Q(verb__endswith=".shared")
        )
        .select_related("acting_agency")
        .order_by("occurred_at", "id")
    )
    rows = [
        [
            timezone.localtime(e.occurred_at).strftime("%d %B %Y %H:%M"),
            f"{labels.get(e.verb, e.verb)} — {e.acting_agency.name if e.acting_agency else 'the system'}"
            + (f" ({e.acting_role.replace('_', ' ')})" if e.acting_role else ""),
        ]
        for e in events[:2000]
    ]
    if not rows:
        return None
    return Found("Access log", f"accesslog:{person.pk}", "Who has seen these records", rows, person)


def requests_for(agency: Any) -> Any:
    """The agency's data subject requests, newest first."""
    from csphub.governance.models import RightsRequest

    return RightsRequest.objects.filter(owning_agency=agency).select_related("subject")


def request_get(agency: Any, pk: int) -> Any:
    """One of the agency's requests, or 404 (another agency's request is not theirs to see)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(requests_for(agency), pk=pk)


def disclosure_log(agency: Any) -> Any:
    from csphub.governance.models import Disclosure

    return Disclosure.objects.filter(request__owning_agency=agency).select_related("request", "created_by")


def subject_choices(agency: Any, query: str) -> list[Any]:
    """The agency's people whose name matches ``query`` (to choose the data subject)."""
    from django.db.models import Q

    from csphub.people.models import Person

    words = [w for w in query.split() if w]
    if not words:
        return []
    people = Person.objects.filter(owning_agency=agency)
    for word in words:
        people = people.filter(
            Q(given_name__icontains=word) | Q(family_name__icontains=word) | Q(known_as__icontains=word)
        )
    return list(people.order_by("family_name", "given_name")[:50])
