"""Domestic Homicide Reviews: the police notification's questions, and each step of the review."""

from __future__ import annotations

from typing import Any

from django import forms

from csphub.duties.models import ActionStatus, Decision, PseudonymRole, QaOutcome, Relationship
from csphub.frontend.forms import GovukDateField, GovukFormMixin

YES_NO = [("yes", "Yes"), ("no", "No")]


def _required(message: str) -> dict[str, str]:
    return {"required": message}


def _text(label: str, message: str, *, rows: int = 4, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
        error_messages=_required(message),
    )


def _line(label: str, message: str, *, required: bool = True) -> forms.CharField:
    return forms.CharField(label=label, max_length=200, required=required, error_messages=_required(message))


class NotificationForm(GovukFormMixin, forms.Form):
    notified_on = GovukDateField(label="Date the police notified the partnership in writing")
    notifying_force = _line("Police force that notified you", "Enter the police force that notified you")
    deceased_name = _line("Full name of the person who died", "Enter the name of the person who died")
    deceased_age = forms.IntegerField(
        label="Their age when they died (if known)",
        min_value=0,
        max_value=130,
        required=False,
        error_messages={"invalid": "Enter their age as a number", "min_value": "Age cannot be negative"},
    )
    died_on = GovukDateField(label="Date of death (if known)", required=False)
    relationship = forms.ChoiceField(
        label="Who is suspected of the violence, abuse or neglect?",
        choices=Relationship.choices,
        widget=forms.RadioSelect,
        help_text="Section 9 covers a relative, a current or former partner, or a member of the same household.",
        error_messages=_required("Select who is suspected"),
    )
    suspected_suicide = forms.TypedChoiceField(
        label="Is the death a suspected suicide?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        coerce=lambda v: v == "yes",
        error_messages=_required("Select whether the death is a suspected suicide"),
    )
    circumstances = _text("Circumstances", "Describe the circumstances", rows=6)


class DecisionForm(GovukFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select the decision"),
    )
    decided_on = GovukDateField(label="Date of the decision")
    reasons = _text("Reasons for the decision", "Enter the reasons for the decision")


class HomeOfficeForm(GovukFormMixin, forms.Form):
    told_on = GovukDateField(label="Date the Home Office was told of the decision")


class ChairForm(GovukFormMixin, forms.Form):
    chair_name = _line("Name of the independent chair", "Enter the chair's name")
    appointed_on = GovukDateField(label="Date of the appointment")
    independence = _text(
        "How is the chair independent?",
        "Say how the chair is independent of the agencies involved",
        help_text="The chair must not work for, or have been directly involved with, any agency under review.",
    )


class PanelMemberForm(GovukFormMixin, forms.Form):
    agency_name = _line("Agency", "Enter the agency")
    representative = _line("Representative", "Enter the agency's representative")
    role = _line("Their role (optional)", "", required=False)
    joined_on = GovukDateField(label="Date they joined the panel")


class ExtensionForm(GovukFormMixin, forms.Form):
    agreed_on = GovukDateField(label="Date the extension was agreed")
    new_due_on = GovukDateField(label="New target date for the report")
    reason = _text(
        "Reason for the extension",
        "Enter the reason for the extension",
        help_text="For example, parallel criminal proceedings or an inquest.",
    )


class ReportForm(GovukFormMixin, forms.Form):
    completed_on = GovukDateField(
        label="Date the overview report, executive summary and action plan were completed"
    )


class QaSubmitForm(GovukFormMixin, forms.Form):
    submitted_on = GovukDateField(label="Date sent to the Home Office Quality Assurance Panel")


class QaOutcomeForm(GovukFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label="The Panel's outcome",
        choices=QaOutcome.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select the Panel's outcome"),
    )
    outcome_on = GovukDateField(label="Date of the Panel's letter")


class PublishForm(GovukFormMixin, forms.Form):
    published_on = GovukDateField(label="Date of publication")
    publication_url = forms.URLField(
        assume_scheme="https",
        label="Web address of the published report",
        max_length=200,
        error_messages={"required": "Enter the web address", "invalid": "Enter a full web address"},
    )
    anonymised = forms.TypedChoiceField(
        label="Is the published report anonymised?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        coerce=lambda v: v == "yes",
        error_messages=_required("Select whether the report is anonymised"),
    )


class RecommendationForm(GovukFormMixin, forms.Form):
    text = _text("Recommendation", "Enter the recommendation")
    agency_name = _line("Agency it is for", "Enter the agency it is for")


class ActionForm(GovukFormMixin, forms.Form):
    recommendation = forms.TypedChoiceField(
        label="Recommendation",
        widget=forms.RadioSelect,
        coerce=int,
        error_messages=_required("Select the recommendation"),
    )
    description = _text("Action", "Describe the action")
    owner = _line("Owner (person and agency)", "Enter who owns the action")
    due_on = GovukDateField(label="Due date")

    def __init__(self, *args: Any, recommendations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["recommendation"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(str(r.pk), f"{r.number}. {r.text[:80]}") for r in recommendations]


class ActionProgressForm(GovukFormMixin, forms.Form):
    status = forms.ChoiceField(
        label="How far has the action got?",
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select how far the action has got"),
    )
    progress = forms.CharField(
        label="Progress (optional)", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    completed_on = GovukDateField(label="Date completed (if complete)", required=False)


class PseudonymForm(GovukFormMixin, forms.Form):
    role = forms.ChoiceField(
        label="Who are they?",
        choices=PseudonymRole.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select who they are"),
    )
    real_name = _line("Their real name, as the report names them", "Enter their real name")
    pseudonym = forms.CharField(
        label="The pseudonym the chair agreed (with the family where they wished)",
        max_length=100,
        help_text="For example, a first name the family chose, or Adult A. It must not contain any part "
        "of a real name.",
        error_messages=_required("Enter the pseudonym"),
    )
