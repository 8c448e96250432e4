"""Agencies, memberships with roles, Information Sharing Agreements, and record ownership/sharing.

A record that holds personal data subclasses :class:`OwnedRecord`: it belongs to one agency.
Other agencies see it only through a :class:`RecordShare` under an Information Sharing Agreement
that is in force, or because a user is named on it (:class:`RecordNamedUser`). Who may do what
is answered in one place, :mod:`csphub.agencies.policies`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from csphub.core.models import BaseModel


class AgencyType(models.TextChoices):
    DISTRICT_COUNCIL = "district_council", "District or borough council"
    COUNTY_COUNCIL = "county_council", "County council"
    POLICE = "police", "Police"
    FIRE_AND_RESCUE = "fire_and_rescue", "Fire and rescue"
    HEALTH = "health", "Health"
    PROBATION = "probation", "Probation"
    HOUSING_PROVIDER = "housing_provider", "Housing provider"
    VOLUNTARY_SECTOR = "voluntary_sector", "Voluntary sector"
    OTHER = "other", "Other"


class Role(models.TextChoices):
    CASEWORKER = "caseworker", "Caseworker"
    TEAM_MANAGER = "team_manager", "Team manager"
    PARTNERSHIP_COORDINATOR = "partnership_coordinator", "Partnership coordinator"
    ANALYST = "analyst", "Analyst"
    PARTNER_VIEWER = "partner_viewer", "Partner viewer"
    BOARD_MEMBER = "board_member", "Board member"
    ADMINISTRATOR = "administrator", "Administrator"


class Agency(BaseModel):
    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=60)
    slug = models.SlugField(max_length=60, unique=True)
    agency_type = models.CharField(max_length=32, choices=AgencyType.choices)
    is_responsible_authority = models.BooleanField(
        default=False, help_text="A responsible authority under s.5 Crime and Disorder Act 1998."
    )

    NOT_PERSONAL_DATA = frozenset({"name", "short_name", "slug", "agency_type", "is_responsible_authority"})

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name


class Membership(BaseModel):
    """A user's role in one agency. A user may hold several and acts in one at a time."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=32, choices=Role.choices)
    is_active = models.BooleanField(default=True)

    PERSONAL_DATA = frozenset({"user"})
    NOT_PERSONAL_DATA = frozenset({"agency", "role", "is_active"})

    class Meta:
        ordering = ["agency__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "role"], name="membership_unique_user_agency_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}, {self.agency.short_name}"


class LawfulBasis(models.TextChoices):
    """UK GDPR Article 6(1) lawful bases."""

    CONSENT = "6_1_a", "Art 6(1)(a) consent"
    CONTRACT = "6_1_b", "Art 6(1)(b) contract"
    LEGAL_OBLIGATION = "6_1_c", "Art 6(1)(c) legal obligation"
    VITAL_INTERESTS = "6_1_d", "Art 6(1)(d) vital interests"
    PUBLIC_TASK = "6_1_e", "Art 6(1)(e) public task"
    LEGITIMATE_INTERESTS = "6_1_f", "Art 6(1)(f) legitimate interests"


class InformationSharingAgreement(BaseModel):
    """A named agreement under which partners share personal data for a stated purpose.

    It is in force from ``start_date`` to ``review_date`` inclusive unless ended earlier: an
    agreement not reviewed by its review date lapses, so records shared under it are no longer
    visible to the receiving agencies (deny by default).
    """

    reference = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    purpose = models.TextField()
    parties = models.ManyToManyField(Agency, related_name="sharing_agreements")
    lawful_basis = models.CharField(max_length=8, choices=LawfulBasis.choices)
    special_category_condition = models.CharField(
        max_length=200,
        blank=True,
        help_text="UK GDPR Art 9(2) condition and DPA 2018 Sch 1 condition, if any.",
    )
    criminal_offence_condition = models.CharField(
        max_length=200, blank=True, help_text="UK GDPR Art 10 / DPA 2018 Sch 1 Part 3 condition, if any."
    )
    gateway = models.CharField(
        max_length=200, blank=True, help_text="Legal gateway, e.g. Crime and Disorder Act 1998 s.115."
    )
    start_date = models.DateField()
    review_date = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    # A partner searching for a person may learn which of the agreement's other parties hold a
    # record about someone of that name (never what it says) and ask them to share it.
    allows_record_locator = models.BooleanField(default=False)
    # The community safety partnerships whose records may cross between them under this agreement.
    # A record never leaves its partnership unless an agreement in force names both partnerships
    # (and, as ever, the agencies that see it); one that names a single partnership, or none,
    # shares within that partnership only.
    partnerships: models.ManyToManyField[Partnership, Any] = models.ManyToManyField(
        "Partnership",
        related_name="sharing_agreements",
        blank=True,
        help_text="Partnerships whose records may be seen across them under this agreement.",
    )

    NOT_PERSONAL_DATA = frozenset(
        {
            "reference",
            "name",
            "purpose",
            "parties",
            "lawful_basis",
            "special_category_condition",
            "criminal_offence_condition",
            "gateway",
            "start_date",
            "review_date",
            "ended_on",
            "allows_record_locator",
            "partnerships",
        }
    )

    class Meta:
        ordering = ["reference"]

    def __str__(self) -> str:
        return f"{self.reference} {self.name}"

    def is_in_force(self, on: dt.date | None = None) -> bool:
        on = on or timezone.localdate()
        if self.ended_on is not None and on > self.ended_on:
            return False
        return self.start_date <= on <= self.review_date


class OwnedRecord(BaseModel):
    """A record that belongs to one agency; visibility beyond it is decided by the policy."""

    owning_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    is_restricted = models.BooleanField(
        default=False, help_text="Restricted records are visible to named users only."
    )

    NOT_PERSONAL_DATA = frozenset({"owning_agency", "is_restricted"})

    class Meta:
        abstract = True


class PartnershipRecord(models.Model):
    """A record that belongs to one partnership (the one its creator acted in).

    The policy never shows it to someone acting in another partnership unless an Information
    Sharing Agreement in force names both partnerships and the viewer's agency; never to someone
    acting in a county board (a board sees depersonalised district figures only). A service that
    creates one sets ``partnership=actor.policy.partnership_for_new_record()`` (or the parent
    record's partnership, for a record that hangs off another).
    """

    partnership = models.ForeignKey("agencies.Partnership", on_delete=models.PROTECT, related_name="+")

    NOT_PERSONAL_DATA = frozenset({"partnership"})

    class Meta:
        abstract = True


class ShareScope(models.TextChoices):
    FULL = "full", "Full record"
    SUMMARY = "summary", "Summary needed for a panel"


class RecordShare(BaseModel):
    """One record shared with one agency under one agreement."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    agreement = models.ForeignKey(
        InformationSharingAgreement, on_delete=models.PROTECT, related_name="shares"
    )
    scope = models.CharField(max_length=16, choices=ShareScope.choices, default=ShareScope.FULL)
    reason = models.CharField(max_length=500)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_on = models.DateField(
        null=True, blank=True, help_text="The last day the share is in force; it lapses after it."
    )

    NOT_PERSONAL_DATA = frozenset(
        {"content_type", "object_id", "agency", "agreement", "scope", "reason", "revoked_at", "expires_on"}
    )

    def is_in_force(self, on: dt.date | None = None) -> bool:
        """Not withdrawn, not past its expiry date, and its agreement in force."""
        on = on or timezone.localdate()
        if self.revoked_at is not None or (self.expires_on is not None and on > self.expires_on):
            return False
        return self.agreement.is_in_force(on)

    class Meta:
        indexes = [models.Index(fields=["content_type", "agency", "object_id"], name="recordshare_lookup")]


class RecordNamedUser(BaseModel):
    """A user named on a record sees it whatever their agency (and only they see a restricted one)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=500, blank=True)

    PERSONAL_DATA = frozenset({"user"})
    NOT_PERSONAL_DATA = frozenset({"content_type", "object_id", "reason"})

    class Meta:
        indexes = [models.Index(fields=["content_type", "user", "object_id"], name="namedusers_lookup")]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "user"], name="named_user_unique")
        ]


class Notification(BaseModel):
    """A message to one member of staff, shown in the service and sent by e-mail.

    It names records by reference and agencies by name only (never a person's details), and links to
    the page where the reader, if still allowed, sees the rest.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    link = models.CharField(max_length=300, blank=True, help_text="A page of this service, e.g. /cases/24/")
    read_at = models.DateTimeField(null=True, blank=True)

    PERSONAL_DATA = frozenset({"user"})
    NOT_PERSONAL_DATA = frozenset({"subject", "body", "link", "read_at"})

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="notification_user_new")]

    def __str__(self) -> str:
        return self.subject


class PartnershipKind(models.TextChoices):
    CSP = "csp", "Community Safety Partnership"
    BOARD = "board", "County community safety board"


class Partnership(BaseModel):
    """A Community Safety Partnership (or the county board above a county's district CSPs).

    Agencies sit in several: the county council, the police, fire, health and probation sit in every
    district CSP of their county and in the county board. A user acts in one partnership at a time
    (chosen like the agency: ``accounts:partnership``). ``code`` is the ONS CSP code of the national
    reference (E22… in England, W22… in Wales; empty for a board), ``area`` what the Strategic
    Assessment is run for by default (a CSP name or code the reference resolves).
    """

    name = models.CharField(max_length=200, unique=True)
    code = models.CharField(max_length=20, blank=True)
    kind = models.CharField(max_length=10, choices=PartnershipKind.choices, default=PartnershipKind.CSP)
    area = models.CharField(max_length=200, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    agencies = models.ManyToManyField(Agency, related_name="partnerships", blank=True)
    # The public pages of the partnership (governance: the privacy notice and the Welsh offer). Empty
    # (None for ``offer_welsh``): the deployment's setting stands (CSPHUB_PRIVACY, CSPHUB_OFFER_WELSH).
    offer_welsh = models.BooleanField(
        null=True, blank=True, help_text="Whether the public pages are offered in Welsh as well as English."
    )
    dpo_name = models.CharField(max_length=200, blank=True, help_text="The Data Protection Officer, as named")
    dpo_email = models.EmailField(blank=True)
    dpo_address = models.CharField(max_length=300, blank=True)
    privacy_retention = models.TextField(blank=True, help_text="How long records are kept, in a sentence.")
    privacy_updated_on = models.DateField(
        null=True, blank=True, help_text="When the partnership last changed its privacy notice."
    )

    # A Data Protection Officer may be named in person; the rest is what the partnership publishes.
    PERSONAL_DATA = frozenset({"dpo_name"})
    NOT_PERSONAL_DATA = frozenset(
        {
            "name",
            "code",
            "kind",
            "area",
            "parent",
            "agencies",
            "offer_welsh",
            "dpo_email",
            "dpo_address",
            "privacy_retention",
            "privacy_updated_on",
        }
    )

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="partnership_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name
