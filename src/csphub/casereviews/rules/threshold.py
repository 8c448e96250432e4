"""The threshold (s.104(4), (11)): qualifying complaints, the local policy, the engine and its
plain-English explanation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from csphub.casereviews.rules.wording import _capital, _fmt, _plural, number_in_words
from csphub.core.calendar import month_period_last_day, within_month_period

# The statute: three qualifying complaints always meet the threshold; the local number may be lower.
STATUTORY_QUALIFYING_COMPLAINTS = 3
COMPLAINT_REPORTING_PERIOD_MONTHS = 1
APPLICATION_PERIOD_MONTHS = 6

# The threshold engine's own dated versions (the partnership's policy has its own version too).
# A stored decision keeps the engine version it was made under; decisions stored before the
# engine version was recorded read as the first one.
ENGINE_VERSIONS: dict[str, dt.date] = {
    "s104-2014": dt.date(2014, 10, 20),
    # B.1: the specified (local) number of qualifying complaints makes the threshold mandatory;
    # a counting rule may only ever add.
    "s104-2026-11": dt.date(2026, 11, 26),
}
ENGINE_VERSION = "s104-2026-11"


# ---------------------------------------------------------------------------------------------------
# Calendar months "beginning with" a date
# ---------------------------------------------------------------------------------------------------


# ``period_last_day`` and ``within_period`` are core.calendar's "months beginning with" a day.
period_last_day = month_period_last_day
within_period = within_month_period


def earliest_qualifying_complaint_date(application_on: dt.date) -> dt.date:
    """The earliest complaint date for which an application on ``application_on`` is in time.

    Used to tell applicants and staff how far back complaints count ("complaints made since …").
    """
    day = application_on
    # Step back until the six-month period beginning with the complaint no longer reaches the
    # application date; at most ~186 steps, so a simple walk is clearer than date arithmetic.
    while within_period(application_on, start=day - dt.timedelta(days=1), months=APPLICATION_PERIOD_MONTHS):
        day -= dt.timedelta(days=1)
    return day


# ---------------------------------------------------------------------------------------------------
# Complaints and the threshold policy
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Complaint:
    """One complaint about the behaviour, usually built from a recorded incident.

    ``key`` is stable (e.g. ``"incident:42"``) so a stored decision can name the exact complaint.
    ``same_incident_key`` groups reports of one incident made to several agencies; reports with the
    same key are one incident (``None``: not known to be a duplicate of anything).
    ``complainant_key`` identifies who complained (for "five individuals" rules); ``None`` if unknown.
    """

    key: str
    behaviour_on: dt.date
    reported_on: dt.date
    reporting_agency: str = ""
    complainant_key: str | None = None
    same_incident_key: str | None = None
    is_hate_motivated: bool = False
    summary: str = ""

    def __post_init__(self) -> None:
        # B.6: an importer or API building complaints directly must not pass impossible dates.
        if self.reported_on < self.behaviour_on:
            raise ValueError(
                f"complaint {self.key}: reported on {self.reported_on.isoformat()}, before the behaviour "
                f"on {self.behaviour_on.isoformat()}"
            )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["behaviour_on"] = self.behaviour_on.isoformat()
        data["reported_on"] = self.reported_on.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Complaint:
        values = dict(data)
        values["behaviour_on"] = dt.date.fromisoformat(values["behaviour_on"])
        values["reported_on"] = dt.date.fromisoformat(values["reported_on"])
        return cls(**values)


@dataclass(frozen=True)
class ThresholdPolicy:
    """A partnership's threshold rules, versioned and dated (domain rule 22).

    ``qualifying_complaints_required`` is the local number (1–3; the statute caps it at three).
    Local variants only ever *add* ways to meet the threshold:

    - ``distinct_complainants_required``: N different people complained about the problem in the six
      months before the application (e.g. "five separate individuals" in NE and South Derbyshire). This
      rule counts every complaint made in those six months, including ones reported more than a month
      after the behaviour: it widens the threshold, so it may;
    - ``hate_incident_meets_threshold``: one qualifying complaint about a hate incident is enough;
    - ``count_same_incident_once``: a single incident reported to several agencies is *noted* as one
      incident in the explanation. It never lowers the count: s.104(4) makes the threshold mandatory
      when the specified number of qualifying complaints have been made, and a local counting rule
      may only ever add (legal review B.1).
    """

    version: str = "statutory-2014"
    effective_from: dt.date = dt.date(2014, 10, 20)
    qualifying_complaints_required: int = STATUTORY_QUALIFYING_COMPLAINTS
    count_same_incident_once: bool = False
    distinct_complainants_required: int | None = None
    hate_incident_meets_threshold: bool = False
    description: str = ""

    def __post_init__(self) -> None:
        if not 1 <= self.qualifying_complaints_required <= STATUTORY_QUALIFYING_COMPLAINTS:
            raise ValueError(
                "The local threshold must be between 1 and 3 qualifying complaints "
                "(s.104(4): it may be set no higher than three)."
            )
        if self.distinct_complainants_required is not None and self.distinct_complainants_required < 1:
            raise ValueError("The number of different complainants must be at least 1.")
        if not self.version.strip():
            raise ValueError("A threshold policy needs a version label.")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["effective_from"] = self.effective_from.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ThresholdPolicy:
        values = dict(data)
        values["effective_from"] = dt.date.fromisoformat(values["effective_from"])
        return cls(**values)


STATUTORY_POLICY = ThresholdPolicy()


class Ground(StrEnum):
    """Why the threshold was met (a decision may rest on several)."""

    STATUTORY = "statutory"
    LOCAL_NUMBER = "local_number"
    DISTINCT_COMPLAINANTS = "distinct_complainants"
    HATE_INCIDENT = "hate_incident"


GROUND_TEXT = {
    Ground.STATUTORY: (
        "at least {n} qualifying {complaints} made, so the law requires the threshold to be met"
    ),
    Ground.LOCAL_NUMBER: "the number of qualifying complaints reached the partnership's threshold of {n}",
    Ground.DISTINCT_COMPLAINANTS: (
        "{n} different people complained about the problem in the six months before the application"
    ),
    Ground.HATE_INCIDENT: "a qualifying complaint was about a hate incident",
}


@dataclass(frozen=True)
class ComplaintAssessment:
    """How one complaint was treated, and why, in words an applicant can read."""

    complaint: Complaint
    qualifying: bool
    counted: bool
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "complaint": self.complaint.to_dict(),
            "qualifying": self.qualifying,
            "counted": self.counted,
            "reasons": list(self.reasons),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ComplaintAssessment:
        return cls(
            complaint=Complaint.from_dict(data["complaint"]),
            qualifying=bool(data["qualifying"]),
            counted=bool(data["counted"]),
            reasons=tuple(data["reasons"]),
        )


@dataclass(frozen=True)
class ThresholdDecision:
    """The engine's answer; stored whole (``to_dict``) with the application's threshold decision."""

    met: bool
    application_on: dt.date
    policy: ThresholdPolicy
    assessments: tuple[ComplaintAssessment, ...]
    qualifying_count: int
    counted_count: int
    distinct_complainants: int
    grounds: tuple[Ground, ...] = field(default_factory=tuple)
    engine_version: str = "s104-2014"

    @property
    def rule_version(self) -> str:
        return self.policy.version

    @property
    def statutorily_met(self) -> bool:
        return Ground.STATUTORY in self.grounds

    def explanation(self) -> str:
        """A plain-English account of the decision, for the applicant's letter and the case file."""
        return "\n\n".join(explanation_paragraphs(self))

    def to_dict(self) -> dict[str, Any]:
        return {
            "met": self.met,
            "application_on": self.application_on.isoformat(),
            "policy": self.policy.to_dict(),
            "assessments": [a.to_dict() for a in self.assessments],
            "qualifying_count": self.qualifying_count,
            "counted_count": self.counted_count,
            "distinct_complainants": self.distinct_complainants,
            "grounds": [str(g) for g in self.grounds],
            "engine_version": self.engine_version,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ThresholdDecision:
        return cls(
            met=bool(data["met"]),
            application_on=dt.date.fromisoformat(data["application_on"]),
            policy=ThresholdPolicy.from_dict(data["policy"]),
            assessments=tuple(ComplaintAssessment.from_dict(a) for a in data["assessments"]),
            qualifying_count=int(data["qualifying_count"]),
            counted_count=int(data["counted_count"]),
            distinct_complainants=int(data["distinct_complainants"]),
            grounds=tuple(Ground(g) for g in data["grounds"]),
            engine_version=str(data.get("engine_version", "s104-2014")),
        )


def in_application_window(complaint: Complaint, application_on: dt.date) -> bool:
    """Made on or before the application, within the six months beginning with the complaint."""
    return complaint.behaviour_on <= complaint.reported_on and within_period(
        application_on, start=complaint.reported_on, months=APPLICATION_PERIOD_MONTHS
    )


def qualification_reasons(complaint: Complaint, *, application_on: dt.date) -> tuple[bool, tuple[str, ...]]:
    """Whether ``complaint`` is a qualifying complaint for an application on ``application_on``, and why."""
    reasons: list[str] = []
    qualifying = True
    if not within_period(
        complaint.reported_on, start=complaint.behaviour_on, months=COMPLAINT_REPORTING_PERIOD_MONTHS
    ):
        qualifying = False
        last = period_last_day(complaint.behaviour_on, months=COMPLAINT_REPORTING_PERIOD_MONTHS)
        reasons.append(
            f"it was reported on {_fmt(complaint.reported_on)}, more than one month after the behaviour on "
            f"{_fmt(complaint.behaviour_on)} (it needed to be reported by {_fmt(last)})"
        )
    if complaint.reported_on > application_on:
        qualifying = False
        reasons.append(f"it was reported on {_fmt(complaint.reported_on)}, after the application was made")
    elif not within_period(application_on, start=complaint.reported_on, months=APPLICATION_PERIOD_MONTHS):
        qualifying = False
        last = period_last_day(complaint.reported_on, months=APPLICATION_PERIOD_MONTHS)
        reasons.append(
            f"the application was made more than six months after this complaint of "
            f"{_fmt(complaint.reported_on)} (it needed to be made by {_fmt(last)})"
        )
    if qualifying:
        reasons.append(
            f"reported on {_fmt(complaint.reported_on)}, within one month of the behaviour, and within "
            "six months before the application"
        )
    return qualifying, tuple(reasons)


def assess_threshold(
    complaints: Iterable[Complaint],
    *,
    application_on: dt.date,
    policy: ThresholdPolicy = STATUTORY_POLICY,
) -> ThresholdDecision:
    """Decide whether the Case Review threshold is met for an application made on ``application_on``.

    Pure and deterministic: the same complaints (in any order) and policy give the same decision.
    Complaints that do not qualify are listed with the reason and never affect the outcome.
    """
    ordered = sorted(complaints, key=lambda c: (c.reported_on, c.behaviour_on, c.key))
    keys = [c.key for c in ordered]
    if len(set(keys)) != len(keys):
        raise ValueError("Each complaint must have a unique key.")

    assessments: list[ComplaintAssessment] = []
    seen_incidents: dict[str, str] = {}
    qualifying: list[Complaint] = []
    counted: list[Complaint] = []
    for complaint in ordered:
        is_qualifying, reasons = qualification_reasons(complaint, application_on=application_on)
        is_counted = is_qualifying
        if is_qualifying:
            qualifying.append(complaint)
            group = complaint.same_incident_key
            if policy.count_same_incident_once and group is not None:
                if group in seen_incidents:
                    is_counted = False
                    reasons = (
                        *reasons,
                        f"it is the same incident as {seen_incidents[group]} reported to another agency; "
                        "it still counts as a qualifying complaint, because the law counts every "
                        "qualifying complaint made",
                    )
                else:
                    # Named as the reader knows it (the incident's reference), never by the key.
                    seen_incidents[group] = complaint.summary or complaint.key
            if is_counted:
                counted.append(complaint)
        if (
            not is_qualifying
            and policy.distinct_complainants_required is not None
            and complaint.complainant_key is not None
            and in_application_window(complaint, application_on)
        ):
            reasons = (
                *reasons,
                "it was made in the six months before the application, so it still counts towards the "
                "partnership's different-people rule",
            )
        assessments.append(
            ComplaintAssessment(
                complaint=complaint, qualifying=is_qualifying, counted=is_counted, reasons=reasons
            )
        )

    # The different-people rule counts every complaint made in the six months before the application.
    complainants = {
        c.complainant_key
        for c in ordered
        if c.complainant_key is not None and in_application_window(c, application_on)
    }
    grounds: list[Ground] = []
    # s.104(4): three, or the lower number specified in the procedures, qualifying complaints make
    # the threshold mandatory. The specified number is never above three, so three always do.
    if len(qualifying) >= policy.qualifying_complaints_required:
        grounds.append(Ground.STATUTORY)
    if (
        policy.distinct_complainants_required is not None
        and len(complainants) >= policy.distinct_complainants_required
    ):
        grounds.append(Ground.DISTINCT_COMPLAINANTS)
    if policy.hate_incident_meets_threshold and any(c.is_hate_motivated for c in qualifying):
        grounds.append(Ground.HATE_INCIDENT)

    return ThresholdDecision(
        met=bool(grounds),
        application_on=application_on,
        policy=policy,
        assessments=tuple(assessments),
        qualifying_count=len(qualifying),
        counted_count=len(counted),
        distinct_complainants=len(complainants),
        grounds=tuple(grounds),
        engine_version=ENGINE_VERSION,
    )


def threshold_reached(
    complaints: Iterable[Complaint], *, on: dt.date, policy: ThresholdPolicy = STATUTORY_POLICY
) -> bool:
    """B.6 (2023 ASB Action Plan): would an application made on ``on`` meet the threshold? Used to
    flag a person whose qualifying complaints have reached it, so staff can offer a Case Review."""
    return assess_threshold(complaints, application_on=on, policy=policy).met


def _label(complaint: Complaint, *, with_reference: bool) -> str:
    where = f" to {complaint.reporting_agency}" if complaint.reporting_agency else ""
    what = f" ({complaint.summary})" if complaint.summary and with_reference else ""
    return (
        f"The complaint made{where} on {_fmt(complaint.reported_on)} "
        f"about behaviour on {_fmt(complaint.behaviour_on)}{what}"
    )


def explanation_paragraphs(decision: ThresholdDecision, *, for_applicant: bool = False) -> list[str]:
    """Plain-English paragraphs explaining ``decision``; the first states the outcome.

    ``for_applicant`` (the letter): no rule or engine versions and no internal record references,
    and no closing note that the partnership may still hold a review, which only confuses a letter
    saying the threshold is not met (the case file keeps all of them)."""
    policy = decision.policy
    n_words = number_in_words(decision.qualifying_count)
    if decision.met:
        reasons = "; and ".join(
            GROUND_TEXT[g].format(
                n=(
                    number_in_words(policy.qualifying_complaints_required)
                    if g in (Ground.STATUTORY, Ground.LOCAL_NUMBER)
                    else number_in_words(decision.distinct_complainants)
                ),
                complaints=_plural(policy.qualifying_complaints_required, "complaint was", "complaints were"),
            )
            for g in decision.grounds
        )
        opening = f"The threshold for an ASB Case Review is met: {reasons}."
    else:
        opening = (
            "The threshold for an ASB Case Review is not met. "
            f"{_capital(n_words)} qualifying "
            f"{_plural(decision.qualifying_count, 'complaint was', 'complaints were')} "
            f"found; the partnership's threshold is {number_in_words(policy.qualifying_complaints_required)}."
        )
    paragraphs = [opening]
    paragraphs.append(
        "A complaint qualifies when it was made within one month of the behaviour and the application "
        "was made within six months of the complaint. This application was made on "
        f"{_fmt(decision.application_on)}, so complaints made on or after "
        f"{_fmt(earliest_qualifying_complaint_date(decision.application_on))} can count."
    )
    local: list[str] = []
    if policy.qualifying_complaints_required < STATUTORY_QUALIFYING_COMPLAINTS:
        local.append(
            f"the threshold is met with {number_in_words(policy.qualifying_complaints_required)} "
            f"qualifying {_plural(policy.qualifying_complaints_required, 'complaint', 'complaints')}"
        )
    if policy.distinct_complainants_required is not None:
        local.append(
            f"it is also met when {number_in_words(policy.distinct_complainants_required)} different "
            f"{_plural(policy.distinct_complainants_required, 'person complains', 'people complain')} "
            "about the problem in the six months before the application"
        )
    if policy.hate_incident_meets_threshold:
        local.append("one qualifying complaint about a hate incident is enough")
    if policy.count_same_incident_once:
        local.append(
            "one incident reported to several agencies is noted as one incident, but every qualifying "
            "complaint counts towards the threshold"
        )
    if local and for_applicant:
        paragraphs.append("The partnership's own rules: " + "; ".join(local) + ".")
    elif local:
        paragraphs.append(f"Local rules (version {policy.version}): " + "; ".join(local) + ".")
        paragraphs.append(f"Rules applied: threshold engine {decision.engine_version}.")
    elif not for_applicant:
        paragraphs.append(
            f"Rules applied: version {policy.version}; threshold engine {decision.engine_version}."
        )
    if not decision.assessments:
        paragraphs.append("No complaints about this behaviour were found or linked to the application.")
    for assessment in decision.assessments:
        status = (
            "counted"
            if assessment.counted
            else ("counted, same incident" if assessment.qualifying else "does not count")
        )
        paragraphs.append(
            f"{_label(assessment.complaint, with_reference=not for_applicant)}: {status} — "
            + "; ".join(assessment.reasons)
            + "."
        )
    if not decision.met and not for_applicant:
        paragraphs.append(
            "The partnership may still decide to hold a review, taking account of how persistent the "
            "behaviour is, the harm or potential harm it causes and whether the response to it was adequate."
        )
    return paragraphs
