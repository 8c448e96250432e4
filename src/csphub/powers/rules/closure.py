"""Closure notices and closure orders (ss.76-93): notice periods, the hearing, extensions, continuation
and appeals.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from csphub.powers.rules.dates import (
    UK_TZ,
    add_hours,
    add_hours_disregarding_christmas,
    add_months,
    months_period_last_day,
    period_last_day,
)
from csphub.powers.rules.issuers import (
    _LA,
    _POLICE,
    CLOSURE_EXTENDED_SIGNOFF,
    IssuerCapacity,
    issuer_blockers,
)
from csphub.powers.rules.ruleset import RuleSet, rules_in_force
from csphub.powers.rules.states import Power

# --------------------------------------------------------------------------------------------
# Closure notice and closure order (ss.76-93)
# --------------------------------------------------------------------------------------------


def closure_notice_max_hours(
    issuer: IssuerCapacity | str | None, *, senior_signoff: bool, rules: RuleSet
) -> int:
    """s.77(1)-(2): 24 hours; 48 hours when issued by a superintendent or above, or by the local
    authority with the notice signed by its chief executive or designate (``senior_signoff``).

    An inspector's notice is a 24-hour notice whatever sign-off is ticked: a superintendent extends
    it with an extension notice (s.77(4), ``closure_extension_notice_blockers``)."""
    if issuer is None:
        return rules.closure_notice_max_hours
    capacity = IssuerCapacity(issuer)
    if capacity in CLOSURE_EXTENDED_SIGNOFF or (senior_signoff and capacity in _LA):
        return rules.closure_notice_extended_max_hours
    return rules.closure_notice_max_hours


def closure_notice_blockers(
    *,
    rules: RuleSet,
    issuer: IssuerCapacity | str | None,
    senior_signoff: bool,
    duration_hours: int,
    residents_informed: bool,
    excludes_residents_or_owner: bool,
    hearing_details_given: bool,
) -> list[str]:
    """s.76-77 / rule 11.5."""
    reasons = issuer_blockers(Power.CLOSURE_NOTICE, issuer)
    limit = closure_notice_max_hours(issuer, senior_signoff=senior_signoff, rules=rules)
    if duration_hours <= 0:
        reasons.append("Enter how many hours the notice lasts")
    elif duration_hours > limit:
        if limit < rules.closure_notice_extended_max_hours:
            reasons.append(
                f"A closure notice lasts at most {rules.closure_notice_max_hours} hours; "
                f"up to {rules.closure_notice_extended_max_hours} hours needs superintendent or "
                "local authority chief executive sign-off"
            )
        else:
            reasons.append(f"A closure notice cannot last more than {limit} hours")
    if excludes_residents_or_owner:
        reasons.append("A closure notice cannot exclude people who live at the premises or the owner")
    if not residents_informed:
        reasons.append("Make reasonable efforts to inform residents and anyone with an interest first")
    if not hearing_details_given:
        reasons.append("State when and where the closure order application will be heard")
    return reasons


def closure_notice_expiry(
    served_at: datetime,
    duration_hours: int,
    *,
    forty_eight_hour_regime: bool | None = None,
    rules: RuleSet | None = None,
) -> datetime:
    """End of the notice. Christmas Day is disregarded only for a notice under the 48-hour regime
    (s.77(3) "in calculating when the period of 48 hours ends"); a 24-hour notice (s.77(1)) runs in
    plain hours, so one served at 18:00 on 24 December ends at 18:00 on Christmas Day.

    ``forty_eight_hour_regime`` None: the regime follows the duration (more than 24 hours).
    """
    r = rules or rules_in_force(served_at.astimezone(UK_TZ).date())
    regime = (
        duration_hours > r.closure_notice_max_hours
        if forty_eight_hour_regime is None
        else forty_eight_hour_regime
    )
    if regime:
        return add_hours_disregarding_christmas(served_at, duration_hours)
    return add_hours(served_at, duration_hours)


def closure_notice_mentions_christmas(served_at: datetime, duration_hours: int, ends_at: datetime) -> bool:
    """True when the letter should say that Christmas Day is not counted: the notice disregarded
    it (48-hour regime) and Christmas Day fell inside the period."""
    return ends_at - served_at > timedelta(hours=duration_hours)


def closure_extension_notice_blockers(
    *,
    rules: RuleSet,
    issuer: IssuerCapacity | str | None,
    notice_issuer: IssuerCapacity | str | None,
    notice_ends_at: datetime,
    extended_at: datetime,
    extension_hours: int,
    notice_was_24_hour: bool,
) -> list[str]:
    """s.77(4): a 24-hour closure notice may be extended by up to 24 hours by an extension notice
    from a superintendent or above (a police notice) or signed by the local authority's chief
    executive or designate (a council notice), issued while the notice is in force."""
    reasons = []
    police_notice = notice_issuer is not None and IssuerCapacity(notice_issuer) in _POLICE
    if issuer is None:
        reasons.append("Record who issued the extension notice")
    elif police_notice and IssuerCapacity(issuer) is not IssuerCapacity.SUPERINTENDENT:
        reasons.append("An extension notice for a police closure notice needs a superintendent or above")
    elif not police_notice and IssuerCapacity(issuer) is not IssuerCapacity.LA_CHIEF_EXECUTIVE:
        reasons.append(
            "An extension notice for a council closure notice must be signed by the chief executive or designate"
        )
    if not notice_was_24_hour:
        reasons.append("Only a 24-hour closure notice can be extended by an extension notice")
    if extended_at >= notice_ends_at:
        reasons.append("The extension notice must be issued while the closure notice is in force")
    if extension_hours <= 0:
        reasons.append("Enter how many hours the extension adds")
    elif extension_hours > rules.closure_extension_notice_max_hours:
        reasons.append(
            f"An extension notice adds at most {rules.closure_extension_notice_max_hours} hours (s.77(4))"
        )
    return reasons


def closure_notice_change_blockers(
    *,
    issuer: IssuerCapacity | str | None,
    notice_issuer: IssuerCapacity | str | None,
    notice_ends_at: datetime,
    changed_at: datetime,
    cancel: bool,
    new_ends_at: datetime | None = None,
) -> list[str]:
    """s.78: a closure notice in force may be cancelled or varied by a cancellation or variation
    notice from the same body (police for a police notice, the council for a council one); a
    variation may reduce the premises or the period, never lengthen it (that is s.77(4))."""
    reasons = []
    police_notice = notice_issuer is not None and IssuerCapacity(notice_issuer) in _POLICE
    if issuer is None:
        reasons.append("Record who issued the cancellation or variation notice")
    elif police_notice and IssuerCapacity(issuer) not in _POLICE:
        reasons.append("A police closure notice is cancelled or varied by a police officer")
    elif not police_notice and IssuerCapacity(issuer) not in _LA:
        reasons.append("A council closure notice is cancelled or varied by the council")
    if changed_at >= notice_ends_at:
        reasons.append("The closure notice has ended: it can no longer be cancelled or varied")
    if not cancel and new_ends_at is not None and new_ends_at > notice_ends_at:
        reasons.append("A variation notice cannot lengthen the closure notice: use an extension notice")
    return reasons


def closure_adjournment_blockers(*, rules: RuleSet, hearing_on: date, adjourned_to: date) -> list[str]:
    """s.81(3): the court may adjourn the hearing for not more than 14 days."""
    if adjourned_to <= hearing_on:
        return ["The adjourned hearing must be after the first hearing"]
    if adjourned_to > hearing_on + timedelta(days=rules.closure_adjourn_max_days):
        return [f"The hearing can be adjourned for at most {rules.closure_adjourn_max_days} days (s.81(3))"]
    return []


def closure_continuation_blockers(
    *,
    rules: RuleSet,
    decided_at: datetime,
    continued_until: datetime,
    adjourned_to: date | None = None,
) -> list[str]:
    """s.81: the notice continues in force until the end of an adjourned hearing (s.81(4)), or, when
    the court makes no order, for a further period of at most 48 hours (s.81(2)), plain hours."""
    if continued_until <= decided_at:
        return ["The notice must be continued to a time after the court's decision"]
    if adjourned_to is not None:
        if continued_until.astimezone(UK_TZ).date() > adjourned_to:
            return ["On an adjournment the notice continues only until the adjourned hearing"]
        return []
    if continued_until - decided_at > timedelta(hours=rules.closure_continuation_max_hours):
        return [f"The court can continue the notice for at most {rules.closure_continuation_max_hours} hours"]
    return []


def closure_order_appeal_deadline(decided_on: date, *, rules: RuleSet) -> date:
    """s.84(5): an appeal to the Crown Court (s.84(4)) must be made within 21 days beginning with
    the date of the decision: the order or its extension (s.84(1)), or a refusal to make or extend
    it or to continue the notice (s.84(2), (3)). The decision day is day 1, so the last day is
    the decision day + 20."""
    return period_last_day(decided_on, rules.closure_order_appeal_days)


def closure_refusal_appeal_blockers(
    *,
    rules: RuleSet,
    refused_on: date,
    lodged_on: date,
    today: date,
    already_appealed: bool,
) -> list[str]:
    """s.84(2)(a) (police) and s.84(3)(a) (council): the body that applied may appeal to the
    Crown Court (s.84(4)) against the magistrates' decision not to make a closure order, within 21
    days beginning with the date of that decision (s.84(5)). The Act gives no power to extend the
    time (*Hampshire Police Authority v Smith* [2009] EWHC 174 (Admin), on the same words in the
    2003 Act); the appeal is made when notice reaches the court (*Crocker v Devon and Cornwall
    Police* [2020] EWHC 2838 (Admin)). One appeal per refusal."""
    reasons = []
    deadline = closure_order_appeal_deadline(refused_on, rules=rules)
    if already_appealed:
        reasons.append("The refusal has already been appealed to the Crown Court")
    if lodged_on < refused_on:
        reasons.append("The appeal cannot be dated before the magistrates refused the order")
    if lodged_on > today:
        reasons.append("The date of the appeal must be today or in the past")
    if lodged_on > deadline:
        reasons.append(
            f"The time to appeal ended on {deadline.day} {deadline:%B %Y}: an appeal must be made within "
            f"{rules.closure_order_appeal_days} days beginning with the day of the decision (s.84(5)), "
            "and the Crown Court cannot extend it"
        )
    return reasons


def closure_refusal_appeal_outcome_blockers(
    *,
    rules: RuleSet,
    made_order: bool,
    lodged_on: date,
    decided_on: date,
    today: date,
    ends_on: date | None,
) -> list[str]:
    """s.84(6): on the applicant's appeal the Crown Court "may make whatever order it thinks
    appropriate". A closure order it makes is still a closure order: at most 3 months from the day
    it is made (s.80(6))."""
    reasons = []
    if decided_on < lodged_on:
        reasons.append("The decision cannot be dated before the appeal was made")
    if decided_on > today:
        reasons.append("The date of the decision must be today or in the past")
    if made_order:
        if ends_on is None:
            reasons.append("Enter the date the closure order made by the Crown Court ends")
        else:
            reasons += closure_order_blockers(rules=rules, made_on=decided_on, ends_on=ends_on)
    return reasons


def closure_hearing_due(served_at: datetime, *, rules: RuleSet | None = None) -> datetime:
    """Latest time for the magistrates' hearing: 48 h after service, not counting Christmas Day."""
    r = rules or rules_in_force(served_at.date())
    return add_hours_disregarding_christmas(served_at, r.closure_hearing_within_hours)


def closure_hearing_time_blockers(*, served_at: datetime, hearing_at: datetime, rules: RuleSet) -> list[str]:
    """s.76: the notice states when and where the closure-order application will be heard; s.80(3)-(4):
    the hearing is within 48 hours of service, Christmas Day disregarded (A.10)."""
    due = closure_hearing_due(served_at, rules=rules)
    if hearing_at <= served_at:
        return ["The hearing must be after the notice is served"]
    if hearing_at > due:
        return [
            f"The hearing must be within 48 hours of service (Christmas Day not counted): by "
            f"{due.astimezone(UK_TZ):%-d %B %Y at %H:%M} (s.80(3))"
        ]
    return []


def closure_order_blockers(*, rules: RuleSet, made_on: date, ends_on: date) -> list[str]:
    """s.80(6): at most 3 months; the order's last day is the day before the corresponding date."""
    if ends_on <= made_on:
        return ["The order must end after it is made"]
    if ends_on > months_period_last_day(made_on, rules.closure_order_max_months):
        return [f"A closure order cannot last more than {rules.closure_order_max_months} months"]
    return []


def closure_order_latest_end(first_made_on: date, *, rules: RuleSet) -> date:
    """Last day of the 6 months beginning with the day the order was first made (s.82(8))."""
    return months_period_last_day(first_made_on, rules.closure_order_total_max_months)


def closure_order_extension_blockers(
    *, rules: RuleSet, first_made_on: date, current_end: date, applied_on: date, new_end: date
) -> list[str]:
    """s.82: apply before expiry; each extension at most 3 months beyond the current end (s.82(7));
    the total, with extensions, never beyond 6 months (s.82(8))."""
    reasons = []
    if applied_on > current_end:
        reasons.append("Apply for the extension before the order ends")
    if new_end <= current_end:
        reasons.append("The extension must end after the current order")
    elif new_end > add_months(current_end, rules.closure_order_extension_max_months):
        reasons.append(
            f"Each extension can add at most {rules.closure_order_extension_max_months} months (s.82(7))"
        )
    latest = closure_order_latest_end(first_made_on, rules=rules)
    if new_end > latest:
        reasons.append(
            f"Extensions cannot take the order beyond {rules.closure_order_total_max_months} months in total "
            f"(latest end {latest:%-d %B %Y})"
        )
    return reasons


def closure_order_extension_authority_blockers(
    *,
    applicant: IssuerCapacity | str | None,
    authorised_by: IssuerCapacity | str | None,
    consulted: str,
    consulted_on: date | None,
    applied_on: date,
) -> list[str]:
    """s.82(3)-(4): a police application to extend is authorised by a superintendent or above after
    consulting the local authority; a council application follows consultation of the chief
    officer of police. ``consulted`` names who was consulted, ``consulted_on`` when."""
    reasons = []
    if applicant is None:
        return ["Record who is applying for the extension"]
    capacity = IssuerCapacity(applicant)
    if capacity in _POLICE:
        if authorised_by is None or IssuerCapacity(authorised_by) is not IssuerCapacity.SUPERINTENDENT:
            reasons.append("A police application to extend needs a superintendent's (or above) authority")
        who = "the local authority"
    elif capacity in _LA:
        who = "the chief officer of police"
    else:
        return ["Only the police or the local authority can apply to extend a closure order"]
    if not consulted.strip() or consulted_on is None:
        reasons.append(f"Record the consultation of {who} before applying (s.82)")
    elif consulted_on > applied_on:
        reasons.append(f"{who[0].upper()}{who[1:]} must be consulted before the application")
    return reasons
