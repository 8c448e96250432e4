"""What powers adds to other apps' pages: the case-page section, a home panel, the menu item.

Registered in :class:`csphub.powers.apps.PowersConfig.ready`; ``cases`` and ``frontend`` never
import this app.
"""

from __future__ import annotations

from typing import Any

from csphub.agencies.models import ShareScope
from csphub.agencies.policies import Action, role_allows
from csphub.cases.models import Case
from csphub.core.actor import Actor, as_actor
from csphub.powers import selectors


def case_section_context(actor: Actor, case: Case) -> dict[str, Any] | None:
    """The case's powers, for someone who sees the case in full (a summary share shows none).

    Asks the request's policy (``actor.policy``), which the case page has already asked: no query
    but the powers themselves."""
    policy = actor.policy
    if policy.share_scope(case) != ShareScope.FULL:
        return None
    return {
        "case": case,
        "powers": list(selectors.powers_for_case(actor, case)),
        "can_change": policy.can(Action.CHANGE, case) and case.is_open,
    }


def home_context(user: Any) -> dict[str, Any] | None:
    """Powers with an appeal, hearing or end date in the next fortnight (casework roles only)."""
    actor = as_actor(user)
    if actor is None or not role_allows(actor, Action.VIEW):
        return None
    # The same rows as powers_due_soon(actor, today=today())[:10], from the read the deadlines
    # panel shares (csphub.core.memo).
    return {"powers": selectors.due_soon_for_home(actor)}


def nav_visible(user: Any) -> bool:
    return role_allows(user, Action.VIEW)


def person_section_context(user: Any, person: Any) -> dict[str, Any] | None:
    """The person page's tools and powers used against this person (on cases seen in full)."""
    if not role_allows(user, Action.VIEW):
        return None
    return {
        "powers": list(selectors.power_list_visible_to(user).filter(recipient=person).order_by("-pk")[:100])
    }
