"""Actions and capabilities, and which of them each role may take."""

from __future__ import annotations

from enum import StrEnum

from csphub.agencies.models import Role


class Action(StrEnum):
    VIEW = "view"
    CREATE = "create"
    CHANGE = "change"
    EXPORT = "export"
    SHARE = "share"
    VIEW_AUDIT = "view_audit"


class Capability(StrEnum):
    """Things that are not about one record."""

    VIEW_ASSESSMENT = "view_assessment"  # aggregate analytics, no personal data
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT_LOG = "view_audit_log"
    MANAGE_CASE_REVIEWS = "manage_case_reviews"
    # change an area's Case Review procedure (only in the area's managing agency; see casereviews)
    CONFIGURE_CASE_REVIEW_AREA = "configure_case_review_area"
    # check and publish an area's yearly s.104(10) figures (coordinators of the managing agency)
    PUBLISH_CASE_REVIEW_FIGURES = "publish_case_review_figures"
    # priority setting (planning): aggregates only
    VIEW_PRIORITIES = "view_priorities"
    SCORE_PRIORITIES = "score_priorities"  # configure frameworks, open sessions, score themes
    ADOPT_PRIORITIES = "adopt_priorities"  # the board adopts the partnership's priorities
    MANAGE_PLAN = "manage_plan"  # write the CSP Plan: actions, measures, narrative, publication
    ADOPT_ASSESSMENT = "adopt_assessment"  # the partnership's official Strategic Assessment
    LOAD_DATA = "load_data"  # upload police.uk files into the analytics store (aggregate data)
    # see the team's tasks that their owners can no longer act on (a record they cannot see)
    MANAGE_TEAM_TASKS = "manage_team_tasks"
    # answer data subjects' requests (access, rectification, erasure) for the acting agency, and
    # run its records governance (retention schedule, legal holds, disposal, ROPA)
    MANAGE_DATA_PROTECTION = "manage_data_protection"
    # set the acting partnership's public pages: its privacy notice (Data Protection Officer,
    # retention) and whether they are offered in Welsh (coordinators and administrators)
    CONFIGURE_PUBLIC_PAGES = "configure_public_pages"


# Which actions each role may take on records that hold personal data.
ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.CASEWORKER: frozenset({Action.VIEW, Action.CREATE, Action.CHANGE, Action.EXPORT, Action.SHARE}),
    Role.TEAM_MANAGER: frozenset({Action.VIEW, Action.CREATE, Action.CHANGE, Action.EXPORT, Action.SHARE}),
    Role.PARTNERSHIP_COORDINATOR: frozenset(
        {Action.VIEW, Action.CREATE, Action.CHANGE, Action.EXPORT, Action.SHARE, Action.VIEW_AUDIT}
    ),
    Role.PARTNER_VIEWER: frozenset({Action.VIEW}),
    # Analysts and board members work with aggregates only; administrators manage accounts and
    # answer "who has seen this person", they do not read case files.
    Role.ANALYST: frozenset(),
    Role.BOARD_MEMBER: frozenset(),
    Role.ADMINISTRATOR: frozenset({Action.VIEW_AUDIT}),
}

ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.CASEWORKER: frozenset({Capability.MANAGE_CASE_REVIEWS}),
    Role.TEAM_MANAGER: frozenset(
        {
            Capability.VIEW_ASSESSMENT,
            Capability.MANAGE_CASE_REVIEWS,
            Capability.CONFIGURE_CASE_REVIEW_AREA,
            Capability.MANAGE_TEAM_TASKS,
            Capability.MANAGE_DATA_PROTECTION,
        }
    ),
    Role.PARTNERSHIP_COORDINATOR: frozenset(
        {
            Capability.VIEW_ASSESSMENT,
            Capability.VIEW_AUDIT_LOG,
            Capability.MANAGE_CASE_REVIEWS,
            Capability.CONFIGURE_CASE_REVIEW_AREA,
            Capability.PUBLISH_CASE_REVIEW_FIGURES,
            Capability.VIEW_PRIORITIES,
            Capability.SCORE_PRIORITIES,
            Capability.ADOPT_ASSESSMENT,
            Capability.MANAGE_TEAM_TASKS,
            Capability.MANAGE_PLAN,
            Capability.MANAGE_DATA_PROTECTION,
            Capability.CONFIGURE_PUBLIC_PAGES,
        }
    ),
    Role.PARTNER_VIEWER: frozenset(),
    Role.ANALYST: frozenset(
        {
            Capability.VIEW_ASSESSMENT,
            Capability.VIEW_PRIORITIES,
            Capability.SCORE_PRIORITIES,
            Capability.LOAD_DATA,
        }
    ),
    Role.BOARD_MEMBER: frozenset(
        {
            Capability.VIEW_ASSESSMENT,
            Capability.VIEW_PRIORITIES,
            Capability.ADOPT_PRIORITIES,
            Capability.ADOPT_ASSESSMENT,
        }
    ),
    Role.ADMINISTRATOR: frozenset(
        {
            Capability.MANAGE_USERS,
            Capability.VIEW_AUDIT_LOG,
            Capability.LOAD_DATA,
            Capability.CONFIGURE_PUBLIC_PAGES,
        }
    ),
}
