"""Permission-matrix rows for the JSON API: 401 without credentials, policy-decided otherwise."""

from __future__ import annotations

from typing import Any

from tests.permission_matrix import OTHER_AGENCY_RECORD, Entry, police_person

API_LIST = {
    "anonymous": 401,
    "*": 200,
    "avbc_analyst": 403,
    "avbc_board_member": 403,
    "avbc_administrator": 403,
}
API_RECORD = {**OTHER_AGENCY_RECORD, "anonymous": 401}


def _police_case(world: Any) -> dict[str, Any]:
    from tests.cases.permission_matrix import police_case

    return {"case_id": police_case(world)["pk"]}


def _police_person(world: Any) -> dict[str, Any]:
    return {"person_id": police_person(world)["pk"]}


MATRIX = {
    "api:tokens": Entry(expect={"anonymous": 302, "*": 200}),
    "api:token_revoke": Entry(
        make=lambda world: {"pk": 999999}, expect={"anonymous": 302, "*": 404}, method="POST"
    ),
    "api_v1:api-root": Entry(expect={"*": 404}, why="no Swagger UI: it would load from a CDN"),
    "api_v1:openapi-json": Entry(
        expect={"anonymous": 401, "*": 200}, why="for signed-in API clients: it maps what the API reveals"
    ),
    "api_v1:list_people": Entry(expect=API_LIST),
    "api_v1:get_person": Entry(make=_police_person, expect=API_RECORD),
    "api_v1:list_cases": Entry(expect=API_LIST),
    "api_v1:get_case": Entry(make=_police_case, expect=API_RECORD),
    "api_v1:list_incidents": Entry(expect=API_LIST),
}
