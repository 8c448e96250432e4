"""Forms for civil injunctions and criminal behaviour orders."""

from __future__ import annotations

from django import forms

from csphub.frontend.forms import GovukFormMixin
from csphub.powers.forms.common import (
    _PowerForm,
    capacity_field,
    date_field,
    recipient_field,
    text_field,
)
from csphub.powers.rules import (
    APPEAL_OUTCOMES,
    APPELLANTS,
    S5_OTHER_APPLICANTS,
    SUPERVISION_REQUIREMENTS,
    Court,
    InjunctionTerm,
    Power,
    Status,
)
from csphub.powers.tables import DISPOSAL_CHOICES

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
    housing_management_related = forms.BooleanField(
        label=(
            "For a housing provider: the behaviour relates to or affects its housing management functions (s.5(3))"
        ),
        required=False,
    )
    applicant_body = forms.ChoiceField(
        label="If you are applying as another body named in s.5(1): which body",
        required=False,
        choices=[("", "Choose"), *((k, v[0].upper() + v[1:]) for k, v in S5_OTHER_APPLICANTS.items())],
    )


CBO_COURT_CHOICES = [
    ("", "Choose"),
    (Court.MAGISTRATES.value, "Magistrates' court"),
    (Court.YOUTH.value, "Youth court (offender under 18)"),
    (Court.CROWN.value, "Crown Court"),
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
    court = forms.ChoiceField(
        label="Which court made the order?",
        choices=CBO_COURT_CHOICES,
        error_messages={"required": "Choose the court that made the order"},
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


INJUNCTION_OUTCOME_CHOICES = [
    (Status.GRANTED.value, "The court granted the injunction"),
    (Status.REFUSED.value, "The court refused the application"),
]


ORDER_CHANGE_CHOICES = [
    (Status.VARIED.value, "The court varied the order"),
    (Status.DISCHARGED.value, "The court discharged the order"),
]


INJUNCTION_TERM_CHOICES = [
    (InjunctionTerm.PROHIBITION.value, "A prohibition"),
    (InjunctionTerm.REQUIREMENT.value, "A requirement to do something"),
    (InjunctionTerm.PARTICIPATE_IN_ACTIVITIES.value, "A requirement to participate in particular activities"),
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
    note = text_field("Notes (optional)")
    yot_consulted_on = date_field(
        "Date the youth offending team was consulted (under 18s)",
        required_message="",
        required=False,
        help_text="After a without-notice application: the YOT must be consulted before the date of the "
        "first on-notice hearing (s.14(2)).",
    )
    violence_or_significant_risk = forms.BooleanField(
        label="The conduct included violence or threatened violence, or there is a significant risk of harm",
        required=False,
    )
    power_of_arrest = forms.BooleanField(
        label="If granted: the court attached a power of arrest (s.4)", required=False
    )
    power_of_arrest_term = forms.ChoiceField(
        label="The kind of term the power of arrest is attached to",
        required=False,
        choices=[("", "Choose"), *INJUNCTION_TERM_CHOICES],
    )
    power_of_arrest_terms = forms.CharField(
        label="Which terms the power of arrest is attached to", required=False, max_length=500
    )
    positive_requirement = forms.BooleanField(
        label="If granted: it requires the respondent to do something (a positive requirement, s.3)",
        required=False,
    )
    supervisor = forms.CharField(
        label="Who supervises the positive requirement", required=False, max_length=300
    )
    suitability_evidence = text_field(
        "Evidence given to the court about the requirement's suitability and enforceability (s.3(2))"
    )
    excludes_from_home = forms.BooleanField(
        label="If granted: it excludes the respondent from the place where they normally live (s.13)",
        required=False,
    )


class InjunctionAdjournForm(GovukFormMixin, forms.Form):
    """A hearing of the injunction application adjourned, with or without an interim injunction."""

    hearing_on = date_field("Date of the hearing", required_message="Enter the date of the hearing")
    next_hearing_on = date_field(
        "Date of the next hearing",
        required_message="",
        required=False,
        help_text="After a without-notice hearing: the first on-notice hearing, of which the respondent "
        "is given notice (s.6).",
    )
    interim = forms.BooleanField(
        label="The court granted an interim injunction until the final hearing or further order (s.7)",
        required=False,
    )
    interim_requirements = text_field(
        "Prohibitions and requirements of the interim injunction",
        help_text="If one was granted: its terms as the court made them, one per line.",
    )
    interim_excludes_from_home = forms.BooleanField(
        label="The interim injunction excludes the respondent from the place where they normally live",
        required=False,
        help_text="Not at a hearing the respondent had no notice of (s.7(3)).",
    )
    violence_or_significant_risk = forms.BooleanField(
        label="The conduct included violence or threatened violence, or there is a significant risk of harm",
        required=False,
    )
    note = text_field("Notes (optional)")


class InjunctionAppealForm(GovukFormMixin, forms.Form):
    """s.15: an appeal to the Crown Court against the youth court's decision."""

    appellant = forms.ChoiceField(
        label="Who appealed?",
        widget=forms.RadioSelect,
        choices=list(APPELLANTS.items()),
        error_messages={"required": "Choose who appealed"},
    )
    lodged_on = date_field("Date the appeal was made", required_message="Enter the date the appeal was made")
    note = text_field("Notes (optional)")


class InjunctionAppealDecisionForm(GovukFormMixin, forms.Form):
    """The Crown Court's decision on a s.15 appeal."""

    outcome = forms.ChoiceField(
        label="What did the Crown Court decide?",
        widget=forms.RadioSelect,
        choices=list(APPEAL_OUTCOMES.items()),
        error_messages={"required": "Choose what the Crown Court decided"},
    )
    decided_on = date_field(
        "Date of the Crown Court's decision", required_message="Enter the date of the decision"
    )
    note = text_field("Notes (optional)")


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


class InjunctionChangeForm(OrderChangeForm):
    """An injunction's variation or discharge: the YOT consultation for an under-18 (s.14(3))."""

    yot_consulted_on = date_field(
        "Date the youth offending team was consulted (under 18s)",
        required_message="",
        required=False,
        help_text="Before applying to vary or discharge an injunction, if the respondent is under 18 (s.14(3)).",
    )


class OrderBreachForm(GovukFormMixin, forms.Form):
    """A court's finding that an injunction or a criminal behaviour order was breached."""

    breached_on = date_field("Date of the breach", required_message="Enter the date of the breach")
    found_on = date_field("Date the court found the breach", required_message="Enter the date of the finding")
    court = forms.ChoiceField(
        label="Which court found the breach?",
        widget=forms.RadioSelect,
        choices=[
            ("county_court", "County court"),
            ("high_court", "High Court"),
            ("youth_court", "Youth court"),
            ("magistrates_court", "Magistrates' court"),
            ("crown_court", "Crown Court"),
        ],
        error_messages={"required": "Choose the court that found the breach"},
    )
    note = text_field("What happened (optional)")
    youth_order = forms.ChoiceField(
        label="For an injunction breached by someone under 18: what did the youth court order? (Schedule 2)",
        widget=forms.RadioSelect,
        required=False,
        initial="none",
        choices=[
            ("none", "No supervision or detention order (or the respondent is 18 or over)"),
            ("supervision", "A supervision order"),
            ("detention", "A detention order (14 or over only)"),
        ],
    )
    youth_order_ends_on = date_field(
        "The day the supervision or detention order ends",
        required_message="",
        required=False,
        help_text="A supervision order: at most 6 months. A detention order: at most 3 months, not counting "
        "the day it is made.",
    )
    youth_requirements = forms.MultipleChoiceField(
        label="A supervision order's requirements",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=list(SUPERVISION_REQUIREMENTS.items()),
    )
    activity_days = forms.IntegerField(
        label="An activity requirement: days in all", required=False, min_value=0, help_text="12 to 24 days."
    )
    yot_consulted_on = date_field(
        "Date the youth offending team was consulted before applying for the order",
        required_message="",
        required=False,
    )
    no_other_power_appropriate = forms.BooleanField(
        label="A detention order: the court was satisfied that, in view of the severity or extent of the "
        "breach, no other power available to it was appropriate",
        required=False,
    )

    def clean_youth_order(self) -> str:
        return self.cleaned_data.get("youth_order") or "none"
