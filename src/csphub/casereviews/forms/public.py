"""Forms of the public Case Review pages: the application journey and the status check.

Forms validate input; services decide. Error messages follow GOV.UK wording ("Enter ...").
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from csphub.casereviews import rules
from csphub.casereviews.models import ContactPreference
from csphub.frontend.forms import GovukDateField, GovukFormMixin


def date_field(
    label: str, *, required_message: str, help_text: str = "For example, 27 3 2024"
) -> GovukDateField:
    """A GOV.UK date input (day, month, year); "27/3/2024" posted as one value is still understood."""
    return GovukDateField(
        label=label,
        help_text=help_text,
        error_messages={"required": required_message, "invalid": f"{label} must be a real date"},
    )


# Every free-text field of the public journey is bounded before it is kept in the session or stored
# (security review finding 10): the journey keeps answers in an anonymous session at each step.
PUBLIC_ADDRESS_MAX = 1000
PUBLIC_SHORT_TEXT_MAX = 2000
PUBLIC_LONG_TEXT_MAX = 5000


class WhoForm(GovukFormMixin, forms.Form):
    who = forms.ChoiceField(
        label="Who is applying?",
        widget=forms.RadioSelect,
        choices=[
            ("self", "I am the person affected by the anti-social behaviour"),
            ("behalf", "I am applying for someone else, with their consent"),
            ("anonymous", "I do not want to give my name"),
        ],
        error_messages={"required": "Select who is applying"},
    )


class VictimForm(GovukFormMixin, forms.Form):
    victim_name = forms.CharField(
        label="Full name of the person affected",
        max_length=200,
        error_messages={"required": "Enter the name of the person you are applying for"},
    )
    relationship_to_victim = forms.CharField(
        label="Your relationship to them",
        max_length=200,
        help_text="For example, family member, carer, councillor or support worker",
        error_messages={"required": "Enter your relationship to the person you are applying for"},
    )
    victim_consent_given = forms.BooleanField(
        label="They have agreed to me applying for a Case Review on their behalf",
        required=False,
    )
    victim_consent_how = forms.CharField(
        label="How did they give their consent?",
        max_length=300,
        required=False,
        help_text="For example, in writing on 2 May, or by phone",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("victim_consent_given"):
            self.add_error(
                "victim_consent_given",
                "You can only apply for someone else with their consent – confirm they have agreed",
            )
        return data


class AboutYouForm(GovukFormMixin, forms.Form):
    applicant_name = forms.CharField(
        label="Your full name",
        max_length=200,
        error_messages={
            "required": "Enter your full name – applications cannot be anonymous, because the partnership "
            "must contact you about the review"
        },
    )
    contact_preference = forms.ChoiceField(
        label="How should we contact you?",
        widget=forms.RadioSelect,
        choices=ContactPreference.choices,
        error_messages={"required": "Select how we should contact you"},
    )
    applicant_email = forms.EmailField(
        label="E-mail address",
        required=False,
        help_text="We send your reference and the code to check your application here",
        error_messages={"invalid": "Enter an e-mail address in the correct format, like name@example.com"},
    )
    applicant_phone = forms.CharField(label="Phone number", max_length=40, required=False)
    applicant_address = forms.CharField(
        label="Postal address",
        widget=forms.Textarea,
        required=False,
        max_length=PUBLIC_ADDRESS_MAX,
        error_messages={"max_length": f"Postal address must be {PUBLIC_ADDRESS_MAX:,} characters or fewer"},
    )
    support_needs = forms.CharField(
        label="Do you need any help or adjustments to take part? (optional)",
        widget=forms.Textarea,
        required=False,
        max_length=PUBLIC_SHORT_TEXT_MAX,
        error_messages={
            "max_length": f"Help or adjustments must be {PUBLIC_SHORT_TEXT_MAX:,} characters or fewer"
        },
        help_text="For example, an interpreter, large print, or a meeting at home",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        pref = data.get("contact_preference")
        needs = {"email": "applicant_email", "phone": "applicant_phone", "post": "applicant_address"}
        messages = {
            "email": "Enter your e-mail address, or choose another way to contact you",
            "phone": "Enter your phone number, or choose another way to contact you",
            "post": "Enter your postal address, or choose another way to contact you",
        }
        if pref in needs and not (data.get(needs[pref]) or "").strip() and needs[pref] not in self.errors:
            self.add_error(needs[pref], messages[pref])
        return data


class BehaviourForm(GovukFormMixin, forms.Form):
    behaviour_description = forms.CharField(
        label="What is happening?",
        widget=forms.Textarea,
        help_text="Describe the anti-social behaviour and how it affects you",
        max_length=PUBLIC_LONG_TEXT_MAX,
        error_messages={
            "required": "Describe the anti-social behaviour",
            "max_length": f"The description must be {PUBLIC_LONG_TEXT_MAX:,} characters or fewer",
        },
    )
    behaviour_location = forms.CharField(
        label="Where does it happen?",
        max_length=300,
        help_text="An address, street or place",
        error_messages={"required": "Enter where the behaviour happens"},
    )
    behaviour_first_on = date_field(
        "When did it start?", required_message="Enter the date the behaviour started"
    )
    behaviour_last_on = date_field(
        "When did it last happen?", required_message="Enter the date of the most recent incident"
    )
    reports_described = forms.CharField(
        label="Who have you reported it to, and when?",
        widget=forms.Textarea,
        help_text="For example: police, 3 March and 20 April; council, 12 April; housing association, 2 May",
        max_length=PUBLIC_SHORT_TEXT_MAX,
        error_messages={
            "required": "Tell us who you reported the behaviour to, and when",
            "max_length": f"Who you reported it to must be {PUBLIC_SHORT_TEXT_MAX:,} characters or fewer",
        },
    )

    def __init__(self, *args: Any, today: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        problems = rules.application_problems(
            applied_on=self.today,
            applicant_name="-",
            contact_preference="email",
            applicant_email="-",
            applicant_phone="",
            applicant_address="",
            is_third_party=False,
            victim_name="",
            victim_consent_given=False,
            behaviour_first_on=data.get("behaviour_first_on"),
            behaviour_last_on=data.get("behaviour_last_on"),
            behaviour_description=data.get("behaviour_description", ""),
            behaviour_location=data.get("behaviour_location", ""),
            reports_described=data.get("reports_described", ""),
        )
        for problem in problems:
            if problem.field in self.fields and problem.field not in self.errors:
                self.add_error(problem.field, problem.message)
        return data


class SubmitForm(GovukFormMixin, forms.Form):
    """Check-answers submit: a signed, time-stamped token and a honeypot field humans never see."""

    form_token = forms.CharField(widget=forms.HiddenInput, max_length=200)
    website = forms.CharField(required=False, label="Leave this field empty", max_length=200)


class StatusRequestForm(GovukFormMixin, forms.Form):
    reference = forms.CharField(
        label="Application reference",
        max_length=20,
        help_text="For example, CR-7KDM-Q4TA",
        error_messages={"required": "Enter your application reference"},
    )
    email = forms.EmailField(
        label="E-mail address you gave when you applied",
        error_messages={
            "required": "Enter the e-mail address you gave when you applied",
            "invalid": "Enter an e-mail address in the correct format, like name@example.com",
        },
    )


class StatusCodeForm(GovukFormMixin, forms.Form):
    reference = forms.CharField(
        label="Application reference",
        max_length=20,
        error_messages={"required": "Enter your application reference"},
    )
    code = forms.CharField(
        label="Code from the e-mail",
        max_length=6,
        min_length=6,
        help_text="The 6-digit code we sent you",
        error_messages={
            "required": "Enter the 6-digit code from the e-mail",
            "min_length": "Enter the 6-digit code from the e-mail",
        },
    )
