"""Every read of the ASB Case Review app, built on the one policy (:mod:`csphub.agencies.policies`).

The statutory publication reads *all* applications of an area: its four figures are aggregate counts
with no personal data, published to everyone (s.104(10)).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from csphub.agencies.policies import Action, get_object_or_404_for, visible_to
from csphub.casereviews import rules
from csphub.casereviews.models import Application, CaseReviewArea, ExplanationPrompt, Letter, PublishedYear
from csphub.core.actor import Actor


def area_list_public() -> QuerySet[CaseReviewArea]:
    return CaseReviewArea.objects.filter(is_active=True).select_related("managing_agency", "default_spoc")


def area_get_public(slug: str) -> CaseReviewArea | None:
    return area_list_public().filter(slug=slug).first()


def application_for_status(pk: Any) -> Application | None:
    """The application an applicant proved with their reference and one-time code (public page)."""
    return (
        Application.objects.select_related("area", "area__managing_agency", "spoc", "appeal")
        .prefetch_related("letters")
        .filter(pk=pk)
        .first()
    )


def application_list_visible_to(user: Any, *, action: Action = Action.VIEW) -> QuerySet[Application]:
    return visible_to(user, action, Application).select_related("area", "spoc", "owning_agency")


def application_get_visible(user: Any, reference: str, *, action: Action = Action.VIEW) -> Application:
    return get_object_or_404_for(
        user, action, application_list_visible_to(user, action=action), reference=reference
    )


@dataclass(frozen=True)
class DashboardRow:
    application: Application
    overdue: list[rules.Clock]
    next_clock: rules.Clock | None


def dashboard(user: Any, *, today: dt.date | None = None, include_closed: bool = False) -> list[DashboardRow]:
    """Open applications the user may see, with overdue stages flagged; overdue ones first."""
    today = today or timezone.localdate()
    qs = application_list_visible_to(user).select_related("appeal")
    if not include_closed:
        qs = qs.exclude(status__in=[rules.Status.CLOSED, rules.Status.WITHDRAWN])
    rows = []
    for application in qs:
        clocks = application.clocks()
        pending = [c for c in clocks if c.done_on is None]
        overdue = application.overdue_clocks(today=today)
        rows.append(
            DashboardRow(application, overdue, min(pending, key=lambda c: c.due_on) if pending else None)
        )
    rows.sort(key=lambda r: (not r.overdue, r.next_clock.due_on if r.next_clock else dt.date.max))
    return rows


def open_applications_led_by(actor: Actor) -> QuerySet[Application]:
    """The open applications the user may see and is the single point of contact for: the
    :func:`dashboard`'s applications whose ``spoc`` is the user, chosen by the database instead of
    computing every visible application's clocks to keep a few (the deadlines provider)."""
    return (
        application_list_visible_to(actor)
        .select_related("appeal")
        .filter(spoc=actor.user)
        .exclude(status__in=[rules.Status.CLOSED, rules.Status.WITHDRAWN])
    )


@dataclass(frozen=True)
class ServiceLevelsMet:
    """Of the applications received in a period, how many met every service level (acknowledgement,
    threshold decision, review meeting, outcome letter, appeal decision) so far."""

    met: int
    total: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.met / self.total) if self.total else None


def service_levels_met(
    partnership_ids: Any, *, start: dt.date, end: dt.date, today: dt.date | None = None
) -> ServiceLevelsMet:
    """The applications of ``partnership_ids`` received ``start``..``end`` (inclusive) whose every
    started clock was done by its due date, or is not yet due on ``today`` (each area's own service
    levels, :meth:`Application.clocks`). A clock left undone on a closed or withdrawn application
    is not held against it (the application ended); one done late always is. Aggregate counts only."""
    today = today or timezone.localdate()
    ended = (rules.Status.CLOSED, rules.Status.WITHDRAWN)
    applications = Application.objects.filter(
        partnership_id__in=list(partnership_ids), received_on__gte=start, received_on__lte=end
    ).select_related("area", "appeal")
    met = total = 0
    for application in applications:
        total += 1
        late = any(
            c.is_overdue(today=today)
            for c in application.clocks()
            if c.done_on is not None or application.status not in ended
        )
        met += not late
    return ServiceLevelsMet(met, total)


def recommendations_overdue(user: Any, *, today: dt.date | None = None) -> list[Any]:
    from csphub.casereviews.models import Recommendation

    today = today or timezone.localdate()
    return list(
        visible_to(user, Action.VIEW, Recommendation)
        .filter(completed_on__isnull=True, due_on__lt=today)
        .select_related("review__application", "owner_agency")
    )


def prompts_open_for(user: Any) -> QuerySet[ExplanationPrompt]:
    """Prompts to explain the Case Review, on incidents the user may see, not yet answered."""
    return (
        visible_to(user, Action.VIEW, ExplanationPrompt)
        .filter(explained_on__isnull=True)
        .select_related("incident", "victim")
    )


def prompt_get_visible(user: Any, pk: Any) -> ExplanationPrompt:
    return get_object_or_404_for(user, Action.VIEW, ExplanationPrompt, pk=pk)


def letter_get_visible(user: Any, application: Application, pk: Any) -> Letter:
    return get_object_or_404_for(user, Action.VIEW, Letter.objects.filter(application=application), pk=pk)


def incident_links_visible_to(user: Any, application: Application) -> tuple[list[Any], int]:
    """The application's linked incidents the user may open, and how many others are linked.

    Sharing an application in full does not share the incidents linked to it: each is listed only
    if the user may see it; the rest are only counted (security review finding 20).
    """
    from csphub.cases.models import Incident

    links = list(application.incident_links.select_related("incident", "incident__reporting_agency"))
    visible = set(
        visible_to(user, Action.VIEW, Incident)
        .filter(pk__in=[link.incident_id for link in links])
        .values_list("pk", flat=True)
    )
    shown = [link for link in links if link.incident_id in visible]
    return shown, len(links) - len(shown)


def case_history_for_review(user: Any, application: Application) -> list[Any]:
    """The linked incidents this user may see (the policy decides), for the review meeting."""
    from csphub.cases.selectors import incident_list_visible_to

    linked = application.incident_links.values("incident_id")
    return list(incident_list_visible_to(user).filter(pk__in=linked).order_by("occurred_at"))


def candidate_incidents(
    user: Any, application: Application, *, search: str = "", own_only: bool = False
) -> list[Any]:
    """Incidents the user may see that could be complaints for this application (not yet linked).

    Reported from a month before the earliest qualifying complaint date up to the application.
    ``own_only``: only incidents the user's agency may change (another relevant body links its own).
    """
    from csphub.cases.models import IncidentParty
    from csphub.cases.selectors import incident_list_visible_to

    earliest = rules.earliest_qualifying_complaint_date(application.received_on) - dt.timedelta(days=31)
    start = timezone.make_aware(dt.datetime.combine(earliest, dt.time.min))
    end = timezone.make_aware(
        dt.datetime.combine(application.received_on + dt.timedelta(days=1), dt.time.min)
    )
    qs = (
        incident_list_visible_to(user, action=Action.CHANGE if own_only else Action.VIEW)
        .filter(reported_at__gte=start, reported_at__lt=end)
        .exclude(pk__in=application.incident_links.values("incident_id"))
    )
    if search.strip():
        term = search.strip()
        named = IncidentParty.objects.filter(
            Q(person__family_name__icontains=term)
            | Q(person__given_name__icontains=term)
            | Q(person__known_as__icontains=term)
        ).values("incident_id")
        qs = qs.filter(
            Q(location_description__icontains=term) | Q(description__icontains=term) | Q(pk__in=named)
        )
    parties = IncidentParty.objects.select_related("person").order_by("role", "person__family_name")
    return list(qs.prefetch_related(Prefetch("parties", queryset=parties)).order_by("-reported_at")[:100])


# ---------------------------------------------------------------------------------------------------
# Statutory publication (aggregate counts, computed from the applications — never typed in)
# ---------------------------------------------------------------------------------------------------


def application_facts(
    area: CaseReviewArea, *, year: rules.ReportingYear | None
) -> list[rules.ApplicationFacts]:
    """Facts for every application that bears on ``year``: received in it, or reviewed in it (every
    application of the area when ``year`` is None, for a page that shows every year in one query)."""
    applications = Application.objects.filter(area=area)
    if year is not None:
        applications = applications.filter(
            Q(received_on__range=(year.start, year.end))
            | Q(review_held_on__range=(year.start, year.end))
            | Q(threshold_decided_on__range=(year.start, year.end))
            | (Q(review__isnull=False) & ~Q(review__earlier_reviews=[]))
        )
    qs = applications.annotate(recommendation_count=Count("review__recommendations")).values_list(
        "reference",
        "received_on",
        "threshold_met",
        "threshold_decided_on",
        "review_held_on",
        "recommendation_count",
        "review__earlier_reviews",
    )
    facts = [_facts(*row) for row in qs]
    # An application disposed of at the end of its retention period is counted from its tombstone,
    # which keeps exactly these facts: the published figures do not move when records are disposed of.
    # (All of the area's: the figures count each by its own dates, so a superset is right.)
    return facts + disposed_application_facts(area)


def _facts(
    ref: str,
    received: dt.date,
    met: bool | None,
    decided: dt.date | None,
    held: dt.date | None,
    n: int,
    earlier: list[dict[str, Any]] | None,
) -> rules.ApplicationFacts:
    # B.2: every review carried out counts (an upheld appeal leads to a further review); the
    # recommendations of earlier reviews stay on the record, so the latest review's are the rest.
    earlier_reviews = tuple(
        rules.ReviewFacts(dt.date.fromisoformat(e["held_on"]), int(e["recommendation_count"]))
        for e in (earlier or [])
    )
    latest = (
        (rules.ReviewFacts(held, n - sum(e.recommendation_count for e in earlier_reviews)),)
        if held is not None
        else ()
    )
    return rules.ApplicationFacts(
        reference=ref,
        received_on=received,
        threshold_met=met,
        review_held_on=held,
        recommendation_count=n,
        threshold_decided_on=decided,
        reviews=earlier_reviews + latest,
    )


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def application_retention_facts(application: Application) -> dict[str, Any]:
    """What the statistics count of one application, kept on its tombstone when it is disposed of:
    its area, dates, threshold outcome, reviews and recommendation count (no name, no free text)."""
    row = (
        Application.objects.filter(pk=application.pk)
        .annotate(recommendation_count=Count("review__recommendations"))
        .values_list(
            "threshold_met",
            "threshold_decided_on",
            "review_held_on",
            "recommendation_count",
            "review__earlier_reviews",
        )
        .get()
    )
    met, decided, held, n, earlier = row
    return {
        "area": application.area_id,
        "received_on": application.received_on.isoformat(),
        "status": application.status,
        "threshold_met": met,
        "threshold_decided_on": decided.isoformat() if decided else None,
        "review_held_on": held.isoformat() if held else None,
        "recommendation_count": n,
        "earlier_reviews": [
            {"held_on": str(e["held_on"]), "recommendation_count": int(e["recommendation_count"])}
            for e in (earlier or [])
        ],
    }


def disposed_application_facts(
    area: CaseReviewArea, *, partnerships: list[int] | None = None
) -> list[rules.ApplicationFacts]:
    """The facts of ``area``'s applications disposed of at the end of their retention period, read
    from their tombstones (only those of ``partnerships``, when given)."""
    from csphub.governance.models import RecordType, Tombstone

    tombstones = Tombstone.objects.filter(record_type=RecordType.CASE_REVIEW)
    if partnerships is not None:
        tombstones = tombstones.filter(partnership_id__in=partnerships)
    found = []
    for reference, kept in tombstones.order_by("id").values_list("reference", "facts"):
        if not kept or kept.get("area") != area.pk:
            continue
        found.append(
            _facts(
                reference,
                dt.date.fromisoformat(kept["received_on"]),
                kept.get("threshold_met"),
                _day(kept.get("threshold_decided_on")),
                _day(kept.get("review_held_on")),
                int(kept.get("recommendation_count") or 0),
                kept.get("earlier_reviews") or [],
            )
        )
    return found


@dataclass(frozen=True)
class Publication:
    figures: rules.Figures
    sentences: list[str]
    months: list[rules.MonthRow]
    area: CaseReviewArea
    status: rules.YearStatus = rules.YearStatus.PROVISIONAL
    published: PublishedYear | None = None


def published_year(area: CaseReviewArea, year: rules.ReportingYear) -> PublishedYear | None:
    return (
        PublishedYear.objects.filter(area=area, start_year=year.start_year)
        .select_related("created_by")
        .first()
    )


def publication_live(
    area: CaseReviewArea,
    *,
    year: rules.ReportingYear,
    today: dt.date | None = None,
    facts: list[rules.ApplicationFacts] | None = None,
) -> tuple[rules.Figures, list[rules.MonthRow]]:
    """The figures counted now from the applications; months that have not begun are left out.

    ``facts``: the area's application facts already read (any superset of the year's)."""
    today = today or timezone.localdate()
    if facts is None:
        facts = application_facts(area, year=year)
    figures = rules.compute_figures(facts, area=area.name, year=year)
    return figures, rules.monthly_breakdown(facts, year=year, until=today)


def publication_for(
    area: CaseReviewArea, *, year: rules.ReportingYear, today: dt.date | None = None
) -> Publication:
    """What the public page shows: the published figures as published, else the live count, labelled
    provisional (year to date while the year is in progress)."""
    today = today or timezone.localdate()
    published = published_year(area, year)
    if published is not None:
        figures, months = figures_from_snapshot(published.figures, area=area, year=year)
    else:
        figures, months = publication_live(area, year=year, today=today)
    return Publication(
        figures=figures,
        sentences=rules.publication_sentences(figures),
        months=months,
        area=area,
        status=rules.year_status(year, today=today, published=published is not None),
        published=published,
    )


_MONTH_FIELDS = (
    "applications",
    "threshold_met",
    "threshold_not_met",
    "awaiting_decision",
    "reviews_carried_out",
    "reviews_with_recommendations",
)


def figures_snapshot(figures: rules.Figures, months: list[rules.MonthRow]) -> dict[str, Any]:
    """The figures as stored when a year is published (JSON)."""
    return {
        "applications": figures.applications,
        "threshold_not_met": figures.threshold_not_met,
        "reviews_carried_out": figures.reviews_carried_out,
        "reviews_with_recommendations": figures.reviews_with_recommendations,
        "months": [
            {"month": row.month.isoformat(), **{name: getattr(row, name) for name in _MONTH_FIELDS}}
            for row in months
        ],
    }


def figures_from_snapshot(
    data: dict[str, Any], *, area: CaseReviewArea, year: rules.ReportingYear
) -> tuple[rules.Figures, list[rules.MonthRow]]:
    figures = rules.Figures(
        area=area.name,
        year=year,
        applications=int(data["applications"]),
        threshold_not_met=int(data["threshold_not_met"]),
        reviews_carried_out=int(data["reviews_carried_out"]),
        reviews_with_recommendations=int(data["reviews_with_recommendations"]),
    )
    months = [
        rules.MonthRow(
            month=dt.date.fromisoformat(row["month"]), **{name: int(row[name]) for name in _MONTH_FIELDS}
        )
        for row in data["months"]
    ]
    return figures, months


def published_years_of(area: CaseReviewArea) -> dict[int, PublishedYear]:
    """start year -> its publication, for an area (one query)."""
    return {p.start_year: p for p in area.published_years.select_related("created_by")}


def publication_years(area: CaseReviewArea, *, today: dt.date | None = None) -> list[rules.ReportingYear]:
    """Reporting years from the first application (or the current year) to the current one, newest first."""
    today = today or timezone.localdate()
    current = rules.ReportingYear.containing(today)
    first = (
        Application.objects.filter(area=area)
        .order_by("received_on")
        .values_list("received_on", flat=True)
        .first()
    )
    disposed = [f.received_on for f in disposed_application_facts(area)]
    if disposed:
        first = min([first, *disposed]) if first else min(disposed)
    start = rules.ReportingYear.containing(first) if first else current
    start = max(start, rules.FIRST_REPORTING_YEAR, key=lambda y: y.start_year)
    return [rules.ReportingYear(y) for y in range(current.start_year, start.start_year - 1, -1)]
