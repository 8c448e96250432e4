"""Forms for the powers pages: they validate input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms

from csphub.frontend.forms import GovukDateInput, GovukDateTimeInput, GovukFormMixin
from csphub.powers.rules import (
    AUTHORISED_ISSUERS,
    ISSUER_LABELS,
    PSPO_CONSULTEE_LABELS,
    PSPO_CONSULTEES,
    S36_EXCLUSIONS,
    AbsoluteCondition,
    Court,
    Disposal,
    Power,
    Status,
)


def set_choices(form: forms.Form, name: str, choices: list[tuple[Any, str]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def capacity_choices(power: Power) -> list[tuple[str, str]]:
    allowed = AUTHORISED_ISSUERS[power]
    return [("", "Choose")] + [(c.value, label) for c, label in ISSUER_LABELS.items() if c in allowed]


class CpwForm(GovukFormMixin, forms.Form):
    recipient = forms.TypedChoiceField(
        label="Who is the warning for?",
        coerce=int,
        error_messages={"required": "Choose who the warning is for"},
    )
    issuer_capacity = forms.ChoiceField(
        label="You are issuing as", error_messages={"required": "Choose the capacity you are issuing in"}
    )
    conduct = forms.CharField(
        label="Conduct that must stop or change",
        widget=forms.Textarea,
        error_messages={"required": "Describe the conduct that must stop or change"},
        help_text="The notice that may follow must be about this same conduct.",
    )
    requirements = forms.CharField(
        label="What the recipient must do or stop doing",
        widget=forms.Textarea,
        error_messages={"required": "Say what the recipient must do or stop doing"},
    )
    comply_by = forms.DateTimeField(
        label="Time to comply ends",
        widget=GovukDateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={
            "required": "Enter when the time to comply ends",
            "invalid": "Enter a real date and time",
        },
    )
    informed_parties = forms.CharField(
        label="People and bodies informed (optional)",
        widget=forms.Textarea,
        required=False,
        help_text="One per line, for example the victim and the housing provider.",
    )

    def __init__(self, *args: Any, recipients: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "recipient", [("", "Choose"), *recipients])
        set_choices(self, "issuer_capacity", capacity_choices(Power.CPW))


class CpnForm(GovukFormMixin, forms.Form):
    issuer_capacity = forms.ChoiceField(
        label="You are issuing as", error_messages={"required": "Choose the capacity you are issuing in"}
    )
    requirements = forms.CharField(
        label="Requirements of the notice",
        widget=forms.Textarea,
        error_messages={"required": "Say what the recipient must do or stop doing"},
        help_text="Should mirror the warning. Only 'stop doing' requirements stay in force during an appeal.",
    )
    conduct_persists = forms.BooleanField(
        label="The conduct has continued despite the warning and the time to comply", required=False
    )
    informed_parties = forms.CharField(
        label="People and bodies you informed before issuing (s.43(6))",
        widget=forms.Textarea,
        required=False,
        help_text="One per line.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "issuer_capacity", capacity_choices(Power.CPN))


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
    served_at = forms.DateTimeField(
        label="Served at",
        widget=GovukDateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={
            "required": "Enter when the notice was served",
            "invalid": "Enter a real date and time",
        },
    )
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
    hearing_details = forms.CharField(
        label="When and where the closure order application will be heard",
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


class WithdrawForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why is it being withdrawn?",
        widget=forms.Textarea,
        error_messages={"required": "Give the reason for withdrawing"},
    )


# --------------------------------------------------------------------------------------------
# Shared field builders. Field names match the service's keyword arguments, so a view passes
# ``**form.cleaned_data`` straight to the service.
# --------------------------------------------------------------------------------------------

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


def date_field(
    label: str, *, required_message: str, required: bool = True, help_text: str = ""
) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=GovukDateInput(),
        input_formats=DATE_FORMATS,
        error_messages={"required": required_message, "invalid": f"{label} must be a real date"},
    )


def datetime_field(label: str, *, required_message: str, help_text: str = "") -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        help_text=help_text,
        widget=GovukDateTimeInput(),
        input_formats=DATETIME_FORMATS,
        error_messages={"required": required_message, "invalid": f"{label} must be a real date and time"},
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


class _PowerForm(GovukFormMixin, forms.Form):
    """A form for one power: fills the issuer choices and, if it has one, the recipient choices."""

    power: Power

    def __init__(self, *args: Any, recipients: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "issuer_capacity" in self.fields:
            set_choices(self, "issuer_capacity", capacity_choices(self.power))
        if "recipient" in self.fields:
            set_choices(self, "recipient", [("", "Choose"), *(recipients or [])])


# --------------------------------------------------------------------------------------------
# CPN appeal, fixed penalty
# --------------------------------------------------------------------------------------------


class CpnAppealForm(GovukFormMixin, forms.Form):
    lodged_on = date_field(
        "Date the appeal was lodged", required_message="Enter the date the appeal was lodged"
    )
    stop_requirements = forms.MultipleChoiceField(
        label="Which requirements tell the recipient to stop doing something?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=(
            "These stay in effect while the appeal is pending. Every other requirement is suspended "
            "until the court decides (s.46(3))."
        ),
    )
    note = text_field("Notes (optional)", help_text="For example the court and the hearing date.")

    def __init__(self, *args: Any, requirements: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "stop_requirements", [(r, r) for r in requirements])


APPEAL_OUTCOMES = [
    (Status.UPHELD.value, "Appeal dismissed: the notice stands as issued"),
    (Status.VARIED.value, "The court varied the notice"),
    (Status.QUASHED.value, "The court quashed the notice"),
]


class CpnAppealDecisionForm(GovukFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label="What did the court decide?",
        choices=APPEAL_OUTCOMES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the court decided"},
    )
    note = text_field("Notes (optional)", help_text="If the notice was varied, say how.")


class FpnForm(_PowerForm):
    power = Power.FPN
    issuer_capacity = capacity_field()
    breach = text_field("How the notice was breached", required_message="Describe the breach of the notice")
    amount_gbp = forms.IntegerField(
        label="Amount in pounds",
        min_value=1,
        error_messages={
            "required": "Enter the amount of the fixed penalty in pounds",
            "invalid": "Enter the amount as a whole number of pounds, like 100",
            "min_value": "The amount must be at least £1",
        },
    )
    early_amount_gbp = forms.IntegerField(
        label="Lower amount for early payment, in pounds (optional)",
        required=False,
        min_value=1,
        error_messages={"invalid": "Enter the early-payment amount as a whole number of pounds, like 75"},
    )
    early_period_days = forms.IntegerField(
        label="Early-payment period in days (optional)",
        required=False,
        min_value=1,
        help_text="Shorter than the 14-day payment period, for example 10.",
        error_messages={"invalid": "Enter the early-payment period as a whole number of days, like 10"},
    )


class FpnPaymentForm(GovukFormMixin, forms.Form):
    paid_on = date_field("Date paid", required_message="Enter the date the fixed penalty was paid")


# --------------------------------------------------------------------------------------------
# Closure order
# --------------------------------------------------------------------------------------------


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
    new_end = date_field(
        "New end date",
        required_message="Enter the new end date",
        help_text="The order can never last more than 6 months in total (s.82).",
    )


# --------------------------------------------------------------------------------------------
# Civil injunction and CBO
# --------------------------------------------------------------------------------------------

COURT_CHOICES = [
    ("", "Choose"),
    (Court.YOUTH.value, "Youth court (respondent under 18)"),
    (Court.COUNTY.value, "County court"),
    (Court.HIGH.value, "High Court"),
]


class InjunctionForm(_PowerForm):
    power = Power.INJUNCTION
    recipient = recipient_field("Who is the respondent?", "Choose the respondent")
    issuer_capacity = capacity_field("You are applying as")
    applied_on = date_field("Date of the application", required_message="Enter the date of the application")
    court = forms.ChoiceField(
        label="Court",
        choices=COURT_CHOICES,
        error_messages={"required": "Choose the court you are applying to"},
    )
    requirements = text_field(
        "Prohibitions and requirements sought",
        required_message="Say what the injunction should prohibit or require",
    )
    ends_on = date_field(
        "End date (optional for adults)",
        required_message="",
        required=False,
        help_text="Under 18: required, at most 12 months. Adults: leave blank for 'until further order'.",
    )
    yot_consulted_on = date_field(
        "Date the youth offending team was consulted",
        required_message="",
        required=False,
        help_text="Required before applying when the respondent is under 18 (s.14).",
    )
    without_notice = forms.BooleanField(
        label="This is a without-notice application (YOT consultation before the first on-notice hearing)",
        required=False,
    )


DISPOSAL_CHOICES = [
    ("", "Choose"),
    (Disposal.SENTENCE.value, "A sentence"),
    (Disposal.CONDITIONAL_DISCHARGE.value, "A conditional discharge"),
    (Disposal.ABSOLUTE_DISCHARGE.value, "An absolute discharge"),
    (Disposal.BIND_OVER.value, "A bind-over"),
]


class CboForm(_PowerForm):
    power = Power.CBO
    recipient = recipient_field("Who is the offender?", "Choose the offender")
    convicted_on = date_field("Date of conviction", required_message="Enter the date of the conviction")
    disposal = forms.ChoiceField(
        label="What did the court give on conviction?",
        choices=DISPOSAL_CHOICES,
        error_messages={"required": "Choose the sentence or discharge given"},
    )
    applied_on = date_field(
        "Date the prosecution applied", required_message="Enter the date of the application"
    )
    starts_on = date_field("Date the order starts", required_message="Enter the date the order starts")
    ends_on = date_field(
        "Date the order ends (leave blank for an indefinite adult order)",
        required_message="",
        required=False,
        help_text="Under 18: between 1 and 3 years. Adults: at least 2 years, or indefinite.",
    )
    yot_views_on = date_field(
        "Date the youth offending team's views were obtained",
        required_message="",
        required=False,
        help_text="Required before applying when the offender is under 18 (s.22(8)).",
    )
    requirements = text_field(
        "Prohibitions and requirements of the order",
        required_message="Say what the order prohibits or requires",
    )


# --------------------------------------------------------------------------------------------
# Dispersal
# --------------------------------------------------------------------------------------------


class DispersalAuthorisationForm(_PowerForm):
    power = Power.DISPERSAL_AUTHORISATION
    issuer_capacity = capacity_field("You are authorising as")
    locality = forms.CharField(
        label="Locality covered",
        max_length=300,
        error_messages={"required": "Describe the locality the authorisation covers"},
    )
    grounds = text_field("Grounds for the authorisation", required_message="Give the grounds in writing")
    starts_at = datetime_field("Starts", required_message="Enter when the authorisation starts")
    ends_at = datetime_field(
        "Ends",
        required_message="Enter when the authorisation ends",
        help_text="At most 48 hours after it starts.",
    )
    human_rights_considered = text_field(
        "How you had regard to freedom of expression and assembly (Articles 10 and 11)",
        required_message="Record how you had regard to the rights of freedom of expression and assembly",
    )
    signed = forms.BooleanField(label="The written authorisation is signed", required=False)


class DispersalDirectionForm(_PowerForm):
    power = Power.DISPERSAL_DIRECTION
    recipient = recipient_field("Who was the direction given to?", "Choose who the direction was given to")
    issuer_capacity = capacity_field("You gave it as")
    given_at = datetime_field("Given at", required_message="Enter when the direction was given")
    excluded_until = datetime_field(
        "Excluded until", required_message="Enter when the exclusion ends", help_text="At most 48 hours."
    )
    in_writing = forms.BooleanField(label="The direction was given in writing", required=False)
    not_in_writing_reason = text_field("If not in writing, why that was not reasonably practicable")
    exclusions_checked = forms.MultipleChoiceField(
        label="The direction does not stop the person reaching (s.36)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(e, e[0].upper() + e[1:]) for e in S36_EXCLUSIONS],
        help_text="Tick each one you have checked.",
    )


# --------------------------------------------------------------------------------------------
# PSPO and absolute ground
# --------------------------------------------------------------------------------------------


class PspoForm(_PowerForm):
    power = Power.PSPO
    issuer_capacity = capacity_field("You are making it as")
    locality = forms.CharField(
        label="Restricted area", max_length=300, error_messages={"required": "Describe the restricted area"}
    )
    requirements = text_field(
        "Prohibitions and requirements", required_message="Say what the order prohibits or requires"
    )
    made_on = date_field("Date made", required_message="Enter the date the order is made")
    expires_on = date_field(
        "Date it expires", required_message="Enter the date the order expires", help_text="At most 3 years."
    )
    consultation_done = forms.MultipleChoiceField(
        label="Consultation and notifications completed (s.72)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            (k, PSPO_CONSULTEE_LABELS[k][0].upper() + PSPO_CONSULTEE_LABELS[k][1:]) for k in PSPO_CONSULTEES
        ],
    )
    publicised = forms.BooleanField(label="The proposal was publicised", required=False)
    two_tier = forms.BooleanField(
        label="The area has a county council to notify", required=False, initial=True
    )
    parished = forms.BooleanField(
        label="The area has a parish or community council to notify", required=False, initial=True
    )


CONDITION_CHOICES = [
    (AbsoluteCondition.SERIOUS_OFFENCE.value, "Condition 1: conviction for a serious offence"),
    (AbsoluteCondition.INJUNCTION_BREACH.value, "Condition 2: court found a breach of a civil injunction"),
    (AbsoluteCondition.CBO_BREACH.value, "Condition 3: conviction for breach of a criminal behaviour order"),
    (AbsoluteCondition.CLOSURE_ORDER.value, "Condition 4: a closure order in force for more than 48 hours"),
    (
        AbsoluteCondition.NOISE_ABATEMENT_BREACH.value,
        "Condition 5: conviction for breach of a noise abatement notice",
    ),
]


class AbsoluteGroundForm(_PowerForm):
    power = Power.ABSOLUTE_GROUND
    recipient = recipient_field("Who is the tenant?", "Choose the tenant")
    issuer_capacity = capacity_field("You are serving as")
    condition = forms.ChoiceField(
        label="Which condition is met?",
        choices=CONDITION_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which of the five conditions is met"},
    )
    served_on = date_field(
        "Date the notice was served", required_message="Enter the date the notice was served"
    )
    closure_order_hours_in_force = forms.FloatField(
        label="For condition 4: hours the closure order was in force (optional)",
        required=False,
        min_value=0,
        error_messages={"invalid": "Enter the number of hours, like 72"},
    )


class AbsoluteGroundReviewForm(GovukFormMixin, forms.Form):
    requested_on = date_field(
        "Date the tenant asked for a review", required_message="Enter the date the tenant asked for a review"
    )


class ConfirmForm(GovukFormMixin, forms.Form):
    """A step with nothing to ask: the check-answers page is the confirmation."""


# --------------------------------------------------------------------------------------------
# Later lifecycle steps: court outcomes, variations, extensions, discharges, compliance
# --------------------------------------------------------------------------------------------

INJUNCTION_OUTCOME_CHOICES = [
    (Status.GRANTED.value, "The court granted the injunction"),
    (Status.REFUSED.value, "The court refused the application"),
]

ORDER_CHANGE_CHOICES = [
    (Status.VARIED.value, "The court varied the order"),
    (Status.DISCHARGED.value, "The court discharged the order"),
]


class InjunctionDecisionForm(GovukFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label="What did the court decide?",
        choices=INJUNCTION_OUTCOME_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the court granted or refused the injunction"},
    )
    decided_on = date_field("Date of the decision", required_message="Enter the date of the court's decision")
    requirements = text_field(
        "Prohibitions and requirements granted",
        help_text="If granted: the terms as the court made them, one per line.",
    )
    ends_on = date_field(
        "End date",
        required_message="",
        required=False,
        help_text="If granted. Under 18: required, at most 12 months. Adults: blank for 'until further order'.",
    )
    note = text_field("Notes (optional)", help_text="For example whether a power of arrest was attached.")


class OrderChangeForm(GovukFormMixin, forms.Form):
    """A court varying or discharging an injunction or a criminal behaviour order."""

    outcome = forms.ChoiceField(
        label="What did the court do?",
        choices=ORDER_CHANGE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the court varied or discharged the order"},
    )
    decided_on = date_field("Date of the court's decision", required_message="Enter the date of the decision")
    requirements = text_field(
        "Prohibitions and requirements as varied",
        help_text="If varied: the terms now in force, one per line.",
    )
    ends_on = date_field(
        "New end date",
        required_message="",
        required=False,
        help_text="If varied. Leave blank only for an adult order with no end date.",
    )
    note = text_field("Notes (optional)")


class DispersalVariationForm(_PowerForm):
    power = Power.DISPERSAL_DIRECTION
    issuer_capacity = capacity_field("You varied it as")
    varied_at = datetime_field("Varied at", required_message="Enter when the direction was varied")
    excluded_until = datetime_field(
        "Now excluded until",
        required_message="Enter when the exclusion now ends",
        help_text="Never more than 48 hours after the direction was first given (s.35(8)).",
    )
    in_writing = forms.BooleanField(label="Notice of the variation was given in writing", required=False)
    not_in_writing_reason = text_field("If not in writing, why that was not reasonably practicable")
    note = text_field("Notes (optional)")


def _consultation_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label="Consultation and notifications completed (s.72)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            (k, PSPO_CONSULTEE_LABELS[k][0].upper() + PSPO_CONSULTEE_LABELS[k][1:]) for k in PSPO_CONSULTEES
        ],
    )


class PspoExtendForm(_PowerForm):
    power = Power.PSPO
    issuer_capacity = capacity_field("You are extending it as")
    extended_on = date_field("Date of the extension", required_message="Enter the date the order is extended")
    expires_on = date_field(
        "New expiry date",
        required_message="Enter the new expiry date",
        help_text="At most 3 years after the date of the extension (s.60).",
    )
    consultation_done = _consultation_field()
    publicised = forms.BooleanField(label="The proposed extension was publicised", required=False)
    two_tier = forms.BooleanField(
        label="The area has a county council to notify", required=False, initial=True
    )
    parished = forms.BooleanField(
        label="The area has a parish or community council to notify", required=False, initial=True
    )


class PspoVaryForm(_PowerForm):
    power = Power.PSPO
    issuer_capacity = capacity_field("You are varying it as")
    varied_on = date_field("Date of the variation", required_message="Enter the date the order is varied")
    locality = forms.CharField(
        label="Restricted area (as varied)",
        max_length=300,
        error_messages={"required": "Describe the restricted area"},
    )
    requirements = text_field(
        "Prohibitions and requirements (as varied)",
        required_message="Say what the order prohibits or requires",
    )
    consultation_done = _consultation_field()
    publicised = forms.BooleanField(label="The proposed variation was publicised", required=False)
    two_tier = forms.BooleanField(
        label="The area has a county council to notify", required=False, initial=True
    )
    parished = forms.BooleanField(
        label="The area has a parish or community council to notify", required=False, initial=True
    )


class ClosureOrderDischargeForm(GovukFormMixin, forms.Form):
    discharged_on = date_field(
        "Date the court discharged the order", required_message="Enter the date the order was discharged"
    )
    note = text_field("Notes (optional)", help_text="For example who applied for the discharge (s.83).")


COMPLIANCE_LABELS = {
    Status.COMPLIED: "Complied with",
    Status.BREACHED: "Breached",
    Status.EXPIRED: "Expired",
}


class ComplianceForm(GovukFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label="What happened?", widget=forms.RadioSelect, error_messages={"required": "Choose what happened"}
    )
    on = date_field("Date", required_message="Enter the date it was complied with, breached or expired")
    note = text_field("Notes (optional)", help_text="For a breach: what was seen, when and by whom.")

    def __init__(self, *args: Any, outcomes: tuple[Status, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "outcome", [(o.value, COMPLIANCE_LABELS[o]) for o in outcomes])
