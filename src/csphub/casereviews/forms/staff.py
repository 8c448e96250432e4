"""Forms of the staff Case Review pages: intake, threshold, review, letters, appeal, prompts, closing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from csphub.agencies.models import Agency
from csphub.casereviews import rules
from csphub.casereviews.forms.public import AboutYouForm, BehaviourForm, date_field
from csphub.casereviews.models import AppealOutcome, ApplicationChannel, LetterKind, LetterLanguage
from csphub.frontend.forms import GovukFormMixin

# The public questions speak to the applicant ("Your full name"); a member of staff fills the intake
# form in about the applicant, so its labels and messages say "the applicant".
STAFF_LABELS: dict[str, tuple[str, str]] = {  # field: (label, hint)
    "applicant_name": ("Applicant's full name", ""),
    "contact_preference": ("How does the applicant want to be contacted?", ""),
    "applicant_email": ("Applicant's e-mail address", "Their reference and status-check codes are sent here"),
    "applicant_phone": ("Applicant's phone number", ""),
    "applicant_address": ("Applicant's postal address", ""),
    "support_needs": (
        "Help or adjustments the applicant needs to take part (optional)",
        "For example, an interpreter, large print, or a meeting at home",
    ),
    "behaviour_description": ("What is happening?", "The behaviour and how it affects the person affected"),
    "reports_described": (
        "Who has the applicant reported it to, and when?",
        "For example: police, 3 March and 20 April; council, 12 April; housing association, 2 May",
    ),
}
STAFF_MESSAGES: dict[str, str] = {
    "applicant_name": "Enter the applicant's full name – applications cannot be anonymous",
    "contact_preference": "Select how the applicant wants to be contacted",
    "applicant_email": "Enter the applicant's e-mail address, or choose another way to contact them",
    "applicant_phone": "Enter the applicant's phone number, or choose another way to contact them",
    "applicant_address": "Enter the applicant's postal address, or choose another way to contact them",
    "victim_name": "Enter the name of the person affected",
    "victim_consent_given": "A third-party application needs the consent of the person affected – confirm it",
    "reports_described": "Enter who the applicant reported the behaviour to, and when",
}


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
    language = forms.ChoiceField(
        label="Language for letters and e-mails to the applicant",
        help_text="Welsh if the applicant asked for Welsh",
        widget=forms.RadioSelect,
        choices=LetterLanguage.choices,
        initial=LetterLanguage.ENGLISH,
        required=False,
    )

    field_order = [
        "channel",
        "received_on",
        "applicant_name",
        "contact_preference",
        "applicant_email",
        "applicant_phone",
        "applicant_address",
        "support_needs",
        "language",
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, (label, hint) in STAFF_LABELS.items():
            self.fields[name].label = label
            self.fields[name].help_text = hint
        for name, message in STAFF_MESSAGES.items():
            self.fields[name].error_messages["required"] = message
        if not settings.CSPHUB_OFFER_WELSH:
            del self.fields["language"]  # the partnership writes to the public in English only

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
                self.add_error(problem.field, STAFF_MESSAGES.get(problem.field, problem.message))
        return data


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
                f"{i.reference} – {i.get_category_display()} ({i.get_asb_type_display().lower()})"
                f"{', at ' + i.location_description if i.location_description else ''}; "
                f"happened {i.occurred_at:%d %b %Y}, reported {i.reported_at:%d %b %Y} to "
                f"{i.reporting_agency.short_name}{_people(i)}",
            )
            for i in incidents
        ]


def _people(incident: Any) -> str:
    """ "; people: Ann Smith (victim), Carl Jones (alleged perpetrator)", from prefetched parties."""
    named = [
        f"{party.person.display_name} ({party.get_role_display().lower()})"
        for party in incident.parties.all()
    ]
    return f"; people: {', '.join(named)}" if named else "; no people recorded"


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
