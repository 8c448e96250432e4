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
    """The partners' files loaded in the partnership ``user`` acts in; for a county board, those of
    its district partnerships (the files its figures count; a board loads none itself)."""
    if not may_view(user):
        return PartnerDataUpload.objects.none()
    return PartnerDataUpload.objects.filter(partnership_id__in=counted_partnerships(user)).select_related(
        "agency", "created_by", "partnership"
    )


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
    only the areas of ``partnerships`` (``partnership_area_codes``). ``source`` names the agency and
    the files the counts were loaded from, with the day each was loaded."""
    totals: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    files: dict[tuple[str, str], dict[int, tuple[str, dt.datetime]]] = defaultdict(dict)
    found = list(
        PartnerCount.objects.filter(month__in=months).values_list(
            "measure", "agency__name", "month", "value", "area_code", "upload_id", "upload__file_name",
            "upload__created_at",
        )
    )  # fmt: skip
    # The area codes come from the national reference (about a second to load in a fresh process):
    # looked up only when some partner supplied counts for these months.
    in_area = partnership_area_codes(partnerships) if found else frozenset()
    for measure, agency, month, value, area_code, upload_id, file_name, loaded in found:
        if area_code not in in_area:
            continue
        key = (measure, agency)
        totals[key][month] = totals[key].get(month, 0) + value
        files[key][upload_id] = (file_name, loaded)
    rows = []
    for (measure, agency), by_month in sorted(totals.items()):
        spec = MEASURE_KEYS.get(measure)
        loaded_from = "; ".join(
            f"{name}, {timezone.localtime(when).strftime('%-d %B %Y')}"
            for _, (name, when) in sorted(files[(measure, agency)].items())
        )
        rows.append(
            {
                "measure": spec.label if spec else measure,
                "agency": agency,
                "source": f"Partner upload: {agency} ({loaded_from})",
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


APP = "Recorded in CSP Hub"


def _by_month(
    qs: QuerySet[Any], field: str, months: list[str], *, group: str | None = None
) -> dict[Any, dict[str, int]]:
    """Counts of ``qs`` per month of ``field`` (a date, or a date and time read in local time) within
    ``months``, grouped by ``group`` (one group, None, when not given): counted in the database."""
    first = dt.date.fromisoformat(months[0] + "-01")
    after = dt.date.fromisoformat(shift_months(months[-1], 1) + "-01")
    is_datetime = qs.model._meta.get_field(field).get_internal_type() == "DateTimeField"
    day = f"{field}__date" if is_datetime else field
    qs = qs.filter(**{f"{day}__gte": first, f"{day}__lt": after}).annotate(m=TruncMonth(field))
    out: dict[Any, dict[str, int]] = defaultdict(dict)
    keys = [group, "m"] if group else ["m"]
    for row in qs.values_list(*keys).annotate(n=Count("pk")).order_by():
        key, month, n = (row[0], row[1], row[2]) if group else (None, row[0], row[1])
        by_month = out[key]
        by_month[_month(month)] = by_month.get(_month(month), 0) + n
    return out


def _row(measure: str, source: str, by_month: dict[str, int], months: list[str]) -> dict[str, Any]:
    return {
        "measure": measure,
        "source": source,
        "values": [by_month.get(m, 0) for m in months],
        "total": sum(by_month.get(m, 0) for m in months),
    }


def app_record_rows(months: list[str], partnerships: list[int]) -> list[dict[str, Any]]:
    """The partnership's own records, counted month by month (aggregates only, never a name), of
    ``partnerships``' records (:func:`counted_partnerships`): ASB incidents by category, ASB cases
    opened by ASB type, Case Review applications, thresholds met and reviews held, risk assessments
    and MARAC referrals, tools and powers used by kind, and the duty registers' counts (modern
    slavery notifications, Prevent referrals, Channel cases, deaths notified for a domestic homicide
    or domestic abuse related death review). Each row names the records it is counted from."""
    from csphub.casereviews.models import Application
    from csphub.cases.models import AsbType, Case, Category, Incident
    from csphub.duties.models import ChannelCase, DomesticHomicideReview, PreventReferral, SlaveryConcern
    from csphub.duties.rules.dhr import review_name
    from csphub.powers.models import PowerUse
    from csphub.powers.rules import POWER_LABELS, Power
    from csphub.risk.models import Assessment, MaracReferral

    mine = {"partnership_id__in": partnerships}
    rows: list[dict[str, Any]] = []
    labels = dict(Category.choices)
    by_cat = _by_month(Incident.objects.filter(**mine), "occurred_at", months, group="category")
    for cat, by_month in sorted(by_cat.items(), key=lambda kv: labels.get(kv[0], kv[0])):
        rows.append(_row(f"ASB incidents: {labels.get(cat, cat)}", f"{APP}: ASB incidents", by_month, months))
    types = dict(AsbType.choices)
    by_type = _by_month(Case.objects.filter(**mine), "opened_at", months, group="asb_type")
    for kind, by_month in sorted(by_type.items(), key=lambda kv: types.get(kv[0], kv[0])):
        rows.append(_row(f"ASB cases opened: {types.get(kind, kind)}", f"{APP}: ASB cases", by_month, months))
    if not by_type:
        rows.append(_row("ASB cases opened", f"{APP}: ASB cases", {}, months))
    source = f"{APP}: ASB Case Review applications"
    apps = Application.objects.filter(**mine)
    for measure, qs, field in (
        ("Case Review applications received", apps, "received_on"),
        ("Case Review threshold met", apps.filter(threshold_met=True), "threshold_decided_on"),
        ("Case Reviews held", apps, "review_held_on"),
    ):
        rows.append(_row(measure, source, _by_month(qs, field, months).get(None, {}), months))
    rows.append(
        _row(
            "Risk assessments completed",
            f"{APP}: risk assessments",
            _by_month(Assessment.objects.filter(**mine), "assessed_at", months).get(None, {}),
            months,
        )
    )
    rows.append(
        _row(
            "MARAC referrals",
            f"{APP}: MARAC referrals",
            _by_month(MaracReferral.objects.filter(**mine), "referred_on", months).get(None, {}),
            months,
        )
    )
    powers = _by_month(PowerUse.objects.filter(**mine), "issued_at", months, group="power")
    power_labels = {p.value: POWER_LABELS[p] for p in Power}
    for power, by_month in sorted(powers.items(), key=lambda kv: power_labels.get(kv[0], kv[0])):
        rows.append(
            _row(f"Used: {power_labels.get(power, power)}", f"{APP}: tools and powers", by_month, months)
        )
    if not powers:
        rows.append(_row("Tools and powers used", f"{APP}: tools and powers", {}, months))
    rows.append(
        _row(
            "Modern slavery: Home Office notifications made",
            f"{APP}: modern slavery register",
            _by_month(SlaveryConcern.objects.filter(**mine), "notified_on", months).get(None, {}),
            months,
        )
    )
    rows.append(
        _row(
            "Prevent referrals received",
            f"{APP}: Prevent register",
            _by_month(PreventReferral.objects.filter(**mine), "referred_on", months).get(None, {}),
            months,
        )
    )
    rows.append(
        _row(
            "Channel cases: first panel",
            f"{APP}: Prevent register",
            _by_month(ChannelCase.objects.filter(**mine), "first_panel_on", months).get(None, {}),
            months,
        )
    )
    deaths = _by_month(
        DomesticHomicideReview.objects.filter(**mine), "notified_on", months, group="rule_version"
    )
    by_review: dict[str, dict[str, int]] = defaultdict(dict)
    for version, by_month in deaths.items():
        for m, n in by_month.items():
            name = review_name(version)
            by_review[name][m] = by_review[name].get(m, 0) + n
    for name in sorted(by_review) or ["Domestic Homicide Review"]:
        rows.append(
            _row(
                f"Deaths notified for a {name}",
                f"{APP}: domestic homicide review register",
                by_review.get(name, {}),
                months,
            )
        )
    return rows


def lsoa_rows(months: list[str], partnerships: list[int]) -> list[dict[str, Any]]:
    """ASB incidents in the period by LSOA and ASB type, and ASB cases opened in the period by the
    LSOA of their first incident (a case with no located incident is "not located"), with each
    LSOA's name from the national reference; largest first."""
    from csphub.analytics.sources.reference import load_reference
    from csphub.cases.models import AsbType, CaseIncident, Incident

    first = dt.date.fromisoformat(months[0] + "-01")
    after = dt.date.fromisoformat(shift_months(months[-1], 1) + "-01")
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for lsoa, kind, n in (
        Incident.objects.filter(
            partnership_id__in=partnerships, occurred_at__date__gte=first, occurred_at__date__lt=after
        )
        .values_list("lsoa_code", "asb_type")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[lsoa or ""][kind] += n
    seen: set[int] = set()
    for case_id, lsoa in (
        CaseIncident.objects.filter(
            case__partnership_id__in=partnerships,
            case__opened_at__date__gte=first,
            case__opened_at__date__lt=after,
        )
        .order_by("case_id", "incident__occurred_at", "incident_id")
        .values_list("case_id", "incident__lsoa_code")
    ):
        if case_id not in seen:
            seen.add(case_id)
            counts[lsoa or ""]["cases"] += 1
    from csphub.cases.models import Case

    unlinked = (
        Case.objects.filter(
            partnership_id__in=partnerships, opened_at__date__gte=first, opened_at__date__lt=after
        )
        .exclude(pk__in=seen)
        .count()
    )
    if unlinked:
        counts[""]["cases"] += unlinked
    geo = load_reference(boundaries=False)
    rows: list[dict[str, Any]] = []
    for code, by_kind in counts.items():
        lsoa = geo.lsoas.get(code) if code else None
        incidents = [by_kind.get(k, 0) for k in AsbType.values]
        rows.append(
            {
                "code": code,
                "name": lsoa.name if lsoa is not None else ("" if code else "Not located"),
                "incidents": incidents,
                "incidents_total": sum(incidents),
                "cases": by_kind.get("cases", 0),
            }
        )
    rows.sort(key=lambda r: (not r["code"], -r["incidents_total"], -r["cases"], r["code"]))
    return rows


def cube_rows(months: list[str], partnerships: list[int]) -> list[tuple[str, str, str, str, int]]:
    """ASB incidents by month, category and LSOA, and ASB cases opened by month, ASB type and the
    LSOA of their first incident: (month, LSOA code, measure, category, count), for the download."""
    from csphub.cases.models import AsbType, Case, CaseIncident, Category, Incident

    first = dt.date.fromisoformat(months[0] + "-01")
    after = dt.date.fromisoformat(shift_months(months[-1], 1) + "-01")
    labels = dict(Category.choices)
    out: dict[tuple[str, str, str, str], int] = defaultdict(int)
    for lsoa, cat, month, n in (
        Incident.objects.filter(
            partnership_id__in=partnerships, occurred_at__date__gte=first, occurred_at__date__lt=after
        )
        .annotate(m=TruncMonth("occurred_at"))
        .values_list("lsoa_code", "category", "m")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        out[(_month(month), lsoa or "", "ASB incidents", labels.get(cat, cat))] += n
    types = dict(AsbType.choices)
    first_lsoa: dict[int, str] = {}
    for case_id, lsoa in (
        CaseIncident.objects.filter(
            case__partnership_id__in=partnerships,
            case__opened_at__date__gte=first,
            case__opened_at__date__lt=after,
        )
        .order_by("case_id", "incident__occurred_at", "incident_id")
        .values_list("case_id", "incident__lsoa_code")
    ):
        first_lsoa.setdefault(case_id, lsoa or "")
    for case_id, kind, month in (
        Case.objects.filter(
            partnership_id__in=partnerships, opened_at__date__gte=first, opened_at__date__lt=after
        )
        .annotate(m=TruncMonth("opened_at"))
        .values_list("pk", "asb_type", "m")
    ):
        out[(_month(month), first_lsoa.get(case_id, ""), "ASB cases opened", types.get(kind, kind))] += 1
    return sorted((*k, v) for k, v in out.items())


def sources_summary(
    app_rows: list[dict[str, Any]], partner_rows: list[dict[str, Any]], months: list[str], adopted: Any = None
) -> list[dict[str, str]]:
    """ "Where the figures come from": each source that fed a figure on the page, the figures it fed
    and the months it has counts for (within ``months``). ``adopted``: the partnership's adopted
    Strategic Assessment run (police.uk), if any."""
    out: list[dict[str, str]] = []
    if adopted is not None:
        out.append(
            {
                "source": "police.uk",
                "figures": "The Strategic Assessment's crime and ASB figures and hot spots",
                "period": str(adopted),
            }
        )
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in [*app_rows, *partner_rows]:
        grouped[r["source"]].append(r)
    for source, rows in grouped.items():
        held = [m for i, m in enumerate(months) if any(r["values"][i] for r in rows)]
        out.append(
            {
                "source": source,
                "figures": "; ".join(r["measure"] for r in rows),
                "period": period_words(held[0], held[-1]) if held else "none in these months",
            }
        )
    return out


def period_words(first: str, last: str) -> str:
    def words(m: str) -> str:
        return dt.date.fromisoformat(m + "-01").strftime("%B %Y")

    return words(first) if first == last else f"{words(first)} to {words(last)}"


def suppress_rows(
    rows: list[dict[str, Any]], keys: tuple[str, ...] = ("values", "total")
) -> list[dict[str, Any]]:
    """The rows as a county board may read its districts' records: every count from 1 to 4 shown as
    "fewer than 5" (``cases.selectors.figures.suppressed``, the board overview's rule)."""
    from csphub.cases.selectors.figures import suppressed

    def one(v: Any) -> Any:
        return [suppressed(x) for x in v] if isinstance(v, list) else suppressed(v)

    return [{**r, **{k: one(r[k]) for k in keys}} for r in rows]


def is_board(user: Any) -> bool:
    """Whether the user acts in a county board, whose figures count its districts' records."""
    from csphub.agencies.models import PartnershipKind

    partnership = insights.acting_partnership(user)
    return partnership is not None and partnership.kind == PartnershipKind.BOARD


def assessment_months(today: dt.date | None = None, n: int = 12) -> list[str]:
    """The last ``n`` whole months."""
    last = shift_months(_month(today or timezone.localdate()), -1)
    return month_range(shift_months(last, -(n - 1)), last)
