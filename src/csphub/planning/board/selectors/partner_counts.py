"""Partners' counts and the app's own records, month by month, for the multi-agency assessment:
aggregates only, over the areas of the partnerships a user's figures count."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import timezone

from csphub.analytics.sources.partner_counts import MEASURE_KEYS
from csphub.analytics.trends import month_range, shift_months
from csphub.insights import selectors as insights
from csphub.planning.partner_data import PartnerCount, PartnerDataUpload
from csphub.planning.selectors import may_view


def partner_uploads_visible_to(user: Any) -> QuerySet[PartnerDataUpload]:
    if not may_view(user):
        return PartnerDataUpload.objects.none()
    return PartnerDataUpload.objects.select_related("agency", "created_by")


def partner_upload_get(user: Any, pk: int) -> PartnerDataUpload:
    try:
        return partner_uploads_visible_to(user).get(pk=pk)
    except PartnerDataUpload.DoesNotExist as exc:
        raise Http404("No such upload.") from exc


def _month(d: dt.date) -> str:
    return d.strftime("%Y-%m")


def partnership_area_codes(partnership_ids: list[int]) -> frozenset[str]:
    """The area codes a partnership's figures count (issue 12): the 2021 LSOAs and district codes of
    each partnership's area in the national reference, and its CSP code. A county-wide partner (fire,
    the county council) uploads one file for the whole county; a district CSP counts only its own
    LSOAs and district from it, and a county board its districts'. A count for a whole county (E10)
    cannot be split between districts, so no partnership's figures count it (the county is not in
    the national LSOA table); the partner is asked for district or LSOA counts instead."""
    from csphub.agencies.models import Partnership
    from csphub.analytics.geography import AreaNotFound, resolve_area
    from csphub.analytics.sources.reference import load_reference

    geo = load_reference(boundaries=False)
    codes: set[str] = set()
    for partnership in Partnership.objects.filter(pk__in=partnership_ids):
        name = partnership.area or partnership.code
        if not name:
            continue
        try:
            area = resolve_area(geo, name)
        except AreaNotFound:
            continue
        codes |= {*area.lsoa_codes, *area.district_codes, *area.csp_codes}
        if partnership.code:
            codes.add(partnership.code)
    return frozenset(codes)


def partner_measure_rows(months: list[str], partnerships: list[int]) -> list[dict[str, Any]]:
    """Each (measure, agency) with its total in each of ``months``, from partners' uploads, counting
    only the areas of ``partnerships`` (``partnership_area_codes``)."""
    totals: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    in_area = partnership_area_codes(partnerships)
    for measure, agency, month, value, area_code in PartnerCount.objects.filter(month__in=months).values_list(
        "measure", "agency__name", "month", "value", "area_code"
    ):
        if area_code not in in_area:
            continue
        key = (measure, agency)
        totals[key][month] = totals[key].get(month, 0) + value
    rows = []
    for (measure, agency), by_month in sorted(totals.items()):
        spec = MEASURE_KEYS.get(measure)
        rows.append(
            {
                "measure": spec.label if spec else measure,
                "source": agency,
                "values": [by_month.get(m, 0) for m in months],
                "total": sum(by_month.values()),
            }
        )
    return rows


def counted_partnerships(user: Any) -> list[int]:
    """The partnerships whose records a user's aggregate figures count: the one they act in and, for
    a county board, its district partnerships (a board sees depersonalised district figures)."""
    partnership = insights.acting_partnership(user)
    if partnership is None:
        return []
    return [partnership.pk, *partnership.members.values_list("pk", flat=True)]


def app_record_rows(months: list[str], partnerships: list[int]) -> list[dict[str, Any]]:
    """ASB incidents recorded in the app by category, and cases opened, per month (aggregate), of
    ``partnerships``' records (:func:`counted_partnerships`)."""
    from csphub.cases.models import Case, Category, Incident

    first = dt.date.fromisoformat(months[0] + "-01")
    after = dt.date.fromisoformat(shift_months(months[-1], 1) + "-01")
    by_cat: dict[str, dict[str, int]] = defaultdict(dict)
    for category, month, n in (
        Incident.objects.filter(
            partnership_id__in=partnerships, occurred_at__date__gte=first, occurred_at__date__lt=after
        )
        .annotate(m=TruncMonth("occurred_at"))
        .values_list("category", "m")
        .annotate(n=Count("id"))
    ):
        by_cat[category][_month(month)] = n
    labels = dict(Category.choices)
    rows = [
        {
            "measure": f"ASB incidents: {labels.get(cat, cat)}",
            "source": "Incidents recorded in CSP Hub",
            "values": [by_month.get(m, 0) for m in months],
            "total": sum(by_month.values()),
        }
        for cat, by_month in sorted(by_cat.items(), key=lambda kv: labels.get(kv[0], kv[0]))
    ]
    opened: dict[str, int] = {}
    for month, n in (
        Case.objects.filter(
            partnership_id__in=partnerships, opened_at__date__gte=first, opened_at__date__lt=after
        )
        .annotate(m=TruncMonth("opened_at"))
        .values_list("m")
        .annotate(n=Count("id"))
    ):
        opened[_month(month)] = n
    rows.append(
        {
            "measure": "ASB cases opened",
            "source": "Cases recorded in CSP Hub",
            "values": [opened.get(m, 0) for m in months],
            "total": sum(opened.values()),
        }
    )
    return rows


def assessment_months(today: dt.date | None = None, n: int = 12) -> list[str]:
    """The last ``n`` whole months."""
    last = shift_months(_month(today or timezone.localdate()), -1)
    return month_range(shift_months(last, -(n - 1)), last)
