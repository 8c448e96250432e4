"""What the casework PDFs hold: a case's chronology (court bundles), its summary (panels), a panel
meeting's agenda pack and its minutes. Built from what the reader may already see on the pages
(``selectors.case_page`` decides the scope), so a PDF never carries more than the page it comes
from. Rendering is :func:`csphub.frontend.documents.render_pdf`; the views audit each download."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from csphub.cases.models import AgendaItem, CaseStatus, PanelMeeting, TaskStatus
from csphub.cases.selectors import CasePage

# Stylesheets for every casework PDF (static paths, as render_pdf takes them).
PDF_STYLESHEETS = ("cases/bundle.css",)


@dataclass(frozen=True)
class Entry:
    """One line of a chronology: when, what kind of event, what happened, who recorded it."""

    when: dt.datetime
    kind: str
    text: str
    by: str = ""


def _name(user: Any) -> str:
    if user is None:
        return ""
    return str(user.get_full_name() or user.username)


def _status_label(value: str) -> str:
    return str(CaseStatus(value).label) if value in CaseStatus.values else value


def chronology(page: CasePage) -> list[Entry]:
    """Every dated event on the case the reader may see, oldest first: incidents (when they
    happened), status changes, notes, evidence added, tasks set and completed, early interventions
    (started, and their outcome) and panel discussions.
    Empty for a summary share: the chronology is for readers who see the case in full."""
    if not page.full:
        return []
    entries: list[Entry] = []
    for incident in page.incidents:
        text = f"{incident.reference}: {incident.get_category_display()} ({incident.get_asb_type_display()})"
        if incident.description:
            text += f". {incident.description}"
        entries.append(
            Entry(
                incident.occurred_at,
                "Incident",
                text,
                f"reported {timezone.localtime(incident.reported_at):%d/%m/%Y}",
            )
        )
    for change in page.status_changes:
        moved = (
            f"{_status_label(change.from_status)} to {_status_label(change.to_status)}"
            if change.from_status
            else f"Opened as {_status_label(change.to_status).lower()}"
        )
        if change.outcome:
            moved += f", outcome: {change.get_outcome_display()}"
        if change.reason:
            moved += f". {change.reason}"
        entries.append(Entry(change.created_at, "Status", moved, _name(change.created_by)))
    for note in page.notes:
        entries.append(Entry(note.created_at, "Note", note.text, note.author_agency.short_name))
    for document in page.documents:
        entries.append(
            Entry(
                document.created_at, "Evidence", f"Added: {document.title}", document.author_agency.short_name
            )
        )
    for task in page.tasks:
        owner = _name(task.owner)
        due = f"{task.title} (for {owner}, due {task.due_on:%d/%m/%Y})"
        entries.append(Entry(task.created_at, "Task set", due, _name(task.created_by)))
        if task.status == TaskStatus.DONE and task.completed_at:
            entries.append(Entry(task.completed_at, "Task done", task.title, owner))
    for intervention in page.early_interventions:
        entries.extend(_intervention_entries(intervention))
    for item in page.agenda_items:
        text = f"Discussed at {item.meeting.panel.name}: {item.reason}"
        if item.decision:
            text += f". Decision: {item.decision}"
        entries.append(Entry(item.meeting.held_at, "Panel", text))
    return sorted(entries, key=lambda e: (e.when, e.kind))


def _start_of(day: dt.date) -> dt.datetime:
    """A day as the chronology sorts it: its first moment, local time."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _intervention_entries(intervention: Any) -> list[Entry]:
    """An early intervention when it started (with whom, the terms and the review date) and, once
    recorded, its outcome."""
    with_whom = intervention.person.display_name
    if intervention.other_person is not None:
        with_whom += f" and {intervention.other_person.display_name}"
    text = f"{intervention.get_kind_display()} with {with_whom}"
    if intervention.terms_lines:
        text += ". Terms: " + "; ".join(intervention.terms_lines)
    if intervention.review_on is not None:
        text += f". Review {intervention.review_on:%d/%m/%Y}"
    by = intervention.agency.short_name
    entries = [Entry(_start_of(intervention.started_on), "Early intervention", text, by)]
    if intervention.outcome and intervention.outcome_on is not None:
        outcome = f"{intervention.get_kind_display()}: {intervention.get_outcome_display().lower()}"
        if intervention.outcome_notes:
            outcome += f". {intervention.outcome_notes}"
        entries.append(Entry(_start_of(intervention.outcome_on), "Early intervention", outcome, by))
    return entries


def generated_line(actor: Any) -> str:
    """Who produced the document and when, printed in its footer."""
    agency = f", {actor.agency.name}" if actor.agency is not None else ""
    return f"Produced by {_name(actor.user)}{agency} on {timezone.localtime():%d/%m/%Y at %H:%M}"


def meeting_items(meeting: PanelMeeting) -> list[AgendaItem]:
    return list(meeting.agenda_items.select_related("case", "case__owning_agency"))
