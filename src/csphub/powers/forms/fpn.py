"""Forms for fixed penalty notices."""

from __future__ import annotations

from django import forms

from csphub.frontend.forms import GovukFormMixin
from csphub.powers.forms.common import (
    _PowerForm,
    capacity_field,
    date_field,
    recipient_field,
    text_field,
)
from csphub.powers.rules import (
    Power,
)


class FpnForm(_PowerForm):
    power = Power.FPN
    issuer_capacity = capacity_field()
    breach = text_field("How the notice was breached", required_message="Describe the breach of the notice")
    amount_gbp = forms.IntegerField(
        label="Amount in pounds",
        min_value=1,
        error_messages={
            "required": "Enter the amount of the fixed penalty in pounds",
            "invalid": "Enter the amount as a whole number of pounds, like 100",
            "min_value": "The amount must be at least £1",
        },
    )
    early_amount_gbp = forms.IntegerField(
        label="Lower amount for early payment, in pounds (optional)",
        required=False,
        min_value=1,
        error_messages={"invalid": "Enter the early-payment amount as a whole number of pounds, like 75"},
    )
    early_period_days = forms.IntegerField(
        label="Early-payment period in days (optional)",
        required=False,
        min_value=1,
        help_text="Shorter than the 14-day payment period, for example 10.",
        error_messages={"invalid": "Enter the early-payment period as a whole number of days, like 10"},
    )


class PspoFpnForm(FpnForm):
    """A fixed penalty for breach of a PSPO (s.68): the same amounts, plus who and when."""

    recipient = recipient_field("Who breached the order", "Choose who breached the order")
    breach_on = date_field("Date of the breach", required_message="Enter the date of the breach")
    field_order = [
        "recipient",
        "issuer_capacity",
        "breach_on",
        "breach",
        "amount_gbp",
        "early_amount_gbp",
        "early_period_days",
    ]


class FpnPaymentForm(GovukFormMixin, forms.Form):
    paid_on = date_field("Date paid", required_message="Enter the date the fixed penalty was paid")
