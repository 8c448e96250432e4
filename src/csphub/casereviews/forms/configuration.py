"""Forms of the configuration and case-change pages (question page, check answers, save)."""

from __future__ import annotations

from typing import Any

from django import forms

from csphub.agencies.models import Agency
from csphub.casereviews import rules
from csphub.casereviews.forms.public import date_field
from csphub.frontend.forms import GovukDateField, GovukFormMixin


def working_days_field(label: str, help_text: str) -> forms.IntegerField:
    message = f"Enter the {label.lower()} as a whole number of working days from 1 to 260"
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=1,
        max_value=260,
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "required": message,
            "invalid": message,
            "min_value": message,
            "max_value": message,
        },
    )


class AreaConfigureForm(GovukFormMixin, forms.Form):
    managing_agency = forms.ModelChoiceField(
        label="Agency that runs the procedure (the single point of contact)",
        queryset=Agency.objects.all(),
        help_text="It owns new applications. Applications already received stay with the agency that has them.",
        error_messages={"required": "Select the agency that runs the procedure"},
    )
    relevant_bodies = forms.ModelMultipleChoiceField(
        label="Relevant bodies taking part",
        queryset=Agency.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text="The council, police, health bodies and co-opted social housing providers (s.105). "
        "The agency that runs the procedure always takes part.",
        error_messages={"required": "Select the relevant bodies taking part"},
    )
    contact_team = forms.CharField(
        label="Team applicants contact",
        max_length=200,
        error_messages={"required": "Enter the team applicants contact"},
    )
    contact_email = forms.EmailField(
        label="Team e-mail address",
        error_messages={
            "required": "Enter the team's e-mail address",
            "invalid": "Enter an e-mail address in the correct format, like name@example.gov.uk",
        },
    )
    contact_phone = forms.CharField(
        label="Team phone number",
        max_length=40,
        error_messages={"required": "Enter the team's phone number"},
    )
    default_spoc = forms.ModelChoiceField(
        label="Default single point of contact (optional)",
        queryset=Agency.objects.none(),
        required=False,
        help_text="Given to new applicants until staff assign someone else",
    )
    appeal_body_name = forms.CharField(
        label="Who hears appeals",
        max_length=200,
        help_text="For example, the Derbyshire Police and Crime Commissioner",
        error_messages={"required": "Enter who hears appeals, for example the Police and Crime Commissioner"},
    )
    appeal_body_contact = forms.CharField(
        label="Appeal body's address (optional)", max_length=300, required=False
    )
    acknowledge_wd = working_days_field("Time to acknowledge", "Working days from receipt")
    threshold_decision_wd = working_days_field("Time to decide the threshold", "Working days from receipt")
    review_meeting_wd = working_days_field(
        "Time to hold the review meeting", "Working days from the decision that the threshold is met"
    )
    outcome_letter_wd = working_days_field(
        "Time to send the outcome letter", "Working days after the meeting"
    )
    appeal_window_wd = working_days_field(
        "Time the applicant has to appeal",
        "Working days after the outcome letter or a decision that the threshold is not met",
    )
    appeal_decision_wd = working_days_field("Time to decide an appeal", "Working days from the appeal")

    LEVEL_FIELDS = (
        "acknowledge_wd",
        "threshold_decision_wd",
        "review_meeting_wd",
        "outcome_letter_wd",
        "appeal_window_wd",
        "appeal_decision_wd",
    )

    def __init__(self, *args: Any, spoc_queryset: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        spoc_field = self.fields["default_spoc"]
        spoc_field.queryset = spoc_queryset  # type: ignore[attr-defined]
        spoc_field.label_from_instance = lambda user: user.get_full_name() or user.username  # type: ignore[attr-defined]
        spoc_field.error_messages["invalid_choice"] = "Select a single point of contact from the list"

    def service_kwargs(self) -> dict[str, Any]:
        # The form's own answers only (a version it carries is for the edit check, not the service).
        data = {name: value for name, value in self.cleaned_data.items() if name in self.base_fields}
        levels = rules.ServiceLevels(**{name: data.pop(name) for name in self.LEVEL_FIELDS})
        return {**data, "service_levels": levels}


class RuleSetForm(GovukFormMixin, forms.Form):
    version = forms.CharField(
        label="Version label",
        max_length=40,
        help_text="A name that is new for this area, for example 'local-2026-04'. Decisions record it.",
        error_messages={"required": "Enter a label for this version"},
    )
    effective_from = date_field(
        "Date the rules take effect",
        required_message="Enter the date the rules take effect",
        help_text="Applications received on or after this date are decided under these rules",
    )
    qualifying_complaints_required = forms.IntegerField(
        label="Qualifying complaints that meet the threshold",
        help_text="3 is the statutory number. You may set 1, 2 or 3, never more (s.104(4)).",
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-2", "inputmode": "numeric"}),
        error_messages={
            "required": "Enter the number of qualifying complaints, from 1 to 3",
            "invalid": "Enter the number of qualifying complaints as a whole number from 1 to 3",
        },
    )
    count_same_incident_once = forms.BooleanField(
        label="Count one incident reported to several agencies once towards the local number",
        required=False,
        help_text="The statutory test of three complaints still counts every complaint made",
    )
    distinct_complainants_required = forms.IntegerField(
        label="Different people complaining that also meets the threshold (optional)",
        required=False,
        help_text="For example 5: five different people complained in the six months before the application",
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-2", "inputmode": "numeric"}),
        error_messages={
            "invalid": "Enter the number of different people as a whole number, or leave it empty"
        },
    )
    hate_incident_meets_threshold = forms.BooleanField(
        label="One qualifying complaint about a hate incident meets the threshold", required=False
    )
    description = forms.CharField(
        label="Describe the rules as you publish them",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Describe the rules in plain English, as your published procedure does"},
    )
    pcc_consulted_on = GovukDateField(
        label="Date the police and crime commissioner was consulted",
        required=False,
        help_text="Sch 4: the PCC is consulted when the procedure is made or revised. For example, 27 3 2026",
    )
    housing_consulted_on = GovukDateField(
        label="Date the housing providers were consulted",
        required=False,
        help_text="Sch 4: the social housing providers the partnership thinks appropriate. For example, 27 3 2026",
    )

    def clean_qualifying_complaints_required(self) -> int:
        value: int = self.cleaned_data["qualifying_complaints_required"]
        if value > rules.STATUTORY_QUALIFYING_COMPLAINTS:
            raise forms.ValidationError(
                "Enter 3 or fewer: the law does not allow a threshold above three qualifying complaints, "
                "so local rules can widen the statutory test but never narrow it"
            )
        if value < 1:
            raise forms.ValidationError("Enter a number of qualifying complaints from 1 to 3")
        return value

    def clean_distinct_complainants_required(self) -> int | None:
        value: int | None = self.cleaned_data.get("distinct_complainants_required")
        if value is not None and value < 1:
            raise forms.ValidationError("Enter a number of different people of 1 or more, or leave it empty")
        return value

    def policy(self) -> rules.ThresholdPolicy:
        consultation = {"pcc_consulted_on", "housing_consulted_on"}
        fields = {k: v for k, v in self.cleaned_data.items() if k not in consultation}
        return rules.ThresholdPolicy(**{**fields, "version": self.cleaned_data["version"].strip()})

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if not self.errors:
            try:
                self.policy()
            except ValueError as error:
                raise forms.ValidationError(str(error)) from error
        return cleaned


class SpocForm(GovukFormMixin, forms.Form):
    spoc = forms.ModelChoiceField(
        label="New single point of contact",
        queryset=Agency.objects.none(),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the new single point of contact",
            "invalid_choice": "Select the new single point of contact from the list",
        },
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["spoc"]
        field.queryset = candidates  # type: ignore[attr-defined]
        field.label_from_instance = lambda user: user.get_full_name() or user.username  # type: ignore[attr-defined]


class UnlinkIncidentForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why should this incident not be linked?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, it is about a different problem or address. This is kept in the audit log.",
        error_messages={
            "required": "Enter why this incident should not be linked",
            "max_length": "Reason must be 500 characters or fewer",
        },
    )
