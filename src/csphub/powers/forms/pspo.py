"""Forms for public spaces protection orders: make, extend, vary, discharge."""

from __future__ import annotations

from django import forms

from csphub.frontend.forms import GovukFormMixin
from csphub.powers.forms.common import (
    _consultation_field,
    _PowerForm,
    capacity_field,
    date_field,
    text_field,
)
from csphub.powers.rules import (
    PSPO_CONSULTEE_LABELS,
    PSPO_CONSULTEES,
    Power,
)


def _regard_field() -> forms.CharField:
    return text_field(
        "How the council had particular regard to freedom of expression and assembly (s.72(1))",
        required_message="Record how the council had regard to freedom of expression and assembly",
    )


class PspoForm(_PowerForm):
    power = Power.PSPO
    issuer_capacity = capacity_field("You are making it as")
    locality = forms.CharField(
        label="Restricted area", max_length=300, error_messages={"required": "Describe the restricted area"}
    )
    requirements = text_field(
        "Prohibitions and requirements", required_message="Say what the order prohibits or requires"
    )
    made_on = date_field("Date made", required_message="Enter the date the order is made")
    expires_on = date_field(
        "Date it expires", required_message="Enter the date the order expires", help_text="At most 3 years."
    )
    consultation_done = forms.MultipleChoiceField(
        label="Consultation and notifications completed (s.72)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            (k, PSPO_CONSULTEE_LABELS[k][0].upper() + PSPO_CONSULTEE_LABELS[k][1:]) for k in PSPO_CONSULTEES
        ],
    )
    publicised = forms.BooleanField(label="The proposal was publicised", required=False)
    expression_assembly_regard = text_field(
        "How the council had particular regard to freedom of expression and assembly (s.72(1))",
        required_message="Record how the council had regard to freedom of expression and assembly",
    )
    two_tier = forms.BooleanField(
        label="The area has a county council to notify", required=False, initial=True
    )
    parished = forms.BooleanField(
        label="The area has a parish or community council to notify", required=False, initial=True
    )
    council_land_only = forms.BooleanField(
        label="All the land in the restricted area is owned and occupied by the council (no owner or occupier "
        "to consult, s.72(5))",
        required=False,
    )


class PspoExtendForm(_PowerForm):
    power = Power.PSPO
    issuer_capacity = capacity_field("You are extending it as")
    extended_on = date_field("Date of the extension", required_message="Enter the date the order is extended")
    expires_on = date_field(
        "New expiry date",
        required_message="Enter the new expiry date",
        help_text="At most 3 years after the current expiry date (s.60(3)).",
    )
    consultation_done = _consultation_field()
    publicised = forms.BooleanField(label="The proposed extension was publicised", required=False)
    expression_assembly_regard = _regard_field()
    two_tier = forms.BooleanField(
        label="The area has a county council to notify", required=False, initial=True
    )
    parished = forms.BooleanField(
        label="The area has a parish or community council to notify", required=False, initial=True
    )
    council_land_only = forms.BooleanField(
        label="All the land in the restricted area is owned and occupied by the council (no owner or occupier "
        "to consult, s.72(5))",
        required=False,
    )


class PspoVaryForm(_PowerForm):
    power = Power.PSPO
    issuer_capacity = capacity_field("You are varying it as")
    varied_on = date_field("Date of the variation", required_message="Enter the date the order is varied")
    locality = forms.CharField(
        label="Restricted area (as varied)",
        max_length=300,
        error_messages={"required": "Describe the restricted area"},
    )
    requirements = text_field(
        "Prohibitions and requirements (as varied)",
        required_message="Say what the order prohibits or requires",
    )
    consultation_done = _consultation_field()
    publicised = forms.BooleanField(label="The proposed variation was publicised", required=False)
    expression_assembly_regard = _regard_field()
    two_tier = forms.BooleanField(
        label="The area has a county council to notify", required=False, initial=True
    )
    parished = forms.BooleanField(
        label="The area has a parish or community council to notify", required=False, initial=True
    )
    council_land_only = forms.BooleanField(
        label="All the land in the restricted area is owned and occupied by the council (no owner or occupier "
        "to consult, s.72(5))",
        required=False,
    )


class PspoDischargeForm(_PowerForm):
    power = Power.PSPO
    issuer_capacity = capacity_field("You are discharging it as")
    discharged_on = date_field(
        "Date of the discharge", required_message="Enter the date the order is discharged"
    )
    consultation_done = _consultation_field()
    publicised = forms.BooleanField(label="The proposed discharge was publicised", required=False)
    expression_assembly_regard = _regard_field()
    two_tier = forms.BooleanField(
        label="The area has a county council to notify", required=False, initial=True
    )
    parished = forms.BooleanField(
        label="The area has a parish or community council to notify", required=False, initial=True
    )
    council_land_only = forms.BooleanField(
        label="All the land in the restricted area is owned and occupied by the council (no owner or occupier "
        "to consult, s.72(5))",
        required=False,
    )


class PspoPublicationForm(GovukFormMixin, forms.Form):
    published_on = date_field("Date it was published", required_message="Enter the date it was published")
    on_website = forms.BooleanField(label="Published on the council's website", required=False)
    notices_erected = forms.BooleanField(
        label="Notices put up on or next to the restricted area drawing attention to it", required=False
    )
    note = text_field("Notes (optional)")
