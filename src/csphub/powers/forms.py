"""Forms for the powers pages: they validate input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms

from csphub.frontend.forms import GovukDateTimeInput, GovukFormMixin
from csphub.powers.rules import AUTHORISED_ISSUERS, ISSUER_LABELS, Power


def capacity_choices(power: Power) -> list[tuple[str, str]]:
    allowed = AUTHORISED_ISSUERS[power]
    return [("", "Choose")] + [(c.value, label) for c, label in ISSUER_LABELS.items() if c in allowed]


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
    comply_by = forms.DateTimeField(
        label="Time to comply ends",
        widget=GovukDateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={
            "required": "Enter when the time to comply ends",
            "invalid": "Enter a real date and time",
        },
    )
    informed_parties = forms.CharField(
        label="People and bodies informed (optional)",
        widget=forms.Textarea,
        required=False,
        help_text="One per line, for example the victim and the housing provider.",
    )

    def __init__(self, *args: Any, recipients: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient"].choices = [("", "Choose"), *recipients]
        self.fields["issuer_capacity"].choices = capacity_choices(Power.CPW)


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
        self.fields["issuer_capacity"].choices = capacity_choices(Power.CPN)


class ClosureNoticeForm(GovukFormMixin, forms.Form):
    premises = forms.TypedChoiceField(
        label="Premises", coerce=int, error_messages={"required": "Choose the premises"}
    )
    issuer_capacity = forms.ChoiceField(
        label="You are issuing as", error_messages={"required": "Choose the capacity you are issuing in"}
    )
    conduct = forms.CharField(
        label="Nuisance or disorder relied on",
        widget=forms.Textarea,
        error_messages={"required": "Describe the nuisance or disorder"},
    )
    served_at = forms.DateTimeField(
        label="Served at",
        widget=GovukDateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={
            "required": "Enter when the notice was served",
            "invalid": "Enter a real date and time",
        },
    )
    duration_hours = forms.IntegerField(
        label="Duration in hours",
        min_value=1,
        max_value=48,
        error_messages={"required": "Enter how many hours the notice lasts"},
        help_text="Up to 24 hours; up to 48 with superintendent or chief executive sign-off.",
    )
    senior_signoff = forms.BooleanField(
        label="Signed off by a superintendent or the local authority chief executive (or designate)",
        required=False,
    )
    residents_informed = forms.BooleanField(
        label="Reasonable efforts made to inform residents and anyone with an interest", required=False
    )
    excludes_residents_or_owner = forms.BooleanField(
        label="The notice excludes people who live there or the owner", required=False
    )
    hearing_details = forms.CharField(
        label="When and where the closure order application will be heard",
        widget=forms.Textarea,
        required=False,
    )
    informed_parties = forms.CharField(
        label="Bodies consulted (optional)", widget=forms.Textarea, required=False, help_text="One per line."
    )

    def __init__(self, *args: Any, premises: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["premises"].choices = [("", "Choose"), *premises]
        self.fields["issuer_capacity"].choices = capacity_choices(Power.CLOSURE_NOTICE)


class WithdrawForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why is it being withdrawn?",
        widget=forms.Textarea,
        error_messages={"required": "Give the reason for withdrawing"},
    )
