"""Application validation, shared by the public journey, staff intake and the service."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from csphub.casereviews.rules.threshold import (
    COMPLAINT_REPORTING_PERIOD_MONTHS,
    earliest_qualifying_complaint_date,
    period_last_day,
)
from csphub.casereviews.rules.wording import _fmt

# ---------------------------------------------------------------------------------------------------
# Application validation (shared by the public journey, staff intake and the service)
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


def latest_behaviour_allowed_before(applied_on: dt.date) -> dt.date:
    """Behaviour that ended before this date can no longer give a qualifying complaint.

    A complaint qualifies if made within a month of the behaviour and no more than six months before
    the application, so the behaviour's last day must fall no earlier than the last day whose
    one-month reporting period still reaches the earliest qualifying complaint date.
    """
    earliest_complaint = earliest_qualifying_complaint_date(applied_on)
    day = earliest_complaint
    while (
        period_last_day(day - dt.timedelta(days=1), months=COMPLAINT_REPORTING_PERIOD_MONTHS)
        >= earliest_complaint
    ):
        day -= dt.timedelta(days=1)
    return day


def application_problems(
    *,
    applied_on: dt.date,
    applicant_name: str,
    contact_preference: str,
    applicant_email: str,
    applicant_phone: str,
    applicant_address: str,
    is_third_party: bool,
    victim_name: str,
    victim_consent_given: bool,
    behaviour_first_on: dt.date | None,
    behaviour_last_on: dt.date | None,
    behaviour_description: str,
    behaviour_location: str,
    reports_described: str,
) -> list[Problem]:
    """Everything wrong with an application, in GOV.UK error-message wording (empty list: valid)."""
    problems: list[Problem] = []
    if not applicant_name.strip():
        problems.append(
            Problem(
                "applicant_name",
                "Enter your full name – applications cannot be anonymous, because the partnership "
                "must contact you about the review",
            )
        )
    if contact_preference == "email" and not applicant_email.strip():
        problems.append(
            Problem("applicant_email", "Enter your e-mail address, or choose another way to contact you")
        )
    if contact_preference == "phone" and not applicant_phone.strip():
        problems.append(
            Problem("applicant_phone", "Enter your phone number, or choose another way to contact you")
        )
    if contact_preference == "post" and not applicant_address.strip():
        problems.append(
            Problem("applicant_address", "Enter your postal address, or choose another way to contact you")
        )
    if contact_preference not in {"email", "phone", "post"}:
        problems.append(Problem("contact_preference", "Select how we should contact you"))
    if is_third_party:
        if not victim_name.strip():
            problems.append(Problem("victim_name", "Enter the name of the person you are applying for"))
        if not victim_consent_given:
            problems.append(
                Problem(
                    "victim_consent_given",
                    "You can only apply for someone else with their consent – confirm they have agreed",
                )
            )
    if behaviour_first_on is None:
        problems.append(Problem("behaviour_first_on", "Enter the date the behaviour started"))
    if behaviour_last_on is None:
        problems.append(Problem("behaviour_last_on", "Enter the date of the most recent incident"))
    for name, day in (("behaviour_first_on", behaviour_first_on), ("behaviour_last_on", behaviour_last_on)):
        if day is not None and day > applied_on:
            problems.append(Problem(name, "The date must be today or in the past"))
    if behaviour_first_on and behaviour_last_on and behaviour_first_on > behaviour_last_on:
        problems.append(
            Problem(
                "behaviour_last_on",
                "The date of the most recent incident must be the same as or after the start",
            )
        )
    if not behaviour_description.strip():
        problems.append(Problem("behaviour_description", "Describe the anti-social behaviour"))
    if not behaviour_location.strip():
        problems.append(Problem("behaviour_location", "Enter where the behaviour happens"))
    if not reports_described.strip():
        problems.append(Problem("reports_described", "Tell us who you reported the behaviour to, and when"))
    return problems


def application_advice(*, applied_on: dt.date, behaviour_last_on: dt.date | None) -> list[str]:
    """Guidance shown with an application whose behaviour may be too old to give qualifying
    complaints. It is advice only (B.3): the application is received, counted (s.104(10)(a)) and
    decided by the relevant bodies, who may still decide to hold a review (s.104(5)); the applicant
    gets a decision letter and the appeal route."""
    if behaviour_last_on is None:
        return []
    # A date after the application is also on or after ``oldest``: no advice (the form refuses it).
    oldest = latest_behaviour_allowed_before(applied_on)
    if behaviour_last_on >= oldest:
        return []
    return [
        f"The most recent incident was before {_fmt(oldest)}. Complaints count towards the threshold when "
        "they were made within a month of the behaviour and in the six months before the application, so "
        "the threshold may not be met. The application is still received and decided, and the partnership "
        "may still decide to hold a review."
    ]
