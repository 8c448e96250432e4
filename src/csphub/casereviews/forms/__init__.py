"""Forms of the ASB Case Review pages: ``public``, ``staff`` and ``configuration``, re-exported here.

Forms validate input; services decide. Error messages follow GOV.UK wording ("Enter ...").
"""

from __future__ import annotations

from csphub.casereviews.forms.configuration import (
    AreaConfigureForm,
    RuleSetForm,
    SpocForm,
    UnlinkIncidentForm,
    working_days_field,
)
from csphub.casereviews.forms.public import (
    AboutYouForm,
    BehaviourForm,
    StatusCodeForm,
    StatusRequestForm,
    SubmitForm,
    VictimForm,
    WhoForm,
    date_field,
)
from csphub.casereviews.forms.staff import (
    AcknowledgeForm,
    AppealDecideForm,
    AppealLodgeForm,
    CloseForm,
    LetterSendForm,
    LinkIncidentsForm,
    PromptExplainedForm,
    PublicationChooseForm,
    RecommendationForm,
    ReviewForm,
    StaffIntakeForm,
    ThresholdDecideForm,
)

__all__ = [
    "AboutYouForm",
    "AcknowledgeForm",
    "AppealDecideForm",
    "AppealLodgeForm",
    "AreaConfigureForm",
    "BehaviourForm",
    "CloseForm",
    "LetterSendForm",
    "LinkIncidentsForm",
    "PromptExplainedForm",
    "PublicationChooseForm",
    "RecommendationForm",
    "ReviewForm",
    "RuleSetForm",
    "SpocForm",
    "StaffIntakeForm",
    "StatusCodeForm",
    "StatusRequestForm",
    "SubmitForm",
    "ThresholdDecideForm",
    "UnlinkIncidentForm",
    "VictimForm",
    "WhoForm",
    "date_field",
    "working_days_field",
]
