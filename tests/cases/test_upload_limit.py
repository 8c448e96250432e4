"""The upload limit is enforced before the body is read (security review finding 22).

- A multipart POST that declares more than the limit is answered 413 with a GOV.UK page, and its
  body is never read: the request's input stream fails the test if anything touches it.
- A file that passes the limit while it arrives (inside a body whose declared length was
  allowed) is skipped by the first upload handler: the page says it is too large, nothing is
  stored, and nothing of it is left in the temporary upload folder.
- Over HTTP, the production server answers the 413 straight after the headers, without waiting for
  a body it was told is 25 MB.
"""

from __future__ import annotations

import io
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from csphub.cases.models import Document
from csphub.core.uploads import FORM_ALLOWANCE_BYTES, upload_max_bytes
from tests.core.test_deployment import CSPHUB, _free_port, fetch, production_env, start_production_server

pytestmark = pytest.mark.django_db


class _UnreadableBody(io.RawIOBase):
    """A request body that must not be read."""

    def read(self, *args: Any, **kwargs: Any) -> bytes:
        raise AssertionError("the request body was read")

    readline = read


def test_a_body_declared_over_the_limit_is_refused_without_being_read(make_case: Any, client_as: Any) -> None:
    case = make_case()
    client = client_as("avbc_caseworker")
    declared = upload_max_bytes() + FORM_ALLOWANCE_BYTES + 1
    response = client.generic(
        "POST",
        reverse("cases:case_document_new", args=[case.pk]),
        b"",
        CONTENT_TYPE="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(declared),
        **{"wsgi.input": _UnreadableBody()},
    )
    body = response.content.decode()
    assert response.status_code == 413
    assert "The file is too large" in body and "smaller than 20MB" in body
    assert 'class="govuk-heading-l"' in body  # the GOV.UK page, not a bare error
    assert response["Connection"] == "close"
    assert Document.objects.count() == 0


def test_other_requests_are_not_affected(client: Any) -> None:
    # A large declared length on a form post that is not multipart is Django's own business (its
    # DATA_UPLOAD_MAX_MEMORY_SIZE check), not the upload limit's.
    response = client.get("/accounts/sign-in/", CONTENT_LENGTH=str(10**9))
    assert response.status_code == 200


def test_a_file_that_grows_past_the_limit_is_skipped_and_leaves_nothing(
    make_case: Any, client_as: Any, settings: Any, tmp_path: Path
) -> None:
    settings.CSPHUB_CASES = {"UPLOAD_MAX_BYTES": 64 * 1024}
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media"
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "upload-tmp")
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # every file would go to a temporary file
    (tmp_path / "upload-tmp").mkdir()
    case = make_case()
    content = b"%PDF-1.4\n" + b"x" * (200 * 1024)  # declared body within the allowance, file over
    response = client_as("avbc_caseworker").post(
        reverse("cases:case_document_new", args=[case.pk]),
        {"title": "Evidence", "visibility": "agency", "file": SimpleUploadedFile("big.pdf", content)},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "The selected file must be smaller than 64KB" in body
    assert Document.objects.count() == 0
    assert list((tmp_path / "upload-tmp").iterdir()) == []
    assert not (tmp_path / "media").exists() or not any((tmp_path / "media").rglob("*"))


def test_a_file_within_the_limit_is_still_stored(
    make_case: Any, client_as: Any, settings: Any, tmp_path: Path
) -> None:
    settings.CSPHUB_CASES = {"UPLOAD_MAX_BYTES": 64 * 1024}
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    case = make_case()
    content = b"Notes taken at the door\n" * 100
    response = client_as("avbc_caseworker").post(
        reverse("cases:case_document_new", args=[case.pk]),
        {"title": "Notes", "visibility": "agency", "file": SimpleUploadedFile("notes.txt", content)},
    )
    assert response.status_code == 302
    assert Document.objects.get().size_bytes == len(content)


@pytest.mark.slow
def test_the_production_server_refuses_a_large_upload_before_its_body(tmp_path: Path) -> None:
    env = production_env(tmp_path, f"sqlite:///{tmp_path / 'prod.sqlite3'}")
    migrated = subprocess.run([*CSPHUB, "migrate"], env=env, capture_output=True, text=True, timeout=300)
    assert migrated.returncode == 0, migrated.stderr
    port = _free_port()
    server = start_production_server(env, port)
    try:
        assert fetch(port, "/accounts/sign-in/")[0] == 200  # the workers are up and warm
        declared = 25 * 1024 * 1024
        head = (
            "POST /cases/1/documents/new/ HTTP/1.1\r\n"
            "Host: 127.0.0.1\r\n"
            "X-Forwarded-Proto: https\r\n"
            "Content-Type: multipart/form-data; boundary=xyz\r\n"
            f"Content-Length: {declared}\r\n\r\n"
        )
        # Only 7 bytes of the 25 MB promised are ever sent: a server that waited for the body
        # would never answer, and the socket's 30 s timeout would fail the test.
        with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
            started = time.monotonic()
            conn.sendall(head.encode() + b"--xyz\r\n")
            reply = b""
            while b"\r\n\r\n" not in reply:
                chunk = conn.recv(65536)
                if not chunk:
                    break
                reply += chunk
            elapsed = time.monotonic() - started
        status_line = reply.split(b"\r\n", 1)[0].decode()
        assert " 413 " in status_line, reply[:300]
        assert elapsed < 30
    finally:
        server.terminate()
        server.communicate(timeout=30)
