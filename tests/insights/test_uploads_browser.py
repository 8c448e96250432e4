"""Loading police.uk data in Chromium: the analyst uploads the zip, watches the job's progress
page, and reads the result; axe-core finds no serious or critical violation on either page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from tests.axe import assert_accessible
from tests.insights.test_uploads import _zip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_analyst_uploads_a_zip_and_sees_it_loaded(
    browser_page: Any, persona: Any, sign_in: Any, tmp_path: Path, settings: Any
) -> None:
    settings.DATA_DIR = tmp_path / "data"
    download = tmp_path / "derbyshire-2024-q1.zip"
    download.write_bytes(_zip())
    page = browser_page
    sign_in(page, persona("avbc_analyst"))
    page.goto("/insights/")
    page.click("a:has-text('Load police.uk data')")
    assert "holds no police.uk data yet" in page.inner_text("main")
    assert_accessible(page)
    page.set_input_files("#id_data_files", str(download))
    page.click("button:has-text('Upload and load the data')")
    page.wait_for_url(re.compile(r"/insights/data/\d+/$"))
    assert "Loading the data" in page.inner_text("h1")
    assert "Waiting to start" in page.inner_text("#upload-progress-text")
    assert_accessible(page)
    # The worker (`csphub worker`) takes the job; the page notices by itself and shows the result.
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    page.locator("h1:has-text('Data loaded')").wait_for()
    main = page.inner_text("main")
    assert "Derbyshire 2024-01 (crimes and ASB)" in main and "rows stored" in main
    assert str(tmp_path) not in page.content()
    assert_accessible(page)
    assert not page.console_errors  # type: ignore[attr-defined]
    # The store now says what it holds.
    page.click("a:has-text('Load police.uk data')")
    assert "3 months of street-level crime" in page.inner_text("main")


def test_a_damaged_zip_is_refused_on_the_page(
    browser_page: Any, persona: Any, sign_in: Any, tmp_path: Path, settings: Any
) -> None:
    settings.DATA_DIR = tmp_path / "data"
    bad = tmp_path / "download.zip"
    bad.write_bytes(_zip()[:500])
    page = browser_page
    sign_in(page, persona("avbc_analyst"))
    page.goto("/insights/data/")
    page.set_input_files("#id_data_files", str(bad))
    page.click("button:has-text('Upload and load the data')")
    assert page.title().startswith("Error: ")
    assert "download.zip" in page.inner_text(".govuk-error-summary")
    assert_accessible(page)
