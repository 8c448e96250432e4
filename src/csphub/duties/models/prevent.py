"""Prevent referrals and Channel cases (CTSA 2015 s.26, ss.36-41), in the Prevent compartment.

The person referred is described inside the referral, never as a person record of the people app,
so that nothing about them reaches a page outside the compartment.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from csphub.agencies.models import OwnedRecord, PartnershipRecord
from csphub.core.models import BaseModel
from csphub.duties.rules import prevent as rules


class ReferralStatus(models.TextChoices):
    RECEIVED = rules.REFERRAL_RECEIVED, "With the police Prevent team for screening"
    ADOPTED = rules.REFERRAL_ADOPTED, "Referred by the police to the Channel panel"
    SIGNPOSTED = rules.REFERRAL_SIGNPOSTED, "Signposted to another service"
    CLOSED = rules.REFERRAL_CLOSED, "No further action"


class ScreeningOutcome(models.TextChoices):
    ADOPTED = rules.REFERRAL_ADOPTED, "Refer to the Channel panel"
    SIGNPOSTED = rules.REFERRAL_SIGNPOSTED, "Not a radicalisation concern: signpost to another service"
    CLOSED = rules.REFERRAL_CLOSED, "No further action"


class ConcernType(models.TextChoices):
    ISLAMIST = "islamist", "Islamist"
    EXTREME_RIGHT_WING = "extreme_right_wing", "Extreme right-wing"
    MIXED_UNCLEAR = "mixed_unclear", "Mixed, unclear or unstable"
    OTHER = "other", "Other"


class PreventReferral(PartnershipRecord, OwnedRecord):
    """A concern referred to the police Prevent team (the national Prevent referral form's fields)."""

    referred_on = models.DateField()
    referrer_name = models.CharField(max_length=200)
    referrer_role = models.CharField(max_length=200)
    referrer_contact = models.CharField(max_length=200)
    subject_name = models.CharField(max_length=200)
    subject_date_of_birth = models.DateField(null=True, blank=True)
    subject_address = models.TextField(blank=True)
    subject_gender = models.CharField(max_length=40, blank=True)
    concern_type = models.CharField(max_length=24, choices=ConcernType.choices)
    concerns = models.TextField()
    discussed_with_person = models.BooleanField(default=False)
    status = models.CharField(max_length=16, choices=ReferralStatus.choices, default=ReferralStatus.RECEIVED)
    screened_on = models.DateField(null=True, blank=True)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    screened_by_agency_type = models.CharField(max_length=32, blank=True)
    screening_notes = models.TextField(blank=True)

    PERSONAL_DATA = frozenset(
        {
            "referrer_name",
            "referrer_role",
            "referrer_contact",
            "subject_name",
            "subject_date_of_birth",
            "subject_address",
            "subject_gender",
            "screened_by",
        }
    )
    SPECIAL_CATEGORY_DATA = frozenset({"concern_type", "concerns", "screening_notes"})
    NOT_PERSONAL_DATA = frozenset(
        {"referred_on", "discussed_with_person", "status", "screened_on", "screened_by_agency_type"}
    )

    class Meta:
        ordering = ["-referred_on", "-id"]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"PR-{self.pk:06d}" if self.pk else "PR-new"


class ChannelStatus(models.TextChoices):
    AWAITING_CONSENT = "awaiting_consent", "Panel assessing; consent not yet recorded"
    CONSENTED = "consented", "Consent given; support plan to agree"
    SUPPORT = "support", "Receiving Channel support"
    DECLINED = "declined", "Consent declined: no Channel support"
    EXITED = "exited", "Left Channel; post-exit reviews due"


class ConsentGivenBy(models.TextChoices):
    PERSON = rules.CONSENT_BY_PERSON, "The person"
    PARENT = rules.CONSENT_BY_PARENT, "A parent or guardian (the person is under 18)"


class ChannelCase(PartnershipRecord, OwnedRecord):
    """A case before the Channel panel; owned by the local authority that chairs the panel.

    It belongs to its referral's partnership: the panel's members (a county council's, in a two-tier
    area) open it while acting in that partnership.
    """

    referral = models.OneToOneField(PreventReferral, on_delete=models.PROTECT, related_name="channel_case")
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    first_panel_on = models.DateField()
    status = models.CharField(
        max_length=20, choices=ChannelStatus.choices, default=ChannelStatus.AWAITING_CONSENT
    )
    consent_given = models.BooleanField(null=True, blank=True)
    consent_on = models.DateField(null=True, blank=True)
    consent_given_by = models.CharField(max_length=16, choices=ConsentGivenBy.choices, blank=True)
    support_plan = models.TextField(blank=True)
    support_provider = models.CharField(max_length=200, blank=True)
    support_starts_on = models.DateField(null=True, blank=True)
    exited_on = models.DateField(null=True, blank=True)
    exit_reason = models.TextField(blank=True)
    rule_version = models.CharField(max_length=80)

    PERSONAL_DATA = frozenset({"chair", "consent_given_by"})
    SPECIAL_CATEGORY_DATA = frozenset({"support_plan", "support_provider", "exit_reason", "consent_given"})
    NOT_PERSONAL_DATA = frozenset(
        {
            "referral",
            "first_panel_on",
            "status",
            "consent_on",
            "support_starts_on",
            "exited_on",
            "rule_version",
        }
    )

    class Meta:
        ordering = ["-first_panel_on", "-id"]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"CH-{self.pk:06d}" if self.pk else "CH-new"


class ChannelReview(BaseModel):
    """A post-exit review (6 or 12 months after exit); visible exactly when its Channel case is."""

    channel_case = models.ForeignKey(ChannelCase, on_delete=models.CASCADE, related_name="reviews")
    months_after_exit = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    outcome = models.TextField(blank=True)

    SPECIAL_CATEGORY_DATA = frozenset({"outcome"})
    NOT_PERSONAL_DATA = frozenset({"channel_case", "months_after_exit", "due_on", "completed_on"})

    class Meta:
        ordering = ["due_on", "id"]
