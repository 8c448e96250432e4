"""Permission-matrix rows for the duty registers.

The record is Derbyshire Constabulary's (recorded by ``police_caseworker``). The modern slavery
compartment is per agency, so even an Amber Valley member of that compartment (made one here) gets
404: the concern is not theirs to see.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.permission_matrix import CREATE_FORM, OTHER_AGENCY_RECORD, PERSONAL_LIST, Entry


def police_slavery_concern(world: Any) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from csphub.agencies.models import Membership
    from csphub.agencies.policies import Compartment
    from csphub.core.actor import as_actor
    from csphub.duties.models import SlaveryConcern
    from csphub.duties.services.compartments import compartment_member_add
    from csphub.duties.services.slavery import slavery_concern_record
    from csphub.people.services import person_create

    users = get_user_model().objects
    owner = users.get(username="police_caseworker")
    existing = SlaveryConcern.objects.filter(created_by=owner).first()
    if existing is None:
        actor = as_actor(owner)
        assert actor is not None
        person = person_create(actor=owner, given_name="Robin", family_name="Example-Matrix")
        existing = slavery_concern_record(
            actor=actor,
            person=person,
            grounds_date=timezone.localdate() - dt.timedelta(days=1),
            grounds="Example-Matrix grounds",
            exploitation="labour",
            age_basis="adult",
            consent="refused",
        )
        lead = users.get(username="avbc_team_manager")
        compartment_member_add(
            actor=None,
            compartment=Compartment.MODERN_SLAVERY,
            user=lead,
            agency=Membership.objects.get(user=lead, is_active=True).agency,
        )
    return {"pk": existing.pk}


MATRIX: dict[str, Entry] = {
    "duties:slavery_list": Entry(
        expect=PERSONAL_LIST, why="each sees only the concerns the policy lets them"
    ),
    "duties:slavery_new": Entry(expect=CREATE_FORM),
    "duties:slavery_detail": Entry(make=police_slavery_concern, expect=OTHER_AGENCY_RECORD),
    "duties:slavery_notified": Entry(make=police_slavery_concern, expect=OTHER_AGENCY_RECORD),
    "duties:slavery_export": Entry(make=police_slavery_concern, expect=OTHER_AGENCY_RECORD),
}
