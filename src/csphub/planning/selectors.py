"""Reading priority-setting records: aggregate data for the roles that set priorities."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from csphub.agencies.policies import Capability, has_capability
from csphub.analytics import morile
from csphub.core.actor import ActorOrUser, acting_user, as_actor
from csphub.planning.models import PriorityAdoption, ScoreSheet, ScoringFramework, ScoringSession, Theme


def may_view(user: Any) -> bool:
    return has_capability(user, Capability.VIEW_PRIORITIES)


def may_score(user: Any) -> bool:
    return has_capability(user, Capability.SCORE_PRIORITIES)


def may_adopt(user: Any) -> bool:
    return has_capability(user, Capability.ADOPT_PRIORITIES)


def frameworks_visible_to(user: Any) -> QuerySet[ScoringFramework]:
    if not may_view(user):
        return ScoringFramework.objects.none()
    return ScoringFramework.objects.all()


def framework_get(user: Any, pk: int) -> ScoringFramework:
    try:
        return frameworks_visible_to(user).get(pk=pk)
    except ScoringFramework.DoesNotExist as exc:
        raise Http404("No such framework.") from exc


def acting_partnership(user: Any) -> Any:
    actor = as_actor(user)
    return actor.partnership if actor is not None else None


def sessions_visible_to(user: Any) -> QuerySet[ScoringSession]:
    """The sessions of the partnership the user acts in (priorities are each partnership's own)."""
    partnership = acting_partnership(user)
    if not may_view(user) or partnership is None:
        return ScoringSession.objects.none()
    return ScoringSession.objects.filter(partnership=partnership).select_related("framework")


def session_get(user: Any, pk: int) -> ScoringSession:
    try:
        return sessions_visible_to(user).get(pk=pk)
    except ScoringSession.DoesNotExist as exc:
        raise Http404("No such scoring session.") from exc


def latest_adoption(user: Any) -> PriorityAdoption | None:
    """The latest priorities adopted by the board of the partnership the user acts in (never
    another partnership's: its sessions are not visible here either)."""
    partnership = acting_partnership(user)
    if not may_view(user) or partnership is None:
        return None
    return (
        PriorityAdoption.objects.filter(session__partnership=partnership)
        .select_related("session", "adopted_by")
        .first()
    )


def assessor_name(who: ActorOrUser) -> str:
    """The name a score sheet is filed under: the assessor's (a sheet's user, or the request's actor)."""
    user = acting_user(who)
    return str(user.get_full_name() or user.get_username())


def current_sheets(session: ScoringSession) -> dict[str, dict[str, ScoreSheet]]:
    """theme -> assessor name -> that assessor's latest sheet (earlier re-scores are kept, not counted)."""
    out: dict[str, dict[str, ScoreSheet]] = {}
    sheets = session.sheets.select_related("assessor").prefetch_related("cells").order_by("scored_at", "pk")
    for sheet in sheets:
        out.setdefault(sheet.theme, {})[assessor_name(sheet.assessor)] = sheet
    return out


@dataclass(frozen=True)
class ThemeRow:
    theme: str
    label: str
    agreement: morile.ThemeAgreement
    consensus: morile.ThemeScore
    by_assessor: dict[str, morile.ThemeScore]
    sheets: tuple[tuple[str, ScoreSheet], ...] = ()  # (assessor, their counted sheet): who, when, why


@dataclass(frozen=True)
class SessionSummary:
    framework: morile.Framework
    rows: tuple[ThemeRow, ...]  # in ranking order
    ranked: tuple[morile.Ranked, ...]
    sensitivity: morile.Sensitivity
    unscored: tuple[str, ...]  # theme labels nobody has scored yet

    @property
    def top(self) -> tuple[str, ...]:
        return morile.top(self.ranked)


def session_summary(session: ScoringSession, framework: ScoringFramework | None = None) -> SessionSummary:
    """Agreement, the consensus ranking and its sensitivity, under the session's framework or another
    version (the raw levels are recomputed, never the stored scores)."""
    rules = (framework or session.framework).framework
    sheets = current_sheets(session)
    consensus_values: dict[str, dict[str, int | None]] = {}
    rows: dict[str, ThemeRow] = {}
    for theme, by_assessor in sheets.items():
        levels = {who: sheet.levels() for who, sheet in by_assessor.items()}
        agreed = morile.agreement(rules, theme, levels)
        consensus_values[theme] = agreed.consensus_values()
        rows[theme] = ThemeRow(
            theme=theme,
            label=Theme(theme).label,
            agreement=agreed,
            consensus=morile.score(rules, consensus_values[theme]),
            by_assessor={who: morile.score(rules, values) for who, values in levels.items()},
            sheets=tuple(sorted(by_assessor.items())),
        )
    ranked = morile.rank(rules, consensus_values)
    return SessionSummary(
        framework=rules,
        rows=tuple(rows[r.theme] for r in ranked),
        ranked=ranked,
        sensitivity=morile.sensitivity(rules, consensus_values),
        unscored=tuple(t.label for t in Theme if t.value not in sheets),
    )


def home_context(user: Any) -> dict[str, Any] | None:
    if not may_view(user):
        return None
    return {"adoption": latest_adoption(user), "open_sessions": sessions_visible_to(user)[:3]}
