from __future__ import annotations

import datetime as dt

from ninja import Schema


class PersonOut(Schema):
    id: int
    kind: str
    display_name: str
    date_of_birth: dt.date | None = None
    owning_agency: str


class IncidentOut(Schema):
    id: int
    occurred_at: dt.datetime
    reported_at: dt.datetime
    asb_type: str
    category: str
    is_hate_motivated: bool
    lsoa_code: str
    reporting_agency: str
    owning_agency: str


class CaseOut(Schema):
    id: int
    reference: str
    summary: str
    status: str
    asb_type: str
    opened_at: dt.datetime
    owning_agency: str
    scope: str  # "full" or "summary" (shared for a panel: summary fields only)


class Page(Schema):
    count: int
    offset: int
    limit: int


class PeoplePage(Page):
    results: list[PersonOut]


class IncidentPage(Page):
    results: list[IncidentOut]


class CasePage(Page):
    results: list[CaseOut]


class ErrorOut(Schema):
    detail: str
