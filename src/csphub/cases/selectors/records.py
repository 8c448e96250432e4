"""Incidents and cases as the reader may see them: lists, one record, its parties, notes and documents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from django.db.models import Q, QuerySet

from csphub.agencies.models import ShareScope
from csphub.agencies.policies import (
    Action,
    acting_membership,
    full_scope_condition,
    get_object_or_404_for,
    share_scope,
    summary_shared_ids,
    visible_to,
)
from csphub.cases.models import (
    Case,
    CaseParty,
    CaseStatus,
    Document,
    Incident,
    IncidentParty,
    Note,
    NoteVisibility,
)
from csphub.people.models import Person

_Authored = TypeVar("_Authored", Note, Document)

# --------------------------------------------------------------------------------------------
# Incidents (also read by the casereviews and risk apps)
# --------------------------------------------------------------------------------------------


def incident_list_visible_to(user: Any, *, action: Action = Action.VIEW) -> QuerySet[Incident]:
    return visible_to(user, action, Incident).select_related("owning_agency", "reporting_agency", "address")


def incident_get_visible(user: Any, pk: Any, *, action: Action = Action.VIEW) -> Incident:
    return get_object_or_404_for(user, action, incident_list_visible_to(user, action=action), pk=pk)


def incidents_for_person(
    *, user: Any, person: Person, since: dt.datetime | None = None, roles: Iterable[str] | None = None
) -> QuerySet[Incident]:
    """Visible incidents in which ``person`` is a party (any role unless ``roles``), newest first."""
    qs = incident_list_visible_to(user).filter(
        pk__in=IncidentParty.objects.filter(
            person=person, **({"role__in": list(roles)} if roles is not None else {})
        ).values("incident_id")
    )
    if since is not None:
        qs = qs.filter(occurred_at__gte=since)
    return qs


def incident_parties(incident: Incident) -> list[IncidentParty]:
    return list(incident.parties.select_related("person").order_by("role", "person__family_name"))


# --------------------------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------------------------


def case_list_visible_to(
    user: Any,
    *,
    action: Action = Action.VIEW,
    status: str = "",
    asb_type: str = "",
    search: str = "",
    officer: Any | None = None,
) -> QuerySet[Case]:
    """Cases the user may ``action``, filtered; the same queryset feeds list, search, map and export."""
    qs = visible_to(user, action, Case).select_related("owning_agency", "case_officer")
    if status == "open":
        qs = qs.exclude(status=CaseStatus.CLOSED)
    elif status:
        qs = qs.filter(status=status)
    if asb_type:
        qs = qs.filter(asb_type=asb_type)
    if officer is not None:
        qs = qs.filter(case_officer=officer)
    if search:
        qs = _text_search(qs, search, user)
    return qs


def _text_search(qs: QuerySet[Case], search: str, user: Any) -> QuerySet[Case]:
    """Every term must appear in the case's search text (reference, summary, names, addresses).

    On PostgreSQL ``icontains`` becomes ``UPPER(x) LIKE UPPER('%term%')``, which the trigram GIN
    index on ``UPPER(search_text)`` (migration 0002) serves; SQLite scans, which is fine at the
    sizes an embedded install holds.

    A case the user sees only as a panel summary matches only on what that summary shows (the
    summary line and its parties' names), never on the addresses it withholds: otherwise a search
    for a postcode would tell a partner where the case's incidents happened.
    """
    # On the row itself, not "pk IN (every case seen in full)", which PostgreSQL computed in full
    # (a scan of every case) for each search: ``qs`` is already within what the user may see.
    in_full = full_scope_condition(user, Case) or Q(pk__in=[])
    summary_ids = summary_shared_ids(user, Case)
    for term in search.split()[:6]:
        ref = term.upper()
        if ref.startswith("ASB-") and ref[4:].isdigit():
            qs = qs.filter(pk=int(ref[4:]))
            continue
        # Names matter only on cases shared as a summary: looked for among those cases' parties
        # (a few), never among every case party of the partnership.
        people = Person.objects.filter(
            Q(given_name__icontains=term) | Q(family_name__icontains=term) | Q(known_as__icontains=term)
        ).values("pk")
        named = CaseParty.objects.filter(person_id__in=people, case_id__in=summary_ids).values("case_id")
        qs = qs.filter(search_text__icontains=term).filter(
            in_full | Q(summary__icontains=term) | Q(pk__in=named)
        )
    return qs


def case_get_visible(user: Any, pk: Any, *, action: Action = Action.VIEW) -> Case:
    return get_object_or_404_for(
        user, action, visible_to(user, action, Case).select_related("owning_agency", "case_officer"), pk=pk
    )


def case_scope(user: Any, case: Case) -> str | None:
    """ "full", "summary" or None: how much of a visible case the user may see."""
    return share_scope(user, case)


def case_parties(case: Case) -> list[CaseParty]:
    return list(
        case.parties.select_related("person").order_by("role", "person__family_name", "person__given_name")
    )


def case_incidents(case: Case) -> QuerySet[Incident]:
    return Incident.objects.filter(case_links__case=case).select_related("address", "reporting_agency")


def case_notes_for(user: Any, case: Case) -> list[Note]:
    """Notes the user may read: all for the owning agency; notes marked shared (and the reader's
    own agency's) for a partner with a FULL share; none with a SUMMARY share."""
    qs = case_notes_queryset(user, case)
    return [] if qs is None else list(qs)


def case_notes_queryset(user: Any, case: Case) -> QuerySet[Note] | None:
    """:func:`case_notes_for` unread (None when the user may read none), for a page that reads
    several lists at once."""
    return _authored_on_case(user, case, Note)


def case_documents_for(user: Any, case: Case) -> list[Document]:
    qs = case_documents_queryset(user, case)
    return [] if qs is None else list(qs)


def case_documents_queryset(user: Any, case: Case) -> QuerySet[Document] | None:
    return _authored_on_case(user, case, Document)


def _authored_on_case(user: Any, case: Case, model: type[_Authored]) -> QuerySet[_Authored] | None:
    """A case's notes or documents the user may read: all for the owning agency; those marked
    shared (and the reader's own agency's) for a partner with a FULL share; none with a SUMMARY
    share (None)."""
    scope = case_scope(user, case)
    membership = acting_membership(user)
    if scope != ShareScope.FULL or membership is None:
        return None
    qs = visible_to(user, Action.VIEW, model).filter(case=case).select_related("author_agency", "created_by")
    if case.owning_agency_id != membership.agency_id:
        qs = qs.filter(Q(visibility=NoteVisibility.SHARED) | Q(author_agency=membership.agency))
    return qs


def document_get_visible(user: Any, pk: Any) -> Document:
    """A document the user may download, or 404 (also when only a summary of the case is shared)."""
    from django.http import Http404

    document = get_object_or_404_for(user, Action.VIEW, Document, pk=pk)
    if document not in case_documents_for(user, document.case):
        raise Http404("No such record.")
    return document


def cases_for_person(*, user: Any, person: Person) -> QuerySet[Case]:
    return case_list_visible_to(user).filter(pk__in=CaseParty.objects.filter(person=person).values("case_id"))


def document_stored_path(stored_name: str) -> Path:
    """Where a case document's file is kept (outside the web root, under its random name): for the
    apps that must read or remove it without a user's request (subject access bundles, disposal)."""
    from csphub.cases import config

    return config.private_media_root() / stored_name
