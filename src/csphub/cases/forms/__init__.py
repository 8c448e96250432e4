"""Forms validate input shape and say what to do (GOV.UK messages); services decide the rules.

One module per part of the casework (``incidents``, ``case``, ``victims``, ``work``: tasks, notes
and documents, ``panels``, ``sharing``) over ``common``; everything is re-exported here so that
``cases.forms.X`` keeps working.
"""

from __future__ import annotations

from csphub.cases.forms.case import (
    CaseAddIncidentForm,
    CaseFilterForm,
    CaseLinkForm,
    CaseOpenForm,
    CaseStatusForm,
    CaseSummaryForm,
    PartyAddForm,
    SearchForm,
)
from csphub.cases.forms.common import EMPTY
from csphub.cases.forms.incidents import IncidentEditForm, IncidentForm
from csphub.cases.forms.interventions import EarlyInterventionForm, EarlyInterventionOutcomeForm
from csphub.cases.forms.panels import AgendaAddForm, DecisionForm, MeetingForm, MinutesForm, PanelForm
from csphub.cases.forms.sharing import CaseShareForm, CaseShareWithdrawForm, ShareRequestAnswerForm
from csphub.cases.forms.victims import ClosureSurveyForm, VictimContactForm, VictimToldForm, VictimUpdateForm
from csphub.cases.forms.work import DocumentForm, NoteForm, TaskForm

__all__ = [
    "EMPTY",
    "AgendaAddForm",
    "CaseAddIncidentForm",
    "CaseFilterForm",
    "CaseLinkForm",
    "CaseOpenForm",
    "CaseShareForm",
    "CaseShareWithdrawForm",
    "CaseStatusForm",
    "CaseSummaryForm",
    "ClosureSurveyForm",
    "DecisionForm",
    "DocumentForm",
    "EarlyInterventionForm",
    "EarlyInterventionOutcomeForm",
    "IncidentEditForm",
    "IncidentForm",
    "MeetingForm",
    "MinutesForm",
    "NoteForm",
    "PanelForm",
    "PartyAddForm",
    "SearchForm",
    "ShareRequestAnswerForm",
    "TaskForm",
    "VictimContactForm",
    "VictimToldForm",
    "VictimUpdateForm",
]
