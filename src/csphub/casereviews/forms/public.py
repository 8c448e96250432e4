"""Forms of the public Case Review pages: the application journey and the status check.

Forms validate input; services decide. Error messages follow GOV.UK wording ("Enter ...").
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from csphub.casereviews import rules
from csphub.casereviews.models import ContactPreference
from csphub.frontend.forms import GovukDateField, GovukFormMixin

DATE_HINT = _("For example, 27 3 2024")
# The contact choices in the visitor's language (a new ContactPreference value fails loudly here).
_CONTACT_LABELS = {"email": _("E-mail"), "phone": _("Phone"), "post": _("Post")}
CONTACT_CHOICES = [(value, _CONTACT_LABELS[value]) for value in ContactPreference.values]


def date_field(label: Any, *, required_message: Any, help_text: Any = DATE_HINT) -> GovukDateField:
    """A GOV.UK date input (day, month, year); "27/3/2024" posted as one value is still understood."""
    messages: dict[str, Any] = {
        "required": required_message,
        "invalid": format_lazy(_("{label} must be a real date"), label=label),
    }
    return GovukDateField(label=label, help_text=help_text, error_messages=messages)


# Every free-text field of the public journey is bounded before it is kept in the session or stored
# (security review finding 10): the journey keeps answers in an anonymous session at each step.
PUBLIC_ADDRESS_MAX = 1000
PUBLIC_SHORT_TEXT_MAX = 2000
PUBLIC_LONG_TEXT_MAX = 5000


class WhoForm(GovukFormMixin, forms.Form):
    who = forms.ChoiceField(
        label=_("Who is applying?"),
        widget=forms.RadioSelect,
        choices=[
            ("self", _("I am the person affected by the anti-social behaviour")),
            ("behalf", _("I am applying for someone else, with their consent")),
            ("anonymous", _("I do not want to give my name")),
        ],
        error_messages={"required": _("Select who is applying")},
    )


class VictimForm(GovukFormMixin, forms.Form):
    victim_name = forms.CharField(
        label=_("Full name of the person affected"),
        max_length=200,
        error_messages={"required": _("Enter the name of the person you are applying for")},
    )
    relationship_to_victim = forms.CharField(
        label=_("Your relationship to them"),
        max_length=200,
        help_text=_("For example, family member, carer, councillor or support worker"),
        error_messages={"required": _("Enter your relationship to the person you are applying for")},
    )
    victim_consent_given = forms.BooleanField(
        label=_("They have agreed to me applying for a Case Review on their behalf"),
        required=False,
    )
    victim_consent_how = forms.CharField(
        label=_("How did they give their consent?"),
        max_length=300,
        required=False,
        help_text=_("For example, in writing on 2 May, or by phone"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("victim_consent_given"):
            self.add_error(
                "victim_consent_given",
                _("You can only apply for someone else with their consent – confirm they have agreed"),
            )
        return data


class AboutYouForm(GovukFormMixin, forms.Form):
    applicant_name = forms.CharField(
        label=_("Your full name"),
        max_length=200,
        error_messages={
            "required": _(
                "Enter your full name – applications cannot be anonymous, because the partnership "
                "must contact you about the review"
            )
        },
    )
    contact_preference = forms.ChoiceField(
        label=_("How should we contact you?"),
        widget=forms.RadioSelect,
        choices=CONTACT_CHOICES,
        error_messages={"required": _("Select how we should contact you")},
    )
    applicant_email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        help_text=_("We send your reference and the code to check your application here"),
        error_messages={"invalid": _("Enter an e-mail address in the correct format, like name@example.com")},
    )
    applicant_phone = forms.CharField(label=_("Phone number"), max_length=40, required=False)
    applicant_address = forms.CharField(
        label=_("Postal address"),
        widget=forms.Textarea,
        required=False,
        max_length=PUBLIC_ADDRESS_MAX,
        error_messages={
            "max_length": format_lazy(
                _("Postal address must be {count:,} characters or fewer"), count=PUBLIC_ADDRESS_MAX
            )
        },
    )
    support_needs = forms.CharField(
        label=_("Do you need any help or adjustments to take part? (optional)"),
        widget=forms.Textarea,
        required=False,
        max_length=PUBLIC_SHORT_TEXT_MAX,
        error_messages={
            "max_length": format_lazy(
                _("Help or adjustments must be {count:,} characters or fewer"), count=PUBLIC_SHORT_TEXT_MAX
            )
        },
        help_text=_("For example, an interpreter, large print, or a meeting at home"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        pref = data.get("contact_preference")
        needs = {"email": "applicant_email", "phone": "applicant_phone", "post": "applicant_address"}
        messages = {
            "email": _("Enter your e-mail address, or choose another way to contact you"),
            "phone": _("Enter your phone number, or choose another way to contact you"),
            "post": _("Enter your postal address, or choose another way to contact you"),
        }
        if pref in needs and not (data.get(needs[pref]) or "").strip() and needs[pref] not in self.errors:
            self.add_error(needs[pref], messages[pref])
        return data


class BehaviourForm(GovukFormMixin, forms.Form):
    behaviour_description = forms.CharField(
        label=_("What is happening?"),
        widget=forms.Textarea,
        help_text=_("Describe the anti-social behaviour and how it affects you"),
        max_length=PUBLIC_LONG_TEXT_MAX,
        error_messages={
            "required": _("Describe the anti-social behaviour"),
            "max_length": format_lazy(
                _("The description must be {count:,} characters or fewer"), count=PUBLIC_LONG_TEXT_MAX
            ),
        },
    )
    behaviour_location = forms.CharField(
        label=_("Where does it happen?"),
        max_length=300,
        help_text=_("An address, street or place"),
        error_messages={"required": _("Enter where the behaviour happens")},
    )
    behaviour_first_on = date_field(
        _("When did it start?"), required_message=_("Enter the date the behaviour started")
    )
    behaviour_last_on = date_field(
        _("When did it last happen?"), required_message=_("Enter the date of the most recent incident")
    )
    reports_described = forms.CharField(
        label=_("Who have you reported it to, and when?"),
        widget=forms.Textarea,
        help_text=_(
            "For example: police, 3 March and 20 April; council, 12 April; housing association, 2 May"
        ),
        max_length=PUBLIC_SHORT_TEXT_MAX,
        error_messages={
            "required": _("Tell us who you reported the behaviour to, and when"),
            "max_length": format_lazy(
                _("Who you reported it to must be {count:,} characters or fewer"), count=PUBLIC_SHORT_TEXT_MAX
            ),
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
    website = forms.CharField(required=False, label=_("Leave this field empty"), max_length=200)


class StatusRequestForm(GovukFormMixin, forms.Form):
    reference = forms.CharField(
        label=_("Application reference"),
        max_length=20,
        help_text=_("For example, CR-7KDM-Q4TA"),
        error_messages={"required": _("Enter your application reference")},
    )
    email = forms.EmailField(
        label=_("E-mail address you gave when you applied"),
        error_messages={
            "required": _("Enter the e-mail address you gave when you applied"),
            "invalid": _("Enter an e-mail address in the correct format, like name@example.com"),
        },
    )


class StatusCodeForm(GovukFormMixin, forms.Form):
    reference = forms.CharField(
        label=_("Application reference"),
        max_length=20,
        error_messages={"required": _("Enter your application reference")},
    )
    code = forms.CharField(
        label=_("Code from the e-mail"),
        max_length=6,
        min_length=6,
        help_text=_("The 6-digit code we sent you"),
        error_messages={
            "required": _("Enter the 6-digit code from the e-mail"),
            "min_length": _("Enter the 6-digit code from the e-mail"),
        },
    )
