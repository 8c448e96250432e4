"""``csphub backup`` and ``csphub restore``: database, uploaded documents and the analytics store.

A backup is a folder::

    database.dump | database.sqlite3   pg_dump custom format (PostgreSQL) or an SQLite copy
    files/private-media/…              evidence and letters (never served directly)
    files/analytics/…                  the police.uk store (Parquet + manifest)
    files/assessments/…                rendered Strategic Assessments
    manifest.json                      record count of every table, SHA-256 of every file,
                                       the audit chain's head and length

Consistency: on PostgreSQL the counts and the dump come from one exported snapshot (``pg_dump
--snapshot``), so they describe the same instant even while the app is writing; on SQLite the
online backup API copies a consistent database and the counts are taken from the copy. The analytics
store is copied while holding its lock, so no ingest commits half-way through the copy. Files are
copied after the database snapshot, so every document the database refers to is already on disk.

``restore`` loads a backup into an *empty* database and data folder, then checks it: every table's
count, every file's hash and the audit chain (intact, same head) must match the manifest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3

# pg_dump and pg_restore run with argument lists, never through a shell.
import subprocess  # nosec B404
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

from csphub.analytics.locking import LOCK_NAME, store_lock

FORMAT_VERSION = 1
FILE_AREAS = ("private-media", "analytics", "assessments")
Progress = Callable[[str], None]


class BackupError(RuntimeError):
    pass


def _area_roots() -> dict[str, Path]:
    data = Path(settings.DATA_DIR)
    return {
        "private-media": Path(settings.PRIVATE_MEDIA_ROOT),
        "analytics": Path(getattr(settings, "ANALYTICS_DATA_DIR", data)) / "analytics",
        "assessments": data / "assessments",
    }


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _skipped(relative: Path) -> bool:
    """The store's lock file and a killed run's debris are not data."""
    return relative.name == LOCK_NAME or any(
        part.startswith((".staging-", ".manifest-", ".incoming")) or part.endswith(".tmp")
        for part in relative.parts
    )


def _hash_tree(root: Path, prefix: str) -> dict[str, str]:
    out = {}
    if root.exists():
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(root)
            if path.is_file() and not _skipped(relative):
                out[f"{prefix}/{relative.as_posix()}"] = _sha256(path)
    return out


def _copy_tree(src: Path, dst: Path) -> None:
    if not src.exists():
        return
    shutil.copytree(
        src, dst, dirs_exist_ok=True, ignore=lambda d, names: [n for n in names if _skipped(Path(n))]
    )


def _tables() -> list[str]:
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor))


def _counts(cursor: Any, tables: list[str], quote: Callable[[str], str]) -> dict[str, int]:
    counts = {}
    for table in tables:
        # Table names come from the database's own catalogue, quoted.
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
        counts[table] = int(cursor.fetchone()[0])
    return counts


def _audit_head(cursor: Any) -> tuple[str, int]:
    cursor.execute("SELECT row_hash FROM audit_auditevent ORDER BY id DESC LIMIT 1")
    row = cursor.fetchone()
    cursor.execute("SELECT COUNT(*) FROM audit_auditevent")
    return (row[0] if row else ""), int(cursor.fetchone()[0])


def _pg_args() -> tuple[list[str], dict[str, str]]:
    db = connection.settings_dict
    args = ["--dbname", str(db["NAME"])]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _pg_connect() -> Any:
    import psycopg

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    return psycopg.connect(**params)


def make_backup(destination: Path, *, progress: Progress = lambda _m: None) -> dict[str, Any]:
    destination = Path(destination)
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"{destination} is not empty; choose a new folder for the backup.")
    destination.mkdir(parents=True, exist_ok=True)
    tables = _tables()
    manifest: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "vendor": connection.vendor,
    }
    progress("Database …")
    if connection.vendor == "postgresql":
        with _pg_connect() as conn:
            conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
            with conn.cursor() as cursor:
                manifest["tables"] = _counts(cursor, tables, lambda t: f'"{t}"')
                manifest["audit_head"], manifest["audit_events"] = _audit_head(cursor)
            args, env = _pg_args()
            # A fixed program and an argument list, no shell.
            subprocess.run(  # noqa: S603  # nosec B603 B607
                ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",  # noqa: S607
                 "--file", str(destination / "database.dump"), *args],
                env=env, check=True, capture_output=True,
            )  # fmt: skip
            conn.rollback()
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(destination / "database.sqlite3")
        try:
            connection.connection.backup(target)
            cursor = target.cursor()
            manifest["tables"] = _counts(cursor, tables, lambda t: f'"{t}"')
            manifest["audit_head"], manifest["audit_events"] = _audit_head(cursor)
        finally:
            target.close()
    else:  # pragma: no cover
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")
    progress("Documents, analytics store and assessments …")
    roots = _area_roots()
    files: dict[str, str] = {}
    for area, root in roots.items():
        if area == "analytics":
            with store_lock(root):
                _copy_tree(root, destination / "files" / area)
        else:
            _copy_tree(root, destination / "files" / area)
        files.update(_hash_tree(destination / "files" / area, area))
    manifest["files"] = files
    (destination / "manifest.json").write_text(
        json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8"
    )
    return manifest


def restore_backup(source: Path, *, force: bool = False, progress: Progress = lambda _m: None) -> list[str]:
    source = Path(source)
    try:
        manifest = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"{source} has no readable manifest.json: {exc}") from exc
    if manifest.get("vendor") != connection.vendor:
        raise BackupError(
            f"This backup is of a {manifest.get('vendor')} database; the target is {connection.vendor}."
        )
    existing = _tables()
    if existing and not force:
        with connection.cursor() as cursor:
            counts = _counts(cursor, existing, connection.ops.quote_name)
        if any(counts.values()):
            raise BackupError("The target database already holds data; restore into a new, empty database.")
    roots = _area_roots()
    for root in roots.values():
        files_there = root.exists() and any(
            p for p in root.rglob("*") if p.is_file() and not _skipped(p.relative_to(root))
        )
        if files_there and not force:
            raise BackupError(f"The target folder {root} is not empty; restore into a new data folder.")
    progress("Database …")
    if connection.vendor == "postgresql":
        args, env = _pg_args()
        cmd = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *args]
        if existing:
            cmd.insert(1, "--clean")
            cmd.insert(2, "--if-exists")
        connection.close()
        # A fixed program and an argument list, no shell.
        result = subprocess.run(  # noqa: S603  # nosec B603
            [*cmd, str(source / "database.dump")], env=env, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()[:2000]}")
    else:
        target_path = Path(connection.settings_dict["NAME"])
        connection.close()
        backup = sqlite3.connect(source / "database.sqlite3")
        target = sqlite3.connect(target_path)
        try:
            backup.backup(target)
        finally:
            backup.close()
            target.close()
    progress("Documents, analytics store and assessments …")
    for area, root in roots.items():
        root.mkdir(parents=True, exist_ok=True)
        if area == "analytics":
            with store_lock(root):
                _copy_tree(source / "files" / area, root)
        else:
            _copy_tree(source / "files" / area, root)
    progress("Verifying …")
    return verify_restore(manifest)


def verify_restore(manifest: dict[str, Any]) -> list[str]:
    """Every difference between the live database and files and ``manifest``."""
    from csphub.audit.chain import verify_chain

    problems: list[str] = []
    tables = _tables()
    with connection.cursor() as cursor:
        counts = _counts(cursor, tables, connection.ops.quote_name)
    for table, expected in sorted(manifest["tables"].items()):
        if counts.get(table) != expected:
            problems.append(f"table {table}: {counts.get(table)} records, the backup has {expected}")
    files: dict[str, str] = {}
    for area, root in _area_roots().items():
        files.update(_hash_tree(root, area))
    for name, digest in sorted(manifest["files"].items()):
        if files.get(name) != digest:
            problems.append(f"file {name}: " + ("missing" if name not in files else "different content"))
    chain = verify_chain()
    if not chain.ok:
        problems.append(f"audit chain broken at event {chain.broken_at}: {chain.problem}")
    elif chain.head != (manifest.get("audit_head") or chain.head) or chain.checked != manifest.get(
        "audit_events", chain.checked
    ):
        problems.append("audit chain: its head or length differs from the backup's")
    return problems
