"""ASB casework pages. Each view reads like a receipt: the form validates, the service decides,
the selectors (through the policy) decide what is shown; anything not visible is a 404."""

# The package re-exports every name, so callers keep writing ``services.case_open``.
from csphub.cases.views._common import _deny_unless, _form_page, _posted, _require
from csphub.cases.views.bundles import (
    case_chronology_pdf,
    case_summary_pdf,
    meeting_agenda_pdf,
    meeting_minutes_pdf,
)
from csphub.cases.views.cases import (
    _filtered_cases,
    case_add_incident,
    case_detail,
    case_document_new,
    case_export,
    case_link,
    case_list,
    case_note_new,
    case_open,
    case_status,
    case_task_new,
    document_download,
)
from csphub.cases.views.incidents import (
    _incident_edit_form,
    _record_incident,
    incident_add_party,
    incident_detail,
    incident_edit,
    incident_new,
)
from csphub.cases.views.maps import (
    _area_feature,
    _map_data,
    _project,
    _tile_host_in_img_src,
    incident_map,
    map_tile_origin,
    map_tile_url,
)
from csphub.cases.views.panels import (
    agenda_decision,
    meeting_detail,
    meeting_new,
    panel_detail,
    panel_list,
    panel_new,
)
from csphub.cases.views.people import my_tasks, overdue, person_detail, task_complete
from csphub.cases.views.search import home_context, search
from csphub.cases.views.victims import closure_survey, victim_contact, victim_update

__all__ = [
    "_area_feature",
    "_deny_unless",
    "_filtered_cases",
    "_form_page",
    "_incident_edit_form",
    "_map_data",
    "_posted",
    "_project",
    "_record_incident",
    "_require",
    "_tile_host_in_img_src",
    "agenda_decision",
    "case_add_incident",
    "case_chronology_pdf",
    "case_detail",
    "case_document_new",
    "case_export",
    "case_link",
    "case_list",
    "case_note_new",
    "case_open",
    "case_status",
    "case_summary_pdf",
    "case_task_new",
    "closure_survey",
    "document_download",
    "home_context",
    "incident_add_party",
    "incident_detail",
    "incident_edit",
    "incident_map",
    "incident_new",
    "map_tile_origin",
    "map_tile_url",
    "meeting_agenda_pdf",
    "meeting_detail",
    "meeting_minutes_pdf",
    "meeting_new",
    "my_tasks",
    "overdue",
    "panel_detail",
    "panel_list",
    "panel_new",
    "person_detail",
    "search",
    "task_complete",
    "victim_contact",
    "victim_update",
]
