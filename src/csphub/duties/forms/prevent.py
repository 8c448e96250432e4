"""Prevent and Channel: the national Prevent referral form's questions, and each Channel step."""

from __future__ import annotations

from typing import Any

from django import forms

from csphub.duties.models import ConcernType, ConsentGivenBy, ScreeningOutcome
from csphub.frontend.forms import GovukDateField, GovukFormMixin

YES_NO = [("yes", "Yes"), ("no", "No")]


def _required(message: str) -> dict[str, str]:
    return {"required": message}


class PreventReferralForm(GovukFormMixin, forms.Form):
    referred_on = GovukDateField(label="Date of the referral")
    referrer_name = forms.CharField(
        label="Your name", max_length=200, error_messages=_required("Enter your name")
    )
    referrer_role = forms.CharField(
        label="Your role and organisation",
        max_length=200,
        error_messages=_required("Enter your role and organisation"),
    )
    referrer_contact = forms.CharField(
        label="How can the Prevent team contact you?",
        max_length=200,
        error_messages=_required("Enter how the Prevent team can contact you"),
    )
    subject_name = forms.CharField(
        label="Full name of the person you are concerned about",
        max_length=200,
        error_messages=_required("Enter the name of the person you are concerned about"),
    )
    subject_date_of_birth = GovukDateField(label="Their date of birth (if known)", required=False)
    subject_address = forms.CharField(
        label="Their address (if known)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    subject_gender = forms.CharField(label="Their gender (if known)", max_length=40, required=False)
    concern_type = forms.ChoiceField(
        label="What kind of concern is it?",
        choices=ConcernType.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select what kind of concern it is"),
    )
    concerns = forms.CharField(
        label="What are your concerns?",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What you saw or heard, when, and why it worries you.",
        error_messages=_required("Describe the concerns"),
    )
    discussed_with_person = forms.TypedChoiceField(
        label="Have you discussed the referral with the person?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        coerce=lambda v: v == "yes",
        error_messages=_required("Select whether you have discussed it with them"),
    )


class ScreeningForm(GovukFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label="Outcome of the screening",
        choices=ScreeningOutcome.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select the outcome of the screening"),
    )
    screened_on = GovukDateField(label="Date of the screening")
    notes = forms.CharField(
        label="Reasons",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=_required("Enter the reasons for the outcome"),
    )


class ChannelOpenForm(GovukFormMixin, forms.Form):
    chair = forms.ChoiceField(
        label="Panel chair (local authority)",
        widget=forms.RadioSelect,
        error_messages=_required("Select the panel chair"),
    )
    first_panel_on = GovukDateField(label="Date of the first panel")

    def __init__(self, *args: Any, chairs: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        chair = self.fields["chair"]
        assert isinstance(chair, forms.ChoiceField)
        chair.choices = [(str(u.pk), u.get_full_name() or u.username) for u in chairs]


class ConsentForm(GovukFormMixin, forms.Form):
    consent_given = forms.TypedChoiceField(
        label="Was consent given to Channel support?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        coerce=lambda v: v == "yes",
        error_messages=_required("Select whether consent was given"),
    )
    consent_on = GovukDateField(label="Date of the decision")
    given_by = forms.ChoiceField(
        label="Who decided?",
        choices=ConsentGivenBy.choices,
        widget=forms.RadioSelect,
        help_text="For a person under 18, a parent or guardian decides.",
        error_messages=_required("Select who decided"),
    )


class SupportPlanForm(GovukFormMixin, forms.Form):
    support_plan = forms.CharField(
        label="Support plan",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages=_required("Describe the support plan"),
    )
    support_provider = forms.CharField(label="Intervention provider", max_length=200, required=False)
    support_starts_on = GovukDateField(label="Date support starts")


class ExitForm(GovukFormMixin, forms.Form):
    exited_on = GovukDateField(label="Date they left Channel")
    exit_reason = forms.CharField(
        label="Why are they leaving Channel?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=_required("Enter why they are leaving Channel"),
    )


class ReviewForm(GovukFormMixin, forms.Form):
    completed_on = GovukDateField(label="Date of the review")
    outcome = forms.CharField(
        label="Outcome of the review",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=_required("Enter the outcome of the review"),
    )
