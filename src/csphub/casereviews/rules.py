"""ASB Case Review (Community Trigger) domain rules — pure functions, no Django, no database.

Law: Anti-social Behaviour, Crime and Policing Act 2014 s.104 and Sch 4 (Explanatory Notes para 231).

- A *qualifying complaint* is a complaint about anti-social behaviour made within the period of one
  month beginning with the date on which the behaviour is alleged to have occurred, where the
  application for a review is made within the period of six months beginning with the date of the
  complaint (s.104(11)).
- If at least three qualifying complaints (or a lower number the local procedures set) have been made
  about the behaviour, the relevant bodies **must** decide that the threshold is met (s.104(4)). The
  number may be set no higher than three.
- Local procedures may widen the threshold (five individuals complaining, one hate incident, …) but
  can never narrow the statutory test: whenever the specified number of qualifying complaints (three,
  or the lower number the procedures set) have been made, the threshold is met, whatever any local
  counting rule says. "Count one incident once" therefore never removes a qualifying complaint
  from the mandatory count (legal review B.1, threshold engine ``s104-2026-11``).

Periods "beginning with" a date follow the corresponding-date rule used by the courts (Dodds v Walker
[1981]): the period of n months beginning with 5 January ends on the day before the 5th of the n-th
following month; when that month has no corresponding date (one month beginning with 31 January), the
period ends on the last day of that month.

Everything a decision used is recorded in it: the rule version, each complaint with whether it was
qualifying and counted and why, so the decision can be shown to the applicant in plain English and
re-checked later even if the policy has changed since (domain rule 22: versioned law).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from csphub.core.calendar import (
    add_working_days,
    month_period_last_day,
    within_month_period,
    working_days_between,
)

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


def _fmt(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


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
                    seen_incidents[group] = complaint.key
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


def _label(complaint: Complaint, *, with_reference: bool = True) -> str:
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


# ---------------------------------------------------------------------------------------------------
# Service levels (no national deadlines; each partnership sets its own, in working days)
# ---------------------------------------------------------------------------------------------------


class Stage(StrEnum):
    ACKNOWLEDGE = "acknowledge"
    THRESHOLD_DECISION = "threshold_decision"
    REVIEW_MEETING = "review_meeting"
    OUTCOME_LETTER = "outcome_letter"
    APPEAL_WINDOW = "appeal_window"
    APPEAL_DECISION = "appeal_decision"


STAGE_LABELS = {
    Stage.ACKNOWLEDGE: "Acknowledge the application",
    Stage.THRESHOLD_DECISION: "Decide whether the threshold is met",
    Stage.REVIEW_MEETING: "Hold the review meeting",
    Stage.OUTCOME_LETTER: "Send the outcome letter",
    Stage.APPEAL_WINDOW: "Applicant may appeal until",
    Stage.APPEAL_DECISION: "Decide the appeal",
}

# What each clock starts from.
STAGE_STARTS = {
    Stage.ACKNOWLEDGE: "application received",
    Stage.THRESHOLD_DECISION: "application received",
    Stage.REVIEW_MEETING: "threshold decided as met",
    Stage.OUTCOME_LETTER: "review meeting held",
    Stage.APPEAL_WINDOW: "outcome letter sent (or threshold decision sent, if not met)",
    Stage.APPEAL_DECISION: "appeal received",
}


@dataclass(frozen=True)
class ServiceLevels:
    """Working days allowed per stage. Defaults are the platform's suggested values (domain rules §2.4)."""

    acknowledge_wd: int = 5
    threshold_decision_wd: int = 15
    review_meeting_wd: int = 20
    outcome_letter_wd: int = 10
    appeal_window_wd: int = 20
    appeal_decision_wd: int = 20

    def __post_init__(self) -> None:
        for name, value in asdict(self).items():
            if not 0 < value <= 260:
                raise ValueError(f"{name} must be between 1 and 260 working days")

    def working_days(self, stage: Stage) -> int:
        return {
            Stage.ACKNOWLEDGE: self.acknowledge_wd,
            Stage.THRESHOLD_DECISION: self.threshold_decision_wd,
            Stage.REVIEW_MEETING: self.review_meeting_wd,
            Stage.OUTCOME_LETTER: self.outcome_letter_wd,
            Stage.APPEAL_WINDOW: self.appeal_window_wd,
            Stage.APPEAL_DECISION: self.appeal_decision_wd,
        }[stage]


def due_date(stage: Stage, *, started_on: dt.date, levels: ServiceLevels) -> dt.date:
    """The last day on which ``stage`` is in time: ``started_on`` + the stage's working days."""
    return add_working_days(started_on, levels.working_days(stage))


@dataclass(frozen=True)
class Clock:
    stage: Stage
    started_on: dt.date
    due_on: dt.date
    done_on: dt.date | None

    def is_overdue(self, *, today: dt.date) -> bool:
        """Late when done after the due date, or not done and today is past it."""
        if self.done_on is not None:
            return self.done_on > self.due_on
        return today > self.due_on

    def working_days_left(self, *, today: dt.date) -> int:
        return working_days_between(today, self.due_on)

    @property
    def label(self) -> str:
        return STAGE_LABELS[self.stage]


def clock_for(
    stage: Stage, *, started_on: dt.date, levels: ServiceLevels, done_on: dt.date | None = None
) -> Clock:
    return Clock(
        stage=stage,
        started_on=started_on,
        due_on=due_date(stage, started_on=started_on, levels=levels),
        done_on=done_on,
    )


# ---------------------------------------------------------------------------------------------------
# Application workflow
# ---------------------------------------------------------------------------------------------------


class Status(StrEnum):
    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    THRESHOLD_MET = "threshold_met"
    THRESHOLD_NOT_MET = "threshold_not_met"
    REVIEW_HELD = "review_held"
    OUTCOME_SENT = "outcome_sent"
    APPEALED = "appealed"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


STATUS_LABELS = {
    Status.RECEIVED: "Received",
    Status.ACKNOWLEDGED: "Acknowledged — checking the threshold",
    Status.THRESHOLD_MET: "Threshold met — review being arranged",
    Status.THRESHOLD_NOT_MET: "Threshold not met",
    Status.REVIEW_HELD: "Review held — outcome letter being prepared",
    Status.OUTCOME_SENT: "Review complete — outcome sent",
    Status.APPEALED: "Appeal under consideration",
    Status.CLOSED: "Closed",
    Status.WITHDRAWN: "Withdrawn",
}

TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.RECEIVED: frozenset(
        {Status.ACKNOWLEDGED, Status.THRESHOLD_MET, Status.THRESHOLD_NOT_MET, Status.WITHDRAWN}
    ),
    Status.ACKNOWLEDGED: frozenset({Status.THRESHOLD_MET, Status.THRESHOLD_NOT_MET, Status.WITHDRAWN}),
    Status.THRESHOLD_MET: frozenset({Status.REVIEW_HELD, Status.WITHDRAWN}),
    Status.THRESHOLD_NOT_MET: frozenset({Status.APPEALED, Status.CLOSED}),
    Status.REVIEW_HELD: frozenset({Status.OUTCOME_SENT}),
    Status.OUTCOME_SENT: frozenset({Status.APPEALED, Status.CLOSED}),
    # B.2: an appeal that upholds the applicant reopens the application for a (further) review,
    # which is an ASB Case Review carried out (s.104(10)(c)); one not upheld closes it.
    Status.APPEALED: frozenset({Status.CLOSED, Status.THRESHOLD_MET}),
    Status.CLOSED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}


def can_transition(current: Status, *, to: Status) -> bool:
    return to in TRANSITIONS[current]


class AppealResult(StrEnum):
    """The appeal body's outcome (stored values of ``models.AppealOutcome``)."""

    UPHELD = "upheld"
    PARTLY_UPHELD = "partly_upheld"
    NOT_UPHELD = "not_upheld"


def status_after_appeal(outcome: AppealResult | str) -> Status:
    """Sch 4 para 3: the procedures deal with the applicant's dissatisfaction. An appeal upheld in
    whole or part — about the threshold decision, the review or its action plan — sends the
    application back to the partnership to hold a review; one not upheld closes the application."""
    if AppealResult(outcome) is AppealResult.NOT_UPHELD:
        return Status.CLOSED
    return Status.THRESHOLD_MET


# ---------------------------------------------------------------------------------------------------
# Reporting years and the statutory publication (s.104(10))
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class ReportingYear:
    """A reporting year, 1 April to 31 March, labelled like the plans do: "2019/20"."""

    start_year: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.start_year, 4, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.start_year + 1, 3, 31)

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    @property
    def slug(self) -> str:
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def months(self) -> list[dt.date]:
        """First day of each month in the year, April first."""
        return [dt.date(self.start_year + (m < 4), m, 1) for m in (*range(4, 13), *range(1, 4))]

    @classmethod
    def containing(cls, day: dt.date) -> ReportingYear:
        return cls(day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def parse(cls, text: str) -> ReportingYear:
        """Accept "2019/20", "2019-20" or "2019"; raise ValueError otherwise."""
        cleaned = text.strip().replace("-", "/")
        head, _, tail = cleaned.partition("/")
        if not head.isdigit() or len(head) != 4:
            raise ValueError("Enter a reporting year like 2019/20")
        year = cls(int(head))
        if tail and tail != year.label.split("/")[1]:
            raise ValueError("Enter a reporting year like 2019/20: the second year follows the first")
        return year


# ---------------------------------------------------------------------------------------------------
# Complaints the applicant named that are not linked (s.104(6): the relevant bodies' complaints count)
# ---------------------------------------------------------------------------------------------------

# Words an applicant uses for a kind of relevant body ("rang 101", "told my landlord", "my GP").
BODY_KIND_WORDS: dict[str, tuple[str, ...]] = {
    "police": ("police", "101", "pcso", "officer", "constable"),
    "housing_provider": ("housing", "landlord", "housing association", "housing officer"),
    "health": ("nhs", "gp", "doctor", "hospital", "health", "a&e"),
    "district_council": ("council", "environmental health"),
    "county_council": ("county council",),
    "fire_and_rescue": ("fire",),
}


@dataclass(frozen=True)
class NamedBody:
    """A relevant body as the applicant might name it."""

    key: str
    name: str
    short_name: str
    kind: str


def _mentions(text: str, phrase: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(phrase.lower())}(?![\w])", text) is not None


def bodies_named_not_linked(
    reports_described: str, bodies: Iterable[NamedBody], linked_keys: Iterable[str]
) -> list[NamedBody]:
    """The relevant bodies the applicant says they reported to that have no linked complaint.

    s.104(6) counts complaints made to any relevant body, so a decision taken without a body the
    applicant named may be wrong. A body counts as named when the applicant's account mentions its
    name, its short name or a word for its kind ("101", "landlord", "GP"); a warning, not a rule.
    """
    text = reports_described.lower()
    linked = set(linked_keys)
    named = []
    for body in bodies:
        if body.key in linked:
            continue
        # "Amber Valley Homes (social housing provider)" is named as "Amber Valley Homes"
        plain_name = body.name.split(" (")[0]
        phrases = [body.name, plain_name, body.short_name, *BODY_KIND_WORDS.get(body.kind, ())]
        if any(phrase and _mentions(text, phrase) for phrase in phrases):
            named.append(body)
    return named


# s.104 and Sch 4 came into force on 20 October 2014 (SI 2014/2590): the first reporting year with
# Case Review figures is 2014/15, which it falls in.
CASE_REVIEW_IN_FORCE = dt.date(2014, 10, 20)
FIRST_REPORTING_YEAR = ReportingYear.containing(CASE_REVIEW_IN_FORCE)


def reporting_year_refusal(year: ReportingYear, *, today: dt.date) -> str | None:
    """Why there can be no s.104(10) figures for ``year``, or None when there can be.

    A year that ends before the ASB Case Review came into force (20 October 2014) had no Case
    Reviews; a year that has not begun has no figures yet. The year in progress has figures to date.
    """
    if year.end < CASE_REVIEW_IN_FORCE:
        return (
            f"There are no ASB Case Review figures for {year.label}: the Case Review began on "
            f"20 October 2014, so the first reporting year is {FIRST_REPORTING_YEAR.label}."
        )
    if year.start > today:
        return f"There are no figures for {year.label} yet: the year begins on {year.start.day} {year.start:%B %Y}."
    return None


class YearStatus(StrEnum):
    """How final a year's figures are: published by a coordinator, or provisional until then."""

    PUBLISHED = "published"
    YEAR_TO_DATE = "year_to_date"  # the year in progress: provisional, and still growing
    PROVISIONAL = "provisional"  # ended, but not yet checked and published by the partnership


def year_status(year: ReportingYear, *, today: dt.date, published: bool) -> YearStatus:
    if published:
        return YearStatus.PUBLISHED
    return YearStatus.YEAR_TO_DATE if year.contains(today) else YearStatus.PROVISIONAL


def publish_refusal(year: ReportingYear, *, today: dt.date, already_published: bool) -> str | None:
    """Why a coordinator may not publish ``year``'s figures now, or None: only a year that has ended,
    once, and not one before the Case Review began (s.104(10) figures are for a whole year)."""
    refusal = reporting_year_refusal(year, today=today)
    if refusal:
        return refusal
    if already_published:
        return f"The figures for {year.label} are already published."
    if today <= year.end:
        return (
            f"The year {year.label} ends on {year.end.day} {year.end:%B %Y}: publish its figures after then. "
            "Until then they are shown as year to date (provisional)."
        )
    return None


@dataclass(frozen=True)
class ReviewFacts:
    """One ASB Case Review carried out: when, and how many recommendations it made."""

    held_on: dt.date
    recommendation_count: int


@dataclass(frozen=True)
class ApplicationFacts:
    """What the publication needs to know about one application (built from the database).

    ``not_met_decided_on`` lists the dates on which the relevant bodies decided the threshold was
    not met (s.104(10)(b) counts decisions, by decision date); when empty, a ``threshold_met`` of
    False is read as one decision on ``threshold_decided_on`` (or, failing that, ``received_on``).
    ``reviews`` lists every review carried out (an upheld appeal leads to a further one); when
    empty, ``review_held_on`` and ``recommendation_count`` describe the only one.
    """

    reference: str
    received_on: dt.date
    threshold_met: bool | None  # None: not yet decided
    review_held_on: dt.date | None
    recommendation_count: int
    threshold_decided_on: dt.date | None = None
    not_met_decided_on: tuple[dt.date, ...] = ()
    reviews: tuple[ReviewFacts, ...] = ()

    def not_met_decisions(self) -> tuple[dt.date, ...]:
        if self.not_met_decided_on:
            return self.not_met_decided_on
        if self.threshold_met is False:
            return (self.threshold_decided_on or self.received_on,)
        return ()

    def all_reviews(self) -> tuple[ReviewFacts, ...]:
        if self.reviews:
            return self.reviews
        if self.review_held_on is not None:
            return (ReviewFacts(self.review_held_on, self.recommendation_count),)
        return ()


@dataclass(frozen=True)
class Figures:
    """The four statutory figures for one area and reporting year."""

    area: str
    year: ReportingYear
    applications: int
    threshold_not_met: int
    reviews_carried_out: int
    reviews_with_recommendations: int

    def as_rows(self) -> list[tuple[str, int]]:
        return [
            ("Applications for ASB Case Reviews", self.applications),
            ("Applications that did not meet the threshold", self.threshold_not_met),
            ("ASB Case Reviews carried out", self.reviews_carried_out),
            ("ASB Case Reviews that resulted in recommendations", self.reviews_with_recommendations),
        ]


def compute_figures(facts: Iterable[ApplicationFacts], *, area: str, year: ReportingYear) -> Figures:
    """The s.104(10) figures, counted from application facts.

    (a) applications received in the year; (b) the number of times the relevant bodies decided in
    the year that the threshold was not met (by decision date, B.5); (c) reviews carried out in the
    year, each review counted (an upheld appeal leads to a further review); (d) of those reviews, how
    many made at least one recommendation. (b), (c) and (d) count by the date of the decision or
    review, so an application received in March and decided or reviewed in April counts there.
    """
    items = list(facts)
    received = [f for f in items if year.contains(f.received_on)]
    not_met = [d for f in items for d in f.not_met_decisions() if year.contains(d)]
    reviews = [rv for f in items for rv in f.all_reviews() if year.contains(rv.held_on)]
    return Figures(
        area=area,
        year=year,
        applications=len(received),
        threshold_not_met=len(not_met),
        reviews_carried_out=len(reviews),
        reviews_with_recommendations=sum(1 for rv in reviews if rv.recommendation_count > 0),
    )


_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number_in_words(n: int) -> str:
    """British English words for 0 ≤ n < 1,000,000: 0 → "zero", 121 → "one hundred and twenty-one"."""
    if not 0 <= n < 1_000_000:
        raise ValueError("number_in_words handles 0 to 999,999")
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_ONES[hundreds]} hundred" + (f" and {number_in_words(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    head = f"{number_in_words(thousands)} thousand"
    if not rest:
        return head
    return head + (" and " if rest < 100 else " ") + number_in_words(rest)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def _count_start(n: int) -> str:
    """A count opening a sentence, as the plan writes it: "No", "One", "Twelve"."""
    return "No" if n == 0 else _capital(number_in_words(n))


# The 2023 ASB Action Plan and the revised statutory guidance renamed the Community Trigger; the
# published figures use the new name from the 2023/24 reporting year.
ASB_CASE_REVIEW_NAME_FROM = 2023


def scheme_name(year: ReportingYear) -> str:
    """ "Community Trigger" up to 2022/23; "ASB Case Review" from 2023/24 (B.5)."""
    return "ASB Case Review" if year.start_year >= ASB_CASE_REVIEW_NAME_FROM else "Community Trigger"


def publication_sentences(figures: Figures) -> list[str]:
    """The four sentences in the form the Amber Valley CSP plan printed for 2019/20.

    The plan's wording (punctuation included) for 2019/20 was:
    "One Community Trigger application was received in Amber Valley during 2019/20",
    "One application was received that did not meet the threshold.",
    "No ASB Case Reviews were conducted in 2019/20",
    "No ASB Case Reviews took place which resulted in recommendations being made".
    """
    a, b, c, d = (
        figures.applications,
        figures.threshold_not_met,
        figures.reviews_carried_out,
        figures.reviews_with_recommendations,
    )
    label = figures.year.label
    return [
        f"{_count_start(a)} {scheme_name(figures.year)} {_plural(a, 'application was', 'applications were')} "
        f"received in {figures.area} during {label}",
        f"{_count_start(b)} {_plural(b, 'application was', 'applications were')} received that did not meet "
        "the threshold.",
        f"{_count_start(c)} ASB Case {_plural(c, 'Review was', 'Reviews were')} conducted in {label}",
        f"{_count_start(d)} ASB Case {_plural(d, 'Review took', 'Reviews took')} place which resulted in "
        "recommendations being made",
    ]


@dataclass(frozen=True)
class MonthRow:
    month: dt.date
    applications: int
    threshold_met: int
    threshold_not_met: int
    awaiting_decision: int
    reviews_carried_out: int
    reviews_with_recommendations: int


def monthly_breakdown(
    facts: Iterable[ApplicationFacts], *, year: ReportingYear, until: dt.date | None = None
) -> list[MonthRow]:
    """The data behind the figures: per month, applications by threshold outcome, and reviews.

    With ``until`` (today, for the year in progress) months that have not begun are left out: a
    month that has not happened has no figures, not zero.
    """
    items = list(facts)
    rows: list[MonthRow] = []
    for month in year.months():
        if until is not None and month > until:
            break

        def in_month(day: dt.date | None, month: dt.date = month) -> bool:
            return day is not None and (day.year, day.month) == (month.year, month.month)

        received = [f for f in items if in_month(f.received_on)]
        reviews = [rv for f in items for rv in f.all_reviews() if in_month(rv.held_on)]
        rows.append(
            MonthRow(
                month=month,
                applications=len(received),
                threshold_met=sum(1 for f in received if f.threshold_met is True),
                threshold_not_met=sum(1 for f in items for d in f.not_met_decisions() if in_month(d)),
                awaiting_decision=sum(1 for f in received if f.threshold_met is None),
                reviews_carried_out=len(reviews),
                reviews_with_recommendations=sum(1 for rv in reviews if rv.recommendation_count > 0),
            )
        )
    return rows


def second_report_within_six_months(report_dates: Sequence[dt.date], *, new_report_on: dt.date) -> bool:
    """True when ``new_report_on`` is a victim's second (or later) report within six months.

    2025 statutory guidance: explain the Case Review to every victim who makes a second report of ASB
    within six months, whether or not the threshold is met. ``report_dates`` are the victim's other
    reports (the new one excluded).
    """
    earliest = earliest_qualifying_complaint_date(new_report_on)
    return any(earliest <= day <= new_report_on for day in report_dates)


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
    if behaviour_last_on is None or behaviour_last_on > applied_on:
        return []
    oldest = latest_behaviour_allowed_before(applied_on)
    if behaviour_last_on >= oldest:
        return []
    return [
        f"The most recent incident was before {_fmt(oldest)}. Complaints count towards the threshold when "
        "they were made within a month of the behaviour and in the six months before the application, so "
        "the threshold may not be met. The application is still received and decided, and the partnership "
        "may still decide to hold a review."
    ]


# ---------------------------------------------------------------------------------------------------
# Consultation on the procedures (Sch 4)
# ---------------------------------------------------------------------------------------------------


def procedure_consultation_problems(
    *,
    pcc_consulted_on: dt.date | None,
    housing_consulted_on: dt.date | None,
    effective_from: dt.date,
    today: dt.date,
) -> list[Problem]:
    """Sch 4 (B.5): in making and revising the review procedures the relevant bodies consult the
    local policing body (the PCC) and the providers of social housing they think appropriate. A new
    threshold rule version records when each was consulted: on or before the day it takes effect,
    and not in the future."""
    problems = []
    for name, when, who, was in (
        ("pcc_consulted_on", pcc_consulted_on, "the police and crime commissioner", "was"),
        ("housing_consulted_on", housing_consulted_on, "the housing providers", "were"),
    ):
        if when is None:
            problems.append(Problem(name, f"Enter the date {who} {was} consulted on the change (Sch 4)"))
        elif when > today:
            problems.append(Problem(name, f"The date {who} {was} consulted must be today or in the past"))
        elif when > effective_from:
            problems.append(
                Problem(name, f"Consult {who} before the rules take effect on {_fmt(effective_from)}")
            )
    return problems


# ---------------------------------------------------------------------------------------------------
# Relevant bodies (s.105, Sch 4 para 5)
# ---------------------------------------------------------------------------------------------------

# Agency types (``agencies.AgencyType`` values) and the s.105 relevant body each can be.
RELEVANT_BODY_KINDS: dict[str, tuple[str, ...]] = {
    "council": ("district_council",),  # the district council, or the unitary authority
    "police": ("police",),  # the chief officer of police
    "health": ("health",),  # each integrated care board for the area
}
RELEVANT_BODY_LABELS = {
    "council": "the district or unitary council",
    "police": "the police",
    "health": "the integrated care board (health)",
}


def relevant_body_problems(agency_types: Iterable[str]) -> list[str]:
    """s.105(1): the relevant bodies in an area are the council, the chief officer of police and each
    integrated care board (plus any housing provider co-opted). An area whose relevant bodies leave
    one out cannot pass applications to all of them (s.104(3))."""
    present = set(agency_types)
    return [
        f"The relevant bodies must include {RELEVANT_BODY_LABELS[kind]} (s.105)"
        for kind, types in RELEVANT_BODY_KINDS.items()
        if not present.intersection(types)
    ]


def pass_on_problems(*, agreement_in_force: bool, bodies_not_party: Iterable[str]) -> list[str]:
    """s.104(3)(b): every application is passed to all the relevant bodies. Why that cannot happen
    now (no sharing agreement in force, or relevant bodies not party to it): each reason becomes a
    task and an audit entry, so the duty never silently fails (B.4)."""
    problems = []
    if not agreement_in_force:
        problems.append(
            "The area's information sharing agreement is missing or not in force: pass the application "
            "to the relevant bodies another way, and renew the agreement"
        )
    missing = sorted(set(bodies_not_party))
    if missing:
        problems.append(
            "These relevant bodies are not party to the information sharing agreement: " + ", ".join(missing)
        )
    return problems
