"""What the duty registers add to other apps' pages: menu items, home panels, case and person prompts.

Registered in :class:`csphub.duties.apps.DutiesConfig.ready`; ``cases``, ``people`` and ``frontend``
never import this app. Nothing here tells a user who is not entitled to it that a concern exists.
"""

from __future__ import annotations

from typing import Any

from csphub.agencies.models import ShareScope
from csphub.agencies.policies import Action
from csphub.core.actor import as_actor
from csphub.duties.models import SlaveryConcern
from csphub.duties.selectors import prevent, slavery


def slavery_nav_visible(user: Any) -> bool:
    actor = as_actor(user)
    return actor is not None and slavery.may_use_register(actor)


def slavery_home(user: Any) -> dict[str, Any] | None:
    """The notifications the user may make that are still due (casework roles only)."""
    actor = as_actor(user)
    if actor is None or not slavery.may_use_register(actor):
        return None
    due = list(slavery.concerns_due(actor)[:10])
    if not due and not slavery.is_member(actor):
        return None
    return {"due": due}


def slavery_case_section(user: Any, case: Any) -> dict[str, Any] | None:
    """The prompt on an ASB case (cuckooing and exploitation cases often raise the duty).

    It asks the database nothing: the concerns themselves are listed in the register (and on the
    person's page), so the case page stays within its query budget.
    """
    actor = as_actor(user)
    if actor is None or actor.policy.share_scope(case) != ShareScope.FULL:
        return None
    return {"case": case, "can_record": actor.policy.role_allows(Action.CREATE)}


def slavery_person_section(user: Any, person: Any) -> dict[str, Any] | None:
    actor = as_actor(user)
    if actor is None or not actor.policy.can(Action.VIEW, person):
        return None
    concerns: list[SlaveryConcern] = list(slavery.concerns_visible(actor).filter(person=person))
    return {"person": person, "concerns": concerns, "can_record": actor.policy.role_allows(Action.CREATE)}


def prevent_nav_visible(user: Any) -> bool:
    """Any casework role may make a Prevent referral; only members see the register's records."""
    actor = as_actor(user)
    return actor is not None and actor.policy.role_allows(Action.CREATE)


def prevent_home(user: Any) -> dict[str, Any] | None:
    """For members only: referrals waiting for police screening and post-exit reviews due."""
    actor = as_actor(user)
    if actor is None or not prevent.is_member(actor):
        return None
    return {
        "to_screen": list(prevent.referrals_visible(actor).filter(status="received")[:10]),
        "reviews": list(prevent.reviews_due(actor)[:10]),
    }


# --- The partnership registers (s.17, s.17A, scrutiny, Community Remedy) and the deadlines page ---


def deadlines_nav_visible(user: Any) -> bool:
    actor = as_actor(user)
    return actor is not None and actor.policy.membership is not None


def partnership_nav_visible(user: Any) -> bool:
    from csphub.duties.selectors import partnership

    actor = as_actor(user)
    return actor is not None and partnership.may_view(actor)


def deadlines_home(user: Any) -> dict[str, Any] | None:
    """The person's overdue deadlines and those due this week, on the home page."""
    import datetime as dt

    from django.utils import timezone

    from csphub.duties import deadlines

    actor = as_actor(user)
    if actor is None or actor.policy.membership is None:
        return None
    today = timezone.localdate()
    summary = deadlines.summarise(deadlines.deadlines_for(actor, today, for_reminders=True), today, days=7)
    if not summary.overdue and not summary.upcoming:
        return None
    return {"overdue": summary.overdue[:10], "upcoming": summary.upcoming[:10], "today": today, "dt": dt}


def remedy_case_section(user: Any, case: Any) -> dict[str, Any] | None:
    """The link to offer a community resolution (s.101-s.103). It asks the database nothing, so the
    case page stays within its query budget: the resolutions offered are listed on that page."""
    actor = as_actor(user)
    if actor is None or actor.policy.share_scope(case) != ShareScope.FULL:
        return None
    return {"case": case, "can_record": actor.policy.role_allows(Action.CHANGE)}
