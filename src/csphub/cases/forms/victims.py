"""The victim: contact, updates, telling them the case has closed, and the closure survey."""

from __future__ import annotations

from typing import Any

from django import forms

from csphub.cases import rules
from csphub.cases.forms.common import EMPTY, _required
from csphub.cases.models import ContactMethod, SurveyAnswer
from csphub.frontend.forms import GovukDateField, GovukFormMixin


class VictimContactForm(GovukFormMixin, forms.Form):
    """The schedule of updates agreed with a victim, and who gives them."""

    victim = forms.ChoiceField(label="Victim", error_messages=_required("Select the victim"))
    spoc = forms.ChoiceField(
        label="Single point of contact",
        help_text="The person who keeps the victim updated.",
        error_messages=_required("Select the single point of contact"),
    )
    update_every_days = forms.IntegerField(
        label="Update the victim every (days)",
        min_value=rules.VICTIM_UPDATE_MIN_DAYS,
        max_value=rules.VICTIM_UPDATE_MAX_DAYS,
        help_text="As agreed with the victim. For example 7 for weekly, 14 for every two weeks.",
        error_messages={
            "required": "Enter how often to update the victim, in days",
            "invalid": "Enter how often to update the victim as a number of days, like 14",
            "min_value": f"Enter how often to update the victim, from {rules.VICTIM_UPDATE_MIN_DAYS} "
            f"to {rules.VICTIM_UPDATE_MAX_DAYS} days",
            "max_value": f"Enter how often to update the victim, from {rules.VICTIM_UPDATE_MIN_DAYS} "
            f"to {rules.VICTIM_UPDATE_MAX_DAYS} days",
        },
    )
    method = forms.ChoiceField(
        label="How the victim wants to be updated",
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select how the victim wants to be updated"),
    )
    agreed_on = GovukDateField(label="Date agreed with the victim", help_text="For example, 27 3 2026")

    def __init__(self, *args: Any, victims: list[Any], officers: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["victim"].choices = EMPTY + [(str(p.pk), p.display_name) for p in victims]  # type: ignore[attr-defined]
        self.fields["spoc"].choices = EMPTY + [  # type: ignore[attr-defined]
            (str(u.pk), u.get_full_name() or u.username) for u in officers
        ]


class VictimUpdateForm(GovukFormMixin, forms.Form):
    given_on = GovukDateField(label="Date of the update", help_text="For example, 27 3 2026")
    method = forms.ChoiceField(
        label="How the update was given",
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select how the update was given"),
    )
    summary = forms.CharField(
        label="What the victim was told",
        widget=forms.Textarea,
        max_length=4000,
        error_messages=_required("Enter what the victim was told"),
    )
    consulted_on_action_plan = forms.BooleanField(
        label="The victim was consulted on the action plan before it was finalised", required=False
    )
    action_plan_views = forms.CharField(
        label="The victim's views on the action plan",
        widget=forms.Textarea,
        required=False,
        max_length=4000,
    )


class ClosureSurveyForm(GovukFormMixin, forms.Form):
    victim = forms.ChoiceField(label="Victim", error_messages=_required("Select the victim"))
    answer = forms.ChoiceField(
        label="How satisfied is the victim with how their case was handled?",
        choices=SurveyAnswer.choices,
        widget=forms.RadioSelect,
        help_text="Answering is optional for the victim: record it if they did not want to answer.",
        error_messages=_required("Select the victim's answer, or that they did not want to answer"),
    )
    comments = forms.CharField(
        label="Comments (optional)", widget=forms.Textarea, required=False, max_length=4000
    )

    def __init__(self, *args: Any, victims: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["victim"].choices = EMPTY + [(str(p.pk), p.display_name) for p in victims]  # type: ignore[attr-defined]


class VictimToldForm(GovukFormMixin, forms.Form):
    """D.3: the victim was told when and why their case closed."""

    victim_told_on = GovukDateField(label="Date the victim was told", help_text="For example, 27 3 2026")
    victim_told_how = forms.ChoiceField(
        label="How they were told",
        choices=list(rules.VICTIM_TOLD_HOW.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the victim was told"},
    )
