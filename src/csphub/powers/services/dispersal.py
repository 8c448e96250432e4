"""Dispersal (ss.34-36): the authorisation, directions given under it, their variation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from csphub.audit.services import audit_record
from csphub.cases.models import Case
from csphub.core.actor import ActorOrUser, acting_user
from csphub.core.errors import ApplicationError
from csphub.people.models import Person
from csphub.powers import rules
from csphub.powers.facts import local_date, now_or, recipient_facts, rules_for
from csphub.powers.models import PowerUse
from csphub.powers.rules import Power, Status
from csphub.powers.services.common import (
    _block,
    _create,
    _move,
    _record_step,
    _require_change,
    _require_recipient_on_case,
    _start_on,
)


def dispersal_authorise(
    *,
    actor: ActorOrUser,
    case: Case,
    issuer_capacity: str,
    locality: str,
    grounds: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    human_rights_considered: str,
    signed: bool,
    now: dt.datetime | None = None,
) -> PowerUse:
    moment = now_or(now)
    _require_change(actor, case)
    ruleset = rules_for(starts_at)
    _block(
        rules.dispersal_authorisation_blockers(
            rules=ruleset,
            issuer=issuer_capacity,
            locality=locality,
            grounds=grounds,
            starts_at=starts_at,
            ends_at=ends_at,
            human_rights_considered=human_rights_considered,
            signed=signed,
        )
    )
    with transaction.atomic():
        return _create(
            actor=actor,
            case=case,
            power=Power.DISPERSAL_AUTHORISATION,
            to_status=Status.AUTHORISED,
            now=moment,
            ruleset=ruleset,
            issuer_capacity=issuer_capacity,
            locality=locality.strip(),
            conduct=grounds.strip(),
            issued_at=starts_at,
            ends_at=ends_at,
            details={"human_rights_considered": human_rights_considered.strip(), "signed": signed},
        )


def dispersal_direction_give(
    *,
    actor: ActorOrUser,
    authorisation: PowerUse,
    recipient: Person,
    issuer_capacity: str,
    given_at: dt.datetime,
    excluded_until: dt.datetime,
    in_writing: bool,
    exclusions_checked: Iterable[str],
    not_in_writing_reason: str = "",
    in_uniform: bool = False,
    believed_under_16: bool = False,
    now: dt.datetime | None = None,
) -> PowerUse:
    """s.35: a direction by an officer in uniform (s.35(1)) while an authorisation is in force; a
    person the officer reasonably believes to be under 16 may be taken home (s.35(7))."""
    moment = now_or(now)
    case = authorisation.case
    _require_change(actor, case)
    _require_recipient_on_case(actor, case, recipient)
    ruleset = rules_for(given_at)
    window = None
    if (
        authorisation.power == Power.DISPERSAL_AUTHORISATION
        and authorisation.status == Status.AUTHORISED
        and authorisation.issued_at is not None
        and authorisation.ends_at is not None
    ):
        window = (authorisation.issued_at, authorisation.ends_at)
    checked = list(exclusions_checked)
    _block(
        rules.dispersal_direction_blockers(
            rules=ruleset,
            issuer=issuer_capacity,
            recipient=recipient_facts(recipient),
            given_at=given_at,
            excluded_until=excluded_until,
            authorisation_window=window,
            in_writing=in_writing,
            not_in_writing_reason=not_in_writing_reason,
            exclusions_checked=checked,
        )
        + rules.dispersal_uniform_blockers(in_uniform),
        field="in_uniform" if not in_uniform else None,
    )
    with transaction.atomic():
        return _create(
            actor=actor,
            case=case,
            power=Power.DISPERSAL_DIRECTION,
            to_status=Status.ISSUED,
            now=moment,
            ruleset=ruleset,
            issuer_capacity=issuer_capacity,
            parent=authorisation,
            recipient=recipient,
            locality=authorisation.locality,
            issued_at=given_at,
            served_at=given_at,
            ends_at=excluded_until,
            details={
                "in_writing": in_writing,
                "not_in_writing_reason": not_in_writing_reason.strip(),
                "exclusions_checked": checked,
                "in_uniform": in_uniform,
                "believed_under_16": believed_under_16,
                "removal_allowed": rules.dispersal_removal_allowed(
                    recipient_facts(recipient),
                    local_date(given_at),
                    rules=ruleset,
                    believed_under_16=believed_under_16,
                ),
            },
        )


def dispersal_direction_vary(
    *,
    actor: ActorOrUser,
    direction: PowerUse,
    issuer_capacity: str,
    varied_at: dt.datetime,
    excluded_until: dt.datetime,
    in_writing: bool,
    not_in_writing_reason: str = "",
    note: str = "",
    now: dt.datetime | None = None,
) -> PowerUse:
    """s.35(8)-(9): vary the exclusion of a direction still running; never beyond 48 hours from
    when the direction was first given. Each variation is kept in ``details["variations"]``."""
    moment = _start_on(
        actor, direction, Power.DISPERSAL_DIRECTION, "Only a dispersal direction can be varied here", now
    )
    if not rules.can_transition(Power.DISPERSAL_DIRECTION, Status(direction.status), Status.VARIED):
        raise ApplicationError(f"A dispersal direction that is {direction.status} cannot be varied")
    assert direction.issued_at is not None and direction.ends_at is not None
    ruleset = rules.rule_set(direction.rule_version)
    _block(
        rules.dispersal_variation_step_blockers(
            rules=ruleset,
            issuer=issuer_capacity,
            first_given_at=direction.issued_at,
            current_excluded_until=direction.ends_at,
            varied_at=varied_at,
            new_excluded_until=excluded_until,
            now=moment,
            in_writing=in_writing,
            not_in_writing_reason=not_in_writing_reason,
        ),
        field="excluded_until",
    )
    with transaction.atomic():
        variation = {
            "varied_at": varied_at.isoformat(),
            "previous_excluded_until": direction.ends_at.isoformat(),
            "excluded_until": excluded_until.isoformat(),
            "issuer_capacity": issuer_capacity,
            "in_writing": in_writing,
            "not_in_writing_reason": not_in_writing_reason.strip(),
        }
        direction.details = {
            **direction.details,
            "variations": [*direction.details.get("variations", []), variation],
        }
        direction.ends_at = excluded_until
        return _move(
            direction,
            Status.VARIED,
            actor=actor,
            now=moment,
            note=note.strip(),
            changed=["details", "ends_at"],
        )


def _require_direction(direction: PowerUse) -> None:
    if direction.power != Power.DISPERSAL_DIRECTION:
        raise ApplicationError("Items are surrendered with a dispersal direction (s.37)")


def dispersal_items_surrender(
    *,
    actor: ActorOrUser,
    direction: PowerUse,
    surrendered_at: dt.datetime,
    items: str,
    belief: str,
    collect_from: str,
    in_writing: bool,
    told_offence: bool,
    not_in_writing_reason: str = "",
    not_told_reason: str = "",
    now: dt.datetime | None = None,
) -> PowerUse:
    """s.37: the officer who gave the direction also directed the person to surrender items they
    believe have been or are likely to be used in behaviour that harasses, alarms or distresses
    members of the public. Kept in ``details["surrenders"]`` with where the person may collect them;
    the direction's status is unchanged."""
    moment = now_or(now)
    _require_change(actor, direction.case)
    _require_direction(direction)
    if direction.status not in (Status.ISSUED, Status.VARIED):
        raise ApplicationError(
            "Items can only be asked for while the dispersal direction runs: it is "
            f"{direction.get_status_display().lower()}"
        )
    assert direction.issued_at is not None and direction.ends_at is not None
    reasons = rules.dispersal_surrender_blockers(
        given_at=direction.issued_at,
        excluded_until=direction.ends_at,
        surrendered_at=surrendered_at,
        now=moment,
        items=items,
        belief=belief,
        in_writing=in_writing,
        not_in_writing_reason=not_in_writing_reason,
        told_offence=told_offence,
        not_told_reason=not_told_reason,
    )
    if not collect_from.strip():
        reasons.append("Say where the person can collect the items after the exclusion period")
    _block(reasons, field="items")
    with transaction.atomic():
        surrender = {
            "surrendered_at": surrendered_at.isoformat(),
            "items": items.strip(),
            "belief": belief.strip(),
            "collect_from": collect_from.strip(),
            "in_writing": in_writing,
            "not_in_writing_reason": not_in_writing_reason.strip(),
            "told_offence": told_offence,
            "not_told_reason": not_told_reason.strip(),
            "returned_at": None,
            "returned_to": "",
        }
        direction.details = {
            **direction.details,
            "surrenders": [*direction.details.get("surrenders", []), surrender],
        }
        direction.modified_by = acting_user(actor)
        direction.save()
        _record_step(
            direction,
            Status(direction.status),
            Status(direction.status),
            actor=actor,
            now=moment,
            ruleset=rules.rule_set(direction.rule_version),
            note=f"Items surrendered (s.37): {items.strip()}",
        )
        audit_record(
            actor=actor,
            verb="dispersal_direction.items_surrendered",
            target=direction,
            changed_fields=["details"],
        )
    return direction


def dispersal_item_return(
    *,
    actor: ActorOrUser,
    direction: PowerUse,
    returned_at: dt.datetime,
    returned_to: str,
    now: dt.datetime | None = None,
) -> PowerUse:
    """s.37: the items surrendered last and not yet returned are handed back, never before the
    exclusion period ends."""
    moment = now_or(now)
    _require_change(actor, direction.case)
    _require_direction(direction)
    pending = [i for i, s in enumerate(direction.details.get("surrenders", [])) if not s.get("returned_at")]
    if not pending:
        raise ApplicationError("No surrendered items are waiting to be returned")
    index = pending[-1]
    surrender = direction.details["surrenders"][index]
    assert direction.ends_at is not None
    reasons = rules.dispersal_item_return_blockers(
        excluded_until=direction.ends_at,
        surrendered_at=dt.datetime.fromisoformat(surrender["surrendered_at"]),
        returned_at=returned_at,
        now=moment,
    )
    if not returned_to.strip():
        reasons.append("Say who the items were returned to")
    _block(reasons, field="returned_at")
    with transaction.atomic():
        surrenders = list(direction.details["surrenders"])
        surrenders[index] = {
            **surrender,
            "returned_at": returned_at.isoformat(),
            "returned_to": returned_to.strip(),
        }
        direction.details = {**direction.details, "surrenders": surrenders}
        direction.modified_by = acting_user(actor)
        direction.save()
        _record_step(
            direction,
            Status(direction.status),
            Status(direction.status),
            actor=actor,
            now=moment,
            ruleset=rules.rule_set(direction.rule_version),
            note=f"Surrendered items returned to {returned_to.strip()} (s.37)",
        )
        audit_record(
            actor=actor,
            verb="dispersal_direction.item_returned",
            target=direction,
            changed_fields=["details"],
        )
    return direction
