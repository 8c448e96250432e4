"""Retention schedule, legal holds, disposal runs and the depersonalised tombstones they leave."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from csphub.agencies.models import OwnedRecord
from csphub.core.models import BaseModel
from csphub.governance import rules


class RecordType(models.TextChoices):
    CASE = (
        "case",
        (
            "ASB case (with its notes, documents, tasks, links, tools and powers, risk assessments, MARAC "
            "referrals and community resolutions)"
        ),
    )
    INCIDENT = "incident", "Incident on no case (with the people linked to it)"
    PERSON = "person", "Person on no case or incident (with their address links)"
    RIGHTS_REQUEST = (
        "rights_request",
        "Data subject's request (with the records found for it, the decisions and the disclosure log)",
    )
    CASE_REVIEW = (
        "case_review",
        (
            "ASB Case Review application (with its letters, threshold decision, review and "
            "recommendations, appeal and the complaints linked to it)"
        ),
    )
    SLAVERY_CONCERN = "slavery_concern", "Modern slavery duty-to-notify concern, once notified"
    PREVENT_REFERRAL = (
        "prevent_referral",
        "Prevent referral (with its Channel case and post-exit reviews)",
    )
    DHR = (
        "dhr",
        (
            "Domestic Homicide Review or Abuse Related Death Review (with its panel, extensions, "
            "recommendations, actions and pseudonyms)"
        ),
    )


class RetentionRule(BaseModel):
    """How long one agency keeps one type of record (``agency`` empty: the partnership default)."""

    record_type = models.CharField(max_length=32, choices=RecordType.choices)
    agency = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    years = models.PositiveSmallIntegerField()
    reason = models.CharField(max_length=500)
    policy_source = models.CharField(max_length=300, help_text="The policy the period comes from.")

    NOT_PERSONAL_DATA = frozenset({"record_type", "agency", "years", "reason", "policy_source"})

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["record_type", "agency"], name="retention_rule_per_agency"),
            models.UniqueConstraint(
                fields=["record_type"],
                condition=models.Q(agency__isnull=True),
                name="retention_rule_one_default",
            ),
            models.CheckConstraint(condition=models.Q(years__gte=1), name="retention_rule_at_least_a_year"),
        ]


class LegalHold(BaseModel):
    """Keeps a record, a person (every case and incident they are party to) or a case past its retention date.
    ``owning_agency`` is the agency that controls the held record (empty for holds placed before it
    was recorded); its data protection staff see and release the hold."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    owning_agency = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(max_length=500)
    reference = models.CharField(
        max_length=120, blank=True, help_text="The claim, inquiry or instruction it is for (a court number)."
    )
    placed_at = models.DateTimeField()
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    release_reason = models.CharField(max_length=500, blank=True)

    SPECIAL_CATEGORY_DATA = frozenset({"reason", "release_reason"})
    NOT_PERSONAL_DATA = frozenset(
        {
            "content_type",
            "object_id",
            "owning_agency",
            "reference",
            "placed_at",
            "placed_by",
            "released_at",
            "released_by",
        }
    )

    class Meta:
        indexes = [models.Index(fields=["content_type", "object_id"], name="legal_hold_target")]


class DisposalRun(BaseModel):
    """One run of ``csphub retention purge`` (a dry run or a real disposal)."""

    ran_on = models.DateField(help_text="The day the run acted as of.")
    dry_run = models.BooleanField()
    considered = models.PositiveIntegerField(default=0)
    disposed = models.PositiveIntegerField(default=0)
    held = models.PositiveIntegerField(default=0)

    NOT_PERSONAL_DATA = frozenset({"ran_on", "dry_run", "considered", "disposed", "held"})

    def __str__(self) -> str:
        return f"Retention run {self.pk} ({'dry run' if self.dry_run else 'disposal'}, {self.ran_on})"


class Tombstone(BaseModel):
    """What is left of a disposed record: no personal data, only what statistics and the audit need."""

    run = models.ForeignKey(DisposalRun, on_delete=models.PROTECT, related_name="tombstones")
    record_type = models.CharField(max_length=32, choices=RecordType.choices)
    reference = models.CharField(max_length=40)
    owning_agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    opened_on = models.DateField()
    closed_on = models.DateField()
    asb_type = models.CharField(max_length=16, blank=True)
    outcome = models.CharField(max_length=32, blank=True)
    incident_count = models.PositiveIntegerField(default=0)
    power_counts = models.JSONField(
        default=dict, blank=True, help_text="The tools and powers used on a case, by power: {'cpn': 2}."
    )
    risk_assessment_count = models.PositiveIntegerField(default=0)
    marac_referral_count = models.PositiveIntegerField(default=0)
    retained_until = models.DateField()
    rule = models.CharField(max_length=500, help_text="The retention rule applied, in words.")
    # The partnership's statistics (the Case Review figures, the board pack, the plan's measures)
    # count by partnership and by the record's own dates: a disposed record keeps them here.
    partnership = models.ForeignKey(
        "agencies.Partnership", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    facts = models.JSONField(
        default=dict,
        blank=True,
        help_text="What the statistics count of a disposed record, by record type: dates, outcomes "
        "and counts, never a name or free text.",
    )

    NOT_PERSONAL_DATA = frozenset(
        {
            "run",
            "partnership",
            "facts",
            "record_type",
            "reference",
            "owning_agency",
            "opened_on",
            "closed_on",
            "asb_type",
            "outcome",
            "incident_count",
            "power_counts",
            "risk_assessment_count",
            "marac_referral_count",
            "retained_until",
            "rule",
        }
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["record_type", "reference"], name="tombstone_once"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} (disposed)"


# --- Data subjects' rights: access (Art 15 / DPA 2018 s.45), rectification (Art 16), erasure (Art 17)


class RequestKind(models.TextChoices):
    ACCESS = "access", "Subject access (a copy of their personal data)"
    RECTIFICATION = "rectification", "Rectification (correct inaccurate data)"
    ERASURE = "erasure", "Erasure (delete their data)"


class Regime(models.TextChoices):
    UK_GDPR = "uk_gdpr", "UK GDPR (Articles 15 to 17)"
    LAW_ENFORCEMENT = "law_enforcement", "Law-enforcement processing (DPA 2018 Part 3, sections 45 to 47)"


class RequestStatus(models.TextChoices):
    OPEN = "open", "Open"
    COMPLETED = "completed", "Completed"


class Outcome(models.TextChoices):
    GRANTED = "granted", "Granted"
    PARTLY = "partly", "Granted in part"
    REFUSED = "refused", "Refused"
    NEITHER_CONFIRMED_NOR_DENIED = "ncnd", "Neither confirmed nor denied (DPA 2018 s.45(4), (6))"


class RightsRequest(OwnedRecord):
    """A data subject's request to the controller agency (``owning_agency``)."""

    kind = models.CharField(max_length=16, choices=RequestKind.choices)
    regime = models.CharField(max_length=16, choices=Regime.choices, default=Regime.UK_GDPR)
    requester_name = models.CharField(max_length=200)
    requester_contact = models.CharField(max_length=300, help_text="Postal or e-mail address for the reply.")
    subject = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject_name = models.CharField(max_length=200, help_text="Kept when the person record is erased.")
    received_on = models.DateField()
    identity_verified_on = models.DateField(null=True, blank=True)
    identity_evidence = models.CharField(max_length=300, blank=True)
    extension_months = models.PositiveSmallIntegerField(default=0)
    extension_reason = models.TextField(blank=True)
    details = models.TextField(
        blank=True, help_text="What the requester says is wrong, or asks to be erased."
    )
    status = models.CharField(max_length=16, choices=RequestStatus.choices, default=RequestStatus.OPEN)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)
    outcome_reason = models.TextField(blank=True)
    completed_on = models.DateField(null=True, blank=True)
    searched_at = models.DateTimeField(null=True, blank=True)
    ncnd_ground = models.CharField(
        max_length=16,
        blank=True,
        help_text="DPA 2018 s.45(4) ground on which the response neither confirms nor denies.",
    )
    ncnd_reason = models.TextField(
        blank=True, help_text="Why (kept for the Commissioner, DPA 2018 s.45(7)); never sent."
    )

    PERSONAL_DATA = frozenset(
        {"requester_name", "requester_contact", "subject", "subject_name", "identity_evidence"}
    )
    SPECIAL_CATEGORY_DATA = frozenset({"details", "outcome_reason", "extension_reason", "ncnd_reason"})
    NOT_PERSONAL_DATA = frozenset(
        {
            "kind",
            "regime",
            "received_on",
            "identity_verified_on",
            "extension_months",
            "status",
            "outcome",
            "completed_on",
            "searched_at",
            "ncnd_ground",
        }
    )

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(extension_months__lte=rules.MAX_EXTENSION_MONTHS),
                name="rights_request_extension_at_most_two_months",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        prefix = {"access": "SAR", "rectification": "RECT", "erasure": "ERAS"}.get(self.kind, "DPR")
        return f"{prefix}-{self.pk:05d}" if self.pk else f"{prefix}-new"

    @property
    def due_on(self) -> dt.date:
        return rules.response_due(
            self.received_on,
            identity_verified_on=self.identity_verified_on,
            extension_months=self.extension_months,
        )


class ItemDecision(models.TextChoices):
    PENDING = "pending", "Not decided"
    DISCLOSE = "disclose", "Disclose"
    REDACT = "redact", "Disclose with redactions"
    EXEMPT = "exempt", "Withhold (exempt)"
    # DPA 2018 s.45(4) restricts the right of access "wholly or partly"; s.45(6) lifts the duty to
    # tell the data subject of a restriction so far as telling them would undermine its purpose. The
    # item is left out of the bundle altogether (not "an item was withheld"); the ground and the
    # reasons are recorded for the Commissioner (s.45(7)). Part 3 (law-enforcement) requests only.
    RESTRICT_SILENTLY = "restrict", "Withhold and say nothing of it (DPA 2018 s.45(4), (6))"
    # A record found by matching details, not by the subject's person record (a Case Review
    # applicant of the same name and a matching contact detail), that the handler finds is someone
    # else's: it is not the subject's personal data, so it is neither disclosed nor withheld.
    NOT_SUBJECT = "not_subject", "Not the data subject's: leave it out"


class RequestItem(BaseModel):
    """One record found for a subject access request, as it stood when found, and the decision on it."""

    request = models.ForeignKey(RightsRequest, on_delete=models.CASCADE, related_name="items")
    source = models.CharField(max_length=40, help_text="Where it was found, in words (Cases, Incidents...).")
    record_label = models.CharField(max_length=200)
    record_key = models.CharField(max_length=80, help_text="model:id of the record found.")
    content = models.JSONField(default=list, help_text="[[label, value], ...] as found.")
    match_reason = models.CharField(
        max_length=300,
        blank=True,
        help_text="Why a record that is not linked to the subject's person record was taken to be theirs.",
    )
    decision = models.CharField(max_length=16, choices=ItemDecision.choices, default=ItemDecision.PENDING)
    exemption = models.CharField(max_length=16, blank=True)
    redacted_fields = models.JSONField(default=list, blank=True)
    notes = models.TextField(blank=True, help_text="Why it is redacted or withheld.")
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    SPECIAL_CATEGORY_DATA = frozenset({"content", "record_label", "notes"})
    NOT_PERSONAL_DATA = frozenset(
        {
            "request",
            "source",
            "match_reason",
            "record_key",
            "decision",
            "exemption",
            "redacted_fields",
            "decided_at",
            "decided_by",
        }
    )

    class Meta:
        ordering = ["request", "id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "record_key"], name="request_item_once"),
        ]

    @property
    def exemption_label(self) -> str:
        return rules.exemption_label(self.exemption)


class Disclosure(BaseModel):
    """The disclosure log: one row for each bundle sent to the requester."""

    request = models.ForeignKey(RightsRequest, on_delete=models.PROTECT, related_name="disclosures")
    disclosed_on = models.DateField()
    method = models.CharField(max_length=200, help_text="How it was sent (secure e-mail, recorded post).")
    disclosed = models.PositiveIntegerField()
    redacted = models.PositiveIntegerField()
    withheld = models.PositiveIntegerField()
    restricted = models.PositiveIntegerField(
        default=0, help_text="Left out of the bundle without saying so (DPA 2018 s.45(4), (6)); not told."
    )
    sha256 = models.CharField(max_length=64, help_text="Of the JSON export sent.")

    NOT_PERSONAL_DATA = frozenset(
        {"request", "disclosed_on", "method", "disclosed", "redacted", "withheld", "restricted", "sha256"}
    )

    class Meta:
        ordering = ["-disclosed_on", "-id"]
