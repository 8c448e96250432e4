from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from csphub.core.concurrency import VersionedFormMixin
from csphub.frontend.forms import GovukDateField, GovukFormMixin
from csphub.people.models import PersonKind


class PersonForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Who is this?",
        choices=PersonKind.choices,
        widget=forms.RadioSelect,
        initial=PersonKind.INDIVIDUAL,
    )
    given_name = forms.CharField(label="First name", required=False, max_length=100)
    family_name = forms.CharField(label="Last name", required=False, max_length=100)
    known_as = forms.CharField(
        label="Known as, or name of the group or organisation", required=False, max_length=200
    )
    date_of_birth = GovukDateField(
        label="Date of birth",
        required=False,
        help_text="For example, 27 3 2007. Needed for the youth rules of the 2014 Act.",
    )
    gender = forms.CharField(label="Gender", required=False, max_length=40)
    phone = forms.CharField(label="Phone number", required=False, max_length=40)
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    ethnicity = forms.CharField(label="Ethnicity (special category data)", required=False, max_length=80)
    vulnerability_notes = forms.CharField(
        label="Vulnerabilities (special category data)",
        required=False,
        widget=forms.Textarea,
        help_text="Health, disability or other vulnerability relevant to keeping this person safe.",
    )
    is_restricted = forms.BooleanField(
        label="Restrict this record to named users only",
        required=False,
        help_text="For example a member of staff, or someone at high risk. Only people named on it will see it.",
    )

    def clean_date_of_birth(self) -> dt.date | None:
        value: dt.date | None = self.cleaned_data.get("date_of_birth")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == PersonKind.INDIVIDUAL and not (
            data.get("given_name") or data.get("family_name") or data.get("known_as")
        ):
            self.add_error("given_name", "Enter the person's first name, last name or how they are known")
        if data.get("kind") in (PersonKind.GROUP, PersonKind.ORGANISATION) and not data.get("known_as"):
            self.add_error("known_as", "Enter the name of the group or organisation")
        return data


class PersonEditForm(VersionedFormMixin, PersonForm):
    """Change a person's details; carries the version it was read at (no lost updates)."""


class PersonSearchForm(forms.Form):
    q = forms.CharField(label="Search by name", required=False, max_length=100)


class SeenByFilterForm(GovukFormMixin, forms.Form):
    date_from = GovukDateField(label="From", required=False, help_text="For example, 27 3 2026.")
    date_to = GovukDateField(label="To", required=False, help_text="For example, 27 3 2026.")
    agency: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Agency", required=False, queryset=None, empty_label="All agencies"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from csphub.agencies.selectors import agency_list

        self.fields["agency"].queryset = agency_list()  # type: ignore[attr-defined]
