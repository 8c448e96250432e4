"""Every read of ASB casework, built on the one policy (:mod:`csphub.agencies.policies`).

Lists, detail pages, search, the map, CSV export, the related-records prompt and the person page
all start from ``visible_to``; nothing here filters by the user's agency itself except to apply
the *part* of a shared case a partner may see (:func:`case_scope`): with a SUMMARY share (panel
agenda) a partner sees the case header and its parties' names and roles, never incident
descriptions, notes, documents or addresses.
"""

# The package re-exports every name, so callers keep writing ``selectors.case_page``.
from csphub.cases.selectors.figures import DistrictFigures, district_figures
from csphub.cases.selectors.page import (
    CasePage,
    _party_reads,
    _PartyReads,
    addresses_for_incidents,
    case_list_with_counts,
    case_page,
    case_shares,
    share_partners_for,
)
from csphub.cases.selectors.records import (
    _text_search,
    case_documents_for,
    case_get_visible,
    case_incidents,
    case_list_visible_to,
    case_notes_for,
    case_parties,
    case_scope,
    cases_for_person,
    document_get_visible,
    incident_get_visible,
    incident_list_visible_to,
    incident_parties,
    incidents_for_person,
)
from csphub.cases.selectors.related import (
    RelatedRecord,
    _repeat_decisions,
    _same_parties,
    related_records,
    related_records_for_incident,
    repeat_victim_decision,
    repeat_victims_among,
)
from csphub.cases.selectors.search import (
    MAP_STATUSES,
    SearchResults,
    map_incidents,
    search,
    uses_trigram_index,
)
from csphub.cases.selectors.tasks import (
    case_tasks,
    my_tasks,
    orphaned_task_count,
    orphaned_tasks,
    overdue_dashboard,
    owner_may_see,
    task_list_visible_to,
)
from csphub.cases.selectors.victims import (
    RecordHolder,
    VictimSchedule,
    _schedules,
    closure_surveys,
    located_people,
    locator_agreements,
    record_holders,
    share_requests_for,
    victim_schedules,
    victim_updates_due,
)

__all__ = [
    "MAP_STATUSES",
    "CasePage",
    "DistrictFigures",
    "RecordHolder",
    "RelatedRecord",
    "SearchResults",
    "VictimSchedule",
    "_PartyReads",
    "_party_reads",
    "_repeat_decisions",
    "_same_parties",
    "_schedules",
    "_text_search",
    "addresses_for_incidents",
    "case_documents_for",
    "case_get_visible",
    "case_incidents",
    "case_list_visible_to",
    "case_list_with_counts",
    "case_notes_for",
    "case_page",
    "case_parties",
    "case_scope",
    "case_shares",
    "case_tasks",
    "cases_for_person",
    "closure_surveys",
    "district_figures",
    "document_get_visible",
    "incident_get_visible",
    "incident_list_visible_to",
    "incident_parties",
    "incidents_for_person",
    "located_people",
    "locator_agreements",
    "map_incidents",
    "my_tasks",
    "orphaned_task_count",
    "orphaned_tasks",
    "overdue_dashboard",
    "owner_may_see",
    "record_holders",
    "related_records",
    "related_records_for_incident",
    "repeat_victim_decision",
    "repeat_victims_among",
    "search",
    "share_partners_for",
    "share_requests_for",
    "task_list_visible_to",
    "uses_trigram_index",
    "victim_schedules",
    "victim_updates_due",
]
