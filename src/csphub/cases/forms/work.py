"""The work on a case: tasks, notes and documents."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from csphub.cases.forms.common import _required, _user_label
from csphub.cases.models import NoteVisibility
from csphub.frontend.forms import GovukDateField, GovukFormMixin


class TaskForm(GovukFormMixin, forms.Form):
    title = forms.CharField(
        label="What needs to be done?",
        max_length=200,
        error_messages=_required("Enter what needs to be done"),
    )
    due_on = GovukDateField(
        label="Due date",
        help_text="For example, 27 3 2026.",
        error_messages={
            "required": "Enter the date the task is due",
            "invalid": "The due date must be a real date",
        },
    )
    owner: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Owner",
        queryset=None,
        empty_label="Select",  # type: ignore[arg-type]
        help_text="Only people who may see this case are listed.",
        error_messages=_required("Select who will do it"),
    )
    details = forms.CharField(
        label="Details (optional)", widget=forms.Textarea, required=False, max_length=2000
    )

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = owners
        field.label_from_instance = _user_label  # type: ignore[method-assign,assignment]

    def clean_due_on(self) -> Any:
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise forms.ValidationError("The due date must be today or in the future")
        return due_on


class NoteForm(GovukFormMixin, forms.Form):
    text = forms.CharField(
        label="Note", widget=forms.Textarea, max_length=10000, error_messages=_required("Enter the note")
    )
    visibility = forms.ChoiceField(
        label="Who can see this note?",
        choices=NoteVisibility.choices,
        widget=forms.RadioSelect,
        initial=NoteVisibility.AGENCY,
        error_messages=_required("Select who can see the note"),
    )


class DocumentForm(GovukFormMixin, forms.Form):
    title = forms.CharField(
        label="Title", max_length=200, error_messages=_required("Enter a title for the document")
    )
    file = forms.FileField(
        label="File",
        error_messages={
            "required": "Select a file",
            "empty": "The selected file is empty",
            "invalid": "Select a file",
        },
    )
    visibility = forms.ChoiceField(
        label="Who can see this document?",
        choices=NoteVisibility.choices,
        widget=forms.RadioSelect,
        initial=NoteVisibility.AGENCY,
        error_messages=_required("Select who can see the document"),
    )
