"""Run every benchmark in this folder; ``--quick`` for a CI smoke run at small scale.

    python benchmarks/run_all.py [--quick]

Each benchmark prints its figure beside its baseline measured in the same run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    quick = "--quick" in sys.argv[1:]
    steps: list[list[str]] = []
    if (HERE / "bench_gistar.py").exists():
        steps.append([str(HERE / "bench_gistar.py"), *(["--quick"] if quick else [])])
    if quick:
        steps.append([str(HERE / "bench_assessment.py"), "--scale", "quick"])
    else:
        steps.append([str(HERE / "bench_assessment.py"), "--scale", "county"])
        steps.append([str(HERE / "bench_assessment.py"), "--scale", "national"])
    # bench_cases.py (ASB casework on PostgreSQL, owned by the cases team) seeds a 1M-incident database
    # and has no quick mode: it is not cheap to call, so it is listed in README.md and run on its own.
    # Every other bench_*.py runs here (with --quick in a quick run), among them bench_board_pack.py:
    # the demo's board pack made and opened in a fresh process (issue 13, target <= 2 s).
    for extra in sorted(HERE.glob("bench_*.py")):
        if extra.name not in ("bench_gistar.py", "bench_assessment.py", "bench_cases.py"):
            steps.append([str(extra), *(["--quick"] if quick else [])])
    failed = 0
    for cmd in steps:
        print(f"\n$ python {' '.join(Path(c).name if c.endswith('.py') else c for c in cmd)}", flush=True)
        failed += subprocess.run([sys.executable, *cmd], check=False).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
