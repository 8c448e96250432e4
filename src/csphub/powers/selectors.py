"""Every read of powers goes through the policy (a power is visible when its case is, in full)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate
from django.http import Http404
from django.utils import timezone

from csphub.agencies.models import ShareScope
from csphub.agencies.policies import (
    Action,
    get_object_or_404_for,
    share_scope,
    visible_in_full_to,
)
from csphub.cases.models import Case, PartyRole
from csphub.core.actor import Actor
from csphub.core.errors import ApplicationError
from csphub.core.memo import memoized
from csphub.people.models import Address
from csphub.powers import clock, rules
from csphub.powers.facts import clean_lines, local_date, now_or, recipient_facts, rules_for, warning_facts
from csphub.powers.models import PowerUse
from csphub.powers.rules import TERMINAL, Power, Status


def power_list_visible_to(user: Any) -> QuerySet[PowerUse]:
    """Powers on cases the user sees in full: a summary share (panel agenda) shows no enforcement."""
    return visible_in_full_to(user, PowerUse).select_related("case", "recipient", "premises", "issuer")


def case_for_powers(user: Any, pk: int, *, action: Action = Action.VIEW) -> Case:
    """The case, if the user may see it in full (a summary share does not show enforcement)."""
    case = get_object_or_404_for(user, action, Case, pk=pk)
    if share_scope(user, case) != ShareScope.FULL:
        raise Http404("No such case.")
    return case


def powers_for_case(actor: Actor, case: Case) -> list[PowerUse]:
    """The case's powers, when the actor sees the case in full (none otherwise), each holding
    ``case`` itself: the case is not joined again, nor its visibility asked again in SQL."""
    powers = list(
        actor.policy.children_seen_in_full(case, PowerUse).select_related("recipient", "premises", "issuer")
    )
    for power in powers:
        power.case = case
    return powers


def power_get(user: Any, pk: int, *, action: Action = Action.VIEW) -> PowerUse:
    use = get_object_or_404_for(user, action, power_list_visible_to(user), pk=pk)
    case_for_powers(user, use.case_id, action=action)
    return use


def powers_with_dates(user: Any) -> QuerySet[PowerUse]:
    """Visible powers still running, the next statutory date first (appeal, hearing, end). A
    refused closure order counts while the police or council may still appeal it (s.84(2)-(5))."""
    appealable_refusal = Q(
        power=Power.CLOSURE_ORDER,
        status=Status.REFUSED,
        appeal_deadline__gte=local_date(clock.now()),
        details__refusal_appeal__isnull=True,
    )
    return (
        power_list_visible_to(user)
        .exclude(Q(status__in=[s.value for s in TERMINAL]) & ~appealable_refusal)
        .annotate(next_date=Coalesce("appeal_deadline", TruncDate("hearing_due_at"), TruncDate("ends_at")))
        .order_by(F("next_date").asc(nulls_last=True), "-created_at")
    )


HOME_WINDOW_DAYS = 14


def powers_due_soon(user: Any, *, today: dt.date, within_days: int = HOME_WINDOW_DAYS) -> QuerySet[PowerUse]:
    """Running powers with a statutory date in the next ``within_days`` days (home panel)."""
    return powers_with_dates(user).filter(  # type: ignore[misc]  # annotated field
        next_date__gte=today, next_date__lte=today + dt.timedelta(days=within_days)
    )


def running_dated_powers(actor: Actor) -> tuple[dt.date, list[PowerUse]]:
    """Today (:func:`today`) and the running visible powers with a next statutory date that the
    actor issued or that fall due in the next 14 days, in :func:`powers_with_dates` order.

    The home page's powers panel (due soon) and its deadlines panel (the actor's own) each take
    their rows from this one read: inside the home page's memo (:mod:`csphub.core.memo`) it is
    read once for both; anywhere else, every call reads the database.
    """
    day = today()

    def read() -> list[PowerUse]:
        window = Q(next_date__gte=day, next_date__lte=day + dt.timedelta(days=HOME_WINDOW_DAYS))
        return list(
            powers_with_dates(actor).filter(  # type: ignore[misc]  # annotated field
                Q(issuer=actor.user) | window, next_date__isnull=False
            )
        )

    membership = actor.membership.pk if actor.membership is not None else None
    return day, memoized(("powers.running_dated", actor.user.pk, membership, day), read)


def due_soon_for_home(actor: Actor) -> list[PowerUse]:
    """The home panel's rows: as ``powers_due_soon(actor, today=today())[:10]``, from the shared read."""
    day, rows = running_dated_powers(actor)
    horizon = day + dt.timedelta(days=HOME_WINDOW_DAYS)
    return [p for p in rows if day <= p.next_date <= horizon][:10]  # type: ignore[attr-defined]


def issued_with_dates(actor: Actor) -> list[PowerUse]:
    """The actor's own running powers with a next date (the deadlines): as
    ``powers_with_dates(actor).filter(issuer=actor.user, next_date__isnull=False)[:200]``."""
    _, rows = running_dated_powers(actor)
    return [p for p in rows if p.issuer_id == actor.user.pk][:200]


# --------------------------------------------------------------------------------------------
# What a step may do today (shown before a form is filled in; the services ask the same)
# --------------------------------------------------------------------------------------------


def cpn_blockers_for(
    *,
    cpw: PowerUse,
    issuer_capacity: str | None,
    conduct_persists: bool,
    informed_parties: Iterable[str] | str,
    now: dt.datetime | None = None,
) -> list[str]:
    """The reasons, today, that a CPN cannot follow ``cpw`` (shown before the form is filled in)."""
    moment = now_or(now)
    already = cpw.children.filter(power=Power.CPN).exclude(status=Status.WITHDRAWN).exists()
    reasons = ["A notice has already been issued after this warning"] if already else []
    reasons += rules.cpn_blockers(
        rules=rules_for(moment),
        cpw=warning_facts(cpw) if cpw.power == Power.CPW else None,
        recipient=recipient_facts(cpw.recipient),
        conduct=cpw.conduct,
        now=moment,
        issuer=issuer_capacity,
        conduct_persists=conduct_persists,
        informed_parties=clean_lines(informed_parties).splitlines(),
    )
    return reasons


def requirement_lines(use: PowerUse) -> list[str]:
    """The notice's requirements, one per line (how the forms and letters list them)."""
    return [line.strip() for line in use.requirements.splitlines() if line.strip()]


def cpn_requirements_in_effect(cpn: PowerUse) -> list[tuple[str, bool]]:
    """Each requirement with whether it has effect now (s.46(3): only "stop doing" ones while an
    appeal is pending). Which lines are "stop doing" is recorded when the appeal is lodged."""
    pending = cpn.status == Status.APPEALED
    stops = set(cpn.details.get("stop_requirements", []))
    return [
        (
            line,
            rules.requirement_in_effect(
                rules.RequirementKind.STOP if line in stops else rules.RequirementKind.DO,
                appeal_pending=pending,
            ),
        )
        for line in requirement_lines(cpn)
    ]


def cpn_in_force(cpn: PowerUse, *, breached_requirement: str = "", suspended_by_court: bool = False) -> bool:
    """Whether a fixed penalty can follow this notice (issued, upheld, varied or breached; or under
    appeal, for a breach of a "stop" requirement the court has not suspended, s.46(3))."""
    return cpn.power == Power.CPN and rules.cpn_enforceable(
        cpn.status, breached_requirement=breached_requirement or None, suspended_by_court=suspended_by_court
    )


def fpn_prosecution_blockers_for(fpn: PowerUse, *, now: dt.datetime | None = None) -> list[str]:
    """The reasons, today, that proceedings cannot be started for this fixed penalty."""
    assert fpn.issued_at is not None
    paid = fpn.details.get("paid_on")
    return rules.fpn_prosecution_blockers(
        issued_on=local_date(fpn.issued_at),
        today=local_date(now_or(now)),
        paid_on=dt.date.fromisoformat(paid) if paid else None,
        rules=rules.rule_set(fpn.rule_version),
    )


def today() -> dt.date:
    return timezone.localdate(clock.now())


# --------------------------------------------------------------------------------------------
# The case's people and places a power can name
# --------------------------------------------------------------------------------------------


def case_recipients(case: Any) -> list[tuple[int, str]]:
    seen: dict[int, str] = {}
    for party in case.parties.select_related("person").order_by("role", "person_id"):
        label = f"{party.person.display_name} ({party.get_role_display().lower()})"
        if party.role == PartyRole.ALLEGED_PERPETRATOR or party.person_id not in seen:
            seen[party.person_id] = label
    return list(seen.items())


def case_premises(case: Any) -> list[tuple[int, str]]:
    ids = {i.address_id for i in case.incidents.all() if i.address_id}
    ids |= set(
        Address.objects.filter(person_links__person__case_parties__case=case).values_list("pk", flat=True)
    )
    return [(a.pk, str(a)) for a in Address.objects.filter(pk__in=ids)]


def case_party_person(case: Any, person_pk: int) -> Any:
    party = case.parties.select_related("person").filter(person_id=person_pk).first()
    if party is None:
        raise ApplicationError("Choose who the notice is for", field="recipient")
    return party.person


def early_interventions_with(user: Any, case: Case, person: Any) -> list[Any]:
    """Proportionality: the early interventions (warning letters, behaviour contracts, mediation,
    restorative approaches, support) recorded on ``case`` with ``person``, as the casework app
    shows them to ``user``. A read of the cases app's selectors only."""
    from csphub.cases.selectors import early_interventions_for

    return early_interventions_for(user, case, person=person)


def address_get(pk: int) -> Address:
    return Address.objects.get(pk=pk)
