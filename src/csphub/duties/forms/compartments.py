"""Giving a member of staff access to a restricted register."""

from __future__ import annotations

from typing import Any

from django import forms

from csphub.duties.models import CompartmentRole
from csphub.duties.models.compartments import COMPARTMENT_LABELS
from csphub.frontend.forms import GovukFormMixin


class MemberAddForm(GovukFormMixin, forms.Form):
    compartment = forms.ChoiceField(
        label="Which register?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the register"},
    )
    membership = forms.TypedChoiceField(
        label="Member of staff",
        coerce=int,
        error_messages={"required": "Select the member of staff"},
    )
    role = forms.ChoiceField(
        label="Their part",
        choices=CompartmentRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select their part"},
    )

    def __init__(self, *args: Any, memberships: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        compartment = self.fields["compartment"]
        assert isinstance(compartment, forms.ChoiceField)
        compartment.choices = [(str(code), label) for code, label in COMPARTMENT_LABELS.items()]
        membership = self.fields["membership"]
        assert isinstance(membership, forms.TypedChoiceField)
        membership.choices = [("", "Select a member of staff")] + [
            (str(m.pk), f"{m.user.get_full_name() or m.user.username} ({m.get_role_display()})")
            for m in memberships
        ]


class MemberEndForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why is their access ending?",
        max_length=200,
        help_text="For example, they have left the panel or changed role. It is kept in the audit trail.",
        error_messages={"required": "Enter why their access is ending"},
    )
