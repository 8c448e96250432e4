"""Who may manage the board's work, and the name of the partnership a user acts in."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from csphub.insights import selectors as insights
from csphub.planning.selectors import may_score


def partnership_name(user: Any) -> str:
    """The name of the partnership the user acts in (the installation's, when none is set up)."""
    partnership = insights.acting_partnership(user)
    return partnership.name if partnership is not None else str(settings.CSPHUB_PARTNERSHIP_NAME)


def may_manage(user: Any) -> bool:
    return may_score(user)
