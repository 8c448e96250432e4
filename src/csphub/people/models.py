"""People (victims, witnesses, perpetrators, groups) and addresses, each owned by an agency."""

from __future__ import annotations

import datetime as dt

from django.db import models

from csphub.agencies.models import OwnedRecord, PartnershipRecord
from csphub.core.models import BaseModel


class PersonKind(models.TextChoices):
    INDIVIDUAL = "individual", "Individual"
    GROUP = "group", "Group of people"
    ORGANISATION = "organisation", "Organisation or business"


class Person(PartnershipRecord, OwnedRecord):
    kind = models.CharField(max_length=16, choices=PersonKind.choices, default=PersonKind.INDIVIDUAL)
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    known_as = models.CharField(max_length=200, blank=True, help_text="Alias, or the name of a group.")
    date_of_birth = models.DateField(null=True, blank=True)
    gender = models.CharField(max_length=40, blank=True)
    ethnicity = models.CharField(max_length=80, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    vulnerability_notes = models.TextField(
        blank=True, help_text="Health, disability or other vulnerability relevant to safeguarding."
    )

    PERSONAL_DATA = frozenset(
        {"given_name", "family_name", "known_as", "date_of_birth", "gender", "phone", "email"}
    )
    SPECIAL_CATEGORY_DATA = frozenset({"ethnicity", "vulnerability_notes"})
    NOT_PERSONAL_DATA = frozenset({"kind"})

    class Meta:
        ordering = ["family_name", "given_name", "known_as"]
        indexes = [
            models.Index(fields=["family_name", "given_name"], name="person_name"),
            models.Index(fields=["owning_agency", "family_name"], name="person_agency_name"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        full = " ".join(part for part in (self.given_name, self.family_name) if part)
        if full and self.known_as:
            return f"{full} ({self.known_as})"
        return full or self.known_as or f"Person {self.pk}"

    def age_on(self, on: dt.date) -> int | None:
        if self.date_of_birth is None:
            return None
        dob = self.date_of_birth
        return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


class Address(PartnershipRecord, OwnedRecord):
    line_1 = models.CharField(max_length=200)
    line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True, db_index=True)
    uprn = models.CharField(
        max_length=12, blank=True, db_index=True, help_text="Unique Property Reference Number"
    )
    easting_m = models.FloatField(null=True, blank=True)
    northing_m = models.FloatField(null=True, blank=True)
    lsoa_code = models.CharField(max_length=9, blank=True, db_index=True)

    PERSONAL_DATA = frozenset({"line_1", "line_2", "postcode", "uprn", "easting_m", "northing_m"})
    NOT_PERSONAL_DATA = frozenset({"town", "lsoa_code"})

    class Meta:
        ordering = ["postcode", "line_1"]

    def __str__(self) -> str:
        return ", ".join(p for p in (self.line_1, self.line_2, self.town, self.postcode) if p)


class PersonAddress(BaseModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="address_links")
    address = models.ForeignKey(Address, on_delete=models.PROTECT, related_name="person_links")
    is_current = models.BooleanField(default=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    PERSONAL_DATA = frozenset({"person", "address", "valid_from", "valid_to"})
    NOT_PERSONAL_DATA = frozenset({"is_current"})

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "address"], name="person_address_unique")]
