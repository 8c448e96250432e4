from __future__ import annotations

import re
from typing import Any

from django import forms

from csphub.frontend.forms import GovukDateField, GovukFormMixin
from csphub.planning.board import selectors
from csphub.planning.problem_solving import ResponseStatus

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class PlanOpenForm(GovukFormMixin, forms.Form):
    place = forms.ChoiceField(
        label="Hot spot",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the hot spot the plan is for"},
    )
    title = forms.CharField(
        label="Name of the plan",
        max_length=200,
        required=False,
        help_text="Leave blank to name it after the place.",
    )

    def __init__(self, *args: Any, places: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = [  # type: ignore[attr-defined]
            (
                p.key,
                f"{p.label}: {p.count} crimes in {len(p.cells)} grid square{'s' if len(p.cells) != 1 else ''}",
            )
            for p in places
        ]


class PlanStagesForm(GovukFormMixin, forms.Form):
    scanning = forms.CharField(
        label="Scanning: what is the problem?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What is happening, where and when, and who raised it. Describe the place and the "
        "pattern; do not name people (their details belong in a case record).",
    )
    analysis = forms.CharField(
        label="Analysis: why does it happen here?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The problem analysis triangle: the place, the offending and the targets; what the "
        "data and the partners' knowledge show.",
    )
    response_started = forms.CharField(
        label="Month the response began",
        required=False,
        max_length=7,
        help_text="Year and month, for example 2024-07. Leave blank until the response has begun.",
    )

    def clean_response_started(self) -> str:
        value = self.cleaned_data["response_started"].strip()
        if value and not _MONTH.match(value):
            raise forms.ValidationError(
                "Enter the month the response began as year and month, for example 2024-07"
            )
        return value


class ResponseForm(GovukFormMixin, forms.Form):
    agency = forms.ModelChoiceField(
        label="Partner agency",
        queryset=selectors.partner_agencies(),
        error_messages={"required": "Choose the agency that will take the action"},
    )
    action = forms.CharField(
        label="Action",
        max_length=300,
        help_text="For example: Increase patrols on Friday and Saturday evenings",
        error_messages={"required": "Enter the action"},
    )
    due_on = GovukDateField(label="Due by")


class ResponseStatusForm(GovukFormMixin, forms.Form):
    status = forms.ChoiceField(
        label="Status", choices=ResponseStatus.choices, error_messages={"required": "Choose the status"}
    )


class PartnerUploadForm(GovukFormMixin, forms.Form):
    agency = forms.ModelChoiceField(
        label="Agency that supplied the counts",
        queryset=selectors.partner_agencies(),
        error_messages={"required": "Choose the agency that supplied the counts"},
    )
    data_file = forms.FileField(
        label="CSV file of counts",
        help_text="Columns month, area_code, measure and value, as the data dictionary describes.",
        error_messages={"required": "Choose the CSV file of counts"},
    )


class BoardPackForm(GovukFormMixin, forms.Form):
    quarter = forms.ChoiceField(
        label="Quarter", widget=forms.RadioSelect, error_messages={"required": "Choose the quarter"}
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = []
        for q in selectors.ended_quarters():
            start, end = selectors.quarter_bounds(q)
            choices.append((q, f"{start:%B} to {end:%B %Y}"))
        self.fields["quarter"].choices = choices  # type: ignore[attr-defined]
