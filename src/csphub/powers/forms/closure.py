"""Forms for closure notices and orders."""

from __future__ import annotations

from typing import Any

from django import forms

from csphub.frontend.forms import GovukDateTimeInput, GovukFormMixin, LocalDateTimeField
from csphub.powers.forms.common import (
    capacity_choices,
    date_field,
    set_choices,
    text_field,
)
from csphub.powers.rules import (
    Power,
)


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
    served_at = LocalDateTimeField(
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
        set_choices(self, "premises", [("", "Choose"), *premises])
        set_choices(self, "issuer_capacity", capacity_choices(Power.CLOSURE_NOTICE))


class ClosureOrderForm(GovukFormMixin, forms.Form):
    made_on = date_field(
        "Date the court made the order", required_message="Enter the date the order was made"
    )
    ends_on = date_field(
        "Date the order ends",
        required_message="Enter the date the order ends",
        help_text="At most 3 months after it was made (s.80(6)).",
    )


class ClosureOrderExtendForm(GovukFormMixin, forms.Form):
    applied_on = date_field(
        "Date the extension was applied for", required_message="Enter the date of the extension application"
    )
    new_end = date_field(
        "New end date",
        required_message="Enter the new end date",
        help_text="The order can never last more than 6 months in total (s.82).",
    )


class ClosureOrderDischargeForm(GovukFormMixin, forms.Form):
    discharged_on = date_field(
        "Date the court discharged the order", required_message="Enter the date the order was discharged"
    )
    note = text_field("Notes (optional)", help_text="For example who applied for the discharge (s.83).")
