#!/usr/bin/env python3
"""Known-vulnerability audit of the Python and npm dependencies, for ``make lint``.

Each audit runs only when its vulnerability database answers; otherwise it is skipped with the
reason printed (this never fails the build on a missing network: a machine that reaches only the
package indexes cannot audit, and says so). When a database answers, any known vulnerability fails.

- Python: ``pip-audit`` against the OSV database (https://api.osv.dev), over the locked production
  requirements (requirements/production.txt) when present, else the installed environment. If every
  package comes back "skipped" (the service did not really answer), the audit counts as skipped.
- npm: ``npm audit`` against the registry's bulk advisory endpoint.

Exit status: 0 clean or skipped, 1 vulnerabilities found.
"""

from __future__ import annotations

import json
import shutil
import subprocess  # nosec B404
import sys
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TIMEOUT = 8


def _reachable(url: str, data: bytes | None = None) -> str | None:
    """None when ``url`` answers a well-formed request, else the reason it did not."""
    request = urllib.request.Request(  # noqa: S310 - fixed https URLs
        url, data=data, headers={"Content-Type": "application/json"}, method="POST" if data else "GET"
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310  # nosec B310
            response.read(1024)
            return None
    except urllib.error.HTTPError as exc:
        return f"{url} answered HTTP {exc.code}"
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        return f"{url} unreachable ({reason})"


def python_audit() -> int:
    reason = _reachable(
        "https://api.osv.dev/v1/query",
        json.dumps({"package": {"name": "django", "ecosystem": "PyPI"}, "version": "5.2.0"}).encode(),
    )
    if reason:
        print(f"pip-audit: SKIPPED, the OSV vulnerability database is not reachable: {reason}")
        return 0
    lock = REPO / "requirements" / "production.txt"
    cmd = [
        sys.executable,
        "-m",
        "pip_audit",
        "--vulnerability-service",
        "osv",
        "--format",
        "json",
        "--progress-spinner",
        "off",
    ]
    if lock.exists():
        cmd += ["--requirement", str(lock), "--require-hashes", "--disable-pip"]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603
    try:
        report = json.loads(result.stdout or "{}")
    except ValueError:
        print(f"pip-audit: SKIPPED, no report ({result.stderr.strip()[:500]})")
        return 0
    deps = report.get("dependencies", [])
    audited = [d for d in deps if "skip_reason" not in d]
    if deps and not audited:
        print(f"pip-audit: SKIPPED, all {len(deps)} packages were skipped ({deps[0].get('skip_reason')})")
        return 0
    vulnerable = [d for d in audited if d.get("vulns")]
    for dep in vulnerable:
        ids = ", ".join(v["id"] for v in dep["vulns"])
        print(f"pip-audit: {dep['name']} {dep['version']}: {ids}")
    print(f"pip-audit: {len(audited)} packages audited, {len(vulnerable)} with known vulnerabilities")
    return 1 if vulnerable else 0


def npm_audit() -> int:
    if not (REPO / "package-lock.json").exists():
        print("npm audit: SKIPPED, no package-lock.json")
        return 0
    npm = shutil.which("npm")
    if npm is None:
        print("npm audit: SKIPPED, npm is not installed")
        return 0
    reason = _reachable("https://registry.npmjs.org/-/npm/v1/security/advisories/bulk", b"{}")
    if reason:
        print(f"npm audit: SKIPPED, the npm advisory database is not reachable: {reason}")
        return 0
    result = subprocess.run(  # noqa: S603  # nosec B603
        [npm, "audit", "--audit-level=low"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    print(result.stdout.strip() or result.stderr.strip())
    return 0 if result.returncode == 0 else 1


def main() -> int:
    return max(python_audit(), npm_audit())


if __name__ == "__main__":
    raise SystemExit(main())
