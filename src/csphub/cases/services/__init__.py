"""Every write of ASB casework: permission-checked, validated by the rules, audited in the same
transaction. Services raise :class:`~csphub.core.errors.ApplicationError` (with ``field``) for a
rule the user can fix and :class:`~csphub.core.errors.PermissionDeniedError` when the actor may not
act; views turn both into GOV.UK error messages.
"""

# The package re-exports every name, so callers keep writing ``services.case_open``.
from csphub.cases.services._common import EARLIEST_INCIDENT, _membership_for_create, _raise_first
from csphub.cases.services.cases import (
    _check_officer,
    _refresh_search_text,
    case_add_incident,
    case_add_party,
    case_assign_officer,
    case_change_status,
    case_export_csv,
    case_link,
    case_open,
    case_summary_change,
    case_victim_told_of_closure,
)
from csphub.cases.services.incidents import (
    INCIDENT_EDITABLE,
    _derive_location,
    _validate_choices,
    incident_party_add,
    incident_record,
    incident_update,
)
from csphub.cases.services.interventions import (
    REVIEW_TASK,
    early_intervention_outcome_record,
    early_intervention_record,
)
from csphub.cases.services.panels import (
    panel_agenda_add,
    panel_create,
    panel_decision_record,
    panel_meeting_schedule,
    panel_minutes_record,
    users_of_agency,
)
from csphub.cases.services.records import (
    _writer_agency,
    document_open_for_download,
    document_upload,
    note_add,
)
from csphub.cases.services.sharing import case_share, case_share_withdraw, share_request_answer
from csphub.cases.services.tasks import (
    owner_may_see,
    owner_membership_for,
    reminders_send,
    task_cancel,
    task_complete,
    task_create,
    task_owner_choices,
    tasks_cancel_open,
    tasks_complete_open,
)
from csphub.cases.services.victims import (
    case_victims,
    closure_survey_record,
    share_request_make,
    victim_contact_agree,
    victim_update_record,
)

__all__ = [
    "EARLIEST_INCIDENT",
    "INCIDENT_EDITABLE",
    "REVIEW_TASK",
    "_check_officer",
    "_derive_location",
    "_membership_for_create",
    "_raise_first",
    "_refresh_search_text",
    "_validate_choices",
    "_writer_agency",
    "case_add_incident",
    "case_add_party",
    "case_assign_officer",
    "case_change_status",
    "case_export_csv",
    "case_link",
    "case_open",
    "case_share",
    "case_share_withdraw",
    "case_summary_change",
    "case_victim_told_of_closure",
    "case_victims",
    "closure_survey_record",
    "document_open_for_download",
    "document_upload",
    "early_intervention_outcome_record",
    "early_intervention_record",
    "incident_party_add",
    "incident_record",
    "incident_update",
    "note_add",
    "owner_may_see",
    "owner_membership_for",
    "panel_agenda_add",
    "panel_create",
    "panel_decision_record",
    "panel_meeting_schedule",
    "panel_minutes_record",
    "reminders_send",
    "share_request_answer",
    "share_request_make",
    "task_cancel",
    "task_complete",
    "task_create",
    "task_owner_choices",
    "tasks_cancel_open",
    "tasks_complete_open",
    "users_of_agency",
    "victim_contact_agree",
    "victim_update_record",
]
