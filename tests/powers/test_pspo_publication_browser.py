"""In real headless Chromium: the council records that a PSPO it made was published on its website
and notices were put up in the area (the PSPO publication regulations, legal review A.5), having
first been told both are needed. axe-core finds no serious or critical violation on any page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from csphub.powers.models import PowerUse
from tests.axe import assert_accessible
from tests.powers.test_law_pspo import _pspo
from tests.powers.test_pages import make_setup, today

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_pspo_publication_page(browser_page: Any, persona: Any, client_as: Any, sign_in: Any) -> None:
    page = browser_page
    s = make_setup(persona, client_as)
    pspo = _pspo(s)
    made_on = today() - dt.timedelta(days=30)
    sign_in(page, s.officer)
    page.goto(f"/powers/{pspo.pk}/")
    assert_accessible(page)
    page.click("[data-testid=record-pspo-publication]")
    assert f"made on {made_on:%-d %B %Y}" in page.locator("main").inner_text()
    assert_accessible(page)
    page.fill("#id_published_on_day", str(made_on.day))
    page.fill("#id_published_on_month", str(made_on.month))
    page.fill("#id_published_on_year", str(made_on.year))
    page.check("#id_on_website")
    page.click("main button[type=submit]")
    assert "Put up notices" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
    page.check("#id_notices_erected")
    page.click("main button[type=submit]")
    assert_accessible(page)
    page.click("button:has-text('Record publication')")
    page.wait_for_url(f"**/powers/{pspo.pk}/")
    assert page.locator("[data-testid=record-pspo-publication]").count() == 0
    assert PowerUse.objects.get(pk=pspo.pk).details["publications"][0]["published_on"] == made_on.isoformat()
