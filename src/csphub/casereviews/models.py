"""ASB Case Review (Community Trigger) records. Data and constraints only: rules live in rules.py,
writes in services.py, reads in selectors.py.

An :class:`Application` is owned by the agency that runs the area's Case Review procedure (the single
point of contact, s.104(3)); it is shared with the other relevant bodies under the area's information
sharing agreement so that they can take part in the threshold decision and the review.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from csphub.agencies.models import OwnedRecord, PartnershipRecord
from csphub.casereviews import rules
from csphub.core.models import BaseModel


class CaseReviewArea(BaseModel):
    """A local government area's Case Review procedure: who runs it, its clocks and appeal body."""

    name = models.CharField(max_length=120, unique=True, help_text="As published, e.g. 'Amber Valley'")
    slug = models.SlugField(max_length=60, unique=True)
    managing_agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    # The community safety partnership whose records the area's applications are (a resident
    # applying has no partnership of their own to give them).
    partnership = models.ForeignKey(
        "agencies.Partnership", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    relevant_bodies = models.ManyToManyField("agencies.Agency", related_name="case_review_areas", blank=True)
    sharing_agreement = models.ForeignKey(
        "agencies.InformationSharingAgreement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    default_spoc = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Named single point of contact given to new applicants until staff assign another",
    )
    contact_team = models.CharField(max_length=200, help_text="Team name shown to applicants")
    contact_email = models.EmailField()
    contact_phone = models.CharField(max_length=40)
    appeal_body_name = models.CharField(max_length=200)
    appeal_body_contact = models.CharField(max_length=300, blank=True)
    acknowledge_wd = models.PositiveSmallIntegerField(default=5)
    threshold_decision_wd = models.PositiveSmallIntegerField(default=15)
    review_meeting_wd = models.PositiveSmallIntegerField(default=20)
    outcome_letter_wd = models.PositiveSmallIntegerField(default=10)
    appeal_window_wd = models.PositiveSmallIntegerField(default=20)
    appeal_decision_wd = models.PositiveSmallIntegerField(default=20)
    is_active = models.BooleanField(default=True)

    PERSONAL_DATA = frozenset({"default_spoc"})
    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | {
        "name",
        "slug",
        "managing_agency",
        "partnership",
        "relevant_bodies",
        "sharing_agreement",
        "contact_team",
        "contact_email",
        "contact_phone",
        "appeal_body_name",
        "appeal_body_contact",
        "acknowledge_wd",
        "threshold_decision_wd",
        "review_meeting_wd",
        "outcome_letter_wd",
        "appeal_window_wd",
        "appeal_decision_wd",
        "is_active",
    }

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def service_levels(self) -> rules.ServiceLevels:
        return rules.ServiceLevels(
            acknowledge_wd=self.acknowledge_wd,
            threshold_decision_wd=self.threshold_decision_wd,
            review_meeting_wd=self.review_meeting_wd,
            outcome_letter_wd=self.outcome_letter_wd,
            appeal_window_wd=self.appeal_window_wd,
            appeal_decision_wd=self.appeal_decision_wd,
        )


class ThresholdRuleSet(BaseModel):
    """A dated, versioned threshold policy for an area (domain rule 22: versioned law)."""

    area = models.ForeignKey(CaseReviewArea, on_delete=models.PROTECT, related_name="rule_sets")
    version = models.CharField(max_length=40)
    effective_from = models.DateField()
    qualifying_complaints_required = models.PositiveSmallIntegerField(default=3)
    count_same_incident_once = models.BooleanField(default=False)
    distinct_complainants_required = models.PositiveSmallIntegerField(null=True, blank=True)
    hate_incident_meets_threshold = models.BooleanField(default=False)
    description = models.TextField(blank=True)
    # Sch 4 (B.5): when the PCC and the housing providers were consulted on this version.
    pcc_consulted_on = models.DateField(null=True, blank=True)
    housing_consulted_on = models.DateField(null=True, blank=True)

    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | {
        "pcc_consulted_on",
        "housing_consulted_on",
        "area",
        "version",
        "effective_from",
        "qualifying_complaints_required",
        "count_same_incident_once",
        "distinct_complainants_required",
        "hate_incident_meets_threshold",
        "description",
    }

    class Meta:
        ordering = ["area", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["area", "version"], name="cr_ruleset_area_version"),
            models.CheckConstraint(
                condition=models.Q(
                    qualifying_complaints_required__gte=1, qualifying_complaints_required__lte=3
                ),
                name="cr_ruleset_threshold_at_most_three",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.version}"

    def as_policy(self) -> rules.ThresholdPolicy:
        return rules.ThresholdPolicy(
            version=self.version,
            effective_from=self.effective_from,
            qualifying_complaints_required=self.qualifying_complaints_required,
            count_same_incident_once=self.count_same_incident_once,
            distinct_complainants_required=self.distinct_complainants_required,
            hate_incident_meets_threshold=self.hate_incident_meets_threshold,
            description=self.description,
        )


class PublishedYear(BaseModel):
    """A reporting year's s.104(10) figures for an area, checked and published by a coordinator.

    Until a year is published its public page says "provisional" ("year to date" while the year is
    in progress). Publishing keeps the figures as they stood (``figures``: the four measures and the
    monthly rows), so that a decision recorded later does not change what the partnership published.
    Who published and when is in ``created_by``/``created_at`` and in the audit trail.
    """

    area = models.ForeignKey(CaseReviewArea, on_delete=models.PROTECT, related_name="published_years")
    start_year = models.PositiveSmallIntegerField(help_text="The reporting year that begins on 1 April of it")
    figures = models.JSONField(help_text="The four measures and the monthly rows as published")

    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | {"area", "start_year", "figures"}

    class Meta:
        ordering = ["area", "-start_year"]
        constraints = [
            models.UniqueConstraint(fields=["area", "start_year"], name="cr_published_year_once"),
        ]

    def __str__(self) -> str:
        return f"{self.area} {rules.ReportingYear(self.start_year).label}"

    @property
    def year(self) -> rules.ReportingYear:
        return rules.ReportingYear(self.start_year)


class ApplicationChannel(models.TextChoices):
    ONLINE = "online", "Online form"
    PHONE = "phone", "Phone"
    PAPER = "paper", "Paper form or letter"
    IN_PERSON = "in_person", "In person"
    EMAIL = "email", "E-mail"


class ContactPreference(models.TextChoices):
    EMAIL = "email", "E-mail"
    PHONE = "phone", "Phone"
    POST = "post", "Post"


class LetterLanguage(models.TextChoices):
    """The languages letters and e-mails to the applicant are written in (codes as in settings.LANGUAGES)."""

    ENGLISH = "en-gb", "English"
    WELSH = "cy", "Welsh (Cymraeg)"


class Application(PartnershipRecord, OwnedRecord):
    """One application for an ASB Case Review."""

    reference = models.CharField(max_length=20, unique=True)
    area = models.ForeignKey(CaseReviewArea, on_delete=models.PROTECT, related_name="applications")
    channel = models.CharField(max_length=16, choices=ApplicationChannel.choices)
    received_on = models.DateField(db_index=True)
    status = models.CharField(
        max_length=24,
        choices=[(s.value, rules.STATUS_LABELS[s]) for s in rules.Status],
        default=rules.Status.RECEIVED,
    )
    applicant_name = models.CharField(max_length=200)
    applicant_email = models.EmailField(blank=True)
    applicant_phone = models.CharField(max_length=40, blank=True)
    applicant_address = models.TextField(blank=True)
    contact_preference = models.CharField(max_length=8, choices=ContactPreference.choices)
    support_needs = models.TextField(blank=True)
    # The language of the applicant's letters and e-mails (Welsh Language Act 1993): the language of
    # the public pages when they applied, or the one they asked for when staff took the application.
    language = models.CharField(max_length=8, choices=LetterLanguage.choices, default=LetterLanguage.ENGLISH)
    is_third_party = models.BooleanField(default=False)
    victim_name = models.CharField(max_length=200, blank=True)
    relationship_to_victim = models.CharField(max_length=200, blank=True)
    victim_consent_given = models.BooleanField(default=False)
    victim_consent_how = models.CharField(max_length=300, blank=True)
    behaviour_description = models.TextField()
    behaviour_location = models.CharField(max_length=300)
    behaviour_first_on = models.DateField()
    behaviour_last_on = models.DateField()
    reports_described = models.TextField(help_text="Who the applicant says they reported to, and when")
    spoc = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_on = models.DateField(null=True, blank=True)
    threshold_decided_on = models.DateField(null=True, blank=True)
    threshold_met = models.BooleanField(null=True, blank=True)
    review_held_on = models.DateField(null=True, blank=True)
    outcome_sent_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    status_code_hash = models.CharField(max_length=200, blank=True)
    status_code_expires_at = models.DateTimeField(null=True, blank=True)
    status_code_attempts = models.PositiveSmallIntegerField(default=0)

    PERSONAL_DATA = frozenset(
        {
            "applicant_name",
            "applicant_email",
            "applicant_phone",
            "applicant_address",
            "contact_preference",
            "support_needs",
            "language",
            "victim_name",
            "relationship_to_victim",
            "victim_consent_how",
            "behaviour_location",
            "spoc",
        }
    )
    # Allegations of anti-social behaviour are criminal-offence data.
    SPECIAL_CATEGORY_DATA = frozenset({"behaviour_description", "reports_described"})
    NOT_PERSONAL_DATA = OwnedRecord.NOT_PERSONAL_DATA | {
        "owning_agency",
        "is_restricted",
        "reference",
        "area",
        "channel",
        "received_on",
        "status",
        "is_third_party",
        "victim_consent_given",
        "behaviour_first_on",
        "behaviour_last_on",
        "acknowledged_on",
        "threshold_decided_on",
        "threshold_met",
        "review_held_on",
        "outcome_sent_on",
        "closed_on",
        "status_code_hash",
        "status_code_expires_at",
        "status_code_attempts",
    }

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_third_party=False) | models.Q(victim_consent_given=True),
                name="cr_third_party_needs_consent",
            ),
            models.CheckConstraint(
                condition=models.Q(behaviour_last_on__gte=models.F("behaviour_first_on")),
                name="cr_behaviour_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def status_enum(self) -> rules.Status:
        return rules.Status(self.status)

    @property
    def status_label(self) -> str:
        return rules.STATUS_LABELS[self.status_enum]

    def clocks(self, *, today: dt.date | None = None) -> list[rules.Clock]:
        """The service-level clocks that have started, in stage order."""
        levels = self.area.service_levels
        clocks = [
            rules.clock_for(
                rules.Stage.ACKNOWLEDGE,
                started_on=self.received_on,
                levels=levels,
                done_on=self.acknowledged_on,
            ),
            rules.clock_for(
                rules.Stage.THRESHOLD_DECISION,
                started_on=self.received_on,
                levels=levels,
                done_on=self.threshold_decided_on,
            ),
        ]
        if self.threshold_met and self.threshold_decided_on:
            clocks.append(
                rules.clock_for(
                    rules.Stage.REVIEW_MEETING,
                    started_on=self.threshold_decided_on,
                    levels=levels,
                    done_on=self.review_held_on,
                )
            )
        if self.review_held_on:
            clocks.append(
                rules.clock_for(
                    rules.Stage.OUTCOME_LETTER,
                    started_on=self.review_held_on,
                    levels=levels,
                    done_on=self.outcome_sent_on,
                )
            )
        appeal = getattr(self, "appeal", None) if self.pk else None
        if appeal is not None:
            clocks.append(
                rules.clock_for(
                    rules.Stage.APPEAL_DECISION,
                    started_on=appeal.received_on,
                    levels=levels,
                    done_on=appeal.decided_on,
                )
            )
        return clocks

    def overdue_clocks(self, *, today: dt.date) -> list[rules.Clock]:
        if self.status in (rules.Status.CLOSED, rules.Status.WITHDRAWN):
            return []
        return [c for c in self.clocks() if c.done_on is None and c.is_overdue(today=today)]

    def appeal_window_closes_on(self) -> dt.date | None:
        """The last day to appeal: counted from the outcome letter, or from a not-met decision."""
        levels = self.area.service_levels
        start = self.outcome_sent_on or (self.threshold_decided_on if self.threshold_met is False else None)
        if start is None:
            return None
        return rules.due_date(rules.Stage.APPEAL_WINDOW, started_on=start, levels=levels)


class ApplicationIncident(BaseModel):
    """An incident (a complaint) linked to an application — found by staff or named by the applicant."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="incident_links")
    incident = models.ForeignKey("cases.Incident", on_delete=models.PROTECT, related_name="+")
    complainant = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    same_incident_key = models.CharField(
        max_length=40,
        blank=True,
        help_text="The same label on reports of one incident made to several agencies",
    )
    named_by_applicant = models.BooleanField(default=False)
    note = models.CharField(max_length=300, blank=True)

    PERSONAL_DATA = frozenset({"complainant", "note"})
    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | {
        "application",
        "incident",
        "same_incident_key",
        "named_by_applicant",
    }

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "incident"], name="cr_application_incident_unique")
        ]


class ThresholdDecisionRecord(BaseModel):
    """A threshold decision: the engine's result, stored whole, and the staff decision."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="threshold_decision"
    )
    decided_on = models.DateField()
    rule_version = models.CharField(max_length=40)
    engine_met = models.BooleanField()
    met = models.BooleanField()
    discretionary = models.BooleanField(default=False)
    discretion_reason = models.TextField(blank=True)
    result = models.JSONField()
    explanation = models.TextField()

    PERSONAL_DATA = frozenset({"discretion_reason"})
    # The stored result and explanation name complaints, agencies and dates of alleged behaviour.
    SPECIAL_CATEGORY_DATA = frozenset({"result", "explanation"})
    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | {
        "application",
        "decided_on",
        "rule_version",
        "engine_met",
        "met",
        "discretionary",
    }

    def as_rules_decision(self) -> rules.ThresholdDecision:
        return rules.ThresholdDecision.from_dict(self.result)


class ReviewMeeting(BaseModel):
    """The review the relevant bodies carry out once the threshold is met."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="review")
    held_on = models.DateField()
    chair = models.CharField(max_length=200)
    is_independent_chair = models.BooleanField(default=False)
    bodies_present = models.ManyToManyField("agencies.Agency", related_name="+")
    applicant_involvement = models.CharField(max_length=300, blank=True)
    findings = models.TextField()
    # B.2: reviews held before this one on the same application (an upheld appeal leads to a further
    # review): [{"held_on": "YYYY-MM-DD", "recommendation_count": n}], each counted in s.104(10)(c)/(d).
    earlier_reviews = models.JSONField(default=list, blank=True)

    PERSONAL_DATA = frozenset({"chair", "applicant_involvement"})
    SPECIAL_CATEGORY_DATA = frozenset({"findings"})
    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | {
        "application",
        "held_on",
        "is_independent_chair",
        "bodies_present",
        "earlier_reviews",
    }


class Recommendation(BaseModel):
    review = models.ForeignKey(ReviewMeeting, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField()
    owner_agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    owner_name = models.CharField(max_length=200)
    due_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)

    PERSONAL_DATA = frozenset({"owner_name"})
    SPECIAL_CATEGORY_DATA = frozenset({"text"})
    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | {"review", "owner_agency", "due_on", "completed_on"}

    class Meta:
        ordering = ["due_on", "id"]


class LetterKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement"
    THRESHOLD_DECISION = "threshold_decision", "Threshold decision"
    OUTCOME = "outcome", "Review outcome"
    APPEAL_OUTCOME = "appeal_outcome", "Appeal outcome"


class Letter(BaseModel):
    """A letter as sent: the HTML is kept so the record shows exactly what the applicant received."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(max_length=24, choices=LetterKind.choices)
    sent_on = models.DateField()
    html = models.TextField()

    SPECIAL_CATEGORY_DATA = frozenset({"html"})
    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | {"application", "kind", "sent_on"}

    class Meta:
        ordering = ["sent_on", "id"]

    @property
    def is_welsh(self) -> bool:
        """Whether the letter was written in Welsh (its opening ``<div>`` says so: ``lang="cy"``)."""
        return 'lang="cy"' in self.html[:200]


class AppealOutcome(models.TextChoices):
    UPHELD = "upheld", "Upheld — the partnership must look again"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"


class Appeal(BaseModel):
    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="appeal")
    appeal_body_name = models.CharField(max_length=200)
    received_on = models.DateField()
    grounds = models.TextField()
    decided_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=AppealOutcome.choices, blank=True)
    outcome_reasons = models.TextField(blank=True)

    SPECIAL_CATEGORY_DATA = frozenset({"grounds", "outcome_reasons"})
    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | {
        "application",
        "appeal_body_name",
        "received_on",
        "decided_on",
        "outcome",
    }


class ExplanationPrompt(BaseModel):
    """A prompt to explain the Case Review to a victim on their second report within six months."""

    incident = models.ForeignKey("cases.Incident", on_delete=models.CASCADE, related_name="+")
    victim = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    earlier_report_on = models.DateField()
    explained_on = models.DateField(null=True, blank=True)
    explained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    how_explained = models.CharField(max_length=300, blank=True)

    PERSONAL_DATA = frozenset({"victim", "explained_by", "how_explained"})
    NOT_PERSONAL_DATA = BaseModel.NOT_PERSONAL_DATA | {"incident", "earlier_report_on", "explained_on"}

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "victim"], name="cr_prompt_incident_victim_unique")
        ]
