"""The casework benchmark still seeds and measures (a smoke run, not a measurement).

``benchmarks/bench_cases.py`` writes rows by COPY, so a new NOT NULL column (the partnership, ADR
0008) broke its seeding without any test noticing, and with it the case page before/after benchmark
and the load test's data. This runs it at a tiny scale on PostgreSQL, in its own database, and fails
on a crash; whether a target is met is the benchmark's business, not this test's.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
URL = os.environ.get("DATABASE_URL", "")

pytestmark = pytest.mark.skipif(
    not URL.startswith("postgres"), reason="PostgreSQL run only (the benchmark seeds by COPY)"
)


def test_bench_cases_seeds_and_measures_at_a_tiny_scale() -> None:
    server = URL.rsplit("/", 1)[0]
    db_url = f"{server}/csphub_bench_smoke_{os.getpid()}"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    try:
        done = subprocess.run(
            [sys.executable, "benchmarks/bench_cases.py", "--scale", "0.002", "--db-url", db_url, "--reseed",
             "--repeats", "2", "--baseline-repeats", "1"],
            cwd=REPO, env=env, capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip
    finally:
        import psycopg

        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{db_url.rsplit("/", 1)[1]}" WITH (FORCE)')
    out = done.stdout + done.stderr
    assert "Traceback" not in out, out[-3000:]
    assert "case list page (open, page 1)" in out and "person page" in out, out[-3000:]
