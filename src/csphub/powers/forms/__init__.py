"""Forms for the powers pages: they validate input; the services decide.

One module per power and ``common`` for the shared field builders; everything is re-exported
here so that ``powers.forms.X`` keeps working.
"""

from __future__ import annotations

from csphub.powers.forms.absolute_ground import (
    CONDITION_CHOICES,
    AbsoluteGroundForm,
    AbsoluteGroundReviewForm,
)
from csphub.powers.forms.closure import (
    ClosureContinuationForm,
    ClosureExtensionNoticeForm,
    ClosureNoticeChangeForm,
    ClosureNoticeForm,
    ClosureOrderAppealDecisionForm,
    ClosureOrderAppealForm,
    ClosureOrderDischargeForm,
    ClosureOrderExtendForm,
    ClosureOrderForm,
    ClosureRefusalAppealDecisionForm,
    ClosureRefusalAppealForm,
    ClosureRefusalForm,
)
from csphub.powers.forms.common import (
    DATETIME_FORMATS,
    ConfirmForm,
    WithdrawForm,
    _consultation_field,
    _PowerForm,
    capacity_choices,
    capacity_field,
    date_field,
    datetime_field,
    recipient_field,
    set_choices,
    text_field,
)
from csphub.powers.forms.cpw_cpn import (
    APPEAL_OUTCOMES,
    COMPLIANCE_LABELS,
    ComplianceForm,
    CpnAppealDecisionForm,
    CpnAppealForm,
    CpnForm,
    CpwForm,
)
from csphub.powers.forms.dispersal import (
    DispersalAuthorisationForm,
    DispersalDirectionForm,
    DispersalItemReturnForm,
    DispersalSurrenderForm,
    DispersalVariationForm,
)
from csphub.powers.forms.fpn import (
    FpnForm,
    FpnPaymentForm,
    PspoFpnForm,
)
from csphub.powers.forms.injunction_cbo import (
    COURT_CHOICES,
    DISPOSAL_CHOICES,
    INJUNCTION_OUTCOME_CHOICES,
    ORDER_CHANGE_CHOICES,
    CboForm,
    InjunctionChangeForm,
    InjunctionDecisionForm,
    InjunctionForm,
    OrderBreachForm,
    OrderChangeForm,
)
from csphub.powers.forms.pspo import (
    PspoDischargeForm,
    PspoExtendForm,
    PspoForm,
    PspoVaryForm,
)

__all__ = [
    "APPEAL_OUTCOMES",
    "COMPLIANCE_LABELS",
    "CONDITION_CHOICES",
    "COURT_CHOICES",
    "DATETIME_FORMATS",
    "DISPOSAL_CHOICES",
    "INJUNCTION_OUTCOME_CHOICES",
    "ORDER_CHANGE_CHOICES",
    "AbsoluteGroundForm",
    "AbsoluteGroundReviewForm",
    "CboForm",
    "ClosureContinuationForm",
    "ClosureExtensionNoticeForm",
    "ClosureNoticeChangeForm",
    "ClosureNoticeForm",
    "ClosureOrderAppealDecisionForm",
    "ClosureOrderAppealForm",
    "ClosureOrderDischargeForm",
    "ClosureOrderExtendForm",
    "ClosureOrderForm",
    "ClosureRefusalAppealDecisionForm",
    "ClosureRefusalAppealForm",
    "ClosureRefusalForm",
    "ComplianceForm",
    "ConfirmForm",
    "CpnAppealDecisionForm",
    "CpnAppealForm",
    "CpnForm",
    "CpwForm",
    "DispersalAuthorisationForm",
    "DispersalDirectionForm",
    "DispersalItemReturnForm",
    "DispersalSurrenderForm",
    "DispersalVariationForm",
    "FpnForm",
    "FpnPaymentForm",
    "InjunctionChangeForm",
    "InjunctionDecisionForm",
    "InjunctionForm",
    "OrderBreachForm",
    "OrderChangeForm",
    "PspoDischargeForm",
    "PspoExtendForm",
    "PspoForm",
    "PspoFpnForm",
    "PspoVaryForm",
    "WithdrawForm",
    "_PowerForm",
    "_consultation_field",
    "capacity_choices",
    "capacity_field",
    "date_field",
    "datetime_field",
    "recipient_field",
    "set_choices",
    "text_field",
]
