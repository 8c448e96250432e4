"""Permission-matrix rows for the powers pages: a power on a case of another agency (Derbyshire
Constabulary, unshared) is a 404 for everyone outside it. Merged by ``tests/permission_matrix.py``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.permission_matrix import OTHER_AGENCY_RECORD, Entry


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


def _case(world: Any) -> dict[str, Any]:
    return {"case_pk": police_case_with_cpw(world)["case_pk"]}


def _power(world: Any) -> dict[str, Any]:
    return {"pk": police_case_with_cpw(world)["pk"]}


MATRIX: dict[str, Entry] = {
    "powers:case_powers": Entry(make=_case, expect=OTHER_AGENCY_RECORD),
    "powers:cpw_new": Entry(make=_case, expect=OTHER_AGENCY_RECORD),
    "powers:closure_notice_new": Entry(make=_case, expect=OTHER_AGENCY_RECORD),
    "powers:detail": Entry(make=_power, expect=OTHER_AGENCY_RECORD),
    "powers:cpn_new": Entry(make=_power, expect=OTHER_AGENCY_RECORD),
    "powers:withdraw": Entry(make=_power, expect=OTHER_AGENCY_RECORD),
    "powers:letter": Entry(make=_power, expect=OTHER_AGENCY_RECORD),
    "powers:letter_pdf": Entry(make=_power, expect=OTHER_AGENCY_RECORD),
}
