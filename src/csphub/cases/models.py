"""ASB casework data: incidents and their parties, cases, tasks, notes, documents and panels.

Data and constraints only. Every write goes through :mod:`csphub.cases.services`; every read
through :mod:`csphub.cases.selectors` (which asks :mod:`csphub.agencies.policies`). Each model
classifies its fields next to them (``PERSONAL_DATA`` / ``SPECIAL_CATEGORY_DATA`` /
``NOT_PERSONAL_DATA``): descriptions of what someone did are criminal-offence data (UK GDPR Art 10)
because they carry allegations.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from csphub.agencies.models import OwnedRecord
from csphub.core.models import BaseModel


class AsbType(models.TextChoices):
    """National Standard for Incident Recording ASB types (Richmond protocol risk framing)."""

    PERSONAL = "personal", "Personal"
    NUISANCE = "nuisance", "Nuisance"
    ENVIRONMENTAL = "environmental", "Environmental"


class Category(models.TextChoices):
    """Local categories (configurable by editing this list; reports group by ``asb_type``)."""

    NOISE = "noise", "Noise"
    HARASSMENT = "harassment", "Harassment or intimidation"
    VERBAL_ABUSE = "verbal_abuse", "Verbal abuse or threats"
    NEIGHBOUR_DISPUTE = "neighbour_dispute", "Neighbour dispute"
    DRUGS = "drugs", "Drug use or dealing"
    ALCOHOL = "alcohol", "Street drinking or drunken behaviour"
    ROWDY = "rowdy", "Rowdy or inconsiderate behaviour"
    VEHICLES = "vehicles", "Vehicle nuisance or misuse"
    CRIMINAL_DAMAGE = "criminal_damage", "Criminal damage or graffiti"
    FLY_TIPPING = "fly_tipping", "Fly-tipping or littering"
    ANIMALS = "animals", "Animal nuisance or dangerous dogs"
    BEGGING = "begging", "Begging or rough sleeping related"
    OTHER = "other", "Other"


class Channel(models.TextChoices):
    PHONE = "phone", "Phone"
    ONLINE = "online", "Online form"
    EMAIL = "email", "Email"
    IN_PERSON = "in_person", "In person"
    LETTER = "letter", "Letter"
    POLICE_CALL = "police_call", "Police 101 or 999 call"
    PATROL = "patrol", "Officer or warden patrol"
    PARTNER_REFERRAL = "partner_referral", "Referral from a partner agency"


class PartyRole(models.TextChoices):
    VICTIM = "victim", "Victim"
    WITNESS = "witness", "Witness"
    REPORTER = "reporter", "Reporter"
    ALLEGED_PERPETRATOR = "alleged_perpetrator", "Alleged perpetrator"


class CaseStatus(models.TextChoices):
    """Values mirror :class:`csphub.cases.rules.CaseStatus`; the workflow lives in rules.py."""

    OPEN = "open", "Open"
    INVESTIGATING = "investigating", "Investigating"
    ACTION = "action", "Action"
    MONITORING = "monitoring", "Monitoring"
    CLOSED = "closed", "Closed"


class CaseSubject(models.TextChoices):
    """What a case is about: peer systems let a case be about a group or a place, not only a person."""

    PERSON = "person", "A person or household"
    GROUP = "group", "A group of people"
    PLACE = "place", "A place, such as a park or a block of flats"


class CaseOutcome(models.TextChoices):
    """Values mirror :class:`csphub.cases.rules.CaseOutcome`."""

    RESOLVED = "resolved", "Resolved"
    RESOLVED_WITH_ENFORCEMENT = "resolved_with_enforcement", "Resolved with enforcement action"
    PARTIALLY_RESOLVED = "partially_resolved", "Partially resolved"
    NOT_RESOLVED = "not_resolved", "Not resolved"
    NO_FURTHER_ACTION = "no_further_action", "No further action possible"
    REFERRED_ELSEWHERE = "referred_elsewhere", "Referred to another agency or process"
    VICTIM_WITHDREW = "victim_withdrew", "Victim withdrew or no longer engaging"


class Incident(OwnedRecord):
    """One report of ASB, recorded by any partner.

    ``occurred_at`` and ``reported_at`` both matter: the ASB Case Review threshold counts complaints
    reported within one month of the incident. The point is stored twice: WGS84 lon/lat (map) and
    British National Grid metres (analytics); ``lsoa_code`` is derived from the point.
    """

    occurred_at = models.DateTimeField(db_index=True)
    reported_at = models.DateTimeField()
    reporting_agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=24, choices=Channel.choices)
    asb_type = models.CharField(max_length=16, choices=AsbType.choices)
    category = models.CharField(max_length=32, choices=Category.choices)
    description = models.TextField()
    is_hate_motivated = models.BooleanField(default=False)
    police_reference = models.CharField(max_length=40, blank=True)
    address = models.ForeignKey(
        "people.Address", null=True, blank=True, on_delete=models.PROTECT, related_name="incidents"
    )
    location_description = models.CharField(max_length=200, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    easting_m = models.IntegerField(null=True, blank=True)
    northing_m = models.IntegerField(null=True, blank=True)
    uprn = models.CharField(max_length=12, blank=True, db_index=True)
    lsoa_code = models.CharField(max_length=9, blank=True, db_index=True)

    PERSONAL_DATA = frozenset(
        {"address", "location_description", "longitude", "latitude", "easting_m", "northing_m", "uprn"}
    )
    # Allegations of behaviour are criminal-offence data; hate motivation can reveal a protected
    # characteristic (special category).
    SPECIAL_CATEGORY_DATA = frozenset({"description", "is_hate_motivated", "police_reference"})
    NOT_PERSONAL_DATA = frozenset(
        {"occurred_at", "reported_at", "reporting_agency", "channel", "asb_type", "category", "lsoa_code"}
    )

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["owning_agency", "-occurred_at"], name="incident_agency_when")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reported_at__gte=models.F("occurred_at")),
                name="incident_reported_after_occurred",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"INC-{self.pk:06d}" if self.pk else "INC-new"

    @property
    def has_point(self) -> bool:
        return self.longitude is not None and self.latitude is not None


class IncidentParty(BaseModel):
    """A person (or group) linked to an incident in a role."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="parties")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="incident_parties")
    role = models.CharField(max_length=24, choices=PartyRole.choices)

    PERSONAL_DATA = frozenset({"person"})
    NOT_PERSONAL_DATA = frozenset({"incident", "role"})

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["incident", "person", "role"], name="incidentparty_unique")
        ]
        indexes = [models.Index(fields=["person", "role"], name="incidentparty_person_role")]


class Case(OwnedRecord):
    """A multi-agency ASB case opened from one or more incidents."""

    summary = models.CharField(max_length=200)
    subject_kind = models.CharField(max_length=8, choices=CaseSubject.choices, default=CaseSubject.PERSON)
    # The group or the place, in words ("Young people gathering at the skate park", "Ashbrook Park").
    subject_description = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=16, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    asb_type = models.CharField(max_length=16, choices=AsbType.choices)
    case_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    closure_reason = models.TextField(blank=True)
    outcome = models.CharField(max_length=32, blank=True, choices=CaseOutcome.choices)
    incidents = models.ManyToManyField(Incident, through="CaseIncident", related_name="cases")
    # Denormalised text for search (reference, summary, party names, addresses), kept by services;
    # a trigram GIN index makes it fast on PostgreSQL.
    search_text = models.TextField(blank=True, default="")

    PERSONAL_DATA = frozenset({"case_officer", "search_text", "subject_description"})
    SPECIAL_CATEGORY_DATA = frozenset({"summary", "closure_reason"})
    NOT_PERSONAL_DATA = frozenset(
        {"status", "asb_type", "opened_at", "closed_at", "outcome", "incidents", "subject_kind"}
    )

    class Meta:
        ordering = ["-opened_at", "-id"]
        indexes = [
            models.Index(fields=["owning_agency", "-opened_at"], name="case_agency_opened"),
            # The list walks cases newest first and stops after a page: the visibility filter
            # (own agency OR shared OR named) cannot use the agency index, this one can.
            models.Index(fields=["-opened_at", "-id"], name="case_opened_desc"),
            models.Index(fields=["status", "-opened_at"], name="case_status_opened"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="closed")
                | (models.Q(closed_at__isnull=False) & ~models.Q(outcome="")),
                name="case_closed_has_outcome",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"ASB-{self.pk:06d}" if self.pk else "ASB-new"

    @property
    def is_open(self) -> bool:
        return self.status != CaseStatus.CLOSED


class CaseIncident(BaseModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="case_incidents")
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="case_links")

    NOT_PERSONAL_DATA = frozenset({"case", "incident"})

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "incident"], name="caseincident_unique")]


class CaseParty(BaseModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="case_parties")
    role = models.CharField(max_length=24, choices=PartyRole.choices)

    PERSONAL_DATA = frozenset({"person"})
    NOT_PERSONAL_DATA = frozenset({"case", "role"})

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "person", "role"], name="caseparty_unique")]
        indexes = [models.Index(fields=["person", "role"], name="caseparty_person_role")]


class CaseStatusChange(BaseModel):
    """The chronology of a case's status; reasons are kept because they explain decisions."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=16, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=CaseStatus.choices)
    reason = models.TextField(blank=True)
    outcome = models.CharField(max_length=32, blank=True, choices=CaseOutcome.choices)
    # On a closure: when and how the victim was told the case closed and why (D.3).
    victim_told_on = models.DateField(null=True, blank=True)
    victim_told_how = models.CharField(max_length=16, blank=True)

    SPECIAL_CATEGORY_DATA = frozenset({"reason"})
    NOT_PERSONAL_DATA = frozenset(
        {"case", "from_status", "to_status", "outcome", "victim_told_on", "victim_told_how"}
    )

    class Meta:
        ordering = ["created_at", "id"]


class CaseLink(BaseModel):
    """Two cases a user decided are related (from the related-records prompt)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_from")
    related_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_to")
    reason = models.CharField(max_length=200)

    NOT_PERSONAL_DATA = frozenset({"case", "related_case", "reason"})

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "related_case"], name="caselink_unique")]


# --------------------------------------------------------------------------------------------
# Tasks
# --------------------------------------------------------------------------------------------


class TaskStatus(models.TextChoices):
    OPEN = "open", "To do"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class Task(OwnedRecord):
    """Something an officer must do by a date. ``owning_agency`` is the owner's agency (team and
    agency dashboards); a task on a case is also visible to whoever may see the case in full.
    ``source`` says which rule created an automatic task (e.g. ``powers.closure_notice.hearing``);
    ``linked_type``/``linked_id`` point at a power or other record that the task is about."""

    title = models.CharField(max_length=200)
    details = models.TextField(blank=True)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.CASCADE, related_name="tasks")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(db_index=True)
    status = models.CharField(max_length=16, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    completed_at = models.DateTimeField(null=True, blank=True)
    # Why an automatic task was cancelled ("The case was closed"), shown to its owner.
    cancelled_reason = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=80, default="manual")
    linked_type = models.CharField(max_length=80, blank=True)
    linked_id = models.PositiveBigIntegerField(null=True, blank=True)
    rule_version = models.CharField(max_length=80, blank=True)

    PERSONAL_DATA = frozenset({"owner"})
    SPECIAL_CATEGORY_DATA = frozenset({"title", "details"})
    NOT_PERSONAL_DATA = frozenset(
        {
            "case",
            "due_on",
            "status",
            "completed_at",
            "cancelled_reason",
            "source",
            "linked_type",
            "linked_id",
            "rule_version",
        }
    )

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["owner", "status", "due_on"], name="task_owner_due"),
            models.Index(fields=["owning_agency", "status", "due_on"], name="task_agency_due"),
        ]

    def __str__(self) -> str:
        return f"Task {self.pk}"

    @property
    def source_label(self) -> str:
        """Where an automatic task came from, in words (the stored ``source`` is a code)."""
        app = self.source.split(".", 1)[0]
        return TASK_SOURCE_LABELS.get(app, "Set automatically") if self.source != "manual" else ""


# Plain-English origins of automatic tasks, by the app that set them (Task.source_label).
TASK_SOURCE_LABELS = {
    "powers": "Set automatically: a deadline of a tool or power",
    "risk": "Set automatically: a risk assessment",
    "panel": "Set automatically: a panel decision",
    "casereviews": "Set automatically: an ASB Case Review",
    "duties": "Set automatically: a statutory duty",
    "cases": "Set automatically: the case",
}


class TaskReminder(BaseModel):
    """One reminder e-mail per task, kind and day: the unique constraint makes sending idempotent."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=16)  # "due_soon" | "overdue"
    sent_on = models.DateField()

    NOT_PERSONAL_DATA = frozenset({"task", "kind", "sent_on"})

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task", "kind", "sent_on"], name="taskreminder_once")]


# --------------------------------------------------------------------------------------------
# Notes and documents
# --------------------------------------------------------------------------------------------


class NoteVisibility(models.TextChoices):
    AGENCY = "agency", "My agency only"
    SHARED = "shared", "Agencies the case is fully shared with"


class Note(BaseModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author_agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    visibility = models.CharField(
        max_length=16, choices=NoteVisibility.choices, default=NoteVisibility.AGENCY
    )

    SPECIAL_CATEGORY_DATA = frozenset({"text"})
    NOT_PERSONAL_DATA = frozenset({"case", "author_agency", "visibility"})

    class Meta:
        ordering = ["-created_at", "-id"]


class Document(BaseModel):
    """Evidence stored under ``PRIVATE_MEDIA_ROOT`` (outside the web root) by a random name."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    author_agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    original_name = models.CharField(max_length=255)
    stored_name = models.CharField(max_length=80, unique=True)
    content_type = models.CharField(max_length=120)
    size_bytes = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    visibility = models.CharField(
        max_length=16, choices=NoteVisibility.choices, default=NoteVisibility.AGENCY
    )

    PERSONAL_DATA = frozenset({"original_name"})
    SPECIAL_CATEGORY_DATA = frozenset({"title"})
    NOT_PERSONAL_DATA = frozenset(
        {"case", "author_agency", "stored_name", "content_type", "size_bytes", "sha256", "visibility"}
    )

    class Meta:
        ordering = ["-created_at", "-id"]


# --------------------------------------------------------------------------------------------
# Multi-agency panels
# --------------------------------------------------------------------------------------------


class PanelKind(models.TextChoices):
    ASB_ACTION_GROUP = "asb_action_group", "ASB action group"
    HIGH_RISK = "high_risk", "High-risk panel"
    COMPLEX_CASE = "complex_case", "Complex case panel"


class Panel(OwnedRecord):
    """A standing multi-agency meeting, run under one Information Sharing Agreement."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=24, choices=PanelKind.choices)
    agreement = models.ForeignKey(
        "agencies.InformationSharingAgreement", on_delete=models.PROTECT, related_name="+"
    )
    terms_of_reference = models.TextField(blank=True)

    NOT_PERSONAL_DATA = frozenset({"name", "kind", "agreement", "terms_of_reference"})

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PanelMeeting(BaseModel):
    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="meetings")
    held_at = models.DateTimeField()
    location = models.CharField(max_length=200, blank=True)
    minutes = models.TextField(blank=True)
    attending_agencies = models.ManyToManyField("agencies.Agency", related_name="+", blank=True)

    SPECIAL_CATEGORY_DATA = frozenset({"minutes"})
    NOT_PERSONAL_DATA = frozenset({"panel", "held_at", "location", "attending_agencies"})

    class Meta:
        ordering = ["-held_at", "-id"]


class AgendaItem(BaseModel):
    """A case on a meeting's agenda. Adding it shares the case's summary with attending agencies."""

    meeting = models.ForeignKey(PanelMeeting, on_delete=models.CASCADE, related_name="agenda_items")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="agenda_items")
    reason = models.CharField(max_length=500)
    decision = models.TextField(blank=True)

    SPECIAL_CATEGORY_DATA = frozenset({"reason", "decision"})
    NOT_PERSONAL_DATA = frozenset({"meeting", "case"})

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "case"], name="agendaitem_unique")]


# --------------------------------------------------------------------------------------------
# The victim's single point of contact (ASB statutory guidance, 2025 revision)
# --------------------------------------------------------------------------------------------


class ContactMethod(models.TextChoices):
    PHONE = "phone", "Phone"
    EMAIL = "email", "E-mail"
    VISIT = "visit", "Visit"
    LETTER = "letter", "Letter"
    TEXT = "text", "Text message"


class VictimContact(BaseModel):
    """Who keeps a victim on a case updated, and how often, as agreed with the victim; and when the
    victim was consulted on the action plan before it was finalised."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="victim_contacts")
    victim = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    spoc = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agreed_on = models.DateField()
    update_every_days = models.PositiveSmallIntegerField()
    method = models.CharField(max_length=8, choices=ContactMethod.choices)
    action_plan_consulted_on = models.DateField(null=True, blank=True)
    action_plan_views = models.TextField(blank=True)

    PERSONAL_DATA = frozenset({"victim", "spoc", "method"})
    SPECIAL_CATEGORY_DATA = frozenset({"action_plan_views"})
    NOT_PERSONAL_DATA = frozenset({"case", "agreed_on", "update_every_days", "action_plan_consulted_on"})

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["case", "victim"], name="victimcontact_unique")]


class VictimUpdate(BaseModel):
    """One update given to the victim by their single point of contact."""

    contact = models.ForeignKey(VictimContact, on_delete=models.CASCADE, related_name="updates")
    given_on = models.DateField()
    method = models.CharField(max_length=8, choices=ContactMethod.choices)
    summary = models.TextField()

    PERSONAL_DATA = frozenset({"method"})
    SPECIAL_CATEGORY_DATA = frozenset({"summary"})
    NOT_PERSONAL_DATA = frozenset({"contact", "given_on"})

    class Meta:
        ordering = ["-given_on", "-id"]


class SurveyAnswer(models.TextChoices):
    VERY_SATISFIED = "very_satisfied", "Very satisfied"
    SATISFIED = "satisfied", "Satisfied"
    NEUTRAL = "neutral", "Neither satisfied nor dissatisfied"
    DISSATISFIED = "dissatisfied", "Dissatisfied"
    VERY_DISSATISFIED = "very_dissatisfied", "Very dissatisfied"
    DECLINED = "declined", "Did not want to answer"


class ClosureSurvey(BaseModel):
    """The victim's answer to the optional satisfaction question when their case closed."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="closure_surveys")
    victim = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    asked_on = models.DateField()
    answer = models.CharField(max_length=20, choices=SurveyAnswer.choices)
    comments = models.TextField(blank=True)

    PERSONAL_DATA = frozenset({"victim", "answer"})
    SPECIAL_CATEGORY_DATA = frozenset({"comments"})
    NOT_PERSONAL_DATA = frozenset({"case", "asked_on"})

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["case", "victim"], name="closuresurvey_unique")]


class ShareRequestStatus(models.TextChoices):
    OPEN = "open", "Waiting for an answer"
    ANSWERED = "answered", "Answered"


class ShareRequestDecision(models.TextChoices):
    SHARED = "shared", "Shared"
    DECLINED = "declined", "Declined"


class ShareRequest(BaseModel):
    """A partner's request that another agency share its record about a person, made from the
    record locator (the requester learned only that the agency holds a record about someone of
    that name, under an agreement that allows it)."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    holding_agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    requesting_agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    agreement = models.ForeignKey(
        "agencies.InformationSharingAgreement", on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField()
    status = models.CharField(
        max_length=10, choices=ShareRequestStatus.choices, default=ShareRequestStatus.OPEN
    )
    # The holding agency's answer: which cases it shared (RecordShare rows name them), or why not.
    decision = models.CharField(max_length=10, choices=ShareRequestDecision.choices, blank=True)
    answer_reason = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    PERSONAL_DATA = frozenset({"person"})
    SPECIAL_CATEGORY_DATA = frozenset({"reason", "answer_reason"})
    NOT_PERSONAL_DATA = frozenset(
        {
            "holding_agency",
            "requesting_agency",
            "agreement",
            "status",
            "decision",
            "answered_at",
            "answered_by",
        }
    )

    class Meta:
        ordering = ["-created_at", "-id"]
