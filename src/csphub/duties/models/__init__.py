"""The statutory-duty registers, one module per register, each in its own compartment."""

from csphub.duties.models.compartments import CompartmentMember, CompartmentRole
from csphub.duties.models.prevent import (
    ChannelCase,
    ChannelReview,
    ChannelStatus,
    ConcernType,
    ConsentGivenBy,
    PreventReferral,
    ReferralStatus,
    ScreeningOutcome,
)
from csphub.duties.models.slavery import (
    AgeBasis,
    Consent,
    Exploitation,
    NotificationRoute,
    NotificationStatus,
    SlaveryConcern,
)

__all__ = [
    "AgeBasis",
    "ChannelCase",
    "ChannelReview",
    "ChannelStatus",
    "CompartmentMember",
    "CompartmentRole",
    "ConcernType",
    "Consent",
    "ConsentGivenBy",
    "Exploitation",
    "NotificationRoute",
    "NotificationStatus",
    "PreventReferral",
    "ReferralStatus",
    "ScreeningOutcome",
    "SlaveryConcern",
]

from csphub.duties.models.remedy import (
    CommunityRemedyAction,
    CommunityResolution,
    DeadlineReminder,
    RemedyPurpose,
    VictimViews,
)
from csphub.duties.models.s17 import S17AReturn, S17ARow, S17Assessment
from csphub.duties.models.scrutiny import ScrutinyRecommendation

__all__ += [
    "CommunityRemedyAction",
    "CommunityResolution",
    "DeadlineReminder",
    "RemedyPurpose",
    "S17AReturn",
    "S17ARow",
    "S17Assessment",
    "ScrutinyRecommendation",
    "VictimViews",
]

# Domestic Homicide Reviews and the Serious Violence Duty.
from csphub.duties.models.dhr import (  # noqa: E402 - appended per register
    ActionStatus,
    Decision,
    DhrAction,
    DhrExtension,
    DhrPanelMember,
    DhrPseudonym,
    DhrRecommendation,
    DhrStatus,
    DomesticHomicideReview,
    PseudonymRole,
    QaOutcome,
    Relationship,
)
from csphub.duties.models.svd import AuthorityType, SvdAuthority, SvdDocument, SvdDocumentKind  # noqa: E402

__all__ += [
    "ActionStatus",
    "AuthorityType",
    "Decision",
    "DhrAction",
    "DhrExtension",
    "DhrPanelMember",
    "DhrPseudonym",
    "DhrRecommendation",
    "DhrStatus",
    "DomesticHomicideReview",
    "PseudonymRole",
    "QaOutcome",
    "Relationship",
    "SvdAuthority",
    "SvdDocument",
    "SvdDocumentKind",
]
