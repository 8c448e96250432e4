"""Early intervention on a case: recording one, and recording its outcome."""

from __future__ import annotations

from typing import Any

from django import forms

from csphub.cases.forms.common import EMPTY, _required
from csphub.cases.models import AgreedBy, InterventionKind, InterventionOutcome
from csphub.core.concurrency import VersionedFormMixin
from csphub.frontend.forms import GovukDateField, GovukFormMixin

NOT_AGREED = "Nobody: it is not agreed or signed (for example, a warning letter)"


class EarlyInterventionForm(GovukFormMixin, forms.Form):
    """An early intervention with a party to the case (mediation: with both neighbours)."""

    kind = forms.ChoiceField(
        label="What kind of early intervention is it?",
        choices=InterventionKind.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select the kind of early intervention"),
    )
    person = forms.ChoiceField(
        label="Who is it with?",
        help_text="For mediation, one of the neighbours.",
        error_messages=_required("Select who the early intervention is with"),
    )
    other_person = forms.ChoiceField(
        label="The other neighbour (mediation only)",
        required=False,
        help_text="Leave this empty for anything other than mediation between neighbours.",
    )
    started_on = GovukDateField(label="Date it started", help_text="For example, 27 3 2026")
    terms = forms.CharField(
        label="Agreed terms (acceptable behaviour contract or agreement)",
        widget=forms.Textarea,
        required=False,
        max_length=4000,
        help_text="One term per line, as written in the contract. Needed for a contract or agreement.",
    )
    review_on = GovukDateField(
        label="Review date",
        required=False,
        help_text="On or after the start date. A contract or agreement must have one. For example, 27 6 2026",
    )
    agreed_by = forms.ChoiceField(
        label="Who agreed to it or signed it?",
        choices=[("", NOT_AGREED), *AgreedBy.choices],
        widget=forms.RadioSelect,
        required=False,
    )
    parent_guardian_name = forms.CharField(
        label="Name of the parent or guardian",
        required=False,
        max_length=200,
        help_text="Needed when the person is under 18 on the start date.",
    )

    def __init__(self, *args: Any, people: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(p.pk), label) for p, label in people]
        self.fields["person"].choices = EMPTY + choices  # type: ignore[attr-defined]
        self.fields["other_person"].choices = [("", "Nobody (not mediation)"), *choices]  # type: ignore[attr-defined]


class EarlyInterventionOutcomeForm(VersionedFormMixin, GovukFormMixin, forms.Form):
    """How an early intervention ended (versioned: two people recording it at once do not overwrite
    each other unseen)."""

    VERSIONED = ("outcome", "outcome_on", "outcome_notes")

    outcome = forms.ChoiceField(
        label="What was the outcome?",
        choices=InterventionOutcome.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select the outcome"),
    )
    outcome_on = GovukDateField(label="Date of the outcome", help_text="For example, 27 6 2026")
    outcome_notes = forms.CharField(
        label="Notes (optional)",
        widget=forms.Textarea,
        required=False,
        max_length=4000,
        help_text="For example, which term was broken and when, or why it ended early.",
    )
