"""The board packs and the figures a pack shows for a quarter: casework (with repeat victims and
Case Review service levels), Case Review, duty deadlines and the registers' counts, hot spots,
partners' counts, problem-solving plans and the CSP Plan (counts only)."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Count, F, QuerySet
from django.http import Http404
from django.utils import timezone

from csphub.analytics import pipeline
from csphub.analytics.problem_places import hot_spot_places
from csphub.analytics.trends import month_range, shift_months
from csphub.insights import selectors as insights
from csphub.planning.board.selectors.common import may_manage, partnership_name
from csphub.planning.board.selectors.partner_counts import _month, counted_partnerships, partner_measure_rows
from csphub.planning.board.selectors.problem_solving import plan_result, plans_visible_to
from csphub.planning.boardpack import BoardPack
from csphub.planning.selectors import may_view


def packs_visible_to(user: Any) -> QuerySet[BoardPack]:
    if not may_view(user):
        return BoardPack.objects.none()
    return BoardPack.objects.filter(partnership=partnership_name(user))


def pack_get(user: Any, pk: int) -> BoardPack:
    try:
        return packs_visible_to(user).get(pk=pk)
    except BoardPack.DoesNotExist as exc:
        raise Http404("No such board pack.") from exc


def latest_pack(user: Any) -> BoardPack | None:
    return packs_visible_to(user).first()


def home_context(user: Any) -> dict[str, Any] | None:
    if not may_view(user):
        return None
    return {"pack": latest_pack(user), "may_manage": may_manage(user)}


def quarter_bounds(quarter: str) -> tuple[dt.date, dt.date]:
    """ "2024-Q3" → 1 July 2024, 30 September 2024 (calendar quarters)."""
    try:
        year_text, q_text = quarter.upper().split("-Q")
        year, q = int(year_text), int(q_text)
    except ValueError as exc:
        raise ValueError(f"not a quarter: {quarter!r}") from exc
    if not 1 <= q <= 4 or not 2000 <= year <= 2100:
        raise ValueError(f"not a quarter: {quarter!r}")
    start = dt.date(year, 3 * q - 2, 1)
    end = dt.date(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1) - dt.timedelta(days=1)
    return start, end


def ended_quarters(today: dt.date | None = None, n: int = 4) -> list[str]:
    """The ``n`` most recent quarters that have ended, newest first."""
    today = today or timezone.localdate()
    q = (today.month - 1) // 3  # quarters of this year that have ended
    year = today.year
    out = []
    for _ in range(n):
        if q == 0:
            year, q = year - 1, 4
        out.append(f"{year}-Q{q}")
        q -= 1
    return out


def _in(field: str, start: dt.date, end: dt.date) -> dict[str, dt.date]:
    return {f"{field}__gte": start, f"{field}__lte": end}


def _casework(start: dt.date, end: dt.date, partnerships: list[int]) -> dict[str, Any]:
    from csphub.casereviews.selectors import service_levels_met
    from csphub.cases.config import repeat_victim_rule
    from csphub.cases.models import Case, CaseStatus, Category
    from csphub.cases.models import Incident as AllIncidents
    from csphub.cases.selectors import repeat_victim_count
    from csphub.powers.models import PowerUse

    cases = Case.objects.filter(partnership_id__in=partnerships)
    incidents_qs = AllIncidents.objects.filter(partnership_id__in=partnerships)
    labels = dict(Category.choices)
    incidents = dict(
        incidents_qs.filter(**_in("occurred_at__date", start, end))
        .values_list("category")
        .annotate(n=Count("id"))
        .values_list("category", "n")
    )
    closed = list(cases.filter(**_in("closed_at__date", start, end)).values_list("opened_at", "closed_at"))
    days = [(c - o).days for o, c in closed if c is not None]
    open_at_end = (
        cases.filter(opened_at__date__lte=end)
        .exclude(closed_at__date__lte=end)
        .exclude(status=CaseStatus.CLOSED, closed_at__isnull=True)
        .count()
    )
    repeat_cases = (
        cases.filter(**_in("opened_at__date", start, end))
        .annotate(n=Count("incidents"))
        .filter(n__gte=3)
        .count()
    )
    powers: dict[str, int] = defaultdict(int)
    for use in PowerUse.objects.filter(
        partnership_id__in=partnerships, **_in("issued_at__date", start, end)
    ).only("power"):
        powers[use.label] += 1
    rule = repeat_victim_rule()
    # Case Review applications received in the quarter, as they stood at its end.
    levels = service_levels_met(partnerships, start=start, end=end, today=end)
    return {
        "incidents_total": sum(incidents.values()),
        "incidents_by_category": sorted(
            ([labels.get(k, k), v] for k, v in incidents.items()), key=lambda kv: (-kv[1], kv[0])
        ),
        "cases_opened": cases.filter(**_in("opened_at__date", start, end)).count(),
        "cases_closed": len(closed),
        "cases_open_at_end": open_at_end,
        "median_days_to_close": statistics.median(days) if days else None,
        "cases_with_three_or_more_incidents": repeat_cases,
        "repeat_victims": repeat_victim_count(partnerships, start=start, end=end),
        "repeat_victim_rule": (
            f"{rule.threshold} or more similar incidents within {rule.period_months} "
            f"month{'s' if rule.period_months != 1 else ''}"
        ),
        "case_review_service_levels": {
            "met": levels.met,
            "received": levels.total,
            "percent": levels.percent,
        },
        "powers_used": sorted(([k, v] for k, v in powers.items()), key=lambda kv: (-kv[1], kv[0])),
    }


def _case_reviews(start: dt.date, end: dt.date, partnerships: list[int]) -> list[dict[str, Any]]:
    from csphub.casereviews import rules as cr_rules
    from csphub.casereviews.models import Application, CaseReviewArea, Recommendation
    from csphub.casereviews.selectors import disposed_application_facts, publication_for

    out = []
    year = cr_rules.ReportingYear.containing(end)

    def within(day: dt.date | None) -> bool:
        return day is not None and start <= day <= end

    for area in CaseReviewArea.objects.filter(partnership_id__in=partnerships).order_by("name"):
        apps = Application.objects.filter(area=area, partnership_id__in=partnerships)
        publication = publication_for(area, year=year, today=end)
        # Applications disposed of at the end of their retention period count from their tombstones.
        disposed = disposed_application_facts(area, partnerships=partnerships)
        out.append(
            {
                "area": area.name,
                "received": apps.filter(**_in("received_on", start, end)).count()
                + sum(1 for f in disposed if within(f.received_on)),
                "threshold_met": apps.filter(
                    threshold_met=True, **_in("threshold_decided_on", start, end)
                ).count()
                + sum(1 for f in disposed if f.threshold_met is True and within(f.threshold_decided_on)),
                "threshold_not_met": apps.filter(
                    threshold_met=False, **_in("threshold_decided_on", start, end)
                ).count()
                + sum(1 for f in disposed if f.threshold_met is False and within(f.threshold_decided_on)),
                "reviews_held": apps.filter(**_in("review_held_on", start, end)).count()
                + sum(1 for f in disposed if within(f.review_held_on)),
                "recommendations_overdue": Recommendation.objects.filter(
                    review__application__area=area, completed_on__isnull=True, due_on__lt=end
                ).count(),
                "year": str(year),
                "year_sentences": list(publication.sentences),
            }
        )
    return out


def _duties(start: dt.date, end: dt.date, today: dt.date, partnerships: list[int]) -> list[dict[str, Any]]:
    from csphub.duties.models import ChannelReview as AllReviews
    from csphub.duties.models import SlaveryConcern as AllConcerns
    from csphub.duties.rules.slavery import notification_due_on
    from csphub.governance.selectors import disposed_facts, fact_day

    reviews = AllReviews.objects.filter(channel_case__partnership_id__in=partnerships)
    concerns_qs = AllConcerns.objects.filter(partnership_id__in=partnerships)
    reviews_due = reviews.filter(**_in("due_on", start, end))
    concerns = list(
        concerns_qs.filter(**_in("grounds_date", start, end)).values_list("grounds_date", "notified_on")
    )
    # Records disposed of at the end of their retention period count from their tombstones (a
    # disposed concern was notified, a disposed referral's Channel reviews were all completed).
    for kept in disposed_facts("slavery_concern", partnerships):
        grounds = fact_day(kept, "grounds_date")
        if grounds is not None and start <= grounds <= end:
            concerns.append((grounds, fact_day(kept, "notified_on")))
    disposed_reviews = [
        (fact_day(r, "due_on"), fact_day(r, "completed_on"))
        for kept in disposed_facts("prevent_referral", partnerships)
        for r in kept.get("channel_reviews", [])
    ]
    disposed_due = [(d, c) for d, c in disposed_reviews if d is not None and start <= d <= end]
    notified_on_time = sum(1 for g, n in concerns if n is not None and n <= notification_due_on(g))
    return [
        {
            "duty": "Prevent: Channel reviews (6 and 12 months after exit)",
            "due": reviews_due.count() + len(disposed_due),
            "met": reviews_due.filter(completed_on__isnull=False, completed_on__lte=F("due_on")).count()
            + sum(1 for d, c in disposed_due if c is not None and d is not None and c <= d),
            "outstanding_now": reviews.filter(completed_on__isnull=True, due_on__lt=today).count(),
        },
        {
            "duty": "Modern slavery: duty to notify the Home Office (s.52 Modern Slavery Act 2015)",
            "due": len(concerns),
            "met": notified_on_time,
            "outstanding_now": sum(
                1
                for g in concerns_qs.filter(notified_on__isnull=True).values_list("grounds_date", flat=True)
                if notification_due_on(g) < today
            ),
        },
    ]


def _registers(start: dt.date, end: dt.date, partnerships: list[int]) -> list[list[Any]]:
    """Each duty register's count of records in the quarter (counts only, never a record)."""
    from csphub.duties.models import ChannelCase, DomesticHomicideReview, PreventReferral, SlaveryConcern
    from csphub.duties.models.dhr import Decision

    mine = {"partnership_id__in": partnerships}
    reviews = DomesticHomicideReview.objects.filter(**mine)
    return [
        [
            "Modern slavery: notifications made to the Home Office (s.52)",
            SlaveryConcern.objects.filter(**mine, **_in("notified_on", start, end)).count(),
        ],
        [
            "Prevent referrals made",
            PreventReferral.objects.filter(**mine, **_in("referred_on", start, end)).count(),
        ],
        [
            "Channel: cases first heard by the panel",
            ChannelCase.objects.filter(**mine, **_in("first_panel_on", start, end)).count(),
        ],
        [
            "Domestic homicide reviews (domestic abuse related death reviews) decided on and started",
            reviews.filter(decision=Decision.CONDUCT, **_in("decided_on", start, end)).count(),
        ],
        [
            "Domestic homicide reviews (domestic abuse related death reviews) published",
            reviews.filter(**_in("published_on", start, end)).count(),
        ],
    ]


def _hot_spot_changes(
    adopted: tuple[Any, Any] | None, start: dt.date, end: dt.date, data_dir: Path | None
) -> dict[str, Any] | None:
    """Each hot spot of the adopted assessment (``adopted``: its run and the assessment, read once
    by the caller; reading it is most of the pack's cost): crimes in its cells this quarter and the
    quarter before, from the store (months not loaded are said, never counted as zero)."""
    if adopted is None or adopted[1].hotspots is None:
        return None
    run, assessment = adopted
    assert assessment.hotspots is not None
    places = hot_spot_places(assessment.hotspots, assessment.repeats)[0][:10]
    this_q = month_range(_month(start), _month(end))
    last_q = [shift_months(m, -3) for m in this_q]
    store = pipeline.store_for(data_dir or settings.DATA_DIR)
    held = set(store.months())
    missing = [m for m in last_q + this_q if m not in held]
    g = assessment.hotspots.grid
    counts = (
        pipeline.grid_cell_month_counts(
            data_dir=data_dir or settings.DATA_DIR,
            x_min_m=g.x_min_m,
            y_min_m=g.y_min_m,
            cell_size_m=g.cell_size_m,
            n_cols=g.n_cols,
            n_rows=g.n_rows,
            months=[m for m in last_q + this_q if m in held],
            crime_types=list(assessment.parameters.hotspots.crime_types) or None,
        )
        if held
        else {}
    )

    def total(cells: tuple[tuple[int, int], ...], months: list[str]) -> int:
        return sum(counts.get(c, {}).get(m, 0) for c in cells for m in months)

    rows = [
        {"place": p.label, "previous": total(p.cells, last_q), "this": total(p.cells, this_q)} for p in places
    ]
    return {
        "assessment": str(run),
        "months_missing": pipeline.months_in_words(missing) if missing else "",
        "rows": rows,
    }


def _partner_quarter(start: dt.date, end: dt.date, partnerships: list[int]) -> list[dict[str, Any]]:
    this_q = month_range(_month(start), _month(end))
    last_q = [shift_months(m, -3) for m in this_q]
    rows = partner_measure_rows(last_q + this_q, partnerships)
    return [
        {
            "measure": r["measure"],
            "source": r["agency"],
            "previous": sum(r["values"][:3]),
            "this": sum(r["values"][3:]),
        }
        for r in rows
    ]


def _plans(user: Any) -> list[dict[str, Any]]:
    out = []
    for plan in plans_visible_to(user).prefetch_related("responses"):
        result = plan_result(plan)
        responses = list(plan.responses.all())
        out.append(
            {
                "title": plan.title,
                "place": plan.place_description,
                "stage": plan.stage.label,
                "actions": len(responses),
                "actions_done": sum(1 for r in responses if r.status == "done"),
                "counts": None
                if result is None
                else [
                    result.treated_before,
                    result.treated_after,
                    result.comparison_before,
                    result.comparison_after,
                ],
                "wording": result.wording if result else "",
                "few_counts": bool(result and any(c.startswith("Few counts") for c in result.caveats)),
            }
        )
    return out


def _csp_plan(user: Any, start: dt.date, end: dt.date) -> dict[str, Any] | None:
    """The CSP Plan in force in the quarter (the acting partnership's, else any district plan):
    each measure's figure against its baseline and target, as it stood at the quarter's end (the
    plan year holding that day), and the actions by RAG, with those at risk or off track named."""
    from csphub.planning.models import CspPlan
    from csphub.planning.plan.selectors import plan_page

    partnership = insights.acting_partnership(user)
    if partnership is None:
        return None
    plan = (
        CspPlan.objects.filter(partnership=partnership, starts_on__lte=end, ends_on__gte=start)
        .select_related("partnership")
        .order_by("level", "-starts_on")
        .first()
    )
    if plan is None:
        return None
    page = plan_page(plan, today=end)
    measures: list[dict[str, Any]] = []
    rag_by_priority: list[dict[str, Any]] = []
    attention: list[dict[str, Any]] = []
    for number, block in enumerate(page.priorities, start=1):
        for row in block.measures:
            m, r = row.measure, row.reading
            measures.append(
                {
                    "priority": f"{number}. {block.priority.title}",
                    "title": m.title,
                    "source": m.get_source_display(),
                    "direction": m.get_direction_display(),
                    "baseline": m.baseline,
                    "baseline_label": m.baseline_label,
                    "target": m.target,
                    "target_label": m.target_label,
                    "value": r.value,
                    "wording": r.wording,
                    "on_track": r.on_track,
                }
            )
        counts = {"green": 0, "amber": 0, "red": 0}
        for area in block.areas:
            for action in area.actions.all():
                counts[action.rag] = counts.get(action.rag, 0) + 1
                if action.rag != "green" or action.is_overdue:  # type: ignore[attr-defined]
                    attention.append(
                        {
                            "priority": f"{number}. {block.priority.title}",
                            "area": area.title,
                            "title": action.title,
                            "owner": f"{action.owner_agency.short_name}, {action.lead}",
                            "due": action.due_on.isoformat(),
                            "due_label": f"{action.due_on.day} {action.due_on:%B %Y}",
                            "status": action.get_status_display(),
                            "rag": action.rag,
                            "rag_label": action.get_rag_display(),
                            "reason": action.rag_reason,
                            "overdue": bool(action.is_overdue),  # type: ignore[attr-defined]
                        }
                    )
        rag_by_priority.append({"priority": f"{number}. {block.priority.title}", **counts})
    order = {"red": 0, "amber": 1, "green": 2}
    attention.sort(key=lambda a: (order.get(str(a["rag"]), 3), str(a["due"])))
    return {
        "title": plan.title,
        "partnership": plan.partnership.name,
        "as_at": end.isoformat(),
        "measures": measures,
        "rag": page.rag_counts,
        "rag_by_priority": rag_by_priority,
        "attention": attention,
    }


def board_figures(
    user: Any, *, start: dt.date, end: dt.date, today: dt.date | None = None, data_dir: Path | None = None
) -> dict[str, Any]:
    """Everything the board pack shows for the quarter ``start``..``end``, as plain JSON data."""
    today = today or timezone.localdate()
    counted = counted_partnerships(user)
    adopted = insights.adopted_assessment(user)
    assessment = None
    if adopted is not None:
        run, a = adopted
        assessment = {
            "label": str(run),
            "headline": [
                {"measure": h.measure, "count": h.count, "previous": h.count_previous, "wording": h.wording}
                for h in a.headline
            ],
        }
    return {
        "partnership": partnership_name(user),
        "generated_on": today.isoformat(),
        "assessment": assessment,
        "hot_spots": _hot_spot_changes(adopted, start, end, data_dir),
        "problem_solving": _plans(user),
        "csp_plan": _csp_plan(user, start, end),
        "casework": _casework(start, end, counted),
        "case_reviews": _case_reviews(start, end, counted),
        "duties": _duties(start, end, today, counted),
        "registers": _registers(start, end, counted),
        "partner_counts": _partner_quarter(start, end, counted),
        "sources": [
            ["Strategic Assessment headline and hot spots", "police.uk data in the analytics store"],
            ["Problem-solving plans", "CSP Hub problem-solving plans; counts from police.uk data"],
            [
                "The CSP Plan's measures and actions",
                "the CSP Plan in CSP Hub; each measure counted from the source it names, as at the quarter's end",
            ],
            ["Casework and powers", "incidents, cases and tools and powers recorded in CSP Hub"],
            ["ASB Case Review", "Case Review applications recorded in CSP Hub"],
            [
                "Duty deadlines and registers",
                "the Prevent, Channel, modern slavery and domestic homicide review registers in CSP Hub "
                "(counts only)",
            ],
            ["Partners' counts", "CSV files of counts supplied by partner agencies"],
        ],
    }
