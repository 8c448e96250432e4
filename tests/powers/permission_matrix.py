"""Permission-matrix rows for the powers pages: a power on a case of another agency (Derbyshire
Constabulary, unshared) is a 404 for everyone outside it. Merged by ``tests/permission_matrix.py``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.permission_matrix import OTHER_AGENCY_RECORD, PERSONAL_LIST, Entry


def council_case(world: Any) -> tuple[Any, Any, Any]:
    """A Derbyshire County Council case (another agency for every persona of the matrix): the
    council powers (PSPO, absolute ground) are a council's, never the police's (review finding 13)."""
    from django.contrib.auth import get_user_model

    from csphub.cases import services as cases
    from csphub.cases.models import PartyRole
    from csphub.people.services import person_create

    owner = get_user_model().objects.get(username="dcc_caseworker")
    now = dt.datetime.now(dt.UTC)
    perp = person_create(
        actor=owner, given_name="Matrix", family_name="Councilperp", date_of_birth=dt.date(1990, 1, 1)
    )
    incident = cases.incident_record(
        actor=owner,
        occurred_at=now - dt.timedelta(days=2),
        reported_at=now - dt.timedelta(days=1),
        channel="phone",
        asb_type="nuisance",
        category="noise",
        description="Noise",
        parties=[(perp, PartyRole.ALLEGED_PERPETRATOR)],
    )
    return owner, cases.case_open(actor=owner, incidents=[incident], summary="Matrix council case"), perp


def police_case_with_cpw(world: Any) -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    from csphub.cases import services as cases
    from csphub.cases.models import PartyRole
    from csphub.people.services import person_create
    from csphub.powers import services

    owner = get_user_model().objects.get(username="police_caseworker")
    now = dt.datetime.now(dt.UTC)
    perp = person_create(
        actor=owner, given_name="Matrix", family_name="Perp", date_of_birth=dt.date(1990, 1, 1)
    )
    incident = cases.incident_record(
        actor=owner,
        occurred_at=now - dt.timedelta(days=2),
        reported_at=now - dt.timedelta(days=1),
        channel="phone",
        asb_type="nuisance",
        category="noise",
        description="Noise",
        parties=[(perp, PartyRole.ALLEGED_PERPETRATOR)],
    )
    case = cases.case_open(actor=owner, incidents=[incident], summary="Matrix case")
    cpw = services.cpw_issue(
        actor=owner,
        case=case,
        recipient=perp,
        issuer_capacity="constable",
        conduct="Noise",
        requirements="Stop",
        comply_by=now + dt.timedelta(days=14),
        now=now,
    )
    return {"pk": cpw.pk, "case_pk": case.pk}


def police_powers_chain(world: Any) -> dict[str, int]:
    """A police case with one of each power that has follow-on pages (CPN, FPN, closure notice
    and order, dispersal authorisation, absolute-ground notice): the pk of each."""
    from django.contrib.auth import get_user_model

    from csphub.cases import services as cases
    from csphub.cases.models import Case, PartyRole
    from csphub.people.services import address_create, person_create
    from csphub.powers import services

    owner = get_user_model().objects.get(username="police_caseworker")
    now = dt.datetime.now(dt.UTC)
    perp = person_create(
        actor=owner, given_name="Chain", family_name="Example-Matrix", date_of_birth=dt.date(1990, 1, 1)
    )
    address = address_create(actor=owner, line_1="1 Matrix Row", town="Ripley", postcode="DE5 3BT")
    incident = cases.incident_record(
        actor=owner,
        occurred_at=now - dt.timedelta(days=30),
        reported_at=now - dt.timedelta(days=29),
        channel="phone",
        asb_type="nuisance",
        category="noise",
        description="Noise",
        address=address,
        parties=[(perp, PartyRole.ALLEGED_PERPETRATOR)],
        now=now - dt.timedelta(days=29),
    )
    case: Case = cases.case_open(actor=owner, incidents=[incident], summary="Matrix chain")
    cpw = services.cpw_issue(
        actor=owner,
        case=case,
        recipient=perp,
        issuer_capacity="constable",
        conduct="Noise",
        requirements="Stop the noise",
        comply_by=now - dt.timedelta(days=10),
        now=now - dt.timedelta(days=25),
    )
    cpn = services.cpn_issue(
        actor=owner,
        cpw=cpw,
        issuer_capacity="constable",
        requirements="Stop the noise",
        conduct_persists=True,
        informed_parties="Housing",
        now=now - dt.timedelta(days=2),
    )
    fpn = services.fpn_issue(
        actor=owner, cpn=cpn, issuer_capacity="constable", amount_gbp=100, breach="Music again", now=now
    )
    notice = services.closure_notice_issue(
        actor=owner,
        case=case,
        premises=address,
        issuer_capacity="inspector",
        duration_hours=24,
        senior_signoff=False,
        conduct="Disorder",
        served_at=now,
        residents_informed=True,
        excludes_residents_or_owner=False,
        hearing_details="Southern Derbyshire Magistrates",
        now=now,
    )
    notice2 = services.closure_notice_issue(
        actor=owner,
        case=case,
        premises=address,
        issuer_capacity="inspector",
        duration_hours=24,
        senior_signoff=False,
        conduct="Disorder",
        served_at=now,
        residents_informed=True,
        excludes_residents_or_owner=False,
        hearing_details="Southern Derbyshire Magistrates",
        now=now,
    )
    today = now.date()
    order = services.closure_order_grant(
        actor=owner, notice=notice2, made_on=today, ends_on=today + dt.timedelta(days=60), now=now
    )
    notice3 = services.closure_notice_issue(
        actor=owner,
        case=case,
        premises=address,
        issuer_capacity="inspector",
        duration_hours=24,
        senior_signoff=False,
        conduct="Disorder",
        served_at=now,
        residents_informed=True,
        excludes_residents_or_owner=False,
        hearing_details="Southern Derbyshire Magistrates",
        now=now,
    )
    refusal = services.closure_order_refuse(actor=owner, notice=notice3, refused_at=now, now=now)
    authorisation = services.dispersal_authorise(
        actor=owner,
        case=case,
        issuer_capacity="inspector",
        locality="Market Place",
        grounds="Disorder",
        starts_at=now,
        ends_at=now + dt.timedelta(hours=24),
        human_rights_considered="Considered",
        signed=True,
        now=now,
    )
    council, council_matter, council_perp = council_case(world)
    absolute = services.absolute_ground_notice_serve(
        actor=council,
        case=council_matter,
        recipient=council_perp,
        issuer_capacity="local_authority",
        condition="serious_offence",
        served_on=today,
        now=now,
    )
    return {
        "case_pk": case.pk,
        "cpn": cpn.pk,
        "fpn": fpn.pk,
        "closure_notice": notice.pk,
        "closure_order": order.pk,
        "closure_refusal": refusal.pk,
        "dispersal": authorisation.pk,
        "absolute_ground": absolute.pk,
    }


def police_lifecycle_chain(world: Any) -> dict[str, int]:
    """A police case with the powers whose later steps have pages: an injunction application,
    a granted injunction, a CBO, a dispersal direction and a PSPO: the pk of each."""
    from django.contrib.auth import get_user_model

    from csphub.cases import services as cases
    from csphub.cases.models import Case, PartyRole
    from csphub.people.services import person_create
    from csphub.powers import services

    owner = get_user_model().objects.get(username="police_caseworker")
    now = dt.datetime.now(dt.UTC)
    today = now.date()
    perp = person_create(
        actor=owner, given_name="Later", family_name="Steps-Matrix", date_of_birth=dt.date(1990, 1, 1)
    )
    incident = cases.incident_record(
        actor=owner,
        occurred_at=now - dt.timedelta(days=30),
        reported_at=now - dt.timedelta(days=29),
        channel="phone",
        asb_type="nuisance",
        category="noise",
        description="Noise",
        parties=[(perp, PartyRole.ALLEGED_PERPETRATOR)],
        now=now - dt.timedelta(days=29),
    )
    case: Case = cases.case_open(actor=owner, incidents=[incident], summary="Matrix later steps")

    def apply() -> Any:
        return services.injunction_apply(
            actor=owner,
            case=case,
            recipient=perp,
            issuer_capacity="constable",
            applied_on=today,
            court="county_court",
            ends_on=None,
            yot_consulted_on=None,
            requirements="Not to enter Market Place",
            now=now,
        )

    applied = apply()
    granted = services.injunction_decide(
        actor=owner,
        injunction=apply(),
        outcome="granted",
        decided_on=today,
        requirements="Not to enter",
        now=now,
    )
    cbo = services.cbo_grant(
        actor=owner,
        case=case,
        recipient=perp,
        convicted_on=today - dt.timedelta(days=10),
        disposal="sentence",
        applied_on=today - dt.timedelta(days=1),
        starts_on=today,
        ends_on=None,
        yot_views_on=None,
        requirements="Not to enter Ripley",
        now=now,
    )
    authorisation = services.dispersal_authorise(
        actor=owner,
        case=case,
        issuer_capacity="inspector",
        locality="Market Place",
        grounds="Disorder",
        starts_at=now - dt.timedelta(hours=1),
        ends_at=now + dt.timedelta(hours=24),
        human_rights_considered="Considered",
        signed=True,
        now=now,
    )
    from csphub.powers.rules import PSPO_CONSULTEES, S36_EXCLUSIONS

    direction = services.dispersal_direction_give(
        actor=owner,
        authorisation=authorisation,
        recipient=perp,
        issuer_capacity="constable",
        given_at=now - dt.timedelta(minutes=30),
        excluded_until=now + dt.timedelta(hours=12),
        in_writing=True,
        in_uniform=True,
        exclusions_checked=S36_EXCLUSIONS,
        now=now,
    )
    council, council_matter, _ = council_case(world)
    pspo = services.pspo_make(
        actor=council,
        case=council_matter,
        issuer_capacity="local_authority",
        locality="Ripley town centre",
        requirements="No alcohol when asked to stop",
        made_on=today,
        expires_on=today + dt.timedelta(days=700),
        consultation_done=PSPO_CONSULTEES,
        publicised=True,
        expression_assembly_regard="Dog walkers and street preachers are unaffected; gatherings are not banned",
        now=now,
    )
    return {
        "injunction_applied": applied.pk,
        "injunction_granted": granted.pk,
        "cbo": cbo.pk,
        "dispersal_direction": direction.pk,
        "pspo": pspo.pk,
    }


def _later(key: str) -> Any:
    def make(world: Any) -> dict[str, Any]:
        return {"pk": police_lifecycle_chain(world)[key]}

    return make


def _case(world: Any) -> dict[str, Any]:
    return {"case_pk": police_case_with_cpw(world)["case_pk"]}


def _power(world: Any) -> dict[str, Any]:
    return {"pk": police_case_with_cpw(world)["pk"]}


def _chain(key: str) -> Any:
    def make(world: Any) -> dict[str, Any]:
        return {"pk": police_powers_chain(world)[key]}

    return make


MATRIX: dict[str, Entry] = {
    "powers:list": Entry(make=None, expect=PERSONAL_LIST, why="each user's own visible powers"),
    "powers:case_powers": Entry(make=_case, expect=OTHER_AGENCY_RECORD),
    "powers:cpw_new": Entry(make=_case, expect=OTHER_AGENCY_RECORD),
    "powers:closure_notice_new": Entry(make=_case, expect=OTHER_AGENCY_RECORD),
    "powers:injunction_new": Entry(make=_case, expect=OTHER_AGENCY_RECORD),
    "powers:cbo_new": Entry(make=_case, expect=OTHER_AGENCY_RECORD),
    "powers:dispersal_new": Entry(make=_case, expect=OTHER_AGENCY_RECORD),
    "powers:pspo_new": Entry(make=_case, expect=OTHER_AGENCY_RECORD),
    "powers:absolute_ground_new": Entry(make=_case, expect=OTHER_AGENCY_RECORD),
    "powers:detail": Entry(make=_power, expect=OTHER_AGENCY_RECORD),
    "powers:cpn_new": Entry(make=_power, expect=OTHER_AGENCY_RECORD),
    "powers:cpn_appeal": Entry(make=_chain("cpn"), expect=OTHER_AGENCY_RECORD),
    "powers:cpn_appeal_decision": Entry(make=_chain("cpn"), expect=OTHER_AGENCY_RECORD),
    "powers:fpn_new": Entry(make=_chain("cpn"), expect=OTHER_AGENCY_RECORD),
    "powers:fpn_payment": Entry(make=_chain("fpn"), expect=OTHER_AGENCY_RECORD),
    "powers:fpn_prosecute": Entry(make=_chain("fpn"), expect=OTHER_AGENCY_RECORD),
    "powers:closure_order_new": Entry(make=_chain("closure_notice"), expect=OTHER_AGENCY_RECORD),
    "powers:closure_order_extend": Entry(make=_chain("closure_order"), expect=OTHER_AGENCY_RECORD),
    "powers:dispersal_direction_new": Entry(make=_chain("dispersal"), expect=OTHER_AGENCY_RECORD),
    "powers:absolute_ground_review": Entry(make=_chain("absolute_ground"), expect=OTHER_AGENCY_RECORD),
    "powers:injunction_decision": Entry(make=_later("injunction_applied"), expect=OTHER_AGENCY_RECORD),
    "powers:injunction_adjourned": Entry(make=_later("injunction_applied"), expect=OTHER_AGENCY_RECORD),
    "powers:injunction_appeal": Entry(make=_later("injunction_applied"), expect=OTHER_AGENCY_RECORD),
    "powers:injunction_appeal_decision": Entry(make=_later("injunction_applied"), expect=OTHER_AGENCY_RECORD),
    "powers:injunction_change": Entry(make=_later("injunction_granted"), expect=OTHER_AGENCY_RECORD),
    "powers:order_breach": Entry(make=_later("injunction_granted"), expect=OTHER_AGENCY_RECORD),
    "powers:cbo_change": Entry(make=_later("cbo"), expect=OTHER_AGENCY_RECORD),
    "powers:dispersal_direction_vary": Entry(make=_later("dispersal_direction"), expect=OTHER_AGENCY_RECORD),
    "powers:dispersal_surrender": Entry(make=_later("dispersal_direction"), expect=OTHER_AGENCY_RECORD),
    "powers:dispersal_item_return": Entry(make=_later("dispersal_direction"), expect=OTHER_AGENCY_RECORD),
    "powers:pspo_extend": Entry(make=_later("pspo"), expect=OTHER_AGENCY_RECORD),
    "powers:pspo_vary": Entry(make=_later("pspo"), expect=OTHER_AGENCY_RECORD),
    "powers:pspo_discharge": Entry(make=_later("pspo"), expect=OTHER_AGENCY_RECORD),
    "powers:pspo_fpn_new": Entry(make=_later("pspo"), expect=OTHER_AGENCY_RECORD),
    "powers:pspo_publish": Entry(make=_later("pspo"), expect=OTHER_AGENCY_RECORD),
    "powers:closure_order_discharge": Entry(make=_chain("closure_order"), expect=OTHER_AGENCY_RECORD),
    "powers:closure_extension_notice": Entry(make=_chain("closure_notice"), expect=OTHER_AGENCY_RECORD),
    "powers:closure_notice_change": Entry(make=_chain("closure_notice"), expect=OTHER_AGENCY_RECORD),
    "powers:closure_notice_continue": Entry(make=_chain("closure_notice"), expect=OTHER_AGENCY_RECORD),
    "powers:closure_order_appeal": Entry(make=_chain("closure_order"), expect=OTHER_AGENCY_RECORD),
    "powers:closure_order_refuse": Entry(make=_chain("closure_notice"), expect=OTHER_AGENCY_RECORD),
    "powers:closure_refusal_appeal": Entry(make=_chain("closure_refusal"), expect=OTHER_AGENCY_RECORD),
    "powers:closure_refusal_appeal_decision": Entry(
        make=_chain("closure_refusal"), expect=OTHER_AGENCY_RECORD
    ),
    "powers:closure_order_appeal_decision": Entry(make=_chain("closure_order"), expect=OTHER_AGENCY_RECORD),
    "powers:compliance": Entry(make=_power, expect=OTHER_AGENCY_RECORD),
    "powers:withdraw": Entry(make=_power, expect=OTHER_AGENCY_RECORD),
    "powers:letter": Entry(make=_power, expect=OTHER_AGENCY_RECORD),
    "powers:letter_pdf": Entry(make=_power, expect=OTHER_AGENCY_RECORD),
}
