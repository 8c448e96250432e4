"""The questions of the data protection pages (staff only)."""

from __future__ import annotations

from typing import Any

from django import forms

from csphub.frontend.forms import GovukDateField, GovukFormMixin
from csphub.governance import rules
from csphub.governance.models import ItemDecision, Outcome, Regime, RequestKind


def _required(message: str) -> dict[str, str]:
    return {"required": message}


class RequestForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="What is the request?",
        choices=RequestKind.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select what the request is"),
    )
    regime = forms.ChoiceField(
        label="Which law is the data processed under?",
        choices=Regime.choices,
        widget=forms.RadioSelect,
        help_text="Police records held for a law-enforcement purpose are under DPA 2018 Part 3.",
        error_messages=_required("Select the law the data is processed under"),
    )
    subject = forms.ChoiceField(
        label="Who is the data subject?",
        widget=forms.RadioSelect,
        error_messages=_required("Select the data subject"),
    )
    requester_name = forms.CharField(
        label="Requester's name", max_length=200, error_messages=_required("Enter the requester's name")
    )
    requester_contact = forms.CharField(
        label="Where to send the reply (postal or e-mail address)",
        max_length=300,
        error_messages=_required("Enter where to send the reply"),
    )
    received_on = GovukDateField(label="Date the request was received")
    identity_evidence = forms.CharField(
        label="How was their identity verified? (leave empty if not yet)", max_length=300, required=False
    )
    details = forms.CharField(
        label="For rectification or erasure: what do they ask to be corrected or erased?",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(self, *args: Any, people: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = [  # type: ignore[attr-defined]
            (str(p.pk), f"{p.display_name}{f', born {p.date_of_birth:%d %B %Y}' if p.date_of_birth else ''}")
            for p in people
        ]
        self.people = {str(p.pk): p for p in people}

    def clean_subject(self) -> Any:
        return self.people[self.cleaned_data["subject"]]


class VerifyForm(GovukFormMixin, forms.Form):
    verified_on = GovukDateField(label="Date their identity was verified")
    evidence = forms.CharField(
        label="How was it verified?",
        max_length=300,
        error_messages=_required("Enter how their identity was verified"),
    )


class ExtendForm(GovukFormMixin, forms.Form):
    months = forms.TypedChoiceField(
        label="Extend by",
        coerce=int,
        choices=[(1, "One further month"), (2, "Two further months")],
        widget=forms.RadioSelect,
        error_messages=_required("Select how long to extend by"),
    )
    reason = forms.CharField(
        label="Why is the extension necessary? (the requester is told this)",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_required("Enter why the extension is necessary"),
    )


class ItemDecisionForm(GovukFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        widget=forms.RadioSelect,
        choices=[c for c in ItemDecision.choices if c[0] != ItemDecision.PENDING],
        error_messages=_required("Select whether to disclose, redact or withhold it"),
    )
    exemption = forms.ChoiceField(label="Exemption or ground (for a withheld item)", required=False)
    redacted_fields = forms.MultipleChoiceField(
        label="Parts to redact", required=False, widget=forms.CheckboxSelectMultiple
    )
    notes = forms.CharField(
        label="Why are these parts redacted, the item withheld without saying so, or not the data subject's?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: they identify a third party who has not consented (DPA 2018 Sch 2 para 16). "
        "For an item withheld without saying so, the reasons are kept for the Information Commissioner "
        "(DPA 2018 s.45(7)).",
    )

    def __init__(
        self, *args: Any, regime: str, labels: list[str], matched: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        exemptions: list[tuple[str, str]] = [("", "Choose an exemption"), *rules.exemptions_for(regime)]
        self.fields["exemption"].choices = exemptions  # type: ignore[attr-defined]
        # "Not the data subject's" only for a record found by matching details (a Case Review applicant, or
        # the person affected named in someone else's application).
        self.fields["decision"].choices = rules.item_decisions_for(  # type: ignore[attr-defined]
            regime,
            [
                c
                for c in ItemDecision.choices
                if c[0] != ItemDecision.PENDING and (matched or c[0] != ItemDecision.NOT_SUBJECT)
            ],
        )
        self.fields["redacted_fields"].choices = [(label, label) for label in labels]  # type: ignore[attr-defined]


class DiscloseForm(GovukFormMixin, forms.Form):
    disclosed_on = GovukDateField(label="Date the bundle was sent")
    method = forms.CharField(
        label="How was it sent?", max_length=200, error_messages=_required("Enter how it was sent")
    )


class DecideForm(GovukFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select the outcome"),
    )
    reason = forms.CharField(
        label="Reason (the requester is told this)",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_required("Enter the reason"),
    )
    given_name = forms.CharField(label="Corrected first name", required=False, max_length=100)
    family_name = forms.CharField(label="Corrected last name", required=False, max_length=100)
    phone = forms.CharField(label="Corrected phone number", required=False, max_length=40)
    email = forms.EmailField(label="Corrected e-mail address", required=False)


class HoldForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="What do you want to keep?",
        widget=forms.RadioSelect,
        error_messages=_required("Select what to place the hold on"),
    )
    record = forms.CharField(
        label="Its reference",
        max_length=30,
        help_text="For example ASB-000042, INC-000012, PER-000017, SAR-00003 or CR-7KDM-Q4TA.",
        error_messages=_required("Enter the reference of the record to keep"),
    )
    reason = forms.CharField(
        label="Why must it be kept?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: a civil claim has been made, or an inquiry has asked for the records.",
        error_messages=_required("Enter why the record must be kept"),
    )
    reference = forms.CharField(
        label="Claim, inquiry or instruction reference (optional)", max_length=120, required=False
    )

    def __init__(self, *args: Any, kinds: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = list(kinds.items())  # type: ignore[attr-defined]


class ReleaseForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why can the hold end?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: the claim was settled, or the inquiry has closed.",
        error_messages=_required("Enter why the hold can end"),
    )


class RetentionPeriodForm(GovukFormMixin, forms.Form):
    years = forms.IntegerField(
        label="Keep for how many years?",
        min_value=1,
        max_value=rules.MAXIMUM_YEARS,
        error_messages={
            "required": "Enter the number of years",
            "invalid": "Enter the number of years as a whole number, like 6",
            "min_value": "The period must be at least 1 year",
            "max_value": f"The period must be {rules.MAXIMUM_YEARS} years or fewer",
        },
    )
    reason = forms.CharField(
        label="Why this period?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_required("Enter why your agency keeps this record for this period"),
    )
    policy_source = forms.CharField(
        label="Which policy sets it?",
        max_length=300,
        help_text="For example: the council's records retention schedule, version 4.",
        error_messages=_required("Enter the policy the period comes from"),
    )


class NeitherConfirmNorDenyForm(GovukFormMixin, forms.Form):
    ground = forms.ChoiceField(
        label="Which ground of section 45(4) applies?",
        widget=forms.RadioSelect,
        choices=rules.ncnd_grounds(),
        error_messages=_required("Select the ground that applies"),
    )
    reason = forms.CharField(
        label="Why would confirming or denying cause that harm?",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Kept for the Information Commissioner (section 45(7)); never sent to the requester.",
        error_messages=_required("Enter why confirming or denying would cause that harm"),
    )
    responded_on = GovukDateField(label="Date the reply was sent")
    method = forms.CharField(
        label="How was it sent?", max_length=200, error_messages=_required("Enter how the reply was sent")
    )


class PublicPagesForm(GovukFormMixin, forms.Form):
    """The partnership's privacy notice and Welsh offer. A part left empty: the service's default."""

    dpo_name = forms.CharField(
        label="Data Protection Officer",
        max_length=200,
        required=False,
        help_text="As the privacy notice names them, for example 'Data Protection Officer, Amber Valley "
        "Borough Council'. Leave empty to use the service's default.",
    )
    dpo_email = forms.EmailField(
        label="Data Protection Officer's e-mail address",
        max_length=254,
        required=False,
        error_messages={"invalid": "Enter an e-mail address in the correct format, like dpo@example.gov.uk"},
    )
    dpo_address = forms.CharField(
        label="Data Protection Officer's postal address", max_length=300, required=False
    )
    privacy_retention = forms.CharField(
        label="How long records are kept",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One or two sentences for the privacy notice.",
    )
    offer_welsh = forms.TypedChoiceField(
        label="Are the public pages offered in Welsh?",
        choices=[("yes", "Yes, in Welsh and English"), ("no", "No, in English only")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text="The Case Review pages, the privacy notice, the accessibility statement and the cookies page. "
        "The Welsh translations should be checked by a Welsh speaker before they are offered.",
        error_messages=_required("Select whether the public pages are offered in Welsh"),
    )
