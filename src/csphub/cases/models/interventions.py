"""Early and informal interventions on a case: warning letters, acceptable behaviour contracts or
agreements, mediation, restorative approaches and support or diversion referrals (ASB statutory
guidance for frontline professionals, 2023, updated 2025)."""

from __future__ import annotations

from django.db import models

from csphub.cases import rules
from csphub.cases.models.casework import Case
from csphub.core.models import BaseModel


class InterventionKind(models.TextChoices):
    WARNING_LETTER = rules.InterventionKind.WARNING_LETTER.value, "Warning letter"
    ABC = rules.InterventionKind.ABC.value, "Acceptable behaviour contract or agreement"
    MEDIATION = rules.InterventionKind.MEDIATION.value, "Mediation referral"
    RESTORATIVE = rules.InterventionKind.RESTORATIVE.value, "Restorative approach"
    SUPPORT = rules.InterventionKind.SUPPORT.value, "Support or diversion referral"


class InterventionOutcome(models.TextChoices):
    KEPT_TO = rules.InterventionOutcome.KEPT_TO.value, "Kept to"
    BROKEN = rules.InterventionOutcome.BROKEN.value, "Broken"
    ENDED_EARLY = rules.InterventionOutcome.ENDED_EARLY.value, "Ended early"
    COMPLETED = rules.InterventionOutcome.COMPLETED.value, "Completed"
    DECLINED = rules.InterventionOutcome.DECLINED.value, "Declined"


class AgreedBy(models.TextChoices):
    PERSON = rules.AgreedBy.PERSON.value, "The person themselves"
    PARENT_GUARDIAN = rules.AgreedBy.PARENT_GUARDIAN.value, "The person with a parent or guardian"


class EarlyIntervention(BaseModel):
    """One early intervention on a case, with a party to it (mediation: both neighbours), made by
    an agency; its review date, who agreed to it and, once known, how it ended.

    A child of the case for the policy: visible exactly when the case is; the case page shows it
    only to readers who see the case in full (a summary share does not)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="early_interventions")
    kind = models.CharField("early intervention", max_length=16, choices=InterventionKind.choices)
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    # Mediation between neighbours names both; empty for every other kind.
    other_person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField("started")
    terms = models.TextField("agreed terms", blank=True)  # an ABC's agreed terms, one per line
    review_on = models.DateField("review date", null=True, blank=True)
    agreed_by = models.CharField("agreed by", max_length=16, choices=AgreedBy.choices, blank=True)
    parent_guardian_name = models.CharField("parent or guardian", max_length=200, blank=True)
    outcome = models.CharField(max_length=16, choices=InterventionOutcome.choices, blank=True)
    outcome_on = models.DateField("date of the outcome", null=True, blank=True)
    outcome_notes = models.TextField("notes on the outcome", blank=True)

    PERSONAL_DATA = frozenset({"person", "other_person", "parent_guardian_name", "agreed_by"})
    # What someone must stop doing, and how they kept to it, carry allegations (UK GDPR Art 10).
    SPECIAL_CATEGORY_DATA = frozenset({"terms", "outcome", "outcome_notes"})
    NOT_PERSONAL_DATA = frozenset({"case", "kind", "agency", "started_on", "review_on", "outcome_on"})

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(review_on__isnull=True) | models.Q(review_on__gte=models.F("started_on")),
                name="earlyintervention_review_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.started_on:%-d %B %Y})"

    @property
    def terms_lines(self) -> list[str]:
        return rules.terms_lines(self.terms)
