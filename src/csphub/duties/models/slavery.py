"""Modern Slavery Act 2015 s.52: a "reasonable grounds to believe" concern and its notification."""

from __future__ import annotations

from django.db import models

from csphub.agencies.models import OwnedRecord, PartnershipRecord
from csphub.duties.rules import slavery as rules


class AgeBasis(models.TextChoices):
    ADULT = rules.ADULT, "18 or over"
    CHILD = rules.CHILD, "Under 18"
    MAY_BE_CHILD = rules.MAY_BE_CHILD, "Age not known, and there are reasons to believe they may be under 18"
    UNCERTAIN_ADULT = rules.UNCERTAIN_ADULT, "Age not known, and no reason to believe they are under 18"


class Consent(models.TextChoices):
    GIVEN = rules.CONSENT_GIVEN, "Yes, they consent to a referral that names them"
    REFUSED = rules.CONSENT_REFUSED, "No, they do not consent"
    NOT_ASKED = rules.CONSENT_NOT_ASKED, "They have not been asked, or could not be"


class NotificationRoute(models.TextChoices):
    NRM = rules.NRM, "National Referral Mechanism referral"
    ANONYMOUS_DTN = rules.ANONYMOUS_DTN, "Anonymous duty to notify"


class NotificationStatus(models.TextChoices):
    DUE = "due", "Home Office not yet notified"
    NOTIFIED = "notified", "Home Office notified"


class Exploitation(models.TextChoices):
    LABOUR = "labour", "Labour exploitation"
    SEXUAL = "sexual", "Sexual exploitation"
    CRIMINAL = "criminal", "Criminal exploitation (including county lines and cuckooing)"
    DOMESTIC_SERVITUDE = "domestic_servitude", "Domestic servitude"
    ORGAN_HARVESTING = "organ_harvesting", "Organ harvesting"
    NOT_KNOWN = "not_known", "Not known"


class SlaveryConcern(PartnershipRecord, OwnedRecord):
    """One person about whom the agency has reasonable grounds to believe they may be a victim.

    Recording it decides the route (``rules.route_for``) and creates the notification task; the
    Home Office reference is stored when the notification is made.
    """

    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    grounds_date = models.DateField()
    grounds = models.TextField()
    exploitation = models.CharField(max_length=24, choices=Exploitation.choices)
    exploitation_area = models.CharField(max_length=100, blank=True)
    gender = models.CharField(max_length=40, blank=True)
    nationality = models.CharField(max_length=80, blank=True)
    age_basis = models.CharField(max_length=32, choices=AgeBasis.choices)
    consent = models.CharField(max_length=16, choices=Consent.choices, blank=True)
    consent_evidence = models.TextField(blank=True)
    route = models.CharField(max_length=16, choices=NotificationRoute.choices)
    status = models.CharField(
        max_length=16, choices=NotificationStatus.choices, default=NotificationStatus.DUE
    )
    notification_task = models.ForeignKey(
        "cases.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notified_on = models.DateField(null=True, blank=True)
    home_office_reference = models.CharField(max_length=40, blank=True)
    rule_version = models.CharField(max_length=80)

    PERSONAL_DATA = frozenset({"person", "gender", "nationality", "consent_evidence", "exploitation_area"})
    SPECIAL_CATEGORY_DATA = frozenset({"grounds"})
    NOT_PERSONAL_DATA = frozenset(
        {
            "case",
            "grounds_date",
            "exploitation",
            "age_basis",
            "consent",
            "route",
            "status",
            "notification_task",
            "notified_on",
            "home_office_reference",
            "rule_version",
        }
    )

    class Meta:
        ordering = ["-grounds_date", "-id"]
        indexes = [models.Index(fields=["owning_agency", "status"], name="slavery_agency_status")]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"MS-{self.pk:06d}" if self.pk else "MS-new"

    @property
    def treated_as_child(self) -> bool:
        return rules.treated_as_child(self.age_basis)
