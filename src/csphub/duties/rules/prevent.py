"""Prevent and Channel (Counter-Terrorism and Security Act 2015 s.26, ss.36-41): pure rules.

- s.36(1)-(3): each local authority must ensure a panel is in place for its area; the panel is
  chaired by the local authority; individuals are referred to it by the police (a chief officer of
  police), so a Channel case opens only from a referral the police screened and adopted.
- Channel support is voluntary: consent is recorded before any support is given; for a person under
  18, the consent of a parent or guardian (Channel Duty Guidance 2023).
- After a person leaves Channel, their case is reviewed 6 and 12 months after exit (the guidance's
  post-exit reviews).
"""

from __future__ import annotations

import datetime as dt

from csphub.core.calendar import add_months, add_years

RULE_VERSION = "ctsa2015-s36/channel-guidance-2023"
ADULT_AGE = 18
POST_EXIT_REVIEW_MONTHS = (6, 12)

# Codes shared with the models' choices.
REFERRAL_RECEIVED = "received"
REFERRAL_ADOPTED = "adopted"  # screened by the police and referred to the Channel panel
REFERRAL_SIGNPOSTED = "signposted"  # not a radicalisation concern: signposted to another service
REFERRAL_CLOSED = "closed"  # no further action

POLICE = "police"
LOCAL_AUTHORITY_TYPES = frozenset({"county_council", "district_council"})

CONSENT_BY_PERSON = "person"
CONSENT_BY_PARENT = "parent"


def under_18(date_of_birth: dt.date | None, on: dt.date) -> bool:
    """Under 18 on ``on``; an unknown date of birth is not treated as a child here (ask for it)."""
    if date_of_birth is None:
        return False
    return on < add_years(date_of_birth, ADULT_AGE)


def channel_may_open(referral_status: str, screened_by_agency_type: str) -> bool:
    """s.36: a Channel case opens only from a referral the police screened and referred."""
    return referral_status == REFERRAL_ADOPTED and screened_by_agency_type == POLICE


def may_chair(agency_type: str) -> bool:
    """s.36: the panel is chaired by the local authority."""
    return agency_type in LOCAL_AUTHORITY_TYPES


def consent_giver_valid(date_of_birth: dt.date | None, consent_on: dt.date, given_by: str) -> bool:
    """Under 18 on the day: a parent or guardian consents; otherwise the person themselves."""
    if under_18(date_of_birth, consent_on):
        return given_by == CONSENT_BY_PARENT
    return given_by == CONSENT_BY_PERSON


def support_may_start(consent_given_on: dt.date | None, starts_on: dt.date) -> bool:
    """Support is given only once consent is recorded, and not before the day it was given."""
    return consent_given_on is not None and starts_on >= consent_given_on


def post_exit_review_dates(exited_on: dt.date) -> tuple[dt.date, ...]:
    """The reviews due 6 and 12 months after exit (calendar months, month-end clamped)."""
    return tuple(add_months(exited_on, months) for months in POST_EXIT_REVIEW_MONTHS)
