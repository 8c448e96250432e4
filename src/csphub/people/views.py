"""People pages. Every page that shows a person records one ``person.viewed`` event."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render

from csphub.agencies.policies import Action, can, role_allows
from csphub.audit.selectors import audit_events_about, describe_targets
from csphub.audit.services import audit_listed, audit_viewed
from csphub.core.actor import SignedInRequest
from csphub.core.concurrency import EditConflictError, describe_conflict
from csphub.core.errors import ApplicationError
from csphub.frontend.registry import PERSON_SECTIONS
from csphub.people import selectors, services
from csphub.people.forms import PersonEditForm, PersonForm, PersonSearchForm, SeenByFilterForm
from csphub.people.registry import PERSON_RECORDS


@login_required
def person_list(request: SignedInRequest) -> HttpResponse:
    """People the user may see; administrators get the same list to open "who has seen this person"."""
    if role_allows(request.actor, Action.VIEW):
        action = Action.VIEW
    elif role_allows(request.actor, Action.VIEW_AUDIT):
        action = Action.VIEW_AUDIT
    else:
        raise PermissionDenied
    search = PersonSearchForm(request.GET or None)
    term = search.data.get("q", "") if search.is_bound else ""
    people = selectors.person_list_visible_to(request.actor, search=term, action=action)
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    audit_listed(actor=request.actor, targets=page.object_list)
    return render(
        request,
        "people/list.html",
        {
            "search": search,
            "page": page,
            "term": term,
            "can_create": role_allows(request.actor, Action.CREATE),
            "audit_only": action == Action.VIEW_AUDIT,
        },
    )


@login_required
def person_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    person = selectors.person_get_visible(request.actor, pk)
    audit_viewed(actor=request.actor, target=person)
    sections = []
    for section in PERSON_SECTIONS:
        context = section.context(request.actor, person)
        if context is not None:
            sections.append({"title": section.title, "template": section.template, "context": context})
    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "addresses": selectors.addresses_of(request.actor, person),
            "sections": sections,
            "can_change": can(request.actor, Action.CHANGE, person),
            "can_view_audit": can(request.actor, Action.VIEW_AUDIT, person),
        },
    )


@login_required
def person_create(request: SignedInRequest) -> HttpResponse:
    if not role_allows(request.actor, Action.CREATE):
        raise PermissionDenied
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(actor=request.actor, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "Person recorded.")
            return redirect("people:detail", person.pk)
    return render(request, "people/form.html", {"form": form, "heading": "Record a person"})


@login_required
def person_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    """Change a person's details: only the fields the user changed are written, and saving over a
    newer version is refused and shows what changed (:mod:`csphub.core.concurrency`)."""
    person = selectors.person_get_visible(request.actor, pk, action=Action.CHANGE)
    form = _person_edit_form(person, request.POST if request.method == "POST" else None)
    conflict = None
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.edited_fields}
        try:
            services.person_update(
                actor=request.actor, person=person, expected_version=form.expected_version, **values
            )
        except EditConflictError as error:
            conflict = describe_conflict(form, error.current)
            form = _person_edit_form(error.current, None)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "Changes saved.")
            return redirect("people:detail", person.pk)
    else:
        audit_viewed(actor=request.actor, target=person)
    return render(
        request,
        "people/form.html",
        {"form": form, "heading": "Change details", "person": person, "conflict": conflict},
    )


def _person_edit_form(person: Any, data: Any) -> PersonEditForm:
    initial = {name: getattr(person, name) for name in services.PERSON_FIELDS}
    return PersonEditForm(data, initial=initial, record=person, versioned_fields=services.PERSON_FIELDS)


@login_required
def person_seen_by(request: SignedInRequest, pk: int) -> HttpResponse:
    """Who has seen this person: for administrators and coordinators of the owning agency."""
    person = selectors.person_get_visible(request.actor, pk, action=Action.VIEW_AUDIT)
    # The page names the person, so looking at who has seen them is itself a view of them. Recorded
    # before the page of events is counted, so that the page shows this view and stays whole.
    audit_viewed(actor=request.actor, target=person, justification="who has seen this person")
    form = SeenByFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    # The person's own record, and every record that shows them (the cases and incidents they
    # are a party to, notices they received, risk assessments of them...): a view of any of those
    # pages showed the person.
    records: list[tuple[Any, list[Any]]] = [(type(person), [person.pk])]
    for entry in PERSON_RECORDS:
        qs = entry.records(person)
        records.append((qs.model, list(qs.values_list("pk", flat=True))))
    events = audit_events_about(
        records=records,
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
        agency_id=filters["agency"].pk if filters.get("agency") else None,
    )
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    describe_targets(list(page.object_list))
    return render(
        request,
        "people/seen_by.html",
        {"person": person, "form": form, "page": page, "person_type_id": _person_type_id()},
    )


def _person_type_id() -> int:
    from django.contrib.contenttypes.models import ContentType

    from csphub.people.models import Person

    return ContentType.objects.get_for_model(Person).pk
