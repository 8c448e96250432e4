"""Forms for community protection warnings and notices: issue, appeal, court decision,
compliance."""

from __future__ import annotations

from typing import Any

from django import forms

from csphub.frontend.forms import GovukFormMixin
from csphub.powers.forms.common import (
    capacity_choices,
    date_field,
    datetime_field,
    set_choices,
    text_field,
)
from csphub.powers.rules import (
    Power,
    Status,
)


class CpwForm(GovukFormMixin, forms.Form):
    recipient = forms.TypedChoiceField(
        label="Who is the warning for?",
        coerce=int,
        error_messages={"required": "Choose who the warning is for"},
    )
    issuer_capacity = forms.ChoiceField(
        label="You are issuing as", error_messages={"required": "Choose the capacity you are issuing in"}
    )
    conduct = forms.CharField(
        label="Conduct that must stop or change",
        widget=forms.Textarea,
        error_messages={"required": "Describe the conduct that must stop or change"},
        help_text="The notice that may follow must be about this same conduct.",
    )
    requirements = forms.CharField(
        label="What the recipient must do or stop doing",
        widget=forms.Textarea,
        error_messages={"required": "Say what the recipient must do or stop doing"},
    )
    comply_by = datetime_field("Time to comply ends", required_message="Enter when the time to comply ends")
    informed_parties = forms.CharField(
        label="People and bodies informed (optional)",
        widget=forms.Textarea,
        required=False,
        help_text="One per line, for example the victim and the housing provider.",
    )

    def __init__(self, *args: Any, recipients: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "recipient", [("", "Choose"), *recipients])
        set_choices(self, "issuer_capacity", capacity_choices(Power.CPW))


class CpnForm(GovukFormMixin, forms.Form):
    issuer_capacity = forms.ChoiceField(
        label="You are issuing as", error_messages={"required": "Choose the capacity you are issuing in"}
    )
    requirements = forms.CharField(
        label="Requirements of the notice",
        widget=forms.Textarea,
        error_messages={"required": "Say what the recipient must do or stop doing"},
        help_text="Should mirror the warning. Only 'stop doing' requirements stay in force during an appeal.",
    )
    conduct_persists = forms.BooleanField(
        label="The conduct has continued despite the warning and the time to comply", required=False
    )
    informed_parties = forms.CharField(
        label="People and bodies you informed before issuing (s.43(6))",
        widget=forms.Textarea,
        required=False,
        help_text="One per line.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "issuer_capacity", capacity_choices(Power.CPN))


class CpnAppealForm(GovukFormMixin, forms.Form):
    lodged_on = date_field(
        "Date the appeal was lodged", required_message="Enter the date the appeal was lodged"
    )
    stop_requirements = forms.MultipleChoiceField(
        label="Which requirements tell the recipient to stop doing something?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=(
            "These stay in effect while the appeal is pending. Every other requirement is suspended "
            "until the court decides (s.46(3))."
        ),
    )
    note = text_field("Notes (optional)", help_text="For example the court and the hearing date.")

    def __init__(self, *args: Any, requirements: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "stop_requirements", [(r, r) for r in requirements])


APPEAL_OUTCOMES = [
    (Status.UPHELD.value, "Appeal dismissed: the notice stands as issued"),
    (Status.VARIED.value, "The court varied the notice"),
    (Status.QUASHED.value, "The court quashed the notice"),
]


class CpnAppealDecisionForm(GovukFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label="What did the court decide?",
        choices=APPEAL_OUTCOMES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the court decided"},
    )
    note = text_field("Notes (optional)", help_text="If the notice was varied, say how.")


COMPLIANCE_LABELS = {
    Status.COMPLIED: "Complied with",
    Status.BREACHED: "Breached",
    Status.EXPIRED: "Expired",
}


class ComplianceForm(GovukFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label="What happened?", widget=forms.RadioSelect, error_messages={"required": "Choose what happened"}
    )
    on = date_field("Date", required_message="Enter the date it was complied with, breached or expired")
    note = text_field("Notes (optional)", help_text="For a breach: what was seen, when and by whom.")
    # s.46(3): while an appeal is pending only the requirements to stop doing things are in force.
    breached_requirement = forms.ChoiceField(
        label="For a breach: which kind of requirement was breached?",
        widget=forms.RadioSelect,
        required=False,
        choices=[
            ("stop", "A requirement to stop doing something"),
            ("do", "A requirement to do something"),
            ("achieve", "A requirement to take steps to achieve a result"),
        ],
        help_text="While an appeal is pending, only a requirement to stop doing something is in force.",
    )
    suspended_by_court = forms.BooleanField(
        label="The court ordered that this requirement has no effect while the appeal is pending",
        required=False,
    )

    def __init__(self, *args: Any, outcomes: tuple[Status, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "outcome", [(o.value, COMPLIANCE_LABELS[o]) for o in outcomes])
