"""The accessibility statement's "how we tested" comes from the browser tests' own axe-core runs
(Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018,
reg. 8 and the statement's model wording): the pages checked, when, with which version, and what
was found — not a paragraph someone has to remember to keep true."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from csphub.governance import accessibility

TODAY = dt.date(2026, 11, 27)


def _line(path: str, title: str, *violations: tuple[str, str]) -> str:
    return json.dumps(
        {
            "path": path,
            "title": title,
            "version": "4.10.2",
            "violations": [
                {"id": rule, "impact": impact, "help": f"help for {rule}"} for rule, impact in violations
            ],
        }
    )


def _names(path: str) -> str | None:
    if path.startswith("/cases/") and path != "/cases/":
        return "cases:case_detail"
    return {"/cases/": "cases:case_list", "/apply/": "public:apply"}.get(path)


def test_runs_are_grouped_by_kind_of_page_and_findings_counted_by_kinds_of_page() -> None:
    lines = [
        _line("/cases/1/", "ASB-000001 – CSP Hub", ("region", "moderate")),
        _line("/cases/2/", "ASB-000002 – CSP Hub", ("region", "moderate")),
        _line("/cases/", "Cases – CSP Hub", ("region", "moderate"), ("color-contrast", "serious")),
        _line("/apply/", "Apply for an ASB Case Review – CSP Hub"),
        _line("/download.pdf", "not a page"),  # not one of the service's pages: skipped
        "",
    ]
    data = accessibility.summarise(
        lines, page_name=_names, is_public=lambda name: name.startswith("public:"), today=TODAY
    )
    assert data["checked_on"] == "2026-11-27" and data["axe_version"] == "4.10.2"
    assert data["pages"] == [
        {"name": "cases:case_detail", "title": "ASB-000001", "public": False},
        {"name": "cases:case_list", "title": "Cases", "public": False},
        {"name": "public:apply", "title": "Apply for an ASB Case Review", "public": True},
    ]
    # Serious before moderate; "region" was on two kinds of page (the case page twice counts once).
    assert data["findings"] == [
        {"rule": "color-contrast", "impact": "serious", "help": "help for color-contrast", "pages": 1},
        {"rule": "region", "impact": "moderate", "help": "help for region", "pages": 2},
    ]


def test_a_line_that_is_not_a_check_record_is_refused_with_its_number() -> None:
    with pytest.raises(ValueError, match="axe log line 2"):
        accessibility.summarise(
            [_line("/cases/", "Cases"), '{"path": "/x/"}'], page_name=_names, is_public=bool, today=TODAY
        )


def test_the_loaded_record_splits_public_and_staff_pages_and_failing_findings(tmp_path: Path) -> None:
    data = accessibility.summarise(
        [
            _line("/cases/", "Cases – CSP Hub", ("color-contrast", "serious"), ("region", "moderate")),
            _line("/apply/", "Apply – CSP Hub"),
        ],
        page_name=_names,
        is_public=lambda name: name.startswith("public:"),
        today=TODAY,
    )
    target = tmp_path / "checks.json"
    target.write_text(json.dumps(data), encoding="utf-8")
    checks = accessibility.load(target)
    assert checks is not None
    assert (checks.public_pages, checks.staff_pages) == (1, 1)
    assert [f.rule for f in checks.failing] == ["color-contrast"]
    assert [f.rule for f in checks.other] == ["region"]
    assert accessibility.load(tmp_path / "missing.json") is None


def test_the_shipped_record_names_pages_of_this_service_and_nothing_serious() -> None:
    """The record shipped with the package: made by `make accessibility-checks` from the browser
    tests, every page in it is one of the service's URL patterns today (a renamed page means the
    record is stale: run it again), public pages among them, and no serious or critical finding
    (the browser tests fail on one, so a record with one was made from a failing run)."""
    checks_file = accessibility.CHECKS_FILE
    assert checks_file.exists(), "run `make accessibility-checks` to record the automated checks"
    data = json.loads(checks_file.read_text(encoding="utf-8"))
    names = [page["name"] for page in data["pages"]]
    assert len(names) >= 50
    stale = []
    for name in names:
        try:
            reverse(name)
        except NoReverseMatch as error:
            if "with no arguments not found" not in str(error) and "arguments '()'" not in str(error):
                stale.append(name)
    assert stale == [], f"pages no longer in the service: {stale}"
    assert any(page["public"] for page in data["pages"])
    assert not [f for f in data["findings"] if f["impact"] in accessibility.FAILING_IMPACTS]


def test_the_statement_says_how_it_was_tested_from_the_record(client: Any, db: Any) -> None:
    checks = accessibility.load()
    assert checks is not None
    body = client.get(reverse("governance:accessibility")).content.decode()
    assert f"version {checks.axe_version}" in body
    assert f"{checks.public_pages} kinds of public page and {checks.staff_pages} kinds of staff page" in body
    assert checks.checked_on.strftime("%-d %B %Y") in body
    assert "found no serious or critical problem" in body
    for title in checks.pages[:5]:
        assert title.replace("'", "&#x27;") in body or title in body
    # Every PDF is tagged now: the statement no longer lists untagged PDFs as a known issue.
    assert "not tagged" not in body


def test_resolving_a_logged_path() -> None:
    """The script maps a logged path to its URL pattern with Django's resolver."""
    assert resolve(reverse("governance:accessibility")).view_name == "governance:accessibility"
    with pytest.raises(Resolver404):
        resolve("/no-such-page-here/")
