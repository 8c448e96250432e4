"""Public: the statutory yearly publication of Case Review figures, as a page and as CSV."""

from __future__ import annotations

import csv

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from csphub.casereviews import rules, selectors
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


@bilingual
def publication_index(request: HttpRequest) -> HttpResponse:
    areas = list(selectors.area_list_public())
    if request.GET.get("area") and request.GET.get("year"):
        return redirect("casereviews:publication", area=request.GET["area"], year=request.GET["year"])
    listing = [(area, selectors.publication_years(area)) for area in areas]
    return render(request, "casereviews/public/publication_index.html", {"listing": listing})


def _publication(area_slug: str, year_slug: str) -> selectors.Publication:
    area = selectors.area_get_public(area_slug)
    if area is None:
        raise Http404("No such area.")
    try:
        year = rules.ReportingYear.parse(year_slug)
    except ValueError as exc:
        raise Http404("No such year.") from exc
    return selectors.publication_for(area, year=year)


@bilingual
def publication(request: HttpRequest, area: str, year: str) -> HttpResponse:
    pub = _publication(area, year)
    rows = [(FIGURE_LABELS.get(label, label), value) for label, value in pub.figures.as_rows()]
    return render(request, "casereviews/public/publication.html", {"pub": pub, "figure_rows": rows})


def publication_csv(request: HttpRequest, area: str, year: str) -> HttpResponse:
    pub = _publication(area, year)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"asb-case-reviews-{pub.area.slug}-{pub.figures.year.slug}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(["area", "reporting_year", "measure", "count"])
    for label, value in pub.figures.as_rows():
        writer.writerow([pub.area.name, pub.figures.year.label, label, value])
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
