"""Signal receivers: the casereviews app listens to casework, casework never imports casereviews."""

from __future__ import annotations

from typing import Any


def prompt_on_incident_recorded(sender: Any, incident: Any, actor: Any, **kwargs: Any) -> None:
    """On a victim's second report within six months, prompt the caseworker to explain the Case Review.

    Runs inside the incident's transaction: the prompt commits or rolls back with the incident.
    """
    from csphub.casereviews.services import prompts_for_incident

    prompts_for_incident(actor=actor, incident=incident)


def connect() -> None:
    try:
        from csphub.cases.signals import incident_recorded
    except ImportError:  # pragma: no cover - the cases app is not installed
        return
    incident_recorded.connect(
        prompt_on_incident_recorded, dispatch_uid="casereviews.prompt_on_incident_recorded"
    )
