"""Serious Violence Duty: a document version, its publication, an authority."""

from __future__ import annotations

from django import forms

from csphub.duties.models import AuthorityType, SvdDocumentKind
from csphub.frontend.forms import GovukDateField, GovukFormMixin

YES_NO = [("yes", "Yes"), ("no", "No")]


class DocumentForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Which document is it?",
        choices=SvdDocumentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select which document it is"},
    )
    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Enter the title"})
    summary = forms.CharField(
        label="What it says",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="For the definition, the definition itself; for the others, a summary.",
        error_messages={"required": "Summarise what it says"},
    )
    agreed_on = GovukDateField(label="Date the specified authorities agreed it")


class PublishForm(GovukFormMixin, forms.Form):
    published_on = GovukDateField(label="Date of publication")
    publication_url = forms.URLField(
        assume_scheme="https",
        label="Web address where it is published (optional)",
        max_length=200,
        required=False,
        error_messages={"invalid": "Enter a full web address"},
    )


class AuthorityForm(GovukFormMixin, forms.Form):
    authority_type = forms.ChoiceField(
        label="Kind of authority",
        choices=AuthorityType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of authority"},
    )
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter the authority's name"}
    )
    taking_part = forms.TypedChoiceField(
        label="Is it taking part?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        coerce=lambda v: v == "yes",
        error_messages={"required": "Select whether it is taking part"},
    )
    contribution = forms.CharField(
        label="What it contributes (optional)", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
