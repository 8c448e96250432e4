"""Data subjects' requests: the search across the controller agency's records, the requests and the
disclosure log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from csphub.governance.selectors.retention import person_reference

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
    # Why a record that does not name the subject's person record was taken to be theirs (a Case
    # Review applicant, or the person affected in someone else's application, matched on the name and
    # a corroborating detail): shown to the handler, never disclosed.
    match_reason: str = ""


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
    found += _intervention_records(agency, person)
    if apps.is_installed("csphub.risk"):
        found += _risk_records(agency, person)
    if apps.is_installed("csphub.powers"):
        found += _power_records(agency, person)
    if apps.is_installed("csphub.casereviews"):
        from csphub.governance.selectors.rights_casereviews import (
            casereview_applications,
            casereview_records,
        )

        found += casereview_records(agency, person)
        found += casereview_applications(agency, person)
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


def _intervention_records(agency: Any, person: Any) -> list[Found]:
    """Early interventions the agency made with the person (either neighbour of a mediation). The
    other neighbour is not named: the entry lists the intervention's own details only."""
    from django.db.models import Q

    from csphub.cases.models import EarlyIntervention

    return [
        _found(
            "Early intervention",
            intervention,
            f"{intervention.get_kind_display()} on case {intervention.case.reference}",
            (
                "kind",
                "started_on",
                "terms",
                "review_on",
                "agreed_by",
                "parent_guardian_name",
                "outcome",
                "outcome_on",
                "outcome_notes",
            ),
        )
        for intervention in EarlyIntervention.objects.filter(
            Q(person=person) | Q(other_person=person), agency=agency
        ).select_related("case")
    ]


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


def _access_log(person: Any, records: list[Any]) -> Found | None:
    """Who saw the subject's records (agency, role, when, what): the audit of consultation (DPA 2018
    s.62 logs; Art 15(1)(c) recipients)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    from csphub.audit.models import AuditEvent, AuditVerb

    # Every record found, whatever its kind (a risk assessment opened, a document downloaded, a
    # tool or power viewed), not only the person, incidents and cases.
    ids_by_type: dict[Any, set[str]] = {}
    for record in records:
        ids_by_type.setdefault(ContentType.objects.get_for_model(record), set()).add(str(record.pk))
    query = Q()
    for content_type, ids in ids_by_type.items():
        query |= Q(target_type=content_type, target_id__in=sorted(ids))
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
            | Q(verb__endswith=".downloaded")
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
