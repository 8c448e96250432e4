"""``csphub backup`` / ``csphub restore``: a backup restored into a fresh database and data folder has
the same record counts, file hashes and audit chain (issue "Recovery"). Runs the real commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CSPHUB = [sys.executable, "-c", "from csphub.cli import main; main()"]
PG_BASE = (
    os.environ.get("DATABASE_URL", "") if os.environ.get("DATABASE_URL", "").startswith("postgres") else ""
)

pytestmark = pytest.mark.slow


def _env(data_dir: Path, database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="csphub.config.settings.local",
        CSPHUB_DATA_DIR=str(data_dir),
        DATABASE_URL=database_url,
        PYTHONPATH=os.pathsep.join([str(REPO / "src"), env.get("PYTHONPATH", "")]),
    )
    return env


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CSPHUB, *args], env=env, capture_output=True, text=True, timeout=600, check=False)


def _pg_admin(sql: str) -> None:
    import psycopg

    base = PG_BASE.rpartition("/")[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture(params=["sqlite", "postgresql"])
def databases(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'source.sqlite3'}", f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    if not PG_BASE:
        pytest.skip("PostgreSQL run only (DATABASE_URL=postgresql://…)")
    stem = f"{PG_BASE.rpartition('/')[2]}_bk_{uuid.uuid4().hex[:8]}"
    base = PG_BASE.rpartition("/")[0]
    for name in (f"{stem}_src", f"{stem}_dst"):
        _pg_admin(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{stem}_src", f"{base}/{stem}_dst"
    finally:
        for name in (f"{stem}_src", f"{stem}_dst"):
            _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_restores_into_a_fresh_database_with_equal_counts_and_hashes(
    databases: tuple[str, str], tmp_path: Path
) -> None:
    source_url, target_url = databases
    live = _env(tmp_path / "live", source_url)
    assert _run(["migrate"], live).returncode == 0
    seeded = _run(
        [
            "manage", "shell", "-c",
            "from django.contrib.auth import get_user_model;"
            "from csphub.audit.services import audit_record;"
            "users = [get_user_model().objects.create_user(f'backup_user_{i}', password=None) for i in range(3)];"
            "[audit_record(actor=u, verb='person.viewed', target=u) for u in users for _ in range(4)]",
        ],
        live,
    )  # fmt: skip
    assert seeded.returncode == 0, seeded.stderr
    evidence = tmp_path / "live" / "private-media" / "cases" / "ab"
    evidence.mkdir(parents=True)
    (evidence / "f00d.bin").write_bytes(os.urandom(50_000))
    (tmp_path / "live" / "analytics").mkdir(parents=True)
    (tmp_path / "live" / "analytics" / "manifest.json").write_text('{"street/x/2024-01": {}}')
    (tmp_path / "live" / "analytics" / ".staging-dead").mkdir()  # debris of a killed ingest: not copied
    (tmp_path / "live" / "analytics" / ".staging-dead" / "part.parquet").write_bytes(b"half")

    backup = tmp_path / "backup"
    made = _run(["backup", str(backup)], live)
    assert made.returncode == 0, made.stderr
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["tables"]["auth_user"] == 3 and manifest["audit_events"] == 12
    assert "analytics/manifest.json" in manifest["files"]
    assert not any(".staging-" in name for name in manifest["files"])
    assert "private-media/cases/ab/f00d.bin" in manifest["files"]

    restored_env = _env(tmp_path / "restored", target_url)
    restored = _run(["restore", str(backup)], restored_env)
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "Restored and verified" in restored.stdout
    restored_file = tmp_path / "restored" / "private-media" / "cases" / "ab" / "f00d.bin"
    assert restored_file.read_bytes() == (evidence / "f00d.bin").read_bytes()
    verify = _run(["audit", "verify"], restored_env)
    assert verify.returncode == 0 and manifest["audit_head"] in verify.stdout

    # Restoring twice into the same (now full) database is refused ...
    again = _run(["restore", str(backup)], restored_env)
    assert again.returncode != 0 and "already holds data" in again.stderr
    # ... and a damaged backup is caught by the check, naming what differs.
    (backup / "files" / "analytics" / "manifest.json").write_text("{}")
    fresh = _env(tmp_path / "fresh", target_url.replace("restored", "fresh"))
    if target_url.startswith("sqlite"):
        damaged = _run(["restore", str(backup)], fresh)
        assert damaged.returncode == 1
        assert "MISMATCH: file analytics/manifest.json: different content" in damaged.stdout
