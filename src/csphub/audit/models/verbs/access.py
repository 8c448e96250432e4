"""Audit verbs of accounts, roles, sign-in, sharing between agencies and search.

Part of the closed list that ``csphub.audit.models.verbs.AuditVerb`` joins together.
"""

from __future__ import annotations

from django.db import models


class AccessVerb(models.TextChoices):
    API_TOKEN_ISSUED = "api_token.issued", "Issued an API token"
    API_TOKEN_REVOKED = "api_token.revoked", "Revoked an API token"
    COMPARTMENTMEMBER_ADDED = "compartmentmember.added", "Gave a user access to a restricted register"
    COMPARTMENTMEMBER_ENDED = "compartmentmember.ended", "Ended a user's access to a restricted register"
    COMPARTMENTMEMBER_LISTED = "compartmentmember.listed", "Saw who has access to a restricted register"
    MEMBERSHIP_GRANTED = "membership.granted", "Gave a user a role in an agency"
    MEMBERSHIP_REQUEST_REFUSED = "membership.request_refused", "Refused a request to give a user a role"
    MEMBERSHIP_REQUESTED = (
        "membership.requested",
        "Asked for a user to be given a role (needs a second approver)",
    )
    MEMBERSHIP_REVOKED = "membership.revoked", "Removed a user's role in an agency"
    MEMBERSHIP_SWITCHED = "membership.switched", "Switched the agency acted for"
    PARTNERSHIP_CHOSEN = "partnership.chosen", "Chose the partnership to work in"
    SEARCH_PERFORMED = "search.performed", "Searched"
    SHAREREQUEST_ANSWERED = (
        "sharerequest.answered",
        "Answered another agency's request to share a record about a person",
    )
    SHAREREQUEST_MADE = (
        "sharerequest.made",
        "Asked another agency to share its record about a person (record locator)",
    )
    USER_AUDIT_SEARCHED = "user.audit_searched", "Searched the audit trail for what a member of staff did"
    USER_CREATED = "user.created", "Created a user account"
    USER_DEACTIVATED = "user.deactivated", "Deactivated a user account (they can no longer sign in)"
    USER_LISTED = "user.listed", "Listed staff accounts"
    USER_LOCKED_OUT = "user.locked_out", "Account locked after failed sign-ins"
    USER_LOGGED_IN = "user.logged_in", "Signed in"
    USER_LOGGED_OUT = "user.logged_out", "Signed out"
    USER_LOGIN_FAILED = "user.login_failed", "Failed to sign in"
    USER_PASSWORD_CHANGED = "user.password_changed", "Changed password"
    USER_REACTIVATED = "user.reactivated", "Reactivated a user account (they can sign in again)"
    USER_SESSION_CAP_REACHED = "user.session_cap_reached", "Signed out 12 hours after signing in"
    USER_SESSION_TIMED_OUT = "user.session_timed_out", "Signed out after a period of inactivity"
    USER_TWO_FACTOR_ENROLLED = "user.two_factor_enrolled", "Set up two-factor authentication"
    USER_TWO_FACTOR_RESET = "user.two_factor_reset", "Reset a user's two-factor authentication"
    USER_UNLOCKED = "user.unlocked", "Unlocked a user account"
