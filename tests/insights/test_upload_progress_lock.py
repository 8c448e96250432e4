"""The upload job writes its progress while the page polls it (issue 12 item 5). On SQLite a
connection that another holds a write lock against fails at once with "database table is locked"
(the test suite's shared in-memory database; a file database answers "database is locked" once its
wait runs out). The page must never fail for it, and a load must never fail because its progress
could not be written.

Each test holds a real write transaction on the uploads table from a second SQLite connection, as
the job (or another request) does, and first shows that a plain read fails under it."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.db import OperationalError, connection

from csphub.agencies.models import Partnership
from csphub.insights.models import DataUpload, UploadStatus

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def upload(persona: Any) -> DataUpload:
    if connection.vendor != "sqlite":
        pytest.skip("the lock is SQLite's: PostgreSQL readers never wait for writers")
    return DataUpload.objects.create(
        partnership=Partnership.objects.get(code="E22000037"),
        folder="locked",
        status=UploadStatus.RUNNING,
        files_total=3,
        files_done=1,
        created_by=persona("avbc_analyst"),
    )


def _hold(upload: DataUpload) -> sqlite3.Connection:
    """Another connection to the same database (the test suite's shared in-memory one, or a file)
    writes the upload's row in a transaction it leaves open."""
    other = sqlite3.connect(
        str(connection.settings_dict["NAME"]), uri=True, check_same_thread=False, timeout=0
    )
    other.isolation_level = None
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE insights_dataupload SET files_done = 2, rows_done = 700 WHERE id = ?", [upload.pk])
    return other


def _release(other: sqlite3.Connection) -> None:
    other.execute("COMMIT")
    other.close()


@contextmanager
def write_lock(upload: DataUpload, *, release_after: float | None = None) -> Iterator[None]:
    """The upload's row write-locked by another connection, committed after ``release_after``
    seconds (from a thread) or when the block ends."""
    other = _hold(upload)
    timer = threading.Timer(release_after, _release, [other]) if release_after else None
    if timer is not None:
        timer.start()
    try:
        yield
    finally:
        if timer is not None:
            timer.join()
        else:
            _release(other)


def test_the_lock_is_real_a_plain_read_fails_under_it(upload: DataUpload) -> None:
    with write_lock(upload), pytest.raises(OperationalError, match="locked"):
        DataUpload.objects.get(pk=upload.pk).rows_done  # noqa: B018


def test_the_progress_page_answers_busy_while_the_lock_is_held(upload: DataUpload, client_as: Any) -> None:
    client = client_as("avbc_analyst")
    # The page has been polling: its session's activity clock is fresh, so this request writes
    # nothing (a session write would wait for the lock like any other write).
    assert client.get(f"/insights/data/{upload.pk}/progress.json").json()["files_done"] == 1
    with write_lock(upload):
        started = time.monotonic()
        response = client.get(f"/insights/data/{upload.pk}/progress.json")
        waited = time.monotonic() - started
    assert response.status_code == 200
    assert response.json() == {"busy": True, "finished": False}
    assert 1.5 <= waited < 10  # it waited out the lock for about two seconds, then answered


def test_the_progress_page_waits_for_a_short_lock_and_shows_the_new_figures(
    upload: DataUpload, client_as: Any
) -> None:
    client = client_as("avbc_analyst")
    with write_lock(upload, release_after=0.4):
        response = client.get(f"/insights/data/{upload.pk}/progress.json")
    assert response.status_code == 200
    body = response.json()
    assert (body["files_done"], body["rows_done"], body["finished"]) == (2, 700, False)
    assert "busy" not in body


def test_a_load_finishes_although_its_progress_writes_meet_a_lock(
    upload: DataUpload, tmp_path: Path, settings: Any, monkeypatch: Any, caplog: Any
) -> None:
    """The lock is taken as the files start loading and held until a moment after the last is read:
    every progress write meets it and is skipped, the final write waits for it, and the result is
    recorded in full."""
    from tests.insights.test_uploads import _zip

    from csphub.analytics import pipeline
    from csphub.insights.uploads import run_upload, uploads_root

    settings.DATA_DIR = tmp_path
    folder = uploads_root(tmp_path) / upload.folder
    folder.mkdir(parents=True)
    (folder / "q1.zip").write_bytes(_zip(("2024-01", "2024-02")))
    DataUpload.objects.filter(pk=upload.pk).update(status=UploadStatus.QUEUED)
    ingest = pipeline.ingest_paths
    timers: list[threading.Timer] = []

    def ingest_under_lock(*args: Any, **kwargs: Any) -> Any:
        other = _hold(upload)
        try:
            return ingest(*args, **kwargs)
        finally:
            timers.append(threading.Timer(0.5, _release, [other]))
            timers[-1].start()

    monkeypatch.setattr(pipeline, "ingest_paths", ingest_under_lock)
    with caplog.at_level("INFO", logger="csphub.insights.uploads"):
        done = run_upload(upload.pk, data_dir=tmp_path)
    for timer in timers:
        timer.join()
    assert caplog.text.count("progress not written, the database was busy") == 2  # one per file
    assert done.status == UploadStatus.DONE and done.rows_stored > 0
    assert done.files_done == done.files_total == 2
