"""Panels: the panel, its meetings, agenda, decisions and minutes."""

from __future__ import annotations

from typing import Any

from django import forms

from csphub.cases.forms.common import _required, _user_label
from csphub.cases.models import PanelKind
from csphub.core.concurrency import VersionedFormMixin
from csphub.frontend.forms import GovukDateField, GovukDateTimeField, GovukFormMixin


class PanelForm(GovukFormMixin, forms.Form):
    name = forms.CharField(
        label="Panel name", max_length=200, error_messages=_required("Enter the name of the panel")
    )
    kind = forms.ChoiceField(
        label="Kind of panel",
        choices=PanelKind.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select the kind of panel"),
    )
    agreement: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Information sharing agreement",
        queryset=None,  # type: ignore[arg-type]
        empty_label="Select",
        error_messages=_required("Select the agreement the panel works under"),
    )

    def __init__(self, *args: Any, agreements: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = agreements  # type: ignore[attr-defined]


class MeetingForm(GovukFormMixin, forms.Form):
    held_at = GovukDateTimeField(
        label="Date and time",
        help_text="For example, 27 3 2026 and 10:00.",
        error_messages={
            "required": "Enter the date and time of the meeting",
            "incomplete": "The date and time of the meeting must include a %(missing)s",
            "invalid": "The date of the meeting must be a real date",
        },
    )
    location = forms.CharField(label="Location (optional)", required=False, max_length=200)
    attending_agencies: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label="Attending agencies",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,  # type: ignore[arg-type]
        error_messages=_required("Select the agencies attending"),
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attending_agencies"].queryset = agencies  # type: ignore[attr-defined]


class AgendaAddForm(GovukFormMixin, forms.Form):
    case_reference = forms.CharField(
        label="Case reference",
        max_length=20,
        help_text="For example ASB-000123.",
        error_messages=_required("Enter the case reference"),
    )
    reason = forms.CharField(
        label="Why is the case coming to the panel?",
        widget=forms.Textarea,
        max_length=500,
        error_messages=_required("Enter why the case is coming to the panel"),
    )

    def clean_case_reference(self) -> int:
        raw = self.cleaned_data["case_reference"].strip().upper()
        digits = raw[4:] if raw.startswith("ASB-") else raw
        if not digits.isdigit():
            raise forms.ValidationError("Enter a case reference like ASB-000123")
        return int(digits)


class DecisionForm(VersionedFormMixin, GovukFormMixin, forms.Form):
    VERSIONED = ("decision",)

    decision = forms.CharField(
        label="Decision",
        widget=forms.Textarea,
        max_length=5000,
        error_messages=_required("Enter the panel's decision"),
    )
    action_title = forms.CharField(label="Action (optional)", required=False, max_length=200)
    action_owner: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Action owner",
        queryset=None,
        required=False,  # type: ignore[arg-type]
        empty_label="Select",
    )
    action_due_on = GovukDateField(
        label="Action due date",
        required=False,
        help_text="For example, 27 3 2026.",
        error_messages={"invalid": "The action due date must be a real date"},
    )

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["action_owner"]
        field.queryset = owners  # type: ignore[attr-defined]
        field.label_from_instance = _user_label  # type: ignore[attr-defined]


class MinutesForm(VersionedFormMixin, GovukFormMixin, forms.Form):
    VERSIONED = ("minutes",)

    minutes = forms.CharField(
        label="Minutes",
        widget=forms.Textarea,
        max_length=50000,
        error_messages=_required("Enter the minutes"),
    )
