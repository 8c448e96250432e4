"""The questions of the agreements register."""

from __future__ import annotations

from typing import Any

from django import forms

from csphub.agencies.models import LawfulBasis
from csphub.core.concurrency import VersionedFormMixin
from csphub.frontend.forms import GovukDateField, GovukFormMixin
from csphub.governance.agreements import selectors


def _required(message: str) -> dict[str, str]:
    return {"required": message}


class AgreementForm(GovukFormMixin, forms.Form):
    reference = forms.CharField(
        label="Reference",
        max_length=40,
        help_text="As written on the signed agreement, for example AV-ISA-ASB-02.",
        error_messages=_required("Enter the agreement's reference"),
    )
    name = forms.CharField(
        label="Name", max_length=200, error_messages=_required("Enter the agreement's name")
    )
    purpose = forms.CharField(
        label="What is shared, and why",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        error_messages=_required("Enter what is shared and why"),
    )
    parties = forms.ModelMultipleChoiceField(
        label="Which agencies are parties to it?",
        queryset=selectors.party_choices(),
        widget=forms.CheckboxSelectMultiple,
        error_messages=_required("Select the agencies that are parties to the agreement"),
    )
    lawful_basis = forms.ChoiceField(
        label="Lawful basis (UK GDPR Article 6)",
        choices=LawfulBasis.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select the lawful basis"),
    )
    gateway = forms.CharField(
        label="Legal gateway (optional)",
        max_length=200,
        required=False,
        help_text="For example Crime and Disorder Act 1998 section 115.",
    )
    special_category_condition = forms.CharField(
        label="Special category condition, if any (UK GDPR Article 9 and DPA 2018 Schedule 1)",
        max_length=200,
        required=False,
    )
    criminal_offence_condition = forms.CharField(
        label="Criminal offence data condition, if any (UK GDPR Article 10 and DPA 2018 Schedule 1 Part 3)",
        max_length=200,
        required=False,
    )
    start_date = GovukDateField(label="Date it comes into force")
    review_date = GovukDateField(
        label="Date it must be reviewed by",
        help_text="If it is not reviewed by then, it lapses and nothing more is shared under it.",
    )
    partnerships = forms.ModelMultipleChoiceField(
        label="Partnerships whose records may cross between them (optional)",
        queryset=selectors.partnership_choices(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave empty for sharing within your partnership only.",
    )
    allows_record_locator = forms.BooleanField(
        label="Partners searching for a person may learn which parties hold a record about them (never what it says)",
        required=False,
    )


class ReviewForm(VersionedFormMixin, GovukFormMixin, forms.Form):
    review_date = GovukDateField(label="Date of the next review")
    note = forms.CharField(
        label="What did the review find or change?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages=_required("Enter what the review found or changed"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, versioned_fields=("review_date", "ended_on"), **kwargs)


class EndForm(VersionedFormMixin, GovukFormMixin, forms.Form):
    ends_on = GovukDateField(label="Last day the agreement is in force")
    reason = forms.CharField(
        label="Why does it end?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages=_required("Enter why the agreement ends"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, versioned_fields=("review_date", "ended_on"), **kwargs)
