"""Label tables the forms, the pages and the letters share (words for the codes the rules use)."""

from __future__ import annotations

from csphub.powers import rules
from csphub.powers.rules import AbsoluteCondition, Disposal

CONDITION_CHOICES = [
    (AbsoluteCondition.SERIOUS_OFFENCE.value, "Condition 1: conviction for a serious offence"),
    (AbsoluteCondition.INJUNCTION_BREACH.value, "Condition 2: court found a breach of a civil injunction"),
    (AbsoluteCondition.CBO_BREACH.value, "Condition 3: conviction for breach of a criminal behaviour order"),
    (AbsoluteCondition.CLOSURE_ORDER.value, "Condition 4: a closure order in force for more than 48 hours"),
    (
        AbsoluteCondition.NOISE_ABATEMENT_BREACH.value,
        "Condition 5: conviction for breach of a noise abatement notice",
    ),
]

DISPOSAL_CHOICES = [
    ("", "Choose"),
    (Disposal.SENTENCE.value, "A sentence"),
    (Disposal.CONDITIONAL_DISCHARGE.value, "A conditional discharge"),
    (Disposal.ABSOLUTE_DISCHARGE.value, "An absolute discharge"),
    (Disposal.BIND_OVER.value, "A bind-over"),
]

COURT_NAMES = {
    rules.Court.YOUTH.value: "youth court",
    rules.Court.COUNTY.value: "county court",
    rules.Court.HIGH.value: "High Court",
    rules.Court.MAGISTRATES.value: "magistrates' court",
    rules.Court.CROWN.value: "Crown Court",
}
