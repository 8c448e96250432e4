"""Permission-matrix rows for the ASB Case Review pages (merged into tests/permission_matrix.py).

The "other agency" record is an application to an area whose procedure Derbyshire Constabulary runs,
not shared with anyone: nobody outside the police learns it exists (404). Roles without the Case
Review capability are refused every staff page (403) before any record is looked up, so the answer
says nothing about whether a reference exists.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tests.permission_matrix import PUBLIC_PAGE, Entry

_NO_CASE_REVIEWS = ("avbc_partner_viewer", "avbc_analyst", "avbc_board_member", "avbc_administrator")
STAFF_LIST = {"anonymous": 302, "*": 200, **dict.fromkeys(_NO_CASE_REVIEWS, 403)}
OTHER_AGENCY_APPLICATION = {"anonymous": 302, "*": 404, **dict.fromkeys(_NO_CASE_REVIEWS, 403)}
# The matrix area is run by the police: every Amber Valley persona, even a coordinator or team manager,
# may not change its procedure (403); the procedure itself is public, so nothing is hidden by a 404.
CONFIGURE_OTHER_AGENCY_AREA = {"anonymous": 302, "*": 403}
# Later steps of the public journey send a visitor who has not answered the earlier ones back to them.
JOURNEY_STEP = {"*": 302}


def _owner() -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="police_caseworker")


def police_area(world: Any) -> Any:
    from csphub.casereviews.services import area_configure

    return area_configure(
        actor=None,
        name="Matrix Test Area",
        slug="matrix-test",
        managing_agency=world.agencies["police"],
        contact_team="Police ASB Team",
        contact_email="asb@example.police.uk",
        contact_phone="101",
        appeal_body_name="the Police and Crime Commissioner",
    )


def police_application(world: Any) -> Any:
    from csphub.casereviews.services import application_submit

    today = timezone.localdate()
    return application_submit(
        actor=None,
        area=police_area(world),
        channel="online",
        received_on=today,
        applicant_name="Robin Example-Matrix",
        contact_preference="phone",
        applicant_phone="07700 900123",
        behaviour_description="Example-Matrix behaviour",
        behaviour_location="Example-Matrix Street",
        behaviour_first_on=today - dt.timedelta(days=30),
        behaviour_last_on=today - dt.timedelta(days=2),
        reports_described="Police twice",
    )


def make_application(world: Any) -> dict[str, Any]:
    return {"reference": police_application(world).reference}


def make_letter_kind(world: Any) -> dict[str, Any]:
    return {"reference": police_application(world).reference, "kind": "acknowledgement"}


def make_letter(world: Any) -> dict[str, Any]:
    from csphub.casereviews.services import letter_send

    application = police_application(world)
    letter = letter_send(actor=_owner(), application=application, kind="acknowledgement")
    return {"reference": application.reference, "pk": letter.pk}


def make_prompt(world: Any) -> dict[str, Any]:
    from csphub.casereviews.models import ExplanationPrompt
    from csphub.cases.services import incident_record
    from csphub.people.services import person_create

    owner = _owner()
    victim = person_create(actor=owner, given_name="Robin", family_name="Example-Matrix")
    now = timezone.now()
    for days in (40, 5):
        when = now - dt.timedelta(days=days)
        incident_record(
            actor=owner,
            occurred_at=when,
            reported_at=when,
            channel="phone",
            asb_type="personal",
            category="noise",
            description="Example-Matrix noise",
            parties=[(victim, "victim")],
        )
    return {"pk": ExplanationPrompt.objects.get(victim=victim).pk}


def make_area(world: Any) -> dict[str, Any]:
    return {"area": police_area(world).slug}


def make_link(world: Any) -> dict[str, Any]:
    from csphub.casereviews.services import application_link_incident
    from csphub.cases.services import incident_record

    owner = _owner()
    application = police_application(world)
    when = timezone.now() - dt.timedelta(days=3)
    incident = incident_record(
        actor=owner,
        occurred_at=when,
        reported_at=when,
        channel="phone",
        asb_type="personal",
        category="noise",
        description="Example-Matrix noise",
    )
    link = application_link_incident(actor=owner, application=application, incident=incident)
    return {"reference": application.reference, "pk": link.pk}


def make_publication(world: Any) -> dict[str, Any]:
    police_application(world)
    from csphub.casereviews.rules import ReportingYear

    return {"area": "matrix-test", "year": ReportingYear.containing(timezone.localdate()).slug}


def make_status_letter(world: Any) -> dict[str, Any]:
    """A letter sent to an applicant: only a session that entered its code may read it."""
    from csphub.casereviews.models import Letter

    application = police_application(world)
    letter = Letter.objects.create(
        application=application, kind="acknowledgement", sent_on=timezone.localdate(), html="<p>Letter</p>"
    )
    return {"letter_id": letter.pk}


MATRIX: dict[str, Entry] = {
    "casereviews:start": Entry(expect=PUBLIC_PAGE),
    "casereviews:apply_who": Entry(make=lambda w: police_area(w) and {}, expect=PUBLIC_PAGE),
    "casereviews:apply_anonymous": Entry(expect=PUBLIC_PAGE),
    "casereviews:apply_victim": Entry(expect=JOURNEY_STEP, why="needs the earlier answers"),
    "casereviews:apply_about_you": Entry(expect=JOURNEY_STEP, why="needs the earlier answers"),
    "casereviews:apply_behaviour": Entry(expect=JOURNEY_STEP, why="needs the earlier answers"),
    "casereviews:apply_check": Entry(expect=JOURNEY_STEP, why="needs the earlier answers"),
    "casereviews:apply_done": Entry(expect=JOURNEY_STEP, why="only after sending an application"),
    "casereviews:status_request": Entry(expect=PUBLIC_PAGE),
    "casereviews:status_code": Entry(expect=PUBLIC_PAGE),
    # Staff included: only the session that entered the applicant's code sees the status or a letter.
    "casereviews:status_view": Entry(expect=JOURNEY_STEP, why="needs the applicant's code"),
    "casereviews:status_letter": Entry(
        make=make_status_letter, expect=JOURNEY_STEP, why="needs the applicant's code"
    ),
    "casereviews:status_letter_pdf": Entry(
        make=make_status_letter, expect=JOURNEY_STEP, why="needs the applicant's code"
    ),
    "casereviews:publication_index": Entry(make=lambda w: police_area(w) and {}, expect=PUBLIC_PAGE),
    "casereviews:publication": Entry(make=make_publication, expect=PUBLIC_PAGE, why="aggregate counts only"),
    "casereviews:publication_csv": Entry(
        make=make_publication, expect=PUBLIC_PAGE, why="aggregate counts only"
    ),
    "casereviews:dashboard": Entry(expect=STAFF_LIST),
    "casereviews:intake": Entry(make=lambda w: police_area(w) and {}, expect=STAFF_LIST),
    "casereviews:prompts": Entry(expect=STAFF_LIST),
    "casereviews:prompt_explained": Entry(make=make_prompt, expect=OTHER_AGENCY_APPLICATION),
    "casereviews:detail": Entry(make=make_application, expect=OTHER_AGENCY_APPLICATION),
    "casereviews:acknowledge": Entry(make=make_application, expect=OTHER_AGENCY_APPLICATION),
    "casereviews:link_incidents": Entry(make=make_application, expect=OTHER_AGENCY_APPLICATION),
    "casereviews:threshold": Entry(make=make_application, expect=OTHER_AGENCY_APPLICATION),
    "casereviews:review": Entry(make=make_application, expect=OTHER_AGENCY_APPLICATION),
    "casereviews:recommendation_new": Entry(make=make_application, expect=OTHER_AGENCY_APPLICATION),
    "casereviews:letter_send": Entry(make=make_letter_kind, expect=OTHER_AGENCY_APPLICATION),
    "casereviews:letter": Entry(make=make_letter, expect=OTHER_AGENCY_APPLICATION),
    "casereviews:letter_pdf": Entry(make=make_letter, expect=OTHER_AGENCY_APPLICATION),
    "casereviews:close": Entry(make=make_application, expect=OTHER_AGENCY_APPLICATION),
    "casereviews:recommendation_done": Entry(
        make=lambda w: {**make_application(w), "pk": 1}, expect=OTHER_AGENCY_APPLICATION
    ),
    "casereviews:appeal_lodge": Entry(make=make_application, expect=OTHER_AGENCY_APPLICATION),
    "casereviews:appeal_decide": Entry(make=make_application, expect=OTHER_AGENCY_APPLICATION),
    "casereviews:spoc_change": Entry(make=make_application, expect=OTHER_AGENCY_APPLICATION),
    "casereviews:unlink_incident": Entry(make=make_link, expect=OTHER_AGENCY_APPLICATION),
    "casereviews:areas": Entry(
        make=lambda w: police_area(w) and {}, expect=STAFF_LIST, why="lists only areas one may change"
    ),
    "casereviews:area_change": Entry(make=make_area, expect=CONFIGURE_OTHER_AGENCY_AREA),
    "casereviews:rule_set_new": Entry(make=make_area, expect=CONFIGURE_OTHER_AGENCY_AREA),
    "casereviews:figures": Entry(
        make=make_area, expect=STAFF_LIST, why="aggregate counts only; publishing is a POST for coordinators"
    ),
}
