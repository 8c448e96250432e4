from __future__ import annotations

from typing import Any

from django import forms

from csphub.analytics import morile
from csphub.frontend.forms import GovukDateField, GovukFormMixin
from csphub.planning.models import ScoringFramework


class FrameworkImportForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label="Framework file",
        help_text="A scoring framework exported from CSP Hub (a .json file), with its own version.",
        error_messages={"required": "Choose the framework file"},
    )


class SessionForm(GovukFormMixin, forms.Form):
    title = forms.CharField(
        label="Name of the session",
        max_length=200,
        help_text="For example: Priority setting workshop, March 2026",
        error_messages={"required": "Enter the name of the session"},
    )
    framework = forms.ModelChoiceField(
        label="Scoring framework",
        queryset=ScoringFramework.objects.all(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Choose the scoring framework"},
    )


class SheetForm(GovukFormMixin, forms.Form):
    """One theme's cells: the level picked, the evidence and the rationale for each."""

    def __init__(self, *args: Any, framework: morile.Framework, **kwargs: Any) -> None:
        self.rules = framework
        super().__init__(*args, **kwargs)
        for rule in framework.cells:
            self.fields[rule.key] = forms.TypedChoiceField(
                label=rule.label,
                choices=[
                    (p.value, f"{p.label} – {p.description}" if p.description else p.label)
                    for p in rule.points
                ],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": f"Score {rule.label.lower()}"},
            )
            self.fields[f"{rule.key}_evidence"] = forms.CharField(
                label=f"{rule.label}: evidence", required=False, widget=forms.Textarea
            )
            self.fields[f"{rule.key}_rationale"] = forms.CharField(
                label=f"{rule.label}: why this score", required=False, widget=forms.Textarea
            )
        # the mixin set the GOV.UK classes before these fields existed
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea) and "govuk-textarea" not in field.widget.attrs.get(
                "class", ""
            ):
                field.widget.attrs["class"] = "govuk-textarea"

    def grouped(self) -> list[tuple[morile.CellRule, Any, Any, Any]]:
        return [
            (rule, self[rule.key], self[f"{rule.key}_evidence"], self[f"{rule.key}_rationale"])
            for rule in self.rules.cells
        ]

    def cells(self) -> dict[str, dict[str, Any]]:
        data = self.cleaned_data
        return {
            rule.key: {
                "value": data.get(rule.key),
                "evidence": data.get(f"{rule.key}_evidence", ""),
                "rationale": data.get(f"{rule.key}_rationale", ""),
            }
            for rule in self.rules.cells
        }


class AdoptForm(GovukFormMixin, forms.Form):
    themes = forms.MultipleChoiceField(
        label="Priorities the board adopted",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the priorities the board adopted"},
    )
    adopted_on = GovukDateField(label="Date the board adopted them", help_text="For example, 27 3 2026")
    minutes_reference = forms.CharField(
        label="Minutes reference",
        max_length=200,
        help_text="Where the decision is minuted, for example: Board minutes 12 March 2026, item 5",
        error_messages={"required": "Enter the minutes reference"},
    )

    def __init__(self, *args: Any, ranked: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        themes = self.fields["themes"]
        assert isinstance(themes, forms.MultipleChoiceField)
        themes.choices = ranked
