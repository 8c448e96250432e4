"""Loading police.uk data in the app: an analyst uploads the files, a background job ingests them.

``data_upload_start`` (the page's service) checks the actor may load data, keeps the files in a
folder of their own under ``DATA_DIR/uploads`` and enqueues :func:`load_upload` on the task queue
(Django's tasks framework, with its database backend: no extra server; ``csphub worker`` runs the
jobs, and ``csphub serve`` starts one beside the development server). The job calls the same ingest
as ``csphub ingest police-uk`` — all or nothing, idempotent by each file's SHA-256 — and writes its
progress (files and rows read) to the :class:`~csphub.insights.models.DataUpload` row after every
file, so the page can show it: each write a short statement of its own, outside any transaction,
waiting out a locked SQLite database (``core.dbretry``); a progress write that cannot get through
in half a second is skipped, since the next one carries the totals. Messages never name a server
path: the upload folder is cut from them, leaving the names the analyst uploaded.
"""

from __future__ import annotations

import logging
import re
import shutil
import uuid
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from csphub.agencies.policies import Capability, has_capability, partnership_for_new_record
from csphub.analytics import pipeline
from csphub.analytics.sources.police_uk import kind_of
from csphub.analytics.store import FileResult, IngestError, discover
from csphub.audit.services import audit_record
from csphub.core.dbretry import StillLocked, retry_locked
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.insights.models import DataUpload, UploadStatus

logger = logging.getLogger(__name__)

MAX_FILES = 500
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._()-]{0,150}$")
EXAMPLE_NAME = "2024-01-derbyshire-street.csv"
INTERNAL_ERROR = (
    "The files could not be loaded because of a fault in CSP Hub, not in your files. Nothing was "
    "changed. The fault has been logged for your administrator; try again later."
)


class Uploaded(Protocol):
    """What the page hands over for each file (Django's ``UploadedFile``)."""

    name: str | None
    size: int | None

    def chunks(self, chunk_size: int | None = ...) -> Any: ...


def uploads_root(data_dir: Path | None = None) -> Path:
    return Path(data_dir or settings.DATA_DIR) / "uploads"


def _check_name(name: str) -> str:
    base = Path(name.replace("\\", "/")).name
    lower = base.lower()
    if not _SAFE_NAME.match(base):
        raise ApplicationError(
            f"“{base[:60]}” has characters a file name cannot have: rename it as data.police.uk named it.",
            field="data_files",
        )
    if lower.endswith(".zip"):
        return base
    if not lower.endswith((".csv", ".csv.gz")):
        raise ApplicationError(
            f"“{base}” is not a data.police.uk download: upload the zip file as downloaded, or its CSV files.",
            field="data_files",
        )
    if kind_of(Path(base)) is None:
        raise ApplicationError(
            f"“{base}” is not named like a data.police.uk file (for example {EXAMPLE_NAME}): "
            "upload the files with the names data.police.uk gave them.",
            field="data_files",
        )
    return base


def data_upload_start(*, actor: Any, files: Sequence[Uploaded], data_dir: Path | None = None) -> DataUpload:
    """Keep the uploaded files and queue their loading. Refuses, keeping nothing, when the actor may
    not load data or a file is not a police.uk download (a zip that is not a zip, a CSV not named as
    police.uk names them, two files with one name, too many or too large)."""
    if not has_capability(actor, Capability.LOAD_DATA):
        raise PermissionDeniedError("You cannot load data into the analytics store.")
    # The upload is the partnership's (a county board loads nothing: it is told to switch).
    partnership = partnership_for_new_record(actor)
    if not files:
        raise ApplicationError("Choose the zip file or the CSV files to upload.", field="data_files")
    if len(files) > MAX_FILES:
        raise ApplicationError(
            f"Upload at most {MAX_FILES} files at a time, or the zip file.", field="data_files"
        )
    names = [_check_name(f.name or "") for f in files]
    seen: set[str] = set()
    for name in names:
        if name.lower() in seen:
            raise ApplicationError(f"“{name}” is chosen twice: choose each file once.", field="data_files")
        seen.add(name.lower())
    # A year of one force as downloaded is about 40 MB zipped; several years of a large force fit.
    limit = int(settings.CSPHUB_DATA_UPLOAD_MAX_BYTES)
    if sum(f.size or 0 for f in files) > limit:
        raise ApplicationError(
            f"The files are larger than {limit // (1024 * 1024)} MB in all: upload them in parts.",
            field="data_files",
        )
    folder_name = uuid.uuid4().hex
    folder = uploads_root(data_dir) / folder_name
    folder.mkdir(parents=True)
    try:
        for f, name in zip(files, names, strict=True):
            with (folder / name).open("wb") as out:
                for chunk in f.chunks():
                    out.write(chunk)
            if name.lower().endswith(".zip") and not zipfile.is_zipfile(folder / name):
                raise ApplicationError(
                    f"“{name}” is not a zip file, or it is damaged: download it again from data.police.uk.",
                    field="data_files",
                )
        with transaction.atomic():
            upload = DataUpload.objects.create(
                partnership=partnership,
                folder=folder_name,
                file_names=names,
                created_by=getattr(actor, "user", actor),
                modified_by=getattr(actor, "user", actor),
            )
            audit_record(actor=actor, verb="data_upload.started", target=upload)
            # The job row is written in the same transaction: both or neither.
            load_upload.enqueue(upload.pk)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return upload


def _clean(message: str, folder: Path) -> str:
    """A message as the analyst should read it: the upload folder cut out, leaving their file names."""
    for prefix in (str(folder.resolve()), str(folder)):
        message = message.replace(prefix + "/", "").replace(prefix, "the upload")
    return message


def _quarantined(results: Sequence[FileResult], data_dir: Path | None, folder: Path) -> list[dict[str, Any]]:
    """The rows set aside, with file, line and reason, from the store's quarantine files."""
    import pyarrow.csv as pacsv

    store = pipeline.store_for(data_dir or settings.DATA_DIR)
    rows: list[dict[str, Any]] = []
    for r in results:
        if r.rows_quarantined == 0 or r.status not in ("ingested", "replaced"):
            continue
        path = store.quarantine_path(r.dataset, r.force, r.month)
        if not path.exists():
            continue
        for row in pacsv.read_csv(path).to_pylist():
            if len(rows) >= DataUpload.QUARANTINE_KEPT:
                return rows
            rows.append(
                {
                    "file": _clean(str(row.get("file", "")), folder),
                    "line": row.get("line"),
                    "reason": _clean(str(row.get("reason", "")), folder),
                }
            )
    return rows


def _label(r: FileResult) -> str:
    kind = {"street": "crimes and ASB", "outcomes": "outcomes", "stop-and-search": "stop and search"}
    return f"{r.force.replace('-', ' ').title()} {r.month} ({kind.get(r.dataset, r.dataset)})"


def _write(rows: Any, **fields: Any) -> None:
    """One of the job's own writes (start, end), each a statement of its own, never one long
    transaction: the page's reads and other requests' writes come between them. It waits out a
    locked SQLite database for up to a minute (the page is only polling meanwhile)."""
    retry_locked(lambda: rows.update(**fields), within=60.0)


def _failed(upload: DataUpload, problems: list[str]) -> None:
    """The job ended without loading anything: keep the reasons, audited."""
    _write(
        DataUpload.objects.filter(pk=upload.pk),
        status=UploadStatus.FAILED,
        problems=problems,
        finished_at=timezone.now(),
    )
    upload.refresh_from_db()
    audit_record(actor=upload.created_by, verb="data_upload.failed", target=upload)


def run_upload(upload_id: int, *, data_dir: Path | None = None) -> DataUpload:
    """Load one upload's files into the store, recording progress and the result. Safe to run twice:
    a finished upload is left as it is."""
    upload = DataUpload.objects.get(pk=upload_id)
    if upload.finished:
        return upload
    folder = uploads_root(data_dir) / upload.folder
    rows = DataUpload.objects.filter(pk=upload_id)
    _write(rows, status=UploadStatus.RUNNING, started_at=timezone.now(), files_done=0, rows_done=0)
    try:
        paths = sorted(folder.iterdir()) if folder.is_dir() else []
        if not paths:
            raise IngestError(["The uploaded files are no longer there: upload them again."])
        _write(rows, files_total=len(discover(paths)))
        done = {"files": 0, "rows": 0}

        def progress(r: FileResult) -> None:
            # Totals, not increments: a write skipped while the database is locked loses nothing,
            # the next one carries it. Never fails the load: progress is for the page only.
            done["files"] += 1
            done["rows"] += r.rows_input
            try:
                retry_locked(
                    lambda: rows.update(files_done=done["files"], rows_done=done["rows"]), within=0.5
                )
            except StillLocked:
                logger.info("upload %s: progress not written, the database was busy", upload_id)

        summary = pipeline.ingest_paths(paths, data_dir=data_dir or settings.DATA_DIR, progress=progress)
    except IngestError as exc:
        _failed(upload, [_clean(p, folder) for p in exc.problems][:200])
    except Exception:
        logger.exception("data upload %s failed", upload_id)
        _failed(upload, [INTERNAL_ERROR])
    else:
        loaded = [r for r in summary.files if r.status in ("ingested", "replaced")]
        _write(
            rows,
            status=UploadStatus.DONE,
            files_done=len(summary.files),
            rows_done=summary.rows_input,
            rows_stored=sum(r.rows_stored for r in loaded),
            rows_quarantined=sum(r.rows_quarantined for r in loaded),
            files_unchanged=sum(1 for r in summary.files if r.status in ("unchanged", "duplicate")),
            months_loaded=sorted(_label(r) for r in loaded if r.status == "ingested"),
            months_replaced=sorted(_label(r) for r in loaded if r.status == "replaced"),
            quarantined=_quarantined(loaded, data_dir, folder),
            finished_at=timezone.now(),
        )
        upload.refresh_from_db()
        audit_record(actor=upload.created_by, verb="data_upload.loaded", target=upload)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    upload.refresh_from_db()
    return upload


@task()
def load_upload(upload_id: int) -> None:
    """The queued job: load the upload's files (see :func:`run_upload`)."""
    run_upload(upload_id)
