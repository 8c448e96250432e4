"""s.104(10) figures: the year in progress is "year to date (provisional)" until a coordinator of the
managing agency publishes the ended year (who and when, audited); years before the Case Review came
into force (s.104 and Sch 4, 20 October 2014) or not yet begun are refused; months that have not
begun are not shown as zeros."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from csphub.audit.models import AuditEvent, CaseReviewVerb
from csphub.casereviews import rules, services
from csphub.casereviews.models import PublishedYear

Y = rules.ReportingYear


# --- rules -----------------------------------------------------------------------------------------


def test_years_before_the_case_review_came_into_force_are_refused() -> None:
    today = dt.date(2026, 11, 26)
    # s.104 in force 20 October 2014: 2013/14 ended 31 March 2014, before it; 2014/15 contains it.
    assert "20 October 2014" in (rules.reporting_year_refusal(Y(2013), today=today) or "")
    assert rules.reporting_year_refusal(Y(2014), today=today) is None
    assert rules.reporting_year_refusal(Y(1990), today=today) is not None


def test_years_that_have_not_begun_are_refused() -> None:
    # 2027/28 begins on 1 April 2027: refused the day before, shown (year to date) on the day.
    assert "1 April 2027" in (rules.reporting_year_refusal(Y(2027), today=dt.date(2027, 3, 31)) or "")
    assert rules.reporting_year_refusal(Y(2027), today=dt.date(2027, 4, 1)) is None


def test_months_that_have_not_begun_are_left_out() -> None:
    year = Y(2026)
    rows = rules.monthly_breakdown([], year=year, until=dt.date(2026, 11, 30))
    assert [r.month for r in rows][-1] == dt.date(2026, 11, 1)
    assert len(rows) == 8  # April to November
    rows = rules.monthly_breakdown([], year=year, until=dt.date(2026, 12, 1))
    assert [r.month for r in rows][-1] == dt.date(2026, 12, 1)
    assert len(rules.monthly_breakdown([], year=year)) == 12


def test_year_status_and_when_a_year_may_be_published() -> None:
    year = Y(2025)
    # The year ends on 31 March 2026: year to date on that day, provisional the day after.
    assert (
        rules.year_status(year, today=dt.date(2026, 3, 31), published=False) is rules.YearStatus.YEAR_TO_DATE
    )
    assert rules.year_status(year, today=dt.date(2026, 4, 1), published=False) is rules.YearStatus.PROVISIONAL
    assert rules.year_status(year, today=dt.date(2026, 4, 1), published=True) is rules.YearStatus.PUBLISHED
    assert "31 March 2026" in (
        rules.publish_refusal(year, today=dt.date(2026, 3, 31), already_published=False) or ""
    )
    assert rules.publish_refusal(year, today=dt.date(2026, 4, 1), already_published=False) is None
    assert rules.publish_refusal(year, today=dt.date(2026, 4, 1), already_published=True) is not None
    assert rules.publish_refusal(Y(2013), today=dt.date(2026, 4, 1), already_published=False) is not None


# --- pages and service ------------------------------------------------------------------------------

pytestmark_db = pytest.mark.django_db


def _submit(area: Any, application_data: Callable[..., dict[str, Any]], on: dt.date, name: str) -> Any:
    return services.application_submit(
        actor=None,
        area=area,
        **application_data(
            received_on=on,
            applicant_name=name,
            behaviour_first_on=on - dt.timedelta(days=40),
            behaviour_last_on=on - dt.timedelta(days=1),
        ),
        today=max(on, timezone.localdate()),
    )


@pytestmark_db
def test_the_current_year_is_year_to_date_and_shows_no_future_months(
    client: Any, area: Any, application_data: Any
) -> None:
    today = timezone.localdate()
    year = Y.containing(today)
    _submit(area, application_data, today, "Jo Now")
    page = client.get(reverse("casereviews:publication", kwargs={"area": area.slug, "year": year.slug}))
    body = page.content.decode()
    assert page.status_code == 200
    assert "year to date (provisional)" in body
    assert "Published by the partnership" not in body
    months = [row.month for row in page.context["pub"].months]
    assert months[-1] == today.replace(day=1)
    next_month = (today.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    if year.contains(next_month):
        assert next_month.strftime("%B %Y") not in body
    csv_rows = client.get(
        reverse("casereviews:publication_csv", kwargs={"area": area.slug, "year": year.slug})
    ).content.decode()
    assert "year to date (provisional)" in csv_rows
    assert next_month.strftime("%Y-%m") not in csv_rows or not year.contains(next_month)


@pytestmark_db
@pytest.mark.parametrize("slug", ["1990-91", "2013-14", "2099-00"])
def test_years_with_no_figures_are_refused_with_a_reason(client: Any, area: Any, slug: str) -> None:
    page = client.get(reverse("casereviews:publication", kwargs={"area": area.slug, "year": slug}))
    assert page.status_code == 404
    body = page.content.decode()
    assert "No Community Trigger applications were received" not in body
    assert ("20 October 2014" in body) or ("yet" in body)
    csv_page = client.get(reverse("casereviews:publication_csv", kwargs={"area": area.slug, "year": slug}))
    assert csv_page.status_code == 404


@pytestmark_db
def test_the_first_year_with_figures_is_shown(client: Any, area: Any) -> None:
    page = client.get(reverse("casereviews:publication", kwargs={"area": area.slug, "year": "2014-15"}))
    assert page.status_code == 200
    assert "provisional" in page.content.decode()


@pytestmark_db
def test_a_coordinator_publishes_an_ended_year_and_it_stays_as_published(
    client: Any, client_as: Any, area: Any, application_data: Any, persona: Any
) -> None:
    last = Y.containing(timezone.localdate() - dt.timedelta(days=366))
    application = _submit(area, application_data, last.start + dt.timedelta(days=30), "Jo Last")
    url = reverse("casereviews:publication", kwargs={"area": area.slug, "year": last.slug})
    assert "not yet checked and published" in client.get(url).content.decode()

    coordinator = client_as("avbc_partnership_coordinator")
    staff_url = reverse("casereviews:figures", kwargs={"area": area.slug})
    page = coordinator.get(staff_url)
    assert page.status_code == 200
    assert f"Publish {last.label}" in page.content.decode()
    # The year in progress cannot be published yet.
    assert f"Publish {Y.containing(timezone.localdate()).label}" not in page.content.decode()
    response = coordinator.post(staff_url, {"year": last.slug})
    assert response.status_code == 302
    published = PublishedYear.objects.get(area=area, start_year=last.start_year)
    assert published.created_by == persona("avbc_partnership_coordinator")
    event = AuditEvent.objects.get(verb=CaseReviewVerb.PUBLISHEDYEAR_PUBLISHED)
    assert event.actor == persona("avbc_partnership_coordinator")
    assert CaseReviewVerb.PUBLISHEDYEAR_PUBLISHED.label == "Published an area's yearly Case Review figures"

    body = client.get(url).content.decode()
    assert "Published by the partnership on" in body
    assert "provisional" not in body
    # A decision recorded later does not change the published figures.
    services.threshold_decide(
        actor=persona("avbc_caseworker"),
        application=application,
        decided_on=last.start + dt.timedelta(days=40),
        discretionary_met=False,
        discretion_reason="Not persistent",
    )
    figures = client.get(url).context["pub"].figures
    assert (figures.applications, figures.threshold_not_met) == (1, 0)
    # Published once only.
    again = coordinator.post(staff_url, {"year": last.slug})
    assert "already published" in again.content.decode()
    assert PublishedYear.objects.count() == 1


@pytestmark_db
@pytest.mark.parametrize("who", ["avbc_caseworker", "avbc_team_manager", "police_caseworker"])
def test_only_a_coordinator_of_the_managing_agency_publishes(client_as: Any, area: Any, who: str) -> None:
    last = Y.containing(timezone.localdate() - dt.timedelta(days=366))
    client = client_as(who)
    staff_url = reverse("casereviews:figures", kwargs={"area": area.slug})
    page = client.get(staff_url)
    assert page.status_code == 200
    assert "Publish " + last.label not in page.content.decode()
    assert client.post(staff_url, {"year": last.slug}).status_code == 403
    assert not PublishedYear.objects.exists()


@pytestmark_db
def test_publishing_refuses_a_year_in_progress(area: Any, persona: Any) -> None:
    with pytest.raises(services.ApplicationError, match="ends on 31 March"):
        services.year_publish(
            actor=persona("avbc_partnership_coordinator"), area=area, year=Y.containing(timezone.localdate())
        )


@pytestmark_db
def test_the_figures_page_is_constant_in_applications_and_years(
    client_as: Any, area: Any, application_data: Any
) -> None:
    client = client_as("avbc_partnership_coordinator")
    url = reverse("casereviews:figures", kwargs={"area": area.slug})
    today = timezone.localdate()

    def queries() -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    _submit(area, application_data, today, "Jo A")
    few = queries()
    for years_back in (1, 2, 3):
        _submit(area, application_data, today - dt.timedelta(days=366 * years_back), f"Jo {years_back}")
    many = queries()
    assert len(client.get(url).context["years"]) >= 4
    assert few == many, f"a query per year or application: {few} then {many}"
