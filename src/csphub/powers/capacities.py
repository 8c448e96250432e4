"""Which issuer capacities each kind of agency can hold (security review finding 13).

The 2014 Act gives each power to officers of particular bodies: constables and PCSOs are police,
a local authority's officers and chief executive are a council's, a housing provider acts as
itself (and so does a council that holds its own housing stock). A council user therefore cannot
issue "as Police constable", nor a housing provider authorise a dispersal "as Inspector". A
person designated by the local authority under s.53(1)(c) may work for another body (a housing
provider, for example). "Prosecutor" records a CBO the CPS applied for, which the police or the
council request (s.22(1)).
"""

from __future__ import annotations

from csphub.agencies.models import AgencyType
from csphub.powers.rules import ISSUER_LABELS, IssuerCapacity

_POLICE = {
    IssuerCapacity.CONSTABLE,
    IssuerCapacity.INSPECTOR,
    IssuerCapacity.SUPERINTENDENT,
    IssuerCapacity.PCSO_DESIGNATED,
    IssuerCapacity.PROSECUTOR,
}
_COUNCIL = {
    IssuerCapacity.HOUSING_PROVIDER,  # a council that holds its own housing stock is a landlord
    IssuerCapacity.LOCAL_AUTHORITY,
    IssuerCapacity.LA_CHIEF_EXECUTIVE,
    IssuerCapacity.LA_DESIGNATED_PERSON,
    IssuerCapacity.PROSECUTOR,
}

AGENCY_CAPACITIES: dict[str, frozenset[IssuerCapacity]] = {
    AgencyType.POLICE: frozenset(_POLICE | {IssuerCapacity.OTHER}),
    AgencyType.DISTRICT_COUNCIL: frozenset(_COUNCIL | {IssuerCapacity.OTHER}),
    AgencyType.COUNTY_COUNCIL: frozenset(_COUNCIL | {IssuerCapacity.OTHER}),
    AgencyType.HOUSING_PROVIDER: frozenset(
        {IssuerCapacity.HOUSING_PROVIDER, IssuerCapacity.LA_DESIGNATED_PERSON, IssuerCapacity.OTHER}
    ),
}
# Every other kind of agency: only as a person the council designated, or "other". An NHS body
# exercising security management functions, Transport for London, the British Transport Police, the
# Environment Agency and Natural Resources Wales may apply for an injunction (s.5(1)(d)-(i)); they
# are set up as agencies of type "other" (a health body: "health").
_DEFAULT = frozenset({IssuerCapacity.LA_DESIGNATED_PERSON, IssuerCapacity.OTHER})
AGENCY_CAPACITIES |= {
    AgencyType.HEALTH: frozenset(_DEFAULT | {IssuerCapacity.S5_OTHER_APPLICANT}),
    AgencyType.OTHER: frozenset(_DEFAULT | {IssuerCapacity.S5_OTHER_APPLICANT}),
}


def capacities_for(agency_type: str) -> frozenset[IssuerCapacity]:
    return AGENCY_CAPACITIES.get(agency_type, _DEFAULT)


def capacity_blockers(agency_type: str, agency_name: str, capacity: str) -> list[str]:
    """Why someone of this agency cannot act in ``capacity`` (empty when they can)."""
    try:
        chosen = IssuerCapacity(capacity)
    except ValueError:
        return ["Choose the capacity you are acting in"]
    if chosen in capacities_for(agency_type):
        return []
    return [f"Someone from {agency_name} cannot act as {ISSUER_LABELS[chosen].lower()}"]
