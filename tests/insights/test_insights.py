"""The Strategic Assessment in the web app: run, read, download; for aggregate-data roles only."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from csphub.audit.models import AuditEvent
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.insights.services import assessment_run

pytestmark = pytest.mark.django_db


def test_run_writes_the_contract_files_and_is_audited(amber_valley_run: Any, data_dir: Path) -> None:
    folder = data_dir / "assessments" / amber_valley_run.output_dir
    for name in ("assessment.json", "report.html", "counts.csv", "hotspots_gistar.csv", "hotspots_kde.csv"):
        assert (folder / name).exists(), name
    data = json.loads((folder / "assessment.json").read_text())
    assert data["period"]["from"] == "2024-01" and amber_valley_run.area_name == "Amber Valley"
    # The JSON is a download: it names no folder of the server (new-user review; issue 12 audit).
    raw = (folder / "assessment.json").read_text()
    assert str(data_dir) not in raw and str(data_dir.resolve()) not in raw
    assert amber_valley_run.headline[0]["measure"].startswith("All recorded crime")
    assert (
        AuditEvent.objects.filter(verb="assessment.generated", target_id=str(amber_valley_run.pk)).count()
        == 1
    )


def test_rerun_replaces_rather_than_duplicates(amber_valley_run: Any, persona: Any) -> None:
    again = assessment_run(
        actor=persona("avbc_analyst"), area="Amber Valley", date_from="2024-01", date_to="2024-12"
    )
    assert again.pk == amber_valley_run.pk


def test_other_spellings_of_an_area_are_the_same_run_not_a_second_one(
    amber_valley_run: Any, persona: Any
) -> None:
    """Security review finding 18: "amber valley" writes the "Amber Valley" folder, so it replaces
    that run instead of making a second run whose files the first would then show."""
    from csphub.insights.models import AssessmentRun

    for spelling in ("amber valley", "AMBER  VALLEY"):
        again = assessment_run(
            actor=persona("avbc_analyst"), area=spelling, date_from="2024-01", date_to="2024-12"
        )
        assert again.pk == amber_valley_run.pk
    assert AssessmentRun.objects.count() == 1
    run = AssessmentRun.objects.get()
    assert run.area_query == "Amber Valley" and run.output_dir == amber_valley_run.output_dir
    assert run.generated_at > amber_valley_run.generated_at


def test_bad_months_are_refused(data_dir: Path, persona: Any) -> None:
    with pytest.raises(ApplicationError, match="YYYY-MM"):
        assessment_run(
            actor=persona("avbc_analyst"), area="Amber Valley", date_from="2024-13", date_to="2024-12"
        )
    with pytest.raises(ApplicationError, match="before"):
        assessment_run(
            actor=persona("avbc_analyst"), area="Amber Valley", date_from="2024-12", date_to="2024-01"
        )


def test_caseworkers_cannot_run_assessments(data_dir: Path, persona: Any) -> None:
    with pytest.raises(PermissionDeniedError):
        assessment_run(
            actor=persona("avbc_caseworker"), area="Amber Valley", date_from="2024-01", date_to="2024-12"
        )


def test_board_member_reads_report_and_downloads_csv(amber_valley_run: Any, client_as: Any) -> None:
    client = client_as("avbc_board_member")
    detail = client.get(f"/insights/{amber_valley_run.pk}/")
    assert detail.status_code == 200 and "All recorded crime" in detail.content.decode()
    report = client.get(f"/insights/{amber_valley_run.pk}/report/")
    assert report.status_code == 200
    csp = report["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" in csp.split("style-src")[1].split(";")[0]
    assert "http://" not in report.content.decode() and "https://" not in report.content.decode()
    csv = client.get(f"/insights/{amber_valley_run.pk}/files/counts.csv")
    assert csv.status_code == 200
    import csv as csv_module

    header = next(csv_module.reader(b"".join(csv.streaming_content).decode().splitlines()))
    assert header == ["month", "crime_type", "lsoa_code", "count"]
    assert client.get(f"/insights/{amber_valley_run.pk}/files/..%2Fsecret").status_code == 404


def test_run_from_the_page_with_errors_then_success(data_dir: Path, client_as: Any) -> None:
    client = client_as("avbc_analyst")
    bad = client.post("/insights/", {"area": "Amber Valley", "date_from": "2024-1", "date_to": "2024-12"})
    assert bad.status_code == 200 and "<title>Error: " in bad.content.decode()
    assert "Enter the first month as YYYY-MM" in bad.content.decode()
    unknown = client.post("/insights/", {"area": "Atlantis", "date_from": "2024-01", "date_to": "2024-12"})
    assert unknown.status_code == 200 and "<title>Error: " in unknown.content.decode()
    good = client.post("/insights/", {"area": "E07000032", "date_from": "2024-01", "date_to": "2024-06"})
    assert good.status_code == 302


def test_caseworker_is_refused_the_pages(amber_valley_run: Any, client_as: Any) -> None:
    client = client_as("avbc_caseworker")
    assert client.get("/insights/").status_code == 403
    assert client.get(f"/insights/{amber_valley_run.pk}/").status_code == 404


def test_demo_refresh_assesses_the_latest_full_year_of_the_area_it_is_given(
    data_dir: Path, persona: Any
) -> None:
    from csphub.analytics.pipeline import SAMPLE_AREA
    from csphub.insights.services import assessment_refresh

    run = assessment_refresh(area=SAMPLE_AREA, data_dir=data_dir)
    assert run is not None and run.area_name == "Amber Valley"
    # the run belongs to the partnership whose area it is (the demo's Amber Valley CSP)
    assert run.partnership.name == "Amber Valley Community Safety Partnership"
    assert (run.date_from, run.date_to) == ("2024-01", "2024-12")
    assert run.headline[2]["measure"] == "All incidents (crime and ASB)"


def test_web_form_area_errors_suggest_names_and_no_data_names_the_months(
    data_dir: Path, client_as: Any
) -> None:
    """Issue #12: an unknown area gets "did you mean", an ambiguous one lists the choices, and months
    without data say which months are loaded, without server paths or commands."""
    client = client_as("avbc_analyst")
    typo = client.post(
        "/insights/", {"area": "Ripely", "date_from": "2024-01", "date_to": "2024-12"}
    ).content.decode()
    assert "Did you mean" in typo and "Ripley" in typo
    dorset = client.post(
        "/insights/", {"area": "Dorset", "date_from": "2024-01", "date_to": "2024-12"}
    ).content.decode()
    assert "Dorset (Community Safety Partnership)" in dorset and "Dorset (police force area)" in dorset
    empty = client.post("/insights/", {"area": "Amber Valley", "date_from": "2025-01", "date_to": "2025-06"})
    page = empty.content.decode()
    assert "There is no police.uk street data for 2025-01 to 2025-06" in page
    assert "Months loaded: 2023-01 to 2024-12" in page
    assert "csphub ingest" not in page and "csphub assess" not in page and str(data_dir) not in page
    # a district of another force, whose data is not loaded: refused, not a report of zeros
    leeds = client.post("/insights/", {"area": "leeds", "date_from": "2024-01", "date_to": "2024-06"})
    text = leeds.content.decode()
    assert leeds.status_code == 200 and "holds no rows for Leeds: it covers Derbyshire" in text


def test_every_file_on_the_page_downloads_and_says_what_it_holds(
    amber_valley_run: Any, client_as: Any
) -> None:
    """New-user review item 21: the assessment's files were bare names (``hotspots_gistar.csv``) with
    the data dictionary only in the docs. The audit of issue 11 also found that five of the CSVs
    listed (by_crime_type, monthly, rolling_12m, top_lsoas, harm) answered "not found"."""
    import re

    client = client_as("avbc_analyst")
    page = client.get(f"/insights/{amber_valley_run.pk}/").content.decode()
    files = page.split('<h2 class="govuk-heading-m">Files</h2>', 1)[1].split("</ul>", 1)[0]
    items = re.findall(r"<li>(.*?)</li>", files, re.S)
    names = re.findall(rf"/insights/{amber_valley_run.pk}/files/([\w.]+)\"", files)
    assert len(names) == len(items) >= 9  # the PDF, the JSON and eight CSVs
    for name in names:
        response = client.get(f"/insights/{amber_valley_run.pk}/files/{name}")
        assert response.status_code == 200, name
    for item in items:  # a description after every link, in words
        after = re.sub(r"<[^>]+>", "", item.split("</a>", 1)[1]).strip()
        assert len(after) > 20, item
    assert "hotspots_gistar.csv" in files and "Hot and cold spots" in files


def test_the_form_says_what_an_area_may_be(data_dir: Path, client_as: Any) -> None:
    """Issue 12 item 2: the form accepts a partnership, district, force area, ward or LSOA codes of 2011
    or 2021, and its hint says so."""
    page = client_as("avbc_analyst").get("/insights/").content.decode()
    for kind in ("partnership", "police force area", "ward", "2011 or 2021"):
        assert kind in page, kind
    ward = client_as("avbc_analyst").post(
        "/insights/", {"area": "Ripley, Amber Valley", "date_from": "2024-01", "date_to": "2024-06"}
    )
    assert ward.status_code == 302  # the example the hint gives is accepted
