"""Public spaces protection orders (ss.59-61, 72): making, extending, varying and discharging an
order. Each decision records the s.72(1) regard to freedom of expression and assembly."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from csphub.audit.services import audit_record
from csphub.cases.models import Case
from csphub.core.actor import ActorOrUser, acting_user
from csphub.core.errors import ApplicationError
from csphub.powers import rules
from csphub.powers.facts import clean_lines, detail_date, local_date, now_or, rules_for
from csphub.powers.models import PowerUse
from csphub.powers.rules import Power, Status
from csphub.powers.services.common import (
    _block,
    _close_tasks,
    _create,
    _end_of_day,
    _fmt_date,
    _move,
    _record_step,
    _require_change,
    _require_power,
    _start_on,
    _task,
)


def pspo_make(
    *,
    actor: ActorOrUser,
    case: Case,
    issuer_capacity: str,
    locality: str,
    requirements: str,
    made_on: dt.date,
    expires_on: dt.date,
    consultation_done: Iterable[str],
    publicised: bool,
    two_tier: bool = True,
    parished: bool = True,
    council_land_only: bool = False,
    expression_assembly_regard: str = "",
    now: dt.datetime | None = None,
) -> PowerUse:
    """Make a PSPO (s.59): ≤ 3 years, consultation record, the s.72(1) regard (always asked: the
    service refuses a blank one, whatever calls it), 6-week challenge window, review task."""
    moment = now_or(now)
    _require_change(actor, case)
    if not locality.strip():
        raise ApplicationError("Describe the restricted area", field="locality")
    _block(rules.pspo_content_blockers(requirements), field="requirements")
    ruleset = rules_for(moment)
    done = list(consultation_done)
    _block(
        rules.pspo_blockers(
            rules=ruleset,
            issuer=issuer_capacity,
            made_on=made_on,
            expires_on=expires_on,
            consultation_done=done,
            publicised=publicised,
            two_tier=two_tier,
            parished=parished,
            council_land_only=council_land_only,
            expression_assembly_regard=expression_assembly_regard,
        )
    )
    review_on = rules.pspo_review_due(expires_on, rules=ruleset)
    with transaction.atomic():
        pspo = _create(
            actor=actor,
            case=case,
            power=Power.PSPO,
            to_status=Status.MADE,
            now=moment,
            ruleset=ruleset,
            issuer_capacity=issuer_capacity,
            locality=locality.strip(),
            requirements=requirements.strip(),
            starts_on=made_on,
            ends_at=_end_of_day(expires_on),
            appeal_deadline=rules.pspo_challenge_deadline(made_on, rules=ruleset),
            details={
                "consultation_done": done,
                "publicised": publicised,
                "expression_assembly_regard": expression_assembly_regard.strip(),
                "expires_on": expires_on.isoformat(),
            },
        )
        _task(
            actor=actor,
            use=pspo,
            title=f"Review the PSPO before it expires on {_fmt_date(expires_on)}",
            due_on=review_on,
            source="powers.pspo.review",
            details="An extension must be made before expiry, after consultation (s.60, s.72).",
        )
    return pspo


def _pspo_dates(pspo: PowerUse) -> tuple[dt.date, dt.date]:
    made_on = pspo.starts_on
    expires_on = detail_date(pspo, "expires_on")
    assert made_on is not None and expires_on is not None
    return made_on, expires_on


def pspo_extend(
    *,
    actor: ActorOrUser,
    pspo: PowerUse,
    issuer_capacity: str,
    extended_on: dt.date,
    expires_on: dt.date,
    consultation_done: Iterable[str],
    publicised: bool,
    two_tier: bool = True,
    parished: bool = True,
    council_land_only: bool = False,
    expression_assembly_regard: str = "",
    now: dt.datetime | None = None,
) -> PowerUse:
    """s.60: extend before expiry, for at most 3 years beyond the current expiry (s.60(3)), after a
    completed consultation record and with the s.72(1) regard recorded (rule 11.6). No new s.66
    challenge window (A.9); the review task moves to before the new expiry."""
    moment = _start_on(actor, pspo, Power.PSPO, "Only a PSPO can be extended", now)
    if not rules.can_transition(Power.PSPO, Status(pspo.status), Status.EXTENDED):
        raise ApplicationError(f"A PSPO that is {pspo.status} cannot be extended")
    made_on, current_expiry = _pspo_dates(pspo)
    ruleset = rules_for(moment)
    done = list(consultation_done)
    _block(
        rules.pspo_extension_step_blockers(
            rules=ruleset,
            issuer=issuer_capacity,
            made_on=made_on,
            current_expiry=current_expiry,
            extended_on=extended_on,
            new_expiry=expires_on,
            today=local_date(moment),
            consultation_done=done,
            publicised=publicised,
            two_tier=two_tier,
            parished=parished,
            council_land_only=council_land_only,
            expression_assembly_regard=expression_assembly_regard,
        )
    )
    with transaction.atomic():
        pspo.details = {
            **pspo.details,
            "expires_on": expires_on.isoformat(),
            "extensions": [
                *pspo.details.get("extensions", []),
                {
                    "extended_on": extended_on.isoformat(),
                    "previous_expiry": current_expiry.isoformat(),
                    "expires_on": expires_on.isoformat(),
                    "consultation_done": done,
                    "publicised": publicised,
                    "expression_assembly_regard": expression_assembly_regard.strip(),
                    "rule_version": ruleset.version,
                },
            ],
        }
        pspo.ends_at = _end_of_day(expires_on)
        # A.9: s.66 gives a challenge against the order or a variation; an extension opens no new
        # six-week window, so the deadline of the order or its last variation stands.
        use = _move(
            pspo,
            Status.EXTENDED,
            actor=actor,
            now=moment,
            changed=["details", "ends_at"],
        )
        _close_tasks(actor=actor, use=use, source="powers.pspo.review")
        _task(
            actor=actor,
            use=use,
            title=f"Review the PSPO before it expires on {_fmt_date(expires_on)}",
            due_on=max(extended_on, rules.pspo_review_due(expires_on, rules=ruleset)),
            source="powers.pspo.review",
            details="A further extension must be made before expiry, after consultation (s.60, s.72).",
        )
    return use


def pspo_vary(
    *,
    actor: ActorOrUser,
    pspo: PowerUse,
    issuer_capacity: str,
    varied_on: dt.date,
    locality: str,
    requirements: str,
    consultation_done: Iterable[str],
    publicised: bool,
    two_tier: bool = True,
    parished: bool = True,
    council_land_only: bool = False,
    expression_assembly_regard: str = "",
    now: dt.datetime | None = None,
) -> PowerUse:
    """s.61: change the restricted area or the prohibitions and requirements, after consultation
    and with the s.72(1) regard recorded. A new 6-week High Court challenge window runs from the
    variation (s.66)."""
    moment = _start_on(actor, pspo, Power.PSPO, "Only a PSPO can be varied here", now)
    if not rules.can_transition(Power.PSPO, Status(pspo.status), Status.VARIED):
        raise ApplicationError(f"A PSPO that is {pspo.status} cannot be varied")
    if not locality.strip():
        raise ApplicationError("Describe the restricted area", field="locality")
    if not requirements.strip():
        raise ApplicationError("Say what the order prohibits or requires", field="requirements")
    made_on, current_expiry = _pspo_dates(pspo)
    ruleset = rules_for(moment)
    done = list(consultation_done)
    _block(
        rules.pspo_variation_blockers(
            issuer=issuer_capacity,
            made_on=made_on,
            current_expiry=current_expiry,
            varied_on=varied_on,
            today=local_date(moment),
            restrictions_changed=(
                locality.strip() != pspo.locality
                or clean_lines(requirements) != clean_lines(pspo.requirements)
            ),
            consultation_done=done,
            publicised=publicised,
            two_tier=two_tier,
            parished=parished,
            council_land_only=council_land_only,
            expression_assembly_regard=expression_assembly_regard,
        )
    )
    with transaction.atomic():
        pspo.details = {
            **pspo.details,
            "variations": [
                *pspo.details.get("variations", []),
                {
                    "varied_on": varied_on.isoformat(),
                    "previous_locality": pspo.locality,
                    "previous_requirements": pspo.requirements,
                    "consultation_done": done,
                    "publicised": publicised,
                    "expression_assembly_regard": expression_assembly_regard.strip(),
                    "rule_version": ruleset.version,
                },
            ],
        }
        pspo.locality = locality.strip()
        pspo.requirements = requirements.strip()
        pspo.appeal_deadline = rules.pspo_challenge_deadline(varied_on, rules=ruleset)
        return _move(
            pspo,
            Status.VARIED,
            actor=actor,
            now=moment,
            changed=["details", "locality", "requirements", "appeal_deadline"],
        )


def pspo_discharge(
    *,
    actor: ActorOrUser,
    pspo: PowerUse,
    issuer_capacity: str,
    discharged_on: dt.date,
    consultation_done: Iterable[str],
    publicised: bool,
    expression_assembly_regard: str = "",
    two_tier: bool = True,
    parished: bool = True,
    council_land_only: bool = False,
    now: dt.datetime | None = None,
) -> PowerUse:
    """s.61(1)(b): the council discharges an order in force, after the s.72 consultation, publicity
    and notification, with the s.72(1) regard recorded; the review task is closed."""
    moment = now_or(now)
    _require_change(actor, pspo.case)
    _require_power(pspo, Power.PSPO, "Only a PSPO can be discharged here")
    if not rules.can_transition(Power.PSPO, Status(pspo.status), Status.DISCHARGED):
        raise ApplicationError(f"A PSPO that is {pspo.status} cannot be discharged")
    made_on, current_expiry = _pspo_dates(pspo)
    ruleset = rules_for(moment)
    done = list(consultation_done)
    _block(
        rules.pspo_discharge_blockers(
            issuer=issuer_capacity,
            made_on=made_on,
            current_expiry=current_expiry,
            discharged_on=discharged_on,
            today=local_date(moment),
            consultation_done=done,
            publicised=publicised,
            expression_assembly_regard=expression_assembly_regard,
            two_tier=two_tier,
            parished=parished,
            council_land_only=council_land_only,
        )
    )
    with transaction.atomic():
        pspo.details = {
            **pspo.details,
            "discharged_on": discharged_on.isoformat(),
            "discharge": {
                "discharged_on": discharged_on.isoformat(),
                "consultation_done": done,
                "publicised": publicised,
                "expression_assembly_regard": expression_assembly_regard.strip(),
                "rule_version": ruleset.version,
            },
        }
        pspo.ends_at = _end_of_day(discharged_on)
        use = _move(pspo, Status.DISCHARGED, actor=actor, now=moment, changed=["details", "ends_at"])
        _close_tasks(actor=actor, use=use, source="powers.pspo.review")
    return use


def pspo_latest_decision(pspo: PowerUse) -> tuple[str, dt.date]:
    assert pspo.starts_on is not None
    return rules.pspo_latest_decision(
        made_on=pspo.starts_on,
        extended_on=[dt.date.fromisoformat(e["extended_on"]) for e in pspo.details.get("extensions", [])],
        varied_on=[dt.date.fromisoformat(v["varied_on"]) for v in pspo.details.get("variations", [])],
        discharged_on=detail_date(pspo, "discharged_on"),
    )


def pspo_unpublished(pspo: PowerUse) -> bool:
    """Whether the council's latest decision on the order has no publication recorded."""
    if pspo.power != Power.PSPO or pspo.starts_on is None or pspo.status in (Status.DRAFT, Status.WITHDRAWN):
        return False
    what, on = pspo_latest_decision(pspo)
    return not any(
        p["decision"] == what and p["decided_on"] == on.isoformat()
        for p in pspo.details.get("publications", [])
    )


def pspo_publication_record(
    *,
    actor: ActorOrUser,
    pspo: PowerUse,
    published_on: dt.date,
    on_website: bool,
    notices_erected: bool,
    note: str = "",
    now: dt.datetime | None = None,
) -> PowerUse:
    """Record that the council's latest decision on the order (made, extended, varied or
    discharged) was published on its website and notices put up in the area (the PSPO publication
    regulations, legal review A.5). The order's status is unchanged."""
    moment = now_or(now)
    _require_change(actor, pspo.case)
    _require_power(pspo, Power.PSPO, "Only a PSPO is published here")
    if not pspo_unpublished(pspo):
        raise ApplicationError("The council's latest decision on this order is already recorded as published")
    what, decided_on = pspo_latest_decision(pspo)
    _block(
        rules.pspo_publication_blockers(
            decided_on=decided_on,
            published_on=published_on,
            today=local_date(moment),
            on_website=on_website,
            notices_erected=notices_erected,
        ),
        field="published_on",
    )
    with transaction.atomic():
        publication = {
            "decision": what,
            "decided_on": decided_on.isoformat(),
            "published_on": published_on.isoformat(),
            "on_website": on_website,
            "notices_erected": notices_erected,
            "note": note.strip(),
        }
        pspo.details = {**pspo.details, "publications": [*pspo.details.get("publications", []), publication]}
        pspo.modified_by = acting_user(actor)
        pspo.save()
        _record_step(
            pspo,
            Status(pspo.status),
            Status(pspo.status),
            actor=actor,
            now=moment,
            ruleset=rules.rule_set(pspo.rule_version),
            note=f"Publication of the order as {what} recorded (website and notices)",
        )
        audit_record(actor=actor, verb="pspo.published", target=pspo, changed_fields=["details"])
    return pspo
