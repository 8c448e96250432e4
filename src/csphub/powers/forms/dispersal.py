"""Forms for dispersal authorisations, directions, their variation and the surrender of items
(s.37)."""

from __future__ import annotations

from django import forms

from csphub.frontend.forms import GovukFormMixin
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


class DispersalSurrenderForm(GovukFormMixin, forms.Form):
    surrendered_at = datetime_field(
        "Surrendered at", required_message="Enter when the items were surrendered"
    )
    items = text_field("Items surrendered", required_message="Describe each item surrendered")
    belief = text_field(
        "Why you believe they have been or are likely to be used in behaviour that harasses, alarms or "
        "distresses members of the public",
        required_message="Record why you believe the items have been or are likely to be used in that behaviour",
    )
    collect_from = forms.CharField(
        label="Where the person can collect them after the exclusion period",
        max_length=300,
        error_messages={"required": "Say where the person can collect the items"},
    )
    in_writing = forms.BooleanField(label="The direction to surrender was given in writing", required=False)
    not_in_writing_reason = text_field("If not in writing, why that was not reasonably practicable")
    told_offence = forms.BooleanField(
        label="The person was told that failing without reasonable excuse to comply is an offence",
        required=False,
    )
    not_told_reason = text_field("If they were not told, why that was not reasonably practicable")


class DispersalItemReturnForm(GovukFormMixin, forms.Form):
    returned_at = datetime_field(
        "Returned at",
        required_message="Enter when the items were returned",
        help_text="Not before the exclusion period ends (s.37).",
    )
    returned_to = forms.CharField(
        label="Returned to",
        max_length=200,
        error_messages={"required": "Say who the items were returned to"},
    )
