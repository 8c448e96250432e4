"""In headless Chromium: the pages that now belong to a partnership (issues 12 and 13). The Strategic
Assessment report lists the partnership's own sources; a county board's upload pages list its
districts' uploads, say that it loads none itself, and offer no upload form; a board refused an
adoption reads why. axe-core finds no serious or critical problem on any of them."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from tests.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COUNTS = b"month,area_code,measure,value\n2024-03,E01019432,housing_asb_reports,3\n"


def _to_board(page: Any) -> None:
    page.click("[data-testid=switch-partnership]")
    page.check("label:has-text('Derbyshire County Community Safety Board')")
    page.click("button:has-text('Continue')")
    assert "Derbyshire County Community Safety Board" in page.inner_text(".govuk-phase-banner")


def test_the_report_lists_the_partnerships_sources(
    browser_page: Any, persona: Any, sign_in: Any, data_dir: Any
) -> None:
    from csphub.agencies.models import Agency
    from csphub.insights.services import assessment_run
    from csphub.planning.board.services import partner_counts_load

    analyst = persona("avbc_analyst")
    housing = Agency.objects.get(slug="housing")
    partner_counts_load(actor=analyst, agency=housing, file_name="asb.csv", data=COUNTS)
    run = assessment_run(actor=analyst, area="Amber Valley", date_from="2024-01", date_to="2024-12")
    page = browser_page
    sign_in(page, analyst)
    page.goto(reverse("insights:report", args=[run.pk]))
    assert page.get_by_role("heading", name="Where the figures come from").count() == 1
    sources = page.locator("#sources + p + table").inner_text()
    assert "police.uk" in sources and housing.name in sources
    assert str(data_dir) not in page.content()
    assert_accessible(page)


def test_a_county_board_reads_its_districts_uploads_and_cannot_adopt_a_districts_run(
    browser_page: Any, persona: Any, sign_in: Any, amber_valley_run: Any, tmp_path: Any
) -> None:
    from csphub.agencies.models import Agency
    from csphub.planning.board.services import partner_counts_load

    partner_counts_load(
        actor=persona("avbc_analyst"),
        agency=Agency.objects.get(slug="housing"),
        file_name="av.csv",
        data=COUNTS,
    )
    page = browser_page
    sign_in(page, persona("dcc_board_member"))
    _to_board(page)
    page.goto(reverse("insights:detail", args=[amber_valley_run.pk]))
    # the district's run is there to read; instead of the adoption form, why it cannot be adopted
    assert "can adopt only an assessment of its own area" in page.inner_text("[data-testid=not-adoptable]")
    assert page.locator("button:has-text('Adopt this assessment')").count() == 0
    assert_accessible(page)
    page.goto(reverse("planning:partner_data"))
    assert "A county board loads no files itself" in page.inner_text("[data-testid=board-files]")
    files = page.inner_text("[data-testid=uploads]")
    assert "av.csv" in files and "Amber Valley Community Safety Partnership" in files
    assert page.get_by_role("link", name="load a partner's file of counts").count() == 0
    assert_accessible(page)
    assert not page.console_errors  # type: ignore[attr-defined]


def test_a_county_board_analyst_reads_its_districts_police_uk_uploads(
    browser_page: Any, persona: Any, sign_in: Any, tmp_path: Any, settings: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from tests.insights.test_uploads import _zip

    from csphub.insights.uploads import data_upload_start

    settings.DATA_DIR = tmp_path
    upload = data_upload_start(
        actor=persona("avbc_analyst"), files=[SimpleUploadedFile("av.zip", _zip(("2024-01",)))]
    )
    page = browser_page
    sign_in(page, persona("dcc_analyst"))
    _to_board(page)
    page.goto(reverse("insights:uploads"))
    assert "it loads no files itself" in page.inner_text("[data-testid=board-uploads]")
    assert page.locator("#id_data_files").count() == 0
    table = page.inner_text("[data-testid=uploads]")
    assert "Amber Valley Community Safety Partnership" in table
    assert page.locator(f"a[href='{reverse('insights:upload', args=[upload.pk])}']").count() == 1
    assert str(tmp_path) not in page.content()
    assert_accessible(page)
    assert not page.console_errors  # type: ignore[attr-defined]
