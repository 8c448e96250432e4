"""Every step of every power is one row of a table, routed through one view.

A :class:`PowerStep` says once what a step is: its URL, the powers it follows (none: a new power on
a case), its form, the service it calls, what stands in the way today, its titles, the Act's
section and the notes shown above the form. :func:`power_step` turns a row into the question page
→ check answers → service journey (``common.journey``, on ``frontend.flows``). The tables are in the per-power modules
(``cpw_cpn``, ``fpn``, ``closure``, ``injunction_cbo``, ``dispersal``, ``pspo``,
``absolute_ground``) and are collected in ``table.STEPS``; ``powers/urls.py`` routes each row and
a power's page offers the rows whose ``offer`` says so.

Texts may be plain strings, formatted with ``use`` (the power the step follows, or the case for
a new power; for ``success``, the power the service returned) and ``status`` (its status in
words), or functions of that object when they need more than formatting.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse

from csphub.agencies.policies import Action
from csphub.core.actor import SignedInRequest
from csphub.core.concurrency import versioned
from csphub.powers import rules, selectors
from csphub.powers.models import PowerUse
from csphub.powers.rules import Power, Status
from csphub.powers.views.common import journey, posted

Text = str | Callable[[Any], str]

# What a step on an existing power may change, and a conflict names.
POWER_VERSIONED = (
    "status",
    "comply_by",
    "served_at",
    "starts_on",
    "ends_at",
    "appeal_deadline",
    "hearing_due_at",
    "court",
    "locality",
    "requirements",
    "details",
)


def _no_notes(subject: Any) -> list[str]:
    return []


def _no_form_kwargs(subject: Any) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Offer:
    """How a power's page offers the step: a link, shown while ``when(power)`` holds."""

    label: Text
    testid: str
    when: Callable[[PowerUse], bool]


@dataclass(frozen=True, kw_only=True)
class PowerStep:
    """One step: a question page, its check-answers page and the service that decides."""

    name: str  # URL name, ``powers:<name>``
    route: str  # path under /powers/: ``case/<int:case_pk>/...`` or ``<int:pk>/...``
    form: type[Any]  # the form class; its field names are the service's keywords
    service: Callable[..., PowerUse]
    subject: str  # the service's keyword for the case or the power the step follows
    title: Text
    section: Text  # the Act's section, shown in the caption
    check_title: str
    action_label: str
    success: Text
    blocked_title: str
    standing: Callable[[Any], list[str]]  # why the step cannot be taken at all today
    on: tuple[Power, ...] = ()  # the powers this step follows; () for a new power on a case
    notes: Callable[[Any], list[str]] = _no_notes
    form_kwargs: Callable[[Any], dict[str, Any]] = _no_form_kwargs
    parent_details: bool = False  # show the parent's conduct and time to comply
    offer: Offer | None = None  # the link on the parent power's page
    # More for the check-answers page, from the actor, the subject and the valid answers (the
    # warning's page shows the early interventions already tried with the recipient).
    check_context: Callable[[Any, Any, dict[str, Any]], dict[str, Any]] | None = None


def say(text: Text, use: Any) -> str:
    if callable(text):
        return text(use)
    status = use.get_status_display().lower() if isinstance(use, PowerUse) else ""
    return text.format(use=use, status=status)


def notes(*lines: str) -> Callable[[Any], list[str]]:
    """Fixed notes shown above the form."""
    return lambda subject: list(lines)


# --- Standing blockers: the reasons a step cannot be taken today, shown instead of the form ------


def case_open(case: Any) -> list[str]:
    return [] if case.is_open else ["The case is closed: reopen it before using a power"]


def status_blockers(use: PowerUse, to: Status, *, doing: str) -> list[str]:
    """ "You cannot <doing>: the <power> is <status>" when the state machine forbids the step."""
    return any_status_blockers(use, (to,), doing=doing)


def any_status_blockers(use: PowerUse, tos: Sequence[Status], *, doing: str) -> list[str]:
    """Like ``status_blockers`` for a step that may end in any of several statuses."""
    if can_become(*tos)(use):
        return []
    return [f"You cannot {doing}: {use.label.lower()} {use.reference} is {use.get_status_display().lower()}"]


def can_become(*tos: Status) -> Callable[[PowerUse], bool]:
    """Whether the state machine lets the power become any of ``tos`` from where it is."""
    return lambda use: any(rules.can_transition(Power(use.power), Status(use.status), to) for to in tos)


def may_become(to: Status, doing: str) -> Callable[[PowerUse], list[str]]:
    return lambda use: status_blockers(use, to, doing=doing)


def may_become_any(tos: Sequence[Status], doing: str) -> Callable[[PowerUse], list[str]]:
    return lambda use: any_status_blockers(use, tos, doing=doing)


# --- The one view ---------------------------------------------------------------------------------


def _power_of(request: SignedInRequest, pk: int, *powers: Power) -> PowerUse:
    use = selectors.power_get(request.actor, pk, action=Action.CHANGE)
    if use.power not in powers:
        raise Http404("This step does not apply to that power.")
    return use


@login_required
def power_step(
    request: SignedInRequest, step: PowerStep, pk: int | None = None, case_pk: int | None = None
) -> HttpResponse:
    """The question page → check answers → service journey of one row of the step table."""
    parent: PowerUse | None = None
    if step.on:
        assert pk is not None
        parent = _power_of(request, pk, *step.on)
        case = parent.case
        subject: Any = parent
    else:
        assert case_pk is not None
        case = selectors.case_for_powers(request.actor, case_pk, action=Action.CHANGE)
        subject = case
    if parent is not None:
        # A step on an existing power carries the power's version: a step confirmed on a page
        # opened before someone else changed the power is refused (core.concurrency).
        form = versioned(step.form)(
            posted(request), record=parent, versioned_fields=POWER_VERSIONED, **step.form_kwargs(subject)
        )
    else:
        form = step.form(posted(request), **step.form_kwargs(subject))

    def perform(data: dict[str, Any]) -> PowerUse:
        answers = dict(data)
        if "recipient" in answers:
            answers["recipient"] = selectors.case_party_person(case, answers["recipient"])
        if "premises" in answers:
            answers["premises"] = selectors.address_get(answers["premises"])
        return step.service(actor=request.actor, **{step.subject: subject}, **answers)

    return journey(
        request,
        form=form,
        case=case,
        parent=parent,
        title=say(step.title, subject),
        section=say(step.section, subject),
        check_title=step.check_title,
        action_label=step.action_label,
        perform=perform,
        success=lambda use: say(step.success, use),
        blocked_title=step.blocked_title,
        standing=step.standing(subject),
        notes=step.notes(subject),
        parent_details=step.parent_details,
        check_context=_check_context(step, request, subject),
    )


def _check_context(
    step: PowerStep, request: SignedInRequest, subject: Any
) -> Callable[[dict[str, Any]], dict[str, Any]] | None:
    more = step.check_context
    if more is None:
        return None
    return lambda answers: more(request.actor, subject, answers)
