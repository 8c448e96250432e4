"""Write the accessibility statement's record of the automated checks (``make accessibility-checks``).

    python scripts/accessibility_checks.py var/axe.jsonl

Reads the log the browser tests append to when ``CSPHUB_AXE_LOG`` is set (one JSON line per axe-core
run) and writes ``src/csphub/governance/data/accessibility_checks.json``, which the accessibility
statement reads (see :mod:`csphub.governance.accessibility`).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    log = Path(argv[0])
    if not log.exists():
        print(f"{log}: no such file (run the browser tests with CSPHUB_AXE_LOG={log} first)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "csphub.config.settings.test")
    import django

    django.setup()
    from django.urls import Resolver404, resolve
    from django.utils import timezone

    from csphub.governance.accessibility import CHECKS_FILE, summarise

    public: dict[str, bool] = {}

    def page_name(path: str) -> str | None:
        try:
            match = resolve(path)
        except Resolver404:
            return None
        public[match.view_name] = bool(getattr(match.func, "bilingual", False))
        return match.view_name

    try:
        data = summarise(
            log.read_text(encoding="utf-8").splitlines(),
            page_name=page_name,
            is_public=lambda name: public.get(name, False),
            today=timezone.localdate(),
        )
    except ValueError as error:
        print(f"{log}: {error}", file=sys.stderr)
        return 1
    if not data["pages"]:
        print(f"{log}: no page of the service was checked", file=sys.stderr)
        return 1
    CHECKS_FILE.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    failing = [f for f in data["findings"] if f["impact"] in ("serious", "critical")]
    print(
        f"{len(data['pages'])} kinds of page checked with axe-core {data['axe_version']}; "
        f"{len(failing)} serious or critical finding(s), {len(data['findings']) - len(failing)} other; "
        f"written to {CHECKS_FILE.relative_to(ROOT)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
