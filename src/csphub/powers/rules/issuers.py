"""Issuers: the capacity in which a person acts, and who may take each step."""

from __future__ import annotations

from enum import StrEnum

from csphub.powers.rules.states import POWER_LABELS, Power

# --------------------------------------------------------------------------------------------
# Issuers: the capacity in which a person acts (recorded on each power, not the system role)
# --------------------------------------------------------------------------------------------


class IssuerCapacity(StrEnum):
    CONSTABLE = "constable"
    INSPECTOR = "inspector"  # inspector or chief inspector
    SUPERINTENDENT = "superintendent"  # superintendent or above
    PCSO_DESIGNATED = "pcso_designated"
    LOCAL_AUTHORITY = "local_authority"
    LA_CHIEF_EXECUTIVE = "la_chief_executive"  # chief executive or designate (s.77)
    LA_DESIGNATED_PERSON = "la_designated_person"  # s.53(1)(c), e.g. a social landlord's officer
    HOUSING_PROVIDER = "housing_provider"
    PROSECUTOR = "prosecutor"
    # s.5(1)(d)-(i): the other bodies that may apply for a Part 1 injunction (the body is recorded).
    S5_OTHER_APPLICANT = "s5_other_applicant"
    OTHER = "other"


ISSUER_LABELS: dict[IssuerCapacity, str] = {
    IssuerCapacity.CONSTABLE: "Police constable",
    IssuerCapacity.INSPECTOR: "Police inspector (or chief inspector)",
    IssuerCapacity.SUPERINTENDENT: "Police superintendent or above",
    IssuerCapacity.PCSO_DESIGNATED: "Designated PCSO",
    IssuerCapacity.LOCAL_AUTHORITY: "Local authority officer",
    IssuerCapacity.LA_CHIEF_EXECUTIVE: "Local authority chief executive or designate",
    IssuerCapacity.LA_DESIGNATED_PERSON: "Person designated by the local authority (s.53)",
    IssuerCapacity.HOUSING_PROVIDER: "Housing provider",
    IssuerCapacity.PROSECUTOR: "Prosecutor (CPS)",
    IssuerCapacity.S5_OTHER_APPLICANT: "Another body that may apply for an injunction (s.5(1))",
    IssuerCapacity.OTHER: "Other",
}

_POLICE = {IssuerCapacity.CONSTABLE, IssuerCapacity.INSPECTOR, IssuerCapacity.SUPERINTENDENT}
_LA = {IssuerCapacity.LOCAL_AUTHORITY, IssuerCapacity.LA_CHIEF_EXECUTIVE}


def is_local_authority(capacity: str) -> bool:
    """The council (or its chief executive), as opposed to the police: who applied for a closure
    order decides who may appeal a refusal (s.84(2) a constable, s.84(3) the council)."""
    return IssuerCapacity(capacity) in _LA


# Who may take each step. Every police officer holds the office of constable, so inspectors and
# superintendents may do whatever a constable may.
AUTHORISED_ISSUERS: dict[Power, frozenset[IssuerCapacity]] = {
    Power.CPW: frozenset(
        _POLICE | _LA | {IssuerCapacity.PCSO_DESIGNATED, IssuerCapacity.LA_DESIGNATED_PERSON}
    ),
    Power.CPN: frozenset(
        _POLICE | _LA | {IssuerCapacity.PCSO_DESIGNATED, IssuerCapacity.LA_DESIGNATED_PERSON}
    ),
    Power.FPN: frozenset(
        _POLICE | _LA | {IssuerCapacity.PCSO_DESIGNATED, IssuerCapacity.LA_DESIGNATED_PERSON}
    ),
    Power.INJUNCTION: frozenset(
        _POLICE | _LA | {IssuerCapacity.HOUSING_PROVIDER, IssuerCapacity.S5_OTHER_APPLICANT}
    ),
    Power.CBO: frozenset({IssuerCapacity.PROSECUTOR}),
    Power.DISPERSAL_AUTHORISATION: frozenset({IssuerCapacity.INSPECTOR, IssuerCapacity.SUPERINTENDENT}),
    Power.DISPERSAL_DIRECTION: frozenset(_POLICE | {IssuerCapacity.PCSO_DESIGNATED}),
    Power.PSPO: frozenset(_LA),
    Power.CLOSURE_NOTICE: frozenset({IssuerCapacity.INSPECTOR, IssuerCapacity.SUPERINTENDENT} | _LA),
    Power.CLOSURE_ORDER: frozenset(_POLICE | _LA),
    Power.ABSOLUTE_GROUND: frozenset({IssuerCapacity.HOUSING_PROVIDER, IssuerCapacity.LOCAL_AUTHORITY}),
}

# Closure notices longer than 24 hours need this seniority (s.77(2)).
CLOSURE_EXTENDED_SIGNOFF: frozenset[IssuerCapacity] = frozenset(
    {IssuerCapacity.SUPERINTENDENT, IssuerCapacity.LA_CHIEF_EXECUTIVE}
)


def issuer_blockers(power: Power, issuer: IssuerCapacity | str | None) -> list[str]:
    if not issuer:
        return ["Record the capacity in which the issuer acts"]
    if IssuerCapacity(issuer) not in AUTHORISED_ISSUERS[Power(power)]:
        label = ISSUER_LABELS[IssuerCapacity(issuer)]
        return [f"A {label.lower()} cannot issue a {POWER_LABELS[Power(power)].lower()}"]
    return []
