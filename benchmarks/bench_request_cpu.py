"""Benchmark: server CPU time per request of the load test's mix, beside a minimal page, same run.

    python benchmarks/bench_request_cpu.py [--scale 0.05] [--rounds 30] [--warmup 3]
        [--db-url postgresql://postgres@127.0.0.1:5432/csphub_bench] [--persona avbc_caseworker]
        [--src DIR] [--profile KIND [--profile-sort tottime]]

The load test (``benchmarks/load/locustfile.py``, docs/reliability.md) is bound by CPU: about 45 ms
of Python and 14 ms of PostgreSQL per request on 2 cores. This measures that figure for each request
kind of the mix, in-process, through Django's test client signed in as one caseworker persona of
``bench_cases.py``'s data (seeded as that script seeds it, reused when the database holds the
scale): the process CPU time (``time.process_time``) of each request, and the CPU time of the
PostgreSQL backend serving the connection (from ``/proc``, clock-tick resolution, so only its mean
over the rounds means anything). The connection is kept between requests (``CONN_MAX_AGE``, with
health checks) as the production settings keep it.

Kinds, with the locust weights: case list 4, case page 4, search by surname 2, person page 2, API
case list 2, home 1, add a note 2 (a write: a note and its audit event are added each round). The
cases, people and surnames are picked as ``load/make_sessions.py`` picks them. Each round asks every
kind once, in a rotating order, after ``--warmup`` rounds that are not counted. The baseline is the
help page, a signed-in page with no records (same middleware, session, template base), asked in the
same rounds; every figure is printed with its ratio to it, and the mix's weighted mean is printed
last. On a shared machine compare ratios, not milliseconds.

``--src DIR`` imports another tree's ``src`` (e.g. ``git archive <rev> src | tar -x -C /tmp/b``) to
measure code before a change on the same database. ``--profile KIND`` then runs cProfile over
``--rounds`` more requests of that kind and prints the top functions.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

WEIGHTS = {
    "case_list": 4,
    "case_page": 4,
    "search": 2,
    "person": 2,
    "api_cases": 2,
    "home": 1,
    "add_note": 2,
}
KINDS = ["baseline", *WEIGHTS]
TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")


def backend_cpu_ms(pid: int | None) -> float:
    """User + system CPU of a PostgreSQL backend process, in ms (0 when not readable)."""
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) * TICK_MS


def setup(args: argparse.Namespace, say: Callable[[str], None]) -> None:
    sys.path.insert(0, str(HERE))
    import seed_cases  # puts this tree's src first on the path

    if args.src is not None:
        sys.path.insert(0, str(args.src.resolve()))

    seed_cases.ensure_database(args.db_url)
    seed_cases.setup_django(args.db_url)
    from django.core.management import call_command
    from django.db import connection

    # As production keeps it (settings.base: 60 s, health-checked), not the test settings' 0.
    connection.settings_dict["CONN_MAX_AGE"] = 60
    connection.settings_dict["CONN_HEALTH_CHECKS"] = True
    call_command("migrate", verbosity=0)
    if seed_cases.seeded_scale() != args.scale:
        if seed_cases.seeded_scale() is not None:
            raise SystemExit(f"{args.db_url} holds scale {seed_cases.seeded_scale()}; pass that scale")
        say(f"Seeding scale {args.scale} …")
        say(f"Seeded: {seed_cases.seed(args.scale, say)}")
        seed_cases.mark_seeded(args.scale)


def signed_in_client(username: str) -> Any:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.get(username=username)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="bench", confirmed=True
    )
    client = Client(HTTP_X_FORWARDED_PROTO="https")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def requests_for(username: str, rng: random.Random) -> dict[str, Callable[[], tuple[str, dict[str, Any]]]]:
    """For each kind, a function giving the next (url, POST data or {}), as make_sessions picks."""
    from csphub.agencies.models import Membership
    from csphub.cases.models import Case, CaseParty
    from csphub.people.models import Person

    membership = Membership.objects.filter(user__username=username, is_active=True).first()
    assert membership is not None
    agency = membership.agency_id
    cases = sorted(Case.objects.filter(owning_agency_id=agency).values_list("pk", flat=True))
    cases = rng.sample(cases, min(300, len(cases)))
    surnames = sorted(
        set(CaseParty.objects.filter(case_id__in=cases[:100]).values_list("person__family_name", flat=True))
    )[:100] or ["Smith"]
    people = sorted(Person.objects.filter(owning_agency_id=agency).values_list("pk", flat=True))
    people = rng.sample(people, min(100, len(people)))
    if not cases or not people:
        raise SystemExit(f"{username}'s agency owns no cases or people in this database")
    return {
        "baseline": lambda: ("/help/", {}),
        "case_list": lambda: ("/cases/", {}),
        "case_page": lambda: (f"/cases/{rng.choice(cases)}/", {}),
        "search": lambda: (f"/cases/search/?q={rng.choice(surnames)}", {}),
        "person": lambda: (f"/people/{rng.choice(people)}/", {}),
        "api_cases": lambda: ("/api/v1/cases", {}),
        "home": lambda: ("/home/", {}),
        "add_note": lambda: (
            f"/cases/{rng.choice(cases)}/notes/new/",
            {"text": f"Benchmark note {rng.random():.6f}", "visibility": "agency"},
        ),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.05, help="as bench_cases.py (1.0 = 100k cases)")
    parser.add_argument("--rounds", type=int, default=30, help="counted requests of each kind")
    parser.add_argument("--warmup", type=int, default=3, help="uncounted rounds first")
    parser.add_argument("--persona", default="avbc_caseworker")
    parser.add_argument("--src", type=Path, help="import this src folder instead of this tree's")
    parser.add_argument("--profile", choices=KINDS, help="then profile this kind with cProfile")
    parser.add_argument("--profile-sort", default="tottime", choices=["tottime", "cumulative"])
    parser.add_argument("--profile-lines", type=int, default=45)
    parser.add_argument(
        "--db-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/csphub_bench"),
    )
    args = parser.parse_args(argv)

    def say(message: str) -> None:
        print(message, flush=True)

    setup(args, say)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    import csphub

    client = signed_in_client(args.persona)
    rng = random.Random(7)
    next_request = requests_for(args.persona, rng)

    def ask(kind: str) -> None:
        url, data = next_request[kind]()
        response = client.post(url, data) if data else client.get(url)
        expected = 302 if data else 200
        if response.status_code != expected:
            raise RuntimeError(f"{url} answered {response.status_code}, not {expected}")

    def backend_pid() -> int | None:
        raw = connection.connection
        return getattr(getattr(raw, "info", None), "backend_pid", None)

    cpu: dict[str, list[float]] = {k: [] for k in KINDS}
    pg: dict[str, list[float]] = {k: [] for k in KINDS}
    load_before = os.getloadavg()[0]
    for i in range(args.warmup + args.rounds):
        order = KINDS[i % len(KINDS) :] + KINDS[: i % len(KINDS)]
        for kind in order:
            pid = backend_pid()
            pg0, t0 = backend_cpu_ms(pid), time.process_time()
            ask(kind)
            t1 = time.process_time()
            if i >= args.warmup:
                cpu[kind].append((t1 - t0) * 1000)
                # A reconnect mid-request would read another backend: count only a kept connection.
                if pid is not None and backend_pid() == pid:
                    pg[kind].append(backend_cpu_ms(pid) - pg0)
    queries = {}
    for kind in KINDS:
        with CaptureQueriesContext(connection) as ctx:
            ask(kind)
        queries[kind] = len(ctx.captured_queries)
    load = os.getloadavg()[0]

    say(
        f"CPU per request, {args.rounds} rounds after {args.warmup} warm-up, as {args.persona} "
        f"(scale {args.scale}, src {Path(csphub.__file__).parent.parent}; "
        f"1-minute load {load_before:.1f} at the start, {load:.1f} at the end)"
    )
    say(f"{'kind':10} {'mean ms':>8} {'p50 ms':>8} {'ratio':>7} {'PG ms':>7} {'queries':>8}")
    base = statistics.mean(cpu["baseline"])
    for kind in KINDS:
        mean = statistics.mean(cpu[kind])
        pg_mean = statistics.mean(pg[kind]) if pg[kind] else float("nan")
        say(
            f"{kind:10} {mean:8.1f} {statistics.median(cpu[kind]):8.1f} {mean / base:6.1f}x "
            f"{pg_mean:7.1f} {queries[kind]:8d}"
        )
    total = sum(WEIGHTS.values())
    mix = sum(w * statistics.mean(cpu[k]) for k, w in WEIGHTS.items()) / total
    mix_pg = sum(w * statistics.mean(pg[k]) for k, w in WEIGHTS.items() if pg[k]) / total
    say(f"{'mix':10} {mix:8.1f} {'':8} {mix / base:6.1f}x {mix_pg:7.1f}   (locust weights)")

    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile(time.process_time)  # CPU, not waiting on the database
        profiler.enable()
        for _ in range(args.rounds):
            ask(args.profile)
        profiler.disable()
        say(f"\ncProfile of {args.rounds} requests of {args.profile}, by {args.profile_sort}:")
        pstats.Stats(profiler, stream=sys.stdout).sort_stats(args.profile_sort).print_stats(
            args.profile_lines
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
