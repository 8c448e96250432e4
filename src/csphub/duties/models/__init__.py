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

# Domestic Homicide Reviews and the Serious Violence Duty.
from csphub.duties.models.dhr import (
    ActionStatus,
    Decision,
    DhrAction,
    DhrExtension,
    DhrPanelMember,
    DhrRecommendation,
    DhrStatus,
    DomesticHomicideReview,
    QaOutcome,
    Relationship,
)
from csphub.duties.models.svd import AuthorityType, SvdAuthority, SvdDocument, SvdDocumentKind

__all__ += [
    "ActionStatus",
    "AuthorityType",
    "Decision",
    "DhrAction",
    "DhrExtension",
    "DhrPanelMember",
    "DhrRecommendation",
    "DhrStatus",
    "DomesticHomicideReview",
    "QaOutcome",
    "Relationship",
    "SvdAuthority",
    "SvdDocument",
    "SvdDocumentKind",
]
