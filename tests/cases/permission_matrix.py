"""Permission-matrix rows for every ``cases:`` URL: the status each persona gets for a record of
another agency (Derbyshire Constabulary, unshared). Merged by ``tests/permission_matrix.py``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.permission_matrix import CREATE_FORM, OTHER_AGENCY_RECORD, PERSONAL_LIST, Entry

# POST-only pages about another agency's record: signed-in users get 404 (not 405, not 403).
OTHER_AGENCY_POST = OTHER_AGENCY_RECORD
# CSV export: like a list, but partner viewers may not export.
EXPORT_LIST: dict[str, int] = {**PERSONAL_LIST, "avbc_partner_viewer": 403}
# A PDF of another agency's record: roles that may not take records out of the system are refused
# (403) before anything is looked up; casework roles do not learn the record exists (404).
OTHER_AGENCY_EXPORT: dict[str, int] = {
    **OTHER_AGENCY_RECORD,
    **dict.fromkeys(("avbc_partner_viewer", "avbc_analyst", "avbc_board_member", "avbc_administrator"), 403),
}
# "Open a case" with no incident chosen: casework roles get 404 (nothing to open from).
CASE_OPEN_EMPTY: dict[str, int] = {**CREATE_FORM, "*": 404}


def _police() -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="police_caseworker")


def _police_case() -> Any:
    from django.utils import timezone

    from csphub.cases import services
    from csphub.cases.models import PartyRole
    from csphub.people.services import person_create

    police = _police()
    victim = person_create(actor=police, given_name="Robin", family_name="Example-Matrix")
    now = timezone.now()
    incident = services.incident_record(
        actor=police,
        occurred_at=now - dt.timedelta(days=2),
        reported_at=now - dt.timedelta(days=1),
        channel="phone",
        asb_type="personal",
        category="noise",
        description="Example-Matrix incident",
        parties=[(victim, PartyRole.VICTIM)],
    )
    return services.case_open(actor=police, incidents=[incident], summary="Example-Matrix case")


def police_share_request(world: Any) -> dict[str, Any]:
    """A record-locator request to the police: only the police may answer it."""
    from django.contrib.auth import get_user_model

    from csphub.cases.models import ShareRequest
    from csphub.people.services import person_create

    police_user = get_user_model().objects.get(username="police_caseworker")
    person = person_create(actor=police_user, given_name="Robin", family_name="Matrix-Locator")
    request = ShareRequest.objects.create(
        person=person,
        holding_agency=world.agencies["police"],
        requesting_agency=world.agencies["housing"],
        agreement=world.asb_isa,
        reason="Matrix",
    )
    return {"pk": request.pk}


def police_case(world: Any) -> dict[str, Any]:
    return {"pk": _police_case().pk}


def police_closed_case(world: Any) -> dict[str, Any]:
    """A closed police case with a victim, the victim not yet recorded as told (D.3)."""
    from csphub.cases import services

    case = _police_case()
    services.case_change_status(
        actor=_police(), case=case, to_status="closed", reason="Resolved", outcome="resolved"
    )
    return {"pk": case.pk}


def police_incident(world: Any) -> dict[str, Any]:
    return {"pk": _police_case().incidents.get().pk}


def police_person(world: Any) -> dict[str, Any]:
    return {"pk": _police_case().parties.get().person_id}


def police_task(world: Any) -> dict[str, Any]:
    from django.utils import timezone

    from csphub.cases import services

    case = _police_case()
    police = _police()
    task = services.task_create(
        actor=police, case=case, owner=police, title="Example-Matrix task", due_on=timezone.localdate()
    )
    return {"pk": task.pk}


def police_document(world: Any) -> dict[str, Any]:
    import io

    from csphub.cases import services

    case = _police_case()
    data = b"%PDF-1.4 Example-Matrix"
    document = services.document_upload(
        actor=_police(),
        case=case,
        file=io.BytesIO(data),
        filename="m.pdf",
        size_bytes=len(data),
        title="Example-Matrix",
        visibility="shared",
    )
    return {"pk": document.pk}


def _police_panel() -> Any:
    from csphub.agencies.models import InformationSharingAgreement
    from csphub.cases import services

    return services.panel_create(
        actor=_police(),
        name="Example-Matrix panel",
        kind="high_risk",
        agreement=InformationSharingAgreement.objects.get(reference="AV-ISA-ASB-01"),
    )


def police_panel(world: Any) -> dict[str, Any]:
    return {"pk": _police_panel().pk}


def police_meeting(world: Any) -> dict[str, Any]:
    from django.utils import timezone

    from csphub.cases import services

    meeting = services.panel_meeting_schedule(
        actor=_police(), panel=_police_panel(), held_at=timezone.now(), attending_agencies=[]
    )
    return {"pk": meeting.pk}


def police_share(world: Any) -> dict[str, Any]:
    """A police case shared in full with the housing provider: still only the owner manages sharing."""
    from csphub.cases import services

    case = _police_case()
    share = services.case_share(
        actor=_police(),
        case=case,
        agency=world.agencies["housing"],
        agreement=world.asb_isa,
        reason="Example-Matrix joint visit",
    )
    return {"pk": case.pk, "share_pk": share.pk}


def police_victim_contact(world: Any) -> dict[str, Any]:
    from django.utils import timezone

    from csphub.cases import services

    case = _police_case()
    police = _police()
    contact = services.victim_contact_agree(
        actor=police,
        case=case,
        victim=case.parties.get().person,
        spoc=police,
        agreed_on=timezone.localdate(),
        update_every_days=7,
        method="phone",
    )
    return {"pk": case.pk, "contact_pk": contact.pk}


def police_early_intervention(world: Any) -> dict[str, Any]:
    """A warning letter on a police case, with its victim (the only party)."""
    from django.utils import timezone

    from csphub.cases import services

    case = _police_case()
    intervention = services.early_intervention_record(
        actor=_police(),
        case=case,
        kind="warning_letter",
        person=case.parties.get().person,
        started_on=timezone.localdate(),
    )
    return {"pk": case.pk, "intervention_pk": intervention.pk}


def police_minuted_meeting(world: Any) -> dict[str, Any]:
    from csphub.cases import services
    from csphub.cases.models import PanelMeeting

    meeting = PanelMeeting.objects.get(pk=police_meeting(world)["pk"])
    services.panel_minutes_record(actor=_police(), meeting=meeting, minutes="Example-Matrix minutes")
    return {"pk": meeting.pk}


def police_agenda_item(world: Any) -> dict[str, Any]:
    from django.utils import timezone

    from csphub.cases import services

    meeting = services.panel_meeting_schedule(
        actor=_police(), panel=_police_panel(), held_at=timezone.now(), attending_agencies=[]
    )
    item = services.panel_agenda_add(
        actor=_police(), meeting=meeting, case=_police_case(), reason="Example-Matrix"
    )
    return {"pk": item.pk}


MATRIX: dict[str, Entry] = {
    "cases:case_list": Entry(expect=PERSONAL_LIST),
    "cases:case_export": Entry(expect=EXPORT_LIST, why="audited CSV of the user's visible cases only"),
    "cases:case_open": Entry(expect=CASE_OPEN_EMPTY, why="needs ?incident=; without one there is nothing"),
    "cases:case_detail": Entry(make=police_case, expect=OTHER_AGENCY_RECORD),
    "cases:case_status": Entry(make=police_case, expect=OTHER_AGENCY_RECORD),
    "cases:case_summary_change": Entry(make=police_case, expect=OTHER_AGENCY_RECORD),
    "cases:summaries_to_check": Entry(
        expect=CREATE_FORM, why="roles that change cases; lists only their own agency's cases"
    ),
    "cases:case_sharing": Entry(make=police_case, expect=OTHER_AGENCY_RECORD, why="the owning agency only"),
    "cases:case_share_new": Entry(make=police_case, expect=OTHER_AGENCY_RECORD, why="the owning agency only"),
    "cases:case_share_withdraw": Entry(
        make=police_share, expect=OTHER_AGENCY_RECORD, why="the owning agency only, even for the partner"
    ),
    "cases:case_victim_told": Entry(make=police_closed_case, expect=OTHER_AGENCY_RECORD),
    "cases:case_add_incident": Entry(
        make=police_case, expect=OTHER_AGENCY_POST, method="POST", data={"incident_id": "1"}
    ),
    "cases:case_link": Entry(
        make=police_case, expect=OTHER_AGENCY_POST, method="POST", data={"related_case_id": "1"}
    ),
    "cases:case_task_new": Entry(make=police_case, expect=OTHER_AGENCY_RECORD),
    "cases:case_note_new": Entry(make=police_case, expect=OTHER_AGENCY_RECORD),
    "cases:case_document_new": Entry(make=police_case, expect=OTHER_AGENCY_RECORD),
    "cases:document_download": Entry(make=police_document, expect=OTHER_AGENCY_RECORD),
    "cases:incident_new": Entry(expect=CREATE_FORM),
    "cases:incident_detail": Entry(make=police_incident, expect=OTHER_AGENCY_RECORD),
    "cases:incident_edit": Entry(make=police_incident, expect=OTHER_AGENCY_RECORD),
    "cases:incident_add_party": Entry(
        make=police_incident,
        expect=OTHER_AGENCY_POST,
        method="POST",
        data={"person_id": "1", "role": "victim"},
    ),
    "cases:person_detail": Entry(make=police_person, expect=OTHER_AGENCY_RECORD),
    "cases:my_tasks": Entry(expect=PERSONAL_LIST),
    "cases:overdue": Entry(expect=PERSONAL_LIST),
    "cases:task_complete": Entry(make=police_task, expect=OTHER_AGENCY_POST, method="POST"),
    "cases:panel_list": Entry(expect=PERSONAL_LIST),
    "cases:panel_new": Entry(expect=CREATE_FORM),
    "cases:panel_detail": Entry(make=police_panel, expect=OTHER_AGENCY_RECORD),
    "cases:meeting_new": Entry(make=police_panel, expect=OTHER_AGENCY_RECORD),
    "cases:meeting_detail": Entry(make=police_meeting, expect=OTHER_AGENCY_RECORD),
    "cases:agenda_decision": Entry(make=police_agenda_item, expect=OTHER_AGENCY_RECORD),
    "cases:search": Entry(expect=PERSONAL_LIST),
    "cases:map": Entry(expect=PERSONAL_LIST),
    "cases:share_requests_made": Entry(
        make=lambda w: police_share_request(w) and {},
        expect=PERSONAL_LIST,
        why="each agency sees only the requests it made",
    ),
    "cases:share_request_answer": Entry(
        make=police_share_request, expect=OTHER_AGENCY_RECORD, why="the holding agency only"
    ),
    "cases:share_request": Entry(
        expect={**OTHER_AGENCY_EXPORT, "avbc_partner_viewer": 404},
        method="POST",
        why="no agency chosen: nothing to ask; roles without personal data are refused",
    ),
    "cases:victim_contact": Entry(make=police_case, expect=OTHER_AGENCY_RECORD),
    "cases:victim_update": Entry(make=police_victim_contact, expect=OTHER_AGENCY_RECORD),
    "cases:early_intervention_new": Entry(make=police_case, expect=OTHER_AGENCY_RECORD),
    "cases:early_intervention_outcome": Entry(make=police_early_intervention, expect=OTHER_AGENCY_RECORD),
    "cases:closure_survey": Entry(make=police_closed_case, expect=OTHER_AGENCY_RECORD),
    "cases:case_chronology_pdf": Entry(make=police_case, expect=OTHER_AGENCY_EXPORT),
    "cases:case_summary_pdf": Entry(make=police_case, expect=OTHER_AGENCY_EXPORT),
    "cases:meeting_agenda_pdf": Entry(make=police_meeting, expect=OTHER_AGENCY_EXPORT),
    "cases:meeting_minutes_pdf": Entry(make=police_minuted_meeting, expect=OTHER_AGENCY_EXPORT),
}
