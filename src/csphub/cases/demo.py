"""Synthetic ASB casework for the Amber Valley demo: fictional people, real LSOAs.

Everything is created through the services (so it is audited like real work) by the demo
personas of three agencies. Points are uniformly random inside real Amber Valley LSOA polygons of
the sample geography, so the map and the LSOA derivation have something true to show. Names and
street names are invented. Idempotent: the whole load is one transaction and ends by creating the
demo panel, whose existence marks the load as done.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from csphub.agencies.models import InformationSharingAgreement
from csphub.agencies.policies import partnership_for_new_record
from csphub.cases import geo, places, services
from csphub.cases.models import (
    AsbType,
    CaseOutcome,
    CaseStatus,
    Category,
    Channel,
    Panel,
    PanelKind,
    PartyRole,
)
from csphub.core.models import demo_tag
from csphub.people.models import PersonKind
from csphub.people.services import address_create, person_create

DEMO_PANEL_NAME = "Amber Valley ASB Action Group"

_FIRST = [
    "Alex",
    "Sam",
    "Jordan",
    "Casey",
    "Morgan",
    "Riley",
    "Jamie",
    "Taylor",
    "Robin",
    "Charlie",
    "Drew",
    "Frankie",
    "Harper",
    "Kit",
    "Lee",
    "Nico",
    "Pat",
    "Quinn",
    "Rowan",
    "Sky",
]
# Invented surnames: no real person is meant.
_LAST = [
    "Ashbrook",
    "Bramblecote",
    "Copperfield",
    "Dunmore",
    "Elmstead",
    "Fernhollow",
    "Greystone",
    "Hawkridge",
    "Ivybridge",
    "Juniper",
    "Kestrelton",
    "Larchmont",
    "Mossgrove",
    "Nettlefold",
    "Oakworth",
    "Pebblestone",
    "Quarrington",
    "Rookwood",
    "Sallowfield",
    "Thistledown",
]
_STREETS = [
    "Example Row",
    "Sample Close",
    "Fictional Street",
    "Demo Lane",
    "Placeholder Road",
    "Testbed Avenue",
    "Mockup Court",
    "Pretend Place",
]
_TOWNS = [("Ripley", "DE5"), ("Alfreton", "DE55"), ("Heanor", "DE75"), ("Belper", "DE56"), ("Codnor", "DE5")]
_GROUPS = ["Group at the recreation ground", "Youths near the bus station", "Group on the canal towpath"]

_BY_TYPE = {
    AsbType.PERSONAL: [
        Category.HARASSMENT,
        Category.VERBAL_ABUSE,
        Category.NEIGHBOUR_DISPUTE,
        Category.NOISE,
    ],
    AsbType.NUISANCE: [Category.ROWDY, Category.DRUGS, Category.ALCOHOL, Category.VEHICLES, Category.NOISE],
    AsbType.ENVIRONMENTAL: [Category.FLY_TIPPING, Category.CRIMINAL_DAMAGE, Category.ANIMALS],
}
_DESCRIPTIONS = {
    Category.HARASSMENT: "Reporter says the neighbour shouted at them and filmed them on the doorstep.",
    Category.VERBAL_ABUSE: "Threats made through the letterbox late in the evening.",
    Category.NEIGHBOUR_DISPUTE: "Ongoing dispute over a shared driveway; raised voices and blocked access.",
    Category.NOISE: "Loud music from the flat above between midnight and 3am.",
    Category.ROWDY: "Group gathering, shouting and kicking a ball against parked cars.",
    Category.DRUGS: "Suspected drug dealing from a car parked outside the shops.",
    Category.ALCOHOL: "Street drinking on the benches; bottles left and passers-by challenged.",
    Category.VEHICLES: "Off-road bikes ridden at speed on the footpath.",
    Category.FLY_TIPPING: "Mattresses and bags of rubbish dumped in the lane.",
    Category.CRIMINAL_DAMAGE: "Graffiti sprayed on the bus shelter and a fence panel broken.",
    Category.ANIMALS: "Dog off the lead rushing at children in the play area.",
}


def _user(username: str) -> Any:
    return get_user_model().objects.get(username=username)


def load_demo(*, rng_seed: int = 2026, n_incidents: int = 160) -> None:
    """Add demo incidents, cases, tasks, notes and a panel (idempotent)."""
    if Panel.objects.filter(name=DEMO_PANEL_NAME).exists():
        return
    rng = random.Random(rng_seed)
    officers = {slug: _user(f"{slug}_caseworker") for slug in ("avbc", "police", "housing")}
    # Points in the LSOAs of the partnership the officers work in, from the national reference.
    area = places.partnership_area(partnership_for_new_record(officers["avbc"]))
    if area is None:
        raise RuntimeError("The demo partnership's area is not in the national reference")
    rings = places.reference().lsoa_rings
    areas = [(code, rings[code]) for code in area.lsoa_codes if code in rings]
    now = timezone.now()
    with transaction.atomic():
        # People and addresses per agency (each agency records its own).
        people: dict[str, list[Any]] = {}
        perps: dict[str, list[Any]] = {}
        addresses: dict[str, list[Any]] = {}
        for slug, officer in officers.items():
            people[slug], perps[slug], addresses[slug] = [], [], []
            for _ in range(12):
                people[slug].append(
                    person_create(
                        actor=officer,
                        given_name=rng.choice(_FIRST),
                        family_name=rng.choice(_LAST),
                        date_of_birth=dt.date(
                            rng.randint(1945, 2005), rng.randint(1, 12), rng.randint(1, 28)
                        ),
                    )
                )
            for _ in range(5):
                perps[slug].append(
                    person_create(
                        actor=officer,
                        given_name=rng.choice(_FIRST),
                        family_name=rng.choice(_LAST),
                        date_of_birth=dt.date(
                            rng.randint(1970, 2008), rng.randint(1, 12), rng.randint(1, 28)
                        ),
                    )
                )
            perps[slug].append(
                person_create(actor=officer, kind=PersonKind.GROUP, known_as=rng.choice(_GROUPS))
            )
            for _ in range(8):
                lsoa_code, lsoa_rings = rng.choice(areas)
                easting_m, northing_m = geo.random_point_in_rings(lsoa_rings, rng)
                town, district = rng.choice(_TOWNS)
                addresses[slug].append(
                    address_create(
                        actor=officer,
                        line_1=f"{rng.randint(1, 120)} {rng.choice(_STREETS)}",
                        town=town,
                        postcode=f"{district} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXY')}Z",
                        easting_m=easting_m,
                        northing_m=northing_m,
                        lsoa_code=lsoa_code,
                    )
                )

        incidents_by_agency: dict[str, list[Any]] = {slug: [] for slug in officers}
        for _ in range(n_incidents):
            slug = rng.choices(list(officers), weights=[5, 4, 2])[0]
            officer = officers[slug]
            asb_type = rng.choices(list(_BY_TYPE), weights=[3, 5, 2])[0]
            category = rng.choice(_BY_TYPE[asb_type])
            occurred = now - dt.timedelta(days=rng.uniform(1, 540), hours=rng.uniform(0, 23))
            reported = occurred + dt.timedelta(hours=rng.choice([0.2, 1, 3, 20, 48, 24 * 10]))
            reported = min(reported, now - dt.timedelta(minutes=5))
            parties: list[tuple[Any, str]] = []
            if asb_type != AsbType.ENVIRONMENTAL or rng.random() < 0.3:
                parties.append((rng.choice(people[slug][:8]), PartyRole.VICTIM))
            if rng.random() < 0.6:
                parties.append((rng.choice(perps[slug]), PartyRole.ALLEGED_PERPETRATOR))
            if rng.random() < 0.2:
                parties.append((rng.choice(people[slug][8:]), PartyRole.WITNESS))
            address = rng.choice(addresses[slug]) if rng.random() < 0.6 else None
            point: dict[str, Any] = {}
            if address is None:
                lon, lat = geo.bng_to_lonlat(*geo.random_point_in_rings(rng.choice(areas)[1], rng))
                point = {"longitude": lon, "latitude": lat}
            incidents_by_agency[slug].append(
                services.incident_record(
                    actor=officer,
                    occurred_at=occurred,
                    reported_at=reported,
                    channel=rng.choice(list(Channel.values)),
                    asb_type=asb_type,
                    category=category,
                    description=_DESCRIPTIONS[category],
                    is_hate_motivated=rng.random() < 0.05,
                    police_reference=f"DBY-{rng.randint(10000, 99999)}" if slug == "police" else "",
                    address=address,
                    parties=parties,
                    **point,
                )
            )

        # Cases: group each agency's incidents by victim, oldest first.
        cases = []
        for slug, incidents in incidents_by_agency.items():
            officer = officers[slug]
            by_victim: dict[int, list[Any]] = {}
            for incident in sorted(incidents, key=lambda i: i.occurred_at):
                victim = next(
                    (p.person_id for p in incident.parties.all() if p.role == PartyRole.VICTIM), None
                )
                if victim is not None:
                    by_victim.setdefault(victim, []).append(incident)
            for group in list(by_victim.values())[:8]:
                if len(group) < 2:
                    continue
                case = services.case_open(
                    actor=officer,
                    incidents=group[:2],
                    # No LSOA code in a summary people read (new-user review, minor item 24).
                    summary=f"{group[0].get_category_display()} affecting a resident of Amber Valley",
                )
                for extra in group[2:]:
                    services.case_add_incident(actor=officer, case=case, incident=extra)
                demo_tag(case)
                cases.append((slug, case))

        today = timezone.localdate()
        for index, (slug, case) in enumerate(cases):
            officer = officers[slug]
            services.note_add(
                actor=officer,
                case=case,
                text="Visited the victim; diary sheets left.",
                visibility="shared" if index % 2 else "agency",
            )
            services.task_create(
                actor=officer,
                case=case,
                owner=officer,
                title="Call the victim for an update",
                due_on=today + dt.timedelta(days=rng.randint(-6, 14)),
            )
            if index % 3 == 0:
                services.case_change_status(actor=officer, case=case, to_status=CaseStatus.INVESTIGATING)
            if index % 5 == 4:
                services.case_change_status(
                    actor=officer,
                    case=case,
                    to_status=CaseStatus.CLOSED,
                    reason="No further reports for three months after warning letters.",
                    outcome=CaseOutcome.RESOLVED,
                )

        # A panel run by the council; one police case on the agenda is shared as a summary.
        coordinator = _user("avbc_caseworker")
        agreement = InformationSharingAgreement.objects.get(reference="AV-ISA-ASB-01")
        panel = services.panel_create(
            actor=coordinator,
            name=DEMO_PANEL_NAME,
            kind=PanelKind.ASB_ACTION_GROUP,
            agreement=agreement,
            terms_of_reference="Monthly multi-agency problem-solving for ASB cases.",
        )
        police = officers["police"]
        police_cases = [c for s, c in cases if s == "police" and c.is_open]
        if police_cases:
            police_panel = services.panel_create(
                actor=police,
                name="Amber Valley High-Risk Panel",
                kind=PanelKind.HIGH_RISK,
                agreement=agreement,
            )
            meeting = services.panel_meeting_schedule(
                actor=police,
                panel=police_panel,
                held_at=now + dt.timedelta(days=7),
                attending_agencies=[
                    officers["avbc"].memberships.first().agency,
                    officers["housing"].memberships.first().agency,
                ],
                location="Ripley Town Hall",
            )
            services.panel_agenda_add(
                actor=police,
                meeting=meeting,
                case=police_cases[0],
                reason="Repeat victim; partners' help needed with housing options.",
            )
        services.panel_meeting_schedule(
            actor=coordinator,
            panel=panel,
            held_at=now + dt.timedelta(days=14),
            attending_agencies=list(agreement.parties.all()),
            location="Ripley Town Hall",
        )
