"""Pure rules for risk assessment: questionnaire scoring, bands, overrides, DASH and MARAC.

No Django. A questionnaire is plain data (questions with weights and high-risk-indicator flags,
band thresholds) identified by ``code`` and ``version``; the database keeps configured copies,
and every stored assessment keeps the version it was scored with.

Sources: domain-rules §3 and §11 rules 13-14. The ASB questionnaire wording and thresholds are
local configuration (there is no national ASB question set); the DASH list follows the SafeLives
24-question checklist and the MARAC referral criteria.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from csphub.core.calendar import add_months, months_before


class RiskRuleError(ValueError):
    """A risk rule was broken (e.g. an attempt to lower a band); ``field`` names the input."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    # Kept distinct from "no": SafeLives added it to stop unknowns reading as low risk.
    DONT_KNOW = "dont_know"


ANSWER_LABELS: dict[Answer, str] = {Answer.YES: "Yes", Answer.NO: "No", Answer.DONT_KNOW: "Don't know"}


class Band(StrEnum):
    STANDARD = "standard"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return _BAND_ORDER.index(self)

    @property
    def label(self) -> str:
        return self.value.capitalize()


_BAND_ORDER: tuple[Band, ...] = (Band.STANDARD, Band.MEDIUM, Band.HIGH)


def higher_band(a: Band, b: Band) -> Band:
    return a if a.rank >= b.rank else b


class Kind(StrEnum):
    ASB_VICTIM = "asb_victim"
    DASH = "dash"


@dataclass(frozen=True, slots=True)
class Question:
    code: str
    text: str
    weight: int = 1
    high_risk_indicator: bool = False
    help_text: str = ""


@dataclass(frozen=True, slots=True)
class QuestionnaireSpec:
    """A versioned questionnaire. Bands: total < medium_from → standard; < high_from → medium."""

    code: str
    version: int
    title: str
    kind: Kind
    effective_from: date
    medium_from: int
    high_from: int
    questions: tuple[Question, ...]
    # A "yes" to any high-risk indicator puts the computed band at least here.
    indicator_min_band: Band = Band.HIGH
    description: str = ""

    def __post_init__(self) -> None:
        codes = [q.code for q in self.questions]
        if len(set(codes)) != len(codes):
            raise RiskRuleError(f"{self.code} v{self.version}: duplicate question codes")
        if not 0 < self.medium_from <= self.high_from:
            raise RiskRuleError(f"{self.code} v{self.version}: thresholds must satisfy 0 < medium ≤ high")
        if any(q.weight < 0 for q in self.questions):
            raise RiskRuleError(f"{self.code} v{self.version}: weights must not be negative")

    @property
    def max_total(self) -> int:
        return sum(q.weight for q in self.questions)


@dataclass(frozen=True, slots=True)
class Score:
    total: int
    yes_count: int
    no_count: int
    dont_know_count: int
    unanswered: tuple[str, ...]
    indicators: tuple[str, ...]  # codes of high-risk indicators answered "yes"
    band: Band


def band_for_total(total: int, *, medium_from: int, high_from: int) -> Band:
    if total >= high_from:
        return Band.HIGH
    if total >= medium_from:
        return Band.MEDIUM
    return Band.STANDARD


def score(spec: QuestionnaireSpec, answers: Mapping[str, Answer | str]) -> Score:
    """Total of weights of "yes" answers, counts per answer, and the computed band.

    "Don't know" adds nothing to the total but is counted separately and never read as "no".
    Unknown question codes are an error, so a stale form cannot be scored against a new version.
    """
    known = {q.code for q in spec.questions}
    stray = set(answers) - known
    if stray:
        raise RiskRuleError(f"answers to questions not in {spec.code} v{spec.version}: {sorted(stray)}")
    parsed = {code: Answer(a) for code, a in answers.items()}
    total = sum(q.weight for q in spec.questions if parsed.get(q.code) is Answer.YES)
    indicators = tuple(
        q.code for q in spec.questions if q.high_risk_indicator and parsed.get(q.code) is Answer.YES
    )
    band = band_for_total(total, medium_from=spec.medium_from, high_from=spec.high_from)
    if indicators:
        band = higher_band(band, spec.indicator_min_band)
    values = list(parsed.values())
    return Score(
        total=total,
        yes_count=values.count(Answer.YES),
        no_count=values.count(Answer.NO),
        dont_know_count=values.count(Answer.DONT_KNOW),
        unanswered=tuple(q.code for q in spec.questions if q.code not in parsed),
        indicators=indicators,
        band=band,
    )


def final_band(computed: Band, *, judgement: Band | str | None, reason: str) -> Band:
    """Professional judgement may raise the band, never lower it, and raising needs a reason."""
    if judgement in (None, ""):
        return computed
    chosen = Band(judgement)
    if chosen.rank < computed.rank:
        raise RiskRuleError(
            f"Professional judgement cannot lower the band below {computed.label.lower()}",
            field="judgement_band",
        )
    if chosen.rank > computed.rank and not reason.strip():
        raise RiskRuleError("Give the reason for raising the band", field="judgement_reason")
    return chosen


def reassessment_required(
    *, case_open: bool, last_assessed_at_incident_count: int, incident_count: int
) -> bool:
    """Rule 13: a new incident on an open case requires a fresh assessment."""
    return case_open and incident_count > last_assessed_at_incident_count


# --------------------------------------------------------------------------------------------
# MARAC (SafeLives referral criteria)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MaracRules:
    version: str
    effective_from: date
    visible_high_risk_yes: int = 14
    escalation_incidents: int = 3
    escalation_window_months: int = 12
    repeat_window_months: int = 12
    dash_min_age: int = 16  # SafeLives Dash; Domestic Abuse Act 2021 s.1 (both aged 16 or over)


MARAC_RULES: tuple[MaracRules, ...] = (
    MaracRules(version="safelives-2014", effective_from=date(2014, 1, 1)),
    # Corrections after the November 2026 review (C.1-C.3): a repeat is any further DA incident
    # between the same people within 12 months of the last *referral* (identified by any agency,
    # flagged when the incident is recorded); escalation counts DA incidents for the victim; the
    # Dash is for victims aged 16 or over; high risk offers an IDVA; the repeat reason does not
    # disclose another agency's referral date. The numbers are unchanged.
    MaracRules(version="safelives-2026-11", effective_from=date(2026, 11, 26)),
)


def marac_rules_in_force(on: date, *, rule_sets: Sequence[MaracRules] = MARAC_RULES) -> MaracRules:
    candidates = [r for r in rule_sets if r.effective_from <= on]
    if not candidates:
        raise RiskRuleError(f"no MARAC rules in force on {on.isoformat()}")
    return max(candidates, key=lambda r: r.effective_from)


class MaracCriterion(StrEnum):
    VISIBLE_HIGH_RISK = "visible_high_risk"
    PROFESSIONAL_JUDGEMENT = "professional_judgement"
    POTENTIAL_ESCALATION = "potential_escalation"
    REPEAT = "repeat"


MARAC_CRITERION_LABELS: dict[MaracCriterion, str] = {
    MaracCriterion.VISIBLE_HIGH_RISK: "Visible high risk (14 or more ticks)",
    MaracCriterion.PROFESSIONAL_JUDGEMENT: "Professional judgement",
    MaracCriterion.POTENTIAL_ESCALATION: "Potential escalation",
    MaracCriterion.REPEAT: "Repeat referral (within 12 months of the last referral)",
}


@dataclass(frozen=True, slots=True)
class MaracDecision:
    refer: bool
    criteria: tuple[MaracCriterion, ...]
    incidents_in_window: int
    repeat: bool
    potential_escalation: bool
    rules_version: str
    reasons: tuple[str, ...] = field(default=())


def marac_decision(
    *,
    yes_count: int,
    on: date,
    incident_dates: Iterable[date] = (),
    last_referral_on: date | None = None,
    professional_judgement: bool = False,
    judgement_reasons: str = "",
    rules: MaracRules | None = None,
    disclose_referral_date: bool = False,
) -> MaracDecision:
    """Apply the four SafeLives MARAC criteria.

    * visible high risk: ``yes_count`` ≥ 14 ("don't know" never counts);
    * professional judgement: referral below the threshold, reasons required;
    * potential escalation: ≥ 3 DA incidents for the victim in the 12 months up to ``on``
      (``incident_dates`` are the victim's domestic abuse incidents: ``escalation_incident_dates``);
    * repeat: ``on`` (the date of the current incident) within 12 months of the last referral.

    The repeat reason names the referral date only when ``disclose_referral_date`` (the referral is
    visible to the assessing agency under the MARAC agreement, C.3); otherwise it says only that a
    referral was made in the last 12 months.
    """
    r = rules or marac_rules_in_force(on)
    if yes_count < 0:
        raise RiskRuleError("yes_count must not be negative")
    if professional_judgement and not judgement_reasons.strip():
        raise RiskRuleError("Give the reasons for referring on professional judgement", field="marac_reasons")
    window_start = months_before(on, r.escalation_window_months)
    in_window = sum(1 for d in incident_dates if window_start < d <= on)
    repeat = last_referral_on is not None and last_referral_on <= on <= add_months(
        last_referral_on, r.repeat_window_months
    )
    criteria: list[MaracCriterion] = []
    reasons: list[str] = []
    if yes_count >= r.visible_high_risk_yes:
        criteria.append(MaracCriterion.VISIBLE_HIGH_RISK)
        reasons.append(f"{yes_count} 'yes' answers (threshold {r.visible_high_risk_yes})")
    if professional_judgement:
        criteria.append(MaracCriterion.PROFESSIONAL_JUDGEMENT)
        reasons.append(judgement_reasons.strip())
    escalation = in_window >= r.escalation_incidents
    if escalation:
        criteria.append(MaracCriterion.POTENTIAL_ESCALATION)
        reasons.append(f"{in_window} incidents in {r.escalation_window_months} months")
    if repeat:
        criteria.append(MaracCriterion.REPEAT)
        if disclose_referral_date:
            reasons.append(
                f"within {r.repeat_window_months} months of the referral on {last_referral_on:%-d %B %Y}"
            )
        else:
            reasons.append(f"within {r.repeat_window_months} months of a previous MARAC referral")
    return MaracDecision(
        refer=bool(criteria),
        criteria=tuple(criteria),
        incidents_in_window=in_window,
        repeat=repeat,
        potential_escalation=escalation,
        rules_version=r.version,
        reasons=tuple(reasons),
    )


@dataclass(frozen=True, slots=True)
class MaracReferral:
    """A referral made to MARAC (by any agency): when, the meeting, and between whom."""

    referred_on: date
    victim_key: str
    perpetrator_key: str | None = None
    meeting_on: date | None = None


@dataclass(frozen=True, slots=True)
class DaIncident:
    """An incident as the MARAC rules see it."""

    on: date
    victim_key: str
    perpetrator_key: str | None = None
    is_domestic_abuse: bool = True


def _same_people(referral: MaracReferral, incident: DaIncident) -> bool:
    if referral.victim_key != incident.victim_key:
        return False
    # An unknown perpetrator on either side is treated as possibly the same person (flag to check).
    return (
        referral.perpetrator_key is None
        or incident.perpetrator_key is None
        or referral.perpetrator_key == incident.perpetrator_key
    )


def repeat_referral_for(
    incident: DaIncident, referrals: Iterable[MaracReferral], *, rules: MaracRules | None = None
) -> MaracReferral | None:
    """SafeLives "repeat MARAC": a further DA incident between the same victim and perpetrator within
    12 months of the date of the *last* referral, identified by any agency. Returns that referral,
    or None. Checked when the incident is recorded, whatever any checklist score (C.1)."""
    if not incident.is_domestic_abuse:
        return None
    r = rules or marac_rules_in_force(incident.on)
    earlier = [ref for ref in referrals if ref.referred_on <= incident.on and _same_people(ref, incident)]
    if not earlier:
        return None
    last = max(earlier, key=lambda ref: ref.referred_on)
    if incident.on <= add_months(last.referred_on, r.repeat_window_months):
        return last
    return None


def escalation_incident_dates(incidents: Iterable[DaIncident], *, victim_key: str) -> list[date]:
    """C.2: potential escalation counts domestic abuse incidents for this victim, on any case."""
    return sorted(i.on for i in incidents if i.is_domestic_abuse and i.victim_key == victim_key)


def dash_eligibility_blockers(
    *,
    victim_date_of_birth: date | None,
    on: date,
    confirmed_16_or_over: bool = False,
    rules: MaracRules | None = None,
) -> list[str]:
    """C.2: the SafeLives Dash is for victims aged 16 or over (Domestic Abuse Act 2021 s.1); a child
    under 16 goes through child protection procedures instead."""
    r = rules or marac_rules_in_force(on)
    if victim_date_of_birth is None:
        if confirmed_16_or_over:
            return []
        return [f"Record the victim's date of birth, or confirm they are {r.dash_min_age} or over"]
    years = on.year - victim_date_of_birth.year
    if (on.month, on.day) < (victim_date_of_birth.month, victim_date_of_birth.day):
        years -= 1
    if years < r.dash_min_age:
        return [
            f"The Dash checklist is for victims aged {r.dash_min_age} or over: make a child protection "
            "referral instead"
        ]
    return []


def idva_offer_required(decision: MaracDecision) -> bool:
    """C.2: a victim on the high-risk (MARAC) pathway is offered an IDVA (SafeLives guidance)."""
    return decision.refer


def safeguarding_task_needed(children_present: Answer | str | None) -> bool:
    """Children in the household ⇒ a separate safeguarding referral (MARAC does not replace it).

    "Don't know" also needs a task (to find out), so it is never read as "no".
    """
    return children_present is not None and Answer(children_present) in (Answer.YES, Answer.DONT_KNOW)


# --------------------------------------------------------------------------------------------
# Shipped questionnaires
# --------------------------------------------------------------------------------------------

ASB_VICTIM_V1 = QuestionnaireSpec(
    code="asb-victim",
    version=1,
    title="ASB victim risk assessment",
    kind=Kind.ASB_VICTIM,
    effective_from=date(2024, 4, 1),
    medium_from=10,
    high_from=20,
    description=(
        "Local question set after the Home Office 'Focus on the Victim' trials: personal, "
        "situational and incidental vulnerability. Weights and thresholds are configurable."
    ),
    questions=(
        Question("repeat", "Has this happened to you (or your household) before?", 3),
        Question(
            "targeted",
            "Do you feel you are being targeted personally, for example because of who you are?",
            3,
        ),
        Question(
            "hate",
            "Do you think it was motivated by hate (race, religion, disability, sexuality, "
            "transgender identity or another characteristic)?",
            4,
            high_risk_indicator=False,
        ),
        Question("afraid_home", "Are you afraid to stay in your home or to go out?", 3),
        Question(
            "harm_threat",
            "Have you been threatened with violence or been physically harmed?",
            5,
            high_risk_indicator=True,
        ),
        Question("health", "Is it affecting your health, physical or mental?", 3),
        Question("disability", "Do you have a disability, long-term illness or mental health condition?", 2),
        Question("isolated", "Do you live alone or have no one to support you?", 2),
        Question("carer", "Do you care for someone, or are there children in the household affected?", 2),
        Question("work_school", "Is it affecting your work, schooling or daily routine?", 1),
        Question("property", "Has your home, car or other property been damaged?", 2),
        Question(
            "self_harm",
            "Have you thought about harming yourself or taking your own life because of this?",
            5,
            high_risk_indicator=True,
        ),
        Question("retaliation", "Have you been warned not to report, or do you fear retaliation?", 3),
        Question("perp_known", "Do you know the people responsible, and do they live nearby?", 1),
    ),
)

_DASH_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("q01_injured", "Has the current incident resulted in injury?"),
    ("q02_frightened", "Are you very frightened?"),
    (
        "q03_afraid_of",
        "What are you afraid of? Is it further injury or violence, or being killed "
        "(you, your children, someone else)?",
    ),
    (
        "q04_isolated",
        "Do you feel isolated from family or friends, for example does the abuser try to stop "
        "you seeing friends, family, a doctor or others?",
    ),
    ("q05_depressed", "Are you feeling depressed or having suicidal thoughts?"),
    ("q06_separation", "Have you separated or tried to separate from the abuser within the past year?"),
    ("q07_child_contact", "Is there conflict over child contact?"),
    ("q08_stalking", "Does the abuser constantly text, call, contact, follow, stalk or harass you?"),
    ("q09_pregnant", "Are you pregnant, or have you recently had a baby (within the last 18 months)?"),
    ("q10_more_often", "Is the abuse happening more often?"),
    ("q11_worse", "Is the abuse getting worse?"),
    ("q12_control", "Does the abuser try to control everything you do, or are they excessively jealous?"),
    ("q13_weapons", "Has the abuser ever used weapons or objects to hurt you?"),
    ("q14_threat_kill", "Has the abuser ever threatened to kill you or someone else and you believed them?"),
    ("q15_strangle", "Has the abuser ever attempted to strangle, choke, suffocate or drown you?"),
    (
        "q16_sexual",
        "Does the abuser do or say things of a sexual nature that make you feel bad or that "
        "physically hurt you or someone else?",
    ),
    ("q17_other_threat", "Is there any other person who has threatened you or who you are afraid of?"),
    (
        "q18_hurt_others",
        "Do you know if the abuser has hurt anyone else (children, siblings, an elderly "
        "relative, a stranger, a previous partner)?",
    ),
    ("q19_animals", "Has the abuser ever mistreated an animal or the family pet?"),
    (
        "q20_financial",
        "Are there any financial issues, for example are you dependent on the abuser for "
        "money, or have they recently lost their job?",
    ),
    (
        "q21_substances",
        "Has the abuser had problems in the past year with drugs, alcohol or mental health "
        "leading to problems in leading a normal life?",
    ),
    ("q22_suicide", "Has the abuser ever threatened or attempted suicide?"),
    (
        "q23_breach",
        "Has the abuser ever broken bail, an injunction or a formal agreement about when they "
        "can see you or the children?",
    ),
    (
        "q24_criminal",
        "Do you know if the abuser has ever been in trouble with the police or has a criminal history?",
    ),
)

DASH_V1 = QuestionnaireSpec(
    code="dash",
    version=1,
    title="SafeLives Dash risk checklist",
    kind=Kind.DASH,
    effective_from=date(2014, 1, 1),
    # Local banding example (Plymouth): 1-9 standard, 10-13 medium, 14+ high. Each "yes" counts 1.
    # Only 14+ (visible high risk) is SafeLives; the medium band is local configuration (C.3).
    medium_from=10,
    high_from=14,
    indicator_min_band=Band.STANDARD,  # in DASH, indicators inform professional judgement only
    description=(
        "Domestic abuse, stalking and 'honour'-based violence, for victims aged 16 or over. 14 or more "
        "'yes' answers means a MARAC referral (SafeLives). The medium band (10-13) is local "
        "configuration, not SafeLives. Wording abbreviated from the SafeLives checklist."
    ),
    questions=tuple(
        Question(
            code, text, 1, high_risk_indicator=code in {"q14_threat_kill", "q15_strangle", "q08_stalking"}
        )
        for code, text in _DASH_QUESTIONS
    ),
)

SHIPPED_QUESTIONNAIRES: tuple[QuestionnaireSpec, ...] = (ASB_VICTIM_V1, DASH_V1)
