"""Incidents and cases: their choices, parties, status history and links."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from csphub.agencies.models import OwnedRecord, PartnershipRecord
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


class Incident(PartnershipRecord, OwnedRecord):
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


class Case(PartnershipRecord, OwnedRecord):
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
