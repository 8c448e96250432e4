"""Seeding the casework benchmark database (``bench_cases.py``, ``bench_case_page.py``, the load test).

Creates the PostgreSQL database if missing and writes, at ``scale`` 1, 100,000 cases, 1,000,000
incidents, 300,000 people and 150,000 addresses by COPY from a seeded generator; ``seeded_scale``
and ``mark_seeded`` record which scale a database holds.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from seed_names import (  # noqa: E402
    AGENCY_WEIGHTS,
    BASE_ADDRESSES,
    BASE_CASES,
    BASE_INCIDENTS,
    BASE_PEOPLE,
    CATEGORIES,
    CHANNELS,
    FIRST,
    SEED,
    SHARED_POLICE_CASES,
    STREETS,
    postcode,
    surname,
)

# --------------------------------------------------------------------------------------------
# database set-up
# --------------------------------------------------------------------------------------------


def ensure_database(db_url: str) -> None:
    import psycopg

    base, _, name = db_url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(db_url: str) -> None:
    import psycopg

    base, _, name = db_url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def setup_django(db_url: str) -> None:
    os.environ["DATABASE_URL"] = db_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "csphub.config.settings.test"
    os.environ.setdefault("CSPHUB_DATA_DIR", str(REPO / "var" / "bench"))
    import django

    django.setup()


# --------------------------------------------------------------------------------------------
# seeding
# --------------------------------------------------------------------------------------------


def _copy(cursor: Any, model: Any, rows: Any, fields: list[str]) -> int:
    columns = ", ".join(f'"{model._meta.get_field(f).column}"' for f in fields)
    n = 0
    with cursor.copy(f'COPY "{model._meta.db_table}" ({columns}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)
            n += 1
    return n


def seed(scale: float, say: Callable[[str], None]) -> dict[str, Any]:
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from csphub.agencies.models import Agency, InformationSharingAgreement, Partnership, RecordShare
    from csphub.cases import rules
    from csphub.cases.models import Case, CaseIncident, CaseParty, CaseStatusChange, Incident, IncidentParty
    from csphub.demo.loader import load_core_demo
    from csphub.people.models import Address, Person

    load_core_demo()
    rng = random.Random(SEED)
    n_cases = int(BASE_CASES * scale)
    n_incidents = int(BASE_INCIDENTS * scale)
    n_people = int(BASE_PEOPLE * scale)
    n_addresses = int(BASE_ADDRESSES * scale)
    agencies = {a.slug: a.pk for a in Agency.objects.all()}
    # Every record belongs to the demo partnership, Amber Valley (ADR 0008).
    partnership = Partnership.objects.get(code="E22000037").pk
    slugs = list(AGENCY_WEIGHTS)
    weights = [AGENCY_WEIGHTS[s] for s in slugs]
    now = dt.datetime.now(dt.UTC)
    t0 = time.perf_counter()
    person_owner: list[int] = []
    person_names: list[tuple[str, str]] = []
    address_owner: list[int] = []
    address_line: list[str] = []
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg 3 cursor, for COPY

        def people_rows() -> Any:
            for pk in range(1, n_people + 1):
                owner = agencies[rng.choices(slugs, weights)[0]]
                given, family = rng.choice(FIRST), surname(rng)
                person_owner.append(owner)
                person_names.append((given, family))
                yield (
                    pk,
                    now,
                    now,
                    owner,
                    False,
                    "individual",
                    given,
                    family,
                    "",
                    None,
                    "",
                    "",
                    "",
                    "",
                    "",
                    partnership,
                )

        _copy(
            raw,
            Person,
            people_rows(),
            [
                "id",
                "created_at",
                "modified_at",
                "owning_agency",
                "is_restricted",
                "kind",
                "given_name",
                "family_name",
                "known_as",
                "date_of_birth",
                "gender",
                "ethnicity",
                "phone",
                "email",
                "vulnerability_notes",
                "partnership",
            ],
        )
        say(f"  people: {n_people:,} ({time.perf_counter() - t0:.0f} s)")

        def address_rows() -> Any:
            for pk in range(1, n_addresses + 1):
                owner = agencies[rng.choices(slugs, weights)[0]]
                line = f"{rng.randint(1, 300)} {surname(rng)} {rng.choice(STREETS).split()[-1]}"
                address_owner.append(owner)
                address_line.append(line)
                yield (
                    pk,
                    now,
                    now,
                    owner,
                    False,
                    line,
                    "",
                    "Ripley",
                    postcode(rng),
                    str(100_000_000_000 + pk),
                    440_000.0 + rng.uniform(-8000, 8000),
                    350_000.0 + rng.uniform(-8000, 8000),
                    "E01019400",
                    partnership,
                )

        _copy(
            raw,
            Address,
            address_rows(),
            [
                "id",
                "created_at",
                "modified_at",
                "owning_agency",
                "is_restricted",
                "line_1",
                "line_2",
                "town",
                "postcode",
                "uprn",
                "easting_m",
                "northing_m",
                "lsoa_code",
                "partnership",
            ],
        )
        say(f"  addresses: {n_addresses:,} ({time.perf_counter() - t0:.0f} s)")

        # Incidents: owned by one agency; victim and address usually of the same agency, so a
        # minority of people are repeat victims (skewed choice), as in real casework.
        incident_owner: list[int] = []
        incident_victim: list[int] = []
        incident_perp: list[int] = []
        incident_when: list[dt.datetime] = []
        incident_type: list[str] = []
        incident_address: list[int | None] = []

        def incident_rows() -> Any:
            for pk in range(1, n_incidents + 1):
                owner = agencies[rng.choices(slugs, weights)[0]]
                asb_type = rng.choices(list(CATEGORIES), [3, 5, 2])[0]
                occurred = now - dt.timedelta(minutes=rng.randint(60, 3 * 365 * 24 * 60))
                reported = occurred + dt.timedelta(minutes=rng.randint(0, 3 * 24 * 60))
                # 10 % of reports come from 1 % of people: repeat victims (about 30 reports each).
                victim = (
                    rng.randint(1, max(1, n_people // 100))
                    if rng.random() < 0.1
                    else rng.randint(1, n_people)
                )
                perp = rng.randint(1, n_people) if rng.random() < 0.5 else 0
                address = rng.randint(1, n_addresses) if rng.random() < 0.6 else None
                incident_owner.append(owner)
                incident_victim.append(victim)
                incident_perp.append(perp)
                incident_when.append(occurred)
                incident_type.append(asb_type)
                incident_address.append(address)
                yield (
                    pk,
                    now,
                    now,
                    owner,
                    False,
                    occurred,
                    reported,
                    owner,
                    rng.choice(CHANNELS),
                    asb_type,
                    rng.choice(CATEGORIES[asb_type]),
                    "Synthetic benchmark incident description.",
                    False,
                    "",
                    address,
                    "",
                    None,
                    None,
                    None,
                    None,
                    str(100_000_000_000 + address) if address else "",
                    "E01019400",
                    partnership,
                )

        _copy(
            raw,
            Incident,
            incident_rows(),
            [
                "id",
                "created_at",
                "modified_at",
                "owning_agency",
                "is_restricted",
                "occurred_at",
                "reported_at",
                "reporting_agency",
                "channel",
                "asb_type",
                "category",
                "description",
                "is_hate_motivated",
                "police_reference",
                "address",
                "location_description",
                "longitude",
                "latitude",
                "easting_m",
                "northing_m",
                "uprn",
                "lsoa_code",
                "partnership",
            ],
        )
        say(f"  incidents: {n_incidents:,} ({time.perf_counter() - t0:.0f} s)")

        def party_rows() -> Any:
            pk = 0
            for i in range(n_incidents):
                pk += 1
                yield (pk, now, now, i + 1, incident_victim[i], "victim")
                if incident_perp[i]:
                    pk += 1
                    yield (pk, now, now, i + 1, incident_perp[i], "alleged_perpetrator")

        n_parties = _copy(
            raw,
            IncidentParty,
            party_rows(),
            ["id", "created_at", "modified_at", "incident", "person", "role"],
        )
        say(f"  incident parties: {n_parties:,} ({time.perf_counter() - t0:.0f} s)")

        # Cases: each from ~3 incidents of its owning agency (consecutive ids of that agency).
        by_owner: dict[int, list[int]] = {}
        for i, owner in enumerate(incident_owner):
            by_owner.setdefault(owner, []).append(i)
        case_rows_data = []
        links = []
        case_parties = []
        cursor_by_owner = dict.fromkeys(by_owner, 0)
        owners = list(by_owner)
        owner_weights = [len(by_owner[o]) for o in owners]
        statuses = ["open", "investigating", "action", "monitoring", "closed", "closed", "closed"]
        for pk in range(1, n_cases + 1):
            owner = rng.choices(owners, owner_weights)[0]
            pool = by_owner[owner]
            start = cursor_by_owner[owner]
            members = pool[start : start + 3] or pool[:3]
            cursor_by_owner[owner] = (start + 3) % max(1, len(pool) - 3)
            first = members[0]
            status = rng.choice(statuses)
            opened = min(incident_when[m] for m in members) + dt.timedelta(days=1)
            closed = opened + dt.timedelta(days=rng.randint(10, 200)) if status == "closed" else None
            names = []
            seen = set()
            for m in members:
                links.append((m + 1,))
                for person, role in (
                    (incident_victim[m], "victim"),
                    (incident_perp[m], "alleged_perpetrator"),
                ):
                    if person and (person, role) not in seen:
                        seen.add((person, role))
                        case_parties.append((pk, person, role))
                        names += person_names[person - 1]
            summary = f"{incident_type[first].title()} ASB affecting a resident"
            search_text = " ".join([f"ASB-{pk:06d}", summary, *names])
            case_rows_data.append(
                (
                    pk,
                    now,
                    now,
                    owner,
                    False,
                    summary,
                    status,
                    incident_type[first],
                    None,
                    opened,
                    closed,
                    "Synthetic" if closed else "",
                    "resolved" if closed else "",
                    search_text,
                    "person",
                    "",
                    [m + 1 for m in members],
                )
            )

        _copy(
            raw,
            Case,
            ((*r[:16], partnership) for r in case_rows_data),
            [
                "id",
                "created_at",
                "modified_at",
                "owning_agency",
                "is_restricted",
                "summary",
                "status",
                "asb_type",
                "case_officer",
                "opened_at",
                "closed_at",
                "closure_reason",
                "outcome",
                "search_text",
                "subject_kind",
                "subject_description",
                "partnership",
            ],
        )

        def link_rows() -> Any:
            pk = 0
            for r in case_rows_data:
                for incident_id in r[16]:
                    pk += 1
                    yield (pk, now, now, r[0], incident_id)

        n_links = _copy(
            raw, CaseIncident, link_rows(), ["id", "created_at", "modified_at", "case", "incident"]
        )
        _copy(
            raw,
            CaseParty,
            ((i + 1, now, now, c, p, role) for i, (c, p, role) in enumerate(case_parties)),
            ["id", "created_at", "modified_at", "case", "person", "role"],
        )
        _copy(
            raw,
            CaseStatusChange,
            ((r[0], now, now, r[0], "", "open", "", "", "") for r in case_rows_data),
            [
                "id",
                "created_at",
                "modified_at",
                "case",
                "from_status",
                "to_status",
                "reason",
                "outcome",
                "victim_told_how",
            ],
        )
        say(
            f"  cases: {n_cases:,}, case-incident links {n_links:,}, case parties {len(case_parties):,} "
            f"({time.perf_counter() - t0:.0f} s)"
        )

        # Some police cases shared with the council under the ASB ISA (panel summaries).
        isa = InformationSharingAgreement.objects.get(reference="AV-ISA-ASB-01")
        case_type = ContentType.objects.get_for_model(Case)
        police_cases = [r[0] for r in case_rows_data if r[3] == agencies["police"]][
            : int(SHARED_POLICE_CASES * scale)
        ]
        _copy(
            raw,
            RecordShare,
            (
                (
                    i + 1,
                    now,
                    now,
                    case_type.pk,
                    pk,
                    agencies["avbc"],
                    isa.pk,
                    "summary",
                    "Benchmark panel share",
                    None,
                )
                for i, pk in enumerate(police_cases)
            ),
            [
                "id",
                "created_at",
                "modified_at",
                "content_type",
                "object_id",
                "agency",
                "agreement",
                "scope",
                "reason",
                "revoked_at",
            ],
        )

        for model in (
            Person,
            Address,
            Incident,
            IncidentParty,
            Case,
            CaseIncident,
            CaseParty,
            CaseStatusChange,
            RecordShare,
        ):
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                f'COALESCE((SELECT MAX(id) FROM "{table}"), 1))'
            )
        cursor.execute("ANALYZE")
    say(f"  seeded and analysed in {time.perf_counter() - t0:.0f} s")
    _ = rules  # the pure rules are exercised by the measurements
    return {"cases": n_cases, "incidents": n_incidents, "people": n_people, "addresses": n_addresses}


def seeded_scale() -> float | None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_meta (key text primary key, value text)")
        cursor.execute("SELECT value FROM bench_meta WHERE key = 'scale'")
        row = cursor.fetchone()
    return float(row[0]) if row else None


def mark_seeded(scale: float) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_meta VALUES ('scale', %s) ON CONFLICT (key) DO UPDATE SET value = %s",
            [str(scale), str(scale)],
        )
