"""Forms for notices on the absolute ground for possession and review requests."""

from __future__ import annotations

from django import forms

from csphub.frontend.forms import GovukFormMixin
from csphub.powers.forms.common import (
    _PowerForm,
    capacity_field,
    date_field,
    recipient_field,
)
from csphub.powers.rules import (
    Power,
)
from csphub.powers.tables import CONDITION_CHOICES


class AbsoluteGroundForm(_PowerForm):
    power = Power.ABSOLUTE_GROUND
    recipient = recipient_field("Who is the tenant?", "Choose the tenant")
    issuer_capacity = capacity_field("You are serving as")
    condition = forms.ChoiceField(
        label="Which condition is met?",
        choices=CONDITION_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which of the five conditions is met"},
    )
    served_on = date_field(
        "Date the notice was served", required_message="Enter the date the notice was served"
    )
    closure_order_hours_in_force = forms.FloatField(
        label="For condition 4: hours the closure order was in force (optional)",
        required=False,
        min_value=0,
        error_messages={"invalid": "Enter the number of hours, like 72"},
    )
    closure_notice_hours_before_order = forms.FloatField(
        label="For condition 4: hours the closure notice was in force before the order (optional)",
        required=False,
        min_value=0,
        help_text="Access prohibited under the notice and the order together must exceed 48 hours.",
        error_messages={"invalid": "Enter the number of hours, like 24"},
    )
    trigger_on = date_field(
        "Date of the conviction, finding or closure order",
        required_message="Enter the date of the conviction, finding or closure order",
        help_text="The notice must be served within 12 months of a conviction or finding, or within 3 months "
        "of a closure order (Housing Act 1985 s.83ZA).",
    )


class AbsoluteGroundReviewForm(GovukFormMixin, forms.Form):
    requested_on = date_field(
        "Date the tenant asked for a review", required_message="Enter the date the tenant asked for a review"
    )
