"""Uses of the 2014 Act tools and powers on a case, and their status history.

One table for every power: the common statutory record (legal basis, issuer and capacity,
recipient, conduct, requirements, dates, appeal deadline, rule version) is the same for each
(domain-rules §1.3); what only one power needs sits in ``details`` (a JSON object whose keys are
documented per power in docs/powers.md). Rules live in ``csphub.powers.rules``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from csphub.agencies.models import PartnershipRecord
from csphub.core.models import BaseModel
from csphub.powers.rules import POWER_LABELS, POWER_REFERENCE_PREFIXES, IssuerCapacity, Power, Status

POWER_CHOICES = [(p.value, POWER_LABELS[p]) for p in Power]
STATUS_CHOICES = [(s.value, s.value.replace("_", " ").capitalize()) for s in Status]
CAPACITY_CHOICES = [(c.value, c.value.replace("_", " ").capitalize()) for c in IssuerCapacity]


class PowerUse(PartnershipRecord, BaseModel):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="powers")
    power = models.CharField(max_length=32, choices=POWER_CHOICES, db_index=True)
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default=Status.DRAFT)
    rule_version = models.CharField(max_length=40)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="The CPW a CPN follows, the CPN an FPN follows, the notice a closure order follows.",
    )
    issuing_agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    issuer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issuer_capacity = models.CharField(max_length=32, choices=CAPACITY_CHOICES)
    recipient = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="powers_received"
    )
    premises = models.ForeignKey(
        "people.Address", null=True, blank=True, on_delete=models.PROTECT, related_name="powers"
    )
    locality = models.CharField(max_length=300, blank=True)
    conduct = models.TextField(blank=True)
    requirements = models.TextField(blank=True)
    comply_by = models.DateTimeField(null=True, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    served_at = models.DateTimeField(null=True, blank=True)
    starts_on = models.DateField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    appeal_deadline = models.DateField(null=True, blank=True)
    hearing_due_at = models.DateTimeField(null=True, blank=True)
    court = models.CharField(max_length=32, blank=True)
    amount_gbp = models.PositiveIntegerField(null=True, blank=True)
    informed_parties = models.TextField(blank=True, help_text="One per line (s.43(6), s.76(7)).")
    details = models.JSONField(default=dict, blank=True)

    PERSONAL_DATA = frozenset({"issuer", "recipient", "premises"})
    SPECIAL_CATEGORY_DATA = frozenset({"conduct", "requirements", "details", "informed_parties", "locality"})
    NOT_PERSONAL_DATA = frozenset(
        {
            "case",
            "power",
            "status",
            "rule_version",
            "parent",
            "issuing_agency",
            "issuer_capacity",
            "comply_by",
            "issued_at",
            "served_at",
            "starts_on",
            "ends_at",
            "appeal_deadline",
            "hearing_due_at",
            "court",
            "amount_gbp",
        }
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["case", "power", "status"], name="poweruse_case_power")]

    def __str__(self) -> str:
        return f"{self.label} {self.reference}"

    @property
    def reference(self) -> str:
        return f"{POWER_REFERENCE_PREFIXES[Power(self.power)]}-{self.pk:05d}" if self.pk else "(new)"

    @property
    def label(self) -> str:
        return POWER_LABELS[Power(self.power)]

    @property
    def audit_noun(self) -> str:
        """The verb prefix for audit events (``cpn.issued``)."""
        return self.power


class PowerEvent(BaseModel):
    """One status change of a power, with the rule version the decision was taken under."""

    power = models.ForeignKey(PowerUse, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, choices=STATUS_CHOICES, blank=True)
    to_status = models.CharField(max_length=20, choices=STATUS_CHOICES)
    occurred_at = models.DateTimeField()
    rule_version = models.CharField(max_length=40)
    note = models.TextField(blank=True)

    SPECIAL_CATEGORY_DATA = frozenset({"note"})
    NOT_PERSONAL_DATA = frozenset({"power", "from_status", "to_status", "occurred_at", "rule_version"})

    class Meta:
        ordering = ["occurred_at", "id"]
