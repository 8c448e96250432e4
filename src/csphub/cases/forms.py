"""Forms validate input shape and say what to do (GOV.UK messages); services decide the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from csphub.agencies.models import ShareScope
from csphub.cases import rules
from csphub.cases.models import (
    AsbType,
    CaseOutcome,
    CaseSubject,
    Category,
    Channel,
    ContactMethod,
    NoteVisibility,
    PanelKind,
    PartyRole,
    SurveyAnswer,
)
from csphub.core.concurrency import VERSION_FIELD, VersionedFormMixin
from csphub.frontend.forms import GovukDateField, GovukDateTimeField, GovukFormMixin
from csphub.people.services import POSTCODE_MESSAGE, is_postcode

EMPTY: list[tuple[str, Any]] = [("", "Select")]


def _user_label(user: Any) -> str:
    return str(user.get_full_name() or user.username)


def _required(message: str) -> dict[str, str]:
    return {"required": message, "invalid": message, "invalid_choice": message}


class IncidentForm(GovukFormMixin, forms.Form):
    occurred_at = GovukDateTimeField(
        label="When did it happen?",
        help_text="For example, 27 3 2026 and 21:30 or 9:30pm.",
        error_messages={
            "required": "Enter the date and time the incident happened",
            "incomplete": "The date and time it happened must include a %(missing)s",
            "invalid": "The date it happened must be a real date",
        },
    )
    reported_at = GovukDateTimeField(
        label="When was it reported?",
        help_text="For example, 28 3 2026 and 09:15.",
        error_messages={
            "required": "Enter the date and time the incident was reported",
            "incomplete": "The date and time it was reported must include a %(missing)s",
            "invalid": "The date it was reported must be a real date",
        },
    )
    channel = forms.ChoiceField(
        label="How was it reported?",
        choices=EMPTY + Channel.choices,
        error_messages=_required("Select how the incident was reported"),
    )
    asb_type = forms.ChoiceField(
        label="Type of anti-social behaviour",
        choices=AsbType.choices,
        widget=forms.RadioSelect,
        help_text="Personal: targeted at a person or group. Nuisance: affects a community. Environmental: "
        "damage to places.",
        error_messages=_required("Select the type of anti-social behaviour"),
    )
    category = forms.ChoiceField(
        label="Category",
        choices=EMPTY + Category.choices,
        error_messages=_required("Select the category of anti-social behaviour"),
    )
    description = forms.CharField(
        label="What happened?",
        widget=forms.Textarea,
        max_length=5000,
        error_messages=_required("Enter a description of what happened"),
    )
    is_hate_motivated = forms.BooleanField(
        label="The reporter or officer perceives it as motivated by hostility or prejudice (hate incident)",
        required=False,
    )
    police_reference = forms.CharField(label="Police reference (optional)", required=False, max_length=40)
    victim_given_name = forms.CharField(
        label="Victim's first name (optional)", required=False, max_length=100
    )
    victim_family_name = forms.CharField(
        label="Victim's last name (optional)", required=False, max_length=100
    )
    # A name is asked as the person gives it, never split by guessing (new-user review item 22:
    # "Occupant of Flat 2" was stored as first name "Occupant of Flat", last name "2").
    perpetrator_given_name = forms.CharField(
        label="Alleged perpetrator's first name (optional)", required=False, max_length=100
    )
    perpetrator_family_name = forms.CharField(
        label="Alleged perpetrator's last name (optional)", required=False, max_length=100
    )
    perpetrator_known_as = forms.CharField(
        label="Or how the alleged perpetrator or group is known (optional)",
        required=False,
        max_length=200,
        help_text="When the name is not known, for example 'Occupant of Flat 2', or for a group "
        "'Group at Market Place skate park'.",
    )
    perpetrator_is_group = forms.BooleanField(label="The alleged perpetrator is a group", required=False)
    address_line_1 = forms.CharField(label="Address line 1 (optional)", required=False, max_length=200)
    address_town = forms.CharField(label="Town (optional)", required=False, max_length=100)
    address_postcode = forms.CharField(label="Postcode (optional)", required=False, max_length=10)
    uprn = forms.RegexField(
        label="UPRN (optional)",
        regex=r"^\d{1,12}$",
        required=False,
        error_messages={"invalid": "UPRN must be up to 12 digits"},
    )
    location_description = forms.CharField(
        label="Where, if not an address (optional)",
        required=False,
        max_length=200,
        help_text="For example 'Footpath behind Ripley library'.",
    )
    latitude = forms.FloatField(
        label="Latitude (optional)",
        required=False,
        error_messages={"invalid": "Latitude must be a number, like 53.0497"},
    )
    longitude = forms.FloatField(
        label="Longitude (optional)",
        required=False,
        error_messages={"invalid": "Longitude must be a number, like -1.4057"},
    )
    # Set when the form is reached from a person page ("record an incident for this person").
    victim_id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_address_postcode(self) -> str:
        postcode = str(self.cleaned_data.get("address_postcode") or "").strip()
        if postcode and not is_postcode(postcode):
            raise forms.ValidationError(POSTCODE_MESSAGE)
        return postcode

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # Run the pure date rules here too, so every date problem is shown at once.
        occurred, reported = data.get("occurred_at"), data.get("reported_at")
        if occurred and reported:
            for problem in rules.incident_date_problems(
                occurred_at=occurred, reported_at=reported, now=timezone.now()
            ):
                self.add_error(problem.field, problem.message)
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", "Enter both latitude and longitude, or neither")
        if data.get("perpetrator_is_group") and not data.get("perpetrator_known_as"):
            self.add_error("perpetrator_known_as", "Enter how the group is known")
        return data


class CaseOpenForm(GovukFormMixin, forms.Form):
    summary = forms.CharField(
        label="Case summary",
        max_length=200,
        help_text=(
            "One line a partner can understand, for example 'Noise and intimidation from a neighbour'. "
            "Panel partners read it: leave out addresses and postcodes."
        ),
        error_messages=_required("Enter a short summary of the case"),
    )
    asb_type = forms.ChoiceField(
        label="Type of anti-social behaviour",
        choices=AsbType.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select the type of anti-social behaviour"),
    )
    subject_kind = forms.ChoiceField(
        label="What is the case about?",
        choices=CaseSubject.choices,
        initial=CaseSubject.PERSON,
        widget=forms.RadioSelect,
        required=False,  # a person unless said otherwise (forms and API clients that predate it)
    )
    subject_description = forms.CharField(
        label="The group or the place (if the case is about one)",
        max_length=200,
        required=False,
        help_text="For example 'Young people gathering at the skate park' or 'Ashbrook Park'.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("subject_kind") in (CaseSubject.GROUP, CaseSubject.PLACE)
            and not (data.get("subject_description") or "").strip()
        ):
            self.add_error("subject_description", "Describe the group or the place the case is about")
        return data


class VictimContactForm(GovukFormMixin, forms.Form):
    """The schedule of updates agreed with a victim, and who gives them."""

    victim = forms.ChoiceField(label="Victim", error_messages=_required("Select the victim"))
    spoc = forms.ChoiceField(
        label="Single point of contact",
        help_text="The person who keeps the victim updated.",
        error_messages=_required("Select the single point of contact"),
    )
    update_every_days = forms.IntegerField(
        label="Update the victim every (days)",
        min_value=rules.VICTIM_UPDATE_MIN_DAYS,
        max_value=rules.VICTIM_UPDATE_MAX_DAYS,
        help_text="As agreed with the victim. For example 7 for weekly, 14 for every two weeks.",
        error_messages={
            "required": "Enter how often to update the victim, in days",
            "invalid": "Enter how often to update the victim as a number of days, like 14",
            "min_value": f"Enter how often to update the victim, from {rules.VICTIM_UPDATE_MIN_DAYS} "
            f"to {rules.VICTIM_UPDATE_MAX_DAYS} days",
            "max_value": f"Enter how often to update the victim, from {rules.VICTIM_UPDATE_MIN_DAYS} "
            f"to {rules.VICTIM_UPDATE_MAX_DAYS} days",
        },
    )
    method = forms.ChoiceField(
        label="How the victim wants to be updated",
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select how the victim wants to be updated"),
    )
    agreed_on = GovukDateField(label="Date agreed with the victim", help_text="For example, 27 3 2026")

    def __init__(self, *args: Any, victims: list[Any], officers: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["victim"].choices = EMPTY + [(str(p.pk), p.display_name) for p in victims]  # type: ignore[attr-defined]
        self.fields["spoc"].choices = EMPTY + [  # type: ignore[attr-defined]
            (str(u.pk), u.get_full_name() or u.username) for u in officers
        ]


class VictimUpdateForm(GovukFormMixin, forms.Form):
    given_on = GovukDateField(label="Date of the update", help_text="For example, 27 3 2026")
    method = forms.ChoiceField(
        label="How the update was given",
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select how the update was given"),
    )
    summary = forms.CharField(
        label="What the victim was told",
        widget=forms.Textarea,
        max_length=4000,
        error_messages=_required("Enter what the victim was told"),
    )
    consulted_on_action_plan = forms.BooleanField(
        label="The victim was consulted on the action plan before it was finalised", required=False
    )
    action_plan_views = forms.CharField(
        label="The victim's views on the action plan",
        widget=forms.Textarea,
        required=False,
        max_length=4000,
    )


class ClosureSurveyForm(GovukFormMixin, forms.Form):
    victim = forms.ChoiceField(label="Victim", error_messages=_required("Select the victim"))
    answer = forms.ChoiceField(
        label="How satisfied is the victim with how their case was handled?",
        choices=SurveyAnswer.choices,
        widget=forms.RadioSelect,
        help_text="Answering is optional for the victim: record it if they did not want to answer.",
        error_messages=_required("Select the victim's answer, or that they did not want to answer"),
    )
    comments = forms.CharField(
        label="Comments (optional)", widget=forms.Textarea, required=False, max_length=4000
    )

    def __init__(self, *args: Any, victims: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["victim"].choices = EMPTY + [(str(p.pk), p.display_name) for p in victims]  # type: ignore[attr-defined]


class CaseStatusForm(VersionedFormMixin, GovukFormMixin, forms.Form):
    """Carries the case's version: a status chosen on a stale page is refused (core.concurrency)."""

    VERSIONED = ("status", "closure_reason", "outcome", "case_officer")

    to_status = forms.ChoiceField(
        label="New status", widget=forms.RadioSelect, error_messages=_required("Select the new status")
    )
    reason = forms.CharField(label="Reason", widget=forms.Textarea, required=False, max_length=2000)
    outcome = forms.ChoiceField(
        label="Outcome (when closing)", choices=EMPTY + CaseOutcome.choices, required=False
    )
    victim_told_on = GovukDateField(
        label="When closing: the date the victim was told the case is closing, and why (if they have been)",
        required=False,
        help_text="For example, 27 3 2026. If you have not told them yet, leave this blank: a task will "
        "remind you to.",
    )
    victim_told_how = forms.ChoiceField(
        label="How the victim was told", choices=EMPTY + list(rules.VICTIM_TOLD_HOW.items()), required=False
    )

    def __init__(self, *args: Any, from_status: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [  # type: ignore[attr-defined]
            (to.value, rule.label) for to, rule in rules.allowed_transitions(from_status)
        ]


class VictimToldForm(GovukFormMixin, forms.Form):
    """D.3: the victim was told when and why their case closed."""

    victim_told_on = GovukDateField(label="Date the victim was told", help_text="For example, 27 3 2026")
    victim_told_how = forms.ChoiceField(
        label="How they were told",
        choices=list(rules.VICTIM_TOLD_HOW.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the victim was told"},
    )


class CaseLinkForm(GovukFormMixin, forms.Form):
    related_case_id = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)


class CaseAddIncidentForm(GovukFormMixin, forms.Form):
    incident_id = forms.IntegerField(widget=forms.HiddenInput)


class PartyAddForm(GovukFormMixin, forms.Form):
    person_id = forms.IntegerField(widget=forms.HiddenInput)
    role = forms.ChoiceField(
        label="Role", choices=PartyRole.choices, error_messages=_required("Select the role")
    )


class TaskForm(GovukFormMixin, forms.Form):
    title = forms.CharField(
        label="What needs to be done?",
        max_length=200,
        error_messages=_required("Enter what needs to be done"),
    )
    due_on = GovukDateField(
        label="Due date",
        help_text="For example, 27 3 2026.",
        error_messages={
            "required": "Enter the date the task is due",
            "invalid": "The due date must be a real date",
        },
    )
    owner: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Owner",
        queryset=None,
        empty_label="Select",  # type: ignore[arg-type]
        help_text="Only people who may see this case are listed.",
        error_messages=_required("Select who will do it"),
    )
    details = forms.CharField(
        label="Details (optional)", widget=forms.Textarea, required=False, max_length=2000
    )

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = owners
        field.label_from_instance = _user_label  # type: ignore[method-assign,assignment]

    def clean_due_on(self) -> Any:
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise forms.ValidationError("The due date must be today or in the future")
        return due_on


class NoteForm(GovukFormMixin, forms.Form):
    text = forms.CharField(
        label="Note", widget=forms.Textarea, max_length=10000, error_messages=_required("Enter the note")
    )
    visibility = forms.ChoiceField(
        label="Who can see this note?",
        choices=NoteVisibility.choices,
        widget=forms.RadioSelect,
        initial=NoteVisibility.AGENCY,
        error_messages=_required("Select who can see the note"),
    )


class DocumentForm(GovukFormMixin, forms.Form):
    title = forms.CharField(
        label="Title", max_length=200, error_messages=_required("Enter a title for the document")
    )
    file = forms.FileField(
        label="File",
        error_messages={
            "required": "Select a file",
            "empty": "The selected file is empty",
            "invalid": "Select a file",
        },
    )
    visibility = forms.ChoiceField(
        label="Who can see this document?",
        choices=NoteVisibility.choices,
        widget=forms.RadioSelect,
        initial=NoteVisibility.AGENCY,
        error_messages=_required("Select who can see the document"),
    )


class PanelForm(GovukFormMixin, forms.Form):
    name = forms.CharField(
        label="Panel name", max_length=200, error_messages=_required("Enter the name of the panel")
    )
    kind = forms.ChoiceField(
        label="Kind of panel",
        choices=PanelKind.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select the kind of panel"),
    )
    agreement: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Information sharing agreement",
        queryset=None,  # type: ignore[arg-type]
        empty_label="Select",
        error_messages=_required("Select the agreement the panel works under"),
    )

    def __init__(self, *args: Any, agreements: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = agreements  # type: ignore[attr-defined]


class MeetingForm(GovukFormMixin, forms.Form):
    held_at = GovukDateTimeField(
        label="Date and time",
        help_text="For example, 27 3 2026 and 10:00.",
        error_messages={
            "required": "Enter the date and time of the meeting",
            "incomplete": "The date and time of the meeting must include a %(missing)s",
            "invalid": "The date of the meeting must be a real date",
        },
    )
    location = forms.CharField(label="Location (optional)", required=False, max_length=200)
    attending_agencies: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label="Attending agencies",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,  # type: ignore[arg-type]
        error_messages=_required("Select the agencies attending"),
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attending_agencies"].queryset = agencies  # type: ignore[attr-defined]


class AgendaAddForm(GovukFormMixin, forms.Form):
    case_reference = forms.CharField(
        label="Case reference",
        max_length=20,
        help_text="For example ASB-000123.",
        error_messages=_required("Enter the case reference"),
    )
    reason = forms.CharField(
        label="Why is the case coming to the panel?",
        widget=forms.Textarea,
        max_length=500,
        error_messages=_required("Enter why the case is coming to the panel"),
    )

    def clean_case_reference(self) -> int:
        raw = self.cleaned_data["case_reference"].strip().upper()
        digits = raw[4:] if raw.startswith("ASB-") else raw
        if not digits.isdigit():
            raise forms.ValidationError("Enter a case reference like ASB-000123")
        return int(digits)


class DecisionForm(VersionedFormMixin, GovukFormMixin, forms.Form):
    VERSIONED = ("decision",)

    decision = forms.CharField(
        label="Decision",
        widget=forms.Textarea,
        max_length=5000,
        error_messages=_required("Enter the panel's decision"),
    )
    action_title = forms.CharField(label="Action (optional)", required=False, max_length=200)
    action_owner: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Action owner",
        queryset=None,
        required=False,  # type: ignore[arg-type]
        empty_label="Select",
    )
    action_due_on = GovukDateField(
        label="Action due date",
        required=False,
        help_text="For example, 27 3 2026.",
        error_messages={"invalid": "The action due date must be a real date"},
    )

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["action_owner"]
        field.queryset = owners  # type: ignore[attr-defined]
        field.label_from_instance = _user_label  # type: ignore[attr-defined]


class MinutesForm(VersionedFormMixin, GovukFormMixin, forms.Form):
    VERSIONED = ("minutes",)

    minutes = forms.CharField(
        label="Minutes",
        widget=forms.Textarea,
        max_length=50000,
        error_messages=_required("Enter the minutes"),
    )


class CaseFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=100)
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), ("open", "Any open status")]
        + [(s.value, s.value.title()) for s in rules.CaseStatus],
    )
    asb_type = forms.ChoiceField(label="Type", required=False, choices=[("", "Any type"), *AsbType.choices])
    mine = forms.BooleanField(label="Only my cases", required=False)


class SearchForm(forms.Form):
    q = forms.CharField(label="Search cases, people and addresses", required=False, max_length=100)


class IncidentEditForm(VersionedFormMixin, IncidentForm):
    """The fields of a recorded incident that may be corrected (people and places are linked separately)."""

    EDITABLE = (
        "occurred_at",
        "reported_at",
        "channel",
        "asb_type",
        "category",
        "description",
        "is_hate_motivated",
        "police_reference",
        "location_description",
        "uprn",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in self.EDITABLE and name != VERSION_FIELD:
                del self.fields[name]


class CaseShareForm(GovukFormMixin, forms.Form):
    """Share a case with a named partner under an information sharing agreement (the owner only)."""

    agency: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Which partner agency?",
        queryset=None,
        empty_label="Select",  # type: ignore[arg-type]
        error_messages=_required("Select the agency to share the case with"),
    )
    agreement: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Under which information sharing agreement?",
        queryset=None,
        empty_label="Select",  # type: ignore[arg-type]
        help_text="Both agencies must be parties to it, and it must be in force.",
        error_messages=_required("Select the information sharing agreement"),
    )
    scope = forms.ChoiceField(
        label="How much of the case?",
        choices=ShareScope.choices,
        widget=forms.RadioSelect,
        initial=ShareScope.FULL,
        error_messages=_required("Select how much of the case to share"),
    )
    reason = forms.CharField(
        label="Why are you sharing it?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The purpose, as the agreement allows it. Kept in the audit log.",
        error_messages=_required("Enter the reason for sharing"),
    )
    expires_on = GovukDateField(
        label="Share until (optional)",
        required=False,
        help_text="The last day the partner can see the case, for example 31 3 2027. Leave it empty to "
        "share until you withdraw it or the agreement ends.",
    )

    def __init__(self, *args: Any, agencies: Any, agreements: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency_field, agreement_field = self.fields["agency"], self.fields["agreement"]
        assert isinstance(agency_field, forms.ModelChoiceField)
        assert isinstance(agreement_field, forms.ModelChoiceField)
        agency_field.queryset = agencies
        agreement_field.queryset = agreements
        agreement_field.label_from_instance = lambda a: f"{a.reference} {a.name}"  # type: ignore[method-assign,assignment]


class CaseShareWithdrawForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why are you withdrawing it?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the audit log. The partner is told the case is no longer shared, not why.",
        error_messages=_required("Enter why you are withdrawing the share"),
    )


class ShareRequestAnswerForm(GovukFormMixin, forms.Form):
    """The holding agency's answer to a record-locator request: share chosen cases, or decline."""

    decision = forms.ChoiceField(
        label="Will you share your record?",
        choices=[("shared", "Yes, share cases about this person"), ("declined", "No, do not share")],
        widget=forms.RadioSelect,
        error_messages=_required("Select whether you will share the record"),
    )
    cases: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label="Which cases? (if sharing)",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Your agency's cases this person is a party to.",
    )
    scope = forms.ChoiceField(
        label="How much of each case? (if sharing)",
        choices=ShareScope.choices,
        widget=forms.RadioSelect,
        initial=ShareScope.FULL,
        required=False,
    )
    expires_on = GovukDateField(
        label="Share until (optional)",
        required=False,
        help_text="The last day the partner can see the cases, for example 31 3 2027.",
    )
    reason = forms.CharField(
        label="Your reason",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why you are sharing, as the agreement allows, or why not. The requesting agency is told it.",
        error_messages=_required("Enter your reason"),
    )

    def __init__(self, *args: Any, cases: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["cases"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = cases
        field.label_from_instance = lambda case: f"{case.reference}: {case.summary}"  # type: ignore[method-assign,assignment]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "shared":
            if not data.get("cases"):
                self.add_error("cases", "Select the cases to share")
            if not data.get("scope"):
                self.add_error("scope", "Select how much of each case to share")
        return data


class CaseSummaryForm(VersionedFormMixin, GovukFormMixin, forms.Form):
    """Change a case's one-line summary (panel partners read it)."""

    summary = forms.CharField(
        label="Case summary",
        max_length=200,
        help_text=(
            "One line a partner can understand, for example 'Noise and intimidation from a neighbour'. "
            "Panel partners read it: leave out addresses and postcodes."
        ),
        error_messages=_required("Enter a short summary of the case"),
    )
