"""Forms of the CSP Plan pages (GOV.UK components; edits carry their version)."""

from __future__ import annotations

from typing import Any

from django import forms

from csphub.agencies.models import Agency
from csphub.core.concurrency import VersionedFormMixin
from csphub.frontend.forms import GovukDateField, GovukFormMixin
from csphub.planning.models import ActionStatus, Rag


class ActionForm(GovukFormMixin, forms.Form):
    title = forms.CharField(
        label="What will be done",
        max_length=300,
        error_messages={"required": "Enter what will be done"},
    )
    owner_agency = forms.ModelChoiceField(
        label="Which partner owns it?",
        queryset=Agency.objects.order_by("name"),
        empty_label="Select",
        error_messages={"required": "Select the partner that owns the action"},
    )
    lead = forms.CharField(
        label="Lead (a post, not a person's name)",
        max_length=150,
        help_text="For example 'ASB team leader' or 'Neighbourhood inspector, Ripley'.",
        error_messages={"required": "Enter the post that leads the action"},
    )
    due_on = GovukDateField(label="Due by", help_text="For example, 31 3 2022.")
    status = forms.ChoiceField(
        label="Status",
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        initial=ActionStatus.NOT_STARTED,
    )
    rag = forms.ChoiceField(
        label="How is it going?", choices=Rag.choices, widget=forms.RadioSelect, initial=Rag.GREEN
    )
    rag_reason = forms.CharField(
        label="Why amber or red, and what is being done (needed when not green)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    assessment_finding = forms.CharField(
        label="The Strategic Assessment finding it answers (optional)",
        required=False,
        max_length=300,
        help_text="For example 'ASB hot spot persisting in Ripley town centre'. This is the golden thread "
        "from the evidence to the action.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("rag") in ("amber", "red") and not str(data.get("rag_reason", "")).strip():
            self.add_error("rag_reason", "Enter why the action is amber or red, and what is being done")
        return data


class ActionEditForm(VersionedFormMixin, ActionForm):
    pass


class NarrativeForm(VersionedFormMixin, GovukFormMixin, forms.Form):
    foreword = forms.CharField(label="Foreword", required=False, widget=forms.Textarea(attrs={"rows": 6}))
    about = forms.CharField(
        label="About the partnership", required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    governance = forms.CharField(
        label="Governance: how the plan is overseen", required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    contacts = forms.CharField(label="Contacts", required=False, widget=forms.Textarea(attrs={"rows": 5}))


class PublishForm(GovukFormMixin, forms.Form):
    agreed = forms.BooleanField(
        label="The board has agreed this version of the plan",
        error_messages={"required": "Confirm that the board has agreed this version"},
    )
