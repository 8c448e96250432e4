"""The courts an order comes from or a hearing is held in (youth court, county court, High Court,
magistrates' court, Crown Court): shared by the injunction, the CBO and the closure order."""

from __future__ import annotations

from enum import StrEnum


class Court(StrEnum):
    YOUTH = "youth_court"
    COUNTY = "county_court"
    HIGH = "high_court"
    MAGISTRATES = "magistrates_court"
    CROWN = "crown_court"
