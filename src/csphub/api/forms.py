from __future__ import annotations

from django import forms

from csphub.frontend.forms import GovukFormMixin


class TokenForm(GovukFormMixin, forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=100,
        help_text="The system that will use it, for example 'Housing CRM'",
        error_messages={"required": "Enter a name for the token"},
    )
    days = forms.TypedChoiceField(
        label="Expires after",
        coerce=int,
        initial=90,
        widget=forms.RadioSelect,
        choices=[(30, "30 days"), (90, "90 days"), (365, "1 year")],
    )
