"""Forms validate input; services decide. Error messages follow GOV.UK wording ("Enter ...")."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from csphub.agencies.models import Agency
from csphub.casereviews import rules
from csphub.casereviews.models import AppealOutcome, ApplicationChannel, ContactPreference, LetterKind
from csphub.frontend.forms import GovukDateInput, GovukFormMixin

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y", "%d-%m-%Y", "%d.%m.%Y"]


def date_field(
    label: str, *, required_message: str, help_text: str = "For example, 27/3/2024"
) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        input_formats=DATE_FORMATS,
        widget=GovukDateInput(),
        error_messages={
            "required": required_message,
            "invalid": f"{label} must be a real date, for example 27/3/2024",
        },
    )


class WhoForm(GovukFormMixin, forms.Form):
    who = forms.ChoiceField(
        label="Who is applying?",
        widget=forms.RadioSelect,
        choices=[
            ("self", "I am the person affected by the anti-social behaviour"),
            ("behalf", "I am applying for someone else, with their consent"),
            ("anonymous", "I do not want to give my name"),
        ],
        error_messages={"required": "Select who is applying"},
    )


class VictimForm(GovukFormMixin, forms.Form):
    victim_name = forms.CharField(
        label="Full name of the person affected",
        max_length=200,
        error_messages={"required": "Enter the name of the person you are applying for"},
    )
    relationship_to_victim = forms.CharField(
        label="Your relationship to them",
        max_length=200,
        help_text="For example, family member, carer, councillor or support worker",
        error_messages={"required": "Enter your relationship to the person you are applying for"},
    )
    victim_consent_given = forms.BooleanField(
        label="They have agreed to me applying for a Case Review on their behalf",
        required=False,
    )
    victim_consent_how = forms.CharField(
        label="How did they give their consent?",
        max_length=300,
        required=False,
        help_text="For example, in writing on 2 May, or by phone",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("victim_consent_given"):
            self.add_error(
                "victim_consent_given",
                "You can only apply for someone else with their consent – confirm they have agreed",
            )
        return data


class AboutYouForm(GovukFormMixin, forms.Form):
    applicant_name = forms.CharField(
        label="Your full name",
        max_length=200,
        error_messages={
            "required": "Enter your full name – applications cannot be anonymous, because the partnership "
            "must contact you about the review"
        },
    )
    contact_preference = forms.ChoiceField(
        label="How should we contact you?",
        widget=forms.RadioSelect,
        choices=ContactPreference.choices,
        error_messages={"required": "Select how we should contact you"},
    )
    applicant_email = forms.EmailField(
        label="E-mail address",
        required=False,
        help_text="We send your reference and the code to check your application here",
        error_messages={"invalid": "Enter an e-mail address in the correct format, like name@example.com"},
    )
    applicant_phone = forms.CharField(label="Phone number", max_length=40, required=False)
    applicant_address = forms.CharField(label="Postal address", widget=forms.Textarea, required=False)
    support_needs = forms.CharField(
        label="Do you need any help or adjustments to take part? (optional)",
        widget=forms.Textarea,
        required=False,
        help_text="For example, an interpreter, large print, or a meeting at home",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        pref = data.get("contact_preference")
        needs = {"email": "applicant_email", "phone": "applicant_phone", "post": "applicant_address"}
        messages = {
            "email": "Enter your e-mail address, or choose another way to contact you",
            "phone": "Enter your phone number, or choose another way to contact you",
            "post": "Enter your postal address, or choose another way to contact you",
        }
        if pref in needs and not (data.get(needs[pref]) or "").strip() and needs[pref] not in self.errors:
            self.add_error(needs[pref], messages[pref])
        return data


class BehaviourForm(GovukFormMixin, forms.Form):
    behaviour_description = forms.CharField(
        label="What is happening?",
        widget=forms.Textarea,
        help_text="Describe the anti-social behaviour and how it affects you",
        error_messages={"required": "Describe the anti-social behaviour"},
    )
    behaviour_location = forms.CharField(
        label="Where does it happen?",
        max_length=300,
        help_text="An address, street or place",
        error_messages={"required": "Enter where the behaviour happens"},
    )
    behaviour_first_on = date_field(
        "When did it start?", required_message="Enter the date the behaviour started"
    )
    behaviour_last_on = date_field(
        "When did it last happen?", required_message="Enter the date of the most recent incident"
    )
    reports_described = forms.CharField(
        label="Who have you reported it to, and when?",
        widget=forms.Textarea,
        help_text="For example: police, 3 March and 20 April; council, 12 April; housing association, 2 May",
        error_messages={"required": "Tell us who you reported the behaviour to, and when"},
    )

    def __init__(self, *args: Any, today: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        problems = rules.application_problems(
            applied_on=self.today,
            applicant_name="-",
            contact_preference="email",
            applicant_email="-",
            applicant_phone="",
            applicant_address="",
            is_third_party=False,
            victim_name="",
            victim_consent_given=False,
            behaviour_first_on=data.get("behaviour_first_on"),
            behaviour_last_on=data.get("behaviour_last_on"),
            behaviour_description=data.get("behaviour_description", ""),
            behaviour_location=data.get("behaviour_location", ""),
            reports_described=data.get("reports_described", ""),
        )
        for problem in problems:
            if problem.field in self.fields and problem.field not in self.errors:
                self.add_error(problem.field, problem.message)
        return data


class SubmitForm(GovukFormMixin, forms.Form):
    """Check-answers submit: a signed, time-stamped token and a honeypot field humans never see."""

    form_token = forms.CharField(widget=forms.HiddenInput)
    website = forms.CharField(required=False, label="Leave this field empty")


class StaffIntakeForm(AboutYouForm, BehaviourForm):
    """Staff intake: the whole application on one page (phone, paper, in person, e-mail)."""

    channel = forms.ChoiceField(
        label="How was the application made?",
        widget=forms.RadioSelect,
        choices=[c for c in ApplicationChannel.choices if c[0] != ApplicationChannel.ONLINE],
        error_messages={"required": "Select how the application was made"},
    )
    received_on = date_field("Date received", required_message="Enter the date the application was received")
    is_third_party = forms.BooleanField(label="Made on behalf of the person affected", required=False)
    victim_name = forms.CharField(
        label="Name of the person affected (third-party application)", required=False
    )
    relationship_to_victim = forms.CharField(label="Applicant's relationship to them", required=False)
    victim_consent_given = forms.BooleanField(label="The person affected has consented", required=False)
    victim_consent_how = forms.CharField(label="How consent was given", required=False, max_length=300)

    field_order = [
        "channel",
        "received_on",
        "applicant_name",
        "contact_preference",
        "applicant_email",
        "applicant_phone",
        "applicant_address",
        "support_needs",
        "is_third_party",
        "victim_name",
        "relationship_to_victim",
        "victim_consent_given",
        "victim_consent_how",
        "behaviour_description",
        "behaviour_location",
        "behaviour_first_on",
        "behaviour_last_on",
        "reports_described",
    ]

    def clean(self) -> dict[str, Any]:
        data = forms.Form.clean(self) or {}
        if self.errors:
            return data
        problems = rules.application_problems(
            applied_on=data.get("received_on") or self.today,
            applicant_name=data.get("applicant_name", ""),
            contact_preference=data.get("contact_preference", ""),
            applicant_email=data.get("applicant_email", ""),
            applicant_phone=data.get("applicant_phone", ""),
            applicant_address=data.get("applicant_address", ""),
            is_third_party=bool(data.get("is_third_party")),
            victim_name=data.get("victim_name", ""),
            victim_consent_given=bool(data.get("victim_consent_given")),
            behaviour_first_on=data.get("behaviour_first_on"),
            behaviour_last_on=data.get("behaviour_last_on"),
            behaviour_description=data.get("behaviour_description", ""),
            behaviour_location=data.get("behaviour_location", ""),
            reports_described=data.get("reports_described", ""),
        )
        if data.get("received_on") and data["received_on"] > self.today:
            self.add_error("received_on", "The date received must be today or in the past")
        for problem in problems:
            if problem.field in self.fields and problem.field not in self.errors:
                self.add_error(problem.field, problem.message)
        return data


class StatusRequestForm(GovukFormMixin, forms.Form):
    reference = forms.CharField(
        label="Application reference",
        max_length=20,
        help_text="For example, CR-7KDM-Q4TA",
        error_messages={"required": "Enter your application reference"},
    )
    email = forms.EmailField(
        label="E-mail address you gave when you applied",
        error_messages={
            "required": "Enter the e-mail address you gave when you applied",
            "invalid": "Enter an e-mail address in the correct format, like name@example.com",
        },
    )


class StatusCodeForm(GovukFormMixin, forms.Form):
    reference = forms.CharField(
        label="Application reference",
        max_length=20,
        error_messages={"required": "Enter your application reference"},
    )
    code = forms.CharField(
        label="Code from the e-mail",
        max_length=6,
        min_length=6,
        help_text="The 6-digit code we sent you",
        error_messages={
            "required": "Enter the 6-digit code from the e-mail",
            "min_length": "Enter the 6-digit code from the e-mail",
        },
    )


class AcknowledgeForm(GovukFormMixin, forms.Form):
    on = date_field(
        "Date acknowledged", required_message="Enter the date the application was acknowledged", help_text=""
    )


class LinkIncidentsForm(GovukFormMixin, forms.Form):
    incidents = forms.MultipleChoiceField(
        label="Incidents to link",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one incident to link"},
    )
    named_by_applicant = forms.BooleanField(label="The applicant named these reports", required=False)
    same_incident_key = forms.CharField(
        label="Same-incident label (optional)",
        required=False,
        max_length=40,
        help_text="Give reports of one incident made to several agencies the same label, e.g. 'noise 3 May'",
    )

    def __init__(self, *args: Any, incidents: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["incidents"].choices = [  # type: ignore[attr-defined]
            (
                str(i.pk),
                f"{i.reference} – {i.get_asb_type_display()}, happened {i.occurred_at:%d %b %Y}, "
                f"reported {i.reported_at:%d %b %Y} to {i.reporting_agency.short_name}",
            )
            for i in incidents
        ]


class ThresholdDecideForm(GovukFormMixin, forms.Form):
    decided_on = date_field(
        "Date of decision", required_message="Enter the date of the decision", help_text=""
    )
    discretionary_met = forms.BooleanField(
        label="Decide the threshold is met using the partnership's discretion",
        required=False,
        help_text="Only when the rules do not require it: persistence, harm or an inadequate response",
    )
    discretion_reason = forms.CharField(
        label="Reasons for using discretion", widget=forms.Textarea, required=False
    )


class ReviewForm(GovukFormMixin, forms.Form):
    held_on = date_field(
        "Date of the review meeting", required_message="Enter the date of the review meeting", help_text=""
    )
    chair = forms.CharField(
        label="Chair", max_length=200, error_messages={"required": "Enter the name of the chair"}
    )
    is_independent_chair = forms.BooleanField(
        label="The chair is independent of the agencies reviewed", required=False
    )
    bodies_present = forms.ModelMultipleChoiceField(
        label="Relevant bodies present",
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the relevant bodies that took part"},
    )
    applicant_involvement = forms.CharField(
        label="How the applicant was involved",
        required=False,
        max_length=300,
        help_text="For example, attended in person, gave views by phone beforehand",
    )
    findings = forms.CharField(
        label="What the review found",
        widget=forms.Textarea,
        error_messages={"required": "Enter what the review found"},
    )

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bodies_present"].queryset = bodies  # type: ignore[attr-defined]


class RecommendationForm(GovukFormMixin, forms.Form):
    text = forms.CharField(
        label="Recommendation", widget=forms.Textarea, error_messages={"required": "Enter the recommendation"}
    )
    owner_agency = forms.ModelChoiceField(
        label="Agency responsible",
        queryset=Agency.objects.none(),
        error_messages={"required": "Select the agency responsible"},
    )
    owner_name = forms.CharField(
        label="Named owner", max_length=200, error_messages={"required": "Enter who owns the recommendation"}
    )
    due_on = date_field("Due date", required_message="Enter the date the recommendation is due", help_text="")

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_agency"].queryset = agencies  # type: ignore[attr-defined]


class LetterSendForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(choices=LetterKind.choices, widget=forms.HiddenInput)
    sent_on = date_field("Date sent", required_message="Enter the date the letter is sent", help_text="")


class AppealLodgeForm(GovukFormMixin, forms.Form):
    received_on = date_field(
        "Date the appeal was received",
        required_message="Enter the date the appeal was received",
        help_text="",
    )
    grounds = forms.CharField(
        label="Grounds of appeal",
        widget=forms.Textarea,
        error_messages={"required": "Enter the grounds of the appeal"},
    )
    allow_late = forms.BooleanField(label="Accept a late appeal (the appeal body agreed)", required=False)


class AppealDecideForm(GovukFormMixin, forms.Form):
    decided_on = date_field(
        "Date of the appeal decision", required_message="Enter the date of the appeal decision", help_text=""
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        widget=forms.RadioSelect,
        choices=AppealOutcome.choices,
        error_messages={"required": "Select the appeal outcome"},
    )
    outcome_reasons = forms.CharField(
        label="The appeal body's reasons",
        widget=forms.Textarea,
        error_messages={"required": "Enter the appeal body's reasons"},
    )


class PromptExplainedForm(GovukFormMixin, forms.Form):
    explained_on = date_field(
        "Date explained", required_message="Enter the date you explained the Case Review", help_text=""
    )
    how_explained = forms.CharField(
        label="How you explained it",
        max_length=300,
        help_text="For example, by phone, and sent the leaflet",
        error_messages={"required": "Say how the Case Review was explained (for example, by phone)"},
    )


class PublicationChooseForm(GovukFormMixin, forms.Form):
    area = forms.ChoiceField(label="Area", error_messages={"required": "Select an area"})
    year = forms.ChoiceField(
        label="Reporting year (April to March)", error_messages={"required": "Select a year"}
    )

    def __init__(
        self, *args: Any, areas: list[tuple[str, str]], years: list[rules.ReportingYear], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = areas  # type: ignore[attr-defined]
        self.fields["year"].choices = [(y.slug, y.label) for y in years]  # type: ignore[attr-defined]


class CloseForm(GovukFormMixin, forms.Form):
    how = forms.ChoiceField(
        label="Why is it closing?",
        widget=forms.RadioSelect,
        choices=[
            ("closed", "Finished: no appeal, or the appeal window has passed"),
            ("withdrawn", "The applicant withdrew"),
        ],
        error_messages={"required": "Select why the application is closing"},
    )
    on = date_field("Date", required_message="Enter the date", help_text="")


# ---------------------------------------------------------------------------------------------------
# Configuration and case changes (question page → check answers → save)
# ---------------------------------------------------------------------------------------------------


def working_days_field(label: str, help_text: str) -> forms.IntegerField:
    message = f"Enter the {label.lower()} as a whole number of working days from 1 to 260"
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=1,
        max_value=260,
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "required": message,
            "invalid": message,
            "min_value": message,
            "max_value": message,
        },
    )


class AreaConfigureForm(GovukFormMixin, forms.Form):
    managing_agency = forms.ModelChoiceField(
        label="Agency that runs the procedure (the single point of contact)",
        queryset=Agency.objects.all(),
        help_text="It owns new applications. Applications already received stay with the agency that has them.",
        error_messages={"required": "Select the agency that runs the procedure"},
    )
    relevant_bodies = forms.ModelMultipleChoiceField(
        label="Relevant bodies taking part",
        queryset=Agency.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text="The council, police, health bodies and co-opted social housing providers (s.105). "
        "The agency that runs the procedure always takes part.",
        error_messages={"required": "Select the relevant bodies taking part"},
    )
    contact_team = forms.CharField(
        label="Team applicants contact",
        max_length=200,
        error_messages={"required": "Enter the team applicants contact"},
    )
    contact_email = forms.EmailField(
        label="Team e-mail address",
        error_messages={
            "required": "Enter the team's e-mail address",
            "invalid": "Enter an e-mail address in the correct format, like name@example.gov.uk",
        },
    )
    contact_phone = forms.CharField(
        label="Team phone number",
        max_length=40,
        error_messages={"required": "Enter the team's phone number"},
    )
    default_spoc = forms.ModelChoiceField(
        label="Default single point of contact (optional)",
        queryset=Agency.objects.none(),
        required=False,
        help_text="Given to new applicants until staff assign someone else",
    )
    appeal_body_name = forms.CharField(
        label="Who hears appeals",
        max_length=200,
        help_text="For example, the Derbyshire Police and Crime Commissioner",
        error_messages={"required": "Enter who hears appeals, for example the Police and Crime Commissioner"},
    )
    appeal_body_contact = forms.CharField(
        label="Appeal body's address (optional)", max_length=300, required=False
    )
    acknowledge_wd = working_days_field("Time to acknowledge", "Working days from receipt")
    threshold_decision_wd = working_days_field("Time to decide the threshold", "Working days from receipt")
    review_meeting_wd = working_days_field(
        "Time to hold the review meeting", "Working days from the decision that the threshold is met"
    )
    outcome_letter_wd = working_days_field(
        "Time to send the outcome letter", "Working days after the meeting"
    )
    appeal_window_wd = working_days_field(
        "Time the applicant has to appeal",
        "Working days after the outcome letter or a decision that the threshold is not met",
    )
    appeal_decision_wd = working_days_field("Time to decide an appeal", "Working days from the appeal")

    LEVEL_FIELDS = (
        "acknowledge_wd",
        "threshold_decision_wd",
        "review_meeting_wd",
        "outcome_letter_wd",
        "appeal_window_wd",
        "appeal_decision_wd",
    )

    def __init__(self, *args: Any, spoc_queryset: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        spoc_field = self.fields["default_spoc"]
        spoc_field.queryset = spoc_queryset  # type: ignore[attr-defined]
        spoc_field.label_from_instance = lambda user: user.get_full_name() or user.username  # type: ignore[attr-defined]
        spoc_field.error_messages["invalid_choice"] = "Select a single point of contact from the list"

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        levels = rules.ServiceLevels(**{name: data.pop(name) for name in self.LEVEL_FIELDS})
        return {**data, "service_levels": levels}


class RuleSetForm(GovukFormMixin, forms.Form):
    version = forms.CharField(
        label="Version label",
        max_length=40,
        help_text="A name that is new for this area, for example 'local-2026-04'. Decisions record it.",
        error_messages={"required": "Enter a label for this version"},
    )
    effective_from = date_field(
        "Date the rules take effect",
        required_message="Enter the date the rules take effect",
        help_text="Applications received on or after this date are decided under these rules",
    )
    qualifying_complaints_required = forms.IntegerField(
        label="Qualifying complaints that meet the threshold",
        help_text="3 is the statutory number. You may set 1, 2 or 3, never more (s.104(4)).",
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-2", "inputmode": "numeric"}),
        error_messages={
            "required": "Enter the number of qualifying complaints, from 1 to 3",
            "invalid": "Enter the number of qualifying complaints as a whole number from 1 to 3",
        },
    )
    count_same_incident_once = forms.BooleanField(
        label="Count one incident reported to several agencies once towards the local number",
        required=False,
        help_text="The statutory test of three complaints still counts every complaint made",
    )
    distinct_complainants_required = forms.IntegerField(
        label="Different people complaining that also meets the threshold (optional)",
        required=False,
        help_text="For example 5: five different people complained in the six months before the application",
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-2", "inputmode": "numeric"}),
        error_messages={
            "invalid": "Enter the number of different people as a whole number, or leave it empty"
        },
    )
    hate_incident_meets_threshold = forms.BooleanField(
        label="One qualifying complaint about a hate incident meets the threshold", required=False
    )
    description = forms.CharField(
        label="Describe the rules as you publish them",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Describe the rules in plain English, as your published procedure does"},
    )

    def clean_qualifying_complaints_required(self) -> int:
        value: int = self.cleaned_data["qualifying_complaints_required"]
        if value > rules.STATUTORY_QUALIFYING_COMPLAINTS:
            raise forms.ValidationError(
                "Enter 3 or fewer: the law does not allow a threshold above three qualifying complaints, "
                "so local rules can widen the statutory test but never narrow it"
            )
        if value < 1:
            raise forms.ValidationError("Enter a number of qualifying complaints from 1 to 3")
        return value

    def clean_distinct_complainants_required(self) -> int | None:
        value: int | None = self.cleaned_data.get("distinct_complainants_required")
        if value is not None and value < 1:
            raise forms.ValidationError("Enter a number of different people of 1 or more, or leave it empty")
        return value

    def policy(self) -> rules.ThresholdPolicy:
        return rules.ThresholdPolicy(**{**self.cleaned_data, "version": self.cleaned_data["version"].strip()})

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if not self.errors:
            try:
                self.policy()
            except ValueError as error:
                raise forms.ValidationError(str(error)) from error
        return cleaned


class SpocForm(GovukFormMixin, forms.Form):
    spoc = forms.ModelChoiceField(
        label="New single point of contact",
        queryset=Agency.objects.none(),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the new single point of contact",
            "invalid_choice": "Select the new single point of contact from the list",
        },
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["spoc"]
        field.queryset = candidates  # type: ignore[attr-defined]
        field.label_from_instance = lambda user: user.get_full_name() or user.username  # type: ignore[attr-defined]


class UnlinkIncidentForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why should this incident not be linked?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, it is about a different problem or address. This is kept in the audit log.",
        error_messages={
            "required": "Enter why this incident should not be linked",
            "max_length": "Reason must be 500 characters or fewer",
        },
    )
