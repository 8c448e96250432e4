"""What the powers forms share: field builders (field names match the service's keyword
arguments, so a view passes ``**form.cleaned_data`` straight to the service), the issuer and
recipient choices, and the forms of steps every power has (withdraw, confirm)."""

from __future__ import annotations

from typing import Any

from django import forms

from csphub.frontend.forms import GovukDateField, GovukDateTimeField, GovukFormMixin
from csphub.powers.rules import (
    AUTHORISED_ISSUERS,
    ISSUER_LABELS,
    PSPO_CONSULTEE_LABELS,
    PSPO_CONSULTEES,
    Power,
)


def set_choices(form: forms.Form, name: str, choices: list[tuple[Any, str]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def capacity_choices(power: Power) -> list[tuple[str, str]]:
    allowed = AUTHORISED_ISSUERS[power]
    return [("", "Choose")] + [(c.value, label) for c, label in ISSUER_LABELS.items() if c in allowed]


# The hint the GOV.UK date input pattern asks for when a question gives none of its own.
DATE_HINT = "For example, 27 3 2026"


def date_field(
    label: str, *, required_message: str, required: bool = True, help_text: str = ""
) -> GovukDateField:
    """A date question as the GOV.UK three-field date input (day, month, year).

    A single ISO value (``2026-03-27``, as older posts and the tests send) is still understood.
    """
    return GovukDateField(
        label=label,
        required=required,
        help_text=help_text or DATE_HINT,
        error_messages={"required": required_message},
    )


# The same for a date and a time of day.
DATETIME_HINT = "For example, 27 3 2026 and 21:30 or 9:30pm"


def datetime_field(
    label: str,
    *,
    required_message: str = "",
    what: str = "",
    required: bool = True,
    help_text: str = "",
) -> GovukDateTimeField:
    """A date and time question as the GOV.UK date input (day, month, year) with a time field.

    ``what`` completes the error messages ("the direction was given": "The date and time the
    direction was given must include a month"); it is read from a required message of the form
    "Enter when ..." when not given. A single ISO value (``2026-03-27T21:30``) is still understood.
    A time in the hour the clocks go forward is refused; one in the hour they go back is taken as
    its first occurrence (see ``GovukDateTimeField``).
    """
    if not what:
        assert required_message.startswith("Enter when "), "give `what` for this question"
        what = required_message.removeprefix("Enter when ")
    hint = f"{help_text} {DATETIME_HINT}." if help_text else f"{DATETIME_HINT}."
    return GovukDateTimeField(
        label=label,
        required=required,
        help_text=hint,
        error_messages={
            "required": required_message or f"Enter the date and time {what}",
            "incomplete": f"The date and time {what} must include a %(missing)s",
            "invalid": f"The date {what} must be a real date",
        },
    )


def text_field(label: str, *, required_message: str = "", help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea,
        required=bool(required_message),
        help_text=help_text,
        error_messages={"required": required_message} if required_message else {},
    )


def capacity_field(label: str = "You are acting as") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, error_messages={"required": "Choose the capacity you are acting in"}
    )


def recipient_field(label: str, required_message: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, coerce=int, error_messages={"required": required_message})


def _consultation_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label="Consultation and notifications completed (s.72)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            (k, PSPO_CONSULTEE_LABELS[k][0].upper() + PSPO_CONSULTEE_LABELS[k][1:]) for k in PSPO_CONSULTEES
        ],
    )


class _PowerForm(GovukFormMixin, forms.Form):
    """A form for one power: fills the issuer choices and, if it has one, the recipient choices."""

    power: Power

    def __init__(self, *args: Any, recipients: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "issuer_capacity" in self.fields:
            set_choices(self, "issuer_capacity", capacity_choices(self.power))
        if "recipient" in self.fields:
            set_choices(self, "recipient", [("", "Choose"), *(recipients or [])])


class WithdrawForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why is it being withdrawn?",
        widget=forms.Textarea,
        error_messages={"required": "Give the reason for withdrawing"},
    )


class ConfirmForm(GovukFormMixin, forms.Form):
    """A step with nothing to ask: the check-answers page is the confirmation."""
