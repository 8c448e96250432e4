"""Forms for closure notices and orders."""

from __future__ import annotations

from typing import Any

from django import forms

from csphub.frontend.forms import GovukFormMixin
from csphub.powers.forms.common import (
    capacity_choices,
    date_field,
    datetime_field,
    set_choices,
    text_field,
)
from csphub.powers.rules import (
    ISSUER_LABELS,
    IssuerCapacity,
    Power,
)
from csphub.powers.services.closure import CLOSURE_APPEAL_OUTCOMES, CLOSURE_NOTICE_CHANGES
from csphub.powers.services.closure_order import CLOSURE_REFUSAL_APPEAL_OUTCOMES


class ClosureNoticeForm(GovukFormMixin, forms.Form):
    premises = forms.TypedChoiceField(
        label="Premises", coerce=int, error_messages={"required": "Choose the premises"}
    )
    issuer_capacity = forms.ChoiceField(
        label="You are issuing as", error_messages={"required": "Choose the capacity you are issuing in"}
    )
    conduct = forms.CharField(
        label="Nuisance or disorder relied on",
        widget=forms.Textarea,
        error_messages={"required": "Describe the nuisance or disorder"},
    )
    served_at = datetime_field("Served at", required_message="Enter when the notice was served")
    duration_hours = forms.IntegerField(
        label="Duration in hours",
        min_value=1,
        max_value=48,
        error_messages={"required": "Enter how many hours the notice lasts"},
        help_text="Up to 24 hours; up to 48 with superintendent or chief executive sign-off.",
    )
    senior_signoff = forms.BooleanField(
        label="Signed off by a superintendent or the local authority chief executive (or designate)",
        required=False,
    )
    residents_informed = forms.BooleanField(
        label="Reasonable efforts made to inform residents and anyone with an interest", required=False
    )
    excludes_residents_or_owner = forms.BooleanField(
        label="The notice excludes people who live there or the owner", required=False
    )
    hearing_at = datetime_field(
        "When the closure order application will be heard",
        required_message="Enter when the application will be heard",
        help_text="Within 48 hours of service; Christmas Day is not counted (s.80).",
    )
    hearing_details = forms.CharField(
        label="Where the closure order application will be heard",
        widget=forms.Textarea,
        required=False,
    )
    informed_parties = forms.CharField(
        label="Bodies consulted (optional)", widget=forms.Textarea, required=False, help_text="One per line."
    )

    def __init__(self, *args: Any, premises: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "premises", [("", "Choose"), *premises])
        set_choices(self, "issuer_capacity", capacity_choices(Power.CLOSURE_NOTICE))


class ClosureOrderForm(GovukFormMixin, forms.Form):
    made_on = date_field(
        "Date the court made the order", required_message="Enter the date the order was made"
    )
    ends_on = date_field(
        "Date the order ends",
        required_message="Enter the date the order ends",
        help_text="At most 3 months after it was made (s.80(6)).",
    )


class ClosureOrderExtendForm(GovukFormMixin, forms.Form):
    applied_on = date_field(
        "Date the extension was applied for", required_message="Enter the date of the extension application"
    )
    extended_on = date_field(
        "Date the court extended the order",
        required_message="Enter the date the court extended the order",
        help_text="A new 21-day period to appeal to the Crown Court runs from this date (s.84).",
    )
    new_end = date_field(
        "New end date",
        required_message="Enter the new end date",
        help_text="Each extension adds at most 3 months, and the order can never last more than 6 months in "
        "total (s.82).",
    )
    authorised_by = forms.ChoiceField(
        label="Who authorised a police application",
        required=False,
        choices=[
            ("", "Not needed: the council is applying"),
            (IssuerCapacity.SUPERINTENDENT.value, ISSUER_LABELS[IssuerCapacity.SUPERINTENDENT]),
        ],
        help_text="A police application needs the authority of a superintendent or above (s.82).",
    )
    consulted = forms.CharField(
        label="Who was consulted before applying",
        max_length=300,
        required=False,
        help_text="The council, for a police application; the chief officer of police, for a council one (s.82).",
    )
    consulted_on = date_field(
        "Date they were consulted", required_message="Enter the date of the consultation", required=False
    )


class ClosureOrderDischargeForm(GovukFormMixin, forms.Form):
    discharged_on = date_field(
        "Date the court discharged the order", required_message="Enter the date the order was discharged"
    )
    note = text_field("Notes (optional)", help_text="For example who applied for the discharge (s.83).")


_CLOSURE_CHANGERS = (
    IssuerCapacity.CONSTABLE,
    IssuerCapacity.INSPECTOR,
    IssuerCapacity.SUPERINTENDENT,
    IssuerCapacity.LOCAL_AUTHORITY,
    IssuerCapacity.LA_CHIEF_EXECUTIVE,
)


class ClosureExtensionNoticeForm(GovukFormMixin, forms.Form):
    issuer_capacity = forms.ChoiceField(
        label="Who signed the extension notice",
        choices=[
            ("", "Choose"),
            *(
                (c.value, ISSUER_LABELS[c])
                for c in (IssuerCapacity.SUPERINTENDENT, IssuerCapacity.LA_CHIEF_EXECUTIVE)
            ),
        ],
        error_messages={"required": "Choose who signed the extension notice"},
    )
    extended_at = datetime_field(
        "Extension notice issued at", required_message="Enter when the extension notice was issued"
    )
    extension_hours = forms.IntegerField(
        label="Hours added",
        min_value=1,
        max_value=24,
        help_text="At most 24 hours (s.77(4)).",
        error_messages={
            "required": "Enter how many hours the extension adds",
            "max_value": "An extension notice adds at most 24 hours (s.77(4))",
            "min_value": "Enter how many hours the extension adds",
        },
    )


class ClosureNoticeChangeForm(GovukFormMixin, forms.Form):
    # Not "change": that name is the check-answers flow's own control field.
    action = forms.ChoiceField(
        label="What is the notice doing?",
        choices=list(CLOSURE_NOTICE_CHANGES.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the notice is cancelled or varied"},
    )
    issuer_capacity = forms.ChoiceField(
        label="Who gave the cancellation or variation notice",
        choices=[("", "Choose"), *((c.value, ISSUER_LABELS[c]) for c in _CLOSURE_CHANGERS)],
        error_messages={"required": "Choose who gave the notice"},
    )
    changed_at = datetime_field("Given at", required_message="Enter when the notice was given")
    what_changed = text_field(
        "Why it is cancelled, or what the variation changes",
        required_message="Say why the notice is cancelled or what the variation changes",
    )
    new_ends_at = datetime_field(
        "For a variation that shortens it: the new end (optional)",
        what="the varied notice ends",
        required=False,
    )


class ClosureContinuationForm(GovukFormMixin, forms.Form):
    decided_at = datetime_field("The court decided at", required_message="Enter when the court decided")
    adjourned_to = date_field(
        "Date of the adjourned hearing (if the court adjourned)",
        required_message="Enter the date of the adjourned hearing",
        required=False,
        help_text="At most 14 days after the hearing (s.81(3)). Leave blank if the court made no order and "
        "continued the notice (s.81(2)).",
    )
    continued_until = datetime_field(
        "The notice continues until",
        required_message="Enter until when the court continued the notice",
        what="the notice continues until",
        help_text="Until the adjourned hearing, or at most 48 hours when no order is made (s.81).",
    )


class ClosureOrderAppealForm(GovukFormMixin, forms.Form):
    appellant = forms.CharField(
        label="Who is appealing, and their interest in the premises",
        max_length=300,
        error_messages={"required": "Say who is appealing and their interest in the premises"},
    )
    lodged_on = date_field("Date the appeal was made", required_message="Enter the date the appeal was made")


class ClosureOrderAppealDecisionForm(GovukFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label="What did the Crown Court decide?",
        choices=list(CLOSURE_APPEAL_OUTCOMES.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the Crown Court decided"},
    )
    decided_on = date_field(
        "Date of the decision", required_message="Enter the date of the Crown Court's decision"
    )
    new_end = date_field(
        "If varied: the new end date", required_message="Enter the new end date", required=False
    )
    note = text_field("Notes (optional)")


class ClosureRefusalForm(GovukFormMixin, forms.Form):
    refused_at = datetime_field(
        "The court decided at", required_message="Enter when the court decided not to make the order"
    )
    continued_until = datetime_field(
        "If the court continued the closure notice: until when (optional)",
        what="the notice was continued until",
        required=False,
        help_text="At most 48 hours after the decision (s.81(2)). Leave blank if the notice was not continued.",
    )
    note = text_field("The court's reasons (optional)")


class ClosureRefusalAppealForm(GovukFormMixin, forms.Form):
    lodged_on = date_field(
        "Date the appeal was made to the Crown Court",
        required_message="Enter the date the appeal was made",
    )
    note = text_field("Notes (optional)")


class ClosureRefusalAppealDecisionForm(GovukFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label="What did the Crown Court decide?",
        choices=list(CLOSURE_REFUSAL_APPEAL_OUTCOMES.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the Crown Court decided"},
    )
    decided_on = date_field(
        "Date of the decision", required_message="Enter the date of the Crown Court's decision"
    )
    ends_on = date_field(
        "If the Crown Court made an order: the date it ends",
        required_message="Enter the date the order ends",
        required=False,
    )
    note = text_field("Notes (optional)")
