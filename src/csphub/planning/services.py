"""Priority setting: frameworks, scoring sessions, score sheets and the board's adoption; audited."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from csphub.agencies.policies import Capability, has_capability, partnership_for_new_record
from csphub.analytics import morile
from csphub.audit.models import PlanningVerb
from csphub.audit.services import audit_record
from csphub.core.actor import as_actor
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.insights import selectors as insights_selectors
from csphub.planning.models import (
    CellScore,
    PriorityAdoption,
    ScoreSheet,
    ScoringFramework,
    ScoringSession,
    Theme,
)
from csphub.planning.rules import theme_evidence
from csphub.planning.selectors import session_summary

PRESETS_DIR = Path(__file__).resolve().parent / "frameworks"
PRESET_FILES = ("grid-4x4.json", "morile-style-template.json")


def _user(actor: Any) -> Any:
    who = as_actor(actor)
    if who is None:
        raise PermissionDeniedError("Sign in first.")
    return who.user


def _require(actor: Any, capability: Capability, message: str) -> None:
    if not has_capability(actor, capability):
        raise PermissionDeniedError(message)


def _save_framework(framework: morile.Framework, actor: Any | None) -> ScoringFramework:
    if ScoringFramework.objects.filter(name=framework.name, version=framework.version).exists():
        raise ApplicationError(
            f"{framework.name} already has a version {framework.version}. Give the new one its own version.",
            field="file",
        )
    user = _user(actor) if actor is not None else None
    return ScoringFramework.objects.create(
        name=framework.name,
        version=framework.version,
        source=framework.source,
        config=framework.to_dict(),
        created_by=user,
        modified_by=user,
    )


def presets_install() -> list[ScoringFramework]:
    """Add the shipped frameworks that are not there yet (idempotent; used by the data migration)."""
    added = []
    for name in PRESET_FILES:
        framework = morile.Framework.from_json((PRESETS_DIR / name).read_text(encoding="utf-8"))
        if not ScoringFramework.objects.filter(name=framework.name, version=framework.version).exists():
            added.append(_save_framework(framework, None))
    return added


def framework_import(*, actor: Any, text: str | bytes) -> ScoringFramework:
    """Add a new framework version from its JSON file. A version, once saved, never changes."""
    _require(actor, Capability.SCORE_PRIORITIES, "You cannot configure priority scoring.")
    try:
        framework = morile.Framework.from_json(text)
    except morile.FrameworkError as exc:
        raise ApplicationError(str(exc), field="file") from exc
    with transaction.atomic():
        saved = _save_framework(framework, actor)
        audit_record(actor=actor, verb=PlanningVerb.SCORINGFRAMEWORK_IMPORTED, target=saved)
    return saved


def _session_evidence(actor: Any, assessment: Any) -> dict[str, Any]:
    """Each theme's evidence from the adopted assessment, with its hot-spot concentration (from the
    store) and, for the themes casework records, the partnership's casework over the same period."""
    from csphub.planning import evidence as extra
    from csphub.planning.board.selectors.partner_counts import counted_partnerships
    from csphub.planning.rules import THEME_CATEGORIES

    partnerships = counted_partnerships(actor)
    out: dict[str, Any] = {}
    for theme in Theme:
        out[theme.value] = theme_evidence(
            assessment,
            theme.value,
            hot_spots=extra.hot_spot_concentration(assessment, THEME_CATEGORIES.get(theme.value, ())),
            casework=(
                extra.casework_counts(assessment, partnerships)
                if theme.value in extra.CASEWORK_THEMES
                else None
            ),
        )
    return out


def session_open(*, actor: Any, title: str, framework: ScoringFramework) -> ScoringSession:
    """Open a scoring session, with each theme's evidence from the partnership's adopted Strategic Assessment."""
    _require(actor, Capability.SCORE_PRIORITIES, "You cannot open a scoring session.")
    rules = framework.framework
    if not rules.ready:
        unfilled = ", ".join(morile.CELL_LABELS[k] for k in rules.unfilled()) or "the bands"
        raise ApplicationError(
            f"{framework} cannot be used yet: fill in {unfilled} and import it as a new version.",
            field="framework",
        )
    latest = insights_selectors.adopted_assessment(actor)  # the official one, never merely the latest
    evidence: dict[str, Any] = {}
    label = ""
    run_id = None
    if latest is not None:
        run, assessment = latest
        run_id, label = run.pk, str(run)
        evidence = _session_evidence(actor, assessment)
    user = _user(actor)
    with transaction.atomic():
        session = ScoringSession.objects.create(
            partnership=partnership_for_new_record(actor),
            title=title,
            framework=framework,
            assessment_run_id=run_id,
            assessment_label=label,
            evidence=evidence,
            created_by=user,
            modified_by=user,
        )
        audit_record(actor=actor, verb=PlanningVerb.SCORINGSESSION_OPENED, target=session)
    return session


def sheet_submit(
    *, actor: Any, session: ScoringSession, theme: str, cells: Mapping[str, Mapping[str, Any]]
) -> ScoreSheet:
    """Record one assessor's scores for one theme: every cell the framework uses, each a level on
    its scale, with its evidence and rationale. A re-score appends; the earlier sheet is kept."""
    _require(actor, Capability.SCORE_PRIORITIES, "You cannot score themes.")
    if theme not in Theme.values:
        raise ApplicationError("Choose a theme.", field="theme")
    rules = session.framework.framework
    problems = []
    for rule in rules.cells:
        entry = cells.get(rule.key) or {}
        value = entry.get("value")
        if value is None:
            problems.append(f"Score {rule.label.lower()}")
        elif rule.point(int(value)) is None:
            problems.append(f"{rule.label}: choose a level on the scale")
    if problems:
        raise ApplicationError("; ".join(problems))
    user = _user(actor)
    with transaction.atomic():
        sheet = ScoreSheet.objects.create(
            session=session,
            theme=theme,
            assessor=user,
            scored_at=timezone.now(),
            created_by=user,
            modified_by=user,
        )
        _touch(session, user)
        CellScore.objects.bulk_create(
            CellScore(
                sheet=sheet,
                cell=rule.key,
                value=int(cells[rule.key]["value"]),
                evidence=str(cells[rule.key].get("evidence") or ""),
                rationale=str(cells[rule.key].get("rationale") or ""),
                created_by=user,
                modified_by=user,
            )
            for rule in rules.cells
        )
        audit_record(actor=actor, verb=PlanningVerb.SCORESHEET_SUBMITTED, target=sheet)
    return sheet


def _touch(session: ScoringSession, user: Any) -> None:
    """Move the session's version: the ranking an adoption page showed is then known to be stale
    (core.concurrency)."""
    session.modified_by = user
    session.save(update_fields=["modified_by", "modified_at"])


def priorities_adopt(
    *,
    actor: Any,
    session: ScoringSession,
    themes: list[str],
    adopted_on: datetime.date,
    minutes_reference: str,
) -> PriorityAdoption:
    """The board adopts ``themes`` (kept in the session's ranking order) as the partnership's priorities."""
    _require(actor, Capability.ADOPT_PRIORITIES, "Only board members can adopt the partnership's priorities.")
    summary = session_summary(session)
    ranked = [r.theme for r in summary.ranked if r.score.complete]
    chosen = [theme for theme in ranked if theme in set(themes)]
    if not chosen or len(chosen) != len(set(themes)):
        raise ApplicationError("Choose one or more themes that have been scored.", field="themes")
    if adopted_on > timezone.localdate():
        raise ApplicationError(
            "The date the board adopted them must be today or in the past.", field="adopted_on"
        )
    if not minutes_reference.strip():
        raise ApplicationError("Enter the minutes reference.", field="minutes_reference")
    user = _user(actor)
    with transaction.atomic():
        _touch(session, user)
        adoption = PriorityAdoption.objects.create(
            session=session,
            themes=chosen,
            ranking=[
                {"theme": r.theme, "score": r.score.adjusted_risk, "band": r.score.band}
                for r in summary.ranked
                if r.score.complete
            ],
            adopted_by=user,
            adopted_on=adopted_on,
            minutes_reference=minutes_reference.strip(),
            created_by=user,
            modified_by=user,
        )
        audit_record(actor=actor, verb=PlanningVerb.PRIORITIES_ADOPTED, target=adoption)
    return adoption
