"""axe-core in a Playwright page: inject node_modules/axe-core/axe.min.js, run it, and fail on any
serious or critical violation (``npm install`` puts axe-core there; it is a dev dependency)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

AXE_JS = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
FAILING_IMPACTS = ("serious", "critical")


# What the browser says when a script runs in a document that a navigation is replacing: the
# click before the check started a navigation that had not finished.
_NAVIGATING = ("documentElement", "Execution context was destroyed", "navigat")


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """The violations axe-core finds on the page as it is now (WCAG 2.x A and AA rules).

    A click that submits a form or follows a link starts a navigation that may still be under way
    when the check starts; the check waits for the page to load and, if the document was replaced
    while axe ran, runs again on the page that replaced it."""
    assert AXE_JS.exists(), f"axe-core is not installed ({AXE_JS}): run npm install"
    for attempt in range(3):
        page.wait_for_load_state("load")
        try:
            return _run_axe(page)
        except Exception as error:  # playwright's Error; the test package does not import its type
            if attempt == 2 or not any(sign in str(error) for sign in _NAVIGATING):
                raise
    raise AssertionError("unreachable")


def _run_axe(page: Any) -> list[dict[str, Any]]:
    # Evaluated through the DevTools protocol, which the page's Content-Security-Policy (script-src
    # 'self') does not govern: an injected <script> tag would be refused, as it should be.
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
    )
    _log(page, result)
    return list(result["violations"])


def _log(page: Any, result: dict[str, Any]) -> None:
    """With ``CSPHUB_AXE_LOG`` set, append this run to that file (one JSON line; appends of a line
    are atomic, so xdist workers may share the file): the accessibility statement's record of the
    checks is made from it (``make accessibility-checks``, csphub.governance.accessibility)."""
    target = os.environ.get("CSPHUB_AXE_LOG")
    if not target:
        return
    run = {
        "path": urlparse(page.url).path,
        "title": page.title(),
        "version": result.get("testEngine", {}).get("version", ""),
        "violations": [
            {"id": v["id"], "impact": v.get("impact"), "help": v["help"]} for v in result["violations"]
        ],
    }
    with open(target, "a", encoding="utf-8") as f:
        f.write(json.dumps(run) + "\n")


def assert_accessible(page: Any) -> None:
    """No serious or critical axe-core violation on the page."""
    bad = [v for v in axe_violations(page) if v.get("impact") in FAILING_IMPACTS]
    detail = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in bad
    )
    assert not bad, f"axe-core violations on {page.url}:\n{detail}"
