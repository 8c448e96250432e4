"""Signal receivers: the risk app reacts to casework without the cases app knowing about it."""

from __future__ import annotations

from typing import Any

from csphub.cases.models import Case, Incident
from csphub.core.actor import ActorOrUser


def require_reassessment(
    sender: Any, *, case: Case, incident: Incident, actor: ActorOrUser, **kwargs: Any
) -> None:
    from csphub.risk.services import reassessment_require

    reassessment_require(actor=actor, case=case, incident=incident)


def flag_repeat_marac(sender: Any, *, incident: Incident, actor: ActorOrUser, **kwargs: Any) -> None:
    from csphub.risk.services import marac_repeat_flag

    marac_repeat_flag(actor=actor, incident=incident)


def cancel_open_case_tasks(sender: Any, *, case: Case, actor: Any, **kwargs: Any) -> None:
    from csphub.risk.services import case_closed_cancel_tasks

    case_closed_cancel_tasks(actor=actor, case=case)
