from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordChangeForm

from csphub.frontend.forms import GovukDateField, GovukFormMixin


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


class PartnershipForm(forms.Form):
    partnership = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect, label="Work in")


class StaffMemberForm(GovukFormMixin, forms.Form):
    username = forms.RegexField(
        label="Username",
        regex=r"^[a-z0-9_.-]{3,150}$",
        help_text="Lower case letters, numbers, dots, hyphens or underscores, for example jo.smith.",
        error_messages={
            "required": "Enter a username",
            "invalid": "Use 3 or more lower case letters, numbers, dots, hyphens or underscores",
        },
    )
    first_name = forms.CharField(
        label="First name", max_length=150, error_messages={"required": "Enter their first name"}
    )
    last_name = forms.CharField(
        label="Last name", max_length=150, error_messages={"required": "Enter their last name"}
    )
    email = forms.EmailField(
        label="Work email address",
        error_messages={
            "required": "Enter their work email address",
            "invalid": "Enter an email address in the correct format, like name@example.gov.uk",
        },
    )
    role = forms.ChoiceField(
        label="Role", widget=forms.RadioSelect, error_messages={"required": "Choose a role"}
    )
    password = forms.CharField(
        label="First password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters; three random words work well. Give it to them in person or by phone. "
        "They set up their authenticator app when they first sign in.",
        error_messages={"required": "Enter a first password"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from csphub.agencies.models import Role

        self.fields["role"].choices = Role.choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        """The password rules are checked with every other field, so all the problems show at once
        (new-user review item 31), against the person as typed (not too like their name)."""
        from django.contrib.auth import get_user_model
        from django.contrib.auth.password_validation import validate_password
        from django.core.exceptions import ValidationError

        data = super().clean() or {}
        password = data.get("password")
        if password:
            candidate = get_user_model()(
                username=data.get("username") or self.data.get("username", ""),
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
                email=data.get("email", ""),
            )
            try:
                validate_password(password, candidate)
            except ValidationError as exc:
                self.add_error("password", " ".join(exc.messages))
        return data


class AccountStatusForm(GovukFormMixin, forms.Form):
    """Deactivating or reactivating an account asks nothing: the page is the confirmation, and a
    refusal from the service is shown in its error summary."""


class NewPasswordChangeForm(PasswordChangeForm):
    """Django's change-password form, refusing a "new" password that is the current one or the
    published demonstration password (security review, note in 25)."""

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        new = data.get("new_password2") or data.get("new_password1")
        if new and self.user.check_password(new):
            self.add_error("new_password2", "Your new password must be different from your current password")
        elif new:
            from csphub.demo.personas import DEMO_PASSWORD

            if new == DEMO_PASSWORD:
                self.add_error("new_password2", "This password is published in the guide. Choose another")
        return data


def _staff_label(user: Any) -> str:
    return str(user.get_full_name() or user.username)


class AuditSearchForm(GovukFormMixin, forms.Form):
    """What an administrator searches the audit trail by: a member of staff, dates, a record."""

    staff: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Member of staff",
        required=False,
        queryset=None,  # type: ignore[arg-type]
        empty_label="Anyone",
        help_text="What has this person viewed or changed?",
    )
    date_from = GovukDateField(label="From", required=False, help_text="For example, 27 3 2026")
    date_to = GovukDateField(label="To", required=False, help_text="For example, 27 3 2026")
    record = forms.CharField(
        label="Record (optional)",
        required=False,
        max_length=40,
        help_text="A case, incident or tool or power reference, for example ASB-000024 or INC-000184.",
    )

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["staff"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = staff
        field.label_from_instance = _staff_label  # type: ignore[method-assign,assignment]

    def clean_record(self) -> Any:
        from csphub.audit.records import record_for_reference

        text = self.cleaned_data.get("record", "").strip()
        if not text:
            return None
        found = record_for_reference(text)
        if found is None:
            raise forms.ValidationError("Enter a reference like ASB-000024, INC-000184 or CPW-00012")
        return found

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The 'to' date must be the same as or after the 'from' date")
        return data
