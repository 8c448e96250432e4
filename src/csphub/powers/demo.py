"""Demo powers on the cases' demo cases, so every powers page has something to show.

- CPW → CPN on alternate cases with an individual alleged perpetrator (the CPN's appeal task);
- a fixed penalty for breach of the first CPN (its payment-check task; prosecution barred 14 days);
- a closure notice served this morning on an incident's premises, with its magistrates' hearing
  task, and an older notice already followed by a three-month closure order;
- a PSPO made two months ago (6-week challenge window over, review task before expiry);
- before every other warning, a warning letter to the same person that was broken, so the warning's
  check page shows the early intervention tried (the others show that none is recorded).

Every write goes through ``csphub.powers.services`` as the case officer, back-dated with ``now=``.
Idempotent: each demo power carries a marker in ``details``; running twice adds nothing.
A perpetrator with no date of birth gets a fictional adult one through the people services (the
age checks need it).
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from collections.abc import Callable

from django.contrib.auth.models import User

from csphub.agencies.models import AgencyType
from csphub.cases.models import Case, CaseStatus, PartyRole
from csphub.core.errors import ApplicationError
from csphub.core.models import demo_only
from csphub.people.models import Address, Person
from csphub.people.services import person_update
from csphub.powers import clock, services
from csphub.powers.models import PowerUse
from csphub.powers.rules import PSPO_CONSULTEES, UK_TZ, add_years

log = logging.getLogger(__name__)


def _officer(case: Case) -> User:
    """The case officer, who acts for the demo (the demo picks cases that have one)."""
    if case.case_officer is None:
        raise ValueError(f"Case {case.pk} has no case officer to act in the demo.")
    return case.case_officer


def _once(case: Case, marker: str, make: Callable[[], PowerUse | None]) -> PowerUse | None:
    """Create the demo power ``make`` returns unless one with ``marker`` exists on the case."""
    existing = PowerUse.objects.filter(case=case, details__demo=marker).first()
    if existing is not None:
        return existing
    try:
        use = make()
    except ApplicationError as error:
        # A demo case whose data does not meet a guard is left without that power.
        log.info("demo power %s not created: %s", marker, error.message)
        return None
    if use is not None:
        # Kept on the instance too: a later step that saves it (CPW → escalated) keeps the marker.
        use.details = {**use.details, "demo": marker}
        PowerUse.objects.filter(pk=use.pk).update(details=use.details)
    return use


def _adult(person: Person, officer: User, rng: random.Random) -> Person | None:
    if person.date_of_birth is not None:
        return person
    try:
        return person_update(
            actor=officer,
            person=person,
            date_of_birth=dt.date(rng.randint(1970, 2000), rng.randint(1, 12), 15),
        )
    except ApplicationError:
        return None


def _warning_letter_first(case: Case, person: Person, officer: User, before: dt.datetime) -> None:
    """A broken warning letter to ``person`` three weeks before ``before`` (once per case and person)."""
    from csphub.cases import selectors as case_selectors
    from csphub.cases import services as case_services

    if any(
        i.kind == "warning_letter"
        for i in case_selectors.early_interventions_for(officer, case, person=person)
    ):
        return
    sent = before.astimezone(UK_TZ).date() - dt.timedelta(days=21)
    try:
        letter = case_services.early_intervention_record(
            actor=officer, case=case, kind="warning_letter", person=person, started_on=sent
        )
        case_services.early_intervention_outcome_record(
            actor=officer,
            intervention=letter,
            outcome="broken",
            outcome_on=sent + dt.timedelta(days=10),
            outcome_notes="Loud music reported again after the letter",
        )
    except ApplicationError as error:
        log.info("demo warning letter not recorded: %s", error.message)


def load_demo(*, rng_seed: int = 2026) -> None:
    rng = random.Random(rng_seed)
    now = clock.now().astimezone(UK_TZ).replace(second=0, microsecond=0)
    cases = list(
        demo_only(Case.objects.all())
        .exclude(status=CaseStatus.CLOSED)
        .filter(parties__role=PartyRole.ALLEGED_PERPETRATOR, parties__person__kind="individual")
        .exclude(case_officer=None)
        .select_related("case_officer")
        .distinct()
        .order_by("pk")[:6]
    )
    first_cpn: PowerUse | None = None
    for n, case in enumerate(cases):
        officer = _officer(case)
        party = case.parties.filter(role=PartyRole.ALLEGED_PERPETRATOR, person__kind="individual").first()
        person = _adult(party.person, officer, rng) if party else None
        if person is None:
            continue
        issued = now - dt.timedelta(days=rng.randint(20, 40), hours=rng.randint(0, 8))
        marker = f"demo-{rng_seed}-{case.pk}"

        def make_cpw(case: Case = case, person: Person = person, issued: dt.datetime = issued) -> PowerUse:
            return services.cpw_issue(
                actor=_officer(case),
                case=case,
                recipient=person,
                issuer_capacity="local_authority",
                conduct="Persistent loud music and shouting late at night",
                requirements="Stop playing amplified music and shouting between 11pm and 7am",
                comply_by=issued + dt.timedelta(days=14),
                informed_parties="The victim",
                now=issued,
            )

        cpw = _once(case, marker, make_cpw)
        if cpw is not None and n % 2 == 0:  # dated before the warning, recorded once it stands
            _warning_letter_first(case, person, officer, issued)
        if cpw is None or n % 2:
            continue

        def make_cpn(cpw: PowerUse = cpw, issued: dt.datetime = issued) -> PowerUse:
            return services.cpn_issue(
                actor=_officer(cpw.case),
                cpw=cpw,
                issuer_capacity="local_authority",
                requirements=f"{cpw.requirements}\nAllow an officer to fit a noise monitor within 7 days",
                conduct_persists=True,
                informed_parties="The victim\nAmber Valley Homes",
                now=issued + dt.timedelta(days=16),
            )

        cpn = _once(case, f"{marker}-cpn", make_cpn)
        if first_cpn is None and cpn is not None:
            first_cpn = cpn

    if first_cpn is not None and first_cpn.issued_at is not None:
        cpn_issued = first_cpn.issued_at

        def make_fpn() -> PowerUse:
            assert first_cpn is not None
            return services.fpn_issue(
                actor=_officer(first_cpn.case),
                cpn=first_cpn,
                issuer_capacity="local_authority",
                amount_gbp=100,
                early_amount_gbp=75,
                early_period_days=10,
                breach="Amplified music heard from the street at 1.20am on Saturday",
                now=min(now - dt.timedelta(days=2), cpn_issued + dt.timedelta(days=3)),
            )

        _once(first_cpn.case, f"demo-{rng_seed}-{first_cpn.case_id}-fpn", make_fpn)

    _closure_demo(rng_seed=rng_seed, now=now)
    _pspo_demo(rng_seed=rng_seed, now=now)


def _premises_cases() -> list[tuple[Case, Address]]:
    found = []
    for case in (
        demo_only(Case.objects.all())
        .exclude(status=CaseStatus.CLOSED)
        .exclude(case_officer=None)
        # a closure notice is the council's or the police's (s.76): the demo's is the council's
        .filter(owning_agency__agency_type__in=(AgencyType.DISTRICT_COUNCIL, AgencyType.COUNTY_COUNCIL))
        .order_by("-pk")[:20]
    ):
        incident = case.incidents.exclude(address=None).select_related("address").order_by("pk").first()
        if incident is not None and incident.address is not None:
            found.append((case, incident.address))
    return found


def _closure_notice(case: Case, address: Address, served_at: dt.datetime, hearing: str) -> PowerUse:
    return services.closure_notice_issue(
        actor=_officer(case),
        case=case,
        premises=address,
        issuer_capacity="local_authority",
        duration_hours=24,
        senior_signoff=False,
        conduct="Drug dealing from the address; visitors at all hours; disorder in the stairwell",
        served_at=served_at,
        residents_informed=True,
        excludes_residents_or_owner=False,
        hearing_details=f"Southern Derbyshire Magistrates' Court, {hearing}",
        informed_parties="Derbyshire Constabulary\nAmber Valley Homes\nThe owner",
        now=served_at,
    )


def _closure_demo(*, rng_seed: int, now: dt.datetime) -> None:
    premises = _premises_cases()
    if not premises:
        return
    # Served this morning: the hearing task is due within 48 hours.
    case, address = premises[0]
    served = now.replace(hour=7, minute=30) if now.hour >= 8 else now - dt.timedelta(hours=1)
    hearing = f"{served + dt.timedelta(days=1):%-d %B %Y} at 10am"
    _once(
        case,
        f"demo-{rng_seed}-{case.pk}-closure-notice",
        lambda: _closure_notice(case, address, served, hearing),
    )
    if len(premises) < 2:
        return
    # Served three weeks ago and followed by a three-month closure order.
    old_case, old_address = premises[1]
    old_served = now - dt.timedelta(days=20)
    old = _once(
        old_case,
        f"demo-{rng_seed}-{old_case.pk}-closure-notice",
        lambda: _closure_notice(old_case, old_address, old_served, "the next morning at 10am"),
    )
    if old is None:
        return
    made_on = (old_served + dt.timedelta(days=1)).date()
    _once(
        old_case,
        f"demo-{rng_seed}-{old_case.pk}-closure-order",
        lambda: services.closure_order_grant(
            actor=_officer(old_case),
            notice=old,
            made_on=made_on,
            ends_on=made_on + dt.timedelta(days=89),
            now=old_served + dt.timedelta(days=1),
        ),
    )


def _pspo_demo(*, rng_seed: int, now: dt.datetime) -> None:
    case = (
        demo_only(Case.objects.all())
        .exclude(status=CaseStatus.CLOSED)
        .exclude(case_officer=None)
        .select_related("case_officer")
        .order_by("pk")
        .first()
    )
    if case is None:
        return
    made_on = (now - dt.timedelta(days=60)).date()
    _once(
        case,
        f"demo-{rng_seed}-{case.pk}-pspo",
        lambda: services.pspo_make(
            actor=_officer(case),
            case=case,
            issuer_capacity="local_authority",
            locality="Ripley town centre: Market Place, Church Street and Grosvenor Road car park",
            requirements=(
                "Stop drinking alcohol, or surrender it, when asked by an authorised officer\n"
                "Do not congregate in groups of three or more causing alarm or distress after 9pm"
            ),
            made_on=made_on,
            expires_on=add_years(made_on, 3) - dt.timedelta(days=1),
            consultation_done=list(PSPO_CONSULTEES),
            publicised=True,
            expression_assembly_regard="Dog walkers and street preachers are unaffected; gatherings are not banned",
            now=now - dt.timedelta(days=60),
        ),
    )
