"""Forms for dispersal authorisations, directions and their variation."""

from __future__ import annotations

from django import forms

from csphub.powers.forms.common import (
    _PowerForm,
    capacity_field,
    datetime_field,
    recipient_field,
    text_field,
)
from csphub.powers.rules import (
    S36_EXCLUSIONS,
    Power,
)


class DispersalAuthorisationForm(_PowerForm):
    power = Power.DISPERSAL_AUTHORISATION
    issuer_capacity = capacity_field("You are authorising as")
    locality = forms.CharField(
        label="Locality covered",
        max_length=300,
        error_messages={"required": "Describe the locality the authorisation covers"},
    )
    grounds = text_field("Grounds for the authorisation", required_message="Give the grounds in writing")
    starts_at = datetime_field("Starts", required_message="Enter when the authorisation starts")
    ends_at = datetime_field(
        "Ends",
        required_message="Enter when the authorisation ends",
        help_text="At most 48 hours after it starts.",
    )
    human_rights_considered = text_field(
        "How you had regard to freedom of expression and assembly (Articles 10 and 11)",
        required_message="Record how you had regard to the rights of freedom of expression and assembly",
    )
    signed = forms.BooleanField(label="The written authorisation is signed", required=False)


class DispersalDirectionForm(_PowerForm):
    power = Power.DISPERSAL_DIRECTION
    recipient = recipient_field("Who was the direction given to?", "Choose who the direction was given to")
    issuer_capacity = capacity_field("You gave it as")
    given_at = datetime_field("Given at", required_message="Enter when the direction was given")
    excluded_until = datetime_field(
        "Excluded until", required_message="Enter when the exclusion ends", help_text="At most 48 hours."
    )
    in_uniform = forms.BooleanField(
        label="The officer giving the direction was in uniform (s.35(1))", required=False
    )
    in_writing = forms.BooleanField(label="The direction was given in writing", required=False)
    not_in_writing_reason = text_field("If not in writing, why that was not reasonably practicable")
    believed_under_16 = forms.BooleanField(
        label="The officer reasonably believed the person to be under 16 (they may be taken home, s.35(7))",
        required=False,
    )
    exclusions_checked = forms.MultipleChoiceField(
        label="The direction does not stop the person reaching (s.36)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(e, e[0].upper() + e[1:]) for e in S36_EXCLUSIONS],
        help_text="Tick each one you have checked.",
    )


class DispersalVariationForm(_PowerForm):
    power = Power.DISPERSAL_DIRECTION
    issuer_capacity = capacity_field("You varied it as")
    varied_at = datetime_field("Varied at", required_message="Enter when the direction was varied")
    excluded_until = datetime_field(
        "Now excluded until",
        required_message="Enter when the exclusion now ends",
        help_text="Never more than 48 hours after the direction was first given (s.35(8)).",
    )
    in_writing = forms.BooleanField(label="Notice of the variation was given in writing", required=False)
    not_in_writing_reason = text_field("If not in writing, why that was not reasonably practicable")
    note = text_field("Notes (optional)")
