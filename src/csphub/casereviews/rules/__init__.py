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

One module per stage: ``threshold`` (qualifying complaints, the threshold policy and engine, the
decision's explanation), ``clocks`` (the partnership's service levels in working days),
``workflow`` (the application's statuses and the appeal's result), ``applications`` (validating an
application), ``bodies`` (the relevant bodies: complaints named but not linked, consultation on the
procedures, who can be a relevant body) and ``publication`` (reporting years, the figures, the
published sentences), over ``wording`` (dates and numbers in words). Everything is re-exported
here so that ``casereviews.rules.X`` keeps working.
"""

from __future__ import annotations

from csphub.casereviews.rules.applications import (
    Problem,
    application_advice,
    application_problems,
    latest_behaviour_allowed_before,
)
from csphub.casereviews.rules.bodies import (
    BODY_KIND_WORDS,
    RELEVANT_BODY_KINDS,
    RELEVANT_BODY_LABELS,
    NamedBody,
    bodies_named_not_linked,
    pass_on_problems,
    procedure_consultation_problems,
    relevant_body_problems,
)
from csphub.casereviews.rules.clocks import (
    STAGE_LABELS,
    STAGE_STARTS,
    Clock,
    ServiceLevels,
    Stage,
    clock_for,
    due_date,
)
from csphub.casereviews.rules.publication import (
    ASB_CASE_REVIEW_NAME_FROM,
    CASE_REVIEW_IN_FORCE,
    FIRST_REPORTING_YEAR,
    ApplicationFacts,
    Figures,
    MonthRow,
    ReportingYear,
    ReviewFacts,
    YearStatus,
    compute_figures,
    monthly_breakdown,
    publication_sentences,
    publish_refusal,
    reporting_year_refusal,
    scheme_name,
    second_report_within_six_months,
    year_status,
)
from csphub.casereviews.rules.threshold import (
    APPLICATION_PERIOD_MONTHS,
    COMPLAINT_REPORTING_PERIOD_MONTHS,
    ENGINE_VERSION,
    ENGINE_VERSIONS,
    GROUND_TEXT,
    STATUTORY_POLICY,
    STATUTORY_QUALIFYING_COMPLAINTS,
    Complaint,
    ComplaintAssessment,
    Ground,
    ThresholdDecision,
    ThresholdPolicy,
    assess_threshold,
    earliest_qualifying_complaint_date,
    explanation_paragraphs,
    in_application_window,
    period_last_day,
    qualification_reasons,
    threshold_reached,
    within_period,
)
from csphub.casereviews.rules.wording import number_in_words
from csphub.casereviews.rules.workflow import (
    STATUS_LABELS,
    TRANSITIONS,
    AppealResult,
    Status,
    can_transition,
    status_after_appeal,
)

__all__ = [
    "APPLICATION_PERIOD_MONTHS",
    "ASB_CASE_REVIEW_NAME_FROM",
    "BODY_KIND_WORDS",
    "CASE_REVIEW_IN_FORCE",
    "COMPLAINT_REPORTING_PERIOD_MONTHS",
    "ENGINE_VERSION",
    "ENGINE_VERSIONS",
    "FIRST_REPORTING_YEAR",
    "GROUND_TEXT",
    "RELEVANT_BODY_KINDS",
    "RELEVANT_BODY_LABELS",
    "STAGE_LABELS",
    "STAGE_STARTS",
    "STATUS_LABELS",
    "STATUTORY_POLICY",
    "STATUTORY_QUALIFYING_COMPLAINTS",
    "TRANSITIONS",
    "AppealResult",
    "ApplicationFacts",
    "Clock",
    "Complaint",
    "ComplaintAssessment",
    "Figures",
    "Ground",
    "MonthRow",
    "NamedBody",
    "Problem",
    "ReportingYear",
    "ReviewFacts",
    "ServiceLevels",
    "Stage",
    "Status",
    "ThresholdDecision",
    "ThresholdPolicy",
    "YearStatus",
    "application_advice",
    "application_problems",
    "assess_threshold",
    "bodies_named_not_linked",
    "can_transition",
    "clock_for",
    "compute_figures",
    "due_date",
    "earliest_qualifying_complaint_date",
    "explanation_paragraphs",
    "in_application_window",
    "latest_behaviour_allowed_before",
    "monthly_breakdown",
    "number_in_words",
    "pass_on_problems",
    "period_last_day",
    "procedure_consultation_problems",
    "publication_sentences",
    "publish_refusal",
    "qualification_reasons",
    "relevant_body_problems",
    "reporting_year_refusal",
    "scheme_name",
    "second_report_within_six_months",
    "status_after_appeal",
    "threshold_reached",
    "within_period",
    "year_status",
]
