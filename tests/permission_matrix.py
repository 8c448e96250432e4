"""The permission matrix: for every named URL, the status each persona gets for a record of
ANOTHER agency (Derbyshire Constabulary, unshared). ``test_permission_matrix.py`` walks the URL
configuration and fails when a URL has no entry here — so a new page cannot ship unexamined.

How to add an entry::

    MATRIX["cases:detail"] = Entry(make=make_police_case, expect=OTHER_AGENCY_RECORD)

``make(world)`` creates the other agency's record(s) through services, acting as
``police_caseworker``, and returns the URL's kwargs. ``expect`` maps persona username (or
"anonymous") to the expected status; "*" is the default for personas not listed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# The personas every URL is checked with. The record owner (police_caseworker) is NOT among them.
PERSONAS: tuple[str, ...] = (
    "anonymous",
    "avbc_caseworker",
    "avbc_team_manager",
    "avbc_partnership_coordinator",
    "avbc_partner_viewer",
    "avbc_analyst",
    "avbc_board_member",
    "avbc_administrator",
    "housing_caseworker",
)

# Roles whose membership allows viewing personal records at all.
_CASEWORK = ("avbc_caseworker", "avbc_team_manager", "avbc_partnership_coordinator", "housing_caseworker")
_NO_PERSONAL_DATA = ("avbc_analyst", "avbc_board_member", "avbc_administrator")

# A page about one record of another agency: nobody outside it learns it exists.
OTHER_AGENCY_RECORD: dict[str, int] = {"anonymous": 302, "*": 404}
# A list/search page of personal records: casework roles see their own visible list (200),
# partner viewers may read, roles without access to personal data are refused (403).
PERSONAL_LIST: dict[str, int] = {
    "anonymous": 302,
    "*": 200,
    **dict.fromkeys(_NO_PERSONAL_DATA, 403),
}
# The people list also serves administrators, who open "who has seen this person" from it.
PEOPLE_LIST: dict[str, int] = {**PERSONAL_LIST, "avbc_administrator": 200}
# A form that creates a record in the user's own agency.
CREATE_FORM: dict[str, int] = {
    "anonymous": 302,
    "*": 200,
    "avbc_partner_viewer": 403,
    **dict.fromkeys(_NO_PERSONAL_DATA, 403),
}
# Any signed-in staff member.
STAFF_PAGE: dict[str, int] = {"anonymous": 302, "*": 200}
# Public pages (no sign-in).
PUBLIC_PAGE: dict[str, int] = {"*": 200}


@dataclass(frozen=True)
class Entry:
    expect: dict[str, int]
    make: Callable[[Any], dict[str, Any]] | None = None
    method: str = "GET"
    data: dict[str, Any] = field(default_factory=dict)
    why: str = ""

    def expected_for(self, persona: str) -> int:
        return self.expect.get(persona, self.expect.get("*", 404))


def police_person(world: Any) -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    from csphub.people.services import person_create

    owner = get_user_model().objects.get(username="police_caseworker")
    person = person_create(actor=owner, given_name="Robin", family_name="Example-Matrix")
    return {"pk": person.pk}


def police_staff_member(world: Any) -> dict[str, Any]:
    """Another agency's member of staff: no administrator outside that agency learns of them."""
    from django.contrib.auth import get_user_model

    return {"pk": get_user_model().objects.get(username="police_caseworker").pk}


# Deactivating or reactivating an account: administrators only, and only their own agency's staff.
OTHER_AGENCY_ACCOUNT: dict[str, int] = {"anonymous": 302, "*": 403, "avbc_administrator": 404}

MATRIX: dict[str, Entry] = {
    "frontend:root": Entry(expect={"anonymous": 200, "*": 302}, why="start page; signed-in users go home"),
    "frontend:home": Entry(expect=STAFF_PAGE),
    "frontend:help": Entry(expect=STAFF_PAGE),
    "frontend:glossary": Entry(expect=STAFF_PAGE),
    "frontend:favicon": Entry(expect={"*": 301}, why="redirects to the static icon"),
    "accounts:login": Entry(expect={"anonymous": 200, "*": 302}),
    "accounts:code": Entry(expect={"*": 302}, why="only reachable between the two sign-in steps"),
    "accounts:setup_code": Entry(expect={"*": 302}, why="only reachable between the two sign-in steps"),
    "accounts:logout": Entry(expect={"*": 302}, method="POST"),
    "accounts:switch": Entry(expect=STAFF_PAGE),
    "accounts:partnership": Entry(expect=STAFF_PAGE),
    "accounts:password_change": Entry(expect=STAFF_PAGE),
    "accounts:notifications": Entry(expect=STAFF_PAGE, why="each user's own notifications only"),
    "accounts:users": Entry(expect={"anonymous": 302, "*": 403, "avbc_administrator": 200}),
    "accounts:account_deactivate": Entry(make=police_staff_member, expect=OTHER_AGENCY_ACCOUNT),
    "accounts:account_reactivate": Entry(make=police_staff_member, expect=OTHER_AGENCY_ACCOUNT),
    "accounts:role_grants": Entry(
        expect={"anonymous": 302, "*": 403, "avbc_administrator": 200, "avbc_partnership_coordinator": 200}
    ),
    # The audit search: the capability to read the audit log (administrators, coordinators).
    "accounts:audit_search": Entry(
        expect={"anonymous": 302, "*": 403, "avbc_administrator": 200, "avbc_partnership_coordinator": 200}
    ),
    "people:list": Entry(expect=PEOPLE_LIST),
    "people:create": Entry(expect=CREATE_FORM),
    "people:detail": Entry(make=police_person, expect=OTHER_AGENCY_RECORD),
    "people:edit": Entry(make=police_person, expect=OTHER_AGENCY_RECORD),
    "people:seen_by": Entry(make=police_person, expect=OTHER_AGENCY_RECORD),
}

# Apps add their entries in tests/<app>/permission_matrix.py as a dict named MATRIX; they are
# merged here so that each app owns its rows.
for _app in ("cases", "powers", "risk", "casereviews", "insights", "planning", "api", "duties", "governance"):
    try:
        _module = __import__(f"tests.{_app}.permission_matrix", fromlist=["MATRIX"])
    except ModuleNotFoundError as _exc:
        if _exc.name not in (f"tests.{_app}.permission_matrix", f"tests.{_app}"):
            raise
        continue
    MATRIX.update(_module.MATRIX)
