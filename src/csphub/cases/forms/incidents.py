"""Recording and editing an incident."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from csphub.cases import rules
from csphub.cases.forms.common import EMPTY, _required
from csphub.cases.models import AsbType, Category, Channel
from csphub.core.concurrency import VERSION_FIELD, VersionedFormMixin
from csphub.frontend.forms import GovukDateTimeField, GovukFormMixin
from csphub.people.services import POSTCODE_MESSAGE, is_postcode


class IncidentForm(GovukFormMixin, forms.Form):
    occurred_at = GovukDateTimeField(
        label="When did it happen?",
        help_text="For example, 27 3 2026 and 21:30 or 9:30pm.",
        error_messages={
            "required": "Enter the date and time the incident happened",
            "incomplete": "The date and time it happened must include a %(missing)s",
            "invalid": "The date it happened must be a real date",
        },
    )
    reported_at = GovukDateTimeField(
        label="When was it reported?",
        help_text="For example, 28 3 2026 and 09:15.",
        error_messages={
            "required": "Enter the date and time the incident was reported",
            "incomplete": "The date and time it was reported must include a %(missing)s",
            "invalid": "The date it was reported must be a real date",
        },
    )
    channel = forms.ChoiceField(
        label="How was it reported?",
        choices=EMPTY + Channel.choices,
        error_messages=_required("Select how the incident was reported"),
    )
    asb_type = forms.ChoiceField(
        label="Type of anti-social behaviour",
        choices=AsbType.choices,
        widget=forms.RadioSelect,
        help_text="Personal: targeted at a person or group. Nuisance: affects a community. Environmental: "
        "damage to places.",
        error_messages=_required("Select the type of anti-social behaviour"),
    )
    category = forms.ChoiceField(
        label="Category",
        choices=EMPTY + Category.choices,
        error_messages=_required("Select the category of anti-social behaviour"),
    )
    description = forms.CharField(
        label="What happened?",
        widget=forms.Textarea,
        max_length=5000,
        error_messages=_required("Enter a description of what happened"),
    )
    is_hate_motivated = forms.BooleanField(
        label="The reporter or officer perceives it as motivated by hostility or prejudice (hate incident)",
        required=False,
    )
    police_reference = forms.CharField(label="Police reference (optional)", required=False, max_length=40)
    victim_given_name = forms.CharField(
        label="Victim's first name (optional)", required=False, max_length=100
    )
    victim_family_name = forms.CharField(
        label="Victim's last name (optional)", required=False, max_length=100
    )
    # A name is asked as the person gives it, never split by guessing (new-user review item 22:
    # "Occupant of Flat 2" was stored as first name "Occupant of Flat", last name "2").
    perpetrator_given_name = forms.CharField(
        label="Alleged perpetrator's first name (optional)", required=False, max_length=100
    )
    perpetrator_family_name = forms.CharField(
        label="Alleged perpetrator's last name (optional)", required=False, max_length=100
    )
    perpetrator_known_as = forms.CharField(
        label="Or how the alleged perpetrator or group is known (optional)",
        required=False,
        max_length=200,
        help_text="When the name is not known, for example 'Occupant of Flat 2', or for a group "
        "'Group at Market Place skate park'.",
    )
    perpetrator_is_group = forms.BooleanField(label="The alleged perpetrator is a group", required=False)
    address_line_1 = forms.CharField(label="Address line 1 (optional)", required=False, max_length=200)
    address_town = forms.CharField(label="Town (optional)", required=False, max_length=100)
    address_postcode = forms.CharField(label="Postcode (optional)", required=False, max_length=10)
    uprn = forms.RegexField(
        label="UPRN (optional)",
        regex=r"^\d{1,12}$",
        required=False,
        error_messages={"invalid": "UPRN must be up to 12 digits"},
    )
    location_description = forms.CharField(
        label="Where, if not an address (optional)",
        required=False,
        max_length=200,
        help_text="For example 'Footpath behind Ripley library'.",
    )
    latitude = forms.FloatField(
        label="Latitude (optional)",
        required=False,
        error_messages={"invalid": "Latitude must be a number, like 53.0497"},
    )
    longitude = forms.FloatField(
        label="Longitude (optional)",
        required=False,
        error_messages={"invalid": "Longitude must be a number, like -1.4057"},
    )
    # Set when the form is reached from a person page ("record an incident for this person").
    victim_id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_address_postcode(self) -> str:
        postcode = str(self.cleaned_data.get("address_postcode") or "").strip()
        if postcode and not is_postcode(postcode):
            raise forms.ValidationError(POSTCODE_MESSAGE)
        return postcode

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # Run the pure date rules here too, so every date problem is shown at once.
        occurred, reported = data.get("occurred_at"), data.get("reported_at")
        if occurred and reported:
            for problem in rules.incident_date_problems(
                occurred_at=occurred, reported_at=reported, now=timezone.now()
            ):
                self.add_error(problem.field, problem.message)
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", "Enter both latitude and longitude, or neither")
        if data.get("perpetrator_is_group") and not data.get("perpetrator_known_as"):
            self.add_error("perpetrator_known_as", "Enter how the group is known")
        return data


class IncidentEditForm(VersionedFormMixin, IncidentForm):
    """The fields of a recorded incident that may be corrected (people and places are linked separately)."""

    EDITABLE = (
        "occurred_at",
        "reported_at",
        "channel",
        "asb_type",
        "category",
        "description",
        "is_hate_motivated",
        "police_reference",
        "location_description",
        "uprn",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in self.EDITABLE and name != VERSION_FIELD:
                del self.fields[name]
