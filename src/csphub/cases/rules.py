"""Pure domain rules for ASB casework: tables and functions, no database, no Django.

Everything here takes plain values and returns plain values so that it can be unit-tested
(and property-tested) without a database. Services call these rules and turn a violation into an
``ApplicationError``; views never re-implement them.

Contents
- case status workflow as a transition table (``TRANSITIONS``, ``can_transition``,
  ``transition_problems``);
- repeat-victim rule (``RepeatVictimRule``, ``is_repeat_victim``);
- related-record matching (``RelatedRecordRule``, ``related_match_reasons``);
- incident date validation (``incident_date_problems``);
- evidence upload limits by extension AND magic bytes (``UploadPolicy``, ``upload_problems``).

Each configurable rule carries a ``version`` string that decisions store, so that a flag raised
under "3 in 3 months" can be told apart from one raised after the partnership changed it.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

# ``months_before`` (the same wall-clock time N calendar months earlier, clamped) lives in core.calendar.
from csphub.core.calendar import months_before as months_before  # re-exported for selectors

# --------------------------------------------------------------------------------------------
# Case status workflow
# --------------------------------------------------------------------------------------------


class CaseStatus(enum.StrEnum):
    OPEN = "open"
    INVESTIGATING = "investigating"
    ACTION = "action"
    MONITORING = "monitoring"
    CLOSED = "closed"


CASE_STATUS_LABELS: Mapping[CaseStatus, str] = {
    CaseStatus.OPEN: "Open",
    CaseStatus.INVESTIGATING: "Investigating",
    CaseStatus.ACTION: "Action",
    CaseStatus.MONITORING: "Monitoring",
    CaseStatus.CLOSED: "Closed",
}


class CaseOutcome(enum.StrEnum):
    """Closure outcomes. Kept short and reportable (they feed the next Strategic Assessment)."""

    RESOLVED = "resolved"
    RESOLVED_WITH_ENFORCEMENT = "resolved_with_enforcement"
    PARTIALLY_RESOLVED = "partially_resolved"
    NOT_RESOLVED = "not_resolved"
    NO_FURTHER_ACTION = "no_further_action"
    REFERRED_ELSEWHERE = "referred_elsewhere"
    VICTIM_WITHDREW = "victim_withdrew"


CASE_OUTCOME_LABELS: Mapping[CaseOutcome, str] = {
    CaseOutcome.RESOLVED: "Resolved",
    CaseOutcome.RESOLVED_WITH_ENFORCEMENT: "Resolved with enforcement action",
    CaseOutcome.PARTIALLY_RESOLVED: "Partially resolved",
    CaseOutcome.NOT_RESOLVED: "Not resolved",
    CaseOutcome.NO_FURTHER_ACTION: "No further action possible",
    CaseOutcome.REFERRED_ELSEWHERE: "Referred to another agency or process",
    CaseOutcome.VICTIM_WITHDREW: "Victim withdrew or no longer engaging",
}


@dataclass(frozen=True)
class TransitionRule:
    """What a move from one status to another needs from the person making it."""

    reason_required: bool = False
    outcome_required: bool = False
    label: str = ""


_S = CaseStatus
# The workflow as data. Any pair not in this table is forbidden (deny by default).
# Forward moves may skip steps (a case can go straight to action); backward moves between open
# statuses are allowed with a reason so the chronology explains them; closing needs reason and
# outcome from any open status; the only way out of CLOSED is a reopen to OPEN with a reason.
TRANSITIONS: Mapping[tuple[CaseStatus, CaseStatus], TransitionRule] = {
    (_S.OPEN, _S.INVESTIGATING): TransitionRule(label="Start investigating"),
    (_S.OPEN, _S.ACTION): TransitionRule(label="Move to action"),
    (_S.OPEN, _S.MONITORING): TransitionRule(reason_required=True, label="Move to monitoring"),
    (_S.INVESTIGATING, _S.ACTION): TransitionRule(label="Move to action"),
    (_S.INVESTIGATING, _S.MONITORING): TransitionRule(label="Move to monitoring"),
    (_S.INVESTIGATING, _S.OPEN): TransitionRule(reason_required=True, label="Return to open"),
    (_S.ACTION, _S.MONITORING): TransitionRule(label="Move to monitoring"),
    (_S.ACTION, _S.INVESTIGATING): TransitionRule(reason_required=True, label="Return to investigating"),
    (_S.MONITORING, _S.ACTION): TransitionRule(reason_required=True, label="Return to action"),
    (_S.MONITORING, _S.INVESTIGATING): TransitionRule(reason_required=True, label="Return to investigating"),
    (_S.OPEN, _S.CLOSED): TransitionRule(reason_required=True, outcome_required=True, label="Close case"),
    (_S.INVESTIGATING, _S.CLOSED): TransitionRule(
        reason_required=True, outcome_required=True, label="Close case"
    ),
    (_S.ACTION, _S.CLOSED): TransitionRule(reason_required=True, outcome_required=True, label="Close case"),
    (_S.MONITORING, _S.CLOSED): TransitionRule(
        reason_required=True, outcome_required=True, label="Close case"
    ),
    (_S.CLOSED, _S.OPEN): TransitionRule(reason_required=True, label="Reopen case"),
}

OPEN_STATUSES: frozenset[CaseStatus] = frozenset(s for s in CaseStatus if s is not CaseStatus.CLOSED)


def can_transition(from_status: str, to: str) -> bool:
    """True when the table allows ``from_status`` → ``to`` (before asking for reasons)."""
    try:
        key = (CaseStatus(from_status), CaseStatus(to))
    except ValueError:
        return False
    return key in TRANSITIONS


def allowed_transitions(from_status: str) -> list[tuple[CaseStatus, TransitionRule]]:
    """The moves offered from ``from_status``, in workflow order."""
    order = list(CaseStatus)
    moves = [(to, rule) for (frm, to), rule in TRANSITIONS.items() if frm == from_status]
    return sorted(moves, key=lambda m: order.index(m[0]))


@dataclass(frozen=True)
class Problem:
    """A rule violation phrased as a GOV.UK error message, tied to the field to fix."""

    field: str
    message: str


def transition_problems(from_status: str, to: str, *, reason: str = "", outcome: str = "") -> list[Problem]:
    """Every reason the move cannot be made as given; empty means it may go ahead."""
    if not can_transition(from_status, to):
        return [Problem("to_status", f"A case cannot move from {from_status} to {to}")]
    rule = TRANSITIONS[(CaseStatus(from_status), CaseStatus(to))]
    problems: list[Problem] = []
    if rule.reason_required and not reason.strip():
        if to == CaseStatus.CLOSED:
            problems.append(Problem("reason", "Enter the reason for closing the case"))
        elif from_status == CaseStatus.CLOSED:
            problems.append(Problem("reason", "Enter the reason for reopening the case"))
        else:
            problems.append(Problem("reason", "Enter the reason for changing the status"))
    if rule.outcome_required:
        if not outcome:
            problems.append(Problem("outcome", "Select the outcome of the case"))
        elif outcome not in {o.value for o in CaseOutcome}:
            problems.append(Problem("outcome", "Select an outcome from the list"))
    return problems


# --------------------------------------------------------------------------------------------
# Telling the victim the case has closed (ASB statutory guidance 2025; review finding D.3)
# --------------------------------------------------------------------------------------------

VICTIM_TOLD_HOW: dict[str, str] = {
    "phone": "By phone",
    "letter": "By letter",
    "email": "By email",
    "in_person": "In person",
}


def victim_told_problems(
    *, told_on: dt.date | None, how: str, opened_on: dt.date, today: dt.date
) -> list[Problem]:
    """The 2025 statutory guidance: the victim is told when and why their case is closed. The
    telling is recorded with its date (not before the case was opened, not in the future) and how."""
    problems = []
    if told_on is None:
        problems.append(Problem("victim_told_on", "Enter the date the victim was told"))
    elif told_on < opened_on:
        problems.append(
            Problem("victim_told_on", "The victim cannot have been told before the case was opened")
        )
    elif told_on > today:
        problems.append(
            Problem("victim_told_on", "The date the victim was told must be today or in the past")
        )
    if how not in VICTIM_TOLD_HOW:
        problems.append(Problem("victim_told_how", "Select how the victim was told"))
    return problems


# --------------------------------------------------------------------------------------------
# Repeat victim
# --------------------------------------------------------------------------------------------


class Similarity(enum.StrEnum):
    """What makes two incidents "similar" for the repeat-victim count."""

    ANY = "any"  # every ASB incident counts
    SAME_ASB_TYPE = "same_asb_type"  # personal / nuisance / environmental
    SAME_CATEGORY = "same_category"  # the local category (e.g. "noise", "harassment")


@dataclass(frozen=True)
class RepeatVictimRule:
    """A person is a repeat victim after ``threshold`` similar incidents within ``period_months``.

    The default (3 in 3 months, similar = same ASB type) is the common police-training construct
    [LOCAL]; every partnership can change it, and ``version`` is stored with each flag.
    """

    threshold: int = 3
    period_months: int = 3
    similarity: Similarity = Similarity.SAME_ASB_TYPE
    version: str = "repeat-victim/2026-01 (3 in 3 months, same ASB type)"

    def __post_init__(self) -> None:
        if self.threshold < 2:
            raise ValueError("threshold must be at least 2 incidents")
        if self.period_months < 1:
            raise ValueError("period_months must be at least 1")


@dataclass(frozen=True)
class IncidentFact:
    """The few facts about an incident that the repeat and related rules need."""

    occurred_at: dt.datetime
    asb_type: str = ""
    category: str = ""
    reference: str = ""


@dataclass(frozen=True)
class RepeatDecision:
    is_repeat: bool
    count: int
    window_start: dt.datetime
    matching: tuple[str, ...]
    rule_version: str


def _similar_key(fact: IncidentFact, similarity: Similarity) -> str:
    if similarity is Similarity.SAME_ASB_TYPE:
        return fact.asb_type
    if similarity is Similarity.SAME_CATEGORY:
        return fact.category
    return ""


def is_repeat_victim(
    incidents: Iterable[IncidentFact], *, as_of: dt.datetime, rule: RepeatVictimRule = RepeatVictimRule()
) -> RepeatDecision:
    """Decide whether a victim is a repeat victim on ``as_of``.

    Counts the victim's incidents with ``occurred_at`` in ``[as_of - period_months, as_of]`` and
    groups them by the rule's similarity key; the flag is raised if any group reaches the
    threshold. Incidents after ``as_of`` are ignored (a decision is about what was known then).
    """
    window_start = months_before(as_of, rule.period_months)
    groups: dict[str, list[IncidentFact]] = {}
    for fact in incidents:
        if window_start <= fact.occurred_at <= as_of:
            groups.setdefault(_similar_key(fact, rule.similarity), []).append(fact)
    best: list[IncidentFact] = max(groups.values(), key=len, default=[])
    return RepeatDecision(
        is_repeat=len(best) >= rule.threshold,
        count=len(best),
        window_start=window_start,
        matching=tuple(f.reference for f in sorted(best, key=lambda f: f.occurred_at)),
        rule_version=rule.version,
    )


# --------------------------------------------------------------------------------------------
# Related records
# --------------------------------------------------------------------------------------------


class MatchReason(enum.StrEnum):
    SAME_VICTIM = "same_victim"
    SAME_ADDRESS = "same_address"
    SAME_ALLEGED_PERPETRATOR = "same_alleged_perpetrator"


MATCH_REASON_LABELS: Mapping[MatchReason, str] = {
    MatchReason.SAME_VICTIM: "Same victim",
    MatchReason.SAME_ADDRESS: "Same address",
    MatchReason.SAME_ALLEGED_PERPETRATOR: "Same alleged perpetrator",
}


@dataclass(frozen=True)
class RelatedRecordRule:
    """Records are possibly related when they share a victim, address or alleged perpetrator and
    happened within ``period_days`` of each other (either side)."""

    period_days: int = 365
    version: str = "related/2026-01 (365 days)"

    def __post_init__(self) -> None:
        if self.period_days < 1:
            raise ValueError("period_days must be at least 1")


@dataclass(frozen=True)
class RecordKeys:
    """Identity keys of a record (incident or case) used to find related records.

    ``address_keys`` holds address ids and/or UPRNs as strings ("a:12", "u:100030...") so that
    the same place recorded by two agencies as two Address rows still matches on UPRN.
    """

    when: dt.datetime
    victim_ids: frozenset[int] = frozenset()
    perpetrator_ids: frozenset[int] = frozenset()
    address_keys: frozenset[str] = frozenset()


def related_match_reasons(
    new: RecordKeys, candidate: RecordKeys, *, rule: RelatedRecordRule = RelatedRecordRule()
) -> frozenset[MatchReason]:
    """Why ``candidate`` may be related to ``new``; empty when it is not (or is out of period)."""
    if abs(new.when - candidate.when) > dt.timedelta(days=rule.period_days):
        return frozenset()
    reasons: set[MatchReason] = set()
    if new.victim_ids & candidate.victim_ids:
        reasons.add(MatchReason.SAME_VICTIM)
    if new.perpetrator_ids & candidate.perpetrator_ids:
        reasons.add(MatchReason.SAME_ALLEGED_PERPETRATOR)
    if new.address_keys & candidate.address_keys:
        reasons.add(MatchReason.SAME_ADDRESS)
    return frozenset(reasons)


def address_keys(*, address_id: int | None = None, uprn: str | None = None) -> frozenset[str]:
    keys = set()
    if address_id is not None:
        keys.add(f"a:{address_id}")
    if uprn:
        keys.add(f"u:{uprn.strip()}")
    return frozenset(keys)


# --------------------------------------------------------------------------------------------
# Incident dates
# --------------------------------------------------------------------------------------------

# Clocks on partner laptops drift; allow a few minutes before calling a time "in the future".
FUTURE_TOLERANCE = dt.timedelta(minutes=5)


def incident_date_problems(
    *,
    occurred_at: dt.datetime | None,
    reported_at: dt.datetime | None,
    now: dt.datetime,
    earliest: dt.datetime | None = None,
) -> list[Problem]:
    """GOV.UK-style problems with an incident's dates; empty means they are valid.

    Rules: both are required; neither may be in the future; an incident cannot be reported before
    it happened; optionally neither may precede ``earliest`` (guards typos like year 0202).
    """
    problems: list[Problem] = []
    if occurred_at is None:
        problems.append(Problem("occurred_at", "Enter the date and time the incident happened"))
    if reported_at is None:
        problems.append(Problem("reported_at", "Enter the date and time the incident was reported"))
    limit = now + FUTURE_TOLERANCE
    if occurred_at is not None and occurred_at > limit:
        problems.append(Problem("occurred_at", "The date the incident happened must be today or in the past"))
    if reported_at is not None and reported_at > limit:
        problems.append(
            Problem("reported_at", "The date the incident was reported must be today or in the past")
        )
    if earliest is not None:
        if occurred_at is not None and occurred_at < earliest:
            problems.append(
                Problem("occurred_at", f"The date the incident happened must be after {earliest:%Y}")
            )
        if reported_at is not None and reported_at < earliest:
            problems.append(
                Problem("reported_at", f"The date the incident was reported must be after {earliest:%Y}")
            )
    if occurred_at is not None and reported_at is not None and reported_at < occurred_at:
        problems.append(
            Problem(
                "reported_at",
                "The date the incident was reported must be the same as or after the date it happened",
            )
        )
    return problems


# --------------------------------------------------------------------------------------------
# Evidence uploads
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileType:
    """An allowed evidence type: its extensions and the byte signatures its content must start with.

    ``offset`` lets a signature sit after a length field (MP4's ``ftyp`` at byte 4).
    ``text`` types have no signature: their first bytes must decode as UTF-8 without NUL bytes.
    """

    label: str
    extensions: frozenset[str]
    signatures: tuple[tuple[int, bytes], ...] = ()
    text: bool = False
    content_type: str = "application/octet-stream"


_ZIP = ((0, b"PK\x03\x04"),)

DEFAULT_FILE_TYPES: tuple[FileType, ...] = (
    FileType("PDF", frozenset({".pdf"}), ((0, b"%PDF-"),), content_type="application/pdf"),
    FileType("JPEG image", frozenset({".jpg", ".jpeg"}), ((0, b"\xff\xd8\xff"),), content_type="image/jpeg"),
    FileType("PNG image", frozenset({".png"}), ((0, b"\x89PNG\r\n\x1a\n"),), content_type="image/png"),
    FileType(
        "Word document",
        frozenset({".docx"}),
        _ZIP,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    FileType(
        "Excel spreadsheet",
        frozenset({".xlsx"}),
        _ZIP,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    FileType(
        "OpenDocument text", frozenset({".odt"}), _ZIP, content_type="application/vnd.oasis.opendocument.text"
    ),
    FileType(
        "MP3 audio",
        frozenset({".mp3"}),
        ((0, b"ID3"), (0, b"\xff\xfb"), (0, b"\xff\xf3")),
        content_type="audio/mpeg",
    ),
    FileType("WAV audio", frozenset({".wav"}), ((0, b"RIFF"),), content_type="audio/wav"),
    FileType("MP4 video or audio", frozenset({".mp4", ".m4a"}), ((4, b"ftyp"),), content_type="video/mp4"),
    FileType("Text file", frozenset({".txt"}), text=True, content_type="text/plain"),
    FileType("CSV file", frozenset({".csv"}), text=True, content_type="text/csv"),
)


@dataclass(frozen=True)
class UploadPolicy:
    max_bytes: int = 20 * 1024 * 1024
    file_types: tuple[FileType, ...] = DEFAULT_FILE_TYPES
    # bytes the caller must pass as ``head`` for signature checks
    head_bytes: int = 512

    def type_for_extension(self, extension: str) -> FileType | None:
        ext = extension.lower()
        return next((t for t in self.file_types if ext in t.extensions), None)

    def allowed_extensions(self) -> list[str]:
        return sorted({e for t in self.file_types for e in t.extensions})


def _extension(filename: str) -> str:
    name = filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    if "." not in name.strip("."):
        return ""
    return "." + name.rsplit(".", 1)[-1].lower()


def _human_size(n_bytes: int) -> str:
    if n_bytes >= 1024 * 1024:
        return f"{n_bytes / (1024 * 1024):g}MB"
    if n_bytes >= 1024:
        return f"{n_bytes / 1024:g}KB"
    return f"{n_bytes} bytes"


def _matches_signature(file_type: FileType, head: bytes) -> bool:
    if file_type.text:
        if b"\x00" in head:
            return False
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            # A multi-byte character may be cut at the end of the sample; anything earlier is binary.
            return exc.start >= len(head) - 3
        return True
    return any(head[offset : offset + len(sig)] == sig for offset, sig in file_type.signatures)


def detect_file_type(filename: str, head: bytes, *, policy: UploadPolicy = UploadPolicy()) -> FileType | None:
    """The allowed type whose extension AND signature match, else None."""
    file_type = policy.type_for_extension(_extension(filename))
    if file_type is None or not _matches_signature(file_type, head):
        return None
    return file_type


def upload_problems(
    *, filename: str, size_bytes: int, head: bytes, policy: UploadPolicy = UploadPolicy()
) -> list[Problem]:
    """GOV.UK-style problems with an evidence upload; empty means it may be stored.

    The extension must be on the allowed list AND the content must start with that type's
    signature: a renamed executable (``photo.jpg`` starting ``MZ``) is refused.
    """
    problems: list[Problem] = []
    if size_bytes <= 0:
        problems.append(Problem("file", "The selected file is empty"))
    elif size_bytes > policy.max_bytes:
        problems.append(
            Problem("file", f"The selected file must be smaller than {_human_size(policy.max_bytes)}")
        )
    ext = _extension(filename)
    file_type = policy.type_for_extension(ext)
    allowed = ", ".join(e.lstrip(".").upper() for e in policy.allowed_extensions())
    if file_type is None:
        problems.append(Problem("file", f"The selected file must be a {allowed}"))
    elif size_bytes > 0 and not _matches_signature(file_type, head):
        problems.append(
            Problem(
                "file", f"The selected file is not a real {file_type.label}: its contents do not match {ext}"
            )
        )
    return problems


def messages_for(problems: Sequence[Problem], field_name: str) -> list[str]:
    """Messages for one field, in order (helper for forms)."""
    return [p.message for p in problems if p.field == field_name]


# ---------------------------------------------------------------------------------------------------
# Addresses in text a partner will read (the panel summary)
# ---------------------------------------------------------------------------------------------------

# A UK postcode ("DE5 3BT", "de53bt"), a flat or house number ("Flat 2"), or a number and street.
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
_FLAT = re.compile(r"\b(?:flat|apartment|apt|unit|maisonette)\s+\d+[a-z]?\b", re.IGNORECASE)
_STREET = re.compile(
    r"\b\d+[a-z]?,?\s+(?:[a-z'-]+\s+){0,3}(?:street|road|lane|avenue|close|place|drive|court|way|"
    r"crescent|grove|terrace|gardens|walk|row|square|mews|hill|green|rise|view)\b",
    re.IGNORECASE,
)


def address_in_text(text: str, known_addresses: Iterable[str] = ()) -> str | None:
    """The first part of ``text`` that is, or looks like, an address; None when there is none.

    A case summary is shared with panel partners, and the panel's information sharing agreement keeps
    addresses with the owning agency: a postcode, a flat number, a house number and street, or a line
    of an address recorded for the case's incidents or people is one (a town alone is not).
    """
    for pattern in (_POSTCODE, _FLAT, _STREET):
        found = pattern.search(text)
        if found:
            return found.group(0).strip()
    lowered = " ".join(text.lower().split())
    for address in known_addresses:
        for part in re.split(r"[,\n]", address):
            fragment = " ".join(part.lower().split())
            words = fragment.split()
            if len(fragment) < 4 or not (len(words) >= 2 or any(c.isdigit() for c in fragment)):
                continue
            if re.search(rf"(?<!\w){re.escape(fragment)}(?!\w)", lowered):
                return part.strip()
    return None


# --------------------------------------------------------------------------------------------
# Keeping the victim updated (ASB statutory guidance for frontline professionals, 2025 revision:
# the victim's single point of contact keeps them updated as agreed with them, and consults them
# on the action plan before it is finalised). No period is set nationally: the victim and the
# single point of contact agree it, between a day and three months.
# --------------------------------------------------------------------------------------------

VICTIM_UPDATE_MIN_DAYS = 1
VICTIM_UPDATE_MAX_DAYS = 90


def victim_update_due(*, agreed_on: dt.date, last_update_on: dt.date | None, every_days: int) -> dt.date:
    """The day the next update is due: ``every_days`` after the last update, or after the day the
    schedule was agreed when no update has been given yet (or the last one predates the agreement)."""
    start = max(agreed_on, last_update_on) if last_update_on else agreed_on
    return start + dt.timedelta(days=every_days)


def victim_update_overdue(*, due_on: dt.date, today: dt.date) -> bool:
    """Overdue from the day after it was due: an update given on the due day is on time."""
    return today > due_on


def victim_schedule_problems(
    *, every_days: int | None, agreed_on: dt.date | None, today: dt.date
) -> list[Problem]:
    problems = []
    if every_days is None or not VICTIM_UPDATE_MIN_DAYS <= every_days <= VICTIM_UPDATE_MAX_DAYS:
        problems.append(
            Problem(
                "update_every_days",
                f"Enter how often to update the victim, from {VICTIM_UPDATE_MIN_DAYS} to "
                f"{VICTIM_UPDATE_MAX_DAYS} days",
            )
        )
    if agreed_on is None:
        problems.append(Problem("agreed_on", "Enter the date the schedule was agreed with the victim"))
    elif agreed_on > today:
        problems.append(Problem("agreed_on", "The date agreed must be today or in the past"))
    return problems
