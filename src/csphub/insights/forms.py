from __future__ import annotations

from typing import Any

from django import forms

from csphub.frontend.forms import GovukFormMixin


class AssessmentForm(GovukFormMixin, forms.Form):
    area = forms.CharField(
        label="Area",
        max_length=200,
        initial="Amber Valley",
        help_text=(
            "A partnership, district, police force area or ward of England and Wales, by name or code "
            "(for example Amber Valley, E07000032, or the ward Ripley, Amber Valley), or LSOA codes "
            "(2011 or 2021) separated by commas."
        ),
        error_messages={"required": "Enter the area to assess"},
    )
    date_from = forms.RegexField(
        label="First month",
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        help_text="For example 2024-01",
        error_messages={
            "required": "Enter the first month",
            "invalid": "Enter the first month as YYYY-MM, for example 2024-01",
        },
        widget=forms.TextInput(attrs={"data-width": "10"}),
    )
    date_to = forms.RegexField(
        label="Last month",
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        help_text="For example 2024-12",
        error_messages={
            "required": "Enter the last month",
            "invalid": "Enter the last month as YYYY-MM, for example 2024-12",
        },
        widget=forms.TextInput(attrs={"data-width": "10"}),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or more files from one file input."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class DataUploadForm(GovukFormMixin, forms.Form):
    data_files = MultipleFileField(
        label="police.uk files",
        help_text=(
            "The zip file as downloaded from data.police.uk, or its CSV files (for example "
            "2024-01-derbyshire-street.csv). You can choose several files."
        ),
        error_messages={"required": "Choose the zip file or the CSV files to upload"},
        widget=MultipleFileInput(attrs={"accept": ".zip,.csv,.gz"}),
    )
