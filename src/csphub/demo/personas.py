"""The demo partnership's agencies and one persona user per role and agency.

Used by ``csphub demo`` and by the tests (``persona("avbc_caseworker")``). Usernames follow
``<agency slug>_<role>``. Names are fictional.
"""

from __future__ import annotations

from dataclasses import dataclass

from csphub.agencies.models import AgencyType, Role


@dataclass(frozen=True)
class AgencySpec:
    slug: str
    name: str
    short_name: str
    agency_type: str
    is_responsible_authority: bool


# The partners named in the Amber Valley CSP Plan 2020-2023 (shared/plan/).
DEMO_AGENCIES: tuple[AgencySpec, ...] = (
    AgencySpec("avbc", "Amber Valley Borough Council", "AVBC", AgencyType.DISTRICT_COUNCIL, True),
    AgencySpec("police", "Derbyshire Constabulary", "Police", AgencyType.POLICE, True),
    AgencySpec("dcc", "Derbyshire County Council", "DCC", AgencyType.COUNTY_COUNCIL, True),
    AgencySpec("fire", "Derbyshire Fire and Rescue Service", "DFRS", AgencyType.FIRE_AND_RESCUE, True),
    AgencySpec("nhs", "NHS Derby and Derbyshire Integrated Care Board", "NHS ICB", AgencyType.HEALTH, True),
    AgencySpec("probation", "Probation Service (Derbyshire)", "Probation", AgencyType.PROBATION, True),
    AgencySpec(
        "housing",
        "Amber Valley Homes (social housing provider)",
        "AV Homes",
        AgencyType.HOUSING_PROVIDER,
        False,
    ),
    AgencySpec(
        "voluntary",
        "Amber Valley Victim Support (voluntary organisation)",
        "Victim Support",
        AgencyType.VOLUNTARY_SECTOR,
        False,
    ),
)

_FIRST_NAMES = ("Alex", "Sam", "Jordan", "Priya", "Chris", "Morgan", "Taylor")
_ROLE_SURNAMES = {
    Role.CASEWORKER: "Caseworker",
    Role.TEAM_MANAGER: "Manager",
    Role.PARTNERSHIP_COORDINATOR: "Coordinator",
    Role.ANALYST: "Analyst",
    Role.PARTNER_VIEWER: "Viewer",
    Role.BOARD_MEMBER: "Boardmember",
    Role.ADMINISTRATOR: "Admin",
}


@dataclass(frozen=True)
class PersonaSpec:
    username: str
    agency_slug: str
    role: str
    first_name: str
    last_name: str


def demo_personas() -> list[PersonaSpec]:
    personas = []
    for agency_index, agency in enumerate(DEMO_AGENCIES):
        for index, role in enumerate(Role):
            personas.append(
                PersonaSpec(
                    username=f"{agency.slug}_{role.value}",
                    agency_slug=agency.slug,
                    role=role.value,
                    # A name as a person has one: letters are signed with it, so no agency code in
                    # it (the agency is shown beside the name). The first name varies by agency.
                    first_name=_FIRST_NAMES[(index + agency_index) % len(_FIRST_NAMES)],
                    last_name=_ROLE_SURNAMES[role],
                )
            )
    return personas


DEMO_PASSWORD = "amber-valley-demo-2026"  # noqa: S105 - printed by `csphub demo`, demo data only
# One TOTP secret per persona, derived from the username so `csphub demo-otp` can print codes.
DEMO_TOTP_SALT = "csphub-demo-totp"
