"""The upload limit, enforced before the body is read (security review finding 22).

Two layers, both sized from :func:`upload_max_bytes` (``CSPHUB_UPLOAD_MAX_BYTES``, 20 MB unless
the partnership sets ``CSPHUB_CASES["UPLOAD_MAX_BYTES"]``):

- :class:`UploadLimitMiddleware` refuses a multipart POST whose declared ``Content-Length`` is more
  than the limit plus room for the form's other fields, with a GOV.UK "file too large" page (413).
  It runs before anything reads ``request.POST`` (the CSRF check and the invalid-character check
  both do), so not one byte of the body is read, kept in memory or written to disk.
- :class:`UploadLimitHandler`, first in ``FILE_UPLOAD_HANDLERS``, counts each file's bytes as they
  arrive and skips the file the moment it passes the limit (a body that declares a small length
  but carries a large file inside its fields budget): nothing more of it reaches memory or the
  temporary folder, and :func:`upload_refusal` tells the view to say why.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import (
    FileUploadHandler,
    SkipFile,
    StopUpload,
    TemporaryFileUploadHandler,
)
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

DEFAULT_UPLOAD_MAX_BYTES = 20 * 1024 * 1024
# The rest of an upload form (title, choices, the CSRF token) and the multipart framing.
FORM_ALLOWANCE_BYTES = 256 * 1024
_REFUSED = "_csphub_upload_refused"


def upload_max_bytes(request: HttpRequest | None = None) -> int:
    """The largest file anyone may upload, in bytes; on a page listed in
    ``CSPHUB_UPLOAD_LIMITS_BY_PATH`` (path prefix -> bytes: police.uk downloads), that page's limit."""
    path = str(getattr(request, "path", "") or "")
    for prefix, limit in dict(getattr(settings, "CSPHUB_UPLOAD_LIMITS_BY_PATH", {}) or {}).items():
        if path.startswith(prefix):
            return int(limit)
    cases = dict(getattr(settings, "CSPHUB_CASES", {}) or {})
    configured = cases.get("UPLOAD_MAX_BYTES", getattr(settings, "CSPHUB_UPLOAD_MAX_BYTES", None))
    return DEFAULT_UPLOAD_MAX_BYTES if configured is None else int(configured)


def human_size(size: int) -> str:
    return f"{size // (1024 * 1024)}MB" if size >= 1024 * 1024 else f"{size // 1024}KB"


def too_large_message(request: HttpRequest | None = None) -> str:
    return f"The selected file must be smaller than {human_size(upload_max_bytes(request))}"


def _declared_length(request: HttpRequest) -> int | None:
    raw = str(request.META.get("CONTENT_LENGTH") or "")
    return int(raw) if raw.isdigit() and len(raw) < 20 else None


def _is_multipart(request: HttpRequest) -> bool:
    return str(request.META.get("CONTENT_TYPE", "")).lower().startswith("multipart/")


class UploadLimitMiddleware:
    """413 for a multipart body declared larger than the upload limit, before it is read."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = _declared_length(request)
        if (
            request.method == "POST"
            and _is_multipart(request)
            and length is not None
            and length > upload_max_bytes(request) + FORM_ALLOWANCE_BYTES
        ):
            response = render(
                request,
                "413.html",
                {"message": too_large_message(request), "limit": human_size(upload_max_bytes(request))},
                status=413,
            )
            # The body was not read: tell the client (and the proxy) not to reuse this connection.
            response["Connection"] = "close"
            return response
        return self.get_response(request)


class UploadLimitHandler(FileUploadHandler):
    """Skips a file as soon as more than the limit has arrived; it never reaches a later handler."""

    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.limit = upload_max_bytes(request)
        self.received = 0

    def handle_raw_input(
        self, input_data: Any, META: Any, content_length: int, boundary: Any, encoding: Any = None
    ) -> None:
        if content_length > self.limit + FORM_ALLOWANCE_BYTES:  # the middleware was bypassed
            self._refuse()
            raise StopUpload(connection_reset=True)

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0
        if self.content_length is not None and self.content_length > self.limit:
            self._refuse()
            raise SkipFile

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > self.limit:
            self._refuse()
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler (memory or temporary file) builds the file

    def _refuse(self) -> None:
        if self.request is not None:
            setattr(self.request, _REFUSED, True)


def upload_refusal(request: HttpRequest) -> str | None:
    """Why an uploaded file was left out of ``request.FILES``, or None. Read after ``request.FILES``."""
    return too_large_message(request) if getattr(request, _REFUSED, False) else None


# --- Where an upload is while it arrives (finding 22: nothing is left behind by a killed process) --
# A file larger than the in-memory threshold is spooled by Django into FILE_UPLOAD_TEMP_DIR, which
# is a private folder inside the data folder (not the shared /tmp); evidence being stored is written
# into an ``.incoming`` folder beside the stored files and moved into place only once it passed every
# check. A process killed mid-upload leaves its partial file in one of those two folders, and
# :func:`sweep_upload_debris` (run when the server starts) removes what is older than an hour.
INCOMING = ".incoming"
DEBRIS_AGE_SECONDS = 3600


def upload_temp_dir() -> Path:
    return Path(settings.FILE_UPLOAD_TEMP_DIR)


class PrivateTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    """Django's temporary-file handler, spooling into the private upload folder (made on demand)."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        upload_temp_dir().mkdir(mode=0o700, parents=True, exist_ok=True)
        super().new_file(*args, **kwargs)


def incoming_dir(root: Path) -> Path:
    """The folder beside ``root``'s stored files where a file is written before it is accepted."""
    folder = root / INCOMING
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def sweep_upload_debris(
    roots: list[Path] | None = None, *, older_than: float = DEBRIS_AGE_SECONDS, now: float | None = None
) -> list[Path]:
    """Remove partial uploads older than ``older_than`` seconds; returns what was removed.

    ``roots`` defaults to the private upload folder and every ``.incoming`` folder under the private
    media root. A younger file may belong to an upload still arriving, so it is left alone.
    """
    if roots is None:
        media = Path(settings.PRIVATE_MEDIA_ROOT)
        roots = [upload_temp_dir(), *(media.glob(f"**/{INCOMING}") if media.exists() else [])]
    cutoff = (time.time() if now is None else now) - older_than
    removed = []
    for root in roots:
        if not root.is_dir():
            continue
        for entry in root.iterdir():
            try:
                if entry.is_file() and entry.stat().st_mtime < cutoff:
                    os.unlink(entry)
                    removed.append(entry)
            except FileNotFoundError:  # another process swept it first
                continue
    return removed
