"""The assessment form is built from the questionnaire version's questions."""

from __future__ import annotations

from typing import Any

from django import forms

from csphub.frontend.forms import GovukDateField, GovukFormMixin
from csphub.risk.models import Questionnaire
from csphub.risk.rules import ANSWER_LABELS, Band, Kind

ANSWERS = [(a.value, label) for a, label in ANSWER_LABELS.items()]
JUDGEMENT = [("", "No change: use the computed band")] + [(b.value, b.label) for b in Band]


class AssessmentForm(GovukFormMixin, forms.Form):
    def __init__(
        self, *args: Any, questionnaire: Questionnaire, subjects: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        self.fields["subject"] = forms.TypedChoiceField(
            label="Who is being assessed?",
            coerce=int,
            choices=[("", "Choose"), *subjects],
            error_messages={"required": "Choose who is being assessed"},
        )
        self.question_names: list[str] = []
        for q in questionnaire.questions.order_by("order"):
            self.fields[q.code] = forms.ChoiceField(
                label=f"{q.order}. {q.text}",
                choices=ANSWERS,
                widget=forms.RadioSelect,
                help_text=q.help_text,
                error_messages={"required": 'Answer this question; choose "Don\'t know" if you do not know'},
            )
            self.question_names.append(q.code)
        self.fields["children_present"] = forms.ChoiceField(
            label="Are there children in the household (or is the person pregnant)?",
            choices=ANSWERS,
            widget=forms.RadioSelect,
            required=questionnaire.kind == Kind.DASH,
            error_messages={"required": "Say whether there are children in the household"},
        )
        self.fields["judgement_band"] = forms.ChoiceField(
            label="Professional judgement (optional)",
            choices=JUDGEMENT,
            required=False,
            help_text="You may raise the band, never lower it. Give the reason below.",
        )
        self.fields["judgement_reason"] = forms.CharField(
            label="Reason for raising the band", widget=forms.Textarea, required=False
        )
        if questionnaire.kind == Kind.DASH:
            self.fields["victim_16_or_over"] = forms.BooleanField(
                label="The person assessed is 16 or over",
                help_text="The Dash checklist is for victims aged 16 or over. For a younger child, make a "
                "child protection referral instead. You need not tick this if their date of birth is recorded.",
                required=False,
            )
            self.fields["marac_professional_judgement"] = forms.BooleanField(
                label="Refer to MARAC on professional judgement", required=False
            )
            self.fields["marac_reasons"] = forms.CharField(
                label="Reasons for a professional-judgement referral", widget=forms.Textarea, required=False
            )

    def answers(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in self.question_names}


class MaracReferralForm(GovukFormMixin, forms.Form):
    """The referral made to MARAC (SafeLives): when, against whom, and whether an IDVA was offered."""

    referred_on = GovukDateField(label="Date of the referral", help_text="For example, 27 3 2026")
    perpetrator = forms.TypedChoiceField(
        label="Who is the alleged perpetrator? (optional)",
        coerce=int,
        required=False,
        empty_value=None,
        help_text="A further incident between the same people within 12 months is a repeat referral.",
    )
    idva_offered = forms.BooleanField(
        label="The victim was offered an independent domestic violence adviser (IDVA)", required=False
    )

    def __init__(self, *args: Any, perpetrators: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["perpetrator"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Not recorded"), *perpetrators]


class MaracOutcomeForm(GovukFormMixin, forms.Form):
    """The MARAC meeting that heard the referral, and what it agreed."""

    meeting_on = GovukDateField(label="Date of the MARAC meeting", help_text="For example, 27 3 2026")
    outcome = forms.CharField(
        label="Outcome: the actions agreed",
        widget=forms.Textarea,
        error_messages={"required": "Record the outcome of the MARAC meeting"},
    )
