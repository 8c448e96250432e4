"""The accessibility statement's "how we tested" part, from the automated checks themselves.

The browser tests run axe-core on every page they visit (``tests/axe.py``). With ``CSPHUB_AXE_LOG``
set, each run is appended to that file as one JSON line: the page's path and title, the axe-core
version and its findings. :func:`summarise` turns such a log into ``data/accessibility_checks.json``
(``make accessibility-checks`` runs the browser tests and writes it), which ships with the package
and which the statement reads: the pages checked, the date, the checker's version, and every finding,
so that the statement says what was found rather than what someone remembered to write.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

CHECKS_FILE = Path(__file__).resolve().parent / "data" / "accessibility_checks.json"
FAILING_IMPACTS = ("serious", "critical")
_IMPACT_ORDER = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3}


@dataclass(frozen=True)
class Finding:
    rule: str
    impact: str
    help: str
    pages: int


@dataclass(frozen=True)
class Checks:
    checked_on: dt.date
    axe_version: str
    pages: tuple[str, ...]  # page titles, one per kind of page (URL pattern) checked
    public_pages: int
    staff_pages: int
    findings: tuple[Finding, ...]

    @property
    def failing(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.impact in FAILING_IMPACTS)

    @property
    def other(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.impact not in FAILING_IMPACTS)


def _title(raw: str) -> str:
    """The page's own title, without the service name GOV.UK pages append ("Cases – CSP Hub")."""
    for separator in (" – ", " - ", " | "):
        if separator in raw:
            return raw.rsplit(separator, 1)[0].strip()
    return raw.strip()


def summarise(
    lines: Iterable[str],
    *,
    page_name: Callable[[str], str | None],
    is_public: Callable[[str], bool],
    today: dt.date,
) -> dict[str, Any]:
    """The checks file's content from the log's lines. ``page_name`` gives a path's URL pattern name
    (None: not one of the service's pages, e.g. a downloaded file; skipped), so that the 500 case pages
    the tests opened count as one kind of page; ``is_public`` says whether a pattern is a public page."""
    titles: dict[str, str] = {}
    versions: set[str] = set()
    pages_by_rule: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            run = json.loads(line)
            path, title, version, violations = run["path"], run["title"], run["version"], run["violations"]
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"axe log line {number}: not a check record ({error})") from error
        name = page_name(path)
        if name is None:
            continue
        titles.setdefault(name, _title(title) or name)
        versions.add(version)
        for v in violations:
            pages_by_rule[(v["id"], v["impact"] or "minor", v["help"])].add(name)
    findings = sorted(
        ({"rule": r, "impact": i, "help": h, "pages": len(p)} for (r, i, h), p in pages_by_rule.items()),
        key=lambda f: (_IMPACT_ORDER.get(str(f["impact"]), 9), str(f["rule"])),
    )
    return {
        "checked_on": today.isoformat(),
        "axe_version": ", ".join(sorted(versions)),
        "pages": [
            {"name": name, "title": titles[name], "public": is_public(name)} for name in sorted(titles)
        ],
        "findings": findings,
    }


@cache
def load(path: Path = CHECKS_FILE) -> Checks | None:
    """The checks shipped with the package (None when the file is missing)."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    pages = data["pages"]
    return Checks(
        checked_on=dt.date.fromisoformat(data["checked_on"]),
        axe_version=data["axe_version"],
        pages=tuple(sorted({p["title"] for p in pages})),
        public_pages=sum(1 for p in pages if p["public"]),
        staff_pages=sum(1 for p in pages if not p["public"]),
        findings=tuple(Finding(f["rule"], f["impact"], f["help"], f["pages"]) for f in data["findings"]),
    )
