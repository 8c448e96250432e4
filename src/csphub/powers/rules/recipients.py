"""Recipients of a power: age on a day, youth."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from csphub.powers.rules.dates import age_on
from csphub.powers.rules.ruleset import RuleSet

# --------------------------------------------------------------------------------------------
# Recipients
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Recipient:
    """Who a notice or order is addressed to. ``key`` identifies the recipient (e.g. person id)."""

    key: str
    is_body: bool = False
    date_of_birth: date | None = None

    def age_on(self, on: date) -> int | None:
        return None if self.is_body or self.date_of_birth is None else age_on(self.date_of_birth, on)


def _age_blockers(recipient: Recipient, on: date, *, min_age: int, what: str) -> list[str]:
    if recipient.is_body:
        return []
    age = recipient.age_on(on)
    if age is None:
        return [f"Record the recipient's date of birth: a {what} needs them to be {min_age} or over"]
    if age < min_age:
        return [f"The recipient is {age}: a {what} can only be given to someone aged {min_age} or over"]
    return []


def is_youth(recipient: Recipient, on: date, rules: RuleSet) -> bool:
    age = recipient.age_on(on)
    return age is not None and age < rules.youth_under_age
