"""Benchmark: the case page (``/cases/<pk>/``), this tree against an earlier one, in the same run.

    python benchmarks/bench_case_page.py --before-src DIR [--scale 0.05] [--rounds 60]
                                         [--db-url postgresql://postgres@127.0.0.1:5432/csphub_bench]

``DIR`` is the ``src`` folder of the code to compare with (for example the previous release,
unpacked with ``git archive <rev> src | tar -x -C /tmp/before``). Both trees must share this
tree's database schema (the comparison is of code, not of migrations).

The database is seeded as ``bench_cases.py`` seeds it (the same generator, at ``--scale``; reused
when it already holds that scale). Two worker processes, one importing each tree, are signed in as
``avbc_caseworker`` and asked in turn (before, after, before, after, ...) for the same case pages:
open cases of the user's agency with the most parties, so that the repeat-victim flag and the
related-records prompt have work to do. Interleaving gives both trees the same machine load, which
matters on a shared machine. It prints p50/p95 of the full request (middleware, page, template,
audit write) and the number of SQL queries each tree makes for one page.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


# --------------------------------------------------------------------------------------------
# worker: one tree, answering "page <pk>" with the milliseconds one request took
# --------------------------------------------------------------------------------------------


def worker(db_url: str) -> int:
    os.environ["DATABASE_URL"] = db_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "csphub.config.settings.test"
    os.environ.setdefault("CSPHUB_DATA_DIR", str(REPO / "var" / "bench"))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.get(username="avbc_caseworker")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()

    for line in sys.stdin:
        command, _, argument = line.strip().partition(" ")
        if command == "quit":
            break
        url = f"/cases/{int(argument)}/"
        if command == "queries":
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(url)
            answer: dict[str, Any] = {"queries": len(ctx.captured_queries), "status": response.status_code}
        else:
            t0 = time.perf_counter()
            response = client.get(url)
            answer = {"ms": (time.perf_counter() - t0) * 1000, "status": response.status_code}
        print(json.dumps(answer), flush=True)
    return 0


class Worker:
    def __init__(self, src: Path, db_url: str) -> None:
        env = {**os.environ, "PYTHONPATH": str(src)}
        self.src = src
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--worker", "--db-url", db_url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            text=True,
        )

    def ask(self, command: str, pk: int) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(f"{command} {pk}\n")
        self.process.stdin.flush()
        answer: dict[str, Any] = json.loads(self.process.stdout.readline())
        if answer["status"] != 200:
            raise RuntimeError(f"{self.src}: /cases/{pk}/ answered {answer['status']}")
        return answer

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("quit\n")
        self.process.stdin.flush()
        self.process.wait(timeout=60)


# --------------------------------------------------------------------------------------------
# driver
# --------------------------------------------------------------------------------------------


def seed_and_pick(db_url: str, scale: float, n_cases: int, say: Any) -> list[int]:
    """Seed (as bench_cases does) if needed; the open cases of the user's agency with most parties."""
    sys.path.insert(0, str(HERE))
    import bench_cases

    bench_cases.ensure_database(db_url)
    bench_cases.setup_django(db_url)
    from django.core.management import call_command
    from django.db.models import Count

    call_command("migrate", verbosity=0)
    if bench_cases.seeded_scale() != scale:
        if bench_cases.seeded_scale() is not None:
            raise SystemExit(
                f"{db_url} holds scale {bench_cases.seeded_scale()}; pass that or another database"
            )
        say(f"Seeding scale {scale} …")
        say(f"Seeded: {bench_cases.seed(scale, say)}")
        bench_cases.mark_seeded(scale)
    from csphub.agencies.models import Membership
    from csphub.cases.models import Case, CaseStatus

    agency = Membership.objects.filter(user__username="avbc_caseworker", is_active=True).first()
    assert agency is not None
    return list(
        Case.objects.filter(owning_agency=agency.agency_id)
        .exclude(status=CaseStatus.CLOSED)
        .annotate(n=Count("parties"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)[:n_cases]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--before-src", type=Path, help="the src folder of the code to compare with")
    parser.add_argument("--scale", type=float, default=0.05, help="as bench_cases.py (1.0 = 1M incidents)")
    parser.add_argument("--rounds", type=int, default=60, help="requests per tree")
    parser.add_argument("--cases", type=int, default=10, help="distinct case pages, visited in turn")
    parser.add_argument(
        "--db-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/csphub_bench"),
    )
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args.db_url)
    if args.before_src is None:
        parser.error("--before-src DIR is required (the src folder of the code to compare with)")

    def say(message: str) -> None:
        print(message, flush=True)

    pks = seed_and_pick(args.db_url, args.scale, args.cases, say)
    if not pks:
        raise SystemExit("No open case of the user's agency to show")
    trees = {"before": args.before_src.resolve(), "after": (REPO / "src").resolve()}
    load_before = os.getloadavg()[0]
    workers = {name: Worker(src, args.db_url) for name, src in trees.items()}
    try:
        queries = {name: w.ask("queries", pks[0])["queries"] for name, w in workers.items()}
        for w in workers.values():  # warm both: imports, templates, connection
            for pk in pks:
                w.ask("page", pk)
        times: dict[str, list[float]] = {name: [] for name in workers}
        for i in range(args.rounds):
            pk = pks[i % len(pks)]
            order = list(workers) if i % 2 == 0 else list(reversed(workers))
            for name in order:
                times[name].append(workers[name].ask("page", pk)["ms"])
    finally:
        for w in workers.values():
            w.close()
    load = os.getloadavg()[0]
    say(
        f"Case page, {args.rounds} requests per tree over {len(pks)} cases, interleaved "
        f"(scale {args.scale}; 1-minute load {load_before:.1f} at the start, {load:.1f} at the end):"
    )
    say(f"{'tree':8} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}   src")
    for name, values in times.items():
        say(
            f"{name:8} {percentile(values, 0.5):8.1f} {percentile(values, 0.95):8.1f} "
            f"{queries[name]:8d}   {trees[name]}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
