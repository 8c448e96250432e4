"""The case itself: opening it, its status, links, incidents and parties, the list filter, search and
the summary.
"""

from __future__ import annotations

from typing import Any

from django import forms

from csphub.cases import rules
from csphub.cases.forms.common import EMPTY, _required
from csphub.cases.models import AsbType, CaseOutcome, CaseSubject, PartyRole
from csphub.core.concurrency import VersionedFormMixin
from csphub.frontend.forms import GovukDateField, GovukFormMixin


class CaseOpenForm(GovukFormMixin, forms.Form):
    summary = forms.CharField(
        label="Case summary",
        max_length=200,
        help_text=(
            "One line a partner can understand, for example 'Noise and intimidation from a neighbour'. "
            "Panel partners read it: leave out addresses and postcodes."
        ),
        error_messages=_required("Enter a short summary of the case"),
    )
    asb_type = forms.ChoiceField(
        label="Type of anti-social behaviour",
        choices=AsbType.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select the type of anti-social behaviour"),
    )
    subject_kind = forms.ChoiceField(
        label="What is the case about?",
        choices=CaseSubject.choices,
        initial=CaseSubject.PERSON,
        widget=forms.RadioSelect,
        required=False,  # a person unless said otherwise (forms and API clients that predate it)
    )
    subject_description = forms.CharField(
        label="The group or the place (if the case is about one)",
        max_length=200,
        required=False,
        help_text="For example 'Young people gathering at the skate park' or 'Ashbrook Park'.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("subject_kind") in (CaseSubject.GROUP, CaseSubject.PLACE)
            and not (data.get("subject_description") or "").strip()
        ):
            self.add_error("subject_description", "Describe the group or the place the case is about")
        return data


class CaseStatusForm(VersionedFormMixin, GovukFormMixin, forms.Form):
    """Carries the case's version: a status chosen on a stale page is refused (core.concurrency)."""

    VERSIONED = ("status", "closure_reason", "outcome", "case_officer")

    to_status = forms.ChoiceField(
        label="New status", widget=forms.RadioSelect, error_messages=_required("Select the new status")
    )
    reason = forms.CharField(label="Reason", widget=forms.Textarea, required=False, max_length=2000)
    outcome = forms.ChoiceField(
        label="Outcome (when closing)", choices=EMPTY + CaseOutcome.choices, required=False
    )
    victim_told_on = GovukDateField(
        label="When closing: the date the victim was told the case is closing, and why (if they have been)",
        required=False,
        help_text="For example, 27 3 2026. If you have not told them yet, leave this blank: a task will "
        "remind you to.",
    )
    victim_told_how = forms.ChoiceField(
        label="How the victim was told", choices=EMPTY + list(rules.VICTIM_TOLD_HOW.items()), required=False
    )

    def __init__(self, *args: Any, from_status: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [  # type: ignore[attr-defined]
            (to.value, rule.label) for to, rule in rules.allowed_transitions(from_status)
        ]


class CaseLinkForm(GovukFormMixin, forms.Form):
    related_case_id = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)


class CaseAddIncidentForm(GovukFormMixin, forms.Form):
    incident_id = forms.IntegerField(widget=forms.HiddenInput)


class PartyAddForm(GovukFormMixin, forms.Form):
    person_id = forms.IntegerField(widget=forms.HiddenInput)
    role = forms.ChoiceField(
        label="Role", choices=PartyRole.choices, error_messages=_required("Select the role")
    )


class CaseFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=100)
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), ("open", "Any open status")]
        + [(s.value, s.value.title()) for s in rules.CaseStatus],
    )
    asb_type = forms.ChoiceField(label="Type", required=False, choices=[("", "Any type"), *AsbType.choices])
    mine = forms.BooleanField(label="Only my cases", required=False)


class SearchForm(forms.Form):
    q = forms.CharField(label="Search cases, people and addresses", required=False, max_length=100)


class CaseSummaryForm(VersionedFormMixin, GovukFormMixin, forms.Form):
    """Change a case's one-line summary (panel partners read it)."""

    summary = forms.CharField(
        label="Case summary",
        max_length=200,
        help_text=(
            "One line a partner can understand, for example 'Noise and intimidation from a neighbour'. "
            "Panel partners read it: leave out addresses and postcodes."
        ),
        error_messages=_required("Enter a short summary of the case"),
    )
