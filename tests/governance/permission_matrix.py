"""Permission-matrix rows for the governance pages (merged into tests/permission_matrix.py).

The privacy notice, accessibility statement and cookies page are public: anyone may read them,
signed in or not (the accessibility regulations and UK GDPR Art 13 require them to be available)."""

from __future__ import annotations

from typing import Any

from tests.permission_matrix import PUBLIC_PAGE, Entry

MATRIX: dict[str, Entry] = {
    "governance:privacy": Entry(expect=PUBLIC_PAGE),
    "governance:accessibility": Entry(expect=PUBLIC_PAGE),
    "governance:cookies": Entry(expect=PUBLIC_PAGE),
}


# --- Staff data protection pages: the capability MANAGE_DATA_PROTECTION (team managers and
# partnership coordinators) in the acting agency. Another agency's request is 404 even to them.
HANDLERS = ("avbc_team_manager", "avbc_partnership_coordinator")
HANDLER_PAGE: dict[str, int] = {"anonymous": 302, "*": 403, **dict.fromkeys(HANDLERS, 200)}
OTHER_AGENCY_REQUEST: dict[str, int] = {"anonymous": 302, "*": 403, **dict.fromkeys(HANDLERS, 404)}


def police_request(world: Any) -> dict[str, Any]:
    import datetime as dt

    from django.contrib.auth import get_user_model

    from csphub.governance.models import RequestItem, RightsRequest
    from csphub.people.services import person_create

    owner = get_user_model().objects.get(username="police_caseworker")
    person = person_create(actor=owner, given_name="Robin", family_name="Example-Matrix")
    request = RightsRequest.objects.create(
        owning_agency=world.agencies["police"],
        kind="access",
        requester_name="Robin Example-Matrix",
        requester_contact="1 Example Street",
        subject=person,
        subject_name=person.display_name,
        received_on=dt.date(2026, 1, 5),
        identity_verified_on=dt.date(2026, 1, 5),
    )
    item = RequestItem.objects.create(
        request=request,
        source="Person record",
        record_label="Example-Matrix",
        record_key=f"person:{person.pk}",
    )
    return {"pk": request.pk, "item_pk": item.pk}


def police_request_only(world: Any) -> dict[str, Any]:
    return {"pk": police_request(world)["pk"]}


def police_hold(world: Any) -> dict[str, Any]:
    """A legal hold on a police person's record: the council's handlers cannot release it (404)."""
    from django.contrib.auth import get_user_model

    from csphub.governance.services import legal_hold_place
    from csphub.people.services import person_create

    owner = get_user_model().objects.get(username="police_caseworker")
    person = person_create(actor=owner, given_name="Robin", family_name="Example-Matrix")
    return {"pk": legal_hold_place(actor=None, target=person, reason="Example-Matrix claim").pk}


MATRIX.update(
    {
        "dataprotection:holds": Entry(expect=HANDLER_PAGE),
        "dataprotection:hold_new": Entry(expect=HANDLER_PAGE),
        "dataprotection:hold_release": Entry(make=police_hold, expect=OTHER_AGENCY_REQUEST),
        "dataprotection:periods": Entry(expect=HANDLER_PAGE),
        "dataprotection:period_set": Entry(make=lambda world: {"record_type": "case"}, expect=HANDLER_PAGE),
        "dataprotection:request_ncnd": Entry(make=police_request_only, expect=OTHER_AGENCY_REQUEST),
        "dataprotection:request_reply": Entry(make=police_request_only, expect=OTHER_AGENCY_REQUEST),
        "dataprotection:requests": Entry(expect=HANDLER_PAGE),
        "dataprotection:request_new": Entry(expect=HANDLER_PAGE),
        "dataprotection:disclosures": Entry(expect=HANDLER_PAGE),
        "dataprotection:retention": Entry(expect=HANDLER_PAGE),
        "dataprotection:ropa": Entry(expect=HANDLER_PAGE),
        "dataprotection:ropa_csv": Entry(expect=HANDLER_PAGE),
        "dataprotection:request": Entry(make=police_request_only, expect=OTHER_AGENCY_REQUEST),
        "dataprotection:request_verify": Entry(make=police_request_only, expect=OTHER_AGENCY_REQUEST),
        "dataprotection:request_extend": Entry(make=police_request_only, expect=OTHER_AGENCY_REQUEST),
        "dataprotection:request_disclose": Entry(make=police_request_only, expect=OTHER_AGENCY_REQUEST),
        "dataprotection:request_decide": Entry(make=police_request_only, expect=OTHER_AGENCY_REQUEST),
        "dataprotection:bundle_pdf": Entry(make=police_request_only, expect=OTHER_AGENCY_REQUEST),
        "dataprotection:bundle_json": Entry(make=police_request_only, expect=OTHER_AGENCY_REQUEST),
        "dataprotection:bundle_zip": Entry(make=police_request_only, expect=OTHER_AGENCY_REQUEST),
        "dataprotection:item_decide": Entry(make=police_request, expect=OTHER_AGENCY_REQUEST),
    }
)


# --- Information sharing agreements: managed by the same handlers, for agreements their agency is a
# party to. An agreement between two other agencies is 404 even to them.
def others_agreement(world: Any) -> dict[str, Any]:
    import datetime as dt

    from csphub.agencies.models import InformationSharingAgreement

    agreement = InformationSharingAgreement.objects.create(
        reference="MATRIX-ISA-OTHERS",
        name="Police and fire only",
        purpose="Matrix check",
        lawful_basis="6_1_e",
        start_date=dt.date(2026, 1, 1),
        review_date=dt.date(2027, 1, 1),
    )
    agreement.parties.set([world.agencies["police"], world.agencies["fire"]])
    return {"pk": agreement.pk}


MATRIX.update(
    {
        "dataprotection:agreements": Entry(expect=HANDLER_PAGE),
        "dataprotection:agreement_new": Entry(expect=HANDLER_PAGE),
        "dataprotection:agreement": Entry(make=others_agreement, expect=OTHER_AGENCY_REQUEST),
        "dataprotection:agreement_review": Entry(make=others_agreement, expect=OTHER_AGENCY_REQUEST),
        "dataprotection:agreement_end": Entry(make=others_agreement, expect=OTHER_AGENCY_REQUEST),
    }
)


# --- The partnership's public pages (privacy notice, Welsh offer): the capability
# CONFIGURE_PUBLIC_PAGES (partnership coordinators and administrators), for the partnership acted in.
MATRIX["dataprotection:public_pages"] = Entry(
    expect={"anonymous": 302, "*": 403, "avbc_partnership_coordinator": 200, "avbc_administrator": 200}
)
