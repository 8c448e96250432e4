"""Demo powers on the cases' demo cases: a few CPWs, one CPN after its warning, a closure notice.

Idempotent: each demo power is keyed by a marker in ``details``; running twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
import random

from csphub.cases.models import Case, CaseStatus, PartyRole
from csphub.core.errors import ApplicationError
from csphub.powers import services
from csphub.powers.models import PowerUse
from csphub.powers.rules import UK_TZ


def load_demo(*, rng_seed: int = 2026) -> None:
    rng = random.Random(rng_seed)
    cases = list(
        Case.objects.exclude(status=CaseStatus.CLOSED)
        .filter(parties__role=PartyRole.ALLEGED_PERPETRATOR, parties__person__kind="individual")
        .select_related("case_officer")
        .distinct()
        .order_by("pk")[:6]
    )
    for n, case in enumerate(cases):
        marker = f"demo-{rng_seed}-{case.pk}"
        if PowerUse.objects.filter(case=case, details__demo=marker).exists() or not case.case_officer_id:
            continue
        officer = case.case_officer
        party = case.parties.filter(role=PartyRole.ALLEGED_PERPETRATOR, person__kind="individual").first()
        if party is None:
            continue
        person = party.person
        if person.date_of_birth is None:
            continue  # the age check needs a date of birth; demo people without one get no notice
        issued = dt.datetime.now(UK_TZ) - dt.timedelta(days=rng.randint(20, 40))
        try:
            cpw = services.cpw_issue(
                actor=officer,
                case=case,
                recipient=person,
                issuer_capacity="local_authority",
                conduct="Persistent loud music and shouting late at night",
                requirements="Stop playing amplified music and shouting between 11pm and 7am",
                comply_by=issued + dt.timedelta(days=14),
                informed_parties="The victim",
                now=issued,
            )
            PowerUse.objects.filter(pk=cpw.pk).update(details={"demo": marker})
            if n % 2 == 0:
                cpn = services.cpn_issue(
                    actor=officer,
                    cpw=cpw,
                    issuer_capacity="local_authority",
                    requirements=cpw.requirements,
                    conduct_persists=True,
                    informed_parties="The victim\nHousing provider",
                    now=issued + dt.timedelta(days=16),
                )
                PowerUse.objects.filter(pk=cpn.pk).update(details={**cpn.details, "demo": marker})
        except ApplicationError:
            continue  # a demo case whose data does not meet a guard is left without powers
