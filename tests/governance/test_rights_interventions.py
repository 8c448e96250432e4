"""Subject access (UK GDPR Art 15) covers early interventions, and disposal (Art 5(1)(e)) takes them
with their case. The agency that made one finds it for either person it is with (both neighbours of
a mediation), with its terms and outcome, and neither finds the other neighbour's name in the entry;
another agency's intervention is theirs to answer."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.utils import timezone

from csphub.cases import services
from csphub.cases.models import PartyRole
from csphub.governance.selectors.rights import subject_records
from csphub.people.services import person_create

pytestmark = pytest.mark.django_db


def test_subject_access_finds_the_agencys_early_interventions_with_the_subject(
    world: Any, persona: Any
) -> None:
    council = persona("avbc_caseworker")
    victim = person_create(actor=council, given_name="Sam", family_name="Sarcase")
    neighbour = person_create(actor=council, given_name="Jo", family_name="Sarneighbour")
    now = timezone.now()
    incident = services.incident_record(
        actor=council,
        occurred_at=now - dt.timedelta(days=2),
        reported_at=now - dt.timedelta(days=1),
        channel="phone",
        asb_type="personal",
        category="noise",
        description="Banging on the shared wall",
        parties=[(victim, PartyRole.VICTIM), (neighbour, PartyRole.ALLEGED_PERPETRATOR)],
    )
    case = services.case_open(actor=council, incidents=[incident], summary="Noise through the wall")
    today = timezone.localdate()
    abc = services.early_intervention_record(
        actor=council,
        case=case,
        kind="abc",
        person=neighbour,
        started_on=today,
        review_on=today,
        terms="Not to bang on the shared wall",
        agreed_by="person",
    )
    mediation = services.early_intervention_record(
        actor=council, case=case, kind="mediation", person=victim, other_person=neighbour, started_on=today
    )
    services.case_share(
        actor=council, case=case, agency=world.agencies["police"], agreement=world.asb_isa, reason="Joint"
    )
    theirs = services.early_intervention_record(
        actor=persona("police_caseworker"),
        case=case,
        kind="warning_letter",
        person=neighbour,
        started_on=today,
    )

    found = {f.key: f for f in subject_records(world.agencies["avbc"], neighbour)}
    assert f"earlyintervention:{abc.pk}" in found and f"earlyintervention:{mediation.pk}" in found
    assert f"earlyintervention:{theirs.pk}" not in found  # the police are their own controller
    assert "Not to bang on the shared wall" in json.dumps(found[f"earlyintervention:{abc.pk}"].content)
    assert found[f"earlyintervention:{abc.pk}"].source == "Early intervention"

    for_victim = {f.key: f for f in subject_records(world.agencies["avbc"], victim)}
    assert f"earlyintervention:{mediation.pk}" in for_victim
    assert f"earlyintervention:{abc.pk}" not in for_victim
    assert "Sarneighbour" not in json.dumps(for_victim[f"earlyintervention:{mediation.pk}"].content)
    assert "Sarneighbour" not in for_victim[f"earlyintervention:{mediation.pk}"].label


def test_a_disposed_case_takes_its_early_interventions_and_their_review_task_with_it(persona: Any) -> None:
    from csphub.cases.models import Case, EarlyIntervention, Task
    from csphub.governance import services as governance

    council = persona("avbc_caseworker")
    perpetrator = person_create(
        actor=council, given_name="Alex", family_name="Sardisposal", date_of_birth=dt.date(1980, 1, 1)
    )
    when = timezone.make_aware(dt.datetime(2019, 1, 10, 12))
    incident = services.incident_record(
        actor=council,
        occurred_at=when,
        reported_at=when,
        channel="phone",
        asb_type="personal",
        category="noise",
        description="Loud music",
        parties=[(perpetrator, PartyRole.ALLEGED_PERPETRATOR)],
    )
    case = services.case_open(actor=council, incidents=[incident], summary="Noise")
    abc = services.early_intervention_record(
        actor=council,
        case=case,
        kind="abc",
        person=perpetrator,
        started_on=dt.date(2019, 2, 1),
        review_on=dt.date(2019, 5, 1),
        terms="No loud music after 11pm",
        agreed_by="person",
    )
    Case.objects.filter(pk=case.pk).update(
        status="closed", outcome="resolved", closed_at=timezone.make_aware(dt.datetime(2019, 6, 1, 12))
    )
    result = governance.retention_purge(actor=None, today=dt.date(2030, 1, 1), dry_run=False)
    assert case.reference in [i.reference for i in result.disposed]
    assert not EarlyIntervention.objects.filter(pk=abc.pk).exists()
    assert not Task.objects.filter(linked_type="cases.earlyintervention", linked_id=abc.pk).exists()
