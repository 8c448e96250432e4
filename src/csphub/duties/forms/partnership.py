"""The questions of the partnership registers: s.17 assessments, s.17A returns, scrutiny, Community Remedy."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from csphub.duties.models import RemedyPurpose, VictimViews
from csphub.duties.rules import s17 as rules
from csphub.frontend.forms import GovukDateField, GovukFormMixin

MAX_RETURN_BYTES = 2 * 1024 * 1024


def _required(message: str) -> dict[str, str]:
    return {"required": message}


def _text(label: str, message: str, *, rows: int = 4, required: bool = True, help_text: str = "") -> Any:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        required=required,
        help_text=help_text,
        error_messages=_required(message),
    )


class S17AssessmentForm(GovukFormMixin, forms.Form):
    title = forms.CharField(
        label="What is the decision or policy?",
        max_length=200,
        error_messages=_required("Enter the decision"),
    )
    decision_by = forms.CharField(
        label="Who makes the decision?",
        max_length=200,
        help_text="For example: Cabinet, Planning Committee, Head of Housing.",
        error_messages=_required("Enter who makes the decision"),
    )
    decision_on = GovukDateField(label="Date of the decision")
    assessed_on = GovukDateField(label="Date of this assessment")
    crime_disorder = _text(
        "Likely effect on crime and disorder", "Say how the decision may affect crime and disorder"
    )
    asb_environment = _text(
        "Likely effect on anti-social behaviour and the local environment",
        "Say how the decision may affect anti-social behaviour",
    )
    substance_misuse = _text(
        "Likely effect on the misuse of drugs, alcohol and other substances",
        "Say how the decision may affect substance misuse",
    )
    reoffending = _text("Likely effect on re-offending", "Say how the decision may affect re-offending")
    serious_violence = _text(
        "Likely effect on serious violence", "Say how the decision may affect serious violence"
    )
    mitigation = _text(
        "What will be done to prevent or reduce any harm? (optional)", "", required=False, rows=3
    )


class S17AReturnForm(GovukFormMixin, forms.Form):
    quarter = forms.ChoiceField(
        label="Which period is the return for?",
        widget=forms.RadioSelect,
        error_messages=_required("Select the period"),
    )
    file = forms.FileField(
        label="Upload the return (CSV)",
        required=False,
        help_text="Columns: " + ", ".join(rules.COLUMNS) + ". Give the place as the first half of the "
        "postcode only (for example DE5), and no names, dates of birth or addresses.",
    )
    text = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, quarters: list[rules.Quarter], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["quarter"]).choices = [
            (q.start.isoformat(), q.label) for q in quarters
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        if upload is not None:
            if upload.size > MAX_RETURN_BYTES:
                self.add_error("file", "The file must be smaller than 2 MB")
                return data
            try:
                data["text"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                self.add_error("file", "The file must be a CSV file saved as UTF-8 text")
                return data
        if not data.get("text"):
            self.add_error("file", "Choose the CSV file of the return")
        data.pop("file", None)
        return data


class ScrutinyRecommendationForm(GovukFormMixin, forms.Form):
    committee = forms.CharField(
        label="Which committee made the recommendation?",
        max_length=200,
        initial="Crime and Disorder Committee",
        error_messages=_required("Enter the committee"),
    )
    meeting_on = GovukDateField(label="Date of the committee meeting")
    received_on = GovukDateField(label="Date the partnership received the recommendation")
    recommendation = _text("The recommendation", "Enter the recommendation", rows=5)
    owner_membership = forms.ChoiceField(
        label="Who will draft the partnership's response?",
        widget=forms.RadioSelect,
        error_messages=_required("Choose who will draft the response"),
    )

    def __init__(self, *args: Any, owners: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["owner_membership"]).choices = owners

    def clean_owner_membership(self) -> int:
        return int(self.cleaned_data["owner_membership"])


class ScrutinyResponseForm(GovukFormMixin, forms.Form):
    accepted = forms.TypedChoiceField(
        label="Does the partnership accept the recommendation?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages=_required("Select whether the partnership accepts it"),
    )
    response = _text(
        "The partnership's response",
        "Enter the response",
        rows=6,
        help_text="What the partnership has done or will do, or why it will not act on it.",
    )
    responded_on = GovukDateField(label="Date the response was sent to the committee")


class RemedyActionForm(GovukFormMixin, forms.Form):
    title = forms.CharField(label="Action", max_length=200, error_messages=_required("Enter the action"))
    description = _text("What the person does", "Describe the action", rows=3)
    purpose = forms.ChoiceField(
        label="Purpose of the action",
        choices=RemedyPurpose.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select the purpose"),
    )
    published_on = GovukDateField(label="Date the Police and Crime Commissioner published it")


class CommunityResolutionForm(GovukFormMixin, forms.Form):
    views_status = forms.ChoiceField(
        label="Were the victim's views sought?",
        choices=VictimViews.choices,
        widget=forms.RadioSelect,
        help_text="Before an action is chosen, reasonable efforts must be made to ask the victim which "
        "action they would like the person to carry out.",
        error_messages=_required("Select whether the victim's views were sought"),
    )
    views_sought_on = GovukDateField(label="Date the victim's views were sought", required=False)
    victim_views = _text("What the victim said", "", required=False, rows=3)
    action = forms.ChoiceField(
        label="Action chosen from the Community Remedy document",
        widget=forms.RadioSelect,
        error_messages=_required("Select the action"),
    )
    victim_preferred = forms.TypedChoiceField(
        label="Is this the action the victim asked for (if they asked for one)?",
        choices=[("yes", "Yes, or they did not ask for a particular action"), ("no", "No")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages=_required("Select whether this is the action the victim asked for"),
    )
    not_preferred_reason = _text(
        "If not: why was the action the victim asked for not appropriate?", "", required=False, rows=3
    )
    chosen_on = GovukDateField(label="Date the action was chosen")

    def __init__(self, *args: Any, actions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["action"]).choices = actions
