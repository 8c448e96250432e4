"""Sharing a case with another agency, withdrawing a share and answering a share request."""

from __future__ import annotations

from typing import Any

from django import forms

from csphub.agencies.models import ShareScope
from csphub.cases.forms.common import _required
from csphub.frontend.forms import GovukDateField, GovukFormMixin


class CaseShareForm(GovukFormMixin, forms.Form):
    """Share a case with a named partner under an information sharing agreement (the owner only)."""

    agency: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Which partner agency?",
        queryset=None,
        empty_label="Select",  # type: ignore[arg-type]
        error_messages=_required("Select the agency to share the case with"),
    )
    agreement: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Under which information sharing agreement?",
        queryset=None,
        empty_label="Select",  # type: ignore[arg-type]
        help_text="Both agencies must be parties to it, and it must be in force.",
        error_messages=_required("Select the information sharing agreement"),
    )
    scope = forms.ChoiceField(
        label="How much of the case?",
        choices=ShareScope.choices,
        widget=forms.RadioSelect,
        initial=ShareScope.FULL,
        error_messages=_required("Select how much of the case to share"),
    )
    reason = forms.CharField(
        label="Why are you sharing it?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The purpose, as the agreement allows it. Kept in the audit log.",
        error_messages=_required("Enter the reason for sharing"),
    )
    expires_on = GovukDateField(
        label="Share until (optional)",
        required=False,
        help_text="The last day the partner can see the case, for example 31 3 2027. Leave it empty to "
        "share until you withdraw it or the agreement ends.",
    )

    def __init__(self, *args: Any, agencies: Any, agreements: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency_field, agreement_field = self.fields["agency"], self.fields["agreement"]
        assert isinstance(agency_field, forms.ModelChoiceField)
        assert isinstance(agreement_field, forms.ModelChoiceField)
        agency_field.queryset = agencies
        agreement_field.queryset = agreements
        agreement_field.label_from_instance = lambda a: f"{a.reference} {a.name}"  # type: ignore[method-assign,assignment]


class CaseShareWithdrawForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why are you withdrawing it?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the audit log. The partner is told the case is no longer shared, not why.",
        error_messages=_required("Enter why you are withdrawing the share"),
    )


class ShareRequestAnswerForm(GovukFormMixin, forms.Form):
    """The holding agency's answer to a record-locator request: share chosen cases, or decline."""

    decision = forms.ChoiceField(
        label="Will you share your record?",
        choices=[("shared", "Yes, share cases about this person"), ("declined", "No, do not share")],
        widget=forms.RadioSelect,
        error_messages=_required("Select whether you will share the record"),
    )
    cases: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label="Which cases? (if sharing)",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Your agency's cases this person is a party to.",
    )
    scope = forms.ChoiceField(
        label="How much of each case? (if sharing)",
        choices=ShareScope.choices,
        widget=forms.RadioSelect,
        initial=ShareScope.FULL,
        required=False,
    )
    expires_on = GovukDateField(
        label="Share until (optional)",
        required=False,
        help_text="The last day the partner can see the cases, for example 31 3 2027.",
    )
    reason = forms.CharField(
        label="Your reason",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why you are sharing, as the agreement allows, or why not. The requesting agency is told it.",
        error_messages=_required("Enter your reason"),
    )

    def __init__(self, *args: Any, cases: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["cases"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = cases
        field.label_from_instance = lambda case: f"{case.reference}: {case.summary}"  # type: ignore[method-assign,assignment]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "shared":
            if not data.get("cases"):
                self.add_error("cases", "Select the cases to share")
            if not data.get("scope"):
                self.add_error("scope", "Select how much of each case to share")
        return data
