"""Public: the statutory yearly publication of Case Review figures, as a page and as CSV."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from csphub.casereviews import rules, selectors, services
from csphub.casereviews.views._common import _require_staff
from csphub.core.actor import SignedInRequest
from csphub.frontend.language import bilingual

# The four statutory measures (rules.Figures.as_rows) in the visitor's language.
FIGURE_LABELS = {
    "Applications for ASB Case Reviews": _("Applications for ASB Case Reviews"),
    "Applications that did not meet the threshold": _("Applications that did not meet the threshold"),
    "ASB Case Reviews carried out": _("ASB Case Reviews carried out"),
    "ASB Case Reviews that resulted in recommendations": _(
        "ASB Case Reviews that resulted in recommendations"
    ),
}

STATUS_CSV = {
    rules.YearStatus.PUBLISHED: "published",
    rules.YearStatus.YEAR_TO_DATE: "year to date (provisional)",
    rules.YearStatus.PROVISIONAL: "provisional",
}


@bilingual
def publication_index(request: HttpRequest) -> HttpResponse:
    areas = list(selectors.area_list_public())
    if request.GET.get("area") and request.GET.get("year"):
        return redirect("casereviews:publication", area=request.GET["area"], year=request.GET["year"])
    current = rules.ReportingYear.containing(timezone.localdate())
    listing = [(area, selectors.publication_years(area)) for area in areas]
    return render(
        request, "casereviews/public/publication_index.html", {"listing": listing, "current": current}
    )


class _Refused(Exception):
    """A year with no figures (before the Case Review began, or not yet begun): a clear page, not a 404."""

    def __init__(self, area: Any, year: rules.ReportingYear, message: str) -> None:
        super().__init__(message)
        self.area, self.year, self.message = area, year, message


def _publication(area_slug: str, year_slug: str) -> selectors.Publication:
    area = selectors.area_get_public(area_slug)
    if area is None:
        raise Http404("No such area.")
    try:
        year = rules.ReportingYear.parse(year_slug)
    except ValueError as exc:
        raise Http404("No such year.") from exc
    refusal = rules.reporting_year_refusal(year, today=timezone.localdate())
    if refusal:
        raise _Refused(area, year, refusal)
    return selectors.publication_for(area, year=year)


def _refused_page(request: HttpRequest, refused: _Refused) -> HttpResponse:
    return render(
        request,
        "casereviews/public/publication_refused.html",
        {"area": refused.area, "year": refused.year, "message": refused.message},
        status=404,
    )


@bilingual
def publication(request: HttpRequest, area: str, year: str) -> HttpResponse:
    try:
        pub = _publication(area, year)
    except _Refused as refused:
        return _refused_page(request, refused)
    rows = [(FIGURE_LABELS.get(label, label), value) for label, value in pub.figures.as_rows()]
    return render(
        request,
        "casereviews/public/publication.html",
        {"pub": pub, "figure_rows": rows, "today": timezone.localdate()},
    )


def publication_csv(request: HttpRequest, area: str, year: str) -> HttpResponse:
    try:
        pub = _publication(area, year)
    except _Refused as refused:
        return HttpResponse(refused.message, status=404, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"asb-case-reviews-{pub.area.slug}-{pub.figures.year.slug}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(["area", "reporting_year", "measure", "count", "status"])
    status = STATUS_CSV[pub.status]
    for label, value in pub.figures.as_rows():
        writer.writerow([pub.area.name, pub.figures.year.label, label, value, status])
    writer.writerow([])
    writer.writerow(
        [
            "month",
            "applications",
            "threshold_met",
            "threshold_not_met",
            "awaiting_decision",
            "reviews_carried_out",
            "reviews_with_recommendations",
        ]
    )
    for row in pub.months:
        writer.writerow(
            [
                row.month.strftime("%Y-%m"),
                row.applications,
                row.threshold_met,
                row.threshold_not_met,
                row.awaiting_decision,
                row.reviews_carried_out,
                row.reviews_with_recommendations,
            ]
        )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def figures(request: SignedInRequest, area: str) -> HttpResponse:
    """Staff: an area's yearly figures, each year's status, and (coordinators) publishing a year."""
    _require_staff(request)
    the_area = selectors.area_get_public(area)
    if the_area is None:
        raise Http404("No such area.")
    can_publish = services.year_can_publish(request.actor, the_area)
    today = timezone.localdate()
    error = ""
    if request.method == "POST":
        if not can_publish:
            raise PermissionDenied
        try:
            year = rules.ReportingYear.parse(request.POST.get("year", ""))
            services.year_publish(actor=request.actor, area=the_area, year=year, today=today)
        except ValueError:
            error = "Choose a reporting year to publish."
        except services.ApplicationError as exc:
            error = str(exc)
        else:
            messages.success(request, f"The figures for {year.label} are published.")
            return redirect("casereviews:figures", the_area.slug)
    published = selectors.published_years_of(the_area)
    facts = selectors.application_facts(the_area, year=None)
    years = []
    for year in selectors.publication_years(the_area, today=today):
        done = published.get(year.start_year)
        if done is not None:
            shown, _months = selectors.figures_from_snapshot(done.figures, area=the_area, year=year)
        else:
            shown, _months = selectors.publication_live(the_area, year=year, today=today, facts=facts)
        refusal = rules.publish_refusal(year, today=today, already_published=done is not None)
        years.append(
            {
                "year": year,
                "figures": shown,
                "status": rules.year_status(year, today=today, published=done is not None),
                "published": done,
                "publishable": can_publish and refusal is None,
            }
        )
    return render(
        request,
        "casereviews/staff/figures.html",
        {"area": the_area, "years": years, "can_publish": can_publish, "error": error},
    )
