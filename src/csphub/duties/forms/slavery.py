"""Modern slavery: the questions asked when the grounds are recorded and when the notification is made."""

from __future__ import annotations

from typing import Any

from django import forms

from csphub.duties.models import AgeBasis, Consent, Exploitation
from csphub.frontend.forms import GovukDateField, GovukFormMixin


def _required(message: str) -> dict[str, str]:
    return {"required": message}


class SlaveryConcernForm(GovukFormMixin, forms.Form):
    person = forms.ChoiceField(
        label="Who is the concern about?",
        required=False,
        widget=forms.RadioSelect,
        help_text="Leave unselected if they are not recorded as a person on this case.",
    )
    grounds_date = GovukDateField(label="Date the reasonable grounds to believe were formed")
    grounds = forms.CharField(
        label="Why are there reasonable grounds to believe they may be a victim of slavery or trafficking?",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages=_required("Enter why there are reasonable grounds to believe"),
    )
    exploitation = forms.ChoiceField(
        label="Type of exploitation",
        choices=Exploitation.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select the type of exploitation"),
    )
    exploitation_area = forms.CharField(
        label="Where did the exploitation happen? (town or district)", required=False, max_length=100
    )
    gender = forms.CharField(label="Gender (optional)", required=False, max_length=40)
    nationality = forms.CharField(label="Nationality (optional)", required=False, max_length=80)
    age_basis = forms.ChoiceField(
        label="How old are they?",
        choices=AgeBasis.choices,
        widget=forms.RadioSelect,
        help_text="If their age is not known and they may be under 18, they are treated as a child until "
        "their age is assessed (Modern Slavery Act 2015 section 51).",
        error_messages=_required("Select how old they are"),
    )
    consent = forms.ChoiceField(
        label="If they are an adult: do they consent to a referral that names them?",
        choices=Consent.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text="A child is always referred to the National Referral Mechanism: consent is not needed. "
        "An adult who does not consent is notified to the Home Office anonymously.",
    )
    consent_evidence = forms.CharField(
        label="If they consent: how and when did they give it?",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args: Any, people: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        if people and isinstance(person, forms.ChoiceField):
            person.choices = [(str(p.pk), p.display_name) for p in people]
        else:
            del self.fields["person"]


class SlaveryNotificationForm(GovukFormMixin, forms.Form):
    notified_on = GovukDateField(label="Date the notification was made")
    home_office_reference = forms.CharField(
        label="Home Office reference",
        max_length=40,
        help_text="The reference the Home Office gave for the referral or notification.",
        error_messages=_required("Enter the reference the Home Office gave"),
    )
