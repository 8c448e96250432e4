from __future__ import annotations

from django import forms

from csphub.frontend.forms import GovukFormMixin


class SignInForm(GovukFormMixin, forms.Form):
    username = forms.CharField(
        label="Username",
        max_length=150,
        error_messages={"required": "Enter your username"},
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Password",
        error_messages={"required": "Enter your password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class CodeForm(GovukFormMixin, forms.Form):
    otp_token = forms.RegexField(
        label="Security code",
        help_text="The 6-digit code shown in your authenticator app.",
        regex=r"^\s*\d{6}\s*$",
        error_messages={
            "required": "Enter the 6-digit security code",
            "invalid": "Enter the security code as 6 digits",
        },
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "data-width": "5",
                "spellcheck": "false",
            }
        ),
    )


class SwitchForm(forms.Form):
    membership = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect, label="Act as")
