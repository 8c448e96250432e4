"""Benchmark: ASB casework pages at scale on PostgreSQL, each figure beside a baseline from the same run.

    python benchmarks/bench_cases.py [--scale 1.0] [--db-url postgresql://postgres@127.0.0.1:5432/csphub_bench]
                                     [--repeats 40] [--reseed]

Seeds a separate PostgreSQL database (created if missing; re-seeded only when its scale differs or
``--reseed``) with, at ``--scale 1``: 100,000 cases, 1,000,000 incidents, 300,000 people, 150,000
addresses, their parties and case links, spread over the demo partnership's eight agencies, plus
2,000 police cases shared with the council under the ASB ISA. Rows go in by COPY from a seeded
generator (``random.Random(2026)``), so the same scale gives the same data.

Then, as one user (``avbc_caseworker``, a council caseworker who may see about 30 % of it through
the policy), it measures p50/p95 over ``--repeats`` runs of:

- case list page (full request: middleware, template, audit): LIMIT page+1 on the policy queryset;
  baselines: the same page with the case-list indexes dropped, and Django's Paginator (COUNT(*) of
  every visible case + OFFSET) at query level;
- search page (cases, people, addresses): trigram GIN indexes (migration 0002); baseline: the same
  page with those indexes dropped;
- person page: the policy queryset with a party subquery; baselines: the same page with the
  party-person indexes dropped, and a naive ORM loop calling ``can()`` per incident;
- related-records prompt (selector): indexed narrowing by party/address/UPRN, then the pure rule;
  baselines: the same selector with those indexes dropped, and every visible incident in the period
  through the rule in Python.

Index-dropping baselines run inside a transaction that is rolled back, so nothing changes.

Targets (issue 4): list and search p95 < 150 ms, related prompt p95 < 50 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from seed_cases import drop_database, ensure_database, mark_seeded, seed, seeded_scale, setup_django  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


# --------------------------------------------------------------------------------------------
# measurements
# --------------------------------------------------------------------------------------------


def timed(fn: Callable[[], Any], repeats: int, warmup: int = 2) -> list[float]:
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def measure(repeats: int, baseline_repeats: int, say: Callable[[str], None]) -> list[dict[str, Any]]:
    from django.contrib.auth import get_user_model
    from django.core.paginator import Paginator
    from django.db import connection, transaction
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from csphub.agencies.policies import Action, can
    from csphub.cases import config, rules, selectors
    from csphub.cases.models import Incident, IncidentParty, PartyRole
    from csphub.people.models import Person

    user = get_user_model().objects.get(username="avbc_caseworker")
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()

    visible_cases = selectors.case_list_visible_to(user)
    say(
        f"  avbc_caseworker sees {visible_cases.count():,} cases and "
        f"{selectors.incident_list_visible_to(user).count():,} incidents"
    )

    rng = random.Random(7)
    # Search terms: surnames that occur in the user's visible cases.
    sample = list(visible_cases.order_by("?").values_list("search_text", flat=True)[:repeats])
    terms = [text.split()[-1] for text in sample] or ["Ashbrook"]
    # The person page: a visible person with many incidents (a repeat victim).
    person_id = (
        IncidentParty.objects.filter(role="victim", person__owning_agency=user.memberships.first().agency)
        .values("person_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("person_id", flat=True)
        .first()
    )
    person = Person.objects.get(pk=person_id)
    n_person_incidents = IncidentParty.objects.filter(person=person).count()
    incident_ids = list(
        selectors.incident_list_visible_to(user)
        .filter(address__isnull=False)
        .order_by("?")
        .values_list("pk", flat=True)[:repeats]
    )
    results = []

    def record(
        name: str, ours: list[float], base: list[float], base_label: str, target: float | None
    ) -> None:
        row = {
            "name": name,
            "p50": statistics.median(ours),
            "p95": percentile(ours, 0.95),
            "base_p50": statistics.median(base),
            "base_p95": percentile(base, 0.95),
            "baseline": base_label,
            "target": target,
            "n": len(ours),
            "base_n": len(base),
        }
        results.append(row)
        say(
            f"  {name}: p50 {row['p50']:.1f} ms, p95 {row['p95']:.1f} ms | baseline ({base_label}) "
            f"p50 {row['base_p50']:.1f} ms, p95 {row['base_p95']:.1f} ms"
        )

    trgm = importlib.import_module("csphub.cases.migrations.0002_trigram_search").INDEXES

    def indexes_on(table: str, column: str) -> list[str]:
        """Every non-primary-key index whose definition starts with ``column`` on ``table``."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexname NOT LIKE %s "
                "AND (indexdef LIKE %s OR indexdef LIKE %s)",
                [table, "%_pkey", f"%({column}%", f'%("{column}"%'],
            )
            return [r[0] for r in cursor.fetchall()]

    def timed_without(indexes: list[str], fn: Callable[[], Any], n: int) -> list[float]:
        """``fn`` timed in a transaction that first drops ``indexes``; always rolled back."""
        times = []
        for i in range(n + 1):
            with transaction.atomic():
                with connection.cursor() as cursor:
                    for name in indexes:
                        cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
                t0 = time.perf_counter()
                fn()
                if i:  # the first run warms up
                    times.append((time.perf_counter() - t0) * 1000)
                transaction.set_rollback(True)
        return times

    # 1. Case list page.
    list_url = reverse("cases:case_list")

    def list_page() -> None:
        response = client.get(list_url, {"status": "open"})
        assert response.status_code == 200

    def list_query() -> None:
        rows = list(selectors.case_list_visible_to(user, status="open").order_by("-opened_at", "-pk")[:51])
        assert rows is not None

    def list_baseline() -> None:
        page = Paginator(
            selectors.case_list_visible_to(user, status="open").order_by("-opened_at", "-pk"), 50
        )
        rows = list(page.page(1).object_list)
        assert page.count >= len(rows)

    list_indexes = (
        indexes_on("cases_case", "owning_agency_id")
        + indexes_on("cases_case", "status")
        + indexes_on("cases_case", "opened_at")
    )
    record(
        "case list page (open, page 1)",
        timed(list_page, repeats),
        timed_without(list_indexes, list_page, baseline_repeats),
        f"same page, {len(list_indexes)} case-list indexes dropped",
        150,
    )
    record(
        "case list query (LIMIT 51)",
        timed(list_query, repeats),
        timed(list_baseline, baseline_repeats),
        "Django Paginator: COUNT(*) of all visible + OFFSET",
        None,
    )

    # 2. Search page.
    search_url = reverse("cases:search")
    term_iter = iter(terms * 100)

    def search_page() -> None:
        response = client.get(search_url, {"q": next(term_iter)})
        assert response.status_code == 200

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_indexes WHERE indexname LIKE 'cases_%%_trgm'")
        n_trgm = cursor.fetchone()[0]
    say(f"  trigram indexes present: {n_trgm}")
    record(
        "search page (cases, people, addresses)",
        timed(search_page, repeats),
        timed_without([name for name, _t, _c in trgm], search_page, baseline_repeats),
        "same page, trigram indexes dropped",
        150,
    )

    # 3. Person page.
    person_url = reverse("people:detail", args=[person.pk])

    def person_page() -> None:
        response = client.get(person_url)
        assert response.status_code == 200

    def person_query() -> None:
        rows = list(selectors.incidents_for_person(user=user, person=person)[:200])
        assert rows is not None

    def person_naive() -> None:
        incidents = [
            p.incident
            for p in IncidentParty.objects.filter(person=person).select_related("incident")
            if can(user, Action.VIEW, p.incident)
        ]
        assert incidents is not None

    person_indexes = indexes_on("cases_incidentparty", "person_id") + indexes_on(
        "cases_caseparty", "person_id"
    )
    record(
        f"person page ({n_person_incidents} incidents)",
        timed(person_page, repeats),
        timed_without(person_indexes, person_page, baseline_repeats),
        f"same page, {len(person_indexes)} party-person indexes dropped",
        None,
    )
    record(
        "person incidents query",
        timed(person_query, repeats),
        timed(person_naive, baseline_repeats),
        "naive ORM: can() per party's incident",
        None,
    )

    # 4. Related-records prompt.
    incident_iter = iter(incident_ids * 10)

    def related() -> None:
        incident = Incident.objects.get(pk=next(incident_iter))
        selectors.related_records_for_incident(user=user, incident=incident)

    rule = config.related_record_rule()

    def related_naive() -> None:
        incident = Incident.objects.get(pk=next(incident_iter))
        people = list(incident.parties.values_list("person_id", "role"))
        new = rules.RecordKeys(
            incident.occurred_at,
            frozenset(p for p, r in people if r == PartyRole.VICTIM),
            frozenset(p for p, r in people if r == PartyRole.ALLEGED_PERPETRATOR),
            rules.address_keys(address_id=incident.address_id, uprn=incident.uprn or None),
        )
        window = dt.timedelta(days=rule.period_days)
        found = []
        candidates = (
            selectors.incident_list_visible_to(user)
            .filter(
                occurred_at__gte=incident.occurred_at - window, occurred_at__lte=incident.occurred_at + window
            )
            .select_related(None)
            .prefetch_related("parties")
        )
        for other in candidates.iterator(chunk_size=5000):
            parties = [(p.person_id, p.role) for p in other.parties.all()]
            keys = rules.RecordKeys(
                other.occurred_at,
                frozenset(p for p, r in parties if r == PartyRole.VICTIM),
                frozenset(p for p, r in parties if r == PartyRole.ALLEGED_PERPETRATOR),
                rules.address_keys(address_id=other.address_id, uprn=other.uprn or None),
            )
            if rules.related_match_reasons(new, keys, rule=rule):
                found.append(other.pk)

    ours_related = timed(related, repeats)
    related_indexes = (
        indexes_on("cases_incidentparty", "person_id")
        + indexes_on("cases_incident", "address_id")
        + indexes_on("cases_incident", "uprn")
    )
    record(
        "related-records prompt (selector)",
        ours_related,
        timed_without(related_indexes, related, baseline_repeats),
        f"same selector, {len(related_indexes)} party/address/UPRN indexes dropped",
        50,
    )
    record(
        "related-records prompt (selector)",
        ours_related,
        timed(related_naive, max(1, min(3, baseline_repeats)), warmup=0),
        "naive: all visible incidents in the period through the rule in Python",
        50,
    )
    _ = (timezone, rng)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale", type=float, default=1.0, help="1.0 = 100k cases, 1M incidents, 300k people"
    )
    parser.add_argument(
        "--db-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/csphub_bench"),
    )
    parser.add_argument("--repeats", type=int, default=40)
    parser.add_argument("--baseline-repeats", type=int, default=10)
    parser.add_argument("--reseed", action="store_true", help="drop and re-create the benchmark database")
    args = parser.parse_args(argv)

    def say(message: str) -> None:
        print(message, flush=True)

    if args.reseed:
        drop_database(args.db_url)
    ensure_database(args.db_url)
    setup_django(args.db_url)
    from django.core.management import call_command

    if seeded_scale() not in (None, args.scale):
        say(f"Database holds scale {seeded_scale()}; re-creating for scale {args.scale}")
        from django.db import connections

        connections.close_all()
        drop_database(args.db_url)
        ensure_database(args.db_url)
    call_command("migrate", verbosity=0)
    if seeded_scale() != args.scale:
        say(f"Seeding scale {args.scale} into {args.db_url.rpartition('/')[2]} …")
        counts = seed(args.scale, say)
        mark_seeded(args.scale)
        say(f"Seeded: {counts}")
    else:
        say(f"Reusing seeded database (scale {args.scale})")
    say("Measuring (single user, warm cache):")
    results = measure(args.repeats, args.baseline_repeats, say)
    say("")
    say(f"{'measure':44} {'p50 ms':>8} {'p95 ms':>8} {'target':>7}   baseline p50 / p95 ms")
    failed = False
    for row in results:
        target = f"<{row['target']}" if row["target"] else "-"
        ok = row["target"] is None or row["p95"] < row["target"]
        failed |= not ok
        say(
            f"{row['name'][:44]:44} {row['p50']:8.1f} {row['p95']:8.1f} {target:>7}   "
            f"{row['base_p50']:.1f} / {row['base_p95']:.1f}  ({row['baseline']}){'' if ok else '  MISSED'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
